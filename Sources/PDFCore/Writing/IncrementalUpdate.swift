// Appending an incremental update to a PDF (ISO 32000-1 §7.5.6).

/// Reads a PDF that Poppler has just saved and writes an incremental update
/// for it: new versions of some of its objects, a cross-reference section of
/// the same kind as the newest one (table or stream), and a trailer.
struct IncrementalUpdate {
    private let path: String
    private let reader: ByteReader
    private let trailers: TrailerReader
    /// The newest trailer (or cross-reference stream) dictionary.
    private let newest: [String: PDFObject]
    /// Where the newest cross-reference section starts, relative to the header.
    private let newestSection: Int

    /// Reads the file at `file`; errors name `source`, the PDF being copied.
    init(file: String, source: String) throws(PDFError) {
        path = source
        do {
            reader = try ByteReader(path: file)
        } catch {
            throw .writeFailed(path: source, reason: "Poppler's copy cannot be read back (\(error.message))")
        }
        trailers = TrailerReader(reader: reader)
        newestSection = trailers.startCrossReferenceOffset()
        guard let found = trailers.trailer(), found.origin == .crossReference else {
            throw .writeFailed(path: source, reason: "Poppler's copy has no readable trailer")
        }
        newest = found.dictionary
    }

    /// The annotation objects whose `/T` starts with `prefix`, by `/T`: the
    /// ones marked when they were added. Poppler writes new objects
    /// uncompressed, so they are found by their `/Subtype /Highlight`.
    func markedAnnotations(prefix: String) -> [String: (number: Int, generation: Int, dictionary: [String: PDFObject])] {
        let bytes = reader.bytes(0..<reader.count)
        let needle = Array("/Highlight".utf8)
        var found: [String: (Int, Int, [String: PDFObject])] = [:]
        var index = 0
        while let hit = Self.find(needle, in: bytes, from: index) {
            index = hit + needle.count
            guard let start = Self.objectStart(before: hit, in: bytes) else { continue }
            var parser = PDFParser(reader: reader, position: start)
            guard let number = parser.nextObject()?.integerValue, let generation = parser.nextObject()?.integerValue,
                parser.nextObject()?.isKeyword("obj") == true, let dictionary = parser.nextObject()?.dictionaryValue,
                dictionary["Subtype"] == .name("Highlight"), let title = dictionary["T"]?.text, title.hasPrefix(prefix)
            else { continue }
            found[title] = (number, generation, dictionary)
        }
        return found
    }

    /// The bytes to append to the file (whose length is `fileLength`): the
    /// `objects`, a cross-reference section for them, and a trailer with
    /// `id` as its `/ID`.
    func section(replacing objects: [(number: Int, generation: Int, object: PDFObject)], id: PDFObject, fileLength: Int) throws(PDFError) -> [UInt8] {
        let header = headerOffset
        var output: [UInt8] = Array("\n".utf8)
        var offsets: [(number: Int, generation: Int, offset: Int)] = []
        for item in objects.sorted(by: { $0.number < $1.number }) {
            offsets.append((item.number, item.generation, fileLength + output.count - header))
            output += Array("\(item.number) \(item.generation) obj\n".utf8) + item.object.serialized + Array("\nendobj\n".utf8)
        }
        var size = max(newest["Size"]?.integerValue ?? 0, (objects.map(\.number).max() ?? 0) + 1)
        var trailer: [String: PDFObject] = ["Prev": .integer(newestSection), "ID": id]
        for key in ["Root", "Info"] { trailer[key] = newest[key] }
        guard trailer["Root"] != nil else { throw .writeFailed(path: path, reason: "Poppler's copy has no /Root") }
        let sectionOffset = fileLength + output.count - header
        if isStreamSection {
            // The stream's own object comes last; its entry is in the stream too.
            let streamNumber = size
            size += 1
            offsets.append((streamNumber, 0, sectionOffset))
            let width = max(4, (String(sectionOffset, radix: 16).count + 1) / 2)
            var data: [UInt8] = []
            for entry in offsets {
                data.append(1)
                for shift in stride(from: 8 * (width - 1), through: 0, by: -8) { data.append(UInt8((entry.offset >> shift) & 0xFF)) }
                data += [UInt8(entry.generation >> 8 & 0xFF), UInt8(entry.generation & 0xFF)]
            }
            trailer["Type"] = .name("XRef")
            trailer["Size"] = .integer(size)
            trailer["W"] = .array([.integer(1), .integer(width), .integer(2)])
            trailer["Index"] = .array(offsets.flatMap { [PDFObject.integer($0.number), .integer(1)] })
            trailer["Length"] = .integer(data.count)
            output += Array("\(streamNumber) 0 obj\n".utf8) + PDFObject.dictionary(trailer).serialized
            output += Array("\nstream\n".utf8) + data + Array("\nendstream\nendobj\n".utf8)
        } else {
            output += Array("xref\n".utf8)
            for entry in offsets {
                output += Array("\(entry.number) 1\n".utf8)
                output += Array((Self.padded(entry.offset, 10) + " " + Self.padded(entry.generation, 5) + " n\r\n").utf8)
            }
            trailer["Size"] = .integer(size)
            output += Array("trailer\n".utf8) + PDFObject.dictionary(trailer).serialized + Array("\n".utf8)
        }
        output += Array("startxref\n\(sectionOffset)\n%%EOF\n".utf8)
        return output
    }

    private var headerOffset: Int { trailers.headerOffset }

    /// Whether the newest cross-reference section is a stream (not a table).
    private var isStreamSection: Bool {
        var parser = PDFParser(reader: reader, position: newestSection + headerOffset)
        return parser.nextObject()?.isKeyword("xref") != true
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], TrailerReader.matches(needle, in: haystack, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the `N G obj` header of the object around `offset`:
    /// the nearest ` obj` before it (within 4 KiB), backed up over its two
    /// numbers.
    private static func objectStart(before offset: Int, in bytes: [UInt8]) -> Int? {
        let keyword = Array("obj".utf8)
        var k = offset - keyword.count
        let limit = max(0, offset - 4096)
        while k >= limit {
            if bytes[k] == keyword[0], TrailerReader.matches(keyword, in: bytes, at: k),
                k > 0, PDFLexer.isWhitespace(bytes[k - 1]), k + 3 < bytes.count,
                PDFLexer.isWhitespace(bytes[k + 3]) || PDFLexer.isDelimiter(bytes[k + 3])
            {
                // Back over "N G ".
                var p = k - 1
                for _ in 0..<2 {
                    while p >= 0, PDFLexer.isWhitespace(bytes[p]) { p -= 1 }
                    guard p >= 0, bytes[p] >= 0x30, bytes[p] <= 0x39 else { return nil }
                    while p >= 0, bytes[p] >= 0x30, bytes[p] <= 0x39 { p -= 1 }
                }
                return p + 1
            }
            k -= 1
        }
        return nil
    }
}
