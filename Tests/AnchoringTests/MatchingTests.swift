import Testing
@testable import Anchoring
import TestSupport

@Suite("The matching view")
struct MatchTextTests {
    func folded(_ text: String) -> String {
        var builder = MatchTextBuilder()
        return String(String.UnicodeScalarView(builder.build(text).characters.compactMap(Unicode.Scalar.init)))
    }

    @Test("folds what differs between PDF.js and Poppler text", arguments: [
        ("camera-\nready", "cameraready"), ("camera-ready", "cameraready"), ("camera\u{AD}ready", "cameraready"),
        ("e\u{2212}x", "ex"), ("ﬁnal eﬀect", "finaleffect"), ("d \u{301}erivable", "derivable"),
        ("d \u{B4}erivable", "derivable"), ("dérivable", "derivable"), ("th`eor\u{2C6}eme", "theoreme"),
        ("𝜋 = 3", "π=3"), ("“quoted” it’s", "\"quoted\"it's"), ("a\u{A0}b\u{2028}c\tz", "abcz"),
        ("x\u{E000}y\u{1}z\u{FFFD}", "xyz"), ("ＡＢ", "AB"),
    ])
    func folding(input: String, expected: String) {
        #expect(folded(input) == expected)
    }

    @Test("every matching character points back to its source scalar")
    func origins() {
        var builder = MatchTextBuilder()
        let text = "a ﬁ-\nb é"
        let match = builder.build(text)
        // a(0) ' '(1) ﬁ(2) -(3) \n(4) b(5) ' '(6) é(7): "a f i b e"
        #expect(match.origins == [0, 2, 2, 5, 7])
    }
}

@Suite("Searching")
struct SearchTests {
    /// Semi-global edit distance of `pattern` against text ending at each position (brute force).
    func bruteForce(_ pattern: [UInt32], _ text: [UInt32]) -> [Int] {
        var previous = [Int](repeating: 0, count: text.count + 1)
        for i in 1...pattern.count {
            var current = [i] + [Int](repeating: 0, count: text.count)
            for j in 1...text.count {
                let cost = pattern[i - 1] == text[j - 1] ? 0 : 1
                current[j] = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
            }
            previous = current
        }
        return Array(previous.dropFirst())
    }

    @Test("Myers' scores equal the dynamic-programming ones, for patterns of one and several blocks", arguments: [5, 63, 64, 65, 130, 200])
    func myers(length: Int) {
        var random = SeededRandom(state: UInt64(length))
        for _ in 0..<20 {
            let alphabet: [UInt32] = [97, 98, 99, 100]
            let text = (0..<400).map { _ in alphabet.randomElement(using: &random)! }
            var pattern = Array(text[100..<(100 + min(length, 250))])
            for _ in 0..<(length / 8) { pattern[Int.random(in: 0..<pattern.count, using: &random)] = alphabet.randomElement(using: &random)! }
            let expected = bruteForce(pattern, text)
            var scores: [Int] = []
            text.withUnsafeBufferPointer { t in
                MyersPattern(pattern).scan(t, positions: 0..<text.count) { _, score in
                    scores.append(score)
                    return true
                }
            }
            #expect(scores == expected)
        }
    }

    @Test("an approximate match reports where its alignment starts")
    func start() {
        let text = Array("xxxxthe quick brown fox jumpsxxxx".unicodeScalars.map(\.value))
        let pattern = Array("the quikc brown fox".unicodeScalars.map(\.value))
        let hits = text.withUnsafeBufferPointer { t in MyersPattern(pattern).matches(in: t, range: 0..<text.count, maxErrors: 3) }
        #expect(hits.count == 1)
        #expect(hits.first?.start == 4)
        #expect(hits.first?.end == 23)
        #expect(hits.first?.errors == 2)
    }

    @Test("the gram index finds every exact occurrence a scan finds")
    func occurrences() {
        var random = SeededRandom(state: 7)
        let words = ["the", "flow", "layer", "sediment", "flux", "of", "a", "near"]
        let pages = (0..<4).map { _ in (0..<300).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") }
        let index = Synthetic.index(pages)
        for needle in ["theflow", "sedimentflux", "aof", "near", "fluxofthe", "layerlayer"] {
            let pattern = Array(needle.unicodeScalars.map(\.value))
            var expected: [Int] = []
            if pattern.count <= index.text.count {
                for start in 0...(index.text.count - pattern.count) where Array(index.text[start..<(start + pattern.count)]) == pattern {
                    expected.append(start)
                }
            }
            #expect(index.occurrences(of: pattern) == expected, "\(needle)")
        }
    }
}
