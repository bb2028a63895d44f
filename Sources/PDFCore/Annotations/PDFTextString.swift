/// Decodes PDF text strings (PDF 1.7 §7.9.2.2; PDF 2.0 adds UTF-8): the
/// `/Contents`, `/T`, `/Subj` and `/NM` of an annotation, given as the
/// bytes of the string object.
enum PDFTextString {
    /// The text of `bytes`: UTF-16BE after the byte order mark FE FF,
    /// UTF-16LE after FF FE (not in the standard, but some writers use it),
    /// UTF-8 after EF BB BF (PDF 2.0), else PDFDocEncoding. Ill-formed
    /// UTF-16 or UTF-8 becomes U+FFFD (a cut-off last unit is dropped when
    /// `cut`: the string was cut there, not damaged); a language escape
    /// (`ESC lang ESC`, §7.9.2.2) is left out; trailing NULs, which some
    /// writers add, are dropped.
    static func decode(_ bytes: [UInt8], cut: Bool = false) -> String {
        var text: String
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            text = utf16(bytes.dropFirst(2), bigEndian: true, cut: cut)
        } else if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            text = utf16(bytes.dropFirst(2), bigEndian: false, cut: cut)
        } else if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            var body = Array(bytes.dropFirst(3))
            if cut { dropIncompleteUTF8(&body) }
            text = withoutLanguageEscapes(String(decoding: body, as: UTF8.self))
        } else {
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(pdfDocEncoding(byte)) }
            text = String(scalars)
        }
        while text.unicodeScalars.last == "\0" { text.unicodeScalars.removeLast() }
        return text
    }

    /// The character of a PDFDocEncoding byte (PDF 1.7, Annex D, Table D.2).
    /// Bytes the table leaves undefined (7F, 9F, AD) become U+FFFD; control
    /// codes below 18 stand for themselves, as in PDF.js and Poppler.
    static func pdfDocEncoding(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0x18...0x1F: return Unicode.Scalar(accents[Int(byte - 0x18)])!
        case 0x7F, 0x9F, 0xAD: return "\u{FFFD}"
        case 0x80...0x9E: return Unicode.Scalar(upper[Int(byte - 0x80)])!
        case 0xA0: return "\u{20AC}"
        default: return Unicode.Scalar(byte)
        }
    }

    /// 0x18…0x1F: breve, caron, circumflex, dot accent, double acute,
    /// ogonek, ring, small tilde (spacing forms).
    private static let accents: [UInt32] = [0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC]

    /// 0x80…0x9E: bullet, daggers, ellipsis, dashes, florin, fraction,
    /// guillemets, minus, per mille, quotes, trade mark, fi, fl, and the
    /// Latin letters Ł Œ Š Ÿ Ž ı ł œ š ž.
    private static let upper: [UInt32] = [
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
        0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
        0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
        0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E,
    ]

    /// UTF-16 of either byte order; an odd last byte becomes U+FFFD (is
    /// dropped when `cut`), as does an unpaired surrogate.
    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool, cut: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        if cut, let last = units.last, UTF16.isLeadSurrogate(last) { units.removeLast() }
        var text = String(decoding: units, as: UTF16.self)
        if index < bytes.endIndex, !cut { text.unicodeScalars.append("\u{FFFD}") }
        return withoutLanguageEscapes(text)
    }

    /// Drops an incomplete UTF-8 sequence at the end of `bytes`.
    private static func dropIncompleteUTF8(_ bytes: inout [UInt8]) {
        // The last lead byte within three of the end, and how long its
        // sequence should be.
        for back in 1...min(3, bytes.count) {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 { continue }  // a continuation byte
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if length > back { bytes.removeLast(back) }
            return
        }
    }

    /// `text` without its language escapes: an ESC (U+001B), a language
    /// code and another ESC (§7.9.2.2). An ESC without its pair is kept.
    private static func withoutLanguageEscapes(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let escape = scalars.firstIndex(of: "\u{1B}") {
            out.append(contentsOf: scalars[..<escape])
            let rest = scalars[scalars.index(after: escape)...]
            guard let end = rest.firstIndex(of: "\u{1B}") else {
                out.append(contentsOf: scalars[escape...])
                scalars = scalars[scalars.endIndex...]
                break
            }
            scalars = rest[rest.index(after: end)...]
        }
        out.append(contentsOf: scalars)
        return String(out)
    }
}
