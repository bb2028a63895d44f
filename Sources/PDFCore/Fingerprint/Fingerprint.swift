internal import CPoppler

/// The PDF.js fingerprints of a file: what Hypothesis and obsidian-annotator
/// store as `documentFingerprint` and in `urn:x-pdf:` links.
///
/// Computed from the file's bytes as PDF.js does (docs/formats.md, "The PDF fingerprint"), not with
/// Poppler, whose `poppler_document_get_id` handles 16-byte IDs only and has
/// no fallback. Values are lowercase hexadecimal.
public struct PDFFingerprint: Sendable, Hashable, Codable {
    /// Where ``primary`` came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The first element of the trailer's `/ID` array.
        case trailerID
        /// MD5 of the file's first 1024 bytes (no usable `/ID`).
        case md5
    }

    /// `fingerprints[0]` as PDF.js 2.x–4.7 computes it: hex of `/ID[0]`
    /// (any length), or the MD5 fallback.
    public var primary: String
    /// `fingerprints[0]` as PDF.js ≥ 4.8 computes it, when that differs from
    /// ``primary`` (those versions accept only a 16-byte `/ID[0]`).
    public var modern: String?
    /// `fingerprints[1]`: hex of `/ID[1]` when it is usable and differs from
    /// `/ID[0]` (it changes when a file is updated incrementally).
    public var modified: String?
    /// How ``primary`` was derived.
    public var source: Source

    /// Every value a note may hold for this file: ``primary`` then ``modern``.
    public var documentFingerprints: [String] {
        [primary] + (modern.map { [$0] } ?? [])
    }

    /// Whether `value` (as found in a note, any case) identifies this file.
    public func matches(_ value: String) -> Bool {
        documentFingerprints.contains(value.lowercased())
    }

    /// Fingerprints known already (as a cache stores them).
    public init(primary: String, modern: String? = nil, modified: String? = nil, source: Source) {
        self.primary = primary
        self.modern = modern
        self.modified = modified
        self.source = source
    }

    /// Computes the fingerprints of the PDF at `path`, reading only its
    /// head, its tail and its newest cross-reference section (the whole file
    /// only when it is damaged and must be scanned, as PDF.js does).
    ///
    /// - Throws: ``PDFError/notFound(path:)``, ``PDFError/unreadable(path:reason:)``,
    ///   ``PDFError/empty(path:)`` or ``PDFError/notAPDF(path:)``.
    public static func compute(path: String) throws(PDFError) -> PDFFingerprint {
        let reader: ByteReader
        do {
            reader = try ByteReader(path: path)
        } catch {
            throw PDFError(opening: path, code: error.code, message: error.message)
        }
        return try compute(reader: reader, path: path)
    }

    /// Computes the fingerprints of a PDF held in memory (see
    /// ``compute(path:)``); `path` only names it in errors.
    ///
    /// - Throws: ``PDFError/empty(path:)`` or ``PDFError/notAPDF(path:)``.
    public static func compute(bytes: [UInt8], path: String) throws(PDFError) -> PDFFingerprint {
        try compute(reader: ByteReader(bytes: bytes), path: path)
    }

    /// Computes the fingerprints from an open reader (see ``compute(path:)``).
    static func compute(reader: ByteReader, path: String) throws(PDFError) -> PDFFingerprint {
        if reader.count == 0 { throw .empty(path: path) }
        let head = reader.bytes(0..<1024)
        guard TrailerReader.find(Array("%PDF-".utf8), in: head) != nil else {
            throw .notAPDF(path: path)
        }
        let trailer = TrailerReader(reader: reader).trailer()?.dictionary
        return fingerprint(trailer: trailer, head: head)
    }

    /// Applies PDF.js's rules to a trailer dictionary and the file's first
    /// (up to) 1024 bytes.
    static func fingerprint(trailer: [String: PDFObject]?, head: [UInt8]) -> PDFFingerprint {
        let md5Value = md5Hex(zeroPadded(head, to: 1024))
        guard case .array(let ids)? = trailer?["ID"], let first = ids.first,
            case .string(let id0) = first, isUsable(id0)
        else {
            return PDFFingerprint(primary: md5Value, source: .md5)
        }
        var modified: String?
        if ids.count > 1, case .string(let id1) = ids[1], id1 != id0, isUsable(id1) {
            modified = hex(id1)
        }
        return PDFFingerprint(
            primary: hex(id0),
            modern: id0.count == 16 ? nil : md5Value,
            modified: modified,
            source: .trailerID
        )
    }

    /// PDF.js's test: a non-empty string that is not sixteen 0x00 bytes.
    private static func isUsable(_ id: [UInt8]) -> Bool {
        !id.isEmpty && !(id.count == 16 && id.allSatisfy { $0 == 0 })
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func zeroPadded(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        bytes.count >= length ? Array(bytes.prefix(length)) : bytes + [UInt8](repeating: 0, count: length - bytes.count)
    }

    /// MD5 as lowercase hex. The corresponding C function is
    /// `g_compute_checksum_for_data`.
    static func md5Hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            guard let digest = g_compute_checksum_for_data(G_CHECKSUM_MD5, buffer.baseAddress, gsize(buffer.count)) else {
                return ""
            }
            defer { g_free(digest) }
            return String(cString: digest)
        }
    }
}
