import Anchoring
import Notes
import PDFCore

/// Makes the selectors Hypothesis would make in obsidian-annotator on a PDF,
/// from PDF.js 2.14's text of it as ``PDFjsPageText`` models it: `exact`
/// is PDF.js's text over the glyphs of the match; `prefix` and `suffix` the
/// 32 UTF-16 units of the document's PDF.js text before and after it (across
/// a page break, as Hypothesis took them from the whole viewer); the
/// position UTF-16 offsets into all pages' PDF.js texts joined.
///
/// Reads the pages it needs from the PDF, once each: the match's page, its
/// neighbours for context at a page's edge, and every page before it for
/// the position. Not `Sendable` (it holds an open ``PDFDocument``).
final class PDFjsQuoteMaker {
    /// How many UTF-16 units of context Hypothesis keeps on each side.
    static let contextLength = 32

    private let document: PDFDocument
    /// The modelled pages read so far, by 1-based number (nil: unreadable).
    private var pages: [Int: PDFjsPageText?] = [:]

    /// A maker reading the PDF `file`.
    init(file: PDFFile, password: String?) throws(PDFError) {
        document = try PDFDocument(file: file, password: password)
    }

    /// The modelled text of page `number` (1-based), nil when it cannot be
    /// read or modelled.
    private func page(_ number: Int) -> PDFjsPageText? {
        if let known = pages[number] { return known }
        let model = (try? document.page(number))?.pdfjsText()
        pages[number] = .some(model)
        return model
    }

    /// New selectors for the match `span`, or nil when the page's model
    /// does not line up with the text the match was found in (the caller
    /// then falls back to Poppler's text).
    func selectors(for span: MatchSpan) -> (quote: TextQuoteSelector, position: TextPositionSelector)? {
        guard let model = page(span.page), let scalars = Self.place(of: span, in: model) else { return nil }
        var range = model.unitRange(scalars: scalars)
        // Without the spaces at its ends, as a selection is stored.
        while !range.isEmpty, model.units[range.lowerBound] == 0x20 { range = (range.lowerBound + 1)..<range.upperBound }
        while !range.isEmpty, model.units[range.upperBound - 1] == 0x20 { range = range.lowerBound..<(range.upperBound - 1) }
        guard !range.isEmpty else { return nil }
        let exact = String(decoding: model.units[range], as: UTF16.self)
        let prefix = before(page: span.page, offset: range.lowerBound)
        let suffix = after(page: span.page, offset: range.upperBound)
        guard let pageStart = start(of: span.page) else { return nil }
        let position = TextPositionSelector(start: pageStart + range.lowerBound, end: pageStart + range.upperBound)
        return (TextQuoteSelector(exact: exact, prefix: prefix, suffix: suffix), position)
    }

    /// The scalars of `model`'s text that `span` covers in the page's
    /// content-order text: the same offsets when the two texts are alike;
    /// else — the model of a turned page is read upright, where Poppler may
    /// put a space or line break elsewhere — by the glyphs, which both have
    /// in the same order. Nil when their numbers of glyphs differ.
    static func place(of span: MatchSpan, in model: PDFjsPageText) -> ClosedRange<Int>? {
        let text = span.text.scalars
        if model.scalars.count == text.count { return span.scalars }
        // (The model's glyphs may be named otherwise — TeX's glyph names as PDF.js maps them — so they are counted, not compared.)
        let glyphs = text.indices.filter { !text[$0].properties.isWhitespace }
        let modelGlyphs = model.scalars.indices.filter { !model.scalars[$0].properties.isWhitespace }
        guard glyphs.count == modelGlyphs.count else { return nil }
        // The span's first and last glyphs (it starts and ends on glyphs; a line-end hyphen's break is inside).
        guard let first = glyphs.firstIndex(where: { $0 >= span.scalars.lowerBound }),
            let last = glyphs.lastIndex(where: { $0 <= span.scalars.upperBound }), first <= last
        else { return nil }
        return modelGlyphs[first]...modelGlyphs[last]
    }

    /// Where page `number` starts in the document's PDF.js text (UTF-16
    /// units): the lengths of the pages before it; nil when one cannot be
    /// read.
    private func start(of number: Int) -> Int? {
        var start = 0
        for earlier in stride(from: 1, to: number, by: 1) {
            guard let model = page(earlier) else { return nil }
            start += model.units.count
        }
        return start
    }

    /// The last ``contextLength`` UTF-16 units of the document's text before
    /// `offset` on page `number` (never half a surrogate pair).
    private func before(page number: Int, offset: Int) -> String {
        var units: [UInt16] = []
        var page = number
        var end = offset
        while units.count < Self.contextLength, page >= 1, let model = self.page(page) {
            let take = min(end, Self.contextLength - units.count)
            units.insert(contentsOf: model.units[(end - take)..<end], at: 0)
            page -= 1
            end = page >= 1 ? (self.page(page)?.units.count ?? 0) : 0
        }
        if let first = units.first, UTF16.isTrailSurrogate(first) { units.removeFirst() }
        return String(decoding: units, as: UTF16.self)
    }

    /// The first ``contextLength`` UTF-16 units of the document's text from
    /// `offset` on page `number` (never half a surrogate pair).
    private func after(page number: Int, offset: Int) -> String {
        var units: [UInt16] = []
        var page = number
        var start = offset
        while units.count < Self.contextLength, page <= document.pageCount, let model = self.page(page) {
            let take = min(model.units.count - start, Self.contextLength - units.count)
            units.append(contentsOf: model.units[start..<(start + take)])
            page += 1
            start = 0
        }
        if let last = units.last, UTF16.isLeadSurrogate(last) { units.removeLast() }
        return String(decoding: units, as: UTF16.self)
    }
}
