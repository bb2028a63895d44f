import Foundation
internal import CPoppler

/// One page of a ``PDFDocument``: the owner of a `PopplerPage`.
///
/// Keeps its document alive. Not `Sendable`, like its document. Poppler
/// caches the page's extracted text on this object, so ask one page for
/// both ``text()`` and further text queries rather than fetching it again.
public final class PDFPage {
    /// The document this page belongs to (kept alive by the page).
    public let document: PDFDocument
    /// The 1-based page number.
    public let number: Int
    let handle: OpaquePointer

    init(document: PDFDocument, handle: OpaquePointer, number: Int) {
        self.document = document
        self.handle = handle
        self.number = number
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The page size in points as displayed (crop box, rotation applied).
    /// The corresponding C function is `poppler_page_get_size`.
    public var size: PageSize {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return PageSize(width: width, height: height)
    }

    /// The crop box in PDF user space (bottom-left origin, not rotated).
    /// The corresponding C function is `poppler_page_get_crop_box`.
    public var cropBox: Rect {
        var rect = PopplerRectangle()
        poppler_page_get_crop_box(handle, &rect)
        return Rect(
            minX: min(rect.x1, rect.x2), minY: min(rect.y1, rect.y2),
            maxX: max(rect.x1, rect.x2), maxY: max(rect.y1, rect.y2))
    }

    /// `/Rotate` in degrees clockwise (0, 90, 180 or 270).
    ///
    /// poppler-glib has no getter for it, so it is measured: a tiny probe
    /// annotation is placed in displayed space, Poppler maps it to user
    /// space (`poppler_page_add_annot`), and the rotation whose mapping
    /// lands nearest wins; the probe is then removed. Only the in-memory
    /// document is touched.
    public var rotation: Int {
        let size = self.size
        let crop = cropBox
        let swapped = abs(size.width - crop.height) < 0.5 && abs(size.height - crop.width) < 0.5
            && abs(crop.width - crop.height) >= 0.5
        // Displayed bottom-left coordinates of the probe's centre.
        let u = size.width * 0.3
        let v = size.height * 0.2
        var probe = PopplerRectangle(x1: u - 0.5, y1: v - 0.5, x2: u + 0.5, y2: v + 0.5)
        guard let annot = poppler_annot_text_new(document.handle, &probe) else { return swapped ? 90 : 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(annot)) }
        poppler_page_add_annot(handle, annot)
        var mapped = PopplerRectangle()
        poppler_annot_get_rectangle(annot, &mapped)
        poppler_page_remove_annot(handle, annot)
        let centre = Point(x: (mapped.x1 + mapped.x2) / 2, y: (mapped.y1 + mapped.y2) / 2)
        let displayed = Point(x: u, y: size.height - v)
        var best = (rotation: swapped ? 90 : 0, distance: Double.infinity)
        for rotation in [0, 90, 180, 270] {
            let geometry = PageGeometry(cropBox: crop, rotation: rotation)
            guard geometry.displayedSize.width.distance(to: size.width).magnitude < 0.5 else { continue }
            let expected = geometry.userSpace(displayed)
            // Poppler may report the rectangle relative to the crop box origin.
            for origin in [Point(x: 0, y: 0), Point(x: crop.minX, y: crop.minY)] {
                let d = hypot(expected.x - origin.x - centre.x, expected.y - origin.y - centre.y)
                if d < best.distance { best = (rotation, d) }
            }
        }
        return best.rotation
    }

    /// The mapping between this page's displayed space and PDF user space.
    public var geometry: PageGeometry {
        PageGeometry(cropBox: cropBox, rotation: rotation)
    }

    /// The printed page label (`/PageLabels`, e.g. "iv" or "A-3"), or the
    /// page number as text when the document defines none. The
    /// corresponding C function is `poppler_page_get_label`.
    public var label: String {
        takeGString(poppler_page_get_label(handle)) ?? String(number)
    }

    /// The page's text in Poppler's reading order, without glyph boxes:
    /// blocks and columns regrouped, like `pdftotext`. The corresponding C
    /// function is `poppler_page_get_text`.
    public func readingOrderPlainText() -> String {
        takeGString(poppler_page_get_text(handle)) ?? ""
    }

