public import Anchoring
public import Notes
public import PDFCore

/// Why a note could not be checked at all.
public enum CheckError: Error, Sendable, CustomStringConvertible {
    case note(NoteError)
    case pdfNotFound(PDFLocator.NotFound)
    case pdf(PDFError)

    public var description: String {
        switch self {
        case .note(let error): return error.description
        case .pdfNotFound(let error): return error.description
        case .pdf(let error): return error.description
        }
    }

    /// A stable code for scripts: the code of the note's, the locator's or
    /// the PDF's error.
    public var code: String {
        switch self {
        case .note(let error): return error.code.rawValue
        case .pdfNotFound(let error): return error.code
        case .pdf(let error): return error.code
        }
    }
}

/// Checks a note against its PDF: finds the PDF, verifies the fingerprint,
/// anchors every annotation, reading only the pages the annotations need
/// (see ``PageReader``).
public struct NoteChecker: Sendable {
    /// How strict the search is.
    public var options: AnchorOptions
    /// How many pages are read at once, at most.
    public var workers: Int
    /// Read every page of the PDF rather than the pages the note needs.
    public var readAll: Bool
    /// The vault's cache, where each PDF's pages are kept once read (see
    /// ``PageTextCache``): a PDF whose pages needed are kept is not opened.
    public var cache: AuditCache?

    /// A checker with these options.
    public init(
        options: AnchorOptions = AnchorOptions(), workers: Int = PageExtractor.defaultWorkers, readAll: Bool = false, cache: AuditCache? = nil
    ) {
        self.options = options
        self.workers = workers
        self.readAll = readAll
        self.cache = cache
    }

    /// A note checked against its PDF, with what the check was made from:
    /// for commands that go on to change the note or the PDF.
    public struct Checked: Sendable {
        /// The note (or Hypothesis file) as read, with its annotations and diagnostics.
        public var source: AnnotationSource
        /// The PDF, and how it was found.
        public var pdf: PDFLocator.Located
        /// The PDF's pages that were read (those of every found annotation among them).
        public var index: DocumentIndex
        /// The PDF as looked at before it was read: its fingerprints, and
        /// what later stages open it from (``PDFDocument/init(file:password:)``).
        public var file: PDFFile
        public var fingerprint: PDFFingerprint { file.fingerprint }
        /// What the check found.
        public var report: CheckReport
        /// The PDF's title from its metadata, if any.
        public var title: String?
    }

    /// Checks the note at `notePath` and keeps what it was checked with
    /// (see ``check(notePath:pdf:vault:password:)``).
    public func checkKeeping(notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil) async throws(CheckError) -> Checked {
        let source: AnnotationSource
        do {
            source = try AnnotationSource(path: notePath)
        } catch {
            throw .note(error)
        }
        let located: PDFLocator.Located
        if let pdf {
            located = PDFLocator.Located(path: pdf, source: .given, reference: nil)
        } else {
            do {
                let locator = PDFLocator(vault: vault ?? Vault.containing(note: notePath))
                if let note = source.note {
                    located = try locator.locate(note, notePath: notePath)
                } else {
                    // Hypothesis JSON: no front matter; its annotations say where.
                    located = try locator.locate(
                        target: nil, annotations: source.annotations, fingerprint: Annotation.majorityFingerprint(source.annotations), notePath: notePath)
                }
            } catch {
                throw .pdfNotFound(error)
            }
        }
        let file: PDFFile
        let outcome: PageReader.Outcome
        do {
            file = try PDFFile(path: located.path)
            var reader = PageReader(file: file, password: password, options: options, workers: workers, readAll: readAll)
            reader.store = cache?.pageStore(for: file.resolvedPath)
            outcome = try await reader.anchor(source.annotations)
        } catch {
            throw .pdf(error)
        }
        let report = report(source: source, pdf: located, outcome: outcome, results: outcome.results, fingerprint: file.fingerprint)
        return Checked(source: source, pdf: located, index: outcome.index, file: file, report: report, title: outcome.title)
    }

