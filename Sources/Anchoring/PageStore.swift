/// Where the pages of one PDF read in earlier runs are kept (a vault's
/// cache, see `PageTextCache` in Library), so that a PDF's text is read by
/// Poppler once: ``PageReader`` takes from it every page it holds and gives
/// it every page it reads.
///
/// A store belongs to one PDF file as it is (its identity and checksum): it
/// never holds pages of another file or of an earlier state of this one.
/// Implementations are shared by parallel tasks, and may forget anything
/// at any time (least recently used first).
public protocol PageStore: Sendable {
    /// What is kept of the document as a whole, if anything.
    func document() -> StoredDocument?
    /// The pages of `numbers` (1-based) that are kept; with their glyph
    /// boxes when `boxes` is true (a page kept without them is then left
    /// out), else without.
    func pages(_ numbers: [Int], boxes: Bool) -> [StoredPage]
    /// Keeps `pages` and, when given, what is known of the document as a
    /// whole — at once (one write); and counts the document as used now.
    func keep(_ pages: [StoredPage], document: StoredDocument?)
}

/// What a ``PageStore`` keeps of a document as a whole: enough to anchor
/// without opening it when its pages are kept.
public struct StoredDocument: Sendable, Hashable, Codable {
    /// The number of pages.
    public var pageCount: Int
    /// The title from its metadata, if any.
    public var title: String?
    /// How many bytes of text each page's content stream shows (what a
    /// first reading counts to estimate where pages start, see
    /// ``PositionModel``): kept so that a later run starts from the same
    /// estimate — the same pages read, the same results — without opening
    /// the PDF.
    public var textBytes: [Int]?

    /// A document of `pageCount` pages.
    public init(pageCount: Int, title: String?, textBytes: [Int]?) {
        self.pageCount = pageCount
        self.title = title
        self.textBytes = textBytes
    }
}
