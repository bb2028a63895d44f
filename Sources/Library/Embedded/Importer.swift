public import Foundation
import Anchoring
import Notes
public import PDFCore

/// Brings the annotations a PDF holds into an obsidian-annotator note: each
/// markup annotation with text under it becomes an annotation block with
/// the selectors Hypothesis would have made in the plugin (PDF.js's text,
/// ``PDFjsQuoteMaker``), the PDF's fingerprint, its comment, replies and
/// tags. A note that exists gains only what it lacks.
public enum Importer {
    /// What an import would do.
    public struct Plan: Sendable {
        /// The PDF read.
        public var pdf: String
        /// The note written (or to be).
        public var note: String
        /// Whether the note exists already.
        public var noteExists: Bool
        /// The blocks to add: their ids and the highlights they come from.
        public var added: [(id: String, highlight: EmbeddedHighlight)]
        /// Annotations the note already holds (the same id — as `migrate`
        /// writes it into `/NM` — or the same quote at the same position).
        public var present: [EmbeddedHighlight]
        /// What cannot become a text highlight, and why.
        public var left: [(highlight: EmbeddedHighlight, reason: String)]
        /// The note as it was (empty when new) and as it would be.
        public var original: Data
        /// See ``original``.
        public var edited: Data
    }

    /// Why an import cannot be made.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The file concerned.
        public var path: String
        /// What is wrong and what to do.
        public var reason: String
        public var description: String { "\(path): \(reason)" }

        /// A refusal about `path`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Plans importing `reading`'s annotations into `notePath` in `vault`.
    /// - Parameters:
    ///   - colors: the vault's colours by tag: an annotation of a tag's colour gets the tag.
    ///   - now: the date of annotations whose PDF gives none.
    /// - Throws: ``Refusal`` when `notePath` exists and is not an annotation
    ///   note of this PDF; ``PDFError`` when the PDF cannot be read again.
    public static func plan(
        _ reading: EmbeddedReading, into notePath: String, vault: Vault, colors: ColorMap, password: String?, now: Date = Date()
    ) throws -> Plan {
        guard notePath.lowercased().hasSuffix(".md") else {
            throw Refusal(path: notePath, reason: "a note's name ends in .md (Obsidian lists no other); give one with -o")
        }
        guard vault.vaultPath(of: reading.file.path) != nil else {
            throw Refusal(path: reading.file.path, reason: "the PDF is outside the vault \(vault.root), where the plugin cannot open it; move it into the vault, or give the vault with --vault")
        }
        guard vault.vaultPath(of: notePath) != nil else {
            throw Refusal(path: notePath, reason: "the note is outside the PDF's vault \(vault.root); give a note inside it with -o")
        }
        // A new note too: not through a link (of its folder) that leaves the vault.
        if let escape = vault.escape(of: notePath) { throw Refusal(path: notePath, reason: escape) }
        let folder = (Vault.absolute(notePath) as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw Refusal(path: notePath, reason: "its folder \(folder) does not exist; make it first")
        }
        let exists = FileManager.default.fileExists(atPath: notePath)
        let original = exists ? (FileManager.default.contents(atPath: notePath) ?? Data()) : Data()
        var known: [Annotation] = []
        if exists {
            let note = AnnotationNote(bytes: Array(original), path: notePath)
            known = note.annotations
            if note.blocks.isEmpty && note.frontMatter?.target == nil {
                throw Refusal(path: notePath, reason: "it exists and is not an annotation note; give another note with -o")
            }
            if let other = otherPDF(of: note, path: notePath, than: reading.file, vault: vault) {
                throw Refusal(path: notePath, reason: "its annotations are of another PDF (\(other)); give another note with -o")
            }
        }
        let knownIDs = Set(known.map(\.id))
        let knownPlaces = Set(known.compactMap { a in a.position.map { "\($0.start):\(a.quote?.exact ?? "")" } })
        let maker = try PDFjsQuoteMaker(file: reading.file, password: password)
        let pdfVaultPath = vault.vaultPath(of: reading.file.path) ?? reading.file.path
        var plan = Plan(pdf: reading.file.path, note: notePath, noteExists: exists, added: [], present: [], left: [], original: original, edited: original)
        let names = Set(reading.highlights.compactMap(\.annotation.name))
        var blocks: [String] = []
        for highlight in reading.highlights {
            if let why = unfit(highlight, names: names) {
                plan.left.append((highlight, why))
                continue
            }
            let id = highlight.id
            let base = highlight.annotation.name.map { PDFExporter.annotationID(of: $0) } ?? id
            guard let text = reading.texts[highlight.annotation.page],
                let span = span(of: highlight, in: text), let selectors = maker.selectors(for: span)
            else {
                plan.left.append((highlight, "its text cannot be given in PDF.js's form (the page's text does not line up)"))
                continue
            }
            if knownIDs.contains(id) || knownIDs.contains(base) || knownPlaces.contains("\(selectors.position.start):\(selectors.quote.exact)") {
                plan.present.append(highlight)
                continue
            }
            let json = blockJSON(highlight, selectors: selectors, fingerprint: reading.file.fingerprint.primary, pdf: pdfVaultPath, colors: colors, now: now)
            blocks.append(AnnotationBlockWriter.block(id: id, json: json, quote: selectors.quote, comment: comment(of: highlight), tags: tags(of: highlight, colors: colors)))
            plan.added.append((id, highlight))
        }
        guard !blocks.isEmpty else { return plan }
        var text = String(decoding: original, as: UTF8.self)
        if !exists {
            text = "---\nannotation-target: \(AnnotationBlockWriter.yamlScalar(pdfVaultPath))\n---\n"
        } else if !text.isEmpty, !text.hasSuffix("\n") {
            text += "\n"
        }
        let lineEnd = original.contains(13) && String(decoding: original, as: UTF8.self).contains("\r\n") ? "\r\n" : "\n"
        let added = blocks.joined()
        plan.edited = Data((text + (lineEnd == "\n" ? added : added.replacingOccurrences(of: "\n", with: "\r\n"))).utf8)
        try verify(plan)
        return plan
    }

