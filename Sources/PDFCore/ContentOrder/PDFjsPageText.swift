/// A page's text as PDF.js 2.14 (obsidian-annotator's) reads it — what a
/// Hypothesis selector made in the plugin counts — modelled from Poppler's
/// glyphs in content-stream order, with the way back to Poppler's text.
///
/// Hypothesis takes a page's text as PDF.js's text items' `str` joined with
/// "" (and this project's notes, like Hypothesis's, with each run of white
/// space one U+0020). PDF.js's `getTextContent` puts no separator between
/// lines; between two glyphs of a line it puts a space only where the second
/// starts further than a tenth of the first's font size after the first
/// ends (a space glyph drawn between them counts as such a gap) and their
/// baselines lie at most one font size apart. It spells out ligatures and
/// other compatibility characters (ﬁ → fi, … → ..., ´ → space and U+0301),
/// and keeps a TeX accent drawn as its own glyph where it is drawn: before
/// its letter, where Poppler puts the letter first and turns the accent into
/// a combining mark after it (e + U+0301). This model applies those rules
/// to Poppler's words: their glyph boxes (along the writing direction they
/// run from the glyph's origin to its advance, as PDF.js measures), font
/// sizes and baselines; and it names TeX's glyphs as PDF.js does (see
/// `pdfanchor_core_page_words_pdfjs`).
///
/// Offsets: ``scalars`` and the indices of ``ranges`` count **Unicode
/// scalars** of Poppler's content-order text (those of ``PDFPage/text()``);
/// ``units`` and the bounds of ``ranges`` count **UTF-16 units** of the
/// modelled PDF.js text of this page alone.
public struct PDFjsPageText: Sendable, Hashable {
    /// The 1-based page number.
    public let pageNumber: Int
    /// The modelled PDF.js text of the page, as UTF-16 units.
    public let units: [UInt16]
    /// Poppler's content-order text of the page: ``PDFPage/text()``'s
    /// scalars, one for one, except that glyphs of TeX's fonts Poppler
    /// cannot name (it gives their character code: `X` for cmex10's ∑) are
    /// here the character PDF.js gives them.
    public let scalars: [Unicode.Scalar]
    /// For each element of ``scalars``, the UTF-16 units of ``units`` it
    /// became: empty for a line break or space PDF.js does not have (at the
    /// offset where it would stand); a letter and the accent Poppler
    /// combined with it share one range.
    public let ranges: [Range<Int>]

    /// The modelled text as a string.
    public var string: String { String(decoding: units, as: UTF16.self) }

    /// The UTF-16 units (of ``units``) that Poppler's scalars `first...last`
    /// became.
    public func unitRange(scalars span: ClosedRange<Int>) -> Range<Int> {
        let lower = span.lowerBound...span.upperBound
        let low = lower.map { ranges[$0].lowerBound }.min() ?? 0
        let high = lower.map { ranges[$0].upperBound }.max() ?? low
        return low..<max(low, high)
    }

    /// The model of page `pageNumber` from its words in content-stream
    /// order (as Poppler's core reads them), checked against `text`, the
    /// page's content-order text made of the same words. Nil when the words
    /// cannot be lined up with that text.
    init?(pageNumber: Int, words: [ContentWord], text: PageText) {
        guard let kept = Self.lineUp(words, with: text.scalars) else { return nil }
        var builder = Builder(count: text.scalars.count)
        for (k, word) in kept.enumerated() {
            if k > 0 {
                let previous = kept[k - 1]
                // Poppler's own separator (" " or "\n"), if it put one.
                let separator = previous.end < word.start ? previous.end : nil
                var space = Self.pdfjsSpace(between: previous.word, and: word.word)
                // After a glyph that does not advance (cmsy10's negation slash), PDF.js measures from the last one that did.
                if !previous.word.boxes.isEmpty, previous.word.rotation == word.word.rotation,
                    previous.word.advance(of: previous.word.boxes.count - 1) < 0.001, let advancing = builder.lastAdvancing
                {
                    space = Self.pdfjsSpace(gap: word.word.start(of: 0) + Self.accentOffset(word.word, at: 0) - advancing.end,
                        baselines: abs(word.word.baseline - previous.word.baseline), size: advancing.size)
                }
                builder.separate(space, scalar: separator)
            }
            builder.append(word.word, at: word.start)
        }
        self.pageNumber = pageNumber
        scalars = text.scalars
        units = builder.units
        ranges = builder.ranges
    }

