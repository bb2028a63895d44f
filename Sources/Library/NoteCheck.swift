public import Anchoring
public import Notes
public import PDFCore

/// The result of checking one note against its PDF: what `pdfanchor check
/// --format json` prints. Property names are a contract for scripts.
public struct CheckReport: Sendable, Codable {
    /// The PDF the note was checked against.
    public struct PDFInfo: Sendable, Codable {
        public var path: String
        /// The PDF's PDF.js fingerprint (what PDF.js 2.x–4.7 stores).
        public var fingerprint: String
        /// Whether the note recorded this fingerprint (false: the PDF was
        /// replaced by another version; nil: the note records none).
        public var fingerprintMatches: Bool?
        /// The fingerprint the note recorded.
        public var noteFingerprint: String?
        public var pages: Int
        /// How many of its pages were read to check the note (in an audit,
        /// with the PDF's other notes): only the pages the annotations point
        /// to, when those settle every one of them (see ``PageReader``).
        public var pagesRead: Int?
        /// How the PDF was found: given, annotationTarget, uri or fingerprint.
        public var foundBy: String

        public init(
            path: String, fingerprint: String, fingerprintMatches: Bool?, noteFingerprint: String?, pages: Int, pagesRead: Int? = nil,
            foundBy: String
        ) {
            self.path = path
            self.fingerprint = fingerprint
            self.fingerprintMatches = fingerprintMatches
            self.noteFingerprint = noteFingerprint
            self.pages = pages
            self.pagesRead = pagesRead
            self.foundBy = foundBy
        }
    }

    /// Counts by status.
    public struct Summary: Sendable, Codable {
        public var total = 0
        public var anchored = 0
        public var fuzzy = 0
        public var orphaned = 0
        public var skipped = 0

        public init() {}

        /// The counts of `results` by status.
        public init(counting results: [AnchorResult]) {
            total = results.count
            for result in results {
                switch result.status {
                case .anchored: anchored += 1
                case .fuzzy: fuzzy += 1
                case .orphaned: orphaned += 1
                case .skipped: skipped += 1
                }
            }
        }

        /// The counts of both.
        public static func + (a: Summary, b: Summary) -> Summary {
            var sum = Summary()
            sum.total = a.total + b.total
            sum.anchored = a.anchored + b.anchored
            sum.fuzzy = a.fuzzy + b.fuzzy
            sum.orphaned = a.orphaned + b.orphaned
            sum.skipped = a.skipped + b.skipped
            return sum
        }
    }

    public var note: String
    public var pdf: PDFInfo
    public var summary: Summary
    public var annotations: [AnchorResult]
    /// Problems found reading the note (see `pdfanchor notes`).
    public var diagnostics: [Diagnostic]

    public init(note: String, pdf: PDFInfo, summary: Summary, annotations: [AnchorResult], diagnostics: [Diagnostic]) {
        self.note = note
        self.pdf = pdf
        self.summary = summary
        self.annotations = annotations
        self.diagnostics = diagnostics
    }
}

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
}

/// Checks a note against its PDF: finds the PDF, verifies the fingerprint,
/// anchors every annotation, reading only the pages the annotations need
/// (see ``PageReader``).
public struct NoteChecker: Sendable {
    public var options: AnchorOptions
    public var workers: Int
    /// Read every page of the PDF rather than the pages the note needs.
    public var readAll: Bool

    public init(options: AnchorOptions = AnchorOptions(), workers: Int = PageExtractor.defaultWorkers, readAll: Bool = false) {
        self.options = options
        self.workers = workers
        self.readAll = readAll
    }

    /// A note checked against its PDF, with what the check was made from:
    /// for commands that go on to change the note or the PDF.
    public struct Checked: Sendable {
        public var source: AnnotationSource
        public var pdf: PDFLocator.Located
        /// The PDF's pages that were read (those of every found annotation among them).
        public var index: DocumentIndex
        public var fingerprint: PDFFingerprint
        public var report: CheckReport
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
            guard let note = source.note else {
                throw .pdfNotFound(PDFLocator.NotFound(note: notePath, tried: []))
            }
            do {
                located = try PDFLocator(vault: vault ?? Vault.containing(note: notePath)).locate(note, notePath: notePath)
            } catch {
                throw .pdfNotFound(error)
            }
        }
        let fingerprint: PDFFingerprint
        let outcome: PageReader.Outcome
        do {
            fingerprint = try PDFFingerprint.compute(path: located.path)
            outcome = try await reader(located.path, password: password).anchor(source.annotations)
        } catch {
            throw .pdf(error)
        }
        let report = report(source: source, pdf: located, outcome: outcome, results: outcome.results, fingerprint: fingerprint)
        return Checked(source: source, pdf: located, index: outcome.index, fingerprint: fingerprint, report: report)
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
        PageReader(path: path, password: password, options: options, workers: workers, readAll: readAll)
    }

    /// The report of a note's results.
    private func report(
        source: AnnotationSource, pdf located: PDFLocator.Located, outcome: PageReader.Outcome, results: [AnchorResult],
        fingerprint: PDFFingerprint
    ) -> CheckReport {
        let summary = CheckReport.Summary(counting: results)
        let noteFingerprint = source.note?.fingerprint ?? Self.majorityFingerprint(source.annotations)
        return CheckReport(
            note: source.path,
            pdf: CheckReport.PDFInfo(
                path: located.path, fingerprint: fingerprint.primary,
                fingerprintMatches: noteFingerprint.map { fingerprint.matches($0) }, noteFingerprint: noteFingerprint,
                pages: outcome.index.pages.count, pagesRead: outcome.pagesRead, foundBy: located.source.rawValue),
            summary: summary, annotations: results, diagnostics: source.diagnostics)
    }

    /// Every place considered for the annotation `id` of a note, best first
    /// (see ``Anchorer/explain(_:)``).
    public func explain(id: String, notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil) async throws(CheckError) -> [AnchorResult.Candidate] {
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
        guard let path, let annotation = source.annotations.first(where: { $0.id == id }) else { return [] }
        do {
            let index = try await DocumentIndex.build(path: path, password: password, workers: workers)
            return Anchorer(index: index, options: options).explain(annotation)
        } catch {
            throw .pdf(error)
        }
    }

    static func majorityFingerprint(_ annotations: [Annotation]) -> String? {
        var counts: [String: Int] = [:]
        for annotation in annotations {
            if let fingerprint = annotation.fingerprint { counts[fingerprint, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value }?.key
    }
}
