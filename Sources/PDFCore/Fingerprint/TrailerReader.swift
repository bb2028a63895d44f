/// Finds the trailer dictionary PDF.js would use for a file, without reading
/// the whole file in the ordinary case.
///
/// Follows PDF.js (2.x–4.x, `core/document.js` and `core/xref.js`): the
/// header may sit after up to 1 KiB of junk, and cross-reference offsets
/// are relative to it; a linearized file (first object a linearization
/// dictionary whose `/L` equals the file length) is read from the
/// cross-reference section that follows its first object; otherwise from
/// the last `startxref`. The first section read — a classic table's
/// `trailer` or a cross-reference stream's dictionary — is the newest one
/// and wins; `/Prev` sections are older. When that fails, the file is
/// scanned for `trailer` keywords as PDF.js's recovery mode does.
struct TrailerReader {
    /// How the trailer was found.
    enum Origin: Equatable {
        /// From the cross-reference section at `startxref` (or after the
        /// linearization dictionary).
        case crossReference
        /// By scanning a damaged file.
        case recovery
    }

    let reader: ByteReader
    /// The byte offset of `%PDF-` in the file (0 when absent).
    private(set) var headerOffset = 0

    init(reader: ByteReader) {
        self.reader = reader
        headerOffset = Self.find(Array("%PDF-".utf8), in: reader.bytes(0..<1024)) ?? 0
    }

    /// The trailer dictionary and how it was found, or nil when the file
    /// has none that can be read.
    func trailer() -> (dictionary: [String: PDFObject], origin: Origin)? {
        if let dictionary = readSection(at: startCrossReferenceOffset() + headerOffset) {
            return (dictionary, .crossReference)
        }
        if let dictionary = recoverTrailer() {
            return (dictionary, .recovery)
        }
        return nil
    }

    /// The offset (relative to the header) where PDF.js starts reading
    /// cross-reference data.
    func startCrossReferenceOffset() -> Int {
        if let offset = linearizedStart() { return offset }
        let signature = Array("startxref".utf8)
        let step = 1024
        var position = reader.count
        while position > 0 {
            position = max(0, position - (step - signature.count))
            let window = reader.bytes(position..<min(reader.count, position + step))
            if let index = Self.findLast(signature, in: window) {
                var cursor = position + index + signature.count
                while let byte = reader.byte(at: cursor), PDFLexer.isWhitespace(byte) { cursor += 1 }
                var digits = 0
                var value = 0
                while let byte = reader.byte(at: cursor), byte >= 0x30, byte <= 0x39, digits < 18 {
                    value = value * 10 + Int(byte - 0x30)
                    digits += 1
                    cursor += 1
                }
                return value
            }
        }
        return 0
    }

    /// For a linearized file, the offset just after its first object.
    private func linearizedStart() -> Int? {
        var parser = PDFParser(reader: reader, position: headerOffset)
        guard parser.nextObject()?.integerValue != nil,
            parser.nextObject()?.integerValue != nil,
            parser.nextObject()?.isKeyword("obj") == true,
            let dictionary = parser.nextObject()?.dictionaryValue
        else { return nil }
        switch dictionary["Linearized"] {
        case .integer(let value) where value > 0: break
        case .real(let value) where value > 0: break
        default: return nil
        }
        guard dictionary["L"]?.integerValue == reader.count - headerOffset else { return nil }
        let window = reader.bytes(headerOffset..<headerOffset + 1024)
        guard let index = Self.find(Array("endobj".utf8), in: window) else { return 0 }
        return index + 6
    }

    /// Reads the cross-reference section at `offset` and returns its
    /// trailer (classic table) or stream dictionary (cross-reference stream).
    private func readSection(at offset: Int) -> [String: PDFObject]? {
        var parser = PDFParser(reader: reader, position: offset)
        guard let first = parser.nextObject() else { return nil }
        if first.isKeyword("xref") {
            return readClassicTable(&parser)
        }
        guard first.integerValue != nil,
            parser.nextObject()?.integerValue != nil,
            parser.nextObject()?.isKeyword("obj") == true,
            let dictionary = parser.nextObject()?.dictionaryValue,
            parser.nextObject()?.isKeyword("stream") == true,
            Self.isCrossReferenceStream(dictionary)
        else { return nil }
        return dictionary
    }

