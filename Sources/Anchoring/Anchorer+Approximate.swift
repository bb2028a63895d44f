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
                // Among equally good alignments, the one its context stands
                // right next to.
                hits += pattern.matches(
                    in: text, range: window, maxErrors: maxErrors,
                    preferEnd: { self.verbatimContext(query, start: $0, end: $0).suffix },
                    preferStart: { self.verbatimContext(query, start: $0, end: $0).prefix })
            }
        }
        var seen = Set<Int>()
        // An alignment over a page not read is no match.
        let read = hits.filter { index.isRead($0.start..<$0.end) }
        return read.map { snapToContext($0, query: query, maxErrors: maxErrors) }.filter { seen.insert($0.segments.first!.lowerBound).inserted }
    }

    /// How far from a match its context may stand and still mark where the
    /// match really ends (matching characters).
    static let contextSnap = 40
    /// How much of the context must stand verbatim there.
    static let contextSnapLength = 12

    /// A match whose quote was edited at an edge (a word replaced) aligns
    /// with fewer edits if it stops short of that word; but where the
    /// annotation's context stands verbatim a little further on, that is
    /// where the highlight really ends (or starts): the match is stretched
    /// to meet it, when the quote still fits with `maxErrors` edits. Near a
    /// page's end (or start) the context is looked for across the break too,
    /// past the running foot and head, which are then cut out of the match
    /// (``trimmedAtPageBreaks(_:query:)``).
    func snapToContext(_ hit: Hit, query: Query, maxErrors: Int) -> Placement {
        let original = placement([hit.start..<hit.end], errors: hit.errors, method: .fuzzy, query: query)
        let text = index.text
        var start = hit.start
        var end = hit.end
        let first = index.pageIndex(at: hit.start)
        let last = index.pageIndex(at: max(hit.start, hit.end - 1))
        // How far the context may be looked for: on the same page, or on the
        // next (previous) one when the match ends (starts) near a page break.
        var upper = min(hit.end + Self.contextSnap, index.pageStarts[last + 1])
        if index.pageStarts[last + 1] - hit.end <= Self.contextSnap, last + 1 < index.pages.count, index.pages[last + 1].isLoaded {
            upper = min(index.pageStarts[last + 2], index.pageStarts[last + 1] + Self.contextSnap + Self.pageBreakReach)
        }
        var lower = max(hit.start - Self.contextSnap, index.pageStarts[first])
        if hit.start - index.pageStarts[first] <= Self.contextSnap, first > 0, index.pages[first - 1].isLoaded {
            lower = max(index.pageStarts[first - 1], index.pageStarts[first] - Self.contextSnap - Self.pageBreakReach)
        }
        let suffix = query.suffix.prefix(Self.contextSnapLength)
        if suffix.count == Self.contextSnapLength, !(end + suffix.count <= text.count && text[end..<(end + suffix.count)].elementsEqual(suffix)) {
            var p = end + 1
            while p <= upper - suffix.count {
                if text[p..<(p + suffix.count)].elementsEqual(suffix) {
                    end = p
                    break
                }
                p += 1
            }
        }
        let prefix = query.prefix.suffix(Self.contextSnapLength)
        if prefix.count == Self.contextSnapLength, !(start >= prefix.count && text[(start - prefix.count)..<start].elementsEqual(prefix)) {
            var p = start - 1
            while p >= lower + prefix.count {
                if text[(p - prefix.count)..<p].elementsEqual(prefix) {
                    start = p
                    break
                }
                p -= 1
            }
        }
        guard start != hit.start || end != hit.end, index.isRead(start..<end) else { return original }
        let errors = editDistance(query.quote[...], text[start..<end])
        var stretched = trimmedAtPageBreaks(placement([start..<end], errors: errors, method: .fuzzy, query: query), query: query)
        if stretched.errors <= maxErrors { return stretched }
        // A quote reworded at its edge: the alignment saved edits by leaving
        // the edge's words out, the context pins where they were. Stretched
        // to its context on both sides, it keeps the alignment's place with
        // a few more edits (the edge's), not counted against the limit.
        let beside = verbatimContext(query, start: stretched.start, end: stretched.end)
        guard hit.errors <= maxErrors, beside.prefix >= min(Self.contextSnapLength, query.prefix.count), beside.suffix >= min(Self.contextSnapLength, query.suffix.count),
            !query.prefix.isEmpty, !query.suffix.isEmpty
        else { return original }
        stretched.stretch = stretched.errors - hit.errors
        return stretched
    }

    /// How much text at a page break (a running foot and head) a context
    /// may be looked for past, in matching characters.
    static let pageBreakReach = 160

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
