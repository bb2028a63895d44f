// Numbers must agree: edits may fix a typo or an OCR slip, not change a number.

/// A number of a quote: its digits, and the characters it spans.
struct NumberSpan: Sendable, Hashable {
    /// The digits (a decimal point or comma between them is not kept).
    var digits: [UInt32]
    /// Where the number is: Unicode-scalar offsets of the text it was read
    /// from, or matching-character offsets of the quote (see
    /// ``Anchorer/numberSpans(in:standalone:match:)``).
    var match: Range<Int>
}

extension Array where Element == Int32 {
    /// The first index whose element satisfies `predicate`, for a predicate
    /// that is false and then true along the array.
    func partitionIndex(where predicate: (Int32) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Anchorer {
    /// Whether the quote's numbers are in the matched text: each must be
    /// a subsequence of a number there, or of two consecutive ones (PDF.js
    /// runs numbers on adjacent lines together).
    ///
    /// A short number (one or two digits: a footnote mark, a code listing's
    /// line number) may be missing altogether, which Poppler's reading order
    /// does to such marks — but only when every number of the matched text
    /// is one of the quote's (`all`: every run of digits of the quote, or two
    /// consecutive ones), so that none was changed into another.
    func numbersAgree(_ numbers: [NumberSpan], all: [NumberSpan], _ placement: Placement) -> Bool {
        guard !numbers.isEmpty else { return true }
        let theirs = Self.numberSpans(in: index.region(for: placement.segments).text).map(\.digits)
        let missing = numbers.map(\.digits).filter { !Self.occurs($0, in: theirs) }
        guard !missing.isEmpty else { return true }
        guard missing.allSatisfy({ $0.count <= 2 }) else { return false }
        let quoted = all.map(\.digits)
        let ours = quoted + quoted.indices.dropLast().map { quoted[$0] + quoted[$0 + 1] }
        return theirs.allSatisfy { number in ours.contains { Self.isSubsequence(number, of: $0) } }
    }

    /// The numbers of `text`: runs of digits (a decimal point or comma
    /// between digits continues a run), with the Unicode-scalar range each
    /// spans in `text`. With `standalone`, runs touching a letter are
    /// skipped — inside a word a digit is more likely an OCR slip
    /// (`c0efficient`) than a number. With `match` (the matching view of
    /// `text`), each number's range is given in its matching characters
    /// instead.
    static func numberSpans(in text: String, standalone: Bool = false, match: MatchText? = nil) -> [NumberSpan] {
        var spans: [NumberSpan] = []
        var current: [UInt32] = []
        var start = 0
        var touchesLetter = false
        var previous: Unicode.Scalar = " "
        var offset = 0
        func close(at end: Int) {
            if !current.isEmpty, !(standalone && touchesLetter) {
                spans.append(NumberSpan(digits: current, match: start..<end))
            }
            current = []
        }
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if current.isEmpty {
                    touchesLetter = previous.properties.isAlphabetic
                    start = offset
                }
                current.append(scalar.value)
            } else if !current.isEmpty, !((scalar == "." || scalar == ",") && ("0"..."9").contains(previous)) {
                if scalar.properties.isAlphabetic { touchesLetter = true }
                close(at: offset)
            }
            previous = scalar
            offset += 1
        }
        close(at: offset)
        guard let match else { return spans }
        // Scalar ranges to matching-character ranges (origins are ascending).
        return spans.map { span in
            let lower = match.origins.partitionIndex { Int($0) >= span.match.lowerBound }
            let upper = match.origins.partitionIndex { Int($0) >= span.match.upperBound }
            return NumberSpan(digits: span.digits, match: lower..<upper)
        }
    }

    /// Whether `number` is in `numbers`: a subsequence of one of them, or of
    /// consecutive ones written together with no more than two digits to
    /// spare (PDF.js joins its text items without a separator, so a table's
    /// cells "1", "2", "3" may be "123" in a quote).
    static func occurs(_ number: [UInt32], in numbers: [[UInt32]]) -> Bool {
        for i in numbers.indices {
            if isSubsequence(number, of: numbers[i]) { return true }
            var joined = numbers[i]
            var j = i + 1
            while j < numbers.count, joined.count + numbers[j].count <= number.count + 2 {
                joined += numbers[j]
                if isSubsequence(number, of: joined) { return true }
                j += 1
            }
        }
        return false
    }

    static func isSubsequence(_ a: [UInt32], of b: [UInt32]) -> Bool {
        var i = 0
        for c in b where i < a.count && c == a[i] { i += 1 }
        return i == a.count
    }
}