    /// Skips a classic table's subsections (validating each entry as PDF.js
    /// does) and reads the dictionary after `trailer`.
    private func readClassicTable(_ parser: inout PDFParser) -> [String: PDFObject]? {
        var sawFirstEntry = false
        while true {
            guard let header = parser.nextObject() else { return nil }
            if header.isKeyword("trailer") { break }
            guard let first = header.integerValue, let count = parser.nextObject()?.integerValue,
                count >= 0
            else { return nil }
            for index in 0..<count {
                guard parser.nextObject()?.integerValue != nil,
                    parser.nextObject()?.integerValue != nil,
                    let type = parser.nextObject(), type.isKeyword("f") || type.isKeyword("n")
                else { return nil }
                // As per the specification the first object must be free.
                if first + index == 0, !sawFirstEntry {
                    sawFirstEntry = true
                    if !type.isKeyword("f") { return nil }
                }
            }
        }
        return parser.nextObject()?.dictionaryValue
    }

    private static func isCrossReferenceStream(_ dictionary: [String: PDFObject]) -> Bool {
        guard case .array(let widths) = dictionary["W"], widths.count >= 3,
            widths.allSatisfy({ $0.integerValue != nil })
        else { return false }
        if case .array(let index) = dictionary["Index"] {
            return index.allSatisfy { $0.integerValue != nil }
        }
        return dictionary["Size"]?.integerValue != nil
    }

    /// Scans a damaged file for trailers: the first whose `/Root` is a
    /// reference and which has an `/ID` wins, else the last with a `/Root`,
    /// else the first cross-reference stream dictionary.
    private func recoverTrailer() -> [String: PDFObject]? {
        let trailerWord = Array("trailer".utf8)
        let xrefWord = Array("/XRef".utf8)
        var fallback: [String: PDFObject]?
        var firstStream: [String: PDFObject]?
        var offset = 0
        let window = 1 << 16
        while offset < reader.count {
            let bytes = reader.bytes(offset..<min(reader.count, offset + window + 16))
            var index = 0
            while index < min(bytes.count, window) {
                if bytes[index] == UInt8(ascii: "t"), Self.matches(trailerWord, in: bytes, at: index) {
                    var parser = PDFParser(reader: reader, position: offset + index + trailerWord.count)
                    if let dictionary = parser.nextObject()?.dictionaryValue,
                        case .reference = dictionary["Root"]
                    {
                        if dictionary["ID"] != nil { return dictionary }
                        fallback = dictionary
                    }
                } else if firstStream == nil, bytes[index] == UInt8(ascii: "/"),
                    Self.matches(xrefWord, in: bytes, at: index),
                    let dictionary = streamDictionary(around: offset + index)
                {
                    firstStream = dictionary
                }
                index += 1
            }
            offset += window
        }
        return fallback ?? firstStream
    }

    /// The cross-reference stream dictionary holding the `/XRef` at
    /// `offset`, found by stepping back to its `obj` keyword.
    private func streamDictionary(around offset: Int) -> [String: PDFObject]? {
        let start = max(0, offset - 2048)
        let before = reader.bytes(start..<offset)
        guard let objIndex = Self.findLast(Array("obj".utf8), in: before) else { return nil }
        var parser = PDFParser(reader: reader, position: start + objIndex + 3)
        guard let dictionary = parser.nextObject()?.dictionaryValue,
            Self.isCrossReferenceStream(dictionary)
        else { return nil }
        return dictionary
    }

    static func matches(_ needle: [UInt8], in haystack: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= haystack.count else { return false }
        for k in 0..<needle.count where haystack[index + k] != needle[k] { return false }
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where matches(needle, in: haystack, at: index) {
            return index
        }
        return nil
    }

    static func findLast(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in stride(from: haystack.count - needle.count, through: 0, by: -1)
        where matches(needle, in: haystack, at: index) {
            return index
        }
        return nil
    }
}
