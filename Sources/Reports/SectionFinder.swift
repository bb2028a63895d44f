public import PDFCore

/// The section of a PDF a place falls in, from the PDF's outline — as
/// pdfannots names a highlight's section, nested sections included.
///
/// A place is in the last outline entry (in the outline's order) whose
/// destination is at or before it — an earlier page, or the same page at
/// or above it (top-left page space, within 1 pt) — together with that
/// entry's parents. An entry without a destination of its own stands where
/// the next entry with one does (a part whose first chapter is its
/// destination); entries with none after them are left out.
public struct SectionFinder: Sendable {
    struct Placed: Sendable {
        var level: Int
        var title: String
        var page: Int
        var top: Double
    }

    let entries: [Placed]

    public init(outline: [OutlineEntry]) {
        var placed: [Placed] = []
        var next: (page: Int, top: Double)?
        for entry in outline.reversed() {
            if let page = entry.page { next = (page, entry.top ?? 0) }
            guard let at = next else { continue }
            placed.append(Placed(level: entry.level, title: entry.title, page: at.page, top: entry.page == nil ? at.top : (entry.top ?? 0)))
        }
        entries = placed.reversed()
    }

    /// Whether the PDF has an outline to name sections from.
    public var isEmpty: Bool { entries.isEmpty }

    /// The titles of the sections, outermost first, that the place at the
    /// top `top` (top-left page space) of 1-based page `page` falls in;
    /// empty before the first.
    public func section(page: Int, top: Double) -> [String] {
        var stack: [(level: Int, title: String)] = []
        for entry in entries where entry.page < page || (entry.page == page && entry.top <= top + 1) {
            stack.removeAll { $0.level >= entry.level }
            stack.append((entry.level, entry.title))
        }
        return stack.map(\.title)
    }
}
