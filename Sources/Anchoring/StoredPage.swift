import PDFCore

/// One page as a ``PageStore`` keeps it: its text record (label, size,
/// geometry, Poppler's text in content order as UTF-8, where its lines
/// break, its PDF.js length) and, apart, its glyph boxes — so that a
/// search of the whole document decodes text only.
///
/// The boxes are kept without loss: each coordinate's `Float` bit pattern
/// as its difference from a guess (the previous glyph's right edge, its
/// own left edge plus the previous width, the previous line's top and
/// bottom), in zigzag variable-length integers — about half the size of
/// the floats themselves, and the same regions as reading the page again.
public struct StoredPage: Sendable, Hashable {
    /// The encoding's version: pages kept in another are not used.
    public static let format: UInt8 = 1

    /// The 1-based page number.
    public let number: Int
    /// The text record.
    public let text: [UInt8]
    /// The glyph boxes (empty when taken without them).
    public let boxes: [UInt8]

    /// A page as kept.
    public init(number: Int, text: [UInt8], boxes: [UInt8]) {
        self.number = number
        self.text = text
        self.boxes = boxes
    }

    /// The page read as `part`, with `boxes` (four floats per scalar, top-left page space, points).
    init(_ part: PagePart, boxes: [Float]) {
        var writer = ByteWriter()
        writer.byte(Self.format)
        writer.string(part.label)
        for value in [part.size.width, part.size.height, part.geometry.cropBox.minX, part.geometry.cropBox.minY, part.geometry.cropBox.maxX,
            part.geometry.cropBox.maxY]
        {
            writer.double(value)
        }
        writer.unsigned(UInt64(part.geometry.rotation))
        writer.unsigned(UInt64(part.pdfjsLength))
        writer.unsigned(UInt64(part.scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: part.scalars)
        writer.string(String(view))
        var bits = [UInt8](repeating: 0, count: (part.breaks.count + 7) / 8)
        for (k, isBreak) in part.breaks.enumerated() where isBreak { bits[k / 8] |= 1 << UInt8(k % 8) }
        writer.bytes(bits)
        self.init(number: part.number, text: writer.data, boxes: Self.encode(boxes))
    }

    /// The page as the index holds it (without boxes when none are kept
    /// here); nil when the record is damaged or of another format.
    func part() -> PagePart? {
        var reader = ByteReader(text)
        guard reader.byte() == Self.format, let label = reader.string() else { return nil }
        var values: [Double] = []
        for _ in 0..<6 {
            guard let value = reader.double() else { return nil }
            values.append(value)
        }
        guard let rotation = reader.unsigned(), let length = reader.unsigned(), let count = reader.unsigned().map(Int.init),
            let string = reader.string(), let bits = reader.bytes(), reader.isAtEnd
        else { return nil }
        let scalars = Array(string.unicodeScalars)
        guard scalars.count == count, bits.count == (count + 7) / 8 else { return nil }
        let breaks = (0..<count).map { bits[$0 / 8] & (1 << UInt8($0 % 8)) != 0 }
        var boxes: [Float] = []
        if !self.boxes.isEmpty {
            guard let decoded = Self.decode(self.boxes), decoded.count == 4 * count else { return nil }
            boxes = decoded
        }
        return PagePart(
            number: number, label: label, size: PageSize(width: values[0], height: values[1]),
            geometry: PageGeometry(cropBox: Rect(minX: values[2], minY: values[3], maxX: values[4], maxY: values[5]), rotation: Int(rotation)),
            scalars: scalars, boxes: boxes, breaks: breaks, pdfjsLength: Int(length))
    }

    /// The boxes (four floats a glyph), each coordinate's bit pattern as
    /// its difference from a guess made from the glyph before.
    static func encode(_ boxes: [Float]) -> [UInt8] {
        var writer = ByteWriter()
        writer.unsigned(UInt64(boxes.count / 4))
        var previous: (minX: Float, minY: Float, maxX: Float, maxY: Float) = (0, 0, 0, 0)
        for k in stride(from: 0, to: boxes.count - 3, by: 4) {
            let (minX, minY, maxX, maxY) = (boxes[k], boxes[k + 1], boxes[k + 2], boxes[k + 3])
            writer.difference(minX, from: previous.maxX)
            writer.difference(minY, from: previous.minY)
            writer.difference(maxX, from: minX + (previous.maxX - previous.minX))
            writer.difference(maxY, from: previous.maxY)
            previous = (minX, minY, maxX, maxY)
        }
        return writer.data
    }

    /// The boxes of ``encode(_:)``; nil when damaged.
    static func decode(_ data: [UInt8]) -> [Float]? {
        var reader = ByteReader(data)
        guard let count = reader.unsigned(), count <= UInt64(data.count) else { return nil }
        var boxes: [Float] = []
        boxes.reserveCapacity(4 * Int(count))
        var previous: (minX: Float, minY: Float, maxX: Float, maxY: Float) = (0, 0, 0, 0)
        for _ in 0..<count {
            guard let minX = reader.float(guess: previous.maxX), let minY = reader.float(guess: previous.minY),
                let maxX = reader.float(guess: minX + (previous.maxX - previous.minX)), let maxY = reader.float(guess: previous.maxY)
            else { return nil }
            boxes += [minX, minY, maxX, maxY]
            previous = (minX, minY, maxX, maxY)
        }
        return reader.isAtEnd ? boxes : nil
    }
}

/// Writes the compact encoding of ``StoredPage``.
private struct ByteWriter {
    var data: [UInt8] = []

    mutating func byte(_ value: UInt8) { data.append(value) }

    /// A variable-length unsigned integer (7 bits a byte, least significant first).
    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            data.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        data.append(UInt8(rest))
    }

    mutating func bytes(_ bytes: [UInt8]) {
        unsigned(UInt64(bytes.count))
        data += bytes
    }

    mutating func string(_ string: String) { bytes(Array(string.utf8)) }

    mutating func double(_ value: Double) { unsigned(value.bitPattern) }

    /// `value`'s bit pattern less `guess`'s, zigzag-encoded.
    mutating func difference(_ value: Float, from guess: Float) {
        let delta = Int64(Int32(bitPattern: value.bitPattern)) - Int64(Int32(bitPattern: guess.bitPattern))
        unsigned(UInt64(bitPattern: (delta << 1) ^ (delta >> 63)))
    }
}

/// Reads what ``ByteWriter`` wrote; every read is nil past the end.
private struct ByteReader {
    let data: [UInt8]
    var offset = 0

    init(_ data: [UInt8]) { self.data = data }

    var isAtEnd: Bool { offset == data.count }

    mutating func byte() -> UInt8? {
        guard offset < data.count else { return nil }
        defer { offset += 1 }
        return data[offset]
    }

    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < data.count, shift < 64 {
            let byte = data[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func bytes() -> [UInt8]? {
        guard let count = unsigned(), count <= UInt64(data.count - offset) else { return nil }
        defer { offset += Int(count) }
        return Array(data[offset..<(offset + Int(count))])
    }

    mutating func string() -> String? { bytes().map { String(decoding: $0, as: UTF8.self) } }

    mutating func double() -> Double? { unsigned().map(Double.init(bitPattern:)) }

    mutating func float(guess: Float) -> Float? {
        guard let zigzag = unsigned() else { return nil }
        let delta = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
        let bits = Int64(Int32(bitPattern: guess.bitPattern)) + delta
        guard let pattern = Int32(exactly: bits) else { return nil }
        return Float(bitPattern: UInt32(bitPattern: pattern))
    }
}
