public import PDFCore

/// The section of a PDF a highlight falls in, from the PDF's outline — as
/// pdfannots names a highlight's section, nested sections included.
///
/// A highlight is in the outline entry whose destination comes last at or
/// before it, in reading order, together with that entry's parents in the
/// outline (the entries before it with a smaller level). Entries need not
/// be in page order. Reading order on a page is by height (top-left page
/// space, within 1 pt) — except across the columns of a two-column page: a
/// heading whose destination starts in the right half of the page comes
/// after everything in the left half, and a heading in the left half comes
/// before a highlight whose lines all lie in the right half when it has
/// more than one (a column, not the end of a line). An entry without a
/// destination of its own stands where the next entry with one does (a
/// part whose first chapter is its destination); entries with none after
/// them, and entries without a title, are left out of the headings.
public struct SectionFinder: Sendable {
    struct Placed: Sendable {
        var level: Int
        var title: String
        var page: Int
        var top: Double
        var left: Double?
        var pageWidth: Double?
        /// The index of its parent in `entries`.
        var parent: Int?
    }

    let entries: [Placed]

    /// The sections of a PDF's outline (none for an empty one).
    public init(outline: [OutlineEntry]) {
        var placed: [Placed] = []
        var next: OutlineEntry?
        for entry in outline.reversed() {
            if entry.page != nil { next = entry }
            guard let at = next, let page = at.page else { continue }
            let own = entry.page != nil
            placed.append(
                Placed(
                    level: entry.level, title: entry.title, page: page, top: (own ? entry.top : at.top) ?? 0,
                    left: own ? entry.left : at.left, pageWidth: at.pageWidth))
        }
        placed.reverse()
        // Parents: the nearest entry before with a smaller level.
        var open: [Int] = []
        for k in placed.indices {
            while let last = open.last, placed[last].level >= placed[k].level { open.removeLast() }
            placed[k].parent = open.last
            open.append(k)
        }
        entries = placed
    }

    /// Whether the PDF has an outline to name sections from.
    public var isEmpty: Bool { entries.isEmpty }

    /// The titles of the sections, outermost first, that a highlight whose
    /// regions on its first page `page` are `rects` (top-left page space,
    /// in reading order) falls in; empty before the first.
    public func section(page: Int, rects: [Rect]) -> [String] {
        guard let first = rects.first else { return [] }
        var best: Int?
        for (k, entry) in entries.enumerated() where isAtOrBefore(entry, page: page, first: first, rects: rects) {
            if let b = best, !isAtOrBefore(entries[b], than: entry) { continue }
            best = k
        }
        var titles: [String] = []
        var at = best
        while let k = at {
            if !entries[k].title.isEmpty { titles.append(entries[k].title) }
            at = entries[k].parent
        }
        return titles.reversed()
    }

    /// `section(page:rects:)` for a place known only by its top.
    public func section(page: Int, top: Double) -> [String] {
        section(page: page, rects: [Rect(minX: 0, minY: top, maxX: 0, maxY: top)])
    }

    private func isAtOrBefore(_ entry: Placed, page: Int, first: Rect, rects: [Rect]) -> Bool {
        guard entry.page == page else { return entry.page < page }
        if let left = entry.left, let width = entry.pageWidth {
            let middle = width / 2
            let headingRight = left >= middle - 5
            // A line across both columns (a footer, a wide caption) comes
            // after the headings above it in either column.
            let across = rects.contains { $0.minX < middle - 5 && $0.maxX > middle + 5 }
            if headingRight, first.minX < middle - 5, !across { return false }
            let column = rects.count > 1 && rects.allSatisfy { $0.minX >= middle - 5 }
            if !headingRight, column { return true }
        }
        return entry.top <= first.minY + 1
    }

    /// Whether `a` comes at or before `b` in reading order (ties: the later in the outline wins).
    private func isAtOrBefore(_ a: Placed, than b: Placed) -> Bool {
        if a.page != b.page { return a.page < b.page }
        if let al = a.left, let bl = b.left, let width = a.pageWidth {
            let ar = al >= width / 2 - 5
            let br = bl >= width / 2 - 5
            if ar != br { return !ar }
        }
        return a.top <= b.top
    }
}
