public import Notes
public import PDFCore

/// Anchors annotations in a PDF reading only the pages they need: each
/// annotation's page first (where its TextPositionSelector points, see
/// ``PositionModel``), then the pages around it, and the whole document
/// only for what is still unsettled — as Hypothesis searches the page a
/// position points to before the others.
///
/// Reading stops early only where the pages read decide every annotation
/// as a search of every page would (``Anchorer/isFinal(_:query:)``). When
/// one annotation is left undecided — a quote without a position, a quote
/// edited since, a position from another PDF.js version or a replaced PDF
/// — every page is read and every annotation anchored over all of them,
/// exactly as ``DocumentIndex/build(path:password:workers:)`` and
/// ``Anchorer/anchor(_:)-(Annotation)`` do.
public struct PageReader: Sendable {
    /// The PDF (errors name it as given).
    public let path: String
    /// The password of an encrypted PDF.
    public let password: String?
    /// How strict the search is.
    public var options: AnchorOptions
    /// How many pages are read at once, at most (one Poppler document each).
    public var workers: Int
    /// Read every page at once (the search the early stop must agree with).
    public var readAll: Bool
    /// A whole-document search of a document of this many pages or more
    /// holds its pages' text without their glyph boxes, and reads back the
    /// boxes of the pages its matches land on; a shorter one keeps the
    /// boxes as it reads (its matches may land on most of its pages:
    /// reading them twice would cost more than the boxes' memory, a few MiB).
    public var textOnlyFrom = 400

    /// Documents of at most this many pages are read whole at once.
    public static let smallDocument = 8
    /// How many pages around an annotation's page the rounds after the first read.
    public static let neighbourhood = 1
    /// At most this many rounds of reading before the whole document is read.
    public static let rounds = 5
    /// Documents longer than this, whose pages nothing places yet, are
    /// placed first by their annotations from the start outwards (each at
    /// about twice the offset of the one before; one is enough), each read
    /// with this many pages either side of its own.
    public static let seedingFrom = 60
    /// How many pages either side of its own a seed is read with.
    public static let seedNeighbourhood = 2
    /// How far from its estimated page a seed is looked for, at most: this
    /// percentage of the pages since the last seed found.
    public static let seedReachPercent = 3
    /// A note whose annotations point to more than a third of the pages has
    /// the whole document read at once.
    public static let denseFraction = 3
    /// An annotation its pages do not settle is looked for farther around
    /// them (4, 16, 64… pages either side) while fewer than this fraction
    /// of the document's pages have been read; then the whole is.
    public static let searchFraction = 4
    /// How many pages read are given to the store at once.
    public static let storedAtOnce = 200
    /// How many pages are read to learn a document's page lengths when
    /// nothing is known of them.
    public static let samplePages = 3

    /// The PDF as already looked at, when it was (its readers then do not look again).
    public let file: PDFFile?
    /// Where this PDF's pages read before are kept, and those read now
    /// go (see ``PageStore``): a page kept there is not read again, and
    /// the PDF is not opened at all when every page needed is kept. Not
    /// used for a PDF opened with a password: an encrypted PDF's text is
    /// neither kept nor given without it.
    public var store: (any PageStore)?

    /// The store, but for a PDF opened with a password.
    var openStore: (any PageStore)? { password == nil ? store : nil }

    /// Reads the PDF at `path` (see ``PDFFile`` for one already looked at).
    public init(
        path: String, password: String? = nil, options: AnchorOptions = AnchorOptions(), workers: Int = PageExtractor.defaultWorkers,
        readAll: Bool = false
    ) {
        self.path = path
        file = nil
        self.password = password
        self.options = options
        self.workers = workers
        self.readAll = readAll
    }

    /// Reads the PDF `file` (looked at already: see ``PDFFile``).
    public init(
        file: PDFFile, password: String? = nil, options: AnchorOptions = AnchorOptions(), workers: Int = PageExtractor.defaultWorkers,
        readAll: Bool = false
    ) {
        path = file.path
        self.file = file
        self.password = password
        self.options = options
        self.workers = workers
        self.readAll = readAll
    }

