import Foundation
public import PDFCore

/// One page of a ``DocumentIndex``: its Poppler text, label, where its
/// lines break — and its glyph boxes when they were kept (see
/// ``hasBoxes``) — or, for a page not read (see ``isLoaded``), only its
/// number.
public struct IndexedPage: Sendable {
    /// The 1-based page number.
    public let number: Int
    /// The printed page label ("" for a page not read).
    public let label: String
    /// The page size as displayed, in points.
    public let size: PageSize
    /// How the page's top-left space maps to PDF user space.
    public let geometry: PageGeometry
    /// Whether the page was read. A page not read has no text: its place in
    /// the index's matching text is a run of ``DocumentIndex/notRead``
    /// characters, which match nothing.
    public let isLoaded: Bool
    /// Poppler's text of the page, as Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// Four floats per scalar (minX, minY, maxX, maxY): the glyph boxes in
    /// top-left page space, points; empty when they were not kept (a
    /// whole-document search holds text only, and reads boxes back for the
    /// pages its matches land on). Stored as `Float` to halve the memory.
    let boxes: [Float]
    /// For each scalar: whether the next glyph after it is not the next one
    /// on its line (see ``PagePart/breaks(scalars:boxes:)``), worked out
    /// from the boxes when the page was read: the search needs no boxes.
    let breaks: [Bool]
    /// Where this page's matching text starts in the document's.
    let matchStart: Int
    /// How many matching characters the page has.
    let matchCount: Int
    /// An estimate of the page's length in PDF.js's text, in UTF-16 units
    /// (for turning TextPositionSelector offsets into pages).
    let pdfjsLength: Int

    /// Whether the page's glyph boxes are held (so regions can be drawn).
    public var hasBoxes: Bool { isLoaded && boxes.count == 4 * scalars.count }

    /// The page's text as it was read, with its glyph boxes (top-left page
    /// space, points; held as `Float`, so within about 0.0001 pt of
    /// Poppler's); nil for a page not read, or read without its boxes.
    /// What later stages use of a page the check read, rather than reading
    /// it again.
    public var text: PageText? {
        guard hasBoxes else { return nil }
        return PageText(pageNumber: number, scalars: scalars, boxes: scalars.indices.map(box))
    }

    /// The glyph box of scalar `index` (top-left page space, points).
    func box(_ index: Int) -> Rect {
        Rect(
            minX: Double(boxes[4 * index]), minY: Double(boxes[4 * index + 1]),
            maxX: Double(boxes[4 * index + 2]), maxY: Double(boxes[4 * index + 3]))
    }

    /// Poppler's text for the scalar range `range`.
    func text(_ range: ClosedRange<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.clamped(to: 0...max(0, scalars.count - 1))])
        return String(view)
    }
}

/// One page as read from the PDF: what a ``DocumentIndex`` is made of.
struct PagePart: Sendable {
    var number: Int
    var label: String
    var size: PageSize
    var geometry: PageGeometry
    var scalars: [Unicode.Scalar]
    /// The glyph boxes (four floats per scalar), or empty when not kept.
    var boxes: [Float]
    var breaks: [Bool]
    var pdfjsLength: Int
    /// The page's matching text, when built ahead: for pages indexed again
    /// and again (the rounds of ``PageReader``); a whole-document search
    /// builds it straight into the index instead, so as not to hold it twice.
    var match: MatchText?

    /// A page's part, from the page as read.
    init(_ page: ReadPage) {
        let text = page.text
        var boxes = [Float]()
        boxes.reserveCapacity(text.boxes.count * 4)
        for box in text.boxes {
            boxes.append(Float(box.minX))
            boxes.append(Float(box.minY))
            boxes.append(Float(box.maxX))
            boxes.append(Float(box.maxY))
        }
        let breaks = Self.breaks(scalars: text.scalars, boxes: boxes)
        self.init(
            number: page.number, label: page.label, size: page.size, geometry: page.geometry, scalars: text.scalars,
            boxes: boxes, breaks: breaks,
            pdfjsLength: DocumentIndex.estimatePDFjsLength(text.scalars))
    }

