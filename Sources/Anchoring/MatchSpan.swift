public import PDFCore

/// Where a found annotation's match lies in Poppler's text of one page: what
/// new selectors are made from (`pdfanchor refresh`).
public struct MatchSpan: Sendable {
    /// The 1-based page number.
    public var page: Int
    /// The match's first and last **Unicode scalar** offsets in the page's
    /// content-order text (``IndexedPage/text``), a line-end hyphen right
    /// after it included.
    public var scalars: ClosedRange<Int>
    /// The page's content-order text, as the index read it.
    public var text: PageText

    /// A span of the scalars `scalars` of `text`, page `page`'s
    /// content-order text (as ``PDFPage/text()`` reads it).
    public init(page: Int, scalars: ClosedRange<Int>, text: PageText) {
        self.page = page
        self.scalars = scalars
        self.text = text
    }

    /// Where `result` (a match found in `index`) lies, or why new selectors
    /// made from it would be a guess.
    ///
    /// Only a match in one piece on one page has a span: a match in pieces
    /// is where Poppler's reading order differs from PDF.js's, so the quote
    /// Poppler's order gives is not the one a reader would select; and a
    /// selection never crosses a page break.
    public static func of(_ result: AnchorResult, in index: DocumentIndex) -> Lookup {
        guard result.isFound else { return .unavailable(reason: "it is not found in the PDF") }
        guard let segments = result.segments, let segment = segments.first, !segment.isEmpty else {
            return .unavailable(reason: "its match is not known in detail")
        }
        guard segments.count == 1 else {
            return .unavailable(reason: "it is found in \(segments.count) pieces (the PDF's reading order differs there); a new quote would be a guess")
        }
        let pageIndex = index.pageIndex(at: segment.lowerBound)
        guard index.pageIndex(at: segment.upperBound - 1) == pageIndex else {
            return .unavailable(reason: "it now runs across a page break, which a selection cannot")
        }
        let page = index.pages[pageIndex]
        guard let text = page.text else { return .unavailable(reason: "its page was not read") }
        let first = Int(index.origins[segment.lowerBound])
        var last = Int(index.origins[segment.upperBound - 1])
        // A hyphen ending the line belongs to the word it splits.
        if last + 2 < text.scalars.count, text.scalars[last + 2] == "\n",
            text.scalars[last + 1].properties.generalCategory == .dashPunctuation
        {
            last += 1
        }
        guard first >= 0, first <= last, last < text.scalars.count else { return .unavailable(reason: "its match is not known in detail") }
        return .span(MatchSpan(page: page.number, scalars: first...last, text: text))
    }

    /// A span, or why there is none.
    public enum Lookup: Sendable {
        /// The match's span.
        case span(MatchSpan)
        /// Why new selectors would be a guess.
        case unavailable(reason: String)
    }
}
