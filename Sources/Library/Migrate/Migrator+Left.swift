extension Migrator {
    /// Why a highlight of the vault is not written into its PDF.
    public enum LeftReason: String, Sendable, Hashable, CaseIterable {
        /// Found only with edits, and its context does not confirm the place
        /// (``Migrator/contextConfirms(_:)``).
        case fuzzyUnconfirmed = "fuzzy-unconfirmed"
        /// Found only with edits, and only exact ones were asked for (``Migrator/exactOnly``).
        case fuzzyExcluded = "fuzzy-excluded"
        /// Not found in the PDF.
        case notFound = "not-found"
        /// Another annotation of the PDF already has its id, elsewhere.
        case conflict
        /// Two highlights share its id.
        case duplicate
        /// Its PDF cannot take annotations (encrypted).
        case encrypted
        /// Its PDF was not written (changed on disk during the run, read-only…).
        case notWritten = "not-written"

        /// The reason in words, after a count of highlights.
        public var words: String {
            switch self {
            case .fuzzyUnconfirmed: return "fuzzy without a confirming context"
            case .fuzzyExcluded: return "fuzzy (--exact-only)"
            case .notFound: return "not found"
            case .conflict: return "with an id another annotation of the PDF has"
            case .duplicate: return "with an id two highlights share"
            case .encrypted: return "in an encrypted PDF"
            case .notWritten: return "in a PDF not written"
            }
        }
    }

    /// A highlight not written into its PDF, and why.
    public struct Left: Sendable, Hashable {
        /// Its note (vault path).
        public var note: String
        /// Its block id.
        public var id: String
        /// Why it is left.
        public var reason: LeftReason
        /// More about why, in words (why it was not found), or nil.
        public var detail: String?

        public init(note: String, id: String, reason: LeftReason, detail: String? = nil) {
            self.note = note
            self.id = id
            self.reason = reason
            self.detail = detail
        }
    }

    /// A note whose highlights cannot be migrated at all, with why.
    public struct Skipped: Sendable, Hashable {
        /// Why a note cannot be migrated.
        public enum Code: String, Sendable, Hashable, CaseIterable {
            /// Its PDF is encrypted (no password makes it writable).
            case encrypted
            /// Its PDF is not in the vault.
            case pdfMissing = "pdf-missing"
            /// Its PDF is another version than the one it was made on.
            case pdfReplaced = "pdf-replaced"
            /// Its PDF is outside the vault.
            case outsideVault = "outside-vault"
            /// The note or its PDF cannot be read.
            case unreadable
        }

        /// The note (vault path).
        public var note: String
        /// Why, in words, with what to do.
        public var reason: String
        /// Why, as a stable code.
        public var code: Code

        public init(note: String, reason: String, code: Code) {
            self.note = note
            self.reason = reason
            self.code = code
        }
    }
}

extension MigrationResult {
    /// Why the link to highlight `id` of `note` was not pointed at an
    /// annotation, in words after a count of links: the reason its
    /// highlight was left behind, its PDF not written (or, read back, not
    /// holding it), its note not migrated, or no highlight of the note having the id.
    public func whyLeft(note: String, id: String) -> String {
        for pdf in plan.pdfs where pdf.notes.contains(note) {
            if let left = pdf.left.first(where: { $0.note == note && $0.id == id }) { return left.reason.words }
            if pdf.idsByNote[note]?.contains(id) == true {
                return wrote && !pdfs.written.contains(pdf.pdf) ? Migrator.LeftReason.notWritten.words : "not in the PDF as read back"
            }
        }
        if plan.skipped.contains(where: { $0.note == note }) { return "of a note not migrated" }
        return "naming no highlight of the note"
    }
}
