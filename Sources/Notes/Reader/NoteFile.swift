import Foundation

/// Reads a note's bytes, refusing at once what is not a note: a folder, a
/// FIFO or a device (which would never end), a PDF given by mistake.
enum NoteFile {
    /// The bytes of the file at `path`.
    /// - Throws: ``NoteError`` saying what the path is and what to give instead.
    static func bytes(atPath path: String) throws(NoteError) -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR:
                throw NoteError(path: path, reason: "it is a folder, not a note; give an annotation note (.md) or a Hypothesis JSON file")
            default:
                throw NoteError(path: path, reason: "it is not a regular file (a FIFO or a device?); give an annotation note (.md)")
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NoteError(path: path, underlying: error)
        }
        // A PDF starts so (a note may well mention "%PDF-" further on).
        if data.starts(with: Data("%PDF-".utf8)) {
            throw NoteError(path: path, reason: "it is a PDF, not a note; give the annotation note (.md), and the PDF with --pdf")
        }
        return [UInt8](data)
    }
}
