import Foundation

/// Why a file could not be written. Nothing is left half-written.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// The kind of refusal or failure, stable for scripts (like
    /// ``PDFCore/PDFError/code``); ``reason`` says it in words.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file changed on disk after it was read (or while it was
        /// being written): refused so as not to lose that change.
        case changedOnDisk = "changed-on-disk"
        /// The note is read-only (``NoteWriter`` writes it only when told to).
        case readOnly = "read-only"
        /// The file, or a folder PDFAnchor would make, is reached through a
        /// symbolic link (possibly out of the vault).
        case outsideVault = "outside-vault"
        /// Something that is not a folder stands where PDFAnchor makes its own.
        case notAFolder = "not-a-folder"
        /// The output is a file the command reads.
        case isInput = "is-input"
        /// The output is a note or a PDF, replaced only when told to.
        case protected
        /// The copy kept of a file before it is replaced cannot be made.
        case backupFailed = "backup-failed"
        /// The file to be changed cannot be read.
        case unreadable
        /// Highlights cannot be added to the PDF.
        case highlightsFailed = "highlights-failed"
        /// Adding highlights would change the PDF's fingerprint.
        case fingerprintWouldChange = "fingerprint-would-change"
        /// The system refused (a full disk, no permission, an I/O error, …).
        case io
    }

    /// The file that could not be written.
    public var path: String
    /// Why, in words.
    public var reason: String
    /// The kind of refusal or failure, for scripts.
    public var code: Code

    /// True when the file changed on disk after it was read: the write was
    /// refused so as not to lose that change (``Code/changedOnDisk``).
    public var changedOnDisk: Bool {
        get { code == .changedOnDisk }
        set { code = newValue ? .changedOnDisk : (code == .changedOnDisk ? .io : code) }
    }

    /// An error of kind `code` about `path`, `reason` saying it in words.
    public init(path: String, reason: String, code: Code) {
        self.path = path
        self.reason = reason
        self.code = code
    }

    /// An error of code ``Code/changedOnDisk`` if `changedOnDisk`, else ``Code/io``.
    public init(path: String, reason: String, changedOnDisk: Bool = false) {
        self.init(path: path, reason: reason, code: changedOnDisk ? .changedOnDisk : .io)
    }

    public var description: String { "\(path): cannot be written: \(reason)" }
}
