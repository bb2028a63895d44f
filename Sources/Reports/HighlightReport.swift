public import Anchoring
import Foundation
public import Library
public import Notes
public import PDFCore

/// What every report format shows: a note's annotations with where they
/// are in the PDF, in page and reading order.
public struct HighlightReport: Sendable {
    /// One annotation with its anchoring result.
    public struct Entry: Sendable {
        /// The annotation as the note stores it.
        public var annotation: Annotation
        /// Where the check found it.
        public var result: AnchorResult
        /// For a report of a PDF's own annotations: the annotation as the
        /// PDF holds it (subtype, author, colour, replies); nil for a note's.
        public var embedded: EmbeddedHighlight?

        /// An entry of a note's annotation and its result.
        public init(annotation: Annotation, result: AnchorResult, embedded: EmbeddedHighlight? = nil) {
            self.annotation = annotation
            self.result = result
            self.embedded = embedded
        }

        /// The PDF's text of the match, tidied for reading: line-end
        /// hyphens joined (`sta-\ntions` → `stations`), white space collapsed.
        public var text: String { HighlightReport.tidy(result.matchedText ?? "") }
        /// The quote the annotation stores (TextQuoteSelector `exact`), tidied.
        public var quote: String { HighlightReport.tidy(annotation.quote?.exact ?? "") }
    }

    /// The document's title: the PDF's metadata title, else the
    /// annotations' `document.title`, else the PDF's file name (without `.pdf`).
    public var title: String
    /// The note, its path and vault path (nil outside the vault).
    public var notePath: String
    /// The note's path in the vault, or nil outside it.
    public var noteVaultPath: String?
    /// The vault's folder name, as Obsidian names the vault in its URIs.
    public var vaultName: String = ""
    /// The PDF, its path and vault path (nil outside the vault).
    public var pdfPath: String
    /// The PDF's path in the vault, or nil outside it (reports then link `file:` URLs).
    public var pdfVaultPath: String?
    /// The PDF's PDF.js fingerprint.
    public var fingerprint: String
    /// Whether it is the note's; nil when the note records none.
    public var fingerprintMatches: Bool?
    /// The PDF's page count (nil when not known: in an audit's extracts).
    public var pageCount: Int?
    /// The counts by status.
    public var summary: CheckReport.Summary
    /// Anchored and fuzzy annotations, in page and text order (in reading
    /// order once ``arrange(by:)`` has been given the pages).
    public var found: [Entry]
    /// Orphaned annotations, in note order.
    public var orphaned: [Entry]
    /// Page notes and replies, in note order.
    public var skipped: [Entry]
    /// Colours by tag (the vault's ``ColorMap``).
    public var colors = ColorMap()
    /// Whether the report is of the annotations a PDF holds itself (there
    /// is no note: ``notePath`` is empty).
    public var isEmbedded = false

    /// The colour of a highlight: the PDF annotation's own, else its tags'
    /// (``colors``), or nil.
    public func color(of entry: Entry) -> RGBColor? { entry.embedded?.annotation.color ?? colors.color(for: entry.annotation.tags) }
    /// The PDF's sections (from its outline; none when it has none or it was not read).
    public var sections = SectionFinder(outline: [])

    /// The heading a found highlight is shown under: its sections ("Part I
    /// › 2 Methods") when the PDF has an outline, else its page ("p. 12").
    public func heading(of entry: Entry) -> String {
        guard !sections.isEmpty else { return "p. " + (entry.result.pageLabel ?? entry.result.page.map(String.init) ?? "") }
        let section = section(of: entry)
        return section.isEmpty ? "Before the first section" : section.joined(separator: " › ")
    }

    /// The sections a found highlight falls in, outermost first (by the top
    /// of its first region); empty when not found or before the first.
    public func section(of entry: Entry) -> [String] {
        guard let first = entry.result.rects.first else { return [] }
        return sections.section(page: first.page, rects: entry.result.rects.filter { $0.page == first.page }.map(\.rect))
    }

