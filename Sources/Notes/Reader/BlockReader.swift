import Foundation

/// Finds and reads the annotation blocks of a note, isolating each bad
/// block so that the others are always read.
///
/// The shape written by obsidian-annotator (docs/formats.md, "Annotation notes"), every line after
/// the blank line starting with `>`:
///
///     >%%
///     >```annotation-json
///     >{…one-line JSON…}
///     >```
///     >%%
///     >*%%PREFIX%%…%%HIGHLIGHT%% ==…== %%POSTFIX%%…*
///     >%%LINK%%[[#^id|show annotation]]
///     >%%COMMENT%%
///     >…
///     >%%TAGS%%
///     >#a, #b
///     ^id
struct BlockReader {
    let text: NoteText
    var blocks: [AnnotationBlock] = []
    var diagnostics: [Diagnostic] = []

    init(text: NoteText) {
        self.text = text
    }

    /// Reads every block from line `start` (0-based) on.
    mutating func read(after start: Int) {
        var index = start
        while index < text.lines.count {
            if let next = readBlock(at: index) {
                index = next
            } else {
                index += 1
            }
        }
    }

    // MARK: Recognising lines (on bytes: notes can hold thousands of blocks)

    /// The line's bytes after its quote marker (`>` and, when `spaced`, one
    /// space), or nil when it does not start with `>`.
    private func unquoted(_ index: Int, spaced: Bool) -> ArraySlice<UInt8>? {
        guard text.line(index, startsWith: ">") else { return nil }
        var content = text.contentBytes(index).dropFirst()
        if spaced, content.first == 0x20 { content = content.dropFirst() }
        return content
    }

    /// The bytes after `>` with any leading spaces removed (for recognising
    /// structure whatever the marker style).
    private func loosely(_ index: Int) -> ArraySlice<UInt8>? {
        guard index < text.lines.count, text.line(index, startsWith: ">") else { return nil }
        return text.contentBytes(index).dropFirst().drop { $0 == 0x20 }
    }

    private func isFence(_ index: Int) -> Bool {
        loosely(index).map { Self.hasPrefix($0, "```annotation-json") } ?? false
    }

    private func isOpener(_ index: Int) -> Bool {
        guard let content = loosely(index) else { return false }
        return Self.isPercentPair(content) && isFence(index + 1)
    }

    private func isVideoHeader(_ index: Int) -> Bool {
        guard let content = loosely(index) else { return false }
        return Self.hasPrefix(content, "**") && Self.contains(content, "%%TIMESTAMP:")
    }

    /// Whether `bytes`, spaces and tabs aside, is `%%`.
    static func isPercentPair(_ bytes: ArraySlice<UInt8>) -> Bool {
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        return trimmed.count == 2 && trimmed.allSatisfy { $0 == UInt8(ascii: "%") }
    }

