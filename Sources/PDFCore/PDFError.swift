public import Foundation

/// Why a PDF could not be used. Every case names the file.
public enum PDFError: Error, Equatable, Sendable {
    /// No file at the path.
    case notFound(path: String)
    /// The file exists but cannot be read (permissions, a folder, I/O error).
    case unreadable(path: String, reason: String)
    /// The file has zero bytes.
    case empty(path: String)
    /// The file does not start with a PDF header (`%PDF-` in its first KiB).
    case notAPDF(path: String)
    /// The file is a PDF but is too damaged to open.
    case damaged(path: String, reason: String)
    /// The file opened but has no pages.
    case noPages(path: String)
    /// The file is encrypted and needs a password to open.
    case passwordRequired(path: String)
    /// The file is encrypted and the given password is wrong.
    case wrongPassword(path: String)
    /// A page number outside `1...pageCount` (1-based).
    case pageOutOfRange(path: String, page: Int, pageCount: Int)
    /// Rendering a page region failed (cairo error, or the image would be too large).
    case renderFailed(path: String, page: Int, reason: String)
    /// A copy of the PDF (with annotations) could not be made.
    case writeFailed(path: String, reason: String)
    /// The process reading the PDF crashed, ran out of time or of memory.
    case readerFailed(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .notFound(let path), .unreadable(let path, _), .empty(let path), .notAPDF(let path),
            .damaged(let path, _), .noPages(let path), .passwordRequired(let path),
            .wrongPassword(let path), .pageOutOfRange(let path, _, _), .renderFailed(let path, _, _),
            .writeFailed(let path, _), .readerFailed(let path, _):
            return path
        }
    }

    /// A short machine-readable name for the kind of error (`not-found`,
    /// `encrypted`, …), stable for scripts.
    public var code: String {
        switch self {
        case .notFound: return "not-found"
        case .unreadable: return "unreadable"
        case .empty: return "empty"
        case .notAPDF: return "not-a-pdf"
        case .damaged: return "damaged"
        case .noPages: return "no-pages"
        case .passwordRequired: return "password-required"
        case .wrongPassword: return "wrong-password"
        case .pageOutOfRange: return "page-out-of-range"
        case .renderFailed: return "render-failed"
        case .writeFailed: return "write-failed"
        case .readerFailed: return "reader-failed"
        }
    }

    /// The text carried by `unreadable`, `damaged`, `renderFailed`, `writeFailed` and `readerFailed`; nil
    /// for the other cases.
    public var detail: String? {
        switch self {
        case .unreadable(_, let reason), .damaged(_, let reason), .renderFailed(_, _, let reason), .writeFailed(_, let reason),
            .readerFailed(_, let reason):
            return reason
        default: return nil
        }
    }

    /// Rebuilds an error from its ``code`` and ``detail``, as a cache stores
    /// it. A code this version does not know, or `page-out-of-range` and
    /// `render-failed` (which carry more), become `damaged` with the detail.
    public init(code: String, path: String, detail: String?) {
        switch code {
        case "not-found": self = .notFound(path: path)
        case "unreadable": self = .unreadable(path: path, reason: detail ?? "unknown error")
        case "empty": self = .empty(path: path)
        case "not-a-pdf": self = .notAPDF(path: path)
        case "no-pages": self = .noPages(path: path)
        case "password-required": self = .passwordRequired(path: path)
        case "wrong-password": self = .wrongPassword(path: path)
        case "write-failed": self = .writeFailed(path: path, reason: detail ?? "unknown error")
        case "reader-failed": self = .readerFailed(path: path, reason: detail ?? "unknown error")
        default: self = .damaged(path: path, reason: detail ?? code)
        }
    }

    /// The same error said of the file at `path` (an error met on a working
    /// copy, said of the user's file).
    func naming(_ path: String) -> PDFError {
        switch self {
        case .notFound: return .notFound(path: path)
        case .unreadable(_, let reason): return .unreadable(path: path, reason: reason)
        case .empty: return .empty(path: path)
        case .notAPDF: return .notAPDF(path: path)
        case .damaged(_, let reason): return .damaged(path: path, reason: reason)
        case .noPages: return .noPages(path: path)
        case .passwordRequired: return .passwordRequired(path: path)
        case .wrongPassword: return .wrongPassword(path: path)
        case .pageOutOfRange(_, let page, let count): return .pageOutOfRange(path: path, page: page, pageCount: count)
        case .renderFailed(_, let page, let reason): return .renderFailed(path: path, page: page, reason: reason)
        case .writeFailed(_, let reason): return .writeFailed(path: path, reason: reason)
        case .readerFailed(_, let reason): return .readerFailed(path: path, reason: reason)
        }
    }

    /// Maps an `errno` from opening a file to the matching case.
    init(opening path: String, code: Int32, message: String) {
        switch code {
        case ENOENT, ENOTDIR: self = .notFound(path: path)
        case EISDIR: self = .unreadable(path: path, reason: message)
        default: self = .unreadable(path: path, reason: message)
        }
    }
}

extension PDFError: CustomStringConvertible, LocalizedError {
    public var description: String { "\(path): \(reason)" }

    public var errorDescription: String? { description }

    /// What is wrong, without the file's path (for lists that show it already).
    public var reason: String {
        switch self {
        case .notFound: return "no such file"
        case .unreadable(_, let reason): return "cannot be read: \(reason)"
        case .empty: return "the file is empty (0 bytes)"
        case .notAPDF: return "not a PDF (no %PDF- header in its first 1024 bytes)"
        case .damaged(_, let reason): return "the PDF is damaged and cannot be opened: \(reason)"
        case .noPages: return "the PDF has no pages"
        case .passwordRequired: return "the PDF is encrypted; give its password with --password"
        case .wrongPassword: return "the PDF is encrypted and the password given is wrong"
        case .pageOutOfRange(_, let page, let pageCount): return "there is no page \(page); the PDF has \(pageCount) page\(pageCount == 1 ? "" : "s")"
        case .renderFailed(_, let page, let reason): return "page \(page) could not be rendered: \(reason)"
        case .writeFailed(_, let reason): return "a copy with annotations cannot be made: \(reason)"
        case .readerFailed(_, let reason): return reason
        }
    }
}