    /// Orders the found highlights by page, then as a reader reads the page
    /// (``PageColumns/key(of:)``: down the left column, then the right,
    /// whatever order the PDF draws its text in); ties, and pages missing
    /// from `pages`, keep the order of the PDF's text. `pages` holds the
    /// columns of the pages highlights start on, by 1-based page number.
    public mutating func arrange(by pages: [Int: PageColumns]) {
        let keyed = found.enumerated().map { (k, entry) -> (page: Int, key: PageColumns.Key?, start: Int, k: Int) in
            let page = entry.result.page ?? 0
            let first = entry.result.rects.first { $0.page == page }
            return (page, first.flatMap { pages[page]?.key(of: $0.rect) }, entry.result.matchStart ?? 0, k)
        }
        found = keyed.sorted { a, b in
            if a.page != b.page { return a.page < b.page }
            if let ka = a.key, let kb = b.key, ka != kb { return ka < kb }
            return (a.start, a.k) < (b.start, b.k)
        }.map { found[$0.k] }
    }

    /// The columns of the pages read by ``readLayout(of:)``, by 1-based
    /// page number (the HTML report frames its pictures with them).
    public var columns: [Int: PageColumns] = [:]

    /// The pages found highlights start on (1-based), for ``arrange(by:)``.
    public var startPages: Set<Int> { Set(found.compactMap(\.result.page)) }

    /// Takes the PDF's sections (its outline) from `document`, the report's
    /// PDF, and each highlight's place in reading order (``arrange(by:)``)
    /// from the text of the pages highlights start on: as the check read
    /// them (`index`; then also the other pages highlights touch, for the
    /// pictures' columns), or else read from `document`.
    public mutating func readLayout(of document: PDFDocument?, index: DocumentIndex? = nil) {
        sections = SectionFinder(outline: document?.outline ?? [])
        // From the check's pages, every page a highlight touches too: the
        // pictures frame each by its columns, without reading it again.
        let touched = index == nil ? startPages : startPages.union(found.flatMap { $0.result.rects.map(\.page) })
        for number in touched.sorted() where columns[number] == nil {
            if let index, number <= index.pages.count, let text = index.pages[number - 1].text {
                columns[number] = PageColumns(text: text, size: index.pages[number - 1].size)
            } else if let page = try? document?.page(number) {
                columns[number] = PageColumns(text: page.text(), size: page.size)
            }
        }
        arrange(by: columns)
    }

    /// The report of a note checked (the annotations, results and title the
    /// check already holds: nothing is read again).
    public init(_ checked: NoteChecker.Checked, vault: Vault) {
        self.init(check: checked.report, annotations: checked.source.annotations, vault: vault, title: checked.title)
    }

    /// The report of one note of an audit, from its entry and its annotations.
    public init(note: AuditReport.NoteEntry, annotations: [Annotation], vault: Vault) {
        let pdf = note.pdf.map { $0.hasPrefix("/") ? $0 : vault.absolutePath(vaultPath: $0) } ?? ""
        self.init(
            annotations: annotations, results: note.annotations, notePath: vault.absolutePath(vaultPath: note.path), pdfPath: pdf,
            fingerprint: note.fingerprint ?? "", fingerprintMatches: note.match == .replaced ? false : nil, pageCount: nil,
            summary: note.summary, vault: vault, title: nil)
    }

    /// Combines a check's results with the annotations they are about.
    /// - Parameters:
    ///   - title: the PDF's own title, if it has one.
    public init(check: CheckReport, annotations: [Annotation], vault: Vault, title: String? = nil) {
        self.init(
            annotations: annotations, results: check.annotations, notePath: check.note, pdfPath: check.pdf.path,
            fingerprint: check.pdf.fingerprint, fingerprintMatches: check.pdf.fingerprintMatches, pageCount: check.pdf.pages,
            summary: check.summary, vault: vault, title: title)
    }

