/// A PDF object as read by the trailer reader: just enough of ISO 32000-1
/// §7.3 to read trailers and cross-reference stream dictionaries.
///
/// Streams are never decoded; a dictionary followed by `stream` is returned
/// as the dictionary, with the `stream` keyword left for the caller.
indirect enum PDFObject: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case real(Double)
    /// A literal or hexadecimal string: its raw bytes, escapes resolved.
    case string([UInt8])
    case name(String)
    case array([PDFObject])
    case dictionary([String: PDFObject])
    case reference(number: Int, generation: Int)
    /// A bare keyword (`obj`, `xref`, `trailer`, `stream`, `R`, …).
    case keyword(String)

    var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var dictionaryValue: [String: PDFObject]? {
        if case .dictionary(let value) = self { return value }
        return nil
    }

    func isKeyword(_ word: String) -> Bool {
        if case .keyword(word) = self { return true }
        return false
    }
}

/// A lexical token of PDF syntax (ISO 32000-1 §7.2).
enum PDFToken: Equatable {
    case integer(Int)
    case real(Double)
    case string([UInt8])
    case name(String)
    /// Keywords and the delimiters `[`, `]`, `<<`, `>>`, `{`, `}`.
    case keyword(String)
    case endOfFile
}

/// Splits PDF bytes into tokens, following PDF.js's lexer where it differs
/// from the specification or the specification leaves room: octal escapes
/// over 255 wrap, invalid hex digits are skipped, and a final odd hex digit
/// is dropped (the specification pads it with 0; PDF.js 2.14–4.x drops it,
/// and the fingerprint must be PDF.js's).
///
/// Positions are byte offsets into the file.
struct PDFLexer {
    let reader: ByteReader
    /// The offset of the next byte to read.
    var position: Int

