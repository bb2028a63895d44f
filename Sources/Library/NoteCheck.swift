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
        /// How the PDF was found: given, annotationTarget, uri or fingerprint.
        public var foundBy: String

        public init(path: String, fingerprint: String, fingerprintMatches: Bool?, noteFingerprint: String?, pages: Int, foundBy: String) {
            self.path = path
            self.fingerprint = fingerprint
            self.fingerprintMatches = fingerprintMatches
            self.noteFingerprint = noteFingerprint
            self.pages = pages
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
/// anchors every annotation.
public struct NoteChecker: Sendable {
    public var options: AnchorOptions
    public var workers: Int

    public init(options: AnchorOptions = AnchorOptions(), workers: Int = PageExtractor.defaultWorkers) {
        self.options = options
        self.workers = workers
    }

    /// A note checked against its PDF, with what the check was made from:
    /// for commands that go on to change the note or the PDF.
    public struct Checked: Sendable {
        public var source: AnnotationSource
        public var pdf: PDFLocator.Located
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
        let (fingerprint, index) = try await read(located, password: password)
        let report = report(source: source, pdf: located, index: index, fingerprint: fingerprint)
        return Checked(source: source, pdf: located, index: index, fingerprint: fingerprint, report: report)
    }

    /// Checks the note at `notePath`.
    /// - Parameters:
    ///   - pdf: the PDF to use instead of the one the note names.
    ///   - vault: the vault root (default: found from the note).
    ///   - password: the PDF's password, if encrypted.
    public func check(notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil) async throws(CheckError) -> CheckReport {
        try await checkKeeping(notePath: notePath, pdf: pdf, vault: vault, password: password).report
    }

    /// Checks already-read annotations against a located PDF.
    public func check(source: AnnotationSource, pdf located: PDFLocator.Located, password: String? = nil) async throws(CheckError) -> CheckReport {
        let (fingerprint, index) = try await read(located, password: password)
        return report(source: source, pdf: located, index: index, fingerprint: fingerprint)
    }

    /// The located PDF's fingerprint and its text index.
    private func read(_ located: PDFLocator.Located, password: String?) async throws(CheckError) -> (PDFFingerprint, DocumentIndex) {
        do {
            return (try PDFFingerprint.compute(path: located.path),
                    try await DocumentIndex.build(path: located.path, password: password, workers: workers))
        } catch {
            throw .pdf(error)
        }
    }

    /// Checks annotations against a PDF already indexed (the audit indexes
    /// each PDF once for all its notes).
    public func report(source: AnnotationSource, pdf located: PDFLocator.Located, index: DocumentIndex, fingerprint: PDFFingerprint) -> CheckReport {
        let annotations = source.annotations
        let results = Anchorer(index: index, options: options).anchor(annotations)
        let summary = CheckReport.Summary(counting: results)
        let noteFingerprint = source.note?.fingerprint ?? Self.majorityFingerprint(annotations)
        return CheckReport(
            note: source.path,
            pdf: CheckReport.PDFInfo(
                path: located.path, fingerprint: fingerprint.primary,
                fingerprintMatches: noteFingerprint.map { fingerprint.matches($0) }, noteFingerprint: noteFingerprint,
                pages: index.pages.count, foundBy: located.source.rawValue),
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
