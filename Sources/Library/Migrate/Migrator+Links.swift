import Foundation
import Notes
import PDFCore

extension Migrator {
    /// For each note migrated, where each of its highlights is now: the
    /// PDF++ link target (`papers/x.pdf#page=3&annotation=12R`), read back
    /// from the PDFs (after ``write(_:with:)``; before, `placeholder` for
    /// every highlight, to count the links a run would change).
    public func linkTargets(_ plan: Plan, placeholder: Bool = false) -> [LinkRewriter.Moved] {
        // Notes not migrated: their links stay, and are listed.
        var moved: [LinkRewriter.Moved] = plan.skipped.map { LinkRewriter.Moved(note: $0.note, targets: [:]) }
        for pdf in plan.pdfs {
            let ids = placeholder ? [:] : ((try? PDFDocument(path: pdf.pdf, password: password))?.annotationIDs() ?? [:])
            let path = vault.vaultPath(of: pdf.pdf) ?? pdf.pdf
            for (note, noteIDs) in pdf.idsByNote {
                var targets: [String: String] = [:]
                for id in noteIDs {
                    if placeholder {
                        targets[id] = path
                    } else if let at = ids[id] {
                        targets[id] = "\(path)#page=\(at.page)&annotation=\(at.pdfjsID)"
                    }
                }
                moved.append(LinkRewriter.Moved(note: note, targets: targets))
            }
        }
        return moved
    }

    /// The vault's Markdown files (hidden folders skipped), sorted.
    public func markdownFiles() -> [String] {
        var files: [String] = []
        Scanner().files(in: vault.root) { path, name in
            if name.lowercased().hasSuffix(".md") { files.append(path) }
        }
        return files.sorted()
    }

    /// What `--to pdfplus` does to one Markdown file's links to blocks.
    public struct LinkFile: Sendable {
        /// The file (absolute path).
        public var path: String
        /// Links that point (or, in a dry run, would point) at annotations.
        public var links: Int
        /// Links to moved notes that stay as they are, with why: their
        /// highlight was not migrated, or their path names more than one file.
        public var left: [LinkRewriter.Left]
        /// The file as read, and as rewritten.
        var original: Data
        var edited: Data
        /// The link targets (``LinkRewriter/Moved/targets``) its new links point at.
        var targets: Set<String>

        /// The file's size as read, in bytes (what its backup takes).
        public var size: Int { original.count }
    }

    /// The outcome of rewriting the vault's links.
    public struct LinkRewrites: Sendable {
        /// Every file with links to change, or left (in the vault's order).
        public var files: [LinkFile] = []
        /// With `write`: the files written and settled (not put back).
        public var written: [LinkFile] = []
        /// Files not written, or put back, each with why.
        public var refused: [WriteError] = []
        /// Files put back because a PDF they point into no longer holds
        /// those annotations (another program changed it meanwhile).
        public var putBack: [String] = []
    }

    /// Points every link to a migrated highlight in the vault's Markdown —
    /// `[[note#^id]]`, with an alias, embedded, and `[text](note.md#^id)`
    /// (see ``LinkRewriter``) — at PDF++'s link to its
    /// annotation, read back from the PDFs as they are now (so after
    /// ``writePDFs(_:with:)``). With `write`, each file goes through
    /// `writer` (unchanged since read, backup, atomic) and the writes are
    /// settled; then the PDFs are read back again, and a file whose links
    /// name an annotation a PDF no longer holds is put back as it was.
    /// Without `write`, nothing is written: the files show what would change.
    public func rewriteLinks(_ plan: Plan, write: Bool, with writer: NoteWriter) -> LinkRewrites {
        var result = LinkRewrites()
        let files = markdownFiles()
        let targets = linkTargets(plan, placeholder: !write)
        let rewriter = LinkRewriter(targets, notes: files.compactMap { vault.vaultPath(of: $0) })
        for (done, file) in files.enumerated() {
            progress?(MigrationProgress(phase: .linking, done: done, total: files.count, item: vault.vaultPath(of: file) ?? file))
            guard NoteFile.fits(file), let original = FileManager.default.contents(atPath: file),
                let text = String(data: original, encoding: .utf8)
            else { continue }
            // An annotation note's blocks stay as they are (their JSON and Markdown agree).
            let isNote = (try? Scanner.isAnnotationNote(file).get()) == true
            let rewritten = rewriter.rewrite(text, keepQuoted: isNote, from: vault.vaultPath(of: file))
            guard rewritten.links > 0 || !rewritten.left.isEmpty else { continue }
            let item = LinkFile(
                path: file, links: rewritten.links, left: rewritten.left, original: original, edited: Data(rewritten.text.utf8),
                targets: rewritten.targets)
            result.files.append(item)
            guard write, item.links > 0 else { continue }
            do {
                _ = try writer.write(path: file, original: original, edited: item.edited)
                result.written.append(item)
            } catch {
                result.refused.append(error)
            }
        }
        progress?(MigrationProgress(phase: .linking, done: files.count, total: files.count, item: nil))
        guard write else { return result }
        let settled = writer.finish()
        let settledPaths = Set(settled.map(\.path))
        result.refused += settled
        result.written.removeAll { settledPaths.contains($0.path) }
        // A PDF another program changed while the links were written may no
        // longer hold what they point at: their files are put back.
        let gone = Set(targets.flatMap(\.targets.values)).subtracting(linkTargets(plan).flatMap(\.targets.values))
        guard !gone.isEmpty else { return result }
        let stale = result.written.filter { !$0.targets.isDisjoint(with: gone) }
        for item in stale {
            do {
                _ = try writer.write(path: item.path, original: item.edited, edited: item.original)
                result.putBack.append(item.path)
            } catch {
                result.refused.append(error)
            }
        }
        result.refused += writer.finish()
        let staleFiles = Set(stale.map(\.path))
        result.written.removeAll { staleFiles.contains($0.path) }
        return result
    }
}