    /// A page's part from what was read of it; `breaks` are worked out from
    /// `boxes` when not given.
    init(
        number: Int, label: String, size: PageSize, geometry: PageGeometry, scalars: [Unicode.Scalar], boxes: [Float],
        breaks: [Bool]? = nil, pdfjsLength: Int
    ) {
        self.number = number
        self.label = label
        self.size = size
        self.geometry = geometry
        self.scalars = scalars
        self.boxes = boxes
        self.breaks = breaks ?? Self.breaks(scalars: scalars, boxes: boxes)
        self.pdfjsLength = pdfjsLength
    }

    /// Whether `scalar` is passed over when looking for the glyph after
    /// another on its line: white space (but a line break) and dashes.
    @inline(__always) static func isSkipped(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar != "\n" && (scalar.isSpace || scalar == "-") }
        return scalar.isSpace || scalar.properties.generalCategory == .dashPunctuation || scalar == "\u{2212}"
    }

    /// For each of `scalars`: whether the next glyph after it is not the
    /// next one on the same line — a line break, the page end, or a jump
    /// much wider than a letter (another column on the same Poppler line) —
    /// skipping white space and dashes, as the matching text does. `boxes`
    /// are four floats per scalar (top-left page space, points).
    static func breaks(scalars: [Unicode.Scalar], boxes: [Float]) -> [Bool] {
        var breaks = [Bool](repeating: true, count: scalars.count)
        guard boxes.count == 4 * scalars.count else { return breaks }
        // The next scalar that is a line break or not skipped, from the end backwards.
        var next = scalars.count
        for index in stride(from: scalars.count - 1, through: 0, by: -1) {
            if next < scalars.count, scalars[next] != "\n" {
                // In Double, as the boxes are read back (IndexedPage.box).
                let box = { (k: Int) in Double(boxes[k]) }
                let height = max(1, box(4 * index + 3) - box(4 * index + 1))
                let middleA = (box(4 * index + 1) + box(4 * index + 3)) / 2
                let middleB = (box(4 * next + 1) + box(4 * next + 3)) / 2
                let gap = box(4 * next) - box(4 * index + 2)
                breaks[index] = abs(middleA - middleB) > height / 2 || gap < -height || gap > 1.5 * height
            }
            if !Self.isSkipped(scalars[index]) { next = index }
        }
        return breaks
    }
}

/// Everything the anchorer searches: the pages' texts, folded into one
/// matching text for the whole document (see ``MatchText``), with maps
/// back to each page's Unicode scalars and glyph boxes, and an index of
/// 6-character grams for fast search.
///
/// An index may hold every page (``build(path:password:workers:)``) or
/// only the pages read so far (``PageReader``): a page not read stands in
/// the matching text as a short run of ``notRead`` characters, so that
/// offsets, page numbers and the order of pages stay those of the document,
/// and nothing matches across a page that was not read.
///
/// Read-only and `Sendable` once built.
public final class DocumentIndex: Sendable {
    /// The PDF the index was built from.
    public let path: String
    /// Every page of the document, in order (``IndexedPage/isLoaded`` says
    /// which were read).
    public let pages: [IndexedPage]
    /// The document's matching text: all pages' matching texts, concatenated.
    let text: [UInt32]
    /// For each character of ``text``: the Unicode-scalar offset in its
    /// page's text (-1 for the characters standing for a page not read).
    let origins: [Int32]
    /// Where each page's matching text starts in ``text``; one more entry
    /// holding ``text``'s length.
    let pageStarts: [Int]
    /// Cumulative PDF.js length estimates (UTF-16 units), one more entry
    /// than pages.
    let estimatedStarts: [Int]
    let grams: GramIndex
    /// Matching characters per page read, on average.
    let averagePageLength: Int

