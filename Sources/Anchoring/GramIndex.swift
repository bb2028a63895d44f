/// Where every 6-character gram of a text occurs, for finding candidate
/// places fast: a hash table of buckets laid out as one array of positions
/// (compressed sparse rows), built in two linear passes.
///
/// Buckets mix grams that share a hash; callers verify every hit.
struct GramIndex: Sendable {
    /// The gram length, in matching characters.
    static let length = 6
    private let shift: UInt32
    /// `bucketStarts[h] ..< bucketStarts[h + 1]` are bucket `h`'s positions.
    private let bucketStarts: [Int32]
    private let positions: [Int32]

    init(text: [UInt32]) {
        let count = max(0, text.count - Self.length + 1)
        var bits = 10
        while (1 << bits) < count / 2, bits < 24 { bits += 1 }
        let shift = UInt32(32 - bits)
        self.shift = shift
        let buckets = 1 << bits
        var starts = [Int32](repeating: 0, count: buckets + 1)
        var hashes = [UInt32](repeating: 0, count: count)
        // Grams touching a page not read (DocumentIndex.notRead) are left
        // out: no pattern has them.
        let skipped = UInt32.max
        var kept = 0
        text.withUnsafeBufferPointer { t in
            var lastNotRead = -GramIndex.length - 1
            for i in 0..<count {
                if i == 0 {
                    for k in 0..<Self.length where t[k] == DocumentIndex.notRead { lastNotRead = k }
                } else if t[i + Self.length - 1] == DocumentIndex.notRead {
                    lastNotRead = i + Self.length - 1
                }
                if lastNotRead >= i {
                    hashes[i] = skipped
                    continue
                }
                let h = Self.hash(t, at: i) >> shift
                hashes[i] = h
                starts[Int(h) + 1] += 1
                kept += 1
            }
        }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var fill = starts
        var positions = [Int32](repeating: 0, count: kept)
        for i in 0..<count where hashes[i] != skipped {
            let h = Int(hashes[i])
            positions[Int(fill[h])] = Int32(i)
            fill[h] += 1
        }
        bucketStarts = starts
        self.positions = positions
    }

    /// The 32-bit hash of the gram starting at `i`.
    static func hash(_ t: UnsafeBufferPointer<UInt32>, at i: Int) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for k in 0..<length {
            h = (h ^ t[i + k]) &* 16_777_619
        }
        return h &* 0x9E37_79B1
    }

    /// The bucket of the gram of `pattern` starting at `offset`: positions
    /// in the indexed text where that gram may occur.
    func bucket(for pattern: UnsafeBufferPointer<UInt32>, at offset: Int) -> ArraySlice<Int32> {
        let h = Int(Self.hash(pattern, at: offset) >> shift)
        return positions[Int(bucketStarts[h])..<Int(bucketStarts[h + 1])]
    }
}
