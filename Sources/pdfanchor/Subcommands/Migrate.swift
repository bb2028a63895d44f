import ArgumentParser
import Foundation
import Library
import PDFCore

extension PDFAnchor {
    /// `pdfanchor migrate [VAULT] --to zotero`
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move the vault's highlights into their PDFs, for Zotero or PDF++.",
            discussion: """
                obsidian-annotator keeps highlights in notes; Zotero and PDF++ read them \
                from the PDF. migrate finds each note's highlights in its PDF (as check \
                does) and adds them to the PDF itself as highlight annotations (comment, \
                tags, a colour by tag from .pdfanchor/config.yml, dates, the block id as \
                name, the Hypothesis user or --author as author), keeping the PDF's \
                fingerprint, so the notes still match it. Highlights found only with \
                edits (fuzzy) are migrated when their context confirms the place (the \
                text before and after it matches the note's prefix and suffix, 85% or \
                better each); the others are left behind and named (--exact-only leaves \
                every fuzzy one). A highlight the PDF already holds is not added again.

                Without --write nothing is written: each PDF with what it would get, \
                then the totals — what will be written, what is left behind and why, \
                which links change, and the space the backups need. With --write each \
                PDF must still hold, byte for byte, what was read; its previous version \
                is kept in .pdfanchor/backups/ and the new one replaces it atomically \
                (owner and mode kept); if another program writes to it during the run, \
                its version is kept and the PDF named as not written. An encrypted PDF \
                is named and left alone. The notes' blocks are not changed. Zotero: add \
                the PDFs (Add Attachment → Add Link to File…), then File → Import \
                Annotations… in its reader.

                --to pdfplus then rewrites every link to a migrated highlight in the \
                vault's Markdown, outside code — [[note#^id]], [[note#^id|alias]], \
                ![[note#^id]], [text](note.md#^id) (with or without .md, %20, <…>, \
                relative paths) — into PDF++'s link to its annotation, \
                [[paper.pdf#page=N&annotation=ID]] or [text](paper.pdf#page=N&annotation=ID), \
                only after the PDFs are in place, each file written as safely. Links \
                that stay (highlight not migrated, or a path naming two notes) are listed.

                Exit codes: 0 everything migrated; 1 highlights to add (dry run), something \
                left behind or changed by another program meanwhile (each named, with \
                why); 2 a PDF could not be written or the vault not read.

                Examples:
                  pdfanchor migrate ~/Obsidian/Research --to zotero
                  pdfanchor migrate ~/Obsidian/Research --to zotero --write
                  pdfanchor migrate ~/Obsidian/Research --to pdfplus --write --exact-only
                """
        )

        enum Target: String, ExpressibleByArgument, CaseIterable {
            case zotero, pdfplus
        }

        @Argument(help: "The vault, or any folder in it (default: the current folder): the nearest folder above holding .obsidian/ is the vault.", completion: .directory)
        var vault: String = "."

        @Option(help: "The tool to move to: zotero, or pdfplus (which also points the vault's links at the new annotations).")
        var to: Target

        @Flag(help: "Write the highlights into the PDFs (default: show what would be written).")
        var write = false

        @Flag(help: "Write only the highlights found as they are: leave out the fuzzy ones, even those their context confirms.")
        var exactOnly = false

        /// Once how to migrate fuzzy highlights; those their context confirms now are by default.
        @Flag(help: .hidden)
        var includeFuzzy = false

        @Option(help: "Password of encrypted PDFs.")
        var password: String?

        @Option(help: "The author the PDF readers show for highlights whose annotation names no Hypothesis user (obsidian-annotator stores none).")
        var author: String?

        @Flag(help: "With --write: write read-only PDFs too (their mode is kept).")
        var writeReadOnly = false

        /// The old name of --write-read-only.
        @Flag(help: .hidden)
        var force = false

        func validate() throws {
            if exactOnly, includeFuzzy { throw ValidationError("--exact-only and --include-fuzzy ask for opposite things; give one") }
        }

        func run() async throws {
            ScratchFolder.sweep()
            // Written in place: only a folder Obsidian opens as a vault (none is taken for one).
            let root = VaultChoice.ofFolder(vault, announcing: false)
            guard root.isObsidianVault else {
                StandardError.write("pdfanchor: \(vault): not in an Obsidian vault (no .obsidian folder in it or above); give the vault's folder")
                throw ExitCode(2)
            }
            if includeFuzzy {
                StandardError.write(
                    "pdfanchor: --include-fuzzy is no longer needed: fuzzy highlights their context confirms are migrated by default, and the others are never written (pdfanchor check NOTE --explain ^ID shows where each was found)")
            }
            var migrator = Migrator(vault: root, checker: NoteChecker(cache: AuditCache.pageCache(for: root)))
            migrator.exactOnly = exactOnly
            migrator.password = password
            migrator.colors = tagColors(in: root)
            migrator.author = author.flatMap { $0.isEmpty ? nil : $0 }
            let bar = ProgressBar.onTerminal()
            if let bar { migrator.progress = { bar.show($0) } }
            var writer = NoteWriter(vault: root)
            writer.beforeRename = TestHooks.beforeRename
            writer.overwriteReadOnly = writeReadOnly || force
            // The PDFs first, settled: a PDF another program changed meanwhile
            // is left as that program wrote it, and its links stay. Then, for
            // PDF++, the links point at the annotations the PDFs hold.
            let result = await migrator.migrate(write: write, links: to == .pdfplus, with: writer)
            bar?.finish()
            let plan = result.plan
            for skipped in plan.skipped { StandardError.write("pdfanchor: \(skipped.note): not migrated: \(skipped.reason)") }
            var status: Int32 = 0
            for pdf in plan.pdfs { say(pdf, in: root) }
            for error in result.pdfs.refused + (result.links?.refused ?? []) {
                StandardError.write("pdfanchor: \(error)")
                status = max(status, error.changedOnDisk ? 1 : 2)
            }
            if let links = result.links { status = max(status, say(links, of: result, in: root)) }
            let summary = MigrationSummary(result, vault: root.root)
            for line in summary.lines { print(line) }
            if summary.leavesSomething { status = max(status, 1) }
            if write {
                if !result.pdfs.written.isEmpty || result.linksWritten > 0 {
                    let links = to == .pdfplus ? ", \(count(result.linksWritten, "link")) rewritten" : ""
                    print("\(count(result.pdfs.written.count, "PDF")) written\(links); previous versions kept in \(root.vaultPath(of: writer.backupFolder) ?? writer.backupFolder)/")
                }
            } else if result.pdfsToChange > 0 || result.linksToChange > 0 {
                let links = to == .pdfplus ? " and \(count(result.linksToChange, "link"))" : ""
                StandardError.write("\(count(result.pdfsToChange, "PDF"))\(links) to change. Run again with --write.")
                status = max(status, 1)
            } else if plan.pdfs.isEmpty {
                StandardError.write("Nothing to migrate\(plan.skipped.isEmpty ? ": the vault has no annotation notes" : ": no note could be migrated (see above)").")
            } else {
                StandardError.write("Nothing to migrate: every highlight found is in its PDF already\(to == .pdfplus ? ", and every link to one points at it" : "").")
            }
            if status != 0 { throw ExitCode(status) }
        }

        /// Says what became of the vault's links to the blocks (or, in a dry
        /// run, what would); 1 when a file's links were put back, else 0.
        private func say(_ links: Migrator.LinkRewrites, of result: MigrationResult, in root: Vault) -> Int32 {
            for file in links.files {
                let name = root.vaultPath(of: file.path) ?? file.path
                let stay = file.left.filter { $0.reason == .notMoved }
                if !stay.isEmpty {
                    let why = Dictionary(grouping: stay) { result.whyLeft(note: $0.note ?? "", id: $0.id) }.sorted { $0.value.count > $1.value.count }
                    let shown = why.map { "\($0.value.count) \($0.key): " + $0.value.prefix(3).map(\.link).joined(separator: ", ") + ($0.value.count > 3 ? ", …" : "") }
                    print("\(name): \(count(stay.count, "link")) \(stay.count == 1 ? "stays as it is" : "stay as they are") — \(shown.joined(separator: "; "))")
                }
                for link in file.left where link.reason == .ambiguous {
                    print("\(name): \(link.link) stays as it is: its path names \(link.candidates.joined(separator: " and ")) — write the note's path")
                }
                if !result.wrote, file.links > 0 {
                    print("\(name): \(count(file.links, "link")) to highlights \(file.links == 1 ? "to point at its annotation" : "to point at their annotations")")
                }
            }
            for path in links.putBack {
                StandardError.write(
                    "pdfanchor: \(root.vaultPath(of: path) ?? path): its links were put back as they were: a PDF they point into was changed by another program meanwhile — run again")
            }
            for file in links.written {
                print("\(root.vaultPath(of: file.path) ?? file.path): \(count(file.links, "link")) \(file.links == 1 ? "to a highlight now points at its annotation" : "to highlights now point at their annotations")")
            }
            return links.putBack.isEmpty ? 0 : 1
        }

        /// Says what migrating `pdf` adds, or why it cannot; then, by note,
        /// the highlights left behind that the user can act on.
        private func say(_ pdf: Migrator.PDFPlan, in root: Vault) {
            let name = root.vaultPath(of: pdf.pdf) ?? pdf.pdf
            if let refusal = pdf.refusal {
                return print("\(name): not migrated: \(refusal) (\(pdf.notes.joined(separator: ", "))); decrypt a copy (qpdf --decrypt) and run again")
            }
            var line = "\(name): \(count(pdf.annotations, "highlight")) to add from \(pdf.notes.joined(separator: ", "))"
            if !pdf.fuzzyTaken.isEmpty { line += " (\(pdf.fuzzyTaken.count) fuzzy, confirmed by \(pdf.fuzzyTaken.count == 1 ? "its" : "their") context)" }
            if pdf.alreadyThere > 0 { line += "; \(pdf.alreadyThere) already in it" }
            let left = Dictionary(grouping: pdf.left, by: \.reason)
            let reasons = Migrator.LeftReason.allCases.filter { left[$0] != nil }
            if !reasons.isEmpty { line += "; left behind: " + reasons.map { "\(left[$0]!.count) \($0.words)" }.joined(separator: ", ") }
            print(line)
            let todo: [(Migrator.LeftReason, String)] = [
                (.fuzzyUnconfirmed, "pdfanchor check NOTE --explain ^ID shows where each was found and why"),
                (.conflict, "another annotation of the PDF has the name: give the block a new ^id"), (.duplicate, "give one a new ^id"),
            ]
            for (reason, what) in todo {
                for (note, items) in Dictionary(grouping: left[reason] ?? [], by: \.note).sorted(by: { $0.key < $1.key }) {
                    let ids = items.prefix(8).map { "^" + $0.id }.joined(separator: ", ") + (items.count > 8 ? ", …" : "")
                    print("  \(note): \(reason.words): \(ids) — \(what.replacingOccurrences(of: "NOTE", with: note).replacingOccurrences(of: "^ID", with: "^" + items[0].id))")
                }
            }
        }
    }
}
