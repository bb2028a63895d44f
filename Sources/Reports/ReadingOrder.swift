public import PDFCore

/// Where a highlight stands in the order a reader reads its page — down
/// the left column, then the right — as Poppler's reading order groups the
/// page (blocks, lines and columns, like `pdftotext`), whatever order the
/// PDF draws its text in.
///
/// pdfannots does the like with pdfminer's layout analysis (or a fixed
/// column count, `--cols`); here Poppler finds each page's columns, so a
/// one-column page, a two-column one and a heading across both are read as
/// they stand.
public struct ReadingOrder: Sendable {
    /// Glyph centres in reading order, top-left page space, points.
    let centres: [Point]

    /// `text` is the page's text in reading order (``PDFPage/readingOrderText()``).
    public init(text: PageText) {
        var centres: [Point] = []
        centres.reserveCapacity(text.scalars.count)
        for (scalar, box) in zip(text.scalars, text.boxes) where !scalar.properties.isWhitespace && !box.isEmpty {
            centres.append(Point(x: box.midX, y: box.midY))
        }
        self.centres = centres
    }

    /// The rank, in reading order, of a highlight whose first region on the
    /// page is `rect` (top-left page space): the first glyph whose centre
    /// lies in it, else the glyph nearest its top-left corner; nil on a
    /// page without text.
    public func rank(of rect: Rect) -> Int? {
        if let inside = centres.firstIndex(where: { rect.minX <= $0.x && $0.x <= rect.maxX && rect.minY <= $0.y && $0.y <= rect.maxY }) {
            return inside
        }
        let corner = Point(x: rect.minX, y: rect.midY)
        return centres.indices.min { distance(centres[$0], corner) < distance(centres[$1], corner) }
    }

    private func distance(_ a: Point, _ b: Point) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }
}
