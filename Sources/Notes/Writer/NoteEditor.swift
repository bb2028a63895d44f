import Foundation

/// Why an edit could not be made. Nothing is written when an edit fails.
public enum NoteEditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No block has this id.
    case blockNotFound(id: String)
    /// Several blocks share this id: editing one would be a guess.
    case duplicateBlockID(id: String)
    /// The block's JSON could not be read, so it cannot be rewritten.
    case unreadableBlock(id: String, line: Int)
    /// The note has no `annotation-target` in its front matter to change.
    case noFrontMatterTarget
    /// The `annotation-target` value is written in a form PDFAnchor cannot edit in place.
    case uneditableFrontMatterTarget(line: Int)
    /// After the edit, the note did not read back as intended.
    case verificationFailed(id: String, reason: String)
    /// The block's JSON holds bytes that are not UTF-8: rewriting it would lose them.
    case notUTF8(id: String, line: Int)

    public var description: String {
        switch self {
        case .blockNotFound(let id): return "no block ^\(id) in the note"
        case .duplicateBlockID(let id): return "several blocks are ^\(id); fix the duplicate ids first"
        case .unreadableBlock(let id, let line): return "block ^\(id) (line \(line)) cannot be read, so it is left alone"
        case .noFrontMatterTarget: return "the note has no annotation-target in its front matter"
        case .uneditableFrontMatterTarget(let line):
            return "the annotation-target on line \(line) is written in a form that cannot be edited in place"
        case .verificationFailed(let id, let reason): return "editing ^\(id) did not read back correctly: \(reason)"
        case .notUTF8(let id, let line):
            return "block ^\(id) (line \(line)) holds bytes that are not UTF-8; rewriting it would replace them, so it is left alone — save the note as UTF-8 first"
        }
    }
}

/// Edits a note by replacing only the lines an edit must change; every
/// other byte stays as it was read.
///
/// Annotation JSON is written back on one line in the plugin's style
/// (`JSON.stringify`, keys in their original order); the Markdown quote line
/// is rewritten in the block's own style (with or without PREFIX/POSTFIX
/// sections and `==` markers), because the plugin reads prefix and suffix
/// from it. Line endings and the quote marker (`>` or `> `) follow the
/// block. Once all edits are made, ``verify()`` reads the result again and
/// checks every edited block.
public struct NoteEditor: Sendable {
    /// The note as read, before any edit.
    public let original: AnnotationNote
    /// Replacement lines (content, no terminators) keyed by the 0-based
    /// range of original lines they replace.
    private var replacements: [Range<Int>: [String]] = [:]
    /// Current JSON of edited blocks, by block index.
    private var editedJSON: [Int: JSONObject] = [:]
    /// What each edited block must read back as (checked by ``verify()``).
    private var expectations: [String: [Expectation]] = [:]
    /// What the front matter's `annotation-target` must read back as.
    private var expectedTarget: String?
    /// The indices of the blocks with each id.
    private let blocksByID: [String: [Int]]

    /// An editor of `note`, with no edits yet.
    public init(note: AnnotationNote) {
        original = note
        var byID: [String: [Int]] = [:]
        for (index, block) in note.blocks.enumerated() {
            if let id = block.id { byID[id, default: []].append(index) }
        }
        blocksByID = byID
    }

    /// True when some edit changed something.
    public var hasChanges: Bool { result != original.bytes }

    /// The 0-based indices of the original lines that edits replace.
    public var changedLines: [Int] { replacements.keys.flatMap { Array($0) }.sorted() }

    // MARK: Edits

    /// Changes the annotation JSON of block `id` with `change` and writes it
    /// back (one line, original key order).
    public mutating func updateJSON(id: String, _ change: (inout JSONObject) -> Void) throws(NoteEditError) {
        try editJSON(id: id) { object in
            let before = object
            change(&object)
            return object != before
        }
    }

    /// As ``updateJSON(id:_:)``, `change` saying whether it changed
    /// anything (no copy of the object to compare with).
    mutating func editJSON(id: String, _ change: (inout JSONObject) -> Bool) throws(NoteEditError) {
        let index = try blockIndex(id)
        let block = original.blocks[index]
        guard let jsonLines = block.jsonLines, var object = editedJSON[index] ?? block.annotation?.json else {
            throw .unreadableBlock(id: id, line: block.firstLine)
        }
        if editedJSON[index] == nil, jsonLines.contains(where: { String(validating: original.text.contentBytes($0), as: UTF8.self) == nil }) {
            throw .notUTF8(id: id, line: block.firstLine)
        }
        // Nothing changed: the line stays as it was, byte for byte.
        guard change(&object) else { return }
        editedJSON[index] = object
        replacements[jsonLines] = [block.marker + JSONWriter.string(.object(object))]
        // The JSON now expected replaces what earlier edits of the block expected of it.
        expectations[id, default: []].removeAll { if case .json = $0 { true } else { false } }
        expectations[id, default: []].append(.json(object))
    }

