public import PDFCore

/// The part of a page a report's picture of a highlight shows, and how
/// large it is shown.
///
/// The frame holds the highlighted lines from end to end — the whole line
/// of its column as Poppler's reading order groups it, not only the
/// highlighted words — and the nearest line above and below in the same
/// column as context. Its left and right edges are then moved out past any
/// word they would cut. All rectangles are in top-left page space, points.
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
        public var verticalPadding = 1.0
        /// How far (in line heights) a line above or below may stand and
        /// still be shown as context.
        public var contextReach = 2.5
        public init() {}
    }

    /// A line of Poppler's reading order: its box and its words' boxes.
    struct Line {
        var box: Rect
        var words: [Rect]
    }

    /// Frames `highlights` (the highlight's rectangles on one page) with
    /// `text`, the page's text in reading order (``PDFPage/readingOrderText()``).
    public init(highlights: [Rect], text: PageText, pageSize: PageSize, layout: Layout = Layout()) {
        precondition(!highlights.isEmpty, "a picture frames at least one rectangle")
        let lines = Self.lines(of: text)
        let heights = highlights.map(\.height).sorted()
        let lineHeight = max(4, heights[heights.count / 2])
        var region = highlights.dropFirst().reduce(highlights[0]) { $0.union($1) }

        // The highlighted lines whole: a line of the reading order counts
        // when it stands level with a highlight rectangle and meets it.
        for line in lines where highlights.contains(where: { Self.level(line.box, $0) && Self.meets(line.box, $0) }) {
            region = region.union(line.box)
        }
        // A line of context above and below, from the same column.
        let beside = lines.filter { $0.box.maxX > region.minX && $0.box.minX < region.maxX }
        let reach = layout.contextReach * lineHeight
        if let above = beside.filter({ $0.box.midY < region.minY && region.minY - $0.box.maxY < reach }).max(by: { $0.box.maxY < $1.box.maxY }) {
            region.minY = min(region.minY, above.box.minY)
        } else {
            region.minY -= lineHeight / 2
        }
        if let below = beside.filter({ $0.box.midY > region.maxY && $0.box.minY - region.maxY < reach }).min(by: { $0.box.minY < $1.box.minY }) {
            region.maxY = max(region.maxY, below.box.maxY)
        } else {
            region.maxY += lineHeight / 2
        }
        // No word cut at the left or right edge: the edges move out past it.
        let words = lines.flatMap(\.words)
        for _ in 0..<4 {
            var moved = false
            for word in words where word.midY > region.minY && word.midY < region.maxY {
                if word.minX < region.minX && word.maxX > region.minX { region.minX = word.minX; moved = true }
                if word.minX < region.maxX && word.maxX > region.maxX { region.maxX = word.maxX; moved = true }
            }
            if !moved { break }
        }
        let page = Rect(minX: 0, minY: 0, maxX: pageSize.width, maxY: pageSize.height)
        region.minX -= layout.padding
        region.maxX += layout.padding
        region.minY -= layout.verticalPadding
        region.maxY += layout.verticalPadding
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

    /// True when `a` and `b` overlap horizontally.
    static func meets(_ a: Rect, _ b: Rect) -> Bool {
        min(a.maxX, b.maxX) > max(a.minX, b.minX)
    }

    /// The lines of a reading-order text (separated by `"\n"`), each with
    /// its words (runs of scalars other than white space).
    static func lines(of text: PageText) -> [Line] {
        var lines: [Line] = []
        var words: [Rect] = []
        var word: Rect?
        func endWord() {
            if let w = word { words.append(w) }
            word = nil
        }
        func endLine() {
            endWord()
            if let first = words.first { lines.append(Line(box: words.dropFirst().reduce(first) { $0.union($1) }, words: words)) }
            words = []
        }
        for (scalar, box) in zip(text.scalars, text.boxes) {
            if scalar == "\n" {
                endLine()
            } else if scalar.properties.isWhitespace {
                endWord()
            } else if !box.isEmpty {
                word = word.map { $0.union(box) } ?? box
            }
        }
        endLine()
        return lines
    }
}
