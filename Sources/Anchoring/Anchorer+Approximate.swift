// Finding the quote with edits (Myers), near the hint and where its grams point.

extension Anchorer {
    /// Approximate matches near the hint and wherever the quote's grams point.
    func approximate(_ query: Query, maxErrors: Int, likely: [(start: Int, votes: Int)]) -> [Placement] {
        let m = query.quote.count
        let pattern = MyersPattern(query.quote)
        var windows: [Range<Int>] = []
        if let hint = query.hint, !index.pages.isEmpty {
            // A page's worth of text either side of the hint.
            let count = index.text.count
            let near = min(max(hint, 0), count)
            let page = index.pageIndex(at: min(near, max(count - 1, 0)))
            let reach = index.pages[page].matchCount + m + maxErrors
            let window = max(0, near - reach)..<min(count, near + reach)
            if !window.isEmpty { windows.append(window) }
        }
        for likely in likely {
            let lower = max(0, likely.start - maxErrors - 64)
            let upper = min(index.text.count, likely.start + m + maxErrors + 64)
            if lower < upper { windows.append(lower..<upper) }
        }
        var hits: [Hit] = []
        index.text.withUnsafeBufferPointer { text in
            for window in merge(windows) {
                hits += pattern.matches(in: text, range: window, maxErrors: maxErrors)
            }
        }
        var seen = Set<Int>()
        return hits.filter { seen.insert($0.start).inserted }.map { hit in
            placement([hit.start..<hit.end], errors: hit.errors, method: "fuzzy", query: query)
        }
    }

    private func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