    /// What names another PDF than `file` in an existing note: its
    /// fingerprint, or its annotation-target resolved to another file; nil
    /// when the note is of `file` (or names no PDF yet).
    static func otherPDF(of note: AnnotationNote, path: String, than file: PDFFile, vault: Vault) -> String? {
        if let noted = note.fingerprint { return file.fingerprint.matches(noted) ? nil : "fingerprint \(noted)" }
        guard let target = note.frontMatter?.target else { return nil }
        guard let located = try? PDFLocator(vault: vault).locate(note, notePath: path) else { return "annotation-target \(target), not found" }
        return PDFExporter.sameFile(located.path, file.path) ? nil : "annotation-target \(target)"
    }

    /// The annotation notes of the vault whose PDF is `file`, in path
    /// order: where an import without `-o` goes. A note is `file`'s when
    /// its annotation-target (or its blocks' uri) finds `file` itself, or —
    /// when that PDF is nowhere, moved — when its fingerprint is `file`'s;
    /// a note of another copy of the same document is that copy's.
    public static func notes(of file: PDFFile, in vault: Vault) -> [String] {
        let locator = PDFLocator(vault: vault)
        return Scanner().scan(vault: vault.root).notes.filter { path in
            guard let note = try? AnnotationNote(contentsOf: path) else { return false }
            if let noted = note.fingerprint, !file.fingerprint.matches(noted) { return false }
            let named = note.frontMatter?.target != nil || note.annotations.contains { $0.uri != nil || $0.source != nil }
            guard named else { return false }
            if let located = try? locator.locate(target: note.frontMatter?.target, annotations: note.annotations, fingerprint: nil, notePath: path) {
                return PDFExporter.sameFile(located.path, file.path)
            }
            return note.fingerprint != nil
        }
    }

    /// Reads the note as it would be written, as PDFAnchor and as the
    /// plugin read notes: every block added must be there, and the plugin
    /// must not lose any block it showed before.
    /// - Throws: ``Refusal`` when it would.
    static func verify(_ plan: Plan) throws {
        let after = AnnotationSource(path: plan.note, bytes: Array(plan.edited))
        let ids = Set(after.annotations.map(\.id))
        if let lost = plan.added.first(where: { !ids.contains($0.id) }) {
            throw Refusal(path: plan.note, reason: "the block of \(lost.id) would not read back as written (a bug: please report it); nothing was written")
        }
        let hiddenBefore = plan.noteExists ? HiddenAnnotations(AnnotationSource(path: plan.note, bytes: Array(plan.original)))?.count ?? 0 : 0
        if let hidden = HiddenAnnotations(after), hidden.count > hiddenBefore {
            let problem = hidden.problems.first
            throw Refusal(
                path: plan.note,
                reason: "obsidian-annotator would not show \(hidden.count) of its highlights after the import (\(problem?.what ?? "its blocks would not read")); nothing was written"
                    + (problem.map { " — \($0.fix)" } ?? ""))
        }
    }

    /// Why `highlight` cannot become a text highlight, or nil when it can.
    static func unfit(_ highlight: EmbeddedHighlight, names: Set<String>) -> String? {
        let subtype = highlight.annotation.subtype
        switch highlight.annotation.kind {
        case .note: return "a note (\(subtype)): no text under it (`pdfanchor extract` shows its comment)"
        case .region: return "a drawing (\(subtype)): a region, not text"
        case .caret: return "a Caret: an insertion point, not text"
        case .other: return "not a reader's annotation (\(subtype))"
        case .textMarkup: break
        }
        if let name = highlight.annotation.name {
            let first = PDFExporter.annotationID(of: name)
            if first != name, names.contains(first) { return "the part on the next page of \(first): one annotation with it" }
        }
        guard highlight.isTextual else { return "no text lies under it" }
        if highlight.annotation.placeRepaired {
            return "its /QuadPoints are missing or broken, so the text it marks is a guess (`pdfanchor extract` shows it with the text under its /Rect)"
        }
        return nil
    }

