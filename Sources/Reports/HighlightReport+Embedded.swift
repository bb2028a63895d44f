import Anchoring
import Foundation
public import Library
import Notes
public import PDFCore

extension HighlightReport {
    /// The report of the annotations a PDF holds itself (``EmbeddedReader``):
    /// every one with a place on its page is "found" there, its text the
    /// text under it; one without a place (no usable `/QuadPoints` or
    /// `/Rect`) is skipped. Entries carry the PDF's annotation
    /// (``Entry/embedded``); there is no note (``isEmbedded``).
    public init(embedded reading: EmbeddedReading, vault: Vault) {
        let path = reading.file.path
        var entries: [Entry] = []
        for highlight in reading.highlights {
            entries.append(Entry(annotation: Self.annotation(of: highlight, reading: reading), result: Self.result(of: highlight), embedded: highlight))
        }
        let fileName = (path as NSString).lastPathComponent
        self.init(
            annotations: [], results: [], notePath: "", pdfPath: path, fingerprint: reading.file.fingerprint.primary,
            fingerprintMatches: nil, pageCount: reading.pageCount, summary: CheckReport.Summary(counting: entries.map(\.result)), vault: vault,
            title: reading.title ?? (fileName.lowercased().hasSuffix(".pdf") ? String(fileName.dropLast(4)) : fileName))
        found = entries.filter(\.result.isFound)
        skipped = entries.filter { !$0.result.isFound }
        isEmbedded = true
    }

    /// Takes the PDF's sections from `document`'s outline and each
    /// annotation's place in reading order from `texts` (the pages
    /// ``EmbeddedReader`` read), reading from `document` only pages it lacks.
    public mutating func readLayout(of document: PDFDocument?, texts: [Int: PageText]) {
        for (number, text) in texts where columns[number] == nil {
            guard let size = (try? document?.page(number))?.size else { continue }
            columns[number] = PageColumns(text: text, size: size)
        }
        readLayout(of: document)
    }

    /// The model annotation of a PDF's own: its id, dates, comment, author
    /// (as Hypothesis's `user_info.display_name`), and for marked text a
    /// TextQuoteSelector of the text with its context.
    static func annotation(of highlight: EmbeddedHighlight, reading: EmbeddedReading) -> Annotation {
        var json = JSONObject()
        if let author = highlight.annotation.author { json["user_info"] = .object(JSONObject(["display_name": .string(author)])) }
        var selectors: [Selector] = []
        if let text = highlight.text, !text.isEmpty {
            selectors.append(.textQuote(TextQuoteSelector(exact: tidy(text), prefix: tidy(highlight.before), suffix: tidy(highlight.after))))
        }
        return Annotation(
            id: highlight.id, created: highlight.annotation.created?.formatted(.iso8601),
            updated: highlight.annotation.modified?.formatted(.iso8601), comment: highlight.comment ?? "",
            document: DocumentInfo(title: reading.title, fingerprint: reading.file.fingerprint.primary),
            uri: URL(fileURLWithPath: reading.file.path).absoluteString,
            targets: [AnnotationTarget(source: URL(fileURLWithPath: reading.file.path).absoluteString, selectors: selectors)], json: json)
    }

    /// Where a PDF's own annotation is: at its page, over its regions.
    static func result(of highlight: EmbeddedHighlight) -> AnchorResult {
        let regions = highlight.annotation.regions
        guard !regions.isEmpty else {
            var result = AnchorResult(id: highlight.id, status: .skipped)
            result.page = highlight.annotation.page
            result.pageLabel = highlight.pageLabel
            result.explain(.noPassage, "it has no place on its page (no usable /QuadPoints or /Rect)")
            return result
        }
        var result = AnchorResult(id: highlight.id, status: .anchored)
        result.page = highlight.annotation.page
        result.pageLabel = highlight.pageLabel
        result.matchedText = highlight.text
        result.rects = regions.map { PageRect(page: highlight.annotation.page, rect: $0) }
        return result
    }
}
