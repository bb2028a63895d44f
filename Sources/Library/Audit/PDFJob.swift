import Anchoring
import Foundation
import Notes
import PDFCore

/// One PDF's work in an audit: open it, anchor the annotations of every note
/// that uses it — reading only the pages they need, with what earlier
/// audits learnt of its page lengths — read the annotations it holds
/// itself when no earlier audit did (``EmbeddedInventory``), and remember
/// the results. A job without items but those annotations to read reads
/// only them.
///
/// The same job runs in this process or, sent as one line of JSON, in a
/// worker process (``AnchorWorker``): one road for both.
struct PDFJob: Codable, Sendable {
    var pdf: String
    var fingerprint: PDFFingerprint
    var items: [Item]
    /// The vault whose cache holds results and page lengths (nil: no cache).
    var cacheVault: String?
    /// Whether the result carries each annotation's result, or counts and orphans only.
    var detail = true
    var options = AnchorOptions()
    /// Read every page of the PDF, not only those the notes need.
    var readAll = false
    /// Read the annotations the PDF holds itself (no earlier audit of the
    /// file as it is did).
    var readEmbedded = false
    /// Without ``detail``, keep where each found annotation is (the PDF
    /// holds markup that the notes' annotations are matched against by place).
    var keepPlaces = false

    struct Item: Codable, Sendable {
        var note: String
        /// SHA-256 of the note as planned: a note changed since is not anchored.
        var noteHash: String
        /// The annotations to anchor (ids, in note order).
        var ids: [String]
        var located: PDFLocator.Located
        /// Where the note's report is cached (encoded as the stored string).
        var cacheKey: CacheKey
    }

    /// What the job found: one report per item (or why that note could not
    /// be used), or why the PDF could not be used; and the PDF's page count.
    struct Result: Codable, Sendable {
        var reports: [CheckReport?] = []
        var itemErrors: [String?] = []
        /// Why nothing was anchored (the PDF cannot be opened, or the worker failed).
        var error: String?
        /// When the PDF cannot be opened: PDFError's code and detail.
        var openErrorCode: String?
        var openErrorDetail: String?
        var pages: Int?
        /// The annotations the PDF holds itself, when the job read them.
        var embedded: EmbeddedInventory?

        /// Why the PDF cannot be opened, as the error it was.
        func openError(path: String) -> PDFError? {
            openErrorCode.map { PDFError(code: $0, path: path, detail: openErrorDetail) }
        }
    }

    /// Runs the job. `sources` are the items' annotations when they are at
    /// hand (in this process); otherwise each note is read again and must
    /// still hold the bytes it was planned from.
    func run(sources: [AnnotationSource?]? = nil, cache: AuditCache?) async -> Result {
        // A job only for the PDF's own annotations does not read its pages.
        var result = items.isEmpty && readEmbedded ? Result() : await anchor(sources: sources, cache: cache)
        // After anchoring, so that a PDF whose annotations cannot be read keeps its results.
        if readEmbedded {
            let inventory = EmbeddedInventory.read(pdf)
            result.embedded = inventory
            if let identity = AuditCache.FileIdentity.of(pdf) { cache?.store(embedded: inventory, path: pdf, identity: identity) }
        }
        guard !detail else { return result }
        // Without detail, the orphans only (the reports list their ids) — and
        // where the others were found, when the PDF's markup is matched against them.
        let places = keepPlaces || result.embedded?.markup.isEmpty == false
        for k in result.reports.indices {
            guard var report = result.reports[k] else { continue }
            report.annotations = report.annotations.compactMap { found in
                if found.status == .orphaned { return found }
                guard places, !found.rects.isEmpty else { return nil }
                var place = AnchorResult(id: found.id, status: found.status)
                place.rects = found.rects
                return place
            }
            result.reports[k] = report
        }
        return result
    }

    /// Anchors the items' annotations.
    private func anchor(sources: [AnnotationSource?]?, cache: AuditCache?) async -> Result {
        var result = Result(reports: Array(repeating: nil, count: items.count), itemErrors: Array(repeating: nil, count: items.count))
        var ready: [(index: Int, source: AnnotationSource, located: PDFLocator.Located)] = []
        for (k, item) in items.enumerated() {
            if let source = sources?[k] {
                ready.append((k, source, item.located))
                continue
            }
            guard let data = FileManager.default.contents(atPath: item.note), Checksum.sha256(data) == item.noteHash else {
                result.itemErrors[k] = "the note changed during the audit; audit again"
                continue
            }
            let source = AnnotationSource(path: item.note, bytes: [UInt8](data))
            let wanted = Set(item.ids)
            ready.append(
                (k, AnnotationSource(path: item.note, note: nil, annotations: source.annotations.filter { wanted.contains($0.id) }, diagnostics: []),
                 item.located))
        }
        let identity = AuditCache.FileIdentity.of(pdf)
        let known = identity.flatMap { cache?.positionModel(path: pdf, identity: $0) }
        let checked: (reports: [CheckReport], model: PositionModel)
        do {
            checked = try await NoteChecker(options: options, workers: 1, readAll: readAll, cache: cache).check(ready.map { ($0.source, $0.located) }, pdf: pdf, fingerprint: fingerprint, known: known)
        } catch {
            result.error = error.reason
            result.openErrorCode = error.code
            result.openErrorDetail = error.detail
            if let identity { cache?.store(openError: error, path: pdf, identity: identity) }
            return result
        }
        result.pages = checked.model.pageCount
        if let identity, checked.model != known { cache?.store(model: checked.model, path: pdf, identity: identity) }
        for (entry, report) in zip(ready, checked.reports) {
            cache?.store(report: report, key: items[entry.index].cacheKey)
            result.reports[entry.index] = report
        }
        return result
    }
}
