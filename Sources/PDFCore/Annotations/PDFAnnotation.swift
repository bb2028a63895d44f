public import Foundation

/// One annotation a PDF page holds, as its dictionary says it (PDF 1.7,
/// §12.5): what kind, where, what it says, who wrote it and when.
///
/// Coordinates are in **top-left page space** (points, origin at the
/// top-left of the page as displayed: the crop box's corner after
/// `/Rotate`), like every region PDFCore gives upper modules.
public struct PDFAnnotation: Sendable, Hashable {
    /// An annotation's indirect object: what `/IRT` points at and what
    /// PDF.js names it by (`12R`).
    public struct Reference: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The object number.
        public var number: Int
        /// The generation number.
        public var generation: Int

        /// The reference `number generation R`.
        public init(number: Int, generation: Int) {
            self.number = number
            self.generation = generation
        }

        /// `12 0 R`.
        public var description: String { "\(number) \(generation) R" }
    }

    /// What an annotation is, by `/Subtype`, grouped as readers treat them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Highlight, Underline, StrikeOut, Squiggly: marks over text (`/QuadPoints`).
        case textMarkup = "text-markup"
        /// Caret: a point where text is to be inserted (alone, or grouped
        /// with a StrikeOut as a replacement).
        case caret
        /// Text (a sticky note) and FreeText (text written on the page).
        case note
        /// Square, Circle, Ink, Polygon, PolyLine, Line, Stamp: a region
        /// drawn on the page.
        case region
        /// Anything else (Link, Widget, Popup, FileAttachment, …): not a
        /// reader's annotation.
        case other

        /// The kind of the `/Subtype` name `subtype`.
        public init(subtype: String) {
            switch subtype {
            case "Highlight", "Underline", "StrikeOut", "Squiggly": self = .textMarkup
            case "Caret": self = .caret
            case "Text", "FreeText": self = .note
            case "Square", "Circle", "Ink", "Polygon", "PolyLine", "Line", "Stamp": self = .region
            default: self = .other
            }
        }
    }

    /// How a reply relates to the annotation it answers (`/RT`).
    public enum ReplyType: String, Sendable, Hashable, Codable {
        /// `/RT /R` (the default): a reply in the discussion.
        case reply
        /// `/RT /Group`: one annotation of a group shown as one (a Caret
        /// and its StrikeOut: a replacement).
        case group
    }

    /// The 1-based page number.
    public var page: Int
    /// Its indirect object, nil for a dictionary written directly into `/Annots`.
    public var reference: Reference?
    /// The `/Subtype` name as written (`Highlight`, `Squiggly`, …).
    public var subtype: String
    /// What it is, from ``subtype``.
    public var kind: Kind { Kind(subtype: subtype) }
    /// `/Rect` in top-left page space; nil when missing or unusable.
    public var rect: Rect?
    /// `/QuadPoints` in top-left page space, one per marked line, in the
    /// PDF's order; corners named as the text is read whichever of the two
    /// corner orders the writer used. Empty for other kinds, and when the
    /// entry is missing or broken (see ``problems``).
    public var quads: [Quad]
    /// `/Contents`, decoded (UTF-16 with its byte order mark, UTF-8 with
    /// its mark, else PDFDocEncoding); nil when missing or empty.
    public var contents: String?
    /// `/T`, the author, decoded as ``contents``.
    public var author: String?
    /// `/Subj`, the subject some readers show as a title.
    public var subject: String?
    /// `/NM`, the annotation's unique name.
    public var name: String?
    /// `/CreationDate`, read with its time zone; nil when missing or not a date.
    public var created: Date?
    /// `/M`, the last change, read with its time zone; nil when missing
    /// or not a date (readers write free text there too).
    public var modified: Date?
    /// `/C` as RGB (grey and CMYK converted); nil when missing or empty
    /// (a transparent annotation).
    public var color: RGBColor?
    /// `/CA`, the opacity, when given.
    public var opacity: Double?
    /// `/IRT`: the annotation this one answers or belongs with.
    public var inReplyTo: Reference?
    /// `/RT`: how it relates to ``inReplyTo``.
    public var replyType: ReplyType
    /// Whether the place of a markup annotation was read with repairs: its
    /// `/QuadPoints` missing, broken or cut, so ``regions`` are its `/Rect`
    /// or only the quadrilaterals that could be read — a reader's guess.
    public var placeRepaired = false
    /// What was wrong with its dictionary and what was used instead
    /// (QuadPoints of the wrong length, coordinates that are not finite…),
    /// as readable sentences; empty when nothing was.
    public var problems: [String]

    /// An annotation of these entries.
    public init(
        page: Int, reference: Reference? = nil, subtype: String, rect: Rect? = nil, quads: [Quad] = [],
        contents: String? = nil, author: String? = nil, subject: String? = nil, name: String? = nil,
        created: Date? = nil, modified: Date? = nil, color: RGBColor? = nil, opacity: Double? = nil,
        inReplyTo: Reference? = nil, replyType: ReplyType = .reply, problems: [String] = []
    ) {
        self.page = page
        self.reference = reference
        self.subtype = subtype
        self.rect = rect
        self.quads = quads
        self.contents = contents
        self.author = author
        self.subject = subject
        self.name = name
        self.created = created
        self.modified = modified
        self.color = color
        self.opacity = opacity
        self.inReplyTo = inReplyTo
        self.replyType = replyType
        self.problems = problems
    }

    /// The regions it marks in top-left page space: its quads' bounds, else
    /// its ``rect``; empty when it has neither.
    public var regions: [Rect] {
        quads.isEmpty ? (rect.map { [$0] } ?? []) : quads.map(\.bounds)
    }
}

