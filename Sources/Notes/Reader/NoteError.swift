public import Foundation

/// A note file that could not be read at all.
public struct NoteError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// The kind of refusal or failure, stable for scripts (like
    /// `PDFError.code`); ``reason`` says it in words.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The path is a folder.
        case folder
        /// The path is neither a regular file nor a folder: a FIFO, a
        /// socket or a device (reading it might never end).
        case notAFile = "not-a-file"
        /// The file is larger than any note (``NoteFile/maximumBytes``).
        case tooLarge = "too-large"
        /// Nothing is at the path (or a part of it is not a folder).
        case notFound = "not-found"
        /// The file is there but cannot be read (no permission, an I/O error, …).
        case unreadable
        /// The file is a PDF (it starts with `%PDF-`), given where a note is wanted.
        case isAPDF = "is-a-pdf"
        /// The file is Hypothesis JSON, given to a command that edits
        /// Markdown notes only.
        case isJSON = "is-json"
    }

    /// The note's path.
    public var path: String
    /// The kind of error, for scripts; ``reason`` says it in words.
    public var code: Code
    /// Why, in words.
    public var reason: String

    /// The error of reading the file at `path` (Foundation's error `underlying`):
    /// ``Code/notFound`` when there is no such file, ``Code/unreadable`` otherwise.
    init(path: String, underlying: any Error) {
        self.path = path
        let nsError = underlying as NSError
        if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(posix.code)))
        } else if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            reason = "no such file"
        } else if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError {
            reason = "permission denied"
        } else {
            reason = nsError.localizedDescription
        }
        // The system's error number, also where it is a Swift `POSIXError`
        // (as on Linux, where the reason then comes from Foundation's own code).
        let number = (nsError.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
            .flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        let missing = (nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError) || number == ENOENT || number == ENOTDIR
        code = missing ? .notFound : .unreadable
    }

    /// An error of kind `code` about the note at `path`, `reason` saying it in words.
    public init(path: String, code: Code, reason: String) {
        self.path = path
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(path): cannot be read: \(reason)" }
    public var errorDescription: String? { description }
}