    /// Replaces block `id`'s quote (and position) selectors in its first
    /// target, in place, and rewrites its Markdown quote line to match.
    ///
    /// - Parameters:
    ///   - quote: the new TextQuoteSelector (PDF.js text; no line breaks).
    ///   - position: the new TextPositionSelector (UTF-16 offsets into
    ///     PDF.js text), or nil to leave the old one.
    public mutating func setSelectors(id: String, quote: TextQuoteSelector, position: TextPositionSelector?) throws(NoteEditError) {
        try updateJSON(id: id) { object in
            var targets = object["target"]?.arrayValue ?? []
            var target = targets.first?.objectValue ?? JSONObject()
            var selectors = target["selector"]?.arrayValue ?? []
            Self.upsert(&selectors, type: "TextQuoteSelector") { selector in
                selector["exact"] = .string(quote.exact)
                selector["prefix"] = .string(quote.prefix)
                selector["suffix"] = .string(quote.suffix)
            }
            if let position {
                Self.upsert(&selectors, type: "TextPositionSelector", before: "TextQuoteSelector") { selector in
                    selector["start"] = .integer(position.start)
                    selector["end"] = .integer(position.end)
                }
            }
            target["selector"] = .array(selectors)
            if targets.isEmpty { targets = [.object(target)] } else { targets[0] = .object(target) }
            object["target"] = .array(targets)
        }
        let index = try blockIndex(id)
        let block = original.blocks[index]
        if let quoteLines = block.quoteLines {
            replacements[quoteLines] = Self.quoteLine(for: quote, style: block.markdown).map { block.marker + $0 }
        }
        expectations[id, default: []].append(.selectors(quote, position))
    }

    /// Rewrites block `id`'s document locations — `uri`, every
    /// `target[].source` and every `document.link[].href` — with
    /// `transform`, which returns the new value or nil to keep the old one.
    public mutating func rewriteLocations(id: String, _ transform: (String) -> String?) throws(NoteEditError) {
        try editJSON(id: id) { object in
            var changed = false
            if let uri = object["uri"]?.stringValue, let new = transform(uri), new != uri {
                object["uri"] = .string(new)
                changed = true
            }
            if var targets = object["target"]?.arrayValue, Self.rewrite("source", in: &targets, transform) {
                object["target"] = .array(targets)
                changed = true
            }
            if var document = object["document"]?.objectValue, var links = document["link"]?.arrayValue,
                Self.rewrite("href", in: &links, transform)
            {
                document["link"] = .array(links)
                object["document"] = .object(document)
                changed = true
            }
            return changed
        }
    }


    /// Sets block `id`'s `document.documentFingerprint` and its
    /// `urn:x-pdf:` link to `fingerprint`.
    public mutating func setFingerprint(id: String, _ fingerprint: String) throws(NoteEditError) {
        try updateJSON(id: id) { object in
            guard var document = object["document"]?.objectValue else { return }
            if document["documentFingerprint"] != nil { document["documentFingerprint"] = .string(fingerprint) }
            if var links = document["link"]?.arrayValue {
                _ = Self.rewrite("href", in: &links) { $0.hasPrefix("urn:x-pdf:") ? "urn:x-pdf:" + fingerprint : nil }
                document["link"] = .array(links)
            }
            object["document"] = .object(document)
        }
    }

