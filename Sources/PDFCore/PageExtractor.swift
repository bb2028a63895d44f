import Foundation
import Synchronization

/// Extracts the text of many pages in parallel, one ``PDFDocument`` per
/// worker (Poppler documents are not shared across threads).
///
/// Each worker opens its own copy of the document and pulls the next page
/// number from a shared counter, so slow pages do not hold the others up.
/// Results are transformed inside the worker, so a caller that needs only a
/// digest of each page never holds all glyph boxes at once.
public struct PageExtractor: Sendable {
    /// The PDF to read.
    public let path: String
    /// Its password, if encrypted.
    public let password: String?

    public init(path: String, password: String? = nil) {
        self.path = path
        self.password = password
    }

    /// The number of workers to use by default: one per core.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// For every page, how many bytes of text its content stream shows —
    /// the bytes of its string operands, read without drawing anything: a
    /// cheap measure of how much text a page has (a page that draws its
    /// text in a Form XObject counts less), -1 where unknown. In parallel,
    /// like ``extract(pages:workers:transform:)``.
    public func textBytes(workers: Int = PageExtractor.defaultWorkers) async throws(PDFError) -> [Int] {
        try await map(pages: nil, workers: workers) { document, number in
            document.contentOrder?.textBytes(page: number) ?? -1
        }
    }

    /// Reads `pages` (1-based; all pages when nil) and returns
    /// `transform(page)` for each, ordered by page number.
    ///
    /// - Parameters:
    ///   - pages: the page numbers to read, or nil for all.
    ///   - workers: how many documents to open and read in parallel.
    ///   - transform: runs on the worker for each page.
    /// - Throws: the ``PDFError`` of opening the document or a page.
    public func extract<Result: Sendable>(
        pages: [Int]? = nil, workers: Int = PageExtractor.defaultWorkers,
        transform: @escaping @Sendable (PDFPage, PageText) -> Result
    ) async throws(PDFError) -> [Result] {
        try await map(pages: pages, workers: workers) { page in transform(page, page.text()) }
    }

    /// `transform(page)` for each of `pages` (1-based; all pages when nil),
    /// ordered by page number, the pages opened on parallel workers as in
    /// ``extract(pages:workers:transform:)``.
    public func map<Result: Sendable>(
        pages: [Int]? = nil, workers: Int = PageExtractor.defaultWorkers, transform: @escaping @Sendable (PDFPage) -> Result
    ) async throws(PDFError) -> [Result] {
        try await map(pages: pages, workers: workers) { document, number throws(PDFError) in
            transform(try document.page(number))
        }
    }

    /// `body(document, page number)` for each of `pages` (all when nil), on
    /// workers that each open their own document, ordered by page number.
    private func map<Result: Sendable>(
        pages: [Int]?, workers: Int, _ body: @escaping @Sendable (PDFDocument, Int) throws(PDFError) -> Result
    ) async throws(PDFError) -> [Result] {
        let first = try PDFDocument(path: path, password: password)
        let numbers = pages ?? Array(1...first.pageCount)
        guard !numbers.isEmpty else { return [] }
        let workerCount = max(1, min(workers, numbers.count))
        let queue = WorkQueue(count: numbers.count)
        let path = self.path
        let password = self.password

        // Each worker returns (index, result) pairs or the first error.
        @Sendable func work() -> Swift.Result<[(Int, Result)], PDFError> {
            let document: PDFDocument
            do {
                document = try PDFDocument(path: path, password: password)
            } catch {
                return .failure(error)
            }
            var results: [(Int, Result)] = []
            while true {
                guard let index = queue.take() else { break }
                do {
                    results.append((index, try body(document, numbers[index])))
                } catch {
                    return .failure(error)
                }
            }
            return .success(results)
        }

        let outcomes = await withTaskGroup(of: Swift.Result<[(Int, Result)], PDFError>.self) { group in
            for _ in 0..<workerCount {
                group.addTask { work() }
            }
            var all: [Swift.Result<[(Int, Result)], PDFError>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        var ordered = [Result?](repeating: nil, count: numbers.count)
        for outcome in outcomes {
            switch outcome {
            case .success(let pairs):
                for (index, result) in pairs { ordered[index] = result }
            case .failure(let error):
                throw error
            }
        }
        return ordered.map { $0! }
    }
}

/// Hands out the indices `0..<count` once each, to any thread.
private final class WorkQueue: Sendable {
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
