public import Foundation
internal import CPoppler

extension RGBColor {
    /// A colour from `#rrggbb` or `rrggbb`, or one of a few names (yellow,
    /// green, blue, pink, orange, red, purple); nil when it is neither.
    public init?(named text: String) {
        let names: [String: String] = [
            "yellow": "ffeb3b", "green": "8bc34a", "blue": "64b5f6", "pink": "f48fb1", "orange": "ffb74d",
            "red": "e57373", "purple": "ba68c8",
        ]
        self.init(hex: names[text.lowercased()] ?? text)
    }

    /// `#rrggbb`.
    public var hex: String {
        let byte = { (value: Double) in String(format: "%02x", Int((min(1, max(0, value)) * 255).rounded())) }
        return "#" + byte(red) + byte(green) + byte(blue)
    }
}

/// One highlight annotation to write into a PDF.
public struct HighlightAnnotation: Sendable {
    /// The 1-based page number.
    public var page: Int
    /// One rectangle per line, in **top-left page space** (points, origin
    /// at the top-left of the page as displayed). They become the
    /// annotation's `/QuadPoints`, in PDF user space.
    public var rects: [Rect]
    /// The annotation's unique name (`/NM`): the note's block id.
    public var name: String
    /// The comment (`/Contents`).
    public var contents: String?
    /// The author (`/T`).
    public var author: String?
    /// A subject line (`/Subj`): the note's tags.
    public var subject: String?
    /// The highlight's colour (`/C`).
    public var color: RGBColor
    /// When the annotation was made (`/CreationDate`).
    public var created: Date?
    /// When it was last changed (`/M`).
    public var modified: Date?

    /// A highlight on 1-based `page` over `rects` (top-left page space),
    /// named `name`.
    public init(
        page: Int, rects: [Rect], name: String, contents: String? = nil, author: String? = nil,
        subject: String? = nil, color: RGBColor = .highlighterYellow, created: Date? = nil, modified: Date? = nil
    ) {
        self.page = page
        self.rects = rects
        self.name = name
        self.contents = contents
        self.author = author
        self.subject = subject
        self.color = color
        self.created = created
        self.modified = modified
    }
}

/// Writes highlight annotations into a copy of a PDF.
///
/// Poppler adds the annotations (it updates the pages' `/Annots`) and saves
/// them as an incremental update, so the original bytes stay as they were.
/// poppler-glib cannot set `/NM`, `/CreationDate` or `/Subj`, so a second,
/// small incremental update rewrites the new annotation objects with them.
/// The newest trailer carries the `/ID` that gives the copy the source's
/// PDF.js fingerprint — the source's own, or, when the source has no usable
/// `/ID` (its fingerprint is an MD5 of its first KiB), that MD5 as its
/// `/ID`, which PDF.js turns into the same fingerprint.
public enum HighlightExport {
    /// The bytes of a copy of the PDF at `source` with `highlights` added.
    /// Nothing is written to `source`.
    ///
    /// The copy is made from one reading of the file — `original` when
    /// given (the bytes a caller read and will compare the file with before
    /// replacing it), else the file as it is now — never from a second read
    /// that another program's write could have changed. Poppler works on a
    /// copy of those bytes in a private ``ScratchFolder`` (mode 0700, files
    /// 0600), removed before this returns.
    ///
    /// - Throws: a ``PDFError`` naming `source`: the errors of opening it,
    ///   ``PDFError/pageOutOfRange(path:page:pageCount:)`` for a highlight
    ///   on a page the PDF does not have, ``PDFError/writeFailed(path:reason:)``
    ///   when the copy cannot be made (a full temporary folder said as such)
    ///   or would not keep the fingerprint.
    ///   The corresponding C functions are
    ///   `poppler_annot_text_markup_new_highlight`, `poppler_page_add_annot`
    ///   and `poppler_document_save`.
    public static func pdf(
        from source: String, original: Data? = nil, password: String? = nil, highlights: [HighlightAnnotation]
    ) throws(PDFError) -> Data {
        let sourceBytes: [UInt8]
        if let original {
            sourceBytes = [UInt8](original)
        } else {
            do {
                let reader = try ByteReader(path: source)
                sourceBytes = reader.bytes(0..<reader.count)
            } catch {
                throw PDFError(opening: source, code: error.code, message: error.message)
            }
        }
        let fingerprint = try PDFFingerprint.compute(bytes: sourceBytes, path: source)
        let sourceTrailer = TrailerReader(reader: ByteReader(bytes: sourceBytes)).trailer()?.dictionary
        if let reason = refusal(trailer: sourceTrailer) { throw .writeFailed(path: source, reason: reason) }
        let folder = try ScratchFolder(for: source)
        let copy = folder.file("source.pdf")
        let scratch = folder.file("annotated.pdf")
        do {
            try Data(sourceBytes).write(to: URL(fileURLWithPath: copy))
        } catch {
            throw .writeFailed(
                path: source, reason: folder.lacksRoom(for: sourceBytes.count) ?? "a working copy cannot be written in \(folder.path) (\(error.localizedDescription))")
        }
        do {
            return try annotated(copy, saving: scratch, in: folder, source: source, sourceBytes: sourceBytes, password: password, highlights: highlights, fingerprint: fingerprint, sourceTrailer: sourceTrailer)
        } catch {
            // Said of the user's file, not of the working copy.
            throw error.naming(source)
        }
    }