    /// Replaces the front matter's `annotation-target` value (the first
    /// element of a list) with `value`, keeping its quoting style.
    public mutating func setFrontMatterTarget(_ value: String) throws(NoteEditError) {
        guard let matter = original.frontMatter, let location = matter.targetLocation, let old = matter.target else {
            throw .noFrontMatterTarget
        }
        let line = original.line(location.line)
        let scalars = Array(line.unicodeScalars)
        guard location.column <= scalars.count else { throw .uneditableFrontMatterTarget(line: location.line + 1) }
        var start = location.column
        var end: Int
        var replacement: String
        switch location.style {
        case .doubleQuoted:
            guard start < scalars.count, scalars[start] == "\"" else { throw .uneditableFrontMatterTarget(line: location.line + 1) }
            end = start + 1
            while end < scalars.count, scalars[end] != "\"" { end += scalars[end] == "\\" ? 2 : 1 }
            guard end < scalars.count else { throw .uneditableFrontMatterTarget(line: location.line + 1) }
            end += 1
            var escaped = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            replacement = "\"" + escaped + "\""
        case .singleQuoted:
            guard start < scalars.count, scalars[start] == "'" else { throw .uneditableFrontMatterTarget(line: location.line + 1) }
            end = start + 1
            while end < scalars.count {
                if scalars[end] == "'" {
                    if end + 1 < scalars.count, scalars[end + 1] == "'" { end += 2; continue }
                    break
                }
                end += 1
            }
            guard end < scalars.count else { throw .uneditableFrontMatterTarget(line: location.line + 1) }
            end += 1
            replacement = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .plain:
            var written = old
            if location.bareWikiLink {
                // Yams marks the inner scalar; the brackets sit before and after it.
                written = old
                start -= 2
            }
            let oldScalars = Array(written.unicodeScalars)
            guard start >= 0, start + oldScalars.count <= scalars.count,
                Array(scalars[start..<(start + oldScalars.count)]) == oldScalars
            else { throw .uneditableFrontMatterTarget(line: location.line + 1) }
            end = start + oldScalars.count
            replacement = Self.isPlainSafe(value) || location.bareWikiLink ? value : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .other:
            throw .uneditableFrontMatterTarget(line: location.line + 1)
        }
        var newLine = String.UnicodeScalarView()
        newLine.append(contentsOf: scalars[..<start])
        newLine.append(contentsOf: replacement.unicodeScalars)
        newLine.append(contentsOf: scalars[end...])
        replacements[location.line..<(location.line + 1)] = [String(newLine)]
        expectedTarget = value
    }

    // MARK: Output

    /// The edited note's bytes.
    public var result: [UInt8] {
        guard !replacements.isEmpty else { return original.bytes }
        return rendered(0..<original.text.lines.count)
    }

    /// The edited bytes of the original lines `lines` (with the edits of
    /// those lines applied).
    private func rendered(_ lines: Range<Int>, replacementStarts: [Int: (key: Range<Int>, value: [String])]? = nil) -> [UInt8] {
        let text = original.text
        var output: [UInt8] = []
        output.reserveCapacity(lines.count == text.lines.count ? original.bytes.count + 1024 : 4096)
        let starts = replacementStarts ?? Dictionary(uniqueKeysWithValues: replacements.map { ($0.key.lowerBound, $0) })
        var index = lines.lowerBound
        while index < lines.upperBound {
            if let (range, newLines) = starts[index] {
                let lastLine = text.lines[max(range.lowerBound, range.upperBound - 1)]
                let terminator = Array(text.bytes[lastLine.contentEnd..<lastLine.end])
                let between = terminator.isEmpty ? Array(lineTerminator.utf8) : terminator
                for (k, line) in newLines.enumerated() {
                    output.append(contentsOf: Array(line.utf8))
                    output.append(contentsOf: k == newLines.count - 1 ? terminator : between)
                }
                index = max(range.upperBound, index + 1)
            } else {
                let line = text.lines[index]
                output.append(contentsOf: text.bytes[line.start..<line.end])
                index += 1
            }
        }
        return output
    }

