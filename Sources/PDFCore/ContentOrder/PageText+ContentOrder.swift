extension PageText {
    /// How far two words' baselines may lie apart, as a fraction of the
    /// larger font size, and still be on one line (a superscript is).
    static let sameLineBaselineDelta = 0.5
    /// A gap wider than this fraction of the font size between two words
    /// on one line is a space (Poppler splits words at a tenth of it).
    static let spaceGap = 0.1
    /// A word starting further back than this many font sizes behind the
    /// previous word's end starts a new line (text drawn twice, or a line
    /// drawn again from its start).
    static let backwardsJump = 1.0

    /// A page's text from its words in content-stream order: the words'
    /// characters, a `" "` where two words on one line have a gap between
    /// them, a `"\n"` where the next word is on another line (or runs
    /// backwards). Boxes of the inserted spaces span the gap; a `"\n"` gets
    /// an empty box at the end of the glyph before it.
    ///
    /// Glyphs of fonts with implausible metrics get a box one font size
    /// high: Poppler makes a glyph's box from the font descriptor's
    /// `/Ascent` and `/Descent`, and some fonts (pdfTeX's Type 1 Linux
    /// Biolinum, among others) declare an ascent of half the x-height and no
    /// descent, so their boxes are a sliver, and a highlight drawn from them
    /// covers a third of the line (and readers that match glyphs to
    /// highlights by overlap find no text under it). A box lower than 0.6 ×
    /// the font size (and no wider than 1.5 × it, so not a glyph of vertical
    /// text) on a horizontal line becomes 0.8 font size above the baseline
    /// and 0.2 below it.
    ///
    /// A word that starts off the page (a margin note printed from left of
    /// the page's edge, of which Poppler keeps the letters inside it) is
    /// left out, as PDF.js leaves it out of its text; a word that starts on
    /// the page and runs off it (a long line of a listing) is kept, as PDF.js
    /// keeps it (Poppler drops the glyphs that start beyond the edge).
    init(pageNumber: Int, contentWords all: [ContentWord], pageSize: PageSize) {
        let page = Rect(minX: -0.5, minY: -0.5, maxX: pageSize.width + 0.5, maxY: pageSize.height + 0.5)
        let words = all.filter { word in
            guard let first = word.boxes.first else { return false }
            let x = word.rotation == 2 ? first.maxX : first.minX
            let y = word.rotation == 3 ? first.maxY : first.minY
            return word.rotation == 0 || word.rotation == 2
                ? x >= page.minX && x <= page.maxX && (first.minY + first.maxY) / 2 >= page.minY && (first.minY + first.maxY) / 2 <= page.maxY
                : y >= page.minY && y <= page.maxY && (first.minX + first.maxX) / 2 >= page.minX && (first.minX + first.maxX) / 2 <= page.maxX
        }
        var scalars: [Unicode.Scalar] = []
        var boxes: [Rect] = []
        let estimate = words.reduce(0) { $0 + $1.scalars.count + 1 }
        scalars.reserveCapacity(estimate)
        boxes.reserveCapacity(estimate)
        for (k, word) in words.enumerated() {
            if k > 0 {
                let previous = words[k - 1]
                switch Self.separator(between: previous, and: word) {
                case .newline:
                    let last = boxes.last ?? Rect(minX: 0, minY: 0, maxX: 0, maxY: 0)
                    scalars.append("\n")
                    boxes.append(Rect(minX: last.maxX, minY: last.minY, maxX: last.maxX, maxY: last.minY))
                case .space:
                    scalars.append(" ")
                    boxes.append(Self.gapBox(from: boxes.last!, to: word.boxes[0], rotation: word.rotation))
                case .none:
                    break
                }
            }
            scalars.append(contentsOf: word.scalars)
            for (scalar, box) in zip(word.scalars, word.boxes) {
                boxes.append(Self.plausibleBox(box, scalar: scalar, word: word))
            }
        }
        self.init(pageNumber: pageNumber, scalars: scalars, boxes: boxes, boxesAligned: true)
    }

    enum Separator { case none, space, newline }

    /// What stands between two consecutive words of the content stream.
    static func separator(between a: ContentWord, and b: ContentWord) -> Separator {
        guard !a.boxes.isEmpty, !b.boxes.isEmpty, a.rotation == b.rotation else { return .newline }
        let size = max(a.fontSize, b.fontSize, 0.1)
        guard abs(a.baseline - b.baseline) < sameLineBaselineDelta * size else { return .newline }
        let gap = a.gap(to: b)
        if gap < -backwardsJump * size { return .newline }
        return gap > spaceGap * size ? .space : .none
    }

    /// The box of a space between two glyphs on one line.
    private static func gapBox(from a: Rect, to b: Rect, rotation: Int) -> Rect {
        switch rotation {
        case 1, 3:
            return Rect(minX: min(a.minX, b.minX), minY: min(a.maxY, b.minY), maxX: max(a.maxX, b.maxX), maxY: max(a.maxY, b.minY))
        default:
            return Rect(
                minX: min(a.maxX, b.minX), minY: min(a.minY, b.minY), maxX: max(a.maxX, b.minX), maxY: max(a.maxY, b.maxY))
        }
    }

    /// A glyph's box, made one font size high when Poppler's is a sliver
    /// (see ``init(pageNumber:contentWords:pageSize:)``).
    private static func plausibleBox(_ box: Rect, scalar: Unicode.Scalar, word: ContentWord) -> Rect {
        let size = word.fontSize
        let height = box.maxY - box.minY
        // The Unicode property last: most boxes are no sliver.
        guard size > 0, word.rotation == 0 || word.rotation == 2, height > 0, height < 0.6 * size, box.maxX - box.minX <= 1.5 * size,
            !scalar.properties.isWhitespace
        else { return box }
        // Upside down (rotation 2), "above the baseline" is downwards on the page.
        let up = word.rotation == 0 ? -1.0 : 1.0
        let top = word.baseline + up * 0.8 * size
        let bottom = word.baseline - up * 0.2 * size
        return Rect(minX: box.minX, minY: min(top, bottom), maxX: box.maxX, maxY: max(top, bottom))
    }
}