    /// What stands in the matching text for a page not read: no text's
    /// character is this, so nothing matches it.
    static let notRead: UInt32 = 0xFFFF_FFFF
    /// How many ``notRead`` characters stand for a page not read: more than
    /// a gram, so that no gram spans one.
    static let notReadLength = 8

    /// Reads every page of the PDF at `path` and builds the index.
    /// - Throws: the ``PDFError`` of opening the PDF or a page.
    public static func build(
        path: String, password: String? = nil, workers: Int = PageExtractor.defaultWorkers
    ) async throws(PDFError) -> DocumentIndex {
        let parts = try await PageExtractor(path: path, password: password).extract(workers: workers) { PagePart($0) }
        return DocumentIndex(path: path, pageCount: parts.count, parts: parts)
    }

    /// An index of `parts` (pages read, in any order) of a document of
    /// `pageCount` pages. `estimatedStarts` gives where every page starts
    /// in PDF.js's text (UTF-16 units, one more entry than pages; see
    /// ``PositionModel``); by default the pages' own estimates are summed,
    /// a page not read counting the average of those read.
    ///
    /// Each part's matching text is let go once copied into the index's:
    /// a caller that hands its only copy of `parts` over does not hold the
    /// document's matching text twice.
    init(path: String, pageCount: Int, parts: consuming [PagePart], estimatedStarts given: [Int]? = nil) {
        let given = given?.count == pageCount + 1 ? given : nil
        self.path = path
        var byNumber: [Int: PagePart] = [:]
        for part in parts where part.number >= 1 && part.number <= pageCount { byNumber[part.number] = part }
        var text: [UInt32] = []
        var origins: [Int32] = []
        // At most a matching character per scalar (what is not used is never touched).
        let total = byNumber.values.reduce(0) { $0 + $1.scalars.count } + (pageCount - byNumber.count) * Self.notReadLength
        text.reserveCapacity(total)
        origins.reserveCapacity(total)
        let loadedLength = byNumber.values.reduce(0) { $0 + $1.pdfjsLength }
        let loadedCount = byNumber.count
        let averageLength = loadedCount == 0 ? 0 : loadedLength / loadedCount
        var pages: [IndexedPage] = []
        pages.reserveCapacity(pageCount)
        var starts: [Int] = []
        var estimated: [Int] = [0]
        var builder = MatchTextBuilder()
        for number in stride(from: 1, through: pageCount, by: 1) {
            starts.append(text.count)
            if let part = byNumber.removeValue(forKey: number) {
                if let match = part.match {
                    text.append(contentsOf: match.characters)
                    origins.append(contentsOf: match.origins)
                } else {
                    builder.append(part.scalars, to: &text, origins: &origins)
                }
                pages.append(
                    IndexedPage(
                        number: number, label: part.label, size: part.size, geometry: part.geometry, isLoaded: true,
                        scalars: part.scalars, boxes: part.boxes, breaks: part.breaks,
                        matchStart: starts[number - 1], matchCount: text.count - starts[number - 1], pdfjsLength: part.pdfjsLength))
            } else {
                pages.append(
                    IndexedPage(
                        number: number, label: "", size: PageSize(width: 0, height: 0),
                        geometry: PageGeometry(cropBox: Rect(minX: 0, minY: 0, maxX: 0, maxY: 0), rotation: 0), isLoaded: false,
                        scalars: [], boxes: [], breaks: [], matchStart: text.count, matchCount: Self.notReadLength,
                        pdfjsLength: given.map { $0[number] - $0[number - 1] } ?? averageLength))
                text.append(contentsOf: repeatElement(Self.notRead, count: Self.notReadLength))
                origins.append(contentsOf: repeatElement(-1, count: Self.notReadLength))
            }
            estimated.append(estimated.last! + pages[number - 1].pdfjsLength)
        }
        starts.append(text.count)
        self.pages = pages
        self.text = text
        self.origins = origins
        pageStarts = starts
        estimatedStarts = given ?? estimated
        grams = GramIndex(text: text)
        let loadedMatch = pages.reduce(0) { $0 + ($1.isLoaded ? $1.matchCount : 0) }
        averagePageLength = max(1, loadedCount == 0 ? 1 : loadedMatch / loadedCount)
    }

