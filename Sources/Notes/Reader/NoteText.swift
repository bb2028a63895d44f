/// A note's bytes split into lines, without copying.
///
/// Lines end at LF; a CR before the LF belongs to the terminator (CRLF). A
/// lone CR and U+2028/U+2029 do not end lines (the plugin's JavaScript does
/// treat U+2028 as a line terminator, which is reported separately).
/// Offsets are byte offsets (UTF-8) into ``bytes``.
struct NoteText: Sendable {
    struct Line: Sendable {
        /// Offset of the line's first byte.
        var start: Int
        /// Offset just past its content (before CR LF or LF).
        var contentEnd: Int
        /// Offset just past its terminator.
        var end: Int
        var hasCRLF: Bool { end - contentEnd == 2 }
        var hasTerminator: Bool { end > contentEnd }
    }

    let bytes: [UInt8]
    let lines: [Line]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Line] = []
        lines.reserveCapacity(bytes.count / 40 + 1)
        var start = 0
        var index = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            while index < count {
                if buffer[index] == 0x0A {
                    let contentEnd = index > start && buffer[index - 1] == 0x0D ? index - 1 : index
                    lines.append(Line(start: start, contentEnd: contentEnd, end: index + 1))
                    start = index + 1
                }
                index += 1
            }
        }
        if start < count {
            lines.append(Line(start: start, contentEnd: count, end: count))
        }
        self.lines = lines
    }

    /// The content of line `index` (0-based), terminator excluded, decoded
    /// as UTF-8 (invalid bytes become U+FFFD).
    func content(_ index: Int) -> String {
        let line = lines[index]
        return String(decoding: bytes[line.start..<line.contentEnd], as: UTF8.self)
    }

    /// The content bytes of line `index`.
    func contentBytes(_ index: Int) -> ArraySlice<UInt8> {
        let line = lines[index]
        return bytes[line.start..<line.contentEnd]
    }

    /// Whether line `index` starts with `prefix` (ASCII).
    func line(_ index: Int, startsWith prefix: StaticString) -> Bool {
        let line = lines[index]
        let length = prefix.utf8CodeUnitCount
        guard line.contentEnd - line.start >= length else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<length where bytes[line.start + k] != p[k] { return false }
            return true
        }
    }

    /// Whether line `index` is empty or only spaces and tabs.
    func isBlank(_ index: Int) -> Bool {
        let line = lines[index]
        return bytes[line.start..<line.contentEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
