import Notes
import PDFCore

/// Which annotations of a note go with which PDF.
///
/// Plans are kept for the whole run, so they hold as little as they can:
/// no note text, and no annotations once their results are known.
///
/// A plan is cached (keyed by the note's bytes and the state of every
/// PDF), so that an unchanged note in an unchanged vault is not even
/// parsed again.
struct NotePlan: Sendable, Codable {
    /// The version of what a plan holds, in its cache key: plans cached by
    /// a build that classified notes otherwise are made again.
    static let format = "plan2"

    var path: String
    /// SHA-256 of the note's bytes as read.
    var hash = ""
    var entry: AuditReport.NoteEntry
    var groups: [Group]
    /// Annotation ids in note order.
    var order: [String]

    struct Group: Sendable, Codable {
        /// The group's annotations, until its results are known — and
        /// only when they are anchored in this process: workers read
        /// the note again, so the audit holds ids, not annotations.
        var source: AnnotationSource?
        /// The group's annotation ids, in note order, and which are highlights.
        var members: [Member]
        var pdf: String?
        var located: PDFLocator.Located
        /// Where its results are cached (when its PDF is there).
        var cacheKey: String?
        /// Its results from an earlier audit.
        var cached: Cached?

        enum CodingKeys: String, CodingKey {
            case members, pdf, located, cacheKey
        }
    }

    enum Cached: Sendable {
        /// Only the counts and the orphans' ids (``Auditor/detail`` is false).
        case summary(CheckReport.Summary, orphans: [String])
        case report(CheckReport)
    }

    /// An annotation as the audit remembers it while others are anchored.
    struct Member: Sendable, Codable {
        var id: String
        var isHighlight: Bool

        init(_ annotation: Annotation) {
            id = annotation.id
            isHighlight = annotation.kind == .highlight
        }
    }
}