    /// The work of ``pdf(from:original:password:highlights:)`` on the
    /// working copy `copy` of `source`'s bytes, saved by Poppler to `scratch`.
    private static func annotated(
        _ copy: String, saving scratch: String, in folder: ScratchFolder, source: String, sourceBytes: [UInt8], password: String?,
        highlights: [HighlightAnnotation], fingerprint: PDFFingerprint, sourceTrailer: [String: PDFObject]?
    ) throws(PDFError) -> Data {
        let document = try PDFDocument(path: copy, password: password)

        // 1. Poppler adds the annotations, each marked with a temporary /T.
        var pages: [Int: PDFPage] = [:]
        for (k, highlight) in highlights.enumerated() where !highlight.rects.isEmpty {
            let page: PDFPage
            if let open = pages[highlight.page] {
                page = open
            } else {
                page = try document.page(highlight.page)
                pages[highlight.page] = page
            }
            try add(highlight, marker: marker(k), to: page, document: document)
        }
        var error: UnsafeMutablePointer<GError>?
        guard let uri = takeGString(g_filename_to_uri(scratch, nil, &error)) else {
            throw .writeFailed(path: source, reason: takeGError(error)?.message ?? "cannot make a file URI")
        }
        let full = { folder.lacksRoom(for: sourceBytes.count) }
        guard poppler_document_save(document.handle, uri, &error) != 0 else {
            throw .writeFailed(path: source, reason: full() ?? takeGError(error)?.message ?? "Poppler could not save the copy")
        }

        // 2. Our update: the annotations with what Poppler cannot set, and the /ID.
        var bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: scratch)))
        } catch {
            throw .writeFailed(path: source, reason: full() ?? "Poppler's copy cannot be read back: \(error.localizedDescription)")
        }
        let update: IncrementalUpdate
        do {
            update = try IncrementalUpdate(file: scratch, source: source)
        } catch {
            // A save cut short by a full disk leaves a copy without its trailer.
            if let full = full() { throw .writeFailed(path: source, reason: full) }
            throw error
        }
        var objects: [(number: Int, generation: Int, object: PDFObject)] = []
        let found = update.markedAnnotations(prefix: markerPrefix)
        for (k, highlight) in highlights.enumerated() where !highlight.rects.isEmpty {
            guard let (number, generation, dictionary) = found[marker(k)] else {
                // A save cut short by a full disk has lost its last objects.
                throw .writeFailed(path: source, reason: full() ?? "Poppler's copy lacks highlight \(highlight.name)")
            }
            objects.append((number, generation, .dictionary(completed(dictionary, with: highlight))))
        }
        let id: PDFObject
        if case .array(let ids)? = sourceTrailer?["ID"], fingerprint.source == .trailerID {
            id = .array(ids)
        } else {
            let md5 = hexBytes(fingerprint.primary)
            id = .array([.string(md5), .string(md5)])
        }
        bytes += try update.section(replacing: objects, id: id, fileLength: bytes.count)

        // 3. The copy must keep the source's fingerprint: check it as PDF.js would.
        let kept = try PDFFingerprint.compute(bytes: bytes, path: source)
        guard kept.primary == fingerprint.primary else {
            throw .writeFailed(path: source, reason: "the copy's fingerprint would be \(kept.primary), not \(fingerprint.primary)")
        }
        return Data(bytes)
    }

    static let markerPrefix = "pdfanchor-export-"
    private static func marker(_ k: Int) -> String { markerPrefix + String(k) }

    /// Adds one highlight to `page` through Poppler.
    private static func add(_ highlight: HighlightAnnotation, marker: String, to page: PDFPage, document: PDFDocument) throws(PDFError) {
        // Poppler takes coordinates with the origin at the bottom-left of the
        // page as displayed (crop box origin, rotation applied) and converts
        // them to user space itself.
        let height = page.size.height
        let quads = highlight.rects.map { r in
            PopplerQuadrilateral(
                p1: PopplerPoint(x: r.minX, y: height - r.minY), p2: PopplerPoint(x: r.maxX, y: height - r.minY),
                p3: PopplerPoint(x: r.minX, y: height - r.maxY), p4: PopplerPoint(x: r.maxX, y: height - r.maxY))
        }
        var bounds = PopplerRectangle(
            x1: highlight.rects.map(\.minX).min()!, y1: height - highlight.rects.map(\.maxY).max()!,
            x2: highlight.rects.map(\.maxX).max()!, y2: height - highlight.rects.map(\.minY).min()!)
        guard let array = g_array_sized_new(0, 0, guint(MemoryLayout<PopplerQuadrilateral>.stride), guint(quads.count)) else {
            throw .writeFailed(path: document.path, reason: "out of memory")
        }
        defer { g_array_unref(array) }
        for var quad in quads { g_array_append_vals(array, &quad, 1) }
        guard let annotation = poppler_annot_text_markup_new_highlight(document.handle, &bounds, array) else {
            throw .writeFailed(path: document.path, reason: "Poppler could not make a highlight on page \(highlight.page)")
        }
        let owner = AnnotationHandle(annotation)
        if let contents = highlight.contents, !contents.isEmpty { poppler_annot_set_contents(owner.handle, contents) }
        var color = PopplerColor(
            red: guint16(highlight.color.red * 65535), green: guint16(highlight.color.green * 65535),
            blue: guint16(highlight.color.blue * 65535))
        poppler_annot_set_color(owner.handle, &color)
        poppler_annot_markup_set_label(owner.handle, marker)
        poppler_page_add_annot(page.handle, owner.handle)
    }

    /// The annotation dictionary Poppler wrote, with the entries it cannot set.
    private static func completed(_ dictionary: [String: PDFObject], with highlight: HighlightAnnotation) -> [String: PDFObject] {
        var entries = dictionary
        entries["T"] = highlight.author.map { PDFObject.text($0) }
        entries["NM"] = PDFObject.text(highlight.name)
        entries["Subj"] = highlight.subject.map { PDFObject.text($0) }
        // Printable, like the highlights of other readers.
        entries["F"] = .integer(4)
        if let created = highlight.created { entries["CreationDate"] = .string(Array(pdfDate(created).utf8)) }
        if let modified = highlight.modified ?? highlight.created { entries["M"] = .string(Array(pdfDate(modified).utf8)) }
        return entries
    }

    /// A PDF date string (ISO 32000-1 §7.9.4), in UTC.
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append((PDFLexer.hexValue(high) ?? 0) << 4 | (PDFLexer.hexValue(low) ?? 0))
        }
        return bytes
    }

    /// Why highlights cannot be added to the PDF at `source`, or nil when
    /// they can (as far as its trailer tells: an encrypted PDF cannot take
    /// them). For a plan to say so before anything is written.
    public static func refusal(for source: String) -> String? {
        refusal(trailer: try? trailer(of: source))
    }

    private static func refusal(trailer: [String: PDFObject]?) -> String? {
        guard trailer?["Encrypt"] != nil else { return nil }
        return "the PDF is encrypted; PDFAnchor cannot add annotations to it"
    }

    private static func trailer(of path: String) throws(PDFError) -> [String: PDFObject]? {
        do {
            return TrailerReader(reader: try ByteReader(path: path)).trailer()?.dictionary
        } catch {
            throw PDFError(opening: path, code: error.code, message: error.message)
        }
    }
}

