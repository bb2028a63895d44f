import Foundation
internal import CPoppler

/// An open PDF file: the one owner of a `PopplerDocument`.
///
/// Not `Sendable`, deliberately: a Poppler document and its pages must be
/// used from one thread at a time. Code that works in parallel opens one
/// document per task (opening is cheap; Poppler maps the file lazily).
public final class PDFDocument {
    /// The path as given by the caller.
    public let path: String
    /// The absolute, symlink-free path that was opened.
    public let resolvedPath: String
    /// The number of pages (at least 1).
    public let pageCount: Int
    let handle: OpaquePointer
    /// The password the document was opened with, for ``contentOrder``.
    private let password: String?
    /// The same file opened in Poppler's core API, for text in content
    /// order; opened on first use, nil when that failed.
    private var core: CoreDocument??

    /// Opens the PDF at `path` (relative paths are resolved against the
    /// current folder).
    ///
    /// - Parameters:
    ///   - path: the file to open.
    ///   - password: the user or owner password of an encrypted PDF.
    /// - Throws: a ``PDFError`` naming the file: not found, unreadable,
    ///   empty, not a PDF, damaged, no pages, password required, or wrong
    ///   password. The corresponding C function is
    ///   `poppler_document_new_from_file`.
    public convenience init(path: String, password: String? = nil) throws(PDFError) {
        try self.init(path: path, resolved: try Self.checkedPath(path), password: password)
    }

    /// Opens a PDF already looked at (see ``PDFFile``): the file is not
    /// checked again.
    /// - Throws: as ``init(path:password:)``.
    public convenience init(file: PDFFile, password: String? = nil) throws(PDFError) {
        try self.init(path: file.path, resolved: file.resolvedPath, password: password)
    }

    private init(path: String, resolved: String, password: String?) throws(PDFError) {
        self.path = path
        self.password = password
        PopplerSetup.done
        resolvedPath = resolved

        var error: UnsafeMutablePointer<GError>?
        guard let uri = takeGString(g_filename_to_uri(resolved, nil, &error)) else {
            let message = takeGError(error)?.message ?? "cannot make a file URI"
            throw .unreadable(path: path, reason: message)
        }
        guard let document = poppler_document_new_from_file(uri, password, &error) else {
            let failure = takeGError(error)
            if failure?.domain == pdfanchor_poppler_error_quark(),
                failure?.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
            {
                throw password == nil ? .passwordRequired(path: path) : .wrongPassword(path: path)
            }
            if failure?.domain == pdfanchor_file_error_quark() {
                throw .unreadable(path: path, reason: failure?.message ?? "I/O error")
            }
            throw .damaged(path: path, reason: failure?.message ?? "Poppler could not read it")
        }
        handle = document
        pageCount = Int(poppler_document_get_n_pages(document))
        if pageCount < 1 {
            g_object_unref(UnsafeMutableRawPointer(document))
            throw .noPages(path: path)
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The page at a 1-based `number`.
    /// - Throws: ``PDFError/pageOutOfRange(path:page:pageCount:)`` outside
    ///   `1...pageCount`, ``PDFError/damaged(path:reason:)`` when Poppler
    ///   cannot load it. The corresponding C function is
    ///   `poppler_document_get_page`.
    public func page(_ number: Int) throws(PDFError) -> PDFPage {
        guard number >= 1, number <= pageCount else {
            throw .pageOutOfRange(path: path, page: number, pageCount: pageCount)
        }
        guard let page = poppler_document_get_page(handle, Int32(number - 1)) else {
            throw .damaged(path: path, reason: "page \(number) cannot be loaded")
        }
        return PDFPage(document: self, handle: page, number: number)
    }

    /// The document in Poppler's core API (see ``CoreDocument``), opened on
    /// first use; nil when it cannot be opened there (callers then fall back
    /// to poppler-glib's reading order).
    var contentOrder: CoreDocument? {
        if let core { return core }
        let opened = try? CoreDocument(resolvedPath: resolvedPath, path: path, password: password)
        core = .some(opened)
        return opened
    }

    /// Where each named annotation (`/NM`) is: its 1-based page and the id
    /// PDF.js gives it (`12R` for object 12, `12R3` for generation 3), by
    /// name — what PDF++ links to (`#page=N&annotation=12R`). Empty when
    /// the document cannot be read with Poppler's core API.
    public func annotationIDs() -> [String: (page: Int, pdfjsID: String)] {
        guard let core = contentOrder else { return [:] }
        var found: [String: (page: Int, pdfjsID: String)] = [:]
        for number in 1...pageCount {
            for annotation in core.namedAnnotations(page: number) where found[annotation.name] == nil {
                let id = "\(annotation.number)R" + (annotation.generation == 0 ? "" : String(annotation.generation))
                found[annotation.name] = (number, id)
            }
        }
        return found
    }

    /// The document title from its metadata, if any. The corresponding C
    /// function is `poppler_document_get_title`.
    public var title: String? {
        takeGString(poppler_document_get_title(handle)).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Checks the file before Poppler sees it (see ``PDFFile``) and returns
    /// its canonical path.
    static func checkedPath(_ path: String) throws(PDFError) -> String {
        try PDFFile.opened(path).resolved
    }

    /// The version of the Poppler library PDFAnchor runs with ("22.12.0"):
    /// what it reads of a page may differ from another version's.
    public static let popplerVersion: String = poppler_get_version().map { String(cString: $0) } ?? "unknown"
}
