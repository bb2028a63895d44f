// Numbers must agree: edits may fix a typo or an OCR slip, not change a number.

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
    func numbersAgree(_ numbers: [[UInt32]], all: [[UInt32]], _ placement: Placement) -> Bool {
        guard !numbers.isEmpty else { return true }
        let theirs = Self.numbers(in: index.region(for: placement.segments).text, minimumLength: 1)
        let joined = theirs.indices.dropLast().map { theirs[$0] + theirs[$0 + 1] }
        let missing = numbers.filter { number in !(theirs + joined).contains { Self.isSubsequence(number, of: $0) } }
        guard !missing.isEmpty else { return true }
        guard missing.allSatisfy({ $0.count <= 2 }) else { return false }
        let ours = all + all.indices.dropLast().map { all[$0] + all[$0 + 1] }
        return theirs.allSatisfy { number in ours.contains { Self.isSubsequence(number, of: $0) } }
    }

    /// The numbers of `text`: runs of digits (a decimal point or comma
    /// between digits continues a run) of at least `minimumLength` digits.
    /// With `standalone`, runs touching a letter are skipped — inside a word
    /// a digit is more likely an OCR slip (`c0efficient`) than a number.
    static func numbers(in text: String, minimumLength: Int = 2, standalone: Bool = false) -> [[UInt32]] {
        var runs: [[UInt32]] = []
        var current: [UInt32] = []
        var touchesLetter = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if current.isEmpty { touchesLetter = previous.properties.isAlphabetic }
                current.append(scalar.value)
            } else if !current.isEmpty, !((scalar == "." || scalar == ",") && ("0"..."9").contains(previous)) {
                if scalar.properties.isAlphabetic { touchesLetter = true }
                if current.count >= minimumLength, !(standalone && touchesLetter) { runs.append(current) }
                current = []
            }
            previous = scalar
        }
        if current.count >= minimumLength, !(standalone && touchesLetter) { runs.append(current) }
        return runs
    }

    static func isSubsequence(_ a: [UInt32], of b: [UInt32]) -> Bool {
        var i = 0
        for c in b where i < a.count && c == a[i] { i += 1 }
        return i == a.count
    }
}