/// An annotation that could not be read at all, and why: the run goes on
/// with the page's other annotations.
public struct PDFAnnotationProblem: Sendable, Hashable, Error {
    /// Stable codes for scripts.
    public enum Code: String, Sendable, Hashable, Codable {
        /// An `/Annots` entry that is not a dictionary (or a reference to none).
        case notADictionary = "not-a-dictionary"
        /// A dictionary without a `/Subtype` name.
        case noSubtype = "no-subtype"
        /// Neither `/QuadPoints` nor `/Rect` give a usable place.
        case noPlace = "no-place"
        /// More annotations than ``PDFAnnotationList/limit``: the rest were not read.
        case tooMany = "too-many"
        /// The page could not be read.
        case pageUnreadable = "page-unreadable"
    }

    /// What kind of problem it is.
    public var code: Code
    /// The 1-based page.
    public var page: Int
    /// The annotation's object, when it has one.
    public var reference: PDFAnnotation.Reference?
    /// A sentence saying what is wrong.
    public var message: String

    /// A problem of this code on `page`.
    public init(code: Code, page: Int, reference: PDFAnnotation.Reference? = nil, message: String) {
        self.code = code
        self.page = page
        self.reference = reference
        self.message = message
    }
}

/// The annotations of a document, page by page, and what could not be read.
public struct PDFAnnotationList: Sendable {
    /// At most this many annotations a reader shows (not Links, widgets or
    /// Popups) are read from one document; a
    /// ``PDFAnnotationProblem/Code/tooMany`` problem says how many more
    /// there were. A heavily annotated book holds a few thousand; 10,000
    /// (on 5 pages) take 3.6 s and 100 MiB to `extract --format csv`,
    /// 6.3 s and 175 MiB to Markdown (debug build).
    public static let limit = 10_000
    /// At most this many `/Annots` entries of any kind (Links, widgets,
    /// Popups included) are fetched from one document.
    public static let entryLimit = 200_000

    /// The annotations, by page, each page's in the order its `/Annots` lists them.
    public var annotations: [PDFAnnotation]
    /// What could not be read.
    public var problems: [PDFAnnotationProblem]

    /// A list of these annotations and problems.
    public init(annotations: [PDFAnnotation] = [], problems: [PDFAnnotationProblem] = []) {
        self.annotations = annotations
        self.problems = problems
    }
}
