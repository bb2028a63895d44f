/// A place in the document's matching text and how well a pattern matched it.
struct Hit: Sendable, Hashable {
    /// Matching-text offsets `start ..< end`.
    var start: Int
    var end: Int
    /// Edit distance between the pattern and `text[start ..< end]`.
    var errors: Int
}

extension DocumentIndex {
    /// Every exact occurrence of `pattern` in the matching text (within
    /// `range` when given), by the rarest of its grams, verified.
    func occurrences(of pattern: [UInt32], in range: Range<Int>? = nil, limit: Int = 10_000) -> [Int] {
        let m = pattern.count
        guard m > 0, m <= text.count else { return [] }
        let bounds = range ?? 0..<text.count
        return text.withUnsafeBufferPointer { t -> [Int] in
            pattern.withUnsafeBufferPointer { p -> [Int] in
                func matches(at start: Int) -> Bool {
                    guard start >= bounds.lowerBound, start + m <= bounds.upperBound else { return false }
                    for k in 0..<m where t[start + k] != p[k] { return false }
                    return true
                }
                var found: [Int] = []
                if m < GramIndex.length {
                    var start = bounds.lowerBound
                    while start + m <= bounds.upperBound, found.count < limit {
                        if t[start] == p[0], matches(at: start) { found.append(start) }
                        start += 1
                    }
                    return found
                }
                // The gram of the pattern with the fewest positions.
                var best = grams.bucket(for: p, at: 0)
                var bestOffset = 0
                var offset = 1
                while offset + GramIndex.length <= m, best.count > 1 {
                    let bucket = grams.bucket(for: p, at: offset)
                    if bucket.count < best.count {
                        best = bucket
                        bestOffset = offset
                    }
                    offset += max(1, (m - GramIndex.length) / 32)
                }
                for position in best {
                    let start = Int(position) - bestOffset
                    if matches(at: start) {
                        found.append(start)
                        if found.count >= limit { break }
                    }
                }
                return found.sorted()
            }
        }
    }

    /// Votes for the places where `pattern` may occur approximately: each of
    /// its grams found in the text votes for the start it implies (in bins
    /// of 32 characters). Returns approximate starts, most votes first.
    func likelyStarts(of pattern: [UInt32], maximum: Int = 8) -> [(start: Int, votes: Int)] {
        let m = pattern.count
        guard m >= GramIndex.length else { return [] }
        var bins: [Int] = []
        pattern.withUnsafeBufferPointer { p in
            let step = max(1, (m - GramIndex.length) / 400)
            var offset = 0
            while offset + GramIndex.length <= m {
                let bucket = grams.bucket(for: p, at: offset)
                if bucket.count <= 2000 {
                    for position in bucket { bins.append((Int(position) - offset) >> 5) }
                }
                offset += step
            }
        }
        guard !bins.isEmpty else { return [] }
        bins.sort()
        // Runs of equal bins are the votes; a bin counts its neighbours too
        // and stands only if neither neighbour has more votes of its own.
        var runs: [(bin: Int, count: Int)] = []
        for bin in bins {
            if let last = runs.last, last.bin == bin { runs[runs.count - 1].count += 1 } else { runs.append((bin, 1)) }
        }
        var merged: [(start: Int, votes: Int)] = []
        for k in runs.indices {
            let left = k > 0 && runs[k - 1].bin == runs[k].bin - 1 ? runs[k - 1].count : 0
            let right = k + 1 < runs.count && runs[k + 1].bin == runs[k].bin + 1 ? runs[k + 1].count : 0
            if left > runs[k].count || right > runs[k].count { continue }
            merged.append((runs[k].bin << 5, runs[k].count + left + right))
        }
        merged.sort { $0.votes > $1.votes || ($0.votes == $1.votes && $0.start < $1.start) }
        return Array(merged.prefix(maximum))
    }
}

/// Myers' bit-parallel approximate string matching (Myers 1999), with the
/// pattern split into 64-bit blocks (Hyyrö's block formulation) so that any
/// length works. Our own implementation.
///
/// Finds where a pattern occurs in a text with at most `k` edits
/// (insertions, deletions, substitutions), the start being free.
struct MyersPattern {
    let pattern: [UInt32]
    let blocks: Int
    /// Match masks: `masks[symbol * blocks + block]`; symbol 0 is "not in the pattern".
    private let masks: [UInt64]
    private let symbols: [UInt32: Int]
    /// The symbols of characters below 256, looked up directly (most text is Latin).
    private let small: [Int32]

    init(_ pattern: [UInt32]) {
        self.pattern = pattern
        blocks = max(1, (pattern.count + 63) / 64)
        // Symbols numbered in order of first appearance; a dictionary only
        // for characters beyond the direct table (patterns are built for
        // every context compared, so this is kept cheap).
        var small = [Int32](repeating: 0, count: 256)
        var large: [UInt32: Int] = [:]
        var count = 0
        var symbolOf = [Int](repeating: 0, count: pattern.count)
        for (i, c) in pattern.enumerated() {
            if c < 256 {
                if small[Int(c)] == 0 {
                    count += 1
                    small[Int(c)] = Int32(count)
                }
                symbolOf[i] = Int(small[Int(c)])
            } else if let known = large[c] {
                symbolOf[i] = known
            } else {
                count += 1
                large[c] = count
                symbolOf[i] = count
            }
        }
        var masks = [UInt64](repeating: 0, count: (count + 1) * blocks)
        for i in pattern.indices { masks[symbolOf[i] * blocks + i / 64] |= 1 << UInt64(i % 64) }
        self.masks = masks
        self.small = small
        symbols = large
    }

