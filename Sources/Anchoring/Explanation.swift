public import Notes

/// Why an annotation was anchored where it was, or not at all: what
/// `pdfanchor check --explain` shows.
public struct Explanation: Sendable, Codable {
    /// The annotation's id (the note's block id).
    public var id: String
    /// The stored quote (TextQuoteSelector `exact`), if any.
    public var quote: String?
    /// The TextPositionSelector: UTF-16 offsets into PDF.js's text of the
    /// whole document, if the annotation has one.
    public var positionStart: Int?
    /// Where that selection ends (exclusive), in the same UTF-16 units.
    public var positionEnd: Int?
    /// The check's own result for the annotation (``AnchorResult/positionPage``
    /// is the page its position points to).
    public var verdict: AnchorResult
    /// Every place considered, each once (overlapping matches of one place
    /// are one place, its best), best first: the one taken marked
    /// ``AnchorResult/Candidate/taken``, each other with why it was not.
    public var places: [AnchorResult.Candidate]
    /// How many of the PDF's pages the check itself, reading on demand,
    /// read for the note (the explanation reads them all); nil when not run.
    public var pagesRead: Int?
    /// The PDF's page count, with ``pagesRead``.
    public var pageCount: Int?
    /// Why the check read the whole document, or nil when it read only the
    /// pages the annotations point to (see ``PageReader/Outcome/wholeDocument``).
    public var wholeDocument: String?
    /// What a search of every page gives, when it differs from the check's
    /// ``verdict`` (the check, reading only some pages, settled otherwise);
    /// nil when they agree. ``places`` are those of every page.
    public var everyPage: AnchorResult?

    /// The explanation of `annotation`, whose check gave `verdict`.
    public init(annotation: Annotation, verdict: AnchorResult, places: [AnchorResult.Candidate]) {
        id = annotation.id
        quote = annotation.quote?.exact
        positionStart = annotation.position?.start
        positionEnd = annotation.position?.end
        self.verdict = verdict
        self.places = places
    }
}
