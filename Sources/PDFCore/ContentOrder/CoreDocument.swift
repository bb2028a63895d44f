import Foundation
internal import CPopplerCore

/// An open PDF in Poppler's core C++ API: the one owner of a `PDFDoc`
/// (through CPopplerCore's C interface).
///
/// poppler-glib has no way to get a page's text in content-stream order
/// (its text extraction always regroups blocks and columns), so
/// ``PDFDocument`` opens the file a second time here, lazily, for
/// ``PDFPage/text()``. Not `Sendable`, like ``PDFDocument``: one per thread.
final class CoreDocument {
    private let handle: OpaquePointer
    /// The number of pages Poppler's core sees.
    let pageCount: Int

    /// Opens `resolvedPath` (already checked by ``PDFDocument``); `path` is
    /// the name errors carry. The corresponding C++ is `PDFDoc::PDFDoc`.
    init(resolvedPath: String, path: String, password: String?) throws(PDFError) {
        PopplerSetup.done
        var error = PDFANCHOR_CORE_OK
        guard let document = pdfanchor_core_open(resolvedPath, password, &error) else {
            switch error {
            case PDFANCHOR_CORE_ENCRYPTED:
                throw password == nil ? .passwordRequired(path: path) : .wrongPassword(path: path)
            case PDFANCHOR_CORE_OPEN_FAILED:
                throw .unreadable(path: path, reason: "Poppler could not open it")
            default:
                throw .damaged(path: path, reason: "Poppler could not read it")
            }
        }
        handle = document
        pageCount = Int(pdfanchor_core_page_count(document))
    }

    deinit {
        pdfanchor_core_close(handle)
    }

    /// The annotations of page `number` (1-based) that have a name (`/NM`):
    /// each name with its object number and generation. The corresponding
    /// C function is `pdfanchor_core_page_annotations`.
    func namedAnnotations(page number: Int) -> [(name: String, number: Int, generation: Int)] {
        var count: Int32 = 0
        guard let list = pdfanchor_core_page_annotations(handle, Int32(number - 1), &count) else { return [] }
        defer { pdfanchor_core_annotations_free(list, count) }
        return (0..<Int(count)).compactMap { k in
            list[k].name.map { (String(cString: $0), Int(list[k].number), Int(list[k].generation)) }
        }
    }

    /// The entries of the `/Annots` array of the page at 1-based `number`
    /// as their dictionaries are written (see ``CoreAnnotationEntry``): the
    /// first `limit` (the rest not fetched), and how many the array has;
    /// strings cut at `maxStringBytes` bytes, arrays at `maxNumbers`
    /// elements. Nil when Poppler cannot read the page. The corresponding C
    /// function is `pdfanchor_core_page_annotation_entries`.
    func annotationEntries(page number: Int, limit: Int, maxStringBytes: Int, maxNumbers: Int)
        -> (entries: [CoreAnnotationEntry], total: Int)?
    {
        let clamped = { (value: Int) in Int32(clamping: max(0, value)) }
        var raw = PDFAnchorCoreAnnotationEntries()
        guard pdfanchor_core_page_annotation_entries(
            handle, Int32(clamping: number - 1), clamped(limit), clamped(maxStringBytes), clamped(maxNumbers), &raw)
        else { return nil }
        defer { pdfanchor_core_annotation_entries_free(&raw) }
        return (Self.entries(of: raw), Int(raw.total))
    }

    /// The document's title from its Info dictionary, if any. The
    /// corresponding C function is `pdfanchor_core_title`.
    var title: String? {
        var length: Int32 = 0
        guard let characters = pdfanchor_core_title(handle, &length) else { return nil }
        defer { free(characters) }
        var view = String.UnicodeScalarView()
        for i in 0..<Int(length) { view.append(Unicode.Scalar(characters[i]) ?? "\u{FFFD}") }
        let title = String(view)
        return title.isEmpty ? nil : title
    }

    /// The crop box (PDF user space), `/Rotate` and printed label of the
    /// page at 1-based `number`, or nil when Poppler cannot read the page.
    /// The corresponding C function is `pdfanchor_core_page_info`.
    func pageInfo(page number: Int) -> (cropBox: Rect, rotation: Int, label: String?)? {
        var info = PDFAnchorCorePageInfo()
        guard pdfanchor_core_page_info(handle, Int32(number - 1), &info) else { return nil }
        defer { pdfanchor_core_page_info_free(&info) }
        var label: String?
        if let characters = info.label, info.labelLength > 0 {
            var view = String.UnicodeScalarView()
            for i in 0..<Int(info.labelLength) { view.append(Unicode.Scalar(characters[i]) ?? "\u{FFFD}") }
            label = String(view)
        }
        let crop = Rect(
            minX: min(info.cropX1, info.cropX2), minY: min(info.cropY1, info.cropY2),
            maxX: max(info.cropX1, info.cropX2), maxY: max(info.cropY1, info.cropY2))
        return (crop, Int(info.rotation), label)
    }

    /// How many bytes of text the content stream of the page at 1-based
    /// `number` shows (the bytes of its string operands), -1 when unknown.
    /// The corresponding C function is `pdfanchor_core_page_text_bytes`.
    func textBytes(page number: Int) -> Int {
        Int(pdfanchor_core_page_text_bytes(handle, Int32(number - 1)))
    }

    /// The words of the page at 1-based `number` in content-stream order, or
    /// nil when Poppler cannot read the page; with `pdfjsGlyphNames`, the
    /// glyph names of TeX's fonts mapped as PDF.js maps them (see
    /// ``PDFjsPageText``). The corresponding C++ is `TextOutputDev`
    /// (rawOrder) and `TextPage::makeWordList`.
    func words(page number: Int, pdfjsGlyphNames: Bool = false) -> [ContentWord]? {
        var raw = PDFAnchorCoreWords()
        let read = pdfjsGlyphNames ? pdfanchor_core_page_words_pdfjs : pdfanchor_core_page_words
        guard read(handle, Int32(number - 1), &raw) else { return nil }
        defer { pdfanchor_core_words_free(&raw) }
        let count = Int(raw.wordCount)
        var words: [ContentWord] = []
        words.reserveCapacity(count)
        guard count > 0, let characters = raw.characters, let boxes = raw.boxes, let starts = raw.wordStarts,
            let sizes = raw.fontSizes, let baselines = raw.baselines, let rotations = raw.rotations
        else { return [] }
        for k in 0..<count {
            let range = Int(starts[k])..<Int(starts[k + 1])
            var scalars: [Unicode.Scalar] = []
            var glyphs: [Rect] = []
            scalars.reserveCapacity(range.count)
            glyphs.reserveCapacity(range.count)
            for i in range {
                // Poppler's characters are not checked: a surrogate or a
                // value beyond U+10FFFF becomes U+FFFD.
                scalars.append(Unicode.Scalar(characters[i]) ?? "\u{FFFD}")
                let b = boxes[i]
                glyphs.append(Rect(minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY))
            }
            var word = ContentWord(scalars: scalars, boxes: glyphs, fontSize: sizes[k], baseline: baselines[k], rotation: Int(rotations[k]) & 3)
            if let flags = raw.pdfjsFlags { word.pdfjsFlags = range.map { PDFjsFlags(rawValue: flags[$0]) } }
            words.append(word)
        }
        return words
    }
}
