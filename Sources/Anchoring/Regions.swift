import PDFCore

extension DocumentIndex {
    /// Whether the text breaks off after matching-text offset `end`
    /// (exclusive): the next glyph in Poppler's order is on another line, in
    /// another column, or on another page — give or take three characters.
    /// With `orWord`, the end of a word will do.
    func endsLine(_ end: Int, orWord: Bool = false) -> Bool {
        (0...3).contains { slack in
            let last = end - 1 - slack
            guard last >= 0 else { return true }
            let page = pages[pageIndex(at: last)]
            let scalar = Int(origins[last])
            if orWord, scalar + 1 < page.scalars.count, page.scalars[scalar + 1].isSpace { return true }
            return isBreak(in: page, after: scalar)
        }
    }

    /// Whether the text breaks off before matching-text offset `start`
    /// (see ``endsLine(_:)``).
    func startsLine(_ start: Int, orWord: Bool = false) -> Bool {
        (0...3).contains { slack in
            let first = start + slack
            guard first < text.count else { return true }
            let page = pages[pageIndex(at: first)]
            let scalar = Int(origins[first])
            if orWord, scalar > 0, page.scalars[scalar - 1].isSpace { return true }
            // The glyph before it, whitespace and dashes skipped (the
            // matching view has neither, so a piece may start after them).
            var i = scalar - 1
            while i >= 0, PagePart.isSkipped(page.scalars[i]) { i -= 1 }
            return i < 0 || isBreak(in: page, after: i)
        }
    }

    /// Whether, after scalar `index` of `page`, the next glyph is not the
    /// next one on the same line (see ``PagePart/breaks(scalars:boxes:)``).
    private func isBreak(in page: IndexedPage, after index: Int) -> Bool {
        index >= page.breaks.count || page.breaks[index]
    }

    /// The PDF user-space quadrilaterals of `rects` (top-left page space).
    func quads(of rects: [PageRect]) -> [PageQuad] {
        rects.map { rect in PageQuad(page: rect.page, quadPoints: pages[rect.page - 1].geometry.quad(for: rect.rect).quadPoints) }
    }

    /// The pages, Poppler text and line boxes of matching-text ranges.
    func region(for segments: [Range<Int>]) -> (pages: [Int], text: String, rects: [PageRect]) {
        var pages: [Int] = []
        var texts: [String] = []
        var rects: [PageRect] = []
        for segment in segments where !segment.isEmpty {
            var pieceTexts: [String] = []
            for pageIndex in self.pageIndex(at: segment.lowerBound)...self.pageIndex(at: segment.upperBound - 1) {
                let lower = max(segment.lowerBound, pageStarts[pageIndex])
                let upper = min(segment.upperBound, pageStarts[pageIndex + 1])
                guard lower < upper else { continue }
                let page = self.pages[pageIndex]
                let first = Int(origins[lower])
                var last = Int(origins[upper - 1])
                // A hyphen ending the line belongs to the word it splits.
                if last + 1 < page.scalars.count, page.scalars[last + 1].properties.generalCategory == .dashPunctuation
                    || page.scalars[last + 1] == "\u{AD}",
                    last + 2 >= page.scalars.count || page.scalars[last + 2] == "\n"
                {
                    last += 1
                }
                if !pages.contains(page.number) { pages.append(page.number) }
                pieceTexts.append(page.text(first...last))
                // A page read without its boxes has no regions yet (see DocumentIndex.withBoxes).
                guard page.hasBoxes else { continue }
                var line: Rect?
                for i in first...last {
                    let scalar = page.scalars[i]
                    if scalar == "\n" {
                        if let done = line { rects.append(PageRect(page: page.number, rect: done)) }
                        line = nil
                        continue
                    }
                    if scalar.isSpace { continue }
                    let box = page.box(i)
                    guard !box.isEmpty else { continue }
                    line = line.map { $0.union(box) } ?? box
                }
                if let done = line { rects.append(PageRect(page: page.number, rect: done)) }
            }
            texts.append(pieceTexts.joined(separator: "\n"))
        }
        return (pages, texts.joined(separator: " … "), rects)
    }

}