    private init(
        path: String, pages: [IndexedPage], text: [UInt32], origins: [Int32], pageStarts: [Int], estimatedStarts: [Int], grams: GramIndex,
        averagePageLength: Int
    ) {
        self.path = path
        self.pages = pages
        self.text = text
        self.origins = origins
        self.pageStarts = pageStarts
        self.estimatedStarts = estimatedStarts
        self.grams = grams
        self.averagePageLength = averagePageLength
    }

    /// This index with the glyph boxes of `parts` — pages read again with
    /// their boxes, for the regions of what was found on them (a part whose
    /// text is not the page's as indexed is left out). Everything else is
    /// shared with this index, not copied.
    func withBoxes(_ parts: [PagePart]) -> DocumentIndex {
        var pages = self.pages
        for part in parts where part.number >= 1 && part.number <= pages.count {
            let old = pages[part.number - 1]
            guard old.isLoaded, !old.hasBoxes, part.boxes.count == 4 * part.scalars.count, part.scalars == old.scalars else { continue }
            pages[part.number - 1] = IndexedPage(
                number: old.number, label: old.label, size: old.size, geometry: old.geometry, isLoaded: true, scalars: old.scalars,
                boxes: part.boxes, breaks: old.breaks, matchStart: old.matchStart, matchCount: old.matchCount, pdfjsLength: old.pdfjsLength)
        }
        return DocumentIndex(
            path: path, pages: pages, text: text, origins: origins, pageStarts: pageStarts, estimatedStarts: estimatedStarts, grams: grams,
            averagePageLength: averagePageLength)
    }

    /// This index with `starts` (one more than pages) as where each page
    /// starts in PDF.js's text, in UTF-16 units — the lengths of the pages
    /// not read following them. Text, pages read and grams are shared with
    /// this index, not built again.
    func withEstimatedStarts(_ starts: [Int]) -> DocumentIndex {
        guard starts.count == pages.count + 1 else { return self }
        var pages = self.pages
        for k in pages.indices where !pages[k].isLoaded {
            let old = pages[k]
            pages[k] = IndexedPage(
                number: old.number, label: old.label, size: old.size, geometry: old.geometry, isLoaded: false, scalars: old.scalars,
                boxes: old.boxes, breaks: old.breaks, matchStart: old.matchStart, matchCount: old.matchCount, pdfjsLength: starts[k + 1] - starts[k])
        }
        return DocumentIndex(
            path: path, pages: pages, text: text, origins: origins, pageStarts: pageStarts, estimatedStarts: starts, grams: grams,
            averagePageLength: averagePageLength)
    }

    /// The 1-based numbers of the pages `segments` (matching-text ranges) lie on.
    func pageNumbers(of segments: [Range<Int>]) -> Set<Int> {
        var numbers = Set<Int>()
        for segment in segments where !segment.isEmpty {
            for page in pageIndex(at: segment.lowerBound)...pageIndex(at: segment.upperBound - 1) { numbers.insert(page + 1) }
        }
        return numbers
    }