    /// The span from the first marked scalar to the last, when the runs
    /// between are only a little apart (a footnote mark, a line's running
    /// head); nil when they are far apart in the text's order.
    static func span(of highlight: EmbeddedHighlight, in text: PageText) -> MatchSpan? {
        guard let first = highlight.runs.first, let last = highlight.runs.last else { return nil }
        let marked = highlight.runs.reduce(0) { $0 + $1.count }
        let gaps = (last.upperBound - first.lowerBound) - marked
        guard gaps <= max(3, marked / 10) else { return nil }
        return MatchSpan(page: highlight.annotation.page, scalars: first.lowerBound...(last.upperBound - 1), text: text)
    }

    /// The comment a block gets: the annotation's, then its replies as
    /// `— author: text`.
    static func comment(of highlight: EmbeddedHighlight) -> String {
        var parts = [highlight.comment].compactMap { $0 }
        if let replacement = highlight.replacement { parts.append("→ " + (replacement.contents ?? "")) }
        for reply in highlight.replies {
            parts.append("— " + (reply.author.map { $0 + ": " } ?? "") + (reply.contents ?? ""))
        }
        return parts.joined(separator: "\n\n")
    }

    /// The tags a block gets: the vault's tag of its colour (else the
    /// colour's name: readers such as Zotero give colours meanings), and its
    /// kind when it is not a highlight (`underline`, `strikeout`, `squiggly`).
    static func tags(of highlight: EmbeddedHighlight, colors: ColorMap) -> [String] {
        var tags: [String] = []
        if let color = highlight.annotation.color {
            tags.append(colors.entries.first(where: { close($0.color, color) })?.tag ?? colorName(color))
        }
        if highlight.annotation.subtype != "Highlight" { tags.append(highlight.annotation.subtype.lowercased()) }
        return tags
    }

    /// The name of a colour's hue: `grey` when it has hardly any, else red,
    /// orange, yellow, green, blue, purple or magenta (Zotero's eight
    /// highlight colours fall one in each, grey included).
    static func colorName(_ color: RGBColor) -> String {
        let (r, g, b) = (color.red, color.green, color.blue)
        let high = max(r, g, b)
        let low = min(r, g, b)
        guard high > 0, (high - low) / high >= 0.2 else { return "grey" }
        var hue: Double
        if high == r {
            hue = 60 * ((g - b) / (high - low))
        } else if high == g {
            hue = 60 * ((b - r) / (high - low) + 2)
        } else {
            hue = 60 * ((r - g) / (high - low) + 4)
        }
        if hue < 0 { hue += 360 }
        switch hue {
        case ..<15, 345...: return "red"
        case ..<40: return "orange"
        case ..<70: return "yellow"
        case ..<170: return "green"
        case ..<250: return "blue"
        case ..<290: return "purple"
        default: return "magenta"
        }
    }

    /// Whether two colours look the same (each component within 0.03).
    static func close(_ a: RGBColor, _ b: RGBColor) -> Bool {
        abs(a.red - b.red) < 0.03 && abs(a.green - b.green) < 0.03 && abs(a.blue - b.blue) < 0.03
    }

    /// The block's JSON, as the plugin writes it: dates, comment, tags,
    /// document (title, links, fingerprint), uri and target with the two
    /// selectors; the author as Hypothesis's `user_info`.
    static func blockJSON(
        _ highlight: EmbeddedHighlight, selectors: (quote: TextQuoteSelector, position: TextPositionSelector),
        fingerprint: String, pdf: String, colors: ColorMap, now: Date
    ) -> JSONObject {
        // As the plugin writes them: with milliseconds.
        let dates = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let created = (highlight.annotation.created ?? highlight.annotation.modified ?? now).formatted(dates)
        let updated = (highlight.annotation.modified ?? highlight.annotation.created ?? now).formatted(dates)
        let source = JSONValue.string("vault:/" + pdf)
        var object = JSONObject([
            "created": .string(created), "updated": .string(updated), "text": .string(comment(of: highlight)),
            "tags": .array(tags(of: highlight, colors: colors).map(JSONValue.string)),
            "document": .object(JSONObject([
                "title": .string((pdf as NSString).lastPathComponent),
                "link": .array([.object(JSONObject(["href": .string("urn:x-pdf:" + fingerprint)])), .object(JSONObject(["href": source]))]),
                "documentFingerprint": .string(fingerprint),
            ])),
            "uri": source,
            "target": .array([.object(JSONObject([
                "source": source,
                "selector": .array([
                    .object(JSONObject(["type": .string("TextPositionSelector"), "start": .integer(selectors.position.start), "end": .integer(selectors.position.end)])),
                    .object(JSONObject([
                        "type": .string("TextQuoteSelector"), "exact": .string(selectors.quote.exact),
                        "prefix": .string(selectors.quote.prefix), "suffix": .string(selectors.quote.suffix),
                    ])),
                ]),
            ]))]),
        ])
        if let author = highlight.annotation.author {
            object["user_info"] = .object(JSONObject(["display_name": .string(author)]))
        }
        return object
    }
}
