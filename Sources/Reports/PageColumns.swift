public import PDFCore

/// The columns of a page, found from where its words stand: a vertical
/// gutter near the middle that no column's word crosses, and the lines that
/// run across it (a title, a wide figure's caption) splitting the page into
/// bands. Used to order highlights as a reader reads (``ReadingOrder``) and
/// to frame their pictures within their column (``PictureFrame``) —
/// whatever order the PDF draws its text in, and wherever Poppler's own
/// layout analysis runs two columns' lines together.
///
/// All coordinates are in top-left page space, points.
public struct PageColumns: Sendable {
    /// The page's words: runs of scalars other than white space, each the
    /// union of its glyph boxes.
    public let words: [Rect]
    /// The x of the gutter's middle on a two-column page; nil otherwise.
    public let split: Double?
    /// The middles (y) of the lines that run across the gutter, top first.
    public let crossings: [Double]

    /// How much of the page's width, around the middle, a gutter is looked for in.
    static let gutterZone = 0.3...0.7
    /// The narrowest gutter, in points (LaTeX's \\columnsep is 10 pt; the
    /// gaps between a contents page's leader dots, aligned line under line,
    /// are about 3).
    static let narrowestGutter = 7.0

    /// `text` is the page's text (either order), `size` its size as displayed.
    public init(text: PageText, size: PageSize) {
        var words: [Rect] = []
        var word: Rect?
        for (scalar, box) in zip(text.scalars, text.boxes) {
            if scalar.properties.isWhitespace {
                if let w = word { words.append(w) }
                word = nil
            } else if !box.isEmpty {
                word = word.map { $0.union(box) } ?? box
            }
        }
        if let w = word { words.append(w) }
        self.words = words

        // Columns' words leave the gutter empty; a line across the page has
        // only a word or two there. Count the words over each point of x in
        // the middle of the page; the gutter is the widest run where (almost)
        // none stand, with enough words on both sides.
        let width = size.width
        let low = Int(width * Self.gutterZone.lowerBound)
        let high = Int(width * Self.gutterZone.upperBound)
        var split: Double?
        if high > low, words.count >= 40 {
            var counts = [Int](repeating: 0, count: high - low + 1)
            for w in words where w.width < width / 2 {
                let from = max(low, Int(w.minX.rounded(.down)))
                let to = min(high, Int(w.maxX.rounded(.up)))
                if from <= to { for x in from...to { counts[x - low] += 1 } }
            }
            let quiet = max(1, words.count / 100)
            var best: (start: Int, length: Int)?
            var start: Int?
            for k in 0...counts.count {
                if k < counts.count, counts[k] <= quiet {
                    if start == nil { start = k }
                } else if let s = start {
                    if k - s > (best?.length ?? 0) { best = (s, k - s) }
                    start = nil
                }
            }
            if let best, Double(best.length) >= Self.narrowestGutter {
                let middle = Double(low + best.start) + Double(best.length) / 2
                // Words of a column, not leader dots or page numbers alone.
                let real = words.filter { $0.width >= 2 * Self.narrowestGutter }
                let left = real.filter { $0.maxX <= middle }.count
                let right = real.filter { $0.minX >= middle }.count
                if left >= real.count / 5, right >= real.count / 5 { split = middle }
            }
        }
        self.split = split
        var crossings: [Double] = []
        if let split {
            for y in words.filter({ $0.minX < split && $0.maxX > split }).map(\.midY).sorted() where crossings.last.map({ y - $0 > 2 }) ?? true {
                crossings.append(y)
            }
        }
        self.crossings = crossings
    }

    /// Which side of the gutter `rects` stand on: -1 left, 1 right, 0 across
    /// it (or a page of one column).
    public func side(of rects: [Rect]) -> Int {
        guard let split else { return 0 }
        if rects.allSatisfy({ $0.maxX <= split + 1 }) { return -1 }
        if rects.allSatisfy({ $0.minX >= split - 1 }) { return 1 }
        return 0
    }

    /// The words on `side` (-1 left of the gutter, 1 right, 0 all).
    public func words(on side: Int) -> [Rect] {
        guard let split, side != 0 else { return words }
        return words.filter { side < 0 ? $0.maxX <= split + 1 : $0.minX >= split - 1 }
    }

    /// Where a passage whose first region is `rect` stands in reading order:
    /// the band between lines across the gutter, then (within a band) the
    /// left column before the right, then top to bottom and left to right.
    /// A line across the gutter comes after the band above it.
    public func key(of rect: Rect) -> Key {
        let above = crossings.filter { $0 < rect.midY - 2 }.count
        let side = self.side(of: [rect])
        return Key(band: side == 0 && split != nil ? 2 * above + 1 : 2 * above, side: side, top: rect.minY, left: rect.minX)
    }

    /// A place in reading order (see ``key(of:)``).
    public struct Key: Comparable, Sendable {
        var band: Int
        var side: Int
        var top: Double
        var left: Double

        public static func < (a: Key, b: Key) -> Bool {
            (a.band, a.side, a.top, a.left) < (b.band, b.side, b.top, b.left)
        }
    }
}