    init(reader: ByteReader, position: Int) {
        self.reader = reader
        self.position = position
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "/"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? { reader.byte(at: position + offset) }

    /// Skips whitespace and comments.
    mutating func skipWhitespace() {
        while let byte = peek() {
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while let c = peek(), c != 0x0A, c != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// Reads the next token. Malformed input never traps; it yields
    /// keywords the parser rejects.
    mutating func next() -> PDFToken {
        skipWhitespace()
        guard let byte = peek() else { return .endOfFile }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return readNumber()
        case UInt8(ascii: "("):
            position += 1
            return .string(readLiteralString())
        case UInt8(ascii: "/"):
            position += 1
            return .name(readName())
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            let opening = byte == UInt8(ascii: "<")
            // `<<` and `>>` bound a dictionary; a lone `<` starts a hex string.
            if peek(1) == byte {
                position += 2
                return .keyword(opening ? "<<" : ">>")
            }
            position += 1
            return opening ? .string(readHexString()) : .keyword(">")
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ")"):
            position += 1
            return .keyword(String(UnicodeScalar(byte)))
        default:
            var word: [UInt8] = []
            while let c = peek(), !Self.isWhitespace(c), !Self.isDelimiter(c), word.count < 128 {
                word.append(c)
                position += 1
            }
            return .keyword(String(decoding: word, as: UTF8.self))
        }
    }

    private mutating func readNumber() -> PDFToken {
        var text: [UInt8] = []
        if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            text.append(sign)
            position += 1
        }
        var sawDot = false
        while let c = peek(), text.count < 64 {
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                text.append(c)
            } else if c == UInt8(ascii: "."), !sawDot {
                sawDot = true
                text.append(c)
            } else {
                break
            }
            position += 1
        }
        let string = String(decoding: text, as: UTF8.self)
        if !sawDot, let value = Int(string) { return .integer(value) }
        if let value = Double(string) {
            // PDF.js keeps numbers as doubles: "5.0" is an integer there too.
            if value == value.rounded(), abs(value) < 1e15 { return .integer(Int(value)) }
            return .real(value)
        }
        return .integer(0)
    }

    private mutating func readName() -> String {
        var bytes: [UInt8] = []
        while let c = peek(), !Self.isWhitespace(c), !Self.isDelimiter(c), bytes.count < 256 {
            position += 1
            if c == UInt8(ascii: "#"), let h = peek(), let l = peek(1),
                let high = Self.hexValue(h), let low = Self.hexValue(l)
            {
                bytes.append(high << 4 | low)
                position += 2
            } else {
                bytes.append(c)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Reads a literal string after its opening parenthesis (ISO 32000-1
    /// §7.3.4.2): balanced parentheses, backslash escapes, octal codes
    /// (wrapped to a byte), line continuations. Raw end-of-line bytes are
    /// kept as they are, as PDF.js does.
    private mutating func readLiteralString() -> [UInt8] {
        var result: [UInt8] = []
        var depth = 1
        while let c = peek() {
            position += 1
            switch c {
            case UInt8(ascii: "("):
                depth += 1
                result.append(c)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return result }
                result.append(c)
            case UInt8(ascii: "\\"):
                guard let e = peek() else { return result }
                position += 1
                switch e {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(e - UInt8(ascii: "0"))
                    for _ in 0..<2 {
                        guard let d = peek(), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "7") else { break }
                        value = value << 3 + Int(d - UInt8(ascii: "0"))
                        position += 1
                    }
                    result.append(UInt8(value & 0xFF))
                case 0x0D:
                    if peek() == 0x0A { position += 1 }
                case 0x0A:
                    break
                default:
                    result.append(e)
                }
            default:
                result.append(c)
            }
        }
        return result
    }

    /// Reads a hexadecimal string after its `<` (ISO 32000-1 §7.3.4.3);
    /// whitespace and invalid digits are skipped, a final odd digit is
    /// dropped as PDF.js does.
    private mutating func readHexString() -> [UInt8] {
        var result: [UInt8] = []
        var high: UInt8?
        while let c = peek() {
            position += 1
            if c == UInt8(ascii: ">") { break }
            guard let digit = Self.hexValue(c) else { continue }
            if let h = high {
                result.append(h << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return result
    }
}

/// Builds objects from tokens with the two-token look-ahead needed for
/// indirect references (`12 0 R`).
struct PDFParser {
    private var lexer: PDFLexer
    private var buffer: [PDFToken] = []
    /// Nesting limit for arrays and dictionaries: hostile files nest deeply.
    private let maxDepth = 64

    init(reader: ByteReader, position: Int) {
        lexer = PDFLexer(reader: reader, position: position)
    }

    /// The offset just past the last token consumed (look-ahead excluded
    /// only when the buffer is empty).
    var position: Int { lexer.position }

    private mutating func peekToken(_ index: Int) -> PDFToken {
        while buffer.count <= index { buffer.append(lexer.next()) }
        return buffer[index]
    }

    private mutating func shift() -> PDFToken {
        let token = peekToken(0)
        buffer.removeFirst()
        return token
    }

    /// Before an array's or a dictionary's next element: true (and the
    /// keyword passed) when it is `close`, the container's end; nil at the
    /// end of the file (the container is never closed); false otherwise.
    private mutating func passClosing(_ close: String) -> Bool? {
        switch peekToken(0) {
        case .keyword(close):
            _ = shift()
            return true
        case .endOfFile: return nil
        default: return false
        }
    }

    /// Reads the next object, or nil at the end of the file or on a syntax
    /// error (unbalanced brackets, nesting too deep).
    mutating func nextObject() -> PDFObject? {
        nextObject(depth: 0)
    }

    private mutating func nextObject(depth: Int) -> PDFObject? {
        guard depth <= maxDepth else { return nil }
        let token = shift()
        switch token {
        case .endOfFile:
            return nil
        case .integer(let value):
            if case .integer(let generation) = peekToken(0), peekToken(1) == .keyword("R") {
                buffer.removeFirst(2)
                return .reference(number: value, generation: generation)
            }
            return .integer(value)
        case .real(let value):
            return .real(value)
        case .string(let bytes):
            return .string(bytes)
        case .name(let name):
            return .name(name)
        case .keyword("["):
            var items: [PDFObject] = []
            while true {
                guard let closed = passClosing("]") else { return nil }
                if closed { return .array(items) }
                guard let item = nextObject(depth: depth + 1) else { return nil }
                items.append(item)
            }
        case .keyword("<<"):
            var entries: [String: PDFObject] = [:]
            while true {
                guard let closed = passClosing(">>") else { return nil }
                if closed { return .dictionary(entries) }
                guard case .name(let key) = peekToken(0) else {
                    // PDF.js skips a key that is not a name.
                    _ = shift()
                    continue
                }
                _ = shift()
                if peekToken(0) == .keyword(">>") {
                    entries[key] = .null
                    continue
                }
                guard let value = nextObject(depth: depth + 1) else { return nil }
                entries[key] = value
            }
        case .keyword("true"):
            return .bool(true)
        case .keyword("false"):
            return .bool(false)
        case .keyword("null"):
            return .null
        case .keyword(let word):
            return .keyword(word)
        }
    }
}
