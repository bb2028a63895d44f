/// Writes ``JSONValue`` the way JavaScript's `JSON.stringify(value)` does
/// with no indentation — the form obsidian-annotator stores: no spaces,
/// keys in order, only `"`, `\` and control characters escaped (U+2028,
/// U+2029 and all non-ASCII text written as is).
public enum JSONWriter {
    /// The one-line JSON text of `value`.
    public static func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): writeString(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                writeString(member.key, to: &output)
                output += ":"
                write(member.value, to: &output)
            }
            output += "}"
        }
    }

    /// The characters JavaScript's `JSON.stringify` escapes by name.
    static let namedEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\u{08}": "\\b", "\u{0C}": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    ]

    /// Writes a quoted JSON string with JavaScript's escapes. Runs of
    /// characters that need none are copied whole (notes are mostly such);
    /// the scan is over UTF-8 bytes, where every byte of a non-ASCII
    /// character is ≥ 0x80 and needs no escape.
    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        let utf8 = text.utf8
        var run = utf8.startIndex
        var index = run
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                utf8.formIndex(after: &index)
                continue
            }
            output += text[run..<index]
            let scalar = Unicode.Scalar(byte)
            if let escape = namedEscapes[scalar] {
                output += escape
            } else {
                let hex = String(byte, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            utf8.formIndex(after: &index)
            run = index
        }
        output += text[run..<index]
        output += "\""
    }
}
