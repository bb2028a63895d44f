import Foundation

/// A PDF file looked at once, before Poppler opens it: its canonical path,
/// that it is a PDF, and its PDF.js fingerprints, all through one file
/// descriptor. The readers opened from it (``PageTextPool/init(file:password:workers:)``,
/// ``PDFDocument/init(file:password:)``) do not look at the file again, so
/// a command that needs the fingerprint, the text and the pictures of a PDF
/// opens it three times in all (once more per extra reader of the pool).
public struct PDFFile: Sendable {
    /// The path as given by the caller (errors name it).
    public let path: String
    /// The absolute, symlink-free path that was looked at.
    public let resolvedPath: String
    /// Its fingerprints, as PDF.js computes them.
    public let fingerprint: PDFFingerprint

    /// Looks at the PDF at `path` (relative paths are resolved against the
    /// current folder).
    /// - Throws: ``PDFError/notFound(path:)``, ``PDFError/unreadable(path:reason:)``,
    ///   ``PDFError/empty(path:)`` or ``PDFError/notAPDF(path:)``.
    public init(path: String) throws(PDFError) {
        let (resolved, reader) = try Self.opened(path)
        self.path = path
        resolvedPath = resolved
        fingerprint = try PDFFingerprint.compute(reader: reader, path: path)
    }

    /// The canonical path of `path`, opened and checked to be a PDF, so that
    /// the common failures get precise errors before Poppler sees the file.
    static func opened(_ path: String) throws(PDFError) -> (resolved: String, reader: ByteReader) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard let canonical = realpath(absolute, nil) else {
            throw PDFError(opening: path, code: errno, message: String(cString: strerror(errno)))
        }
        defer { free(canonical) }
        let resolved = String(cString: canonical)
        let reader: ByteReader
        do {
            reader = try ByteReader(path: resolved)
        } catch {
            throw PDFError(opening: path, code: error.code, message: error.message)
        }
        if reader.count == 0 { throw .empty(path: path) }
        let head = reader.bytes(0..<1024)
        if head.count < 1024, reader.count > head.count {
            throw .unreadable(path: path, reason: "read error")
        }
        guard TrailerReader.find(Array("%PDF-".utf8), in: head) != nil else {
            throw .notAPDF(path: path)
        }
        return (resolved, reader)
    }
}