    /// What anchoring found, and what it read.
    public struct Outcome: Sendable {
        /// One result per annotation, in their order.
        public var results: [AnchorResult]
        /// The pages read (every page, when the whole document was read):
        /// every found annotation's pages are among them.
        public var index: DocumentIndex
        /// What was learnt of the document's page lengths (for a cache).
        public var model: PositionModel
        /// How many pages were read (from the PDF or the store).
        public var pagesRead: Int
        /// How many pages Poppler read (those of ``pagesRead`` not from the
        /// store, and any read again for their glyph boxes).
        public var pagesFromPDF: Int
        /// How many of the pages read came from the store.
        public var pagesFromStore: Int
        /// Why the whole document was read, or nil when it was not.
        public var wholeDocument: String?
        /// The document's title from its metadata, if any.
        public var title: String?
    }

    /// Anchors `annotations`. `known` is what an earlier run learnt of this
    /// PDF's page lengths (ignored when its page count differs).
    /// - Throws: the ``PDFError`` of opening the PDF or a page.
    public func anchor(_ annotations: [Annotation], known: PositionModel? = nil) async throws(PDFError) -> Outcome {
        // The document is opened once for all the rounds of reading, and
        // only when a page needed is not in the store.
        let store = openStore
        let stored = store?.document()
        var reading = try Reading(reader: self, annotations: annotations, stored: stored, known: known)
        let pageCount = reading.pageCount
        var reason: String?
        if readAll {
            reason = "every page was asked for"
        } else if pageCount <= Self.smallDocument {
            reason = "a document of \(pageCount) pages is read whole"
        } else if let quoteOnly = reading.highlights.first(where: { annotations[$0].position == nil }) {
            reason = "^\(annotations[quoteOnly].id) has no position: its quote is looked for everywhere"
        }
        if reason == nil, !reading.highlights.isEmpty {
            reason = try await reading.readAround()
        }
        // The whole document, as a search of every page does it.
        let outcome = if let reason { try await reading.wholeDocument(reason) } else { reading.outcome() }
        if let store {
            // What was read and not kept yet, and the document, in one write.
            let document = StoredDocument(pageCount: pageCount, title: outcome.title, textBytes: reading.textBytes ?? stored?.textBytes)
            store.keep(reading.unkept, document: document == stored ? nil : document)
        }
        return outcome
    }
}

extension PageReader {
    /// The PDF's page readers (one open of the document; more as tasks need them).
    func openPool() throws(PDFError) -> PageTextPool {
        if let file { try PageTextPool(file: file, password: password, workers: workers) } else {
            try PageTextPool(path: path, password: password, workers: workers)
        }
    }

    /// The state of one ``PageReader/anchor(_:known:)``: the pages read so
    /// far, what is known of the page lengths, the annotations settled and
    /// those whose match placed its page.
    private struct Reading {
        let path: String
        let options: AnchorOptions
        let reader: PageReader
        /// The PDF's readers, once a page is read from it.
        var pool: PageTextPool?
        /// The document as the store keeps it (its title, when the PDF is not opened).
        let stored: StoredDocument?
        let annotations: [Annotation]
        let pageCount: Int
        /// The annotations looked for: highlights with a quote (indices of ``annotations``).
        let highlights: [Int]
        /// The pages read, by page number (1-based).
        var parts: [Int: PagePart] = [:]
        /// What is known of the page lengths (in PDF.js's text: UTF-16 units).
        var model: PositionModel?
        /// Each annotation's result, once the pages read settle it.
        var results: [AnchorResult?]
        /// The annotations found with edits on the pages read (settled only
        /// between two settled as they are; see ``isBracketed(_:)``).
        var withEdits = Set<Int>()
        /// The annotations whose match was sure enough to place its page.
        var placed = Set<Int>()

