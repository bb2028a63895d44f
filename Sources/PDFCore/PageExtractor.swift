import Foundation
import Synchronization

/// Extracts the text of many pages in parallel, in content-stream order,
/// one Poppler document per worker (Poppler documents are not shared across
/// threads): a ``PageTextPool`` for one call.
///
/// Each worker pulls the next page number from a shared counter, so slow
/// pages do not hold the others up. Results are transformed inside the
/// worker, so a caller that needs only a digest of each page never holds
/// all glyph boxes at once.
public struct PageExtractor: Sendable {
    /// The PDF to read.
    public let path: String
    /// Its password, if encrypted.
    public let password: String?

    /// An extractor of the PDF at `path` (with `password` if it is encrypted).
    public init(path: String, password: String? = nil) {
        self.path = path
        self.password = password
    }

    /// The number of workers to use by default: one per core.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// For every page, how many bytes of text its content stream shows —
    /// the bytes of its string operands and the word gaps of its TJ arrays,
    /// read without drawing anything: a cheap measure of how much text a
    /// page has (a page that draws its text in a Form XObject counts less),
    /// -1 where unknown.
    public func textBytes(workers: Int = PageExtractor.defaultWorkers) async throws(PDFError) -> [Int] {
        try await PageTextPool(path: path, password: password, workers: workers).textBytes()
    }

    /// Reads `pages` (1-based; all pages when nil) and returns
    /// `transform(page)` for each, in the order of `pages`.
    ///
    /// - Parameters:
    ///   - pages: the page numbers to read, or nil for all.
    ///   - workers: how many documents to open and read in parallel.
    ///   - transform: runs on the worker for each page.
    /// - Throws: the ``PDFError`` of opening the document or a page.
    public func extract<Result: Sendable>(
        pages: [Int]? = nil, workers: Int = PageExtractor.defaultWorkers, transform: @escaping @Sendable (ReadPage) -> Result
    ) async throws(PDFError) -> [Result] {
        try await PageTextPool(path: path, password: password, workers: workers).read(pages, transform: transform)
    }
}

/// Hands out the indices `0..<count` once each, to any thread.
final class WorkQueue: Sendable {
    private let next = Mutex(0)
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next index, or nil when all are taken.
    func take() -> Int? {
        next.withLock { value -> Int? in
            guard value < count else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
