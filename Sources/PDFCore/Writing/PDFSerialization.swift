// Writing PDF objects back as PDF syntax (ISO 32000-1 §7.3).

import Foundation

extension PDFObject {
    /// The object in PDF syntax. Strings are written as hexadecimal strings
    /// (their bytes exactly, whatever they hold); names escape what needs
    /// it with `#xx`; dictionary keys are sorted, so output is stable.
    var serialized: [UInt8] {
        var output: [UInt8] = []
        write(to: &output)
        return output
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null: output += Array("null".utf8)
        case .bool(let value): output += Array((value ? "true" : "false").utf8)
        case .integer(let value): output += Array(String(value).utf8)
        case .real(let value): output += Array(Self.number(value).utf8)
        case .string(let bytes): output += Self.hexString(bytes)
        case .name(let name): output += Self.name(name)
        case .reference(let number, let generation): output += Array("\(number) \(generation) R".utf8)
        case .keyword(let word): output += Array(word.utf8)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { output.append(UInt8(ascii: " ")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let entries):
            output += Array("<<".utf8)
            for key in entries.keys.sorted() {
                output += Self.name(key)
                output.append(UInt8(ascii: " "))
                entries[key]!.write(to: &output)
                output.append(UInt8(ascii: " "))
            }
            output += Array(">>".utf8)
        }
    }

    /// A real number without exponent, at most 4 decimals, trailing zeros dropped.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") {
            // Tiny values print with an exponent: write them out.
            text = String(format: "%.4f", rounded)
        }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func hexString(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = [UInt8(ascii: "<")]
        output.reserveCapacity(bytes.count * 2 + 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0xF)])
        }
        output.append(UInt8(ascii: ">"))
        return output
    }

    static func name(_ name: String) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = [UInt8(ascii: "/")]
        for byte in name.utf8 {
            if byte < 0x21 || byte > 0x7E || byte == UInt8(ascii: "#") || PDFLexer.isDelimiter(byte) {
                output += [UInt8(ascii: "#"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            } else {
                output.append(byte)
            }
        }
        return output
    }

    /// A PDF text string: PDFDocEncoding's ASCII subset as is, anything
    /// else as UTF-16BE with a byte order mark (ISO 32000-1 §7.9.2.2).
    static func text(_ value: String) -> PDFObject {
        if value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return .string(Array(value.utf8))
        }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in value.utf16 {
            bytes.append(UInt8(unit >> 8))
            bytes.append(UInt8(unit & 0xFF))
        }
        return .string(bytes)
    }

    /// The text of a PDF text string (UTF-16BE with a byte order mark, or
    /// PDFDocEncoding read as Latin-1).
    var text: String? {
        guard case .string(let bytes) = self else { return nil }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            var units: [UInt16] = []
            var k = 2
            while k + 1 < bytes.count {
                units.append(UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1]))
                k += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