        /// Opens the PDF unless the store knows its page count. `known`
        /// (or else the store's) is what is known of its page lengths.
        init(reader: PageReader, annotations: [Annotation], stored: StoredDocument?, known: PositionModel?) throws(PDFError) {
            path = reader.path
            options = reader.options
            self.reader = reader
            self.annotations = annotations
            self.stored = stored
            let pageCount: Int
            if let stored, stored.pageCount > 0 {
                pageCount = stored.pageCount
            } else {
                let pool = try reader.openPool()
                self.pool = pool
                pageCount = pool.pageCount
            }
            self.pageCount = pageCount
            highlights = annotations.indices.filter { annotations[$0].kind == .highlight && annotations[$0].quote != nil }
            model = known.flatMap { $0.pageCount == pageCount ? $0 : nil }
            results = [AnchorResult?](repeating: nil, count: annotations.count)
        }

        /// The PDF's readers, opened the first time.
        mutating func openedPool() throws(PDFError) -> PageTextPool {
            if let pool { return pool }
            let pool = try reader.openPool()
            self.pool = pool
            return pool
        }

        /// The document's title from its metadata, if any.
        var title: String? { pool?.title ?? stored?.title }

        /// How many pages Poppler read.
        var pagesFromPDF = 0
        /// How many of the pages read came from the store.
        var pagesFromStore = 0
        /// Pages read for the store and not given to it yet (a few hundred
        /// at most: given with the document at the end, one write for most
        /// PDFs — audit workers write the same database).
        var unkept: [StoredPage] = []
        /// How many bytes of text each page's content stream shows, once
        /// counted (or taken from the store).
        var textBytes: [Int]?

        /// Reads the pages `numbers` (1-based) not read yet, with their
        /// glyph boxes unless `keepingBoxes` is false: from the store what
        /// it keeps, the others from the PDF (and into the store).
        mutating func read(_ numbers: some Sequence<Int>, keepingBoxes: Bool = true) async throws(PDFError) {
            let wanted = Set(numbers).subtracting(parts.keys)
            guard !wanted.isEmpty else { return }
            let before = pagesFromPDF
            let taken = try await take(wanted.sorted(), keepingBoxes: keepingBoxes)
            pagesFromStore += taken.count - (pagesFromPDF - before)
            var builder = MatchTextBuilder()
            for var part in taken {
                // Pages read round by round are indexed again at every round: their matching text is built once.
                if keepingBoxes { part.match = builder.build(part.scalars) }
                parts[part.number] = part
            }
        }

        /// The pages `numbers` (1-based): from the store what it keeps, the
        /// others from the PDF, given to the store as read (with their
        /// boxes); with boxes unless `keepingBoxes` is false.
        mutating func take(_ numbers: [Int], keepingBoxes: Bool) async throws(PDFError) -> [PagePart] {
            var taken: [PagePart] = []
            var missing = Set(numbers)
            let store = reader.openStore
            if let store {
                for page in store.pages(numbers, boxes: keepingBoxes) where missing.contains(page.number) {
                    guard let part = page.part() else { continue }
                    taken.append(part)
                    missing.remove(part.number)
                }
            }
            guard !missing.isEmpty else { return taken }
            let pool = try openedPool()
            let numbers = missing.sorted()
            // With a store, a few hundred pages at a time: what goes to it
            // is not held for the whole document.
            let chunk = store == nil ? numbers.count : PageReader.storedAtOnce
            for start in stride(from: 0, to: numbers.count, by: chunk) {
                let read = try await pool.read(Array(numbers[start..<min(numbers.count, start + chunk)])) { page -> (PagePart, StoredPage?) in
                    var part = PagePart(page)
                    let record = store.map { _ in StoredPage(part, boxes: part.boxes) }
                    if !keepingBoxes { part.boxes = [] }
                    return (part, record)
                }
                pagesFromPDF += read.count
                unkept += read.compactMap(\.1)
                if unkept.count >= PageReader.storedAtOnce {
                    store?.keep(unkept, document: nil)
                    unkept = []
                }
                taken += read.map(\.0)
            }
            return taken
        }