    static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { p in
            guard bytes.count >= p.count else { return false }
            var i = bytes.startIndex
            for byte in p {
                if bytes[i] != byte { return false }
                i += 1
            }
            return true
        }
    }

    static func contains(_ bytes: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { n in
            guard let first = n.first, bytes.count >= n.count else { return false }
            var i = bytes.startIndex
            while i <= bytes.endIndex - n.count {
                if bytes[i] == first, zip(bytes[i..<(i + n.count)], n).allSatisfy({ $0 == $1 }) { return true }
                i += 1
            }
            return false
        }
    }

    /// The block id on line `index` (`^id`), and whether it is written
    /// exactly as the plugin requires.
    private func blockID(_ index: Int) -> (id: String, exact: Bool)? {
        guard index < text.lines.count, text.line(index, startsWith: "^") else { return nil }
        let content = text.content(index)
        let trimmed = content.dropFirst().trimmingCharacters(in: " \t")
        guard !trimmed.isEmpty,
            trimmed.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" })
        else { return nil }
        let exact = trimmed.unicodeScalars.allSatisfy(\.isASCIIAlphanumeric) && content.count == trimmed.count + 1
        return (trimmed, exact)
    }

    // MARK: Reading a block

    /// Reads the block starting at line `start`, if one starts there, and
    /// returns the index of the line after it.
    ///
    /// A block is a run of `>` lines that opens like an annotation block
    /// (`>%%` then the JSON fence, or the fence alone, or a video header),
    /// or any run of `>` lines holding `%%` that is followed by a `^id` line.
    /// A run is split where another block visibly starts, so that a block
    /// missing its `^id` line cannot swallow the next one.
    private mutating func readBlock(at start: Int) -> Int? {
        guard text.line(start, startsWith: ">") else { return nil }
        let video = isVideoHeader(start)
        let opens = video || isOpener(start) || isFence(start)
        if !opens, start > 0, text.line(start - 1, startsWith: ">") { return nil }
        var end = start + 1
        var sawFence = isFence(start)
        var sawMarker = loosely(start).map { Self.contains($0, "%%") } ?? false
        while end < text.lines.count, text.line(end, startsWith: ">") {
            // A quotation that runs into a block: the block starts there.
            if !opens, isOpener(end) || isFence(end) || isVideoHeader(end) { return end }
            if isOpener(end) || isVideoHeader(end) || (isFence(end) && sawFence && !isOpener(end - 1)) { break }
            sawFence = sawFence || isFence(end)
            sawMarker = sawMarker || (loosely(end).map { Self.contains($0, "%%") } ?? false)
            end += 1
        }
        if !opens {
            // An ordinary quotation, unless it looks like a block that lost its fence.
            guard sawMarker, blockID(end) != nil else { return end }
        }
        var idLine: Int?
        var id: (id: String, exact: Bool)?
        if let found = blockID(end) {
            idLine = end
            id = found
        } else if end < text.lines.count, text.isBlank(end), let found = blockID(end + 1) {
            idLine = end + 1
            id = found
            diagnostics.append(
                Diagnostic(
                    line: end + 1, severity: .warning, code: .blankBeforeId,
                    message: "a blank line separates the block from its ^\(found.id) line; the plugin does not see this block",
                    blockID: found.id))
        }
        let lines = start..<((idLine ?? (end - 1)) + 1)
        // Video headers start with "> **" by design; only annotation blocks can be "spaced".
        let spaced = !video && text.line(start, startsWith: "> ")
        var block = AnnotationBlock(
            kind: video ? .video : .annotation, id: id?.id, lines: lines, idLine: idLine,
            marker: spaced ? "> " : ">", markdown: AnnotationBlock.Markdown())

        if id == nil {
            diagnostics.append(
                Diagnostic(
                    line: start + 1, severity: .error, code: .missingId,
                    message: "the block has no ^id line after its last line (\(end)); the plugin cannot read it and links to it break"))
        } else if let id, !id.exact {
            diagnostics.append(
                Diagnostic(
                    line: idLine! + 1, severity: .warning, code: .idFormat,
                    message: "the block id line '^\(id.id)' has characters or spaces the plugin does not accept",
                    blockID: id.id))
        }
        checkSurroundings(of: block, spaced: spaced)
        if !video {
            readContent(of: &block, contentLines: start..<end, spaced: spaced)
        }
        blocks.append(block)
        return (idLine ?? (end - 1)) + 1
    }

    private mutating func checkSurroundings(of block: AnnotationBlock, spaced: Bool) {
        let start = block.lines.lowerBound
        if start == 0 || text.lines[start - 1].contentEnd != text.lines[start - 1].start {
            diagnostics.append(
                Diagnostic(
                    line: block.firstLine, severity: .warning, code: .noBlankLine,
                    message: "no empty line before the block; the plugin does not see it", blockID: block.id))
        }
        if spaced {
            diagnostics.append(
                Diagnostic(
                    line: block.firstLine, severity: .warning, code: .quoteSpace,
                    message: "the block's lines start with '> ' (a Markdown formatter?); the plugin reads only '>'",
                    blockID: block.id))
        }
        let range = text.lines[start].start..<text.lines[block.lines.upperBound - 1].contentEnd
        let bytes = text.bytes[range]
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: 0xE2) {
            if found + 2 < bytes.endIndex, bytes[found + 1] == 0x80, bytes[found + 2] == 0xA8 || bytes[found + 2] == 0xA9 {
                let line = text.lines[block.lines].firstIndex { $0.contentEnd > found } ?? start
                diagnostics.append(
                    Diagnostic(
                        line: line + 1, severity: .warning, code: .lineSeparator,
                        message: "the block holds U+2028/U+2029 line separators; the plugin's JavaScript breaks lines there and cannot read it",
                        blockID: block.id))
                break
            }
            index = found + 1
        }
    }

    /// Reads the sections of an annotation block's `>` lines.
    private mutating func readContent(of block: inout AnnotationBlock, contentLines: Range<Int>, spaced: Bool) {
        let lines = Array(contentLines)
        let raw = lines.map { unquoted($0, spaced: spaced) ?? [] }
        var k = 0
        if k < raw.count, Self.isPercentPair(raw[k]) {
            k += 1
        } else {
            diagnostics.append(
                Diagnostic(
                    line: block.firstLine, severity: .warning, code: .missingOpener,
                    message: "the block does not start with a '>%%' line; obsidian-annotator then shows none of the note's annotations",
                    blockID: block.id))
        }
        guard k < raw.count, Self.hasPrefix(raw[k], "```annotation-json") else {
            diagnostics.append(
                Diagnostic(
                    line: block.firstLine, severity: .error, code: .missingFence,
                    message: "the block has no '```annotation-json' line; its annotation cannot be read", blockID: block.id))
            return
        }
        k += 1
        let jsonStart = k
        let isClosingFence = { (bytes: ArraySlice<UInt8>) -> Bool in
            let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
            return trimmed.count == 3 && trimmed.allSatisfy { $0 == UInt8(ascii: "`") }
        }
        guard let fenceEnd = (jsonStart..<raw.count).first(where: { isClosingFence(raw[$0]) }) else {
            diagnostics.append(
                Diagnostic(
                    line: lines[jsonStart - 1] + 1, severity: .error, code: .unclosedFence,
                    message: "the annotation JSON has no closing '```' line; the annotation cannot be read, and obsidian-annotator then shows none of the note's annotations",
                    blockID: block.id))
            return
        }
        block.jsonLines = fenceEnd == jsonStart ? lines[jsonStart]..<lines[jsonStart] : lines[jsonStart]..<(lines[fenceEnd - 1] + 1)
        k = fenceEnd + 1
        if k < raw.count, Self.isPercentPair(raw[k]) { k += 1 }
        // The Markdown parts are short: decode them as text.
        let contents = raw.indices.map { $0 >= jsonStart && $0 < fenceEnd ? "" : String(decoding: raw[$0], as: UTF8.self) }
        readMarkdown(of: &block, contents: contents, lines: lines, from: k)
        readJSON(of: &block, raw: raw[jsonStart..<fenceEnd], firstLine: lines[jsonStart])
    }

    /// Reads the Markdown sections after the JSON (from `contents[start]`):
    /// the quote line(s) up to the first section marker, then `%%LINK%%`,
    /// `%%COMMENT%%` and `%%TAGS%%`. `lines` are the note's 0-based lines of
    /// `contents`.
    private mutating func readMarkdown(of block: inout AnnotationBlock, contents: [String], lines: [Int], from start: Int) {
        var k = start
        let quoteStart = k
        while k < contents.count, !Self.isSection(contents[k]) { k += 1 }
        if k > quoteStart {
            block.quoteLines = lines[quoteStart]..<(lines[k - 1] + 1)
            Self.readQuote(contents[quoteStart..<k].joined(separator: "\n"), into: &block.markdown)
        }
        while k < contents.count {
            let line = contents[k]
            if line.hasPrefix("%%LINK%%") {
                block.markdown.link = String(line.dropFirst(8))
                k += 1
            } else if line.hasPrefix("%%COMMENT%%") {
                k += 1
                let from = k
                while k < contents.count, !contents[k].hasPrefix("%%TAGS%%") { k += 1 }
                block.markdown.comment = contents[from..<k].joined(separator: "\n")
            } else if line.hasPrefix("%%TAGS%%") {
                k += 1
                block.markdown.tags = contents[k...].joined(separator: "\n")
                k = contents.count
            } else {
                k += 1
            }
        }
        if block.markdown.tags == nil {
            diagnostics.append(
                Diagnostic(
                    line: block.firstLine, severity: .warning, code: .missingTags,
                    message: "the block has no %%TAGS%% section; obsidian-annotator 0.2 fails to load a note with such a block",
                    blockID: block.id))
        }
    }

    /// Parses the block's JSON lines (`raw`, the first at 0-based note line
    /// `firstLine`) into its annotation, or says where it is broken.
    private mutating func readJSON(of block: inout AnnotationBlock, raw: ArraySlice<ArraySlice<UInt8>>, firstLine: Int) {
        var jsonBytes: [UInt8] = []
        for k in raw.indices {
            if k > raw.startIndex { jsonBytes.append(0x0A) }
            jsonBytes.append(contentsOf: raw[k])
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(utf8: jsonBytes)
        } catch {
            diagnostics.append(
                Diagnostic(
                    line: errorLine(in: raw, offset: error.offset, firstLine: firstLine),
                    severity: .error, code: .brokenJSON,
                    message: "the annotation JSON is broken (\(error.message)); the annotation cannot be read",
                    blockID: block.id))
            return
        }
        guard let object = json.objectValue else {
            diagnostics.append(
                Diagnostic(
                    line: firstLine + 1, severity: .error, code: .brokenJSON,
                    message: "the annotation JSON is not an object", blockID: block.id))
            return
        }
        block.annotation = makeAnnotation(object, block: block, line: firstLine + 1)
    }

    /// The 1-based note line holding Unicode-scalar `offset` of the joined JSON lines.
    private func errorLine(in jsonLines: ArraySlice<ArraySlice<UInt8>>, offset: Int, firstLine: Int) -> Int {
        var remaining = offset
        for (k, line) in jsonLines.enumerated() {
            let length = line.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } + 1
            if remaining < length { return firstLine + k + 1 }
            remaining -= length
        }
        return firstLine + max(0, jsonLines.count - 1) + 1
    }

    private static func isSection(_ line: String) -> Bool {
        line.hasPrefix("%%LINK%%") || line.hasPrefix("%%COMMENT%%") || line.hasPrefix("%%TAGS%%")
    }

    /// Splits `*%%PREFIX%%p%%HIGHLIGHT%% ==h== %%POSTFIX%%s*` into its parts
    /// (searching bytes: this runs once per block).
    static func readQuote(_ line: String, into markdown: inout AnnotationBlock.Markdown) {
        let bytes = Array(line.utf8)
        var lower = 0
        var upper = bytes.count
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        if upper > lower, bytes[lower] == UInt8(ascii: "*") { lower += 1 }
        if upper > lower, bytes[upper - 1] == UInt8(ascii: "*") { upper -= 1 }
        let body = bytes[lower..<upper]
        func find(_ marker: StaticString) -> Range<Int>? {
            marker.withUTF8Buffer { m -> Range<Int>? in
                guard body.count >= m.count else { return nil }
                var i = body.startIndex
                while i <= body.endIndex - m.count {
                    if body[i] == m[0], zip(body[i..<(i + m.count)], m).allSatisfy({ $0 == $1 }) { return i..<(i + m.count) }
                    i += 1
                }
                return nil
            }
        }
        func text(_ range: Range<Int>) -> String { String(decoding: body[range], as: UTF8.self) }
        let prefixRange = find("%%PREFIX%%")
        let highlightRange = find("%%HIGHLIGHT%%")
        let postfixRange = find("%%POSTFIX%%")
        if let prefixRange {
            let end = highlightRange?.lowerBound ?? postfixRange?.lowerBound ?? body.endIndex
            markdown.prefix = end >= prefixRange.upperBound ? text(prefixRange.upperBound..<end) : ""
        }
        if let highlightRange {
            var end = body.endIndex
            if let postfixRange, postfixRange.lowerBound >= highlightRange.upperBound { end = postfixRange.lowerBound }
            var start = highlightRange.upperBound
            let hasOpening = end - start >= 3 && body[start] == 0x20 && body[start + 1] == 0x3D && body[start + 2] == 0x3D
            if hasOpening {
                start += 3
                markdown.highlightMarkers = true
            }
            if end - start >= 3, body[end - 3] == 0x3D, body[end - 2] == 0x3D, body[end - 1] == 0x20 {
                end -= 3
                markdown.highlightMarkers = true
            } else if hasOpening, end - start >= 2, body[end - 2] == 0x3D, body[end - 1] == 0x3D {
                end -= 2
            }
            markdown.highlight = text(start..<max(start, end))
        }
        if let postfixRange {
            markdown.postfix = text(postfixRange.upperBound..<body.endIndex)
        }
    }

    /// Tags as the plugin reads the TAGS line: split on commas, trimmed,
    /// first character (`#`) dropped, empty ones skipped.
    static func parseTags(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.jsTrimmed }
            .map { String($0.dropFirst()) }
            .filter { !$0.isEmpty }
    }

    /// Builds the annotation with the plugin's precedence: id from the `^`
    /// line, comment and tags from the Markdown, prefix and suffix from the
    /// Markdown when those sections exist, `exact` from the JSON.
    private mutating func makeAnnotation(_ object: JSONObject, block: AnnotationBlock, line: Int) -> Annotation {
        let markdown = block.markdown
        func flag(_ code: Diagnostic.Code, _ severity: Diagnostic.Severity, _ message: String) {
            diagnostics.append(Diagnostic(line: line, severity: severity, code: code, message: message, blockID: block.id))
        }
        var annotation = Annotation(hypothesis: object, id: block.id ?? "line\(block.firstLine)")
        let jsonID = object["id"]?.stringValue
        annotation.id = block.id ?? jsonID ?? "line\(block.firstLine)"
        if let jsonID, let id = block.id, jsonID != id {
            flag(.idMismatch, .warning, "the JSON says id \(jsonID) but the block is ^\(id); the block id is used")
        }
        let jsonComment = annotation.comment
        if let comment = markdown.comment {
            if !jsonComment.isEmpty, jsonComment != comment {
                flag(.staleComment, .info, "the comment in the Markdown differs from the JSON \"text\"; the Markdown one is used, as the plugin does")
            }
            annotation.comment = comment
        }
        if let tags = markdown.tags {
            let parsed = Self.parseTags(tags)
            let jsonTags = annotation.tags
            if !jsonTags.isEmpty, jsonTags != parsed {
                flag(.staleTags, .info, "the tags in the Markdown differ from the JSON tags; the Markdown ones are used")
            }
            annotation.tags = parsed
        }
        if var target = annotation.targets.first,
            let index = target.selectors.firstIndex(where: { if case .textQuote = $0 { true } else { false } }),
            case .textQuote(var quote) = target.selectors[index]
        {
            if let highlight = markdown.highlight, highlight != quote.exact.jsTrimmed {
                flag(.editedQuote, .warning, "the highlighted text in the Markdown differs from the JSON quote (edited?); the JSON quote is anchored, as the plugin does")
            }
            if let prefix = markdown.prefix {
                if prefix != quote.prefix.jsTrimmed {
                    flag(.editedContext, .info, "the prefix in the Markdown differs from the JSON; the Markdown one is used, as the plugin does")
                }
                quote.prefix = prefix
            }
            if let postfix = markdown.postfix {
                if postfix != quote.suffix.jsTrimmed {
                    flag(.editedContext, .info, "the suffix in the Markdown differs from the JSON; the Markdown one is used, as the plugin does")
                }
                quote.suffix = postfix
            }
            target.selectors[index] = .textQuote(quote)
            annotation.targets[0] = target
        } else if let target = annotation.targets.first, target.selectors.isEmpty == false,
            let highlight = markdown.highlight, !highlight.isEmpty
        {
            // No quote selector in the JSON: the plugin falls back to the Markdown highlight.
            var target = target
            target.selectors.append(
                .textQuote(TextQuoteSelector(exact: highlight, prefix: markdown.prefix ?? "", suffix: markdown.postfix ?? "")))
            annotation.targets[0] = target
        }
        return annotation
    }
}

extension Unicode.Scalar {
    /// JavaScript's WhiteSpace and LineTerminator (ECMA-262 §12.2, §12.3).
    var isJSWhitespace: Bool {
        switch value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0xFEFF, 0x2028, 0x2029: return true
        default: return properties.generalCategory == .spaceSeparator
        }
    }

    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}

extension StringProtocol {
    /// The text without the leading and trailing white space JavaScript's
    /// `String.prototype.trim` removes (the plugin trims with it).
    var jsTrimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isJSWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isJSWhitespace })!
        return String(self[first..<scalars.index(after: last)])
    }

    /// The text without leading and trailing characters from `set` (a string of characters).
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
