internal import CPoppler

/// An entry of a PDF's outline (its bookmarks, the table of contents a
/// viewer shows beside the pages).
public struct OutlineEntry: Sendable, Hashable, Codable {
    /// The entry's title as the PDF gives it.
    public var title: String
    /// How deep the entry is: 0 for a top-level entry.
    public var level: Int
    /// The 1-based page its destination is on; nil when it has none that
    /// leads to a page of this PDF (a web link, a broken destination).
    public var page: Int?
    /// How far down that page the destination's top is, in **top-left
    /// page space** (points from the top of the page as displayed); nil
    /// when the destination keeps the viewer's current top.
    public var top: Double?
    /// How far right the destination's left edge is, in top-left page
    /// space; nil when the destination keeps the viewer's current left.
    public var left: Double?
    /// The width of the destination's page as displayed (points).
    public var pageWidth: Double?

    /// An entry titled `title` at depth `level`, its destination as given.
    public init(title: String, level: Int, page: Int? = nil, top: Double? = nil, left: Double? = nil, pageWidth: Double? = nil) {
        self.title = title
        self.level = level
        self.page = page
        self.top = top
        self.left = left
        self.pageWidth = pageWidth
    }
}

extension PDFDocument {
    /// Most entries and levels read from an outline (a damaged or hostile
    /// one can be deep or long).
    public static let outlineLimits = (entries: 10_000, depth: 32)

    /// The outline, depth first in its own order (each entry followed by
    /// its children); empty when the PDF has none. The corresponding C
    /// functions are `poppler_index_iter_new`, `poppler_index_iter_get_child`,
    /// `poppler_index_iter_next`, `poppler_index_iter_get_action` and
    /// `poppler_document_find_dest` (for named destinations).
    public var outline: [OutlineEntry] {
        var entries: [OutlineEntry] = []
        guard let root = poppler_index_iter_new(handle) else { return [] }
        defer { poppler_index_iter_free(root) }
        collect(root, level: 0, into: &entries)
        return entries
    }

    private func collect(_ iter: OpaquePointer, level: Int, into entries: inout [OutlineEntry]) {
        repeat {
            guard entries.count < Self.outlineLimits.entries else { return }
            if let action = poppler_index_iter_get_action(iter) {
                defer { poppler_action_free(action) }
                var entry = OutlineEntry(title: Self.oneLine(action.pointee.any.title.map { String(cString: $0) } ?? ""), level: level)
                if action.pointee.type == POPPLER_ACTION_GOTO_DEST, let dest = action.pointee.goto_dest.dest {
                    place(&entry, dest)
                }
                entries.append(entry)
            }
            if level + 1 < Self.outlineLimits.depth, let child = poppler_index_iter_get_child(iter) {
                defer { poppler_index_iter_free(child) }
                collect(child, level: level + 1, into: &entries)
            }
        } while poppler_index_iter_next(iter) != 0
    }

    /// A title as one line: line breaks, tabs and other controls become
    /// spaces (runs of them one), direction overrides go, ends trimmed.
    static func oneLine(_ title: String) -> String {
        var out = ""
        var space = false
        for scalar in title.unicodeScalars {
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { continue }
            if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space { out += " " }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Sets the entry's page and top from a destination (a named one looked up first).
    private func place(_ entry: inout OutlineEntry, _ dest: UnsafeMutablePointer<PopplerDest>) {
        var target = dest
        var found: UnsafeMutablePointer<PopplerDest>?
        if dest.pointee.type == POPPLER_DEST_NAMED, let name = dest.pointee.named_dest {
            found = poppler_document_find_dest(handle, name)
            guard let found else { return }
            target = found
        }
        defer { if let found { poppler_dest_free(found) } }
        let number = Int(target.pointee.page_num)
        guard number >= 1, number <= pageCount else { return }
        entry.page = number
        guard let page = try? self.page(number) else { return }
        let geometry = page.geometry
        entry.pageWidth = geometry.displayedSize.width
        // The destination's point is in PDF user space.
        let point = geometry.pageSpace(Point(x: target.pointee.left, y: target.pointee.top))
        if target.pointee.change_top != 0 { entry.top = point.y }
        if target.pointee.change_left != 0 { entry.left = point.x }
    }
}