        /// Reads the pages the highlights point to, round after round, and
        /// settles what they settle; says why the whole document must be
        /// read instead, or nil when the pages read settle every highlight.
        mutating func readAround() async throws(PDFError) -> String? {
            if model == nil {
                // As a first run counts them: the same estimate, so the same pages read and the same results.
                let bytes: [Int]
                if let kept = stored?.textBytes, kept.count == pageCount { bytes = kept } else { bytes = try await openedPool().textBytes() }
                textBytes = bytes
                model = PositionModel(pageCount: pageCount, textBytes: bytes)
            }
            if model!.lengths.allSatisfy({ $0 == nil }) {
                // Nothing known of the page lengths: learn their ratio to the
                // text bytes from a few pages spread over the document.
                try await read((1...PageReader.samplePages).map { $0 * pageCount / (PageReader.samplePages + 1) + 1 })
                for part in parts.values { model!.record(page: part.number - 1, length: part.pdfjsLength) }
            }
            let positioned = highlights.filter { annotations[$0].position != nil }
                .sorted { annotations[$0].position!.start < annotations[$1].position!.start }
            // Annotations that point to most of the document's pages read it
            // whole at once: reading it round by round would cost more.
            let starts = model!.starts()
            let pointed = Set(positioned.compactMap { model!.page(at: annotations[$0].position!.start, starts: starts) })
            if pointed.count * PageReader.denseFraction > pageCount {
                return "its annotations point to \(pointed.count) of its \(pageCount) pages"
            }

            try await seed(positioned)
            // Round after round: the pages the open annotations point to (and,
            // after the first round, their neighbours) — until every one is
            // settled, or reading around them settles nothing more.
            for number in 0..<PageReader.rounds {
                let open = highlights.filter { results[$0] == nil }
                guard !open.isEmpty else { break }
                let settledBefore = results.compactMap { $0 }.count
                let readBefore = parts.count
                try await round(open, radius: number == 0 ? 0 : PageReader.neighbourhood)
                if number > 0, parts.count == readBefore, results.compactMap({ $0 }).count == settledBefore { break }
            }
            // Found with edits where they point, not between two found as
            // they are: reading farther around them cannot settle them.
            if let first = highlights.first(where: { results[$0] == nil && withEdits.contains($0) && !canBeBracketed($0) }) {
                return "^\(annotations[first].id) is found with edits where its position points, but not between two annotations found as they are: "
                    + "a copy as it is may stand on a page not read"
            }
            // Farther and farther around where the open ones point (a page
            // estimate far into a long document errs by dozens of pages),
            // while that reads less than a fraction of the document.
            var radius = PageReader.neighbourhood
            while highlights.contains(where: { results[$0] == nil }), parts.count * PageReader.searchFraction < pageCount, radius < pageCount {
                radius *= 4
                try await round(highlights.filter { results[$0] == nil }, radius: radius)
            }
            if let open = highlights.first(where: { results[$0] == nil }) {
                return "^\(annotations[open].id) is not settled by the pages it points to, nor by \(radius) pages either side"
            }
            return nil
        }

