/// One page read for its text: what anchoring needs of it.
public struct ReadPage: Sendable {
    /// The 1-based page number.
    public var number: Int
    /// The printed page label (`/PageLabels`), or the number as text.
    public var label: String
    /// The page size as displayed (crop box, rotation applied), points.
    public var size: PageSize
    /// How the page's top-left space maps to PDF user space.
    public var geometry: PageGeometry
    /// Its text in content-stream order, one box per Unicode scalar.
    public var text: PageText
}

/// Reads pages' text in content-stream order from a PDF kept open: the
/// page tree, which Poppler loads on the first page asked for (a large part
/// of the cost of a few pages of a long document), is loaded once.
///
/// Uses Poppler's core API only (see ``CoreDocument``), not poppler-glib.
/// Not `Sendable`: one reader per thread at a time (``PageTextPool`` hands
/// readers to parallel tasks).
public final class PageTextReader {
    /// The path as given.
    public let path: String
    /// The number of pages (at least 1).
    public let pageCount: Int
    private let core: CoreDocument

    /// Opens the PDF at `path`.
    /// - Throws: a ``PDFError`` naming the file: not found, unreadable, empty,
    ///   not a PDF, damaged, no pages, password required or wrong.
    public convenience init(path: String, password: String? = nil) throws(PDFError) {
        try self.init(path: path, resolved: try PDFDocument.checkedPath(path), password: password)
    }

    /// Opens the PDF at `resolved` (an absolute, symlink-free path already
    /// checked to be a PDF; see ``PDFFile``); errors name `path`.
    init(path: String, resolved: String, password: String?) throws(PDFError) {
        self.path = path
        core = try CoreDocument(resolvedPath: resolved, path: path, password: password)
        guard core.pageCount >= 1 else { throw .noPages(path: path) }
        pageCount = core.pageCount
    }

    /// The page at 1-based `number`: its text in content order, label, size
    /// and geometry.
    /// - Throws: ``PDFError/pageOutOfRange(path:page:pageCount:)``, or
    ///   ``PDFError/damaged(path:reason:)`` when Poppler cannot read it.
    public func page(_ number: Int) throws(PDFError) -> ReadPage {
        guard number >= 1, number <= pageCount else { throw .pageOutOfRange(path: path, page: number, pageCount: pageCount) }
        guard let info = core.pageInfo(page: number), let words = core.words(page: number) else {
            throw .damaged(path: path, reason: "page \(number) cannot be read")
        }
        let geometry = PageGeometry(cropBox: info.cropBox, rotation: info.rotation)
        let size = geometry.displayedSize
        return ReadPage(
            number: number, label: info.label ?? String(number), size: size, geometry: geometry,
            text: PageText(pageNumber: number, contentWords: words, pageSize: size))
    }

    /// The document's title from its metadata, if any.
    public var title: String? { core.title }

    /// The annotations the document's pages hold, read through this
    /// reader's own open document (no other opening of the file): see
    /// ``PDFDocument/annotations(pages:limit:)``.
    public func annotations(pages: ClosedRange<Int>? = nil, limit: Int = PDFAnnotationList.limit) -> PDFAnnotationList {
        core.annotations(pages: pages, limit: limit)
    }

    /// How many bytes of text the page's content stream shows (see
    /// ``PageExtractor/textBytes(workers:)``), -1 when unknown.
    public func textBytes(page number: Int) -> Int {
        core.textBytes(page: number)
    }
}