    /// What the edits change, by field (``LineChange``): each distinct
    /// change once, with the 0-based original lines it is made on, in the
    /// order of their first line. A range of lines replaced by another
    /// number of lines (a highlight's quote line that wraps differently)
    /// is said as such.
    public func changeSummary() -> [(lines: [Int], change: LineChange)] {
        var order: [LineChange] = []
        var lines: [LineChange: [Int]] = [:]
        for range in replacements.keys.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let new = replacements[range]!
            let pairs: [(Int, LineChange)]
            if range.count == new.count {
                pairs = zip(range, new).compactMap { line, text in
                    let old = original.line(line)
                    return old == text ? nil : (line, LineChange(old: old, new: text))
                }
            } else {
                let old = range.map { original.line($0) }.joined(separator: " ")
                pairs = [(range.lowerBound, LineChange(old: old, new: new.joined(separator: " ")))]
            }
            for (line, change) in pairs {
                if lines[change] == nil { order.append(change) }
                lines[change, default: []].append(line)
            }
        }
        return order.map { (lines[$0]!, $0) }
    }

    /// A unified diff (`diff -u` style, 3 lines of context) from the
    /// original note to the edited one; empty when nothing changed.
    public func unifiedDiff(label: String) -> String {
        let edited = result
        guard edited != original.bytes else { return "" }
        // Lines only: the edited note need not be parsed for this.
        let newText = NoteText(bytes: edited)
        // A CRLF line keeps its CR, so that the patch applies to the note.
        let old = (0..<original.lineCount).map { original.line($0) + (original.text.lines[$0].hasCRLF ? "\r" : "") }
        let new = (0..<newText.lines.count).map { newText.content($0) + (newText.lines[$0].hasCRLF ? "\r" : "") }
        // A tab ends each name, as diff -u writes it: patch then takes a
        // name with spaces whole.
        var output = "--- a/\(label)\t\n+++ b/\(label)\t\n"
        let ranges = replacements.keys.sorted { $0.lowerBound < $1.lowerBound }
        // Map each replaced range to its new lines' position.
        var shift = 0
        var hunks: [(oldStart: Int, oldEnd: Int, newStart: Int, newEnd: Int)] = []
        for range in ranges {
            let count = replacements[range]!.count
            let oldEnd = max(range.upperBound, range.lowerBound)
            hunks.append((range.lowerBound, oldEnd, range.lowerBound + shift, range.lowerBound + shift + count))
            shift += count - (oldEnd - range.lowerBound)
        }
        var k = 0
        while k < hunks.count {
            // Merge hunks whose contexts touch.
            var group = [hunks[k]]
            while k + 1 < hunks.count, hunks[k + 1].oldStart - group.last!.oldEnd <= 6 {
                k += 1
                group.append(hunks[k])
            }
            let contextStart = max(0, group.first!.oldStart - 3)
            let contextEnd = min(old.count, group.last!.oldEnd + 3)
            let newContextStart = group.first!.newStart - (group.first!.oldStart - contextStart)
            let newContextEnd = group.last!.newEnd + (contextEnd - group.last!.oldEnd)
            output += "@@ -\(contextStart + 1),\(contextEnd - contextStart) +\(newContextStart + 1),\(newContextEnd - newContextStart) @@\n"
            var oldIndex = contextStart
            for hunk in group {
                while oldIndex < hunk.oldStart {
                    output += " " + old[oldIndex] + "\n"
                    oldIndex += 1
                }
                for line in old[hunk.oldStart..<hunk.oldEnd] { output += "-" + line + "\n" }
                for line in new[hunk.newStart..<hunk.newEnd] { output += "+" + line + "\n" }
                oldIndex = hunk.oldEnd
            }
            while oldIndex < contextEnd {
                output += " " + old[oldIndex] + "\n"
                oldIndex += 1
            }
            k += 1
        }
        return output
    }

    // MARK: Helpers

    /// The note's usual line terminator (for lines an edit adds).
    private var lineTerminator: String { original.usesCRLF ? "\r\n" : "\n" }

    private func blockIndex(_ id: String) throws(NoteEditError) -> Int {
        guard let matches = blocksByID[id], let first = matches.first else { throw .blockNotFound(id: id) }
        guard matches.count == 1 else { throw .duplicateBlockID(id: id) }
        return first
    }

    /// What an edit expects block `id` to read back as.
    private enum Expectation: Sendable {
        /// The annotation JSON, exactly.
        case json(JSONObject)
        /// The quote (prefix and suffix as the plugin trims them) and position.
        case selectors(TextQuoteSelector, TextPositionSelector?)

        /// Nil when `annotation` is as expected, else what differs.
        func problem(in annotation: Annotation) -> String? {
            switch self {
            case .json(let object):
                return annotation.json == object ? nil : "the JSON differs after writing"
            case .selectors(let quote, let position):
                guard let read = annotation.quote else { return "no quote selector" }
                if read.exact != quote.exact { return "exact reads back as \(read.exact.debugDescription)" }
                if read.prefix.jsTrimmed != quote.prefix.jsTrimmed || read.suffix.jsTrimmed != quote.suffix.jsTrimmed {
                    return "prefix or suffix read back differently"
                }
                if let position, annotation.position != position { return "position reads back differently" }
                return nil
            }
        }
    }

    /// Reads the edited note again, once, and checks every edited block
    /// against what its edits expect, and that no block was gained or lost.
    /// Call it after the last edit and before using ``result``.
    /// - Throws: ``NoteEditError/verificationFailed(id:reason:)`` naming the
    ///   first block that does not read back as intended.
    ///
    /// Edits replace whole lines inside a block (or the front matter's
    /// target line), one-line JSON that cannot hold a line break: so each
    /// edited block is read again on its own, as the plugin would find it
    /// (after an empty line), and must still be one block with its id — the
    /// cost grows with the edits, not with the note.
    public func verify() throws(NoteEditError) {
        guard !expectations.isEmpty || expectedTarget != nil else { return }
        let starts = Dictionary(uniqueKeysWithValues: replacements.map { ($0.key.lowerBound, $0) })
        if let expectedTarget {
            let end = original.blocks.first?.lines.lowerBound ?? original.lineCount
            let head = AnnotationNote(bytes: rendered(0..<end, replacementStarts: starts), path: original.path)
            if head.frontMatter?.target != expectedTarget {
                throw .verificationFailed(id: "front matter", reason: "annotation-target reads back as \(head.frontMatter?.target ?? "nothing")")
            }
        }
        for (id, expected) in expectations.sorted(by: { $0.key < $1.key }) {
            let block = original.blocks[try blockIndex(id)]
            if case .json(let object)? = expected.last, expected.count == 1, let jsonLines = block.jsonLines,
                block.lines.compactMap({ starts[$0]?.key }) == [jsonLines]
            {
                // Only the JSON line changed: it must read back as the object meant.
                guard let line = replacements[jsonLines], line.count == 1, line[0].hasPrefix(block.marker),
                    case .object(let read)? = try? JSONParser.parse(utf8: Array(line[0].utf8.dropFirst(block.marker.utf8.count))),
                    read == object
                else {
                    throw .verificationFailed(id: id, reason: "the JSON differs after writing")
                }
                continue
            }
            let reread = AnnotationNote(bytes: [0x0A] + rendered(block.lines, replacementStarts: starts), path: original.path)
            guard reread.blocks.count == 1, reread.blocks[0].id == id, let annotation = reread.blocks[0].annotation else {
                throw .verificationFailed(id: id, reason: "the block no longer reads as one block ^\(id)")
            }
            if let problem = expected.lazy.compactMap({ $0.problem(in: annotation) }).first {
                throw .verificationFailed(id: id, reason: problem)
            }
        }
    }

    /// Rewrites the string `key` of each object among `items` with
    /// `transform` (the new value, or nil to keep the old one).
    /// - Returns: whether any changed.
    private static func rewrite(_ key: String, in items: inout [JSONValue], _ transform: (String) -> String?) -> Bool {
        var changed = false
        for k in items.indices {
            guard var item = items[k].objectValue, let old = item[key]?.stringValue, let new = transform(old), new != old else { continue }
            item[key] = .string(new)
            items[k] = .object(item)
            changed = true
        }
        return changed
    }

    /// Replaces the selector of `type` in place (keeping its key order), or
    /// inserts a new one (before the first selector of type `before`, if any).
    private static func upsert(
        _ selectors: inout [JSONValue], type: String, before: String? = nil, _ change: (inout JSONObject) -> Void
    ) {
        if let index = selectors.firstIndex(where: { $0["type"]?.stringValue == type }),
            var object = selectors[index].objectValue
        {
            change(&object)
            selectors[index] = .object(object)
            return
        }
        var object = JSONObject(["type": .string(type)])
        change(&object)
        if let before, let index = selectors.firstIndex(where: { $0["type"]?.stringValue == before }) {
            selectors.insert(.object(object), at: index)
        } else {
            selectors.append(.object(object))
        }
    }

    /// The plugin's quote line for `quote`, in the style of an existing block
    /// (sections and markers as it had them), split at line breaks.
    static func quoteLine(for quote: TextQuoteSelector, style: AnnotationBlock.Markdown) -> [String] {
        let trim = { (s: String) in s.jsTrimmed }
        var line = "*"
        if style.prefix != nil { line += "%%PREFIX%%" + trim(quote.prefix) }
        line += "%%HIGHLIGHT%%"
        line += style.highlightMarkers ? " ==" + trim(quote.exact) + "== " : trim(quote.exact)
        if style.postfix != nil { line += "%%POSTFIX%%" + trim(quote.suffix) }
        line += "*"
        return line.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether a YAML plain scalar can hold `value` without quotes.
    private static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.first, !value.hasSuffix(" ") else { return false }
        if "[]{}#&*!|>'\"%@`,?:-".contains(first) { return false }
        return !value.contains(": ") && !value.contains(" #") && !value.contains("\n")
    }
}

extension AnnotationNote {
    /// Every line's content, without terminators.
    var lineTexts: [String] { (0..<lineCount).map { line($0) } }
}
