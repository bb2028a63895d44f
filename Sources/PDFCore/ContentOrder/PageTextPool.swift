import Synchronization

/// Page readers of one PDF for parallel tasks, kept open between calls:
/// each task takes a ``PageTextReader`` that no other task holds, and gives
/// it back when done, so a document is never used by two threads at once
/// and its page tree is loaded once per reader, however many calls read
/// pages from it (``PageReader`` reads a few pages at a time, in rounds).
public final class PageTextPool: Sendable {
    /// The PDF's path.
    public let path: String
    /// Its password, if it is encrypted.
    public let password: String?
    /// At most this many readers (and so tasks) at once.
    public let workers: Int
    /// The number of pages.
    public let pageCount: Int
    /// The document's title from its metadata, if any.
    public let title: String?
    private let idle: Mutex<[Slot]>

    /// A reader handed from task to task. It is `@unchecked Sendable`
    /// because the pool's free list gives it to one task at a time.
    private final class Slot: @unchecked Sendable {
        let reader: PageTextReader
        init(_ reader: PageTextReader) { self.reader = reader }
    }

    /// The absolute, symlink-free path the readers open (checked once).
    private let resolvedPath: String

    /// Each task reads at least about this many pages: a read of fewer pages
    /// takes fewer readers (and so opens the document fewer times).
    public static let pagesPerReader = 4

    /// Opens the PDF once (for its page count; that reader is kept).
    /// - Throws: the ``PDFError`` of opening it.
    public convenience init(path: String, password: String? = nil, workers: Int = PageExtractor.defaultWorkers) throws(PDFError) {
        try self.init(path: path, resolved: try PDFDocument.checkedPath(path), password: password, workers: workers)
    }

    /// Opens a PDF already looked at (see ``PDFFile``): the file is not
    /// checked again.
    /// - Throws: the ``PDFError`` of opening it.
    public convenience init(file: PDFFile, password: String? = nil, workers: Int = PageExtractor.defaultWorkers) throws(PDFError) {
        try self.init(path: file.path, resolved: file.resolvedPath, password: password, workers: workers)
    }

    private init(path: String, resolved: String, password: String?, workers: Int) throws(PDFError) {
        let first = try PageTextReader(path: path, resolved: resolved, password: password)
        self.path = path
        resolvedPath = resolved
        self.password = password
        self.workers = max(1, workers)
        pageCount = first.pageCount
        title = first.title
        idle = Mutex([Slot(first)])
    }

    /// `body(reader, page number)` for each of `pages`, on up to ``workers``
    /// parallel tasks, in the order of `pages`.
    /// - Throws: the first ``PDFError`` of opening a reader or of `body`.
    public func map<Result: Sendable>(
        _ pages: [Int], _ body: @escaping @Sendable (PageTextReader, Int) throws(PDFError) -> Result
    ) async throws(PDFError) -> [Result] {
        guard !pages.isEmpty else { return [] }
        let queue = WorkQueue(count: pages.count)
        let taskCount = min(workers, (pages.count + Self.pagesPerReader - 1) / Self.pagesPerReader)
        let outcomes = await withTaskGroup(of: Swift.Result<[(Int, Result)], PDFError>.self) { group in
            for _ in 0..<taskCount {
                group.addTask {
                    let slot: Slot
                    do throws(PDFError) {
                        slot = try self.take()
                    } catch {
                        return .failure(error)
                    }
                    defer { self.give(slot) }
                    var results: [(Int, Result)] = []
                    while true {
                        guard let index = queue.take() else { break }
                        do throws(PDFError) {
                            results.append((index, try body(slot.reader, pages[index])))
                        } catch {
                            return .failure(error)
                        }
                    }
                    return .success(results)
                }
            }
            var all: [Swift.Result<[(Int, Result)], PDFError>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        var ordered = [Result?](repeating: nil, count: pages.count)
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

    /// Reads `pages` (1-based; all pages when nil) and returns
    /// `transform(page)` for each, in the order of `pages`.
    public func read<Result: Sendable>(
        _ pages: [Int]? = nil, transform: @escaping @Sendable (ReadPage) -> Result
    ) async throws(PDFError) -> [Result] {
        try await map(pages ?? Array(1...pageCount)) { reader, number throws(PDFError) in transform(try reader.page(number)) }
    }

    /// For every page, how many bytes of text its content stream shows
    /// (see ``PageExtractor/textBytes(workers:)``).
    public func textBytes() async throws(PDFError) -> [Int] {
        try await map(Array(1...pageCount)) { reader, number in reader.textBytes(page: number) }
    }

    private func take() throws(PDFError) -> Slot {
        if let slot = idle.withLock({ $0.popLast() }) { return slot }
        return Slot(try PageTextReader(path: path, resolved: resolvedPath, password: password))
    }

    private func give(_ slot: Slot) {
        idle.withLock { $0.append(slot) }
    }
}