    /// The symbol of a text character (0: not in the pattern).
    @inline(__always)
    private func symbol(_ c: UInt32) -> Int {
        c < 256 ? Int(small[Int(c)]) : symbols[c] ?? 0
    }

    /// Scans `text[range]` (in the given direction) and calls `report(end,
    /// score)` after each character, where `score` is the edit distance of
    /// the best alignment of the whole pattern ending there.
    ///
    /// - Parameters:
    ///   - anchoredStart: when true, the alignment must start at the first
    ///     character scanned (used to find where a match starts); otherwise
    ///     it may start anywhere.
    func scan(
        _ text: UnsafeBufferPointer<UInt32>, positions: some Sequence<Int>, anchoredStart: Bool = false,
        report: (_ position: Int, _ score: Int) -> Bool
    ) {
        let m = pattern.count
        guard m > 0 else { return }
        let lastBit = UInt64((m - 1) % 64)
        var pv = [UInt64](repeating: ~0, count: blocks)
        var mv = [UInt64](repeating: 0, count: blocks)
        var score = m
        masks.withUnsafeBufferPointer { masks in
            pv.withUnsafeMutableBufferPointer { pv in
                mv.withUnsafeMutableBufferPointer { mv in
                    for position in positions {
                        let base = symbol(text[position]) * blocks
                        // The top row: 0 everywhere for a free start, +1 per column when anchored.
                        var carry = anchoredStart ? 1 : 0
                        for b in 0..<blocks {
                            var eq = masks[base + b]
                            let p = pv[b]
                            let n = mv[b]
                            let carryNegative: UInt64 = carry < 0 ? 1 : 0
                            let xv = eq | n
                            eq |= carryNegative
                            let xh = (((eq & p) &+ p) ^ p) | eq
                            var ph = n | ~(xh | p)
                            var mh = p & xh
                            let bit: UInt64 = b == blocks - 1 ? lastBit : 63
                            let out = Int((ph >> bit) & 1) - Int((mh >> bit) & 1)
                            ph = (ph << 1) | (carry > 0 ? 1 : 0)
                            mh = (mh << 1) | carryNegative
                            pv[b] = mh | ~(xv | ph)
                            mv[b] = ph & xv
                            carry = out
                        }
                        score += carry
                        if !report(position, score) { return }
                    }
                }
            }
        }
    }

    /// The best approximate matches of the pattern in `text[range]` with at
    /// most `maxErrors` edits: for each run of acceptable end positions, the
    /// one with the fewest errors, and where its alignment starts.
    ///
    /// Where several ends of a run share the fewest errors — a replaced word
    /// at the quote's edge aligns about as well a few characters earlier or
    /// later — `preferEnd` ranks them, and `preferStart` the starts of the
    /// end chosen (higher wins; ties go to the first end and to the start
    /// nearest the pattern's length).
    func matches(
        in text: UnsafeBufferPointer<UInt32>, range: Range<Int>, maxErrors: Int,
        preferEnd: (_ end: Int) -> Int = { _ in 0 }, preferStart: (_ start: Int) -> Int = { _ in 0 }
    ) -> [Hit] {
        var runs: [(ends: [Int], errors: Int)] = []
        var run: (ends: [Int], errors: Int)?
        var lastGood = Int.min
        scan(text, positions: range) { position, score in
            if score <= maxErrors {
                if let current = run, position - lastGood > 1 {
                    runs.append(current)
                    run = nil
                }
                if run == nil || score < run!.errors {
                    run = ([position + 1], score)
                } else if score == run!.errors {
                    run!.ends.append(position + 1)
                }
                lastGood = position
            }
            return true
        }
        if let current = run { runs.append(current) }
        return runs.map { run in
            var end = run.ends[0]
            if run.ends.count > 1 {
                var rank = preferEnd(end)
                for candidate in run.ends.dropFirst() {
                    let r = preferEnd(candidate)
                    if r > rank { (end, rank) = (candidate, r) }
                }
            }
            let starts = self.starts(in: text, end: end, errors: run.errors, lowerBound: range.lowerBound)
            var start = starts[0]
            if starts.count > 1 {
                var rank = preferStart(start)
                for candidate in starts.dropFirst() {
                    let r = preferStart(candidate)
                    if r > rank { (start, rank) = (candidate, r) }
                }
            }
            return Hit(start: start, end: end, errors: run.errors)
        }
    }

    /// Where the best alignments ending at `end` with `errors` edits start:
    /// the reversed pattern scanned backwards from `end`, the alignment
    /// anchored there. The start nearest the pattern's length comes first.
    func starts(in text: UnsafeBufferPointer<UInt32>, end: Int, errors: Int, lowerBound: Int) -> [Int] {
        let reversed = MyersPattern(pattern.reversed())
        let from = max(lowerBound, end - pattern.count - errors - 1)
        var best = Int.max
        var found: [Int] = []
        reversed.scan(text, positions: stride(from: end - 1, through: from, by: -1), anchoredStart: true) { position, score in
            if score < best {
                best = score
                found = [position]
            } else if score == best {
                found.append(position)
            }
            return true
        }
        if found.isEmpty { return [max(lowerBound, end - pattern.count)] }
        return found.sorted { abs(end - $0 - pattern.count) < abs(end - $1 - pattern.count) }
    }
}

/// Edit distance between two short sequences (two-row dynamic programming).
func editDistance(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