    /// Checks the note at `notePath`.
    /// - Parameters:
    ///   - pdf: the PDF to use instead of the one the note names.
    ///   - vault: the vault root (default: found from the note).
    ///   - password: the PDF's password, if encrypted.
    public func check(notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil) async throws(CheckError) -> CheckReport {
        try await checkKeeping(notePath: notePath, pdf: pdf, vault: vault, password: password).report
    }

    /// Checks the annotations of several notes against one PDF, reading its
    /// pages once for all of them (the audit's job for each PDF). `known` is
    /// what an earlier run learnt of the PDF's page lengths.
    /// - Returns: one report per note, in order, and what was learnt.
    public func check(
        _ notes: [(source: AnnotationSource, located: PDFLocator.Located)], pdf: String, fingerprint: PDFFingerprint,
        known: PositionModel? = nil, password: String? = nil
    ) async throws(PDFError) -> (reports: [CheckReport], model: PositionModel) {
        let all = notes.flatMap { $0.source.annotations }
        let outcome = try await reader(pdf, password: password).anchor(all, known: known)
        var reports: [CheckReport] = []
        var next = 0
        for note in notes {
            let count = note.source.annotations.count
            let results = Array(outcome.results[next..<(next + count)])
            next += count
            reports.append(report(source: note.source, pdf: note.located, outcome: outcome, results: results, fingerprint: fingerprint))
        }
        return (reports, outcome.model)
    }

    private func reader(_ path: String, password: String?) -> PageReader {
        var reader = PageReader(path: path, password: password, options: options, workers: workers, readAll: readAll)
        reader.store = cache?.pageStore(for: path)
        return reader
    }

    /// The report of a note's results.
    private func report(
        source: AnnotationSource, pdf located: PDFLocator.Located, outcome: PageReader.Outcome, results: [AnchorResult],
        fingerprint: PDFFingerprint
    ) -> CheckReport {
        let summary = CheckReport.Summary(counting: results)
        let noteFingerprint = source.note?.fingerprint ?? Annotation.majorityFingerprint(source.annotations)
        return CheckReport(
            note: source.path,
            pdf: CheckReport.PDFInfo(
                path: located.path, fingerprint: fingerprint.primary,
                fingerprintMatches: noteFingerprint.map { fingerprint.matches($0) }, noteFingerprint: noteFingerprint,
                pages: outcome.index.pages.count, pagesRead: outcome.pagesRead, foundBy: located.source,
                wholeDocument: outcome.wholeDocument, pagesFromCache: cache == nil ? nil : outcome.pagesFromStore),
            summary: summary, annotations: results, diagnostics: source.diagnostics)
    }

    /// Why the annotation `id` of a note was anchored where it was, or not
    /// at all: the check's verdict over every page, and every place
    /// considered (see ``Anchorer/explain(_:verdict:)``); nil when the note
    /// has no annotation `id`.
    public func explain(id: String, notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil) async throws(CheckError) -> Explanation? {
        let source: AnnotationSource
        do {
            source = try AnnotationSource(path: notePath)
        } catch {
            throw .note(error)
        }
        var path = pdf
        if path == nil, let note = source.note {
            do {
                path = try PDFLocator(vault: vault ?? Vault.containing(note: notePath)).locate(note, notePath: notePath).path
            } catch {
                throw .pdfNotFound(error)
            }
        }
        guard let path, let k = source.annotations.firstIndex(where: { $0.id == id }) else { return nil }
        do {
            // What the check itself reads, on demand, for the note.
            let checked = try await reader(path, password: password).anchor(source.annotations)
            let index = try await DocumentIndex.build(path: path, password: password, workers: workers)
            let anchorer = Anchorer(index: index, options: options)
            // The verdict as a check of every page gives it (the note's other annotations calibrate positions).
            let verdict = anchorer.anchor(source.annotations)[k]
            var explanation = anchorer.explain(source.annotations[k], verdict: verdict)
            // The check's own verdict, when reading only some pages settled it otherwise.
            let own = checked.results[k]
            if own.status != verdict.status || own.page != verdict.page || own.rects != verdict.rects {
                explanation.everyPage = verdict
                explanation.verdict = own
            }
            explanation.pagesRead = checked.pagesRead
            explanation.pageCount = index.pages.count
            explanation.wholeDocument = checked.wholeDocument
            return explanation
        } catch {
            throw .pdf(error)
        }
    }

}
