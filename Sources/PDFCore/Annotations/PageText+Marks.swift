extension PageText {
    /// The parts of the text that `regions` mark, as a reader of a markup
    /// annotation takes them: the glyphs at least half of whose box lies
    /// in one of `regions` (pdfannots' rule), in the text's content order,
    /// the spaces and line breaks between two marked glyphs with them — and
    /// a hyphen ending a line between two marked lines, which some writers
    /// (MuPDF's search, so PyMuPDF and Zotero's older versions) leave out of
    /// the quad though the word runs on (`Thermo-` `haline`).
    ///
    /// - Parameter regions: rectangles in top-left page space (points).
    /// - Returns: **Unicode scalar** ranges into ``scalars``, in order,
    ///   separated by text that is not marked; empty when nothing is.
    public func runs(markedBy regions: [Rect]) -> [Range<Int>] {
        let regions = regions.filter { !$0.isEmpty }
        guard !regions.isEmpty else { return [] }
        var runs: [Range<Int>] = []
        var start: Int?
        var lastMarked = -1
        for i in scalars.indices {
            let box = boxes[i]
            let isSpace = scalars[i].properties.isWhitespace
            // A space's box spans a gap: it belongs to the run around it, never starts one.
            guard !isSpace else { continue }
            let area = box.area
            let marked = area > 0 && regions.contains { region in
                (region.intersection(box)?.area ?? 0) >= 0.5 * area
            }
            if marked {
                if let begun = start, lastMarked >= 0, !joins(lastMarked + 1..<i) {
                    runs.append(begun..<(lastMarked + 1))
                    start = i
                } else if start == nil {
                    start = i
                }
                lastMarked = i
            }
        }
        if let begun = start { runs.append(begun..<(lastMarked + 1)) }
        return runs
    }

    /// Whether the unmarked scalars of `range`, between two marked ones,
    /// belong with them: white space, and a hyphen right before a line break.
    private func joins(_ range: Range<Int>) -> Bool {
        range.allSatisfy { k in
            let scalar = scalars[k]
            if scalar.properties.isWhitespace { return true }
            let isHyphen = scalar.properties.generalCategory == .dashPunctuation || scalar == "\u{AD}"
            return isHyphen && k + 1 < range.upperBound && scalars[k + 1] == "\n"
        }
    }
}