        /// Places a long document's pages, when nothing places them yet, by
        /// a few of the `positioned` highlights (sorted by their PDF.js
        /// offset, in UTF-16 units).
        ///
        /// In a long document nothing placed yet, the estimate of a page's
        /// start errs in proportion to the text before it. Seeds go first,
        /// one at a time, from the document's start outwards, each at
        /// about twice the offset of the one before: each found (with the
        /// pages either side of its own) places its page, and so the
        /// ratio of text to bytes for all the text before it, and the next
        /// is estimated from there.
        mutating func seed(_ positioned: [Int]) async throws(PDFError) {
            guard model!.anchors.isEmpty, pageCount > PageReader.seedingFrom, !positioned.isEmpty else { return }
            var next = 0
            var lastPlaced = 0
            for k in positioned where annotations[k].position!.start >= next {
                // Not found with the pages either side: farther, while
                // within the error a page's estimate may have (a few
                // percent of the pages since the last one placed).
                let guessed = model!.page(at: annotations[k].position!.start, starts: model!.starts()) ?? 0
                let reach = max(PageReader.seedNeighbourhood, (guessed - lastPlaced) * PageReader.seedReachPercent / 100)
                var radius = PageReader.seedNeighbourhood
                while true {
                    try await round([k], radius: radius)
                    if placed.contains(k) || withEdits.contains(k) || radius >= reach { break }
                    radius = min(reach, radius + PageReader.seedNeighbourhood + 1)
                }
                if placed.contains(k) {
                    lastPlaced = guessed
                } else if withEdits.contains(k) {
                    // Found where it points but with edits: it places no
                    // page. The next highlight seeds instead.
                    next = annotations[k].position!.start + 1
                    continue
                }
                next = 2 * annotations[k].position!.start + 1
            }
        }

        /// Reads the pages `open` annotations point to (`radius` pages
        /// either side, and the page before or after where the context may
        /// lie), as the model places them now; then settles what those
        /// pages settle. Each match sure of its place says where its page
        /// starts, which sharpens the other annotations' hints: they are
        /// tried again over the same pages while that places more of them.
        mutating func round(_ open: [Int], radius: Int) async throws(PDFError) {
            let starts = model!.starts()
            var wanted = Set<Int>()
            for k in open {
                guard let position = annotations[k].position, let first = model!.page(at: position.start, starts: starts) else { continue }
                let last = model!.page(at: max(position.start, position.end), starts: starts) ?? first
                let low = position.start - starts[first] < 400 ? first - 1 : first
                let high = starts[last + 1] - position.end < 400 ? last + 1 : last
                for page in (low - radius)...(high + radius) where page >= 0 && page < pageCount { wanted.insert(page + 1) }
            }
            try await read(wanted)
            // The hints are taken from the same estimate that chose the
            // pages; the lengths of the pages read join it afterwards.
            settle(open, estimate: starts)
            for part in parts.values { model!.record(page: part.number - 1, length: part.pdfjsLength) }
        }

        /// Anchors the `open` annotations not settled yet over the pages
        /// read, with hints from `estimate` (each page's start, in PDF.js's
        /// UTF-16 units), keeping the results reading more cannot change;
        /// while a sure match places its page, the estimate is renewed and
        /// the rest tried again.
        mutating func settle(_ open: [Int], estimate starts: [Int]) {
            var index = DocumentIndex(path: path, pageCount: pageCount, parts: Array(parts.values), estimatedStarts: starts)
            var progress = true
            while progress {
                progress = false
                let anchorer = Anchorer(index: index, options: options)
                var edited: [(k: Int, result: AnchorResult)] = []
                for k in open where results[k] == nil {
                    guard let position = annotations[k].position, let hint = index.matchOffset(forPDFjsOffset: position.start) else { continue }
                    let (result, final, sure) = anchorer.anchorDeciding(annotations[k], hint: hint)
                    if result.status == .fuzzy { withEdits.insert(k) }
                    if final, result.status == .fuzzy {
                        edited.append((k, result))
                    } else if final {
                        results[k] = result
                    }
                    guard sure, let start = result.matchStart, placed.insert(k).inserted else { continue }
                    progress = true
                    let page = index.pageIndex(at: start)
                    let before = index.pages[page].scalars[0..<Int(index.origins[start])]
                    model!.record(anchor: page, start: position.start - DocumentIndex.estimatePDFjsLength(before))
                }
                // A match with edits where its position points is taken
                // only between two annotations found as they are where
                // theirs point: no text was put in or taken out around it
                // since the note was made (a replaced PDF's stale position
                // could point to a changed copy of a passage whose copy as
                // it is lies on a page not read).
                for (k, result) in edited where isBracketed(k) { results[k] = result }
                // The same pages: only where they are thought to start changed.
                if progress { index = index.withEstimatedStarts(model!.starts()) }
            }
        }