/// The one owner of a `PopplerAnnot` made here.
private final class AnnotationHandle {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }
}

/// A highlight annotation found in a PDF.
public struct PageHighlight: Sendable, Hashable {
    /// Its unique name (`/NM`), if it has one.
    public var name: String?
    /// Its text (`/Contents`).
    public var contents: String?
    /// Its quadrilaterals as rectangles in **top-left page space** (points,
    /// origin at the top-left of the page as displayed), one per line.
    public var rects: [Rect]
    /// Its colour (`/C`), if it has one.
    public var color: RGBColor?
    /// Its author (`/T`), if it has one.
    public var author: String?
}

extension PDFPage {
    /// The page's highlight annotations, in the order the page lists them.
    /// The corresponding C functions are `poppler_page_get_annot_mapping`,
    /// `poppler_annot_text_markup_get_quadrilaterals` and
    /// `poppler_annot_markup_get_label` (the author).
    public var highlights: [PageHighlight] {
        guard let mapping = poppler_page_get_annot_mapping(handle) else { return [] }
        defer { poppler_page_free_annot_mapping(mapping) }
        // Poppler gives quadrilaterals in PDF user space less the crop box's
        // origin, before the page's /Rotate (it converts only the points it
        // is given when adding); back to top-left page space as displayed.
        let geometry = self.geometry
        var found: [PageHighlight] = []
        var node: UnsafeMutablePointer<GList>? = mapping
        while let current = node {
            defer { node = current.pointee.next }
            guard let item = current.pointee.data?.assumingMemoryBound(to: PopplerAnnotMapping.self),
                let annotation = item.pointee.annot,
                poppler_annot_get_annot_type(annotation) == POPPLER_ANNOT_HIGHLIGHT
            else { continue }
            var highlight = PageHighlight(
                name: takeGString(poppler_annot_get_name(annotation)),
                contents: takeGString(poppler_annot_get_contents(annotation)), rects: [], color: nil,
                author: takeGString(poppler_annot_markup_get_label(annotation)))
            if let color = poppler_annot_get_color(annotation) {
                defer { g_free(color) }
                highlight.color = RGBColor(
                    red: Double(color.pointee.red) / 65535, green: Double(color.pointee.green) / 65535,
                    blue: Double(color.pointee.blue) / 65535)
            }
            if let quads = poppler_annot_text_markup_get_quadrilaterals(annotation) {
                defer { g_array_unref(quads) }
                let count = Int(quads.pointee.len)
                quads.pointee.data.withMemoryRebound(to: PopplerQuadrilateral.self, capacity: count) { q in
                    for k in 0..<count {
                        let corners = [q[k].p1, q[k].p2, q[k].p3, q[k].p4].map {
                            geometry.pageSpace(Point(x: $0.x + geometry.cropBox.minX, y: $0.y + geometry.cropBox.minY))
                        }
                        let xs = corners.map(\.x)
                        let ys = corners.map(\.y)
                        highlight.rects.append(Rect(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!))
                    }
                }
            }
            found.append(highlight)
        }
        return found
    }
}
