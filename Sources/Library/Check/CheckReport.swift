public import Anchoring
public import Notes

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
        public var foundBy: PDFLocator.Source

        public init(
            path: String, fingerprint: String, fingerprintMatches: Bool?, noteFingerprint: String?, pages: Int, pagesRead: Int? = nil,
            foundBy: PDFLocator.Source
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