    /// The page's text in content-stream order — the order PDF.js's text
    /// layer has, so the order of the selectors in notes — with one glyph
    /// box per Unicode scalar (see ``PageText``). The corresponding C++ is
    /// Poppler's `TextOutputDev` with raw order (what `pdftotext -raw`
    /// prints). Falls back to ``readingOrderText()`` when Poppler's core
    /// cannot read the page.
    public func text() -> PageText {
        guard let words = document.contentOrder?.words(page: number) else { return readingOrderText() }
        return PageText(pageNumber: number, contentWords: words, pageSize: size)
    }

    /// The page's text in Poppler's reading order (blocks and columns
    /// regrouped, like `pdftotext`), with one glyph box per Unicode scalar.
    /// The corresponding C functions are `poppler_page_get_text` and
    /// `poppler_page_get_text_layout` (which share one text extraction).
    public func readingOrderText() -> PageText {
        let scalars = Array(readingOrderPlainText().unicodeScalars)
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        var boxes: [Rect] = []
        if poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles {
            defer { g_free(rectangles) }
            boxes.reserveCapacity(Int(count))
            for r in UnsafeBufferPointer(start: rectangles, count: Int(count)) {
                boxes.append(Rect(minX: r.x1, minY: r.y1, maxX: r.x2, maxY: r.y2))
            }
        }
        let aligned = boxes.count == scalars.count
        if aligned { repairFlatBoxes(&boxes, scalars: scalars) }
        if boxes.count > scalars.count {
            boxes.removeLast(boxes.count - scalars.count)
        } else if boxes.count < scalars.count {
            let filler = boxes.last ?? Rect(minX: 0, minY: 0, maxX: 0, maxY: 0)
            boxes.append(contentsOf: repeatElement(filler, count: scalars.count - boxes.count))
        }
        return PageText(pageNumber: number, scalars: scalars, boxes: boxes, boxesAligned: aligned)
    }

    /// Gives glyphs of fonts with implausible metrics a box of their font
    /// size. The corresponding C function is `poppler_page_get_text_attributes`.
    ///
    /// Poppler makes a glyph's box from the font descriptor's `/Ascent` and
    /// `/Descent`; some fonts (pdfTeX's Type 1 Linux Biolinum, among others)
    /// declare an ascent of half the x-height and no descent, so their boxes
    /// are a sliver a few points high, and a highlight drawn from them covers
    /// a third of the line (and other readers, matching glyphs to highlights
    /// by overlap, find no text under it). A glyph box lower than 0.6 × the
    /// font size — and no wider than 1.5 × it, so not a glyph of vertical
    /// text — becomes one font size high, a fifth of it below the box's
    /// lower edge (taken as the baseline) and the rest above. Boxes are in
    /// top-left page space (y grows downwards), points; indices are scalar
    /// offsets, as in ``PageText``.
    ///
    /// Font sizes cost a third again of the extraction, so they are asked
    /// for only on pages where some ASCII letters' boxes are lower than they
    /// are wide (at least one in twenty): Latin letters are about half as wide
    /// as their font size and their boxes about one font size high.
    private func repairFlatBoxes(_ boxes: inout [Rect], scalars: [Unicode.Scalar]) {
        var letters = 0
        var flat = 0
        for (scalar, box) in zip(scalars, boxes) where (97...122).contains(scalar.value | 0x20) {
            letters += 1
            if box.maxY - box.minY < 1.1 * (box.maxX - box.minX) { flat += 1 }
        }
        guard letters > 0, flat * 20 >= letters else { return }
        guard let list = poppler_page_get_text_attributes(handle) else { return }
        defer { poppler_page_free_text_attributes(list) }
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            defer { node = current.pointee.next }
            guard let attributes = current.pointee.data?.assumingMemoryBound(to: PopplerTextAttributes.self).pointee else { continue }
            let size = attributes.font_size
            let first = Int(attributes.start_index)
            let last = Int(attributes.end_index)
            guard size > 0, first >= 0, first <= last, last < boxes.count else { continue }
            for i in first...last where !scalars[i].properties.isWhitespace {
                let box = boxes[i]
                let height = box.maxY - box.minY
                guard height > 0, height < 0.6 * size, box.maxX - box.minX <= 1.5 * size else { continue }
                let bottom = box.maxY + 0.2 * size
                boxes[i] = Rect(minX: box.minX, minY: bottom - size, maxX: box.maxX, maxY: bottom)
            }
        }
    }
}