    /// Whether every page from the one holding `range.lowerBound` to the one
    /// holding its last character was read (nothing in `range` stands for a
    /// page not read).
    func isRead(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return true }
        let first = pageIndex(at: max(0, range.lowerBound))
        let last = pageIndex(at: min(text.count - 1, range.upperBound - 1))
        return (first...last).allSatisfy { pages[$0].isLoaded }
    }

    /// How many UTF-16 units of PDF.js's text (as estimated, see
    /// ``PDFjsLength``) lie from matching-text offset `a` to `b` (`a` ≤ `b`;
    /// each offset's character counted from its scalar on its page); nil
    /// when a page from `a`'s to `b`'s was not read.
    func pdfjsDistance(from a: Int, to b: Int) -> Int? {
        let first = pageIndex(at: a)
        let last = pageIndex(at: b)
        guard first <= last, (first...last).allSatisfy({ pages[$0].isLoaded }) else { return nil }
        let into = { (page: Int, offset: Int) -> Int in
            Self.estimatePDFjsLength(self.pages[page].scalars[0..<Int(self.origins[offset])])
        }
        var units = into(last, b) - into(first, a)
        for page in first..<last { units += pages[page].pdfjsLength }
        return units
    }

    /// The 0-based index of the page holding matching-text offset `offset`.
    func pageIndex(at offset: Int) -> Int {
        var low = 0
        var high = pages.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if pageStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Estimates how long PDF.js's text of a page is, in UTF-16 units (see
    /// ``PDFjsLength``).
    static func estimatePDFjsLength<S: Sequence>(_ scalars: S) -> Int where S.Element == Unicode.Scalar {
        var counter = PDFjsLength()
        for scalar in scalars { counter.add(scalar) }
        return counter.units
    }

    /// The matching-text offset where PDF.js's text offset `offset` (UTF-16
    /// units of all pages' texts joined, as a TextPositionSelector counts)
    /// falls: on the page whose estimated PDF.js extent holds it, at the
    /// scalar where the page's estimated PDF.js length reaches it. Nil when
    /// the offset lies well beyond the document's end (another document's).
    func matchOffset(forPDFjsOffset offset: Int) -> Int? {
        guard offset >= 0, !pages.isEmpty, offset < estimatedStarts.last! + 2000 else { return nil }
        var low = 0
        var high = pages.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if estimatedStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let page = pages[low]
        guard page.isLoaded else { return nil }
        let wanted = offset - estimatedStarts[low]
        var counter = PDFjsLength()
        var scalar = 0
        while scalar < page.scalars.count, counter.units + counter.pending(page.scalars[scalar]) <= wanted {
            counter.add(page.scalars[scalar])
            scalar += 1
        }
        // The first matching character at or after that scalar.
        var first = page.matchStart
        var last = page.matchStart + page.matchCount
        while first < last {
            let mid = (first + last) / 2
            if Int(origins[mid]) < scalar { first = mid + 1 } else { last = mid }
        }
        return min(first, max(page.matchStart, page.matchStart + page.matchCount - 1))
    }
}

/// Counts how long PDF.js's text of a page is, in UTF-16 units, from
/// Poppler's text of it: Poppler's line breaks count nothing (PDF.js joins
/// the lines of its text layer without a separator), runs of spaces count
/// one, other characters their UTF-16 length after NFKC (ligatures expand).
struct PDFjsLength {
    /// The UTF-16 units counted so far.
    private(set) var units = 0
    private var lastWasSpace = false

    /// How many units `scalar` would add.
    func pending(_ scalar: Unicode.Scalar) -> Int {
        if scalar == "\n" { return 0 }
        if scalar.isASCII { return scalar.value <= 0x20 ? (lastWasSpace ? 0 : 1) : 1 }
        if scalar.isSpace { return lastWasSpace ? 0 : 1 }
        if (0xFB00...0xFB06).contains(scalar.value) {
            return String(scalar).precomposedStringWithCompatibilityMapping.utf16.count
        }
        return scalar.utf16.count
    }

    mutating func add(_ scalar: Unicode.Scalar) {
        units += pending(scalar)
        if scalar == "\n" { return }
        lastWasSpace = scalar.isASCII ? scalar.value <= 0x20 : scalar.isSpace
    }
}
