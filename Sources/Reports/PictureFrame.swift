public import PDFCore

/// The part of a page a report's picture of a highlight shows, and how
/// large it is shown.
///
/// The frame holds the highlighted lines and the nearest line above and
/// below, each across the whole width of the highlight's column (the
/// page's text block on a one-column page): every word whose middle lies in
/// the frame is inside it, so no word is cut, and a two-column page's other
/// column stays out (``PageColumns``). All rectangles are in top-left page
/// space, points.
public struct PictureFrame: Sendable, Equatable {
    /// The region of the page shown, in top-left page space, points.
    public var region: Rect
    /// CSS pixels per point the picture is shown at.
    public var displayScale: Double
    /// Pixels per point it is rendered at: ``displayScale`` times the pixel
    /// density, so it stays sharp on a high-density screen.
    public var renderScale: Double

    /// How pictures are framed and sized.
    public struct Layout: Sendable {
        /// The widest a picture is shown, in CSS pixels (the report's
        /// column, less the highlight's padding).
        public var maxWidth = 760.0
        /// The largest enlargement: a narrow column is shown at most this
        /// many CSS pixels per point.
        public var maxZoom = 2.0
        /// Pixels rendered per CSS pixel.
        public var pixelDensity = 2.0
        /// Points of white left and right of the text, and above and below
        /// it (less: more would show a sliver of the next line).
        public var padding = 4.0
        /// Points added above and below the lines a picture holds.
        public var verticalPadding = 1.0
        /// How far (in line heights) a line above or below may stand and
        /// still be shown as context.
        public var contextReach = 2.5
        /// The report's layout.
        public init() {}
    }

    /// Frames `highlights` (the highlight's rectangles on one page) on a
    /// page whose words and columns are `columns`.
    public init(highlights: [Rect], columns: PageColumns, pageSize: PageSize, layout: Layout = Layout()) {
        precondition(!highlights.isEmpty, "a picture frames at least one rectangle")
        let heights = highlights.map(\.height).sorted()
        let lineHeight = max(4, heights[heights.count / 2])
        // Sideways text in a margin (tall, narrow words) would join every line it stands beside.
        let words = columns.words(on: columns.side(of: highlights)).filter { $0.height <= 2.5 * lineHeight }
        let lines = Self.lines(of: words)
        var region = highlights.dropFirst().reduce(highlights[0]) { $0.union($1) }

        // The highlighted lines, and the nearest line above and below.
        for line in lines where highlights.contains(where: { Self.level(line, $0) }) {
            region = region.union(line)
        }
        let reach = layout.contextReach * lineHeight
        if let above = lines.filter({ $0.midY < region.minY && region.minY - $0.maxY < reach }).max(by: { $0.maxY < $1.maxY }) {
            region.minY = min(region.minY, above.minY)
        } else {
            region.minY -= lineHeight / 2
        }
        if let below = lines.filter({ $0.midY > region.maxY && $0.minY - region.maxY < reach }).min(by: { $0.minY < $1.minY }) {
            region.maxY = max(region.maxY, below.maxY)
        } else {
            region.maxY += lineHeight / 2
        }
        // A line beyond the context whose glyph boxes reach into the frame
        // (boxes are taller than the line spacing) would show as a sliver:
        // the edge goes halfway between.
        if let beyond = lines.filter({ $0.midY < region.minY && $0.maxY > region.minY }).max(by: { $0.maxY < $1.maxY }) {
            region.minY = (region.minY + beyond.maxY) / 2 + layout.verticalPadding
        }
        if let beyond = lines.filter({ $0.midY > region.maxY && $0.minY < region.maxY }).min(by: { $0.minY < $1.minY }) {
            region.maxY = (region.maxY + beyond.minY) / 2 - layout.verticalPadding
        }
        // Across the column: every word whose middle is in the frame.
        for word in words where word.midY > region.minY && word.midY < region.maxY {
            region.minX = min(region.minX, word.minX)
            region.maxX = max(region.maxX, word.maxX)
        }
        region.minX -= layout.padding
        region.maxX += layout.padding
        region.minY -= layout.verticalPadding
        region.maxY += layout.verticalPadding
        let page = Rect(minX: 0, minY: 0, maxX: pageSize.width, maxY: pageSize.height)
        self.region = region.intersection(page) ?? page
        self.displayScale = min(layout.maxZoom, layout.maxWidth / max(1, self.region.width))
        self.renderScale = displayScale * layout.pixelDensity
    }

    /// The width and height the picture is shown at, in CSS pixels.
    public var displaySize: (width: Int, height: Int) {
        (Int((region.width * displayScale).rounded()), Int((region.height * displayScale).rounded()))
    }

    /// True when `a` and `b` share at least half the height of the lower of them.
    static func level(_ a: Rect, _ b: Rect) -> Bool {
        min(a.maxY, b.maxY) - max(a.minY, b.minY) >= 0.5 * min(a.height, b.height)
    }

    /// Words grouped into lines (words level with each other), each line
    /// the union of its words.
    static func lines(of words: [Rect]) -> [Rect] {
        var lines: [Rect] = []
        for word in words.sorted(by: { $0.midY < $1.midY }) {
            if let last = lines.last, level(last, word) {
                lines[lines.count - 1] = last.union(word)
            } else {
                lines.append(word)
            }
        }
        return lines
    }
}
