import Foundation

/// How PDF.js 2.14's text extraction writes characters that Poppler writes
/// otherwise (see ``PDFjsPageText``).
enum PDFjsCharacters {
    /// The characters PDF.js's `getTextContent` replaces by their
    /// compatibility decomposition (its table of "normalized" Unicode
    /// characters): spacing accents (´ → space and U+0301), ligatures
    /// (ﬁ → fi), the ellipsis (… → ...), fixed-width spaces, Roman numerals,
    /// enclosed and squared characters, Arabic presentation forms, and more.
    /// Other characters it keeps as they are. The same sets as that table,
    /// as ranges of code points.
    static let normalized: [ClosedRange<UInt32>] = [
        0xA8...0xA8, 0xAF...0xAF, 0xB4...0xB5, 0xB8...0xB8, 0x132...0x133, 0x13F...0x140, 0x149...0x149, 0x17F...0x17F,
        0x1C4...0x1CC, 0x1F1...0x1F3, 0x2D8...0x2DD, 0x37A...0x37A, 0x384...0x384, 0x3D0...0x3D2, 0x3D5...0x3D6,
        0x3F0...0x3F2, 0x3F4...0x3F5, 0x3F9...0x3F9, 0x587...0x587, 0x675...0x678, 0xE33...0xE33, 0xEB3...0xEB3,
        0xEDC...0xEDD, 0xF77...0xF77, 0xF79...0xF79, 0x1E9A...0x1E9A, 0x1FBD...0x1FBD, 0x1FBF...0x1FC0, 0x1FFE...0x1FFE,
        0x2002...0x2006, 0x2008...0x200A, 0x2017...0x2017, 0x2024...0x2026, 0x2033...0x2034, 0x2036...0x2037,
        0x203C...0x203C, 0x203E...0x203E, 0x2047...0x2049, 0x2057...0x2057, 0x205F...0x205F, 0x20A8...0x20A8,
        0x2100...0x2101, 0x2103...0x2103, 0x2105...0x2107, 0x2109...0x2109, 0x2116...0x2116, 0x2121...0x2121,
        0x2135...0x2138, 0x213B...0x213B, 0x2160...0x217F, 0x222C...0x222D, 0x222F...0x2230, 0x2474...0x24B5,
        0x2A0C...0x2A0C, 0x2A74...0x2A76, 0x2E9F...0x2E9F, 0x2EF3...0x2EF3, 0x2F00...0x2FD5, 0x3036...0x3036,
        0x3038...0x303A, 0x309B...0x309C, 0x3131...0x318E, 0x3200...0x321E, 0x3220...0x3243, 0x32C0...0x32CB,
        0x3358...0x3370, 0x33E0...0x33FE, 0xFB00...0xFB06, 0xFB13...0xFB17, 0xFB4F...0xFBB1, 0xFBD3...0xFD3D,
        0xFD50...0xFD8F, 0xFD92...0xFDC7, 0xFE49...0xFE4F, 0xFE80...0xFEFC,
    ]

    /// The few characters of that table whose replacement is not their
    /// compatibility decomposition.
    static let exceptions: [UInt32: [Unicode.Scalar]] = [
        0xFB05: ["\u{017F}", "t"],
        0xFE49: ["\u{203E}"], 0xFE4A: ["\u{203E}"], 0xFE4B: ["\u{203E}"], 0xFE4C: ["\u{203E}"],
    ]

    /// `scalar` as PDF.js writes it in its text.
    static func form(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let value = scalar.value
        guard value >= 0xA8, isNormalized(value) else { return [scalar] }
        if let exception = exceptions[value] { return exception }
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping
        // Hangul stays decomposed; everything else is recomposed (NFKC).
        let form = (0x3131...0x318E).contains(value) || (0x3200...0x321E).contains(value)
            ? decomposed : String(scalar).precomposedStringWithCompatibilityMapping
        return Array(form.unicodeScalars)
    }

    /// Whether PDF.js replaces the character with code point `value`.
    private static func isNormalized(_ value: UInt32) -> Bool {
        var low = 0
        var high = normalized.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if normalized[mid].upperBound < value {
                low = mid + 1
            } else if normalized[mid].lowerBound > value {
                high = mid - 1
            } else {
                return true
            }
        }
        return false
    }

    /// The spacing accent whose glyph Poppler turned into the combining
    /// mark `mark` when it joined it to the letter beside it (Poppler's
    /// table of combining characters, read backwards: U+0301 came from ´
    /// U+00B4, U+0308 from ¨ U+00A8, …); nil for any other character.
    static func spacingAccent(for mark: Unicode.Scalar) -> Unicode.Scalar? {
        switch mark.value {
        case 0x300: return "\u{60}"
        case 0x301: return "\u{B4}"
        case 0x302: return "\u{2C6}"
        case 0x303: return "\u{2DC}"
        case 0x304: return "\u{AF}"
        case 0x306: return "\u{2D8}"
        case 0x307: return "\u{2D9}"
        case 0x308: return "\u{A8}"
        case 0x30A: return "\u{2DA}"
        case 0x30B: return "\u{2DD}"
        case 0x30C: return "\u{2C7}"
        case 0x327: return "\u{B8}"
        default: return nil
        }
    }

    /// Whether JavaScript's `\s` matches `scalar` (the white space the
    /// selectors' page text collapses into one space).
    static func isJavaScriptWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
