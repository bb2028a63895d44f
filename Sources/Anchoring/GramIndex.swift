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

    /// Indexes `text` in two passes over it — one counting each bucket's
    /// grams, one placing them — hashing each gram twice rather than
    /// holding a hash per character.
    init(text: [UInt32]) {
        let count = max(0, text.count - Self.length + 1)
        var bits = 10
        while (1 << bits) < count / 2, bits < 24 { bits += 1 }
        let shift = UInt32(32 - bits)
        self.shift = shift
        let buckets = 1 << bits
        var starts = [Int32](repeating: 0, count: buckets + 1)
        var kept = 0
        Self.forEachGram(of: text, count: count, shift: shift) { _, h in
            starts[h + 1] += 1
            kept += 1
        }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var positions = [Int32](repeating: 0, count: kept)
        // Each bucket's start moves on as its grams are placed, ending at
        // the next one's start; shifted back by one bucket afterwards.
        Self.forEachGram(of: text, count: count, shift: shift) { i, h in
            positions[Int(starts[h])] = Int32(i)
            starts[h] += 1
        }
        for b in stride(from: buckets, to: 0, by: -1) { starts[b] = starts[b - 1] }
        starts[0] = 0
        bucketStarts = starts
        self.positions = positions
    }

    /// `body(i, bucket)` for each of the first `count` grams of `text`, in
    /// order, but those touching a page not read
    /// (``DocumentIndex/notRead``): no pattern has them.
    private static func forEachGram(of text: [UInt32], count: Int, shift: UInt32, _ body: (Int, Int) -> Void) {
        text.withUnsafeBufferPointer { t in
            var lastNotRead = -GramIndex.length - 1
            for i in 0..<count {
                if i == 0 {
                    for k in 0..<Self.length where t[k] == DocumentIndex.notRead { lastNotRead = k }
                } else if t[i + Self.length - 1] == DocumentIndex.notRead {
                    lastNotRead = i + Self.length - 1
                }
                if lastNotRead >= i { continue }
                body(i, Int(Self.hash(t, at: i) >> shift))
            }
        }
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
