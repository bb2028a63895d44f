@testable import Anchoring
import Notes
import PDFCore

/// Builds a ``DocumentIndex`` from page texts, without a PDF: each scalar
/// gets a box on a grid (5 points wide, lines 12 points apart, 10 high), so
/// expected rectangles can be worked out by hand.
///
/// Texts may mark the expected match with `⟦` and `⟧` (swift-format's
/// marked-text idea): the markers are removed and their scalar offsets returned.
enum Synthetic {
    struct Marked {
        var pages: [String]
        /// (page number, scalar range) of each marked span, in order.
        var spans: [(page: Int, range: Range<Int>)]
    }

    static func marked(_ pages: [String]) -> Marked {
        var clean: [String] = []
        var spans: [(Int, Range<Int>)] = []
        for (k, page) in pages.enumerated() {
            var scalars = String.UnicodeScalarView()
            var open: Int?
            for scalar in page.unicodeScalars {
                if scalar == "⟦" {
                    open = scalars.count
                } else if scalar == "⟧", let start = open {
                    spans.append((k + 1, start..<scalars.count))
                    open = nil
                } else {
                    scalars.append(scalar)
                }
            }
            clean.append(String(scalars))
        }
        return Marked(pages: clean, spans: spans)
    }

    /// The box of the scalar at `column` on `line` (0-based).
    static func box(line: Int, column: Int) -> Rect {
        Rect(minX: Double(column) * 5, minY: Double(line) * 12, maxX: Double(column) * 5 + 5, maxY: Double(line) * 12 + 10)
    }

    static func index(_ pages: [String]) -> DocumentIndex {
        let parts = pages.enumerated().map { k, text -> PagePart in
            let scalars = Array(text.unicodeScalars)
            var boxes: [Float] = []
            var line = 0
            var column = 0
            for scalar in scalars {
                let b = box(line: line, column: column)
                boxes += [Float(b.minX), Float(b.minY), Float(b.maxX), Float(b.maxY)]
                if scalar == "\n" {
                    line += 1
                    column = 0
                } else {
                    column += 1
                }
            }
            return PagePart(
                number: k + 1, label: "p\(k + 1)", size: PageSize(width: 600, height: 800),
                geometry: PageGeometry(cropBox: Rect(minX: 0, minY: 0, maxX: 600, maxY: 800), rotation: 0), scalars: scalars, boxes: boxes,
                pdfjsLength: DocumentIndex.estimatePDFjsLength(scalars))
        }
        return DocumentIndex(path: "/synthetic.pdf", pageCount: parts.count, parts: parts)
    }

    /// `annotation` with its quote selector changed by `quote` and its
    /// position selector by `position`.
    static func changing(
        _ annotation: Annotation, quote: (inout TextQuoteSelector) -> Void = { _ in },
        position: (inout TextPositionSelector) -> Void = { _ in }
    ) -> Annotation {
        var annotation = annotation
        for t in annotation.targets.indices {
            for s in annotation.targets[t].selectors.indices {
                switch annotation.targets[t].selectors[s] {
                case .textQuote(var selector):
                    quote(&selector)
                    annotation.targets[t].selectors[s] = .textQuote(selector)
                case .textPosition(var selector):
                    position(&selector)
                    annotation.targets[t].selectors[s] = .textPosition(selector)
                default:
                    continue
                }
            }
        }
        return annotation
    }

    static func annotation(
        _ exact: String, prefix: String = "", suffix: String = "", position: TextPositionSelector? = nil, id: String = "a1"
    ) -> Annotation {
        var selectors: [Selector] = []
        if let position { selectors.append(.textPosition(position)) }
        selectors.append(.textQuote(TextQuoteSelector(exact: exact, prefix: prefix, suffix: suffix)))
        return Annotation(id: id, targets: [AnnotationTarget(source: "x", selectors: selectors)])
    }
}