    /// A word of the page and where its scalars start and end in the page's
    /// content-order text.
    struct Placed {
        var word: ContentWord
        var start: Int
        var end: Int
    }

    /// The words that make up `scalars` (the page's text leaves out words
    /// that start off the page), each with where it stands in them; nil
    /// when the words do not make up the text.
    static func lineUp(_ words: [ContentWord], with scalars: [Unicode.Scalar]) -> [Placed]? {
        var placed: [Placed] = []
        var position = 0
        for word in words where !word.scalars.isEmpty {
            var start = position
            if !placed.isEmpty, start < scalars.count, scalars[start] == " " || scalars[start] == "\n", word.scalars[0] != scalars[start] {
                start += 1
            }
            let end = start + word.scalars.count
            guard end <= scalars.count, scalars[start..<end].elementsEqual(word.scalars) else { continue }
            placed.append(Placed(word: word, start: start, end: end))
            position = end
        }
        return position == scalars.count ? placed : nil
    }

    /// Whether PDF.js 2.14 puts a space between the last glyph of `a` and
    /// the first of `b` (its `compareWithLastPosition`): not when `b` starts
    /// more than a fifth of `a`'s font size before `a` ends, nor when their
    /// baselines are more than `a`'s font size apart (a new line), nor when
    /// the gap is at most a tenth of `a`'s font size; otherwise yes. Words of
    /// different writing directions are on different lines.
    static func pdfjsSpace(between a: ContentWord, and b: ContentWord) -> Bool {
        guard a.rotation == b.rotation, !a.boxes.isEmpty, !b.boxes.isEmpty else { return false }
        let size = max(a.fontSize, 0.01)
        let gap = a.gap(to: b) + accentOffset(b, at: 0)
        let flags = b.pdfjsFlags.first ?? []
        let baselines = abs(a.baseline - b.baseline)
        if flags.contains(.scaleRestart) { return restartedSpace(gap: gap, baselines: baselines, size: size) }
        if flags.contains(.afterSpace), gap > 0.03 * size, baselines <= size { return true }
        return pdfjsSpace(gap: gap, baselines: baselines, size: size)
    }

    /// PDF.js's rule for a glyph starting `gap` points after the glyph
    /// before ends, their baselines `baselines` apart, the one before of
    /// font size `size` (points).
    static func pdfjsSpace(gap: Double, baselines: Double, size: Double) -> Bool {
        if gap < -0.2 * size { return false }
        if baselines > size { return false }
        return gap > 0.1 * size
    }

    /// Whether PDF.js puts a space before a glyph that comes right after a
    /// change of the text matrix's horizontal scale (`Tm`, within one font):
    /// the text item's width then restarts at 0, and with it PDF.js's
    /// thresholds, so any gap at all on the line is a space.
    static func restartedSpace(gap: Double, baselines: Double, size: Double) -> Bool {
        gap > 0 && baselines <= size
    }

    /// Whether the accent Poppler joined to `word`'s letter `index` was
    /// drawn after it (PDF.js then has it after the letter).
    static func accentAfter(_ word: ContentWord, _ index: Int) -> Bool {
        index < word.pdfjsFlags.count && word.pdfjsFlags[index].contains(.accentAfter)
    }

    /// How far after the start of `word`'s glyph `index` PDF.js's glyph
    /// there starts, along the writing direction: 0, or for a letter whose
    /// accent Poppler joined to it (PDF.js has the accent first), where the
    /// accent starts — TeX centres it over the letter, and an accent is
    /// about half a font size wide. Poppler gives the letter the first half
    /// of their joint box and the mark the second.
    static func accentOffset(_ word: ContentWord, at index: Int) -> Double {
        guard index + 1 < word.scalars.count, PDFjsCharacters.spacingAccent(for: word.scalars[index + 1]) != nil, !accentAfter(word, index) else { return 0 }
        let letter = word.boxes[index]
        let mark = word.boxes[index + 1]
        let width = word.rotation % 2 == 0 ? mark.maxX - letter.minX : mark.maxY - letter.minY
        return max(0, abs(width) / 2 - 0.25 * word.fontSize)
    }

