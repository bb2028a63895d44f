public import PDFCore

/// A rectangle on a page, in **top-left page space**: points, origin at the
/// top-left corner of the page as displayed (crop box, rotation applied),
/// y growing downwards — the space of Poppler's text layout and of renders.
public struct PageRect: Sendable, Hashable, Codable {
    /// The 1-based page number.
    public var page: Int
    /// The left edge: points from the page's left as displayed.
    public var minX: Double
    /// The top edge: points from the page's top as displayed (y grows downwards).
    public var minY: Double
    /// The right edge, points.
    public var maxX: Double
    /// The bottom edge, points.
    public var maxY: Double

    /// A rectangle on `page`, rounded to hundredths of a point.
    public init(page: Int, rect: Rect) {
        self.page = page
        minX = (rect.minX * 100).rounded() / 100
        minY = (rect.minY * 100).rounded() / 100
        maxX = (rect.maxX * 100).rounded() / 100
        maxY = (rect.maxY * 100).rounded() / 100
    }

    public var rect: Rect { Rect(minX: minX, minY: minY, maxX: maxX, maxY: maxY) }
}

/// A highlight quadrilateral in **PDF user space** (bottom-left origin, the
/// page's own coordinates before `/Rotate`, crop box offset included): the
/// eight numbers of a `/QuadPoints` entry, ready for a highlight annotation.
public struct PageQuad: Sendable, Hashable, Codable {
    /// The 1-based page number.
    public var page: Int
    /// x1 y1 x2 y2 x3 y3 x4 y4: upper left, upper right, lower left, lower right.
    public var quadPoints: [Double]

    /// A quadrilateral on `page`, rounded to hundredths of a point.
    public init(page: Int, quadPoints: [Double]) {
        self.page = page
        self.quadPoints = quadPoints.map { ($0 * 100).rounded() / 100 }
    }
}

