import Foundation

/// The matching view of a text: what is left once everything that differs
/// between PDF.js's text and Poppler's for the same page is removed.
///
/// Removed: white space (so line breaks, missing word separators and
/// collapsed spaces stop mattering), dashes and hyphens of every kind (so
/// `camera-\nready`, `camera-ready` and `cameraready` agree, and U+2212
/// equals `-`), soft hyphens and other format characters, combining marks
/// and spacing accents (TeX accents drawn before their letter come out as
/// `d ́erivable` in PDF.js and `dérivable` in Poppler), control and
/// private-use characters (symbol-font junk, different in each library).
/// Folded: NFKD compatibility forms (ligatures `ﬁ` → `fi`, mathematical
/// alphanumerics `𝜋` → `π`, full-width forms), curly quotes to straight ones.
/// Case is kept.
///
/// Each matching character remembers the offset, in **Unicode scalars** of
/// the source text, of the character it came from.
struct MatchText: Sendable {
    /// The matching characters (Unicode scalar values).
    var characters: [UInt32] = []
    /// For each matching character, the Unicode-scalar offset in the source
    /// text it came from.
    var origins: [Int32] = []

    var count: Int { characters.count }
}

/// Builds ``MatchText`` views, caching the folding of non-ASCII characters.
/// Not shared across threads: one per task.
struct MatchTextBuilder {
    private var cache: [UInt32: [UInt32]] = [:]

    /// The matching view of `scalars`.
    mutating func build<S: Sequence>(_ scalars: S) -> MatchText where S.Element == Unicode.Scalar {
        var result = MatchText()
        result.characters.reserveCapacity(scalars.underestimatedCount)
        result.origins.reserveCapacity(scalars.underestimatedCount)
        append(scalars, to: &result.characters, origins: &result.origins)
        return result
    }

    /// Appends the matching view of `scalars` to `characters`, and to
    /// `origins` the Unicode-scalar offset in `scalars` each came from.
    mutating func append<S: Sequence>(_ scalars: S, to characters: inout [UInt32], origins: inout [Int32]) where S.Element == Unicode.Scalar {
        var offset: Int32 = 0
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII: letters, digits and punctuation stay, except the dash and the grave accent.
                if value > 0x20, value != 0x7F, value != 0x2D, value != 0x60 {
                    characters.append(value)
                    origins.append(offset)
                }
            } else {
                for folded in fold(scalar) {
                    characters.append(folded)
                    origins.append(offset)
                }
            }
            offset += 1
        }
    }

    /// The matching view of a string (offsets in Unicode scalars of `text`).
    mutating func build(_ text: String) -> MatchText { build(text.unicodeScalars) }

    /// What one non-ASCII character becomes in the matching view.
    private mutating func fold(_ scalar: Unicode.Scalar) -> [UInt32] {
        if let cached = cache[scalar.value] { return cached }
        let folded = Self.fold(scalar)
        cache[scalar.value] = folded
        return folded
    }

    static func fold(_ scalar: Unicode.Scalar) -> [UInt32] {
        let properties = scalar.properties
        if properties.isWhitespace { return [] }
        switch properties.generalCategory {
        case .dashPunctuation, .control, .format, .privateUse, .surrogate, .unassigned,
            .nonspacingMark, .enclosingMark, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return []
        default:
            break
        }
        switch scalar.value {
        case 0x2212, 0xFE63, 0xFF0D, 0x2043:  // minus signs and hyphen bullet
            return []
        case 0x00B4, 0x02C6, 0x02DC, 0x00A8, 0x02D8, 0x02C7, 0x02DA, 0x00AF, 0x00B8, 0x02DB, 0x02DD, 0x02D9,
            0x02CA, 0x02CB, 0x02C9, 0x0384, 0x0385, 0x1FBD, 0x1FBF, 0x1FC0, 0x1FC1, 0x1FCD, 0x1FCE, 0x1FCF, 0x1FDD,
            0x1FDE, 0x1FDF, 0x1FED, 0x1FEE, 0x1FEF, 0x1FFD, 0x1FFE:
            return []  // spacing accents
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC:
            return [0x27]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033:
            return [0x22]
        case 0xFFFD, 0xFFFC:
            return []
        default:
            break
        }
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping
        var out: [UInt32] = []
        for part in decomposed.unicodeScalars {
            if part == scalar {
                out.append(part.value)
                continue
            }
            let value = part.value
            if value < 0x80 {
                if value > 0x20, value != 0x7F, value != 0x2D, value != 0x60 { out.append(value) }
            } else {
                out.append(contentsOf: fold(part))
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// Whether this is white space (Unicode's `White_Space`), answered
    /// without a property lookup for ASCII.
    @inline(__always) var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