    /// Makes the text and the ranges, one Poppler scalar at a time.
    struct Builder {
        var units: [UInt16] = []
        var ranges: [Range<Int>]
        /// Where the last glyph that advances ends along its writing
        /// direction (``ContentWord/end(of:)``, points) and its font size.
        var lastAdvancing: (end: Double, size: Double)?

        init(count: Int) {
            ranges = Array(repeating: 0..<0, count: count)
        }

        /// Whether the text ends in a space (runs of white space are one).
        private var endsInSpace: Bool { units.last == 0x20 }

        /// The separator between two words: a space or nothing, standing
        /// for Poppler's separator at scalar `scalar` (if it put one).
        mutating func separate(_ space: Bool, scalar: Int?) {
            let start = units.count
            if space, !endsInSpace { units.append(0x20) }
            if let scalar { ranges[scalar] = start..<units.count }
        }

        /// A word's scalars, the first at `start` in Poppler's text.
        mutating func append(_ content: ContentWord, at start: Int) {
            let word = content.scalars
            var i = 0
            while i < word.count {
                // Poppler puts a separate accent glyph after its letter, as a
                // combining mark; PDF.js has the accent glyph where it is
                // drawn, before the letter (and a space before the accent
                // when it starts far enough after the glyph before).
                if i + 1 < word.count, let accent = PDFjsCharacters.spacingAccent(for: word[i + 1]) {
                    if i > 0 {
                        let gap = content.start(of: i) - content.end(of: i - 1) + accentOffset(content, at: i)
                        if gap > 0.1 * content.fontSize, !endsInSpace { units.append(0x20) }
                    }
                    let begin = units.count
                    if accentAfter(content, i) {
                        appendText(PDFjsCharacters.form(of: word[i]))
                        appendText(PDFjsCharacters.form(of: accent))
                    } else {
                        appendText(PDFjsCharacters.form(of: accent))
                        appendText(PDFjsCharacters.form(of: word[i]))
                    }
                    ranges[start + i] = begin..<units.count
                    ranges[start + i + 1] = begin..<units.count
                    advance(content, i + 1)
                    i += 2
                    continue
                }
                // (Poppler's boxes within a word meet: the flag says the glyph starts after the one before ends.)
                if i > 0, i < content.pdfjsFlags.count, content.pdfjsFlags[i].contains(.scaleRestart), !endsInSpace {
                    units.append(0x20)
                }
                // After a glyph that does not advance, PDF.js measures from the last one that did.
                if i > 0, content.advance(of: i - 1) < 0.001, let advancing = lastAdvancing,
                    pdfjsSpace(gap: content.start(of: i) - advancing.end, baselines: 0, size: advancing.size), !endsInSpace
                {
                    units.append(0x20)
                }
                let begin = units.count
                appendText(PDFjsCharacters.form(of: word[i]))
                ranges[start + i] = begin..<units.count
                advance(content, i)
                i += 1
            }
        }

        /// Notes where glyph `index` of `word` ends, if it advances.
        private mutating func advance(_ word: ContentWord, _ index: Int) {
            if word.advance(of: index) >= 0.001 { lastAdvancing = (word.end(of: index), word.fontSize) }
        }

        /// Appends characters, each run of white space as one space.
        private mutating func appendText(_ scalars: [Unicode.Scalar]) {
            for scalar in scalars {
                if PDFjsCharacters.isJavaScriptWhitespace(scalar) {
                    if !endsInSpace { units.append(0x20) }
                    continue
                }
                // No ASCII character is a format character.
                if scalar.value >= 0x80, scalar.properties.generalCategory == .format { continue }
                units.append(contentsOf: scalar.utf16)
            }
        }
    }
}

extension PDFPage {
    /// The page's text as PDF.js 2.14 reads it, modelled from Poppler's
    /// glyphs in content-stream order with the page upright (see
    /// ``PDFjsPageText``); nil when Poppler's core API cannot read the page.
    public func pdfjsText() -> PDFjsPageText? {
        guard let words = document.contentOrder?.words(page: number, pdfjsGlyphNames: true) else { return nil }
        // The words are read with the page upright, as PDF.js reads text:
        // in the crop box's own width and height, before /Rotate.
        let crop = cropBox
        let text = PageText(pageNumber: number, contentWords: words, pageSize: PageSize(width: crop.width, height: crop.height))
        return PDFjsPageText(pageNumber: number, words: words, text: text)
    }
}
