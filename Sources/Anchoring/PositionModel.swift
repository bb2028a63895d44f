/// Where PDF.js's text offsets fall in a PDF, before all its pages are read.
///
/// A TextPositionSelector counts UTF-16 units of every page's PDF.js text
/// joined (docs/formats.md, "Text positions"), so the page an offset falls on depends on how long
/// every page before it is. A page read gives its own length (estimated from
/// Poppler's text, see ``DocumentIndex/estimatePDFjsLength(_:)``); a page
/// not read is estimated from how many bytes of text its content stream
/// shows (``textBytes``), at the ratio of length to bytes of the pages read
/// (the average length of a page read where its bytes are unknown). Pages
/// whose start is known exactly — from annotations found there with
/// certainty — correct the estimate between them.
public struct PositionModel: Sendable, Hashable, Codable {
    /// The number of pages.
    public let pageCount: Int
    /// For each page (0-based), its PDF.js length in UTF-16 units as
    /// estimated from its text; nil for a page not read yet.
    public internal(set) var lengths: [Int?]
    /// For each page, the bytes of text its content stream shows; -1 where
    /// unknown.
    public let textBytes: [Int]
    /// Known page starts: 0-based page, and the PDF.js offset (UTF-16 units)
    /// at which that page starts according to an annotation found on it.
    public internal(set) var anchors: [Anchor] = []

    public struct Anchor: Sendable, Hashable, Codable {
        /// The 0-based page.
        public var page: Int
        /// The PDF.js offset (UTF-16 units) at which that page starts.
        public var start: Int
    }

    /// A model of `pageCount` pages: `textBytes` per page (-1 where unknown;
    /// a list of another length counts as all unknown) and the lengths of the
    /// pages already read, if any (`lengths`, UTF-16 units, nil for a page not
    /// read).
    public init(pageCount: Int, textBytes: [Int], lengths: [Int?]? = nil) {
        self.pageCount = pageCount
        self.textBytes = textBytes.count == pageCount ? textBytes : Array(repeating: -1, count: pageCount)
        self.lengths = lengths?.count == pageCount ? lengths! : Array(repeating: nil, count: pageCount)
    }

    /// Whether every page's length is known.
    public var isComplete: Bool { !lengths.contains(nil) }

    /// Records the length of page `page` (0-based), once it was read.
    mutating func record(page: Int, length: Int) {
        guard page >= 0, page < pageCount else { return }
        lengths[page] = length
    }

    /// Records that page `page` (0-based) starts at PDF.js offset `start`.
    mutating func record(anchor page: Int, start: Int) {
        guard page >= 0, page < pageCount, start >= 0 else { return }
        anchors.removeAll { $0.page == page }
        anchors.append(Anchor(page: page, start: start))
        anchors.sort { $0.page < $1.page }
    }

    /// Every page's estimated length (UTF-16 units).
    ///
    /// A page not read is its text bytes times a ratio of length to bytes:
    /// that of the pages read, or — once an annotation found with certainty
    /// says where a page starts — that of all the text before that page
    /// (its length is then known in sum) together with the pages read after
    /// it. One sample page's ratio can be several percent off the
    /// document's (R's reference manual: 0.96 to 1.00 on three pages, 0.978
    /// over all 2,415); over thousands of pages that is dozens of pages.
    public func estimatedLengths() -> [Int] {
        var knownLength = 0
        var knownBytes = 0
        var knownPages = 0
        var lengthSum = 0
        for (length, bytes) in zip(lengths, textBytes) {
            guard let length else { continue }
            knownPages += 1
            lengthSum += length
            if bytes > 0 {
                knownLength += length
                knownBytes += bytes
            }
        }
        let average = knownPages > 0 ? lengthSum / knownPages : 2000
        var ratio = knownBytes > 0 ? Double(knownLength) / Double(knownBytes) : nil
        if let last = anchors.last, last.page > 0, let sampled = ratio {
            // The text before the last known start, less what bytes do not
            // estimate (pages whose bytes are unknown), over those bytes;
            // with the pages read after it.
            var text = Double(last.start)
            var bytes = 0
            for page in 0..<last.page {
                if textBytes[page] >= 0 {
                    bytes += textBytes[page]
                } else {
                    text -= Double(lengths[page] ?? average)
                }
            }
            for page in last.page..<pageCount where textBytes[page] > 0 {
                guard let length = lengths[page] else { continue }
                text += Double(length)
                bytes += textBytes[page]
            }
            // A start far from what the bytes suggest is not trusted for the
            // whole document (a passage printed twice, found on the wrong copy).
            if bytes > 0, text / Double(bytes) > sampled / 2, text / Double(bytes) < sampled * 2 { ratio = text / Double(bytes) }
        }
        return (0..<pageCount).map { page in
            if let length = lengths[page] { return length }
            if let ratio, textBytes[page] >= 0 { return Int((ratio * Double(textBytes[page])).rounded()) }
            return average
        }
    }

    /// Where each page starts (UTF-16 units of PDF.js's text), one more
    /// entry than pages: the estimated lengths summed, shifted to meet every
    /// known start, the shift interpolated linearly between known starts
    /// (the first page starting at 0 whatever is known) and kept constant
    /// beyond the last.
    public func starts() -> [Int] {
        let lengths = estimatedLengths()
        var starts = [0]
        starts.reserveCapacity(pageCount + 1)
        for length in lengths { starts.append(starts.last! + length) }
        guard !anchors.isEmpty else { return starts }
        let shifts = [(page: 0, shift: 0)] + anchors.filter { $0.page > 0 }.map { (page: $0.page, shift: $0.start - starts[$0.page]) }
        var k = 0
        for page in 0...pageCount {
            while k + 1 < shifts.count, shifts[k + 1].page <= page { k += 1 }
            let shift: Int
            if k + 1 >= shifts.count {
                shift = shifts[k].shift
            } else {
                let a = shifts[k]
                let b = shifts[k + 1]
                shift = a.shift + (b.shift - a.shift) * (page - a.page) / max(1, b.page - a.page)
            }
            starts[page] += shift
        }
        // Starts never go backwards.
        for page in 1...pageCount where starts[page] < starts[page - 1] { starts[page] = starts[page - 1] }
        return starts
    }

    /// The 0-based page on which PDF.js offset `offset` falls, by ``starts()``;
    /// nil beyond the document's end (an offset from another document).
    public func page(at offset: Int, starts: [Int]) -> Int? {
        guard offset >= 0, pageCount > 0, offset < starts[pageCount] + 2000 else { return nil }
        var low = 0
        var high = pageCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
