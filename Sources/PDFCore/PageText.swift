/// The text of one page as Poppler reads it, with one glyph box per
/// Unicode scalar.
///
/// The text is in Poppler's reading order (blocks and columns regrouped,
/// like `pdftotext`), lines separated by `"\n"`. Offsets into it are
/// **Unicode scalar** offsets: `scalars[i]` is drawn in `boxes[i]`. (Swift
/// `Character` offsets would drift on combining marks; convert to UTF-16
/// only where selectors need it.) Boxes of the `"\n"` and `" "` that Poppler
/// inserts between words and lines span the gap they stand for.
public struct PageText: Sendable {
    /// The 1-based page number.
    public let pageNumber: Int
    /// The page's text as Unicode scalars.
    public let scalars: [Unicode.Scalar]
    /// One box per element of ``scalars``, in top-left page space, points.
    public let boxes: [Rect]
    /// False when Poppler returned a different number of boxes than scalars
    /// (the boxes were then padded or cut to fit and are approximate).
    public let boxesAligned: Bool

    /// The text of page `pageNumber`: `boxes` must hold one box per scalar;
    /// `boxesAligned` is false when they were padded or cut to fit.
    public init(pageNumber: Int, scalars: [Unicode.Scalar], boxes: [Rect], boxesAligned: Bool = true) {
        precondition(scalars.count == boxes.count, "one box per scalar")
        self.pageNumber = pageNumber
        self.scalars = scalars
        self.boxes = boxes
        self.boxesAligned = boxesAligned
    }

    /// The text as a `String`.
    public var string: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The text of the scalar range `range` (scalar offsets).
    public func string(in range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return String(view)
    }
}