    init(
        annotations: [Annotation], results: [AnchorResult], notePath: String, pdfPath: String, fingerprint: String,
        fingerprintMatches: Bool?, pageCount: Int?, summary: CheckReport.Summary, vault: Vault, title: String?
    ) {
        let byID = Dictionary(annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        for result in results {
            guard let annotation = byID[result.id] else { continue }
            entries.append(Entry(annotation: annotation, result: result))
        }
        let fileTitle = { (name: String) in name.lowercased().hasSuffix(".pdf") ? String(name.dropLast(4)) : name }
        self.title = (title?.isEmpty == false ? title : nil)
            ?? annotations.lazy.compactMap(\.document.title).first(where: { !$0.isEmpty }).map(fileTitle)
            ?? fileTitle((pdfPath as NSString).lastPathComponent)
        self.notePath = notePath
        noteVaultPath = vault.vaultPath(of: notePath)
        // Obsidian knows a vault by its folder's own name, not a link's to it.
        vaultName = ((vault.root as NSString).resolvingSymlinksInPath as NSString).lastPathComponent
        self.pdfPath = pdfPath
        pdfVaultPath = vault.vaultPath(of: pdfPath)
        self.fingerprint = fingerprint
        self.fingerprintMatches = fingerprintMatches
        self.pageCount = pageCount
        self.summary = summary
        found = entries.filter(\.result.isFound).sorted {
            ($0.result.page ?? 0, $0.result.matchStart ?? 0) < ($1.result.page ?? 0, $1.result.matchStart ?? 0)
        }
        orphaned = entries.filter { $0.result.status == .orphaned }
        skipped = entries.filter { $0.result.status == .skipped }
    }

    /// Text tidied for reading: a hyphen ending a line before a lowercase
    /// letter is a syllable break and goes; line breaks and runs of white
    /// space become one space.
    public static func tidy(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if (s == "-" || s == "\u{AD}" || s == "\u{2010}"), i + 2 < scalars.count, scalars[i + 1] == "\n",
                scalars[i + 2].properties.isLowercase
            {
                i += 2
                continue
            }
            if s.properties.isWhitespace {
                if let last = output.last, last != " " { output.append(" ") }
                i += 1
                continue
            }
            output.append(s)
            i += 1
        }
        scalars = Array(output)
        while scalars.last == " " { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A link to the PDF at a page: an Obsidian wiki link inside the vault
    /// (`[[papers/x.pdf#page=3|p. 101]]`), a `file:` link outside it.
    public func pdfLink(page: Int, label: String) -> String {
        if let vaultPath = pdfVaultPath {
            return "[[\(vaultPath)#page=\(page)|\(label)]]"
        }
        return "[\(label)](\(URL(fileURLWithPath: pdfPath).absoluteString)#page=\(page))"
    }

    /// The PDF opened at a page, as a file URL (`file:///…/x.pdf#page=3`).
    public func pdfURL(page: Int) -> String {
        URL(fileURLWithPath: pdfPath).absoluteString + "#page=\(page)"
    }

    /// The note opened in Obsidian (`obsidian://open?vault=…&file=…`), or
    /// nil when the note is not in the vault.
    public var obsidianURL: String? {
        guard let path = noteVaultPath else { return nil }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?/")
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        let file = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        return "obsidian://open?vault=\(encode(vaultName))&file=\(encode(file))"
    }

    /// A link back to an annotation's block in the note
    /// (`[[notes/x.md#^id|↩ note]]`): with the note's extension, so that it
    /// cannot be taken for a PDF of the same name.
    public func noteLink(id: String, label: String = "↩ note") -> String {
        "[[\(noteLinkTarget)#^\(id)|\(label)]]"
    }

    /// The note as a link target: its vault path (or, outside the vault, its name).
    public var noteLinkTarget: String { noteVaultPath ?? (notePath as NSString).lastPathComponent }
}
