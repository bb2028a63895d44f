// How well a candidate place fits: its context and its score.

extension Anchorer {
    func placement(_ segments: [Range<Int>], errors: Int, method: String, query: Query) -> Placement {
        let m = query.quote.count
        let start = segments.first!.lowerBound
        let end = segments.last!.upperBound
        var position = 0.0
        if let hint = query.hint {
            let pageLength = max(1, Double(index.text.count) / Double(max(1, index.pages.count)))
            position = max(0, 1 - Double(abs(start - hint)) / (2 * pageLength))
        }
        return Placement(
            segments: segments, errors: errors, method: method,
            quote: max(0, 1 - Double(errors) / Double(m)),
            prefix: similarity(ofPrefix: query.prefix, before: start),
            suffix: similarity(ofSuffix: query.suffix, after: end),
            position: position, prefixLength: query.prefix.count, suffixLength: query.suffix.count)
    }

    /// The similarity of a side with nothing stored.
    static let noContext = 0.5

    /// How far from the match its context may be found, in matching characters.
    static let contextReach = 120

    /// How well `prefix` matches the text before `start`: 1 − edits / length
    /// for the best alignment within ``contextReach`` characters before
    /// `start` (another column's line or a running header may sit between
    /// them in Poppler's reading order), less a small penalty for that
    /// distance. 0.5 when there is no prefix.
    func similarity(ofPrefix prefix: [UInt32], before start: Int) -> Double {
        guard !prefix.isEmpty else { return Self.noContext }
        let lower = max(0, start - prefix.count - Self.contextReach)
        return outwardSimilarity(Array(prefix.reversed()), positions: stride(from: start - 1, through: lower, by: -1), from: start - 1)
    }

    /// How well `suffix` matches the text after `end` (see ``similarity(ofPrefix:before:)``).
    func similarity(ofSuffix suffix: [UInt32], after end: Int) -> Double {
        guard !suffix.isEmpty else { return Self.noContext }
        let upper = min(index.text.count, end + suffix.count + Self.contextReach)
        return outwardSimilarity(suffix, positions: end..<upper, from: end)
    }

    /// `context` is read outwards from the match (nearest character first);
    /// the text is read outwards from `from`. Junk may sit before the
    /// context (costing one edit per 100 characters) and, once, inside it (a
    /// line of another column between two of its lines: one edit).
    private func outwardSimilarity(_ context: [UInt32], positions: some Sequence<Int>, from: Int) -> Double {
        let text = positions.map { index.text[$0] }
        let m = context.count
        let n = text.count
        guard m > 0 else { return Self.noContext }
        let infinity = Double(m + n + 10)
        // a: no inner skip yet; b: inner skip used. Row 0 = nothing matched.
        var aPrevious = (0...n).map { Double($0) / 100 }
        var bPrevious = [Double](repeating: infinity, count: n + 1)
        var aCurrent = [Double](repeating: 0, count: n + 1)
        var bCurrent = [Double](repeating: 0, count: n + 1)
        for i in 1...m {
            aCurrent[0] = Double(i)
            bCurrent[0] = infinity
            var rowMinimum = aPrevious[0] + 1  // min over j' ≤ j of a[i][j'], for an inner skip
            rowMinimum = aCurrent[0]
            for j in 1...max(1, n) where n > 0 {
                let cost: Double = context[i - 1] == text[j - 1] ? 0 : 1
                aCurrent[j] = min(aPrevious[j - 1] + cost, aPrevious[j] + 1, aCurrent[j - 1] + 1)
                bCurrent[j] = min(bPrevious[j - 1] + cost, bPrevious[j] + 1, bCurrent[j - 1] + 1, rowMinimum + 1)
                rowMinimum = min(rowMinimum, aCurrent[j])
            }
            swap(&aPrevious, &aCurrent)
            swap(&bPrevious, &bCurrent)
        }
        let best = min(aPrevious.min()!, bPrevious.min()!)
        return max(0, 1 - best / Double(m))
    }
}
