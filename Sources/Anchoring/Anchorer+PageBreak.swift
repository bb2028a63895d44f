// A match across a page break: the running footer and header between the pages are not part of it.

extension Anchorer {
    /// The shortest stretch of text at a page break, not in the quote, that
    /// is cut out of a match: a page number and a running head or foot.
    static let minPageBreakJunk = 3

    /// A match in one piece that runs across a page break, with the PDF's
    /// text at the break that the quote does not have (a page number, a
    /// running footer and header) cut out of it: one segment per page, the
    /// edits those characters cost taken back. Other placements come back as
    /// they are.
    ///
    /// The quote is aligned to the matched text (edit distance with a
    /// traceback); the run of matched-text characters that the alignment
    /// leaves unmatched (inserted) and that touches the break is the junk.
    func trimmedAtPageBreaks(_ placement: Placement, query: Query) -> Placement {
        guard placement.segments.count == 1, let segment = placement.segments.first, !segment.isEmpty else { return placement }
        let firstPage = index.pageIndex(at: segment.lowerBound)
        let lastPage = index.pageIndex(at: segment.upperBound - 1)
        guard firstPage != lastPage else { return placement }
        let text = Array(index.text[segment])
        guard query.quote.count * text.count <= 4_000_000 else { return placement }
        let inserted = Self.insertions(aligning: query.quote, to: text)
        var segments: [Range<Int>] = []
        var removed = 0
        var start = segment.lowerBound
        for page in (firstPage + 1)...lastPage {
            let boundary = index.pageStarts[page]
            // The unmatched run touching the break, in matched-text offsets.
            var low = boundary
            while low > start, inserted[low - 1 - segment.lowerBound] { low -= 1 }
            var high = boundary
            while high < segment.upperBound, inserted[high - segment.lowerBound] { high += 1 }
            guard high - low >= Self.minPageBreakJunk, low > start, high < segment.upperBound else { continue }
            segments.append(start..<low)
            removed += high - low
            start = high
        }
        guard !segments.isEmpty else { return placement }
        segments.append(start..<segment.upperBound)
        var trimmed = self.placement(segments, errors: max(0, placement.errors - removed), method: placement.method, query: query)
        trimmed.quoteRanges = nil
        return trimmed
    }

    /// For each character of `text`, whether an optimal alignment of
    /// `pattern` with all of `text` leaves it unmatched (an insertion).
    /// Ties prefer matching, so junk is only what must be junk.
    static func insertions(aligning pattern: [UInt32], to text: [UInt32]) -> [Bool] {
        let m = pattern.count
        let n = text.count
        let columns = n + 1
        var cost = [Int32](repeating: 0, count: (m + 1) * columns)
        for j in 0...n { cost[j] = Int32(j) }
        for i in 1...max(1, m) where m > 0 {
            cost[i * columns] = Int32(i)
            for j in 1...max(1, n) where n > 0 {
                let diagonal = cost[(i - 1) * columns + j - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1)
                let up = cost[(i - 1) * columns + j] + 1
                let left = cost[i * columns + j - 1] + 1
                cost[i * columns + j] = min(diagonal, up, left)
            }
        }
        var inserted = [Bool](repeating: false, count: n)
        var i = m
        var j = n
        while j > 0 {
            if i > 0, cost[i * columns + j] == cost[(i - 1) * columns + j - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1) {
                i -= 1
                j -= 1
            } else if i > 0, cost[i * columns + j] == cost[(i - 1) * columns + j] + 1 {
                i -= 1
            } else {
                inserted[j - 1] = true
                j -= 1
            }
        }
        return inserted
    }
}
