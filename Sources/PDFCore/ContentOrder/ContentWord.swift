/// A word as Poppler's text extraction finds it in the content stream: its
/// characters, one box each, and the font size and baseline they share.
struct ContentWord: Sendable, Equatable {
    /// The characters, in the order drawn.
    var scalars: [Unicode.Scalar]
    /// One box per character, top-left page space, points.
    var boxes: [Rect]
    /// The font size in points (as scaled on the page).
    var fontSize: Double
    /// The baseline's coordinate across the writing direction (y for
    /// rotations 0 and 2, x for 1 and 3), top-left page space.
    var baseline: Double
    /// The writing direction in quarter turns clockwise from left-to-right:
    /// 0 left to right, 1 top to bottom, 2 right to left (upside down),
    /// 3 bottom to top.
    var rotation: Int
    /// Only for modelling PDF.js's text (``PDFjsPageText``), else empty: per
    /// character, what PDF.js minds about its glyph and Poppler's words
    /// lose (``PDFjsFlags``).
    var pdfjsFlags: [PDFjsFlags] = []

    /// Where the word starts along its writing direction (the smaller x for
    /// rotation 0, the larger for 2; likewise y for 1 and 3).
    var leadingEdge: Double { boxes.first.map { edge(of: $0, leading: true) } ?? 0 }

    /// Where the word ends along its writing direction.
    var trailingEdge: Double { boxes.last.map { edge(of: $0, leading: false) } ?? 0 }

    /// The leading or trailing side of `box` along the writing direction:
    /// x for rotations 0 and 2, y for 1 and 3; the smaller coordinate leads
    /// for 0 and 1, the larger for 2 and 3.
    private func edge(of box: Rect, leading: Bool) -> Double {
        let smaller = leading == (rotation < 2)
        if rotation % 2 == 1 { return smaller ? box.minY : box.maxY }
        return smaller ? box.minX : box.maxX
    }

    /// Where glyph `index` starts along the writing direction, as a
    /// coordinate that grows as the text advances (x for rotation 0, y for
    /// 1, −x for 2, −y for 3): PDF.js measures in the text's own space,
    /// where a page's `/Rotate` turns nothing.
    func start(of index: Int) -> Double { advancing(edge(of: boxes[index], leading: true)) }

    /// Where glyph `index` ends along the writing direction (see ``start(of:)``).
    func end(of index: Int) -> Double { advancing(edge(of: boxes[index], leading: false)) }

    /// How far glyph `index` advances along the writing direction.
    func advance(of index: Int) -> Double { end(of: index) - start(of: index) }

    /// `coordinate` as one that grows along the writing direction.
    private func advancing(_ coordinate: Double) -> Double { rotation < 2 ? coordinate : -coordinate }

    /// The distance from this word's end to `next`'s start along the
    /// writing direction (negative when `next` starts before this one ends).
    func gap(to next: ContentWord) -> Double {
        switch rotation {
        case 2, 3: return trailingEdge - next.leadingEdge
        default: return next.leadingEdge - trailingEdge
        }
    }
}

/// What PDF.js's text extraction minds about a glyph and Poppler's words
/// lose (CPopplerCore's `PDFANCHOR_CORE_…` flags).
struct PDFjsFlags: OptionSet, Sendable, Equatable {
    let rawValue: UInt8
    /// It comes right after a change of the text matrix's horizontal scale
    /// within one font (pdfTeX's font expansion) and starts after the glyph
    /// before ends: PDF.js puts a space before it.
    static let scaleRestart = PDFjsFlags(rawValue: 1)
    /// A space glyph was drawn between it and the glyph before.
    static let afterSpace = PDFjsFlags(rawValue: 2)
    /// An accent is drawn right after it (Poppler joined it to it as a
    /// combining mark); PDF.js keeps the accent after the letter.
    static let accentAfter = PDFjsFlags(rawValue: 4)
}
