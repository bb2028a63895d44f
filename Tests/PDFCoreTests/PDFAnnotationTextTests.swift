import Foundation
import Testing
@testable import PDFCore

/// The text strings and dates of annotation dictionaries, decoded from bytes
/// written here (PDF 1.7 §7.9.2.2, §7.9.4, Annex D).
@Suite("PDF text strings and dates")
struct PDFAnnotationTextTests {
    /// The moment an ISO 8601 timestamp names (Foundation's parser, not ours).
    static func iso(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test("UTF-16BE after FE FF, with a surrogate pair")
    func utf16BigEndian() {
        let bytes: [UInt8] = [0xFE, 0xFF, 0x00, 0x43, 0x00, 0xE9, 0xD8, 0x3D, 0xDE, 0x00]
        #expect(PDFTextString.decode(bytes) == "Cé😀")
    }

    @Test("UTF-16LE after FF FE")
    func utf16LittleEndian() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0xC5, 0x00, 0x73, 0x00, 0x61, 0x00]
        #expect(PDFTextString.decode(bytes) == "Åsa")
    }

    @Test("UTF-8 after EF BB BF")
    func utf8() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0xC3, 0x9C, 0x62, 0x65, 0x72, 0x20, 0xE2, 0x9C, 0x93]
        #expect(PDFTextString.decode(bytes) == "Über ✓")
    }

    @Test("PDFDocEncoding: ASCII, the accents at 18–1F, the table at 80–A0, Latin-1 above")
    func pdfDocEncoding() {
        #expect(PDFTextString.decode(Array("plain".utf8)) == "plain")
        let accents: [UInt8] = Array(0x18...0x1F)
        #expect(PDFTextString.decode(accents).unicodeScalars.map(\.value) == [0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC])
        let upper: [UInt8] = Array(0x80...0x9E)
        #expect(
            PDFTextString.decode(upper).unicodeScalars.map(\.value) == [
                0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030, 0x201E,
                0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017D,
                0x0131, 0x0142, 0x0153, 0x0161, 0x017E,
            ])
        #expect(PDFTextString.decode([0xA0]) == "€")
        #expect(PDFTextString.decode([0xE9, 0xFF, 0xA9]) == "éÿ©")
        // Undefined in the table.
        #expect(PDFTextString.decode([0x41, 0x7F, 0x9F, 0xAD]) == "A\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test("a language escape is left out; trailing NULs are dropped; an odd byte is U+FFFD")
    func oddities() {
        // FE FF, ESC "en" ESC, "Hi", NUL.
        let tagged: [UInt8] = [0xFE, 0xFF, 0x00, 0x1B, 0x00, 0x65, 0x00, 0x6E, 0x00, 0x1B, 0x00, 0x48, 0x00, 0x69, 0x00, 0x00]
        #expect(PDFTextString.decode(tagged) == "Hi")
        #expect(PDFTextString.decode([0xFE, 0xFF, 0x00, 0x48, 0x00]) == "H\u{FFFD}")
        #expect(PDFTextString.decode([0xFE, 0xFF, 0xD8, 0x3D]) == "\u{FFFD}")
        #expect(PDFTextString.decode([]) == "")
    }

    @Test("a string cut in the middle of a character loses the piece, not the text")
    func cut() {
        #expect(PDFTextString.decode([0xFE, 0xFF, 0x00, 0x48, 0xD8, 0x3D], cut: true) == "H")
        #expect(PDFTextString.decode([0xFE, 0xFF, 0x00, 0x48, 0x00], cut: true) == "H")
        #expect(PDFTextString.decode([0xEF, 0xBB, 0xBF, 0x41, 0xE2, 0x9C], cut: true) == "A")
        #expect(PDFTextString.decode([0xEF, 0xBB, 0xBF, 0x41, 0xE2, 0x9C, 0x93], cut: true) == "A✓")
    }

    @Test(
        "dates with every part after the year optional, zones, loose apostrophes",
        arguments: [
            ("D:20240102030405+01'00'", "2024-01-02T02:04:05Z"),
            ("D:20240102030405-08'30'", "2024-01-02T11:34:05Z"),
            ("D:20240102030405Z", "2024-01-02T03:04:05Z"),
            ("D:20240102030405Z00'00'", "2024-01-02T03:04:05Z"),
            ("D:20240102030405+01'00", "2024-01-02T02:04:05Z"),
            ("D:20240102030405+0100", "2024-01-02T02:04:05Z"),
            ("D:20240102030405+01", "2024-01-02T02:04:05Z"),
            ("D:20240102030405", "2024-01-02T03:04:05Z"),
            ("20240102030405+01'00'", "2024-01-02T02:04:05Z"),
            ("D:2024", "2024-01-01T00:00:00Z"),
            ("D:202402", "2024-02-01T00:00:00Z"),
            ("D:20240229", "2024-02-29T00:00:00Z"),
            ("D:2024010203", "2024-01-02T03:00:00Z"),
            ("D:202401020304", "2024-01-02T03:04:00Z"),
            ("D:19991231235959-05'00'", "2000-01-01T04:59:59Z"),
            ("D:19700101000000Z", "1970-01-01T00:00:00Z"),
            ("D:16000301000000Z", "1600-03-01T00:00:00Z"),
            (" D:20240102030405Z ", "2024-01-02T03:04:05Z"),
        ])
    func dates(_ text: String, _ expected: String) {
        #expect(PDFDate.parse(text) == Self.iso(expected), "\(text)")
    }

    @Test(
        "anything else is not a date",
        arguments: [
            "", "D:", "yesterday", "D:24", "D:2024-01-02", "D:20241301", "D:20230229", "D:20240431", "D:2024010225",
            "D:202401020360", "D:20240102030405+25'00'", "D:20240102030405+", "D:20240102030405 then", "D:2024010",
            "1/2/2024",
        ])
    func notDates(_ text: String) {
        #expect(PDFDate.parse(text) == nil, "\(text)")
    }
}
