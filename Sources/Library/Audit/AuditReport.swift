public import Anchoring
public import Notes

/// What `pdfanchor audit` found in a vault. Property names are a contract
/// for `--format json`.
public struct AuditReport: Sendable, Codable {
    /// How a note relates to its PDF.
    public enum Match: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
        /// The PDF the note names is there, with the note's fingerprint, once.
        case ok
        /// The note's PDF (by fingerprint) is at another path than the one it names.
        case moved
        /// The PDF is where `annotation-target` says, but some blocks' `uri`
        /// or `target[].source` name another path: the plugin does not show
        /// those highlights (relink repairs them).
        case stale
        /// A PDF is at the path the note names, but another version: its fingerprint differs.
        case replaced
        /// The note's PDF (by fingerprint) is at several paths.
        case duplicate
        /// No PDF with the note's fingerprint, none at the path it names.
        case missing
        /// The note's annotations belong to different documents.
        case mixed
        /// The plugin does not show some or all of the note's annotations,
        /// wherever the PDF is: a block it misses or misreads (`> ` lines,
        /// no final newline, no blank line before a block, …) or a problem
        /// that makes it give up on the whole note (CRLF line ends, a block
        /// whose JSON is broken or that lacks its TAGS section). See
        /// ``NoteEntry/pluginHides``; ``Notes/Diagnostic/Code/pluginLoss`` decides.
        case pluginCannotRead = "plugin-cannot-read"
        /// The note annotates an EPUB, a web page or a video: nothing to check here.
        case notPDF = "not-pdf"

        /// Every match, worst first: what the plugin cannot show at all or
        /// cannot open, then what it shows wrongly or in part, then the rest.
        /// The one order of every report.
        public static let worstFirst: [Match] = [.pluginCannotRead, .missing, .stale, .moved, .replaced, .mixed, .duplicate, .ok, .notPDF]

