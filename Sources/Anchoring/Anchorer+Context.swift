// How well a candidate place fits: its context and its score.

extension Anchorer {
    /// Scores a candidate place. With `contexts`, the context similarities
    /// are the verbatim runs (a lower bound) instead of full alignments.
    func placement(
        _ segments: [Range<Int>], errors: Int, method: AnchorResult.Method, query: Query, contexts: (prefix: Int, suffix: Int)? = nil
    ) -> Placement {
        let m = query.quote.count
        let start = segments.first!.lowerBound
        let end = segments.last!.upperBound
        var position = 0.0
        if let hint = query.hint {
            position = max(0, 1 - Double(abs(start - hint)) / (2 * Double(index.averagePageLength)))
        }
        // No context stored because the selection starts (or ends) the
        // document: a place at the document's start (end) has just that.
        let atStart = query.prefix.isEmpty && start == 0
        let atEnd = query.suffix.isEmpty && end == index.text.count
        return Placement(
            segments: segments, errors: errors, method: method,
            quote: max(0, 1 - Double(errors) / Double(m)),
            prefix: atStart ? 1 : contexts.map { query.prefix.isEmpty ? Self.noContext : Double($0.prefix) / Double(query.prefix.count) }
                ?? similarity(ofPrefix: query.prefix, before: start),
            suffix: atEnd ? 1 : contexts.map { query.suffix.isEmpty ? Self.noContext : Double($0.suffix) / Double(query.suffix.count) }
                ?? similarity(ofSuffix: query.suffix, after: end),
            position: position, prefixLength: query.prefix.count, suffixLength: query.suffix.count)
    }

    /// Scores every candidate of the same quote.
    ///
    /// A quote found hundreds of times (a common phrase) would cost hundreds
    /// of context alignments. So candidates are first ranked by how much of
    /// the context stands verbatim next to them (a lower bound of their
    /// similarity); only the best dozen and those nearest the position hint
    /// are aligned — unless the winner's context is imperfect or the ranking
    /// is tied at the cut, when all are.
    func placements(_ starts: [Int], length: Int, method: AnchorResult.Method, query: Query) -> [Placement] {
        let precise = { (start: Int) in self.placement([start..<(start + length)], errors: 0, method: method, query: query) }
        guard starts.count > 16 else { return starts.map(precise) }
        let runs = starts.map { verbatimContext(query, start: $0, end: $0 + length) }
        let full = query.prefix.count + query.suffix.count
        let order = starts.indices.sorted { runs[$0].prefix + runs[$0].suffix > runs[$1].prefix + runs[$1].suffix }
        // With a candidate whose whole context stands verbatim, that one is
        // perfect: only candidates that could tie it need aligning.
        var chosen = runs[order[0]].prefix + runs[order[0]].suffix == full ? [order[0]] : Set(order.prefix(12))
        if chosen.count > 1, let hint = query.hint {
            chosen.formUnion(starts.indices.sorted { abs(starts[$0] - hint) < abs(starts[$1] - hint) }.prefix(3))
        }
        var result = starts.indices.map { k -> Placement in
            var rough = placement([starts[k]..<(starts[k] + length)], errors: 0, method: method, query: query, contexts: runs[k])
            if chosen.contains(k) { rough = precise(starts[k]) }
            return rough
        }
        let best = chosen.map { result[$0] }.min { $0.contextDistance < $1.contextDistance }!
        for k in starts.indices where !chosen.contains(k) {
            // Next to a perfect winner, only a candidate whose whole prefix
            // and suffix stand verbatim nearby could tie it: align just those.
            if best.contextDistance > 0.5 || contextNearby(query, start: starts[k], end: starts[k] + length) {
                result[k] = precise(starts[k])
            }
        }
        return result
    }

    /// Whether the whole prefix stands verbatim within 50 characters before
    /// `start` and the whole suffix within 50 after `end`.
    private func contextNearby(_ query: Query, start: Int, end: Int) -> Bool {
        func occurs(_ pattern: [UInt32], in range: Range<Int>) -> Bool {
            guard !pattern.isEmpty else { return true }
            let lower = max(0, range.lowerBound)
            let upper = min(index.text.count, range.upperBound)
            guard upper - lower >= pattern.count else { return false }
            for p in lower...(upper - pattern.count) where index.text[p] == pattern[0] {
                if index.text[p..<(p + pattern.count)].elementsEqual(pattern) { return true }
            }
            return false
        }
        return occurs(query.prefix, in: (start - query.prefix.count - 50)..<start)
            && occurs(query.suffix, in: end..<(end + query.suffix.count + 50))
    }

    /// How many characters of the prefix and the suffix stand verbatim
    /// right next to a candidate.
    func verbatimContext(_ query: Query, start: Int, end: Int) -> (prefix: Int, suffix: Int) {
        var before = 0
        while before < query.prefix.count, start - before - 1 >= 0,
            index.text[start - before - 1] == query.prefix[query.prefix.count - 1 - before]
        {
            before += 1
        }
        var after = 0
        while after < query.suffix.count, end + after < index.text.count, index.text[end + after] == query.suffix[after] {
            after += 1
        }
        return (before, after)
    }

