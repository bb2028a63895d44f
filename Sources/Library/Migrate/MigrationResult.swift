import Foundation

/// What `migrate` did or, in a dry run, would do: the plan, the PDFs
/// written (or refused), and, for PDF++, the vault's links rewritten.
public struct MigrationResult: Sendable {
    /// What each PDF gets, and the notes that could not be migrated.
    public var plan: Migrator.Plan
    /// True when the PDFs and links were written; false for a dry run.
    public var wrote: Bool
    /// The PDFs written and refused (empty in a dry run).
    public var pdfs = Migrator.PDFWrites()
    /// The links to the notes' blocks, when they were to point at the
    /// annotations (PDF++); nil otherwise.
    public var links: Migrator.LinkRewrites?

    /// How many PDFs have highlights to add.
    public var pdfsToChange: Int { plan.pdfs.filter { !$0.highlights.isEmpty }.count }
    /// How many links point (or, in a dry run, would point) at annotations.
    public var linksToChange: Int { links?.files.reduce(0) { $0 + $1.links } ?? 0 }
    /// How many links were rewritten, settled.
    public var linksWritten: Int { links?.written.reduce(0) { $0 + $1.links } ?? 0 }
}

extension Migrator {
    /// Migrates the vault: plans it (``plan()``); with `write`, removes what
    /// an interrupted run left behind, writes the PDFs and settles them
    /// (``writePDFs(_:with:)``); with `links`, then points the vault's links
    /// at the annotations the PDFs now hold (``rewriteLinks(_:write:with:)``,
    /// a dry run's account without `write`).
    public func migrate(write: Bool, links: Bool, with writer: NoteWriter) async -> MigrationResult {
        var result = MigrationResult(plan: await plan(), wrote: write)
        if write {
            let folders = Set((result.plan.pdfs.map(\.pdf) + markdownFiles()).map { ($0 as NSString).deletingLastPathComponent })
            for folder in folders { AtomicFile.removeAbandoned(inFolder: folder) }
            result.pdfs = writePDFs(result.plan, with: writer)
        }
        if links { result.links = rewriteLinks(result.plan, write: write, with: writer) }
        return result
    }
}
