import Foundation

/// The two numbers of a PDF's cross-reference chain that tell which bytes an
/// incremental update was made for (ISO 32000-1 §7.5.5–7.5.6): the file's
/// last `startxref` (where its newest cross-reference section starts) and an
/// update's `/Prev` (the section it continues). Offsets are bytes from the
/// start of the file.
enum PDFTail {
    /// The offset after the last `startxref` in the last 2 KiB of `data`.
    static func startXref(_ data: Data) -> Int? {
        number(after: "startxref", in: data.suffix(2048))
    }

    /// The last `/Prev` offset in `update` (an appended update's trailer or
    /// cross-reference stream dictionary).
    static func previousXref(in update: Data) -> Int? {
        number(after: "/Prev", in: update)
    }

    /// The integer after the last occurrence of `keyword` (whitespace between).
    private static func number(after keyword: String, in data: Data) -> Int? {
        let bytes = [UInt8](data)
        let needle = Array(keyword.utf8)
        guard bytes.count >= needle.count else { return nil }
        var start = bytes.count - needle.count
        while start >= 0 {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) {
                var i = start + needle.count
                while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00].contains(bytes[i]) { i += 1 }
                var value = 0
                var digits = 0
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 18 {
                    value = value * 10 + Int(bytes[i] - 0x30)
                    digits += 1
                    i += 1
                }
                return digits > 0 ? value : nil
            }
            start -= 1
        }
        return nil
    }
}