        /// Its place in ``worstFirst``.
        public var rank: Int { Self.worstFirst.firstIndex(of: self) ?? Self.worstFirst.count }
    }

    /// One note: how it matches its PDF, and its annotations as `check` reports them.
    public struct NoteEntry: Sendable, Codable {
        /// The note's path, relative to the vault.
        public var path: String
        /// How the note relates to its PDF.
        public var match: Match
        /// Why, in a sentence.
        public var reason: String
        /// The PDF the annotations were checked against (vault-relative when inside it).
        public var pdf: String?
        /// The PDF path the note names (its annotation-target, else its uri), as written.
        public var recorded: String?
        /// The fingerprint the note's annotations record.
        public var fingerprint: String?
        /// For duplicates: every path holding the note's PDF.
        public var copies: [String]?
        /// Counts by status.
        public var summary: CheckReport.Summary
        /// Each annotation as `pdfanchor check` reports it.
        public var annotations: [AnchorResult]
        /// Problems found reading the note.
        public var diagnostics: [Diagnostic]
        /// For mixed notes: each document the annotations name.
        public var documents: [Document]?
        /// When the PDF could not be used: why.
        public var error: String?
        /// The note as read (its annotations with comments, tags, dates),
        /// when ``Auditor/keepAnnotations`` asks for it: for a report of
        /// highlights or an edit, without reading the note again. Not in the JSON.
        public var source: AnnotationSource?
        /// For a note the plugin cannot read (``Match/pluginCannotRead``): how
        /// it matches its PDF otherwise (`ok`, `moved`, …).
        public var pdfMatch: Match?
        /// What obsidian-annotator does not show of the note, and the lines
        /// to fix; nil when it shows every annotation.
        public var pluginHides: HiddenAnnotations?
        /// The ids of the annotations looked for in the PDF and not found
        /// (orphaned), in note order; nil when none.
        public var orphans: [String]?
        /// How many annotations are counted as orphaned without being looked
        /// for (their PDF is missing or could not be read); nil when none.
        public var notChecked: Int?
        /// What to do about the note, most urgent first, each with the
        /// command that does it; nil when nothing needs doing.
        public var fixes: [AuditFix]?

        enum CodingKeys: String, CodingKey {
            case path, match, reason, pdf, recorded, fingerprint, copies, summary, annotations, diagnostics, documents, error
            case pdfMatch, pluginHides, orphans, notChecked, fixes
        }

        /// One document of a mixed note.
        public struct Document: Sendable, Codable {
            /// The fingerprint these annotations record.
            public var fingerprint: String
            /// The PDF found for it (vault-relative when inside the vault); nil when none was.
            public var pdf: String?
            /// How many of the note's annotations belong to it.
            public var annotations: Int
        }

        /// Whether this note needs attention: it is broken, or some of its
        /// annotations are orphaned.
        public var hasProblem: Bool { isBroken || summary.orphaned > 0 }

        /// Whether the note is broken (listed under "Problems"): the plugin
        /// cannot show it or its PDF as it is, or its PDF could not be used.
        public var isBroken: Bool {
            (match != .ok && match != .notPDF) || error != nil || diagnostics.contains { $0.severity == .error }
        }

        /// Whether the note is fine but for annotations not found in its
        /// PDF (listed apart from the broken notes).
        public var hasOrphansOnly: Bool { !isBroken && summary.orphaned > 0 }
    }

    /// One PDF of the vault or the papers folders.
    public struct PDFEntry: Sendable, Codable {
        /// The PDF's path, relative to the vault when inside it.
        public var path: String
        /// Its fingerprint (PDF.js's, as notes record it); nil when it has none (see ``error``).
        public var fingerprint: String?
        /// Other fingerprint values notes may hold for it (PDF.js ≥ 4.8's).
        public var alternates: [String]?
        /// The notes that use it.
        public var referencedBy: [String]
        /// Its page count, when Poppler opens it.
        public var pages: Int?
        /// How many of its pages this audit read (nil: none, or its notes'
        /// results came from the cache).
        public var pagesRead: Int?
        /// True when it needs a password.
        public var encrypted: Bool?
        /// Why it cannot be used.
        public var error: String?
        /// The annotations it holds itself, and which of its highlights
        /// are in a note, or why they could not be read; nil when it holds
        /// none, or the audit did not look.
        public var embedded: Embedded?
        /// What to do about it, each with the command that does it (its
        /// highlights that live only in it: `pdfanchor import`); nil when
        /// nothing needs doing.
        public var fixes: [AuditFix]?
    }

    /// Counts over the whole vault.
    public struct Summary: Sendable, Codable {
        /// Annotation notes found.
        public var notes = 0
        /// PDFs found, in the vault and the papers folders.
        public var pdfs = 0
        /// Notes per match.
        public var matches: [Match: Int] = [:]
        /// Every note's annotations, counted by status.
        public var annotations = CheckReport.Summary()
        /// Notes that need attention: ``broken`` plus ``withOrphans``.
        public var problems = 0
        /// Notes listed under "Problems" (``NoteEntry/isBroken``).
        public var broken = 0
        /// Notes fine but for orphaned annotations (``NoteEntry/hasOrphansOnly``).
        public var withOrphans = 0
        /// Annotations counted as orphaned without being looked for: their
        /// PDF is missing or could not be read.
        public var notChecked = 0
        /// Annotations obsidian-annotator does not show (``NoteEntry/pluginHides``).
        public var notShownByPlugin = 0
        /// Usable PDFs that no note uses.
        public var unreferencedPDFs = 0
        /// Files that could not be used: notes and folders that could not be
        /// read, and PDFs with an error.
        public var unreadable = 0
        /// Notes whose results came from the cache.
        public var cached = 0
        /// The annotations the PDFs hold themselves; nil when the audit did
        /// not look (it did not anchor).
        public var embedded: EmbeddedSummary?
        /// How long the audit took, in seconds (to the hundredth).
        public var seconds = 0.0
    }

    /// The vault audited.
    public var vault: String
    /// The extra papers folders.
    public var papers: [String]
    /// Counts over the whole vault.
    public var summary: Summary
    /// One entry per annotation note read.
    public var notes: [NoteEntry]
    /// One entry per PDF found.
    public var pdfs: [PDFEntry]
    /// Notes and folders that could not be read (vault-relative paths), with why.
    public var unreadable: [ScanResult.Unreadable]
    /// Things worth knowing about the run itself (a cache that could not be opened…).
    public var warnings: [String]

    /// Whether anything needs attention.
    public var hasProblems: Bool { summary.problems > 0 || summary.unreadable > 0 }

    /// The notes in the order of every report, worst first: the broken
    /// notes (by ``Match/worstFirst``, then those whose PDF could not be
    /// used), then those with orphans, then the rest; within each, the most
    /// annotations the plugin does not show first, then the most orphans,
    /// then by path.
    public var notesWorstFirst: [NoteEntry] {
        notes.sorted { a, b in
            func key(_ n: NoteEntry) -> (Int, Int, Int, Int, Int) {
                (n.isBroken ? 0 : n.hasOrphansOnly ? 1 : 2, n.match.rank, n.error == nil ? 1 : 0, -(n.pluginHides?.count ?? 0), -n.summary.orphaned)
            }
            let (x, y) = (key(a), key(b))
            return x != y ? x < y : a.path < b.path
        }
    }
}