/// Where one annotation is in a PDF — or why it is not anywhere.
///
/// The names of the stored properties are part of `pdfanchor check
/// --format json`'s contract.
public struct AnchorResult: Sendable, Hashable, Codable {
    /// The outcome.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// The quote is in the PDF as it is (whitespace, hyphenation,
        /// ligatures and accents aside), possibly split where the PDF's
        /// reading order differs or across a page break.
        case anchored
        /// Found with edits (``AnchorResult/errors`` of them): a corrected
        /// PDF, OCR errors, an edited quote.
        case fuzzy
        /// Not found well enough to be sure; see ``AnchorResult/reason``.
        case orphaned
        /// Nothing to anchor: a page note or a reply.
        case skipped
    }

    /// How a match was found.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// The quote as it is (whitespace, hyphenation, ligatures and accents aside).
        case exact
        /// The quote with edits (Myers' algorithm).
        case fuzzy
        /// The quote in pieces (across a page break, or text drawn in another order).
        case pieces
    }

    /// Why an annotation is orphaned or skipped, as a stable code for
    /// scripts: the raw values (kebab-case) are part of `pdfanchor check
    /// --format json`'s contract (`reasonCode`), of the CSV and of the W3C
    /// JSON. ``AnchorResult/reason`` says the same in words, with the
    /// particulars (pages, counts, edits); there is one code per cause, not
    /// per wording.
    public enum ReasonCode: String, Sendable, Hashable, Codable, CaseIterable {
        /// Skipped: a page note, with no passage to find.
        case pageNote = "page-note"
        /// Skipped: a reply to another annotation, with no passage of its own.
        case reply
        /// Skipped: a page note or a reply, in an audit that could not
        /// check its note against its PDF (which of the two is not known).
        case noPassage = "no-passage"
        /// Orphaned: a highlight with no TextQuoteSelector, so no quote to look for.
        case noQuote = "no-quote"
        /// Orphaned: the quote has no letters, digits or symbols to match.
        case quoteWithoutText = "quote-without-text"
        /// Orphaned: no text in the PDF is close enough to the quote (a
        /// quote from another PDF or version, or one edited too much — a
        /// short quote must be there as it is).
        case notFound = "not-found"
        /// Orphaned: the quote is there (as it is, or in pieces), but the
        /// text around it does not match the annotation's stored context.
        case contextMismatch = "context-mismatch"
        /// Orphaned: the quote fits more than one place and neither its
        /// context nor its position says which was meant.
        case ambiguous
        /// Orphaned: not checked at all, because its PDF or its note could
        /// not be used (``AnchorResult/reason`` says why).
        case notChecked = "not-checked"

        /// The status an annotation with this reason has.
        public var status: Status {
            switch self {
            case .pageNote, .reply, .noPassage: return .skipped
            case .noQuote, .quoteWithoutText, .notFound, .contextMismatch, .ambiguous, .notChecked: return .orphaned
            }
        }
    }

    /// An alternative that was considered and rejected.
    public struct Candidate: Sendable, Hashable, Codable {
        /// The 1-based page where it starts.
        public var page: Int
        /// That page's printed label.
        public var pageLabel: String
        /// The PDF's text there, as Poppler reads it.
        public var text: String
        /// How well it fits, 0…1 (weighted as ``AnchorResult/score``).
        public var score: Double
        /// Edits between the quote and its text.
        public var errors: Int
        /// How well the stored prefix matches the text before it, 0…1.
        public var prefixMatch: Double
        /// How well the stored suffix matches the text after it, 0…1.
        public var suffixMatch: Double
        /// How it was found (`exact`, `fuzzy`, `pieces`), in explanations.
        public var method: Method?
        /// Whether it would be accepted on its own, in explanations.
        public var accepted: Bool?
        /// In explanations: true for the place the annotation was anchored to.
        public var taken: Bool?
        /// In explanations: why this place was not taken, in words for people.
        public var reason: String?
    }

    /// The annotation's id (the note's block id).
    public var id: String
    /// The outcome.
    public var status: Status
    /// The 1-based page where the match starts.
    public var page: Int?
    /// That page's printed label.
    public var pageLabel: String?
    /// Every page the match touches (1-based), when more than one.
    public var pages: [Int]?
    /// The PDF's text of the match as Poppler reads it (pieces joined by " … ").
    public var matchedText: String?
    /// How sure the match is, 0…1: (50·quote + 20·prefix + 20·suffix + 2·position) / 92.
    public var score: Double?
    /// Edits between the quote and the PDF's text (0 when anchored).
    public var errors: Int?
    /// How well the stored prefix matches the text before the match, 0…1.
    public var prefixMatch: Double?
    /// How well the stored suffix matches the text after the match, 0…1.
    public var suffixMatch: Double?
    /// The page the TextPositionSelector points to, estimated from the
    /// page texts (PDF.js's offsets are not Poppler's, so this is a hint).
    public var positionPage: Int?
    /// How the match was found: `exact`, `fuzzy` or `pieces`.
    public var method: Method?
    /// Number of separate pieces the quote was found in (reading order or a page break).
    public var pieces: Int?
    /// Where the match starts in PDFAnchor's reading order of the whole
    /// document: sorting by it puts matches in page and reading order. An
    /// internal coordinate, not written to JSON.
    public internal(set) var matchStart: Int?
    /// The match's ranges in the index's matching text (one per piece).
    /// Internal, not written to JSON: results read back from a cache lack it.
    var segments: [Range<Int>]?
    /// One box per line of the match, top-left page space (see ``PageRect``).
    public var rects: [PageRect]
    /// The same regions as user-space quadrilaterals (see ``PageQuad``).
    public var quads: [PageQuad]
    /// For orphaned and skipped annotations: why, in words for people.
    public var reason: String?
    /// For orphaned and skipped annotations: why, as a stable code for
    /// scripts (see ``ReasonCode``). Set with ``reason``.
    public var reasonCode: ReasonCode?
    /// For orphaned annotations: the best place that was rejected.
    public var bestCandidate: Candidate?

    enum CodingKeys: String, CodingKey {
        case id, status, page, pageLabel, pages, matchedText, score, errors, prefixMatch, suffixMatch, positionPage
        case method, pieces, rects, quads, reason, reasonCode, bestCandidate
    }

    /// A result for annotation `id` with no match yet: no page, no regions.
    public init(id: String, status: Status) {
        self.id = id
        self.status = status
        rects = []
        quads = []
    }

    /// Sets why the annotation is orphaned or skipped: the code for scripts
    /// and the words for people.
    public mutating func explain(_ code: ReasonCode, _ reason: String) {
        reasonCode = code
        self.reason = reason
    }

    /// Whether the annotation was found (anchored or fuzzy).
    public var isFound: Bool { status == .anchored || status == .fuzzy }
}
