import Foundation

extension PDFDocument {
    /// Every annotation the document's pages hold (all subtypes: Link,
    /// Widget and Popup too), read from the dictionaries of each page's
    /// `/Annots` as written, and what could not be read.
    ///
    /// Each page's annotations come in the order its `/Annots` lists them,
    /// pages in order. Coordinates are in top-left page space (points,
    /// origin at the top-left corner of the page as displayed: crop box,
    /// `/Rotate` applied). `/IRT` is kept as a reference and not followed.
    ///
    /// Nothing here throws; what cannot be read becomes a problem and the
    /// rest is read:
    /// - an entry that is not a dictionary, or has no `/Subtype` name, is
    ///   left out (``PDFAnnotationProblem/Code/notADictionary``,
    ///   ``PDFAnnotationProblem/Code/noSubtype``);
    /// - an annotation with neither a usable `/Rect` nor (text markup) a
    ///   usable quadrilateral is left out (``PDFAnnotationProblem/Code/noPlace``);
    /// - a page Poppler cannot read is skipped
    ///   (``PDFAnnotationProblem/Code/pageUnreadable``; also once, on the
    ///   first page asked for, when the document cannot be opened in
    ///   Poppler's core API at all);
    /// - lesser faults (QuadPoints of the wrong length, a quadrilateral
    ///   with a coordinate that is not a number or beyond ±10⁷ points, a
    ///   string cut at 1 MiB, …) are sentences in the annotation's
    ///   ``PDFAnnotation/problems``.
    ///
    /// - Parameters:
    ///   - pages: the 1-based pages to read (clamped to the document's);
    ///     all when nil.
    ///   - limit: at most this many annotations a reader shows (kinds other
    ///     than ``PDFAnnotation/Kind/other``: Links, widgets and Popups do
    ///     not count, so a manual's 10,000 hyperlinks leave its highlights
    ///     read) are kept, in page order; and at most ``PDFAnnotationList/entryLimit``
    ///     `/Annots` entries of any kind are fetched. Past either, the rest
    ///     are counted from the arrays' lengths without being fetched, and
    ///     one ``PDFAnnotationProblem/Code/tooMany`` problem, on the page
    ///     where reading stopped, says how many were skipped.
    ///
    /// The corresponding C function is `pdfanchor_core_page_annotation_entries`
    /// (Poppler's `Page::getAnnotsObject`, `Array::getNF`, `Object::fetch`:
    /// no `Annot` objects are made).
    public func annotations(pages: ClosedRange<Int>? = nil, limit: Int = PDFAnnotationList.limit) -> PDFAnnotationList {
        guard let core = contentOrder else {
            let all = 1...pageCount
            let wanted = pages.map { $0.clamped(to: all) } ?? all
            guard !wanted.isEmpty, (pages.map { $0.overlaps(all) } ?? true) else { return PDFAnnotationList() }
            return PDFAnnotationList(problems: [
                PDFAnnotationProblem(
                    code: .pageUnreadable, page: wanted.lowerBound,
                    message: "The document cannot be opened in Poppler's core API: no annotation was read.")
            ])
        }
        return core.annotations(pages: pages, limit: limit)
    }
}

extension CoreDocument {
    /// The annotations of the document (see ``PDFDocument/annotations(pages:limit:)``).
    func annotations(pages: ClosedRange<Int>?, limit: Int) -> PDFAnnotationList {
        var list = PDFAnnotationList()
        guard pageCount > 0 else { return list }
        let all = 1...pageCount
        let wanted = pages.map { $0.clamped(to: all) } ?? all
        guard !wanted.isEmpty, (pages.map { $0.overlaps(all) } ?? true) else { return list }
        let limit = max(0, limit)
        var entryBudget = PDFAnnotationList.entryLimit
        var kept = 0
        var skipped = 0
        var stoppedOn: Int?
        for number in wanted {
            let budget = kept < limit ? entryBudget : 0
            guard
                let read = annotationEntries(
                    page: number, limit: budget, maxStringBytes: AnnotationReader.maxStringBytes,
                    maxNumbers: AnnotationReader.maxNumbers)
            else {
                list.problems.append(
                    PDFAnnotationProblem(code: .pageUnreadable, page: number, message: "Page \(number) cannot be read: its annotations are left out."))
                continue
            }
            entryBudget -= read.entries.count
            if read.total > read.entries.count {
                skipped += read.total - read.entries.count
                stoppedOn = stoppedOn ?? number
            }
            guard !read.entries.isEmpty else { continue }
            guard let info = pageInfo(page: number) else {
                list.problems.append(
                    PDFAnnotationProblem(code: .pageUnreadable, page: number, message: "Page \(number) cannot be read: its annotations are left out."))
                continue
            }
            let reader = AnnotationReader(page: number, geometry: PageGeometry(cropBox: info.cropBox, rotation: info.rotation))
            for (index, entry) in read.entries.enumerated() {
                switch reader.annotation(entry, index: index) {
                case .success(let annotation):
                    if annotation.kind != .other {
                        guard kept < limit else {
                            skipped += 1
                            stoppedOn = stoppedOn ?? number
                            continue
                        }
                        kept += 1
                    }
                    list.annotations.append(annotation)
                case .failure(let problem): list.problems.append(problem)
                }
            }
        }
        if skipped > 0, let stoppedOn {
            list.problems.append(
                PDFAnnotationProblem(
                    code: .tooMany, page: stoppedOn,
                    message: "More annotations than PDFAnchor reads from one PDF (\(limit) highlights and notes, \(PDFAnnotationList.entryLimit) entries of /Annots in all): \(skipped) more from page \(stoppedOn) on were not read."))
        }
        return list
    }
}
