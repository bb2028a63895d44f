public import Anchoring
public import Notes

/// The result of checking one note against its PDF: what `pdfanchor check
/// --format json` prints. Property names are a contract for scripts.
public struct CheckReport: Sendable, Codable {
    /// The PDF the note was checked against.
    public struct PDFInfo: Sendable, Codable {
        /// The PDF checked against (absolute).
        public var path: String
        /// The PDF's PDF.js fingerprint (what PDF.js 2.x–4.7 stores).
        public var fingerprint: String
        /// Whether the note recorded this fingerprint (false: the PDF was
        /// replaced by another version; nil: the note records none).
        public var fingerprintMatches: Bool?
        /// The fingerprint the note recorded.
        public var noteFingerprint: String?
        /// Its number of pages.
        public var pages: Int
        /// How many of its pages were read to check the note (in an audit,
        /// with the PDF's other notes): only the pages the annotations point
        /// to, when those settle every one of them (see ``PageReader``).
        public var pagesRead: Int?
        /// How many of the pages read came from the vault's cache of page
        /// texts rather than from the PDF (see ``PageTextCache``).
        public var pagesFromCache: Int?
        /// How the PDF was found: given, annotationTarget, uri or fingerprint.
        public var foundBy: PDFLocator.Source
        /// Why every page was read (``PageReader/Outcome/wholeDocument``), or
        /// nil when only the pages the annotations point to were; written
        /// to JSON as null then, so scripts can count whole-document reads.
        public var wholeDocument: String?

        /// The facts of the PDF a note was checked against.
        public init(
            path: String, fingerprint: String, fingerprintMatches: Bool?, noteFingerprint: String?, pages: Int, pagesRead: Int? = nil,
            foundBy: PDFLocator.Source, wholeDocument: String? = nil, pagesFromCache: Int? = nil
        ) {
            self.path = path
            self.fingerprint = fingerprint
            self.fingerprintMatches = fingerprintMatches
            self.noteFingerprint = noteFingerprint
            self.pages = pages
            self.pagesRead = pagesRead
            self.foundBy = foundBy
            self.wholeDocument = wholeDocument
            self.pagesFromCache = pagesFromCache
        }

        enum CodingKeys: String, CodingKey {
            case path, fingerprint, fingerprintMatches, noteFingerprint, pages, pagesRead, pagesFromCache, foundBy, wholeDocument
        }

        /// Encodes as the synthesized form would, with `wholeDocument`
        /// written as null when nil (the other optional keys are left out).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(fingerprint, forKey: .fingerprint)
            try container.encodeIfPresent(fingerprintMatches, forKey: .fingerprintMatches)
            try container.encodeIfPresent(noteFingerprint, forKey: .noteFingerprint)
            try container.encode(pages, forKey: .pages)
            try container.encodeIfPresent(pagesRead, forKey: .pagesRead)
            try container.encodeIfPresent(pagesFromCache, forKey: .pagesFromCache)
            try container.encode(foundBy, forKey: .foundBy)
            try container.encode(wholeDocument, forKey: .wholeDocument)
        }
    }

    /// Counts by status.
    public struct Summary: Sendable, Codable {
        /// Every annotation of the note.
        public var total = 0
        /// Found as they are.
        public var anchored = 0
        /// Found with small edits.
        public var fuzzy = 0
        /// Not found (never placed somewhere wrong).
        public var orphaned = 0
        /// With nothing to find: page notes, replies.
        public var skipped = 0

        /// No annotations yet.
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

    /// The note, as given.
    public var note: String
    /// The PDF it was checked against.
    public var pdf: PDFInfo
    /// The counts by status.
    public var summary: Summary
    /// One result per annotation, in the note's order.
    public var annotations: [AnchorResult]
    /// Problems found reading the note (see `pdfanchor notes`).
    public var diagnostics: [Diagnostic]

    /// A check's report.
    public init(note: String, pdf: PDFInfo, summary: Summary, annotations: [AnchorResult], diagnostics: [Diagnostic]) {
        self.note = note
        self.pdf = pdf
        self.summary = summary
        self.annotations = annotations
        self.diagnostics = diagnostics
    }
}
