public import Notes
import Foundation

/// New selectors for a found annotation, made from the PDF's text the way
/// Hypothesis makes them on PDF.js's text — or why that would be a guess.
public enum SelectorRefresh: Sendable, Hashable {
    /// The quote as the PDF has it now (PDF.js's form, see
    /// ``DocumentIndex/pdfjsText(_:)``), with up to 32 UTF-16 units of
    /// context from the same page, and a position estimated in UTF-16 units
    /// of PDF.js's text of the whole document.
    case selectors(quote: TextQuoteSelector, position: TextPositionSelector)
    /// Why no selectors are given.
    case unavailable(reason: String)
}

extension DocumentIndex {
    /// How many UTF-16 units of context Hypothesis keeps on each side.
    static let contextLength = 32

    /// Selectors for `result`, a match found in this index.
    ///
    /// Only a match with a ``MatchSpan`` (in one piece, on one page) gets
    /// selectors.
    public func selectorRefresh(for result: AnchorResult) -> SelectorRefresh {
        let span: MatchSpan
        switch MatchSpan.of(result, in: self) {
        case .unavailable(let reason): return .unavailable(reason: reason)
        case .span(let found): span = found
        }
        let pageIndex = span.page - 1
        let page = pages[pageIndex]
        let (first, last) = (span.scalars.lowerBound, span.scalars.upperBound)
        let exact = Self.pdfjsText(page.scalars[first...last]).trimmingSpaces
        guard !exact.isEmpty else { return .unavailable(reason: "its text on the page is empty") }
        let before = Self.pdfjsText(page.scalars[max(0, first - 4 * Self.contextLength)..<first])
        let after = Self.pdfjsText(page.scalars[(last + 1)..<min(page.scalars.count, last + 1 + 4 * Self.contextLength)])
        let start = estimatedStarts[pageIndex] + Self.estimatePDFjsLength(Array(page.scalars[0..<first]))
        let length = Self.estimatePDFjsLength(Array(page.scalars[first...last]))
        return .selectors(
            quote: TextQuoteSelector(exact: exact, prefix: Self.lastUTF16(before, Self.contextLength), suffix: Self.firstUTF16(after, Self.contextLength)),
            position: TextPositionSelector(start: start, end: start + length))
    }

    /// Poppler's text in the form of a Hypothesis selector on PDF.js's
    /// text: line breaks and runs of white space become one space, soft
    /// hyphens and other format characters are dropped, ligatures are
    /// spelled out (ﬁ → fi).
    public static func pdfjsText<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in scalars {
            if scalar.isSpace {
                if !lastWasSpace { view.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if scalar.properties.generalCategory == .format { continue }
            if (0xFB00...0xFB06).contains(scalar.value) {
                view.append(contentsOf: String(scalar).precomposedStringWithCompatibilityMappingScalars)
            } else {
                view.append(scalar)
            }
        }
        return String(view)
    }

    /// The last `count` UTF-16 units of `text`, never half a surrogate pair.
    static func lastUTF16(_ text: String, _ count: Int) -> String {
        var units = 0
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars.reversed() {
            guard units + scalar.utf16.count <= count else { break }
            units += scalar.utf16.count
            scalars.append(scalar)
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The first `count` UTF-16 units of `text`, never half a surrogate pair.
    static func firstUTF16(_ text: String, _ count: Int) -> String {
        var units = 0
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard units + scalar.utf16.count <= count else { break }
            units += scalar.utf16.count
            view.append(scalar)
        }
        return String(view)
    }
}

extension String {
    /// NFKC of a ligature, as scalars.
    fileprivate var precomposedStringWithCompatibilityMappingScalars: String.UnicodeScalarView {
        precomposedStringWithCompatibilityMapping.unicodeScalars
    }

    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
