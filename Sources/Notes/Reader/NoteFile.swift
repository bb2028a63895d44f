import Foundation

/// Reads a note's bytes, refusing at once what is not a note: a folder, a
/// FIFO or a device (which would never end), a PDF given by mistake, a file
/// larger than any note (``maximumBytes``).
public enum NoteFile {
    /// The largest note PDFAnchor reads: 16 MiB, about 14,000 annotations
    /// (the largest real notes are a few hundred KiB). A larger file is
    /// refused before it is read, so that no command's memory grows with a
    /// file that is not a real note: checking a note costs about 15 times
    /// its size at most (the results of every annotation), relinking 11.
    public static let maximumBytes = 16 << 20

    /// Whether the file at `path` is no larger than ``maximumBytes`` (or
    /// cannot be measured: reading it will say why).
    public static func fits(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 || Int(info.st_size) <= maximumBytes
    }

    /// The bytes of the file at `path`.
    /// - Throws: ``NoteError`` saying what the path is and what to give instead.
    static func bytes(atPath path: String) throws(NoteError) -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR:
                throw NoteError(path: path, code: .folder, reason: "it is a folder, not a note; give an annotation note (.md) or a Hypothesis JSON file")
            default:
                throw NoteError(path: path, code: .notAFile, reason: "it is not a regular file (a FIFO or a device?); give an annotation note (.md)")
            }
            if Int(info.st_size) > maximumBytes { throw tooLarge(path, size: Int(info.st_size)) }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NoteError(path: path, underlying: error)
        }
        // It grew after it was measured.
        if data.count > maximumBytes { throw tooLarge(path, size: data.count) }
        // A PDF starts so (a note may well mention "%PDF-" further on).
        if data.starts(with: Data("%PDF-".utf8)) {
            throw NoteError(path: path, code: .isAPDF, reason: "it is a PDF, not a note; give the annotation note (.md), and the PDF with --pdf")
        }
        return [UInt8](data)
    }

    private static func tooLarge(_ path: String, size: Int) -> NoteError {
        NoteError(path: path, code: .tooLarge, reason: tooLargeReason(size: size))
    }

    /// Why a note of `size` bytes is not read.
    public static func tooLargeReason(size: Int) -> String {
        let mib = (Double(size) / 1_048_576 * 10).rounded(.down) / 10
        return "it is \(mib) MiB (\(size) bytes), more than the \(maximumBytes >> 20) MiB a note may have; it is not read — split it into several notes"
    }
}