    /// The similarity of a side with nothing stored.
    static let noContext = 0.5

    /// How far from the match its context may be found, in matching characters.
    static let contextReach = 120

    /// How well `prefix` matches the text before `start`: 1 − edits / length
    /// for the best alignment within ``contextReach`` characters before
    /// `start` (another column's line or a running header may sit between
    /// them in Poppler's reading order). 0.5 when there is no prefix.
    func similarity(ofPrefix prefix: [UInt32], before start: Int) -> Double {
        guard !prefix.isEmpty else { return Self.noContext }
        // The usual case: the text just before is the prefix, verbatim.
        if start >= prefix.count, index.text[(start - prefix.count)..<start].elementsEqual(prefix) { return 1 }
        let lower = max(0, start - prefix.count - Self.contextReach)
        let text = Array(index.text[lower..<start].reversed())
        return outwardSimilarity(Array(prefix.reversed()), text: text)
    }

    /// How well `suffix` matches the text after `end` (see ``similarity(ofPrefix:before:)``).
    func similarity(ofSuffix suffix: [UInt32], after end: Int) -> Double {
        guard !suffix.isEmpty else { return Self.noContext }
        if end + suffix.count <= index.text.count, index.text[end..<(end + suffix.count)].elementsEqual(suffix) { return 1 }
        let upper = min(index.text.count, end + suffix.count + Self.contextReach)
        let text = Array(index.text[end..<upper])
        return outwardSimilarity(suffix, text: text)
    }

    /// `context` is read outwards from the match (nearest character first);
    /// the text is read outwards from `from`. Junk may sit before the
    /// context (costing one edit per 100 characters) and, once, inside it (a
    /// line of another column between two of its lines: one edit).
    private func outwardSimilarity(_ context: [UInt32], text: [UInt32]) -> Double {
        let m = context.count
        let n = text.count
        guard m > 0 else { return Self.noContext }
        // First the cheap bit-parallel alignment (junk allowed only before the
        // context): when it finds the context nearly whole, the full
        // alignment cannot add anything that matters.
        var quick = 0.0
        text.withUnsafeBufferPointer { t in
            MyersPattern(context).scan(t, positions: 0..<n) { position, score in
                let junk = max(0, position + 1 - m - score)
                quick = max(quick, 1 - (Double(score) + Double(junk) / 100) / Double(m))
                return true
            }
        }
        if quick >= 0.95 { return quick }
        // Costs in hundredths of an edit: junk before the context costs 1
        // per character (an edit per 100), a skip inside it 100.
        let infinity = Int32(100 * (m + n + 10))
        let hopeless = Int32(100 * m * 6 / 10)
        let columns = n + 1
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 4 * columns) { rows -> Double in
            text.withUnsafeBufferPointer { text in
                var aPrevious = UnsafeMutableBufferPointer(rebasing: rows[0..<columns])
                var bPrevious = UnsafeMutableBufferPointer(rebasing: rows[columns..<(2 * columns)])
                var aCurrent = UnsafeMutableBufferPointer(rebasing: rows[(2 * columns)..<(3 * columns)])
                var bCurrent = UnsafeMutableBufferPointer(rebasing: rows[(3 * columns)..<(4 * columns)])
                for j in 0..<columns {
                    aPrevious[j] = Int32(j)
                    bPrevious[j] = infinity
                }
                for i in 1...m {
                    aCurrent[0] = Int32(100 * i)
                    bCurrent[0] = infinity
                    var rowMinimum = aCurrent[0]
                    var best = Int32.max
                    let c = context[i - 1]
                    for j in stride(from: 1, to: columns, by: 1) {
                        let cost: Int32 = c == text[j - 1] ? 0 : 100
                        let a = min(aPrevious[j - 1] + cost, aPrevious[j] + 100, aCurrent[j - 1] + 100)
                        let b = min(bPrevious[j - 1] + cost, bPrevious[j] + 100, bCurrent[j - 1] + 100, rowMinimum + 100)
                        aCurrent[j] = a
                        bCurrent[j] = b
                        rowMinimum = min(rowMinimum, a)
                        best = min(best, a, b)
                    }
                    swap(&aPrevious, &aCurrent)
                    swap(&bPrevious, &bCurrent)
                    // Below 0.4 a context says nothing: stop once it cannot do better.
                    if min(best, aPrevious[0]) > hopeless { return max(quick, 0.4 * Double(m - i) / Double(m)) }
                }
                var best = Int32.max
                for j in 0..<columns { best = min(best, aPrevious[j], bPrevious[j]) }
                return max(quick, max(0, 1 - Double(best) / Double(100 * m)))
            }
        }
    }
}