        /// Whether annotation `k`'s position lies between the positions of
        /// two others settled as they are (exact, in one piece, their
        /// context beside them, where their positions point).
        func isBracketed(_ k: Int) -> Bool {
            onBothSides(of: k) { results[$0]?.status == .anchored && placed.contains($0) }
        }

        /// Whether annotation `k` may still come to lie between two
        /// annotations settled as they are: on each side of its position, a
        /// highlight that is open yet or settled so.
        func canBeBracketed(_ k: Int) -> Bool {
            onBothSides(of: k) { results[$0] == nil || (results[$0]!.status == .anchored && placed.contains($0)) }
        }

        /// Whether on each side of annotation `k`'s position (before and
        /// after, by PDF.js offset) another highlight with a position passes `test`.
        func onBothSides(of k: Int, _ test: (Int) -> Bool) -> Bool {
            guard let position = annotations[k].position?.start else { return false }
            var before = false
            var after = false
            for j in highlights where j != k && test(j) {
                guard let start = annotations[j].position?.start else { continue }
                if start < position { before = true }
                if start > position { after = true }
                if before && after { return true }
            }
            return false
        }

        /// The outcome when the pages read settle every highlight: the
        /// others (page notes, replies, annotations without a quote) are
        /// anchored over the same pages.
        func outcome() -> Outcome {
            let index = DocumentIndex(
                path: path, pageCount: pageCount, parts: Array(parts.values), estimatedStarts: model?.starts())
            let anchorer = Anchorer(index: index, options: options)
            let all = annotations.indices.map { results[$0] ?? anchorer.anchor(annotations[$0], hint: nil) }
            return Outcome(
                results: all, index: index, model: model ?? PositionModel(pageCount: pageCount, textBytes: []),
                pagesRead: parts.count, pagesFromPDF: pagesFromPDF, pagesFromStore: pagesFromStore, wholeDocument: nil, title: title)
        }

        /// Reads every page and anchors every annotation over all of them,
        /// as a search of every page does; `reason` says why.
        ///
        /// The pages are held as text (with where their lines break), not
        /// glyph boxes: the boxes of the pages the matches land on are read
        /// again afterwards, for their regions.
        mutating func wholeDocument(_ reason: String) async throws(PDFError) -> Outcome {
            let textOnly = pageCount >= reader.textOnlyFrom
            if textOnly {
                // What the rounds before read with boxes is held as text too.
                for number in Array(parts.keys) {
                    parts[number]!.boxes = []
                    parts[number]!.match = nil
                }
            }
            try await read(1...pageCount, keepingBoxes: !textOnly)
            var learnt = model ?? PositionModel(pageCount: pageCount, textBytes: [])
            for part in parts.values { learnt.record(page: part.number - 1, length: part.pdfjsLength) }
            // The index is handed the only copy of the pages read (so their
            // matching texts are not held twice).
            let read = parts.count
            let taken = Array(parts.values)
            parts = [:]
            var index = DocumentIndex(path: path, pageCount: pageCount, parts: consume taken)
            var results = Anchorer(index: index, options: options).anchor(annotations)
            let unboxed = results.reduce(into: Set<Int>()) { numbers, result in
                numbers.formUnion(index.pageNumbers(of: result.segments ?? []).filter { !index.pages[$0 - 1].hasBoxes })
            }
            if !unboxed.isEmpty {
                index = index.withBoxes(try await take(unboxed.sorted(), keepingBoxes: true))
                for k in results.indices {
                    guard let segments = results[k].segments else { continue }
                    results[k].rects = index.region(for: segments).rects
                    if results[k].isFound { results[k].quads = index.quads(of: results[k].rects) }
                }
            }
            return Outcome(
                results: results, index: index, model: learnt, pagesRead: read, pagesFromPDF: pagesFromPDF, pagesFromStore: pagesFromStore, wholeDocument: reason, title: title)
        }
    }
}
