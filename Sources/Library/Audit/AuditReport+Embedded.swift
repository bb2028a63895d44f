extension AuditReport {
    /// The annotations a PDF holds itself — made in Zotero, Acrobat,
    /// Preview, Skim or Okular, or written by `pdfanchor migrate` and
    /// `export-pdf` — and which of its highlights a note matched to the PDF
    /// already holds. Property names are a contract for `--format json`
    /// (`pdfs[].embedded`).
    ///
    /// Counted as a reader lists them: highlights, underlines, strike-outs
    /// and squigglies (*markup*), carets, notes (Text, FreeText) and
    /// drawings (Square, Ink, Stamp, …); links, form fields and pop-ups
    /// are not annotations of a reader. A reply (`/IRT`, `/RT /R`) is
    /// counted as a reply, not as an annotation; the members of a group
    /// (`/RT /Group`: a Caret with its StrikeOut) as one; a highlight
    /// PDFAnchor wrote over two pages (`/NM` `id` and `id-2`) as one.
    public struct Embedded: Sendable, Codable, Hashable {
        /// How many annotations a reader lists (replies not counted).
        public var total = 0
        /// By kind: `text-markup`, `caret`, `note`, `region` (``PDFCore/PDFAnnotation/Kind``).
        public var kinds: [String: Int] = [:]
        /// By `/Subtype`: `Highlight`, `Underline`, `StrikeOut`, `Squiggly`, `Caret`, `Text`, `FreeText`, `Square`, …
        public var subtypes: [String: Int] = [:]
        /// Replies to them.
        public var replies = 0
        /// The markup annotations (kind `text-markup`): the highlights a note can hold.
        public var markup = 0
        /// Markup a note matched to this PDF holds under the same id: the
        /// annotation's `/NM`, the note id `migrate` or `export-pdf` wrote
        /// as `/NM` (`id`, `id-2`), or the id `pdfanchor import` gives it.
        public var sameID = 0
        /// Markup a note matched to this PDF holds at the same place, under
        /// another id: a note annotation found on the same page whose
        /// regions overlap the annotation's by at least half the smaller area.
        public var samePlace = 0
        /// Markup no note matched to this PDF holds: it lives only in the
        /// PDF (`pdfanchor import` brings it into a note).
        public var onlyInPDF = 0
        /// Those, in the PDF's order; nil when none.
        public var onlyInPDFHighlights: [Highlight]?
        /// Why its annotations could not be read (it does not open without
        /// a password, or is damaged); every count is 0 then.
        public var error: String?

        /// Markup a note holds already (``sameID`` plus ``samePlace``).
        public var inNotes: Int { sameID + samePlace }

        /// One markup annotation of the PDF.
        public struct Highlight: Sendable, Codable, Hashable {
            /// The 1-based page.
            public var page: Int
            /// `/Subtype` (`Highlight`, `Underline`, `StrikeOut`, `Squiggly`).
            public var subtype: String
            /// The id `pdfanchor import` gives it: its `/NM` when that is fit
            /// for a block id, else `pdf-` and a hash of its page and place.
            public var id: String
            /// Its `/NM`, when it has one.
            public var name: String?

            /// A markup annotation on `page`.
            public init(page: Int, subtype: String, id: String, name: String? = nil) {
                self.page = page
                self.subtype = subtype
                self.id = id
                self.name = name
            }
        }

        /// Counts of nothing.
        public init() {}
    }

    /// The annotations of all the PDFs, counted (``Summary/embedded``).
    /// Property names are a contract for `--format json`.
    public struct EmbeddedSummary: Sendable, Codable, Hashable {
        /// PDFs holding at least one annotation.
        public var pdfs = 0
        /// Annotations they hold, as a reader lists them (``Embedded/total``).
        public var annotations = 0
        /// Replies to them.
        public var replies = 0
        /// Markup annotations (highlights, underlines, strike-outs, squigglies).
        public var markup = 0
        /// Markup a note matched to its PDF holds (same id or same place).
        public var inNotes = 0
        /// Markup that lives only in its PDF.
        public var onlyInPDF = 0
        /// PDFs holding markup that lives only in them (each with its `pdfanchor import` fix).
        public var pdfsToImport = 0
        /// Of those, the PDFs no note uses.
        public var unreferencedWithHighlights = 0
        /// PDFs whose annotations could not be read (each one's ``Embedded/error`` says why).
        public var unreadable = 0

        /// Counts of nothing.
        public init() {}
    }
}
