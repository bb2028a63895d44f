public import PDFCore

/// The annotations a PDF holds, read: the highlights and notes a reader
/// would show, each with its discussion folded in, and what could not be
/// read.
public struct EmbeddedReading: Sendable {
    /// Something wrong with an annotation: said, and the rest read.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The 1-based page.
        public var page: Int
        /// The annotation's object (`12 0 R`), when known.
        public var object: String?
        /// A stable code for scripts (``PDFAnnotationProblem/Code`` values,
        /// `bad-entry` for an entry read with repairs, `reply-cycle`, `reply-to-nothing`).
        public var code: String
        /// What is wrong, in words for people.
        public var message: String

        /// `page 3 (12 0 R): what is wrong`, as warnings name it after the PDF.
        public var description: String { "page \(page)\(object.map { " (\($0))" } ?? ""): \(message)" }

        /// A problem of this code on `page`.
        public init(page: Int, object: String?, code: String, message: String) {
            self.page = page
            self.object = object
            self.code = code
            self.message = message
        }
    }

    /// The PDF as opened.
    public var file: PDFFile
    /// The PDF's page count.
    public var pageCount: Int
    /// Its metadata title, if any.
    public var title: String?
    /// The annotations a reader shows — markup, carets, notes, regions —
    /// replies and group members folded into the one they belong to;
    /// by page, then in the page's `/Annots` order.
    public var highlights: [EmbeddedHighlight]
    /// What could not be read or was read with repairs.
    public var problems: [Problem]
    /// The content-order texts of the pages read (by 1-based number):
    /// those holding markup annotations.
    public var texts: [Int: PageText]

    /// A reading of `file`.
    public init(file: PDFFile, pageCount: Int, title: String?, highlights: [EmbeddedHighlight], problems: [Problem], texts: [Int: PageText]) {
        self.file = file
        self.pageCount = pageCount
        self.title = title
        self.highlights = highlights
        self.problems = problems
        self.texts = texts
    }

    /// Whether some of the PDF's annotations were not read at all (an entry
    /// that is not an annotation, one without a place, a page Poppler cannot
    /// read, more than PDFAnchor reads): what is listed is not all there is.
    public var leftSomeOut: Bool {
        let codes = Set(["not-a-dictionary", "no-subtype", "no-place", "too-many", "page-unreadable"])
        return problems.contains { codes.contains($0.code) }
    }

    /// How many annotations of each `/Subtype` it holds (replies and group
    /// members counted apart), most frequent first.
    public var countsBySubtype: [(subtype: String, count: Int)] {
        var counts: [String: Int] = [:]
        for highlight in highlights {
            counts[highlight.annotation.subtype, default: 0] += 1
            if let replacement = highlight.replacement { counts[replacement.subtype, default: 0] += 1 }
            for reply in highlight.replies { counts[reply.subtype, default: 0] += 1 }
        }
        return counts.map { ($0.key, $0.value) }.sorted { ($1.count, $0.subtype) < ($0.count, $1.subtype) }
    }
}
