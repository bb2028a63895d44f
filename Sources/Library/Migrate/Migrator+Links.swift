import Foundation
import Notes

extension Migrator {
    /// What `--to pdfplus` does to one Markdown file's links to blocks.
    public struct LinkFile: Sendable {
        /// The file (absolute path).
        public var path: String
        /// Links that point (or, in a dry run, would point) at annotations.
        public var links: Int
        /// Links to blocks whose highlight was not migrated: left as they are.
        public var left: [String]
        /// The file as read, and as rewritten.
        var original: Data
        var edited: Data
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
    /// `[[note#^id]]`, with an alias, embedded — at PDF++'s link to its
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
        for file in files {
            guard NoteFile.fits(file), let original = FileManager.default.contents(atPath: file),
                let text = String(data: original, encoding: .utf8)
            else { continue }
            // An annotation note's blocks stay as they are (their JSON and Markdown agree).
            let isNote = (try? Scanner.isAnnotationNote(file).get()) == true
            let (edited, links, left) = rewriter.rewrite(text, keepQuoted: isNote)
            guard links > 0 || !left.isEmpty else { continue }
            let item = LinkFile(path: file, links: links, left: left, original: original, edited: Data(edited.utf8))
            result.files.append(item)
            guard write, links > 0 else { continue }
            do {
                _ = try writer.write(path: file, original: original, edited: item.edited)
                result.written.append(item)
            } catch {
                result.refused.append(error)
            }
        }
        guard write else { return result }
        let settled = writer.finish()
        let settledPaths = Set(settled.map(\.path))
        result.refused += settled
        result.written.removeAll { settledPaths.contains($0.path) }
        // A PDF another program changed while the links were written may no
        // longer hold what they point at: their files are put back.
        let gone = Set(targets.flatMap(\.targets.values)).subtracting(linkTargets(plan).flatMap(\.targets.values))
        guard !gone.isEmpty else { return result }
        let stale = result.written.filter { item in
            let text = String(decoding: item.edited, as: UTF8.self)
            return gone.contains { text.contains($0 + "]]") || text.contains($0 + "|") }
        }
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
