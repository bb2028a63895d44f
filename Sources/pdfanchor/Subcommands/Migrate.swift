import ArgumentParser
import Foundation
import Library
import PDFCore
import Notes

extension PDFAnchor {
    /// `pdfanchor migrate [VAULT] --to zotero`
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move the vault's highlights into their PDFs, for Zotero or PDF++.",
            discussion: """
                obsidian-annotator keeps highlights in notes; Zotero and PDF++ read them \
                from the PDF. migrate finds each note's highlights in its PDF (as check \
                does) and adds them to the PDF itself as highlight annotations: a \
                quadrilateral per line, the comment, the tags, a colour by tag \
                (.pdfanchor/config.yml), the dates, and the block id as the \
                annotation's name — keeping the PDF's fingerprint, so the notes still \
                match it. Highlights found only with edits (fuzzy) are listed and left \
                out unless --include-fuzzy; those not found are listed. A highlight the \
                PDF already holds is not added again: a second run adds nothing.

                Without --write nothing is written: each PDF is listed with what it \
                would get. With --write each PDF must still hold the bytes that were \
                read, its previous version is kept in .pdfanchor/backups/, and the new \
                one replaces it atomically (owner and mode kept). The annotation notes' \
                blocks are not changed. An encrypted PDF is named and not written. Each highlight's \
                author is its Hypothesis user when the note's JSON names one, else \
                --author. Zotero: add the PDFs to your library (Add Attachment → Add \
                Link to File… keeps them in the vault); its reader shows the \
                annotations, and File → Import Annotations… makes them Zotero's own.

                --to pdfplus also rewrites every link to a highlight in the vault's \
                Markdown — [[note#^id]], [[note#^id|alias]], ![[note#^id]], outside code \
                — into PDF++'s link to its annotation, [[paper.pdf#page=N&annotation=ID]] \
                (ID as PDF.js names it: the annotation's object number and R), each \
                file written as safely as the PDFs. Links to highlights that were not \
                migrated (fuzzy, not found, refused) stay as they are and are listed.

                A PDF is replaced only if it still holds, byte for byte, what was \
                read; if another program (a PDF reader, Zotero, a sync client) writes \
                to it during the run, its version is kept, the PDF is named as not \
                written, and the links to it stay as they are. Links are rewritten \
                only after their PDF is in place, to annotations read back from it.

                Exit codes: 0 nothing to add (or all written), 1 highlights to add (dry \
                run), notes that could not be migrated or PDFs another program \
                changed during the run (each named, with why: run again), 2 a PDF \
                could not be written or the vault not read.

                Examples:
                  pdfanchor migrate ~/Obsidian/Research --to zotero
                  pdfanchor migrate ~/Obsidian/Research --to zotero --write
                  pdfanchor migrate ~/Obsidian/Research --to pdfplus --write
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

        @Flag(help: "Also write highlights found only with edits (fuzzy).")
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

        func run() async throws {
            ScratchFolder.sweep()
            // Written in place: only a folder Obsidian opens as a vault.
            let root = VaultChoice.ofFolder(vault)
            guard root.isObsidianVault else {
                StandardError.write("pdfanchor: \(vault): not in an Obsidian vault (no .obsidian folder in it or above); give the vault's folder")
                throw ExitCode(2)
            }
            var migrator = Migrator(vault: root)
            migrator.includeFuzzy = includeFuzzy
            migrator.password = password
            migrator.colors = tagColors(in: root)
            migrator.author = author.flatMap { $0.isEmpty ? nil : $0 }
            var writer = NoteWriter(vault: root)
            writer.beforeRename = TestHooks.beforeRename
            writer.overwriteReadOnly = writeReadOnly || force
            // The PDFs first, settled: a PDF another program changed meanwhile
            // is left as that program wrote it, and its links stay. Then, for
            // PDF++, the links point at the annotations the PDFs hold.
            let result = await migrator.migrate(write: write, links: to == .pdfplus, with: writer)
            let plan = result.plan
            for (note, reason) in plan.skipped { StandardError.write("pdfanchor: \(note): not migrated: \(reason)") }
            var status: Int32 = plan.skipped.isEmpty ? 0 : 1
            for pdf in plan.pdfs { status = max(status, say(pdf, in: root)) }
            for error in result.pdfs.refused + (result.links?.refused ?? []) {
                StandardError.write("pdfanchor: \(error)")
                status = max(status, error.changedOnDisk ? 1 : 2)
            }
            if let links = result.links { status = max(status, say(links, wrote: write, in: root)) }
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
                StandardError.write("Nothing to migrate: every highlight found is in its PDF already\(to == .pdfplus ? " and no link points at a block" : "").")
            }
            if status != 0 { throw ExitCode(status) }
        }

        /// Says what became of the vault's links to the blocks (or, in a dry
        /// run, what would); 1 when a file's links were put back, else 0.
        private func say(_ links: Migrator.LinkRewrites, wrote: Bool, in root: Vault) -> Int32 {
            for file in links.files {
                let name = root.vaultPath(of: file.path) ?? file.path
                if !file.left.isEmpty {
                    let shown = file.left.prefix(5).map { "[[\($0)]]" }.joined(separator: ", ") + (file.left.count > 5 ? ", …" : "")
                    print("\(name): \(count(file.left.count, "link")) \(file.left.count == 1 ? "stays as it is" : "stay as they are"): the highlight was not migrated (fuzzy, not found or refused): \(shown)")
                }
                if !wrote, file.links > 0 {
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

        /// Says what migrating `pdf` adds (or why it cannot); 1 when that
        /// is a problem the user must solve, else 0.
        private func say(_ pdf: Migrator.PDFPlan, in root: Vault) -> Int32 {
            var status: Int32 = 0
            let name = root.vaultPath(of: pdf.pdf) ?? pdf.pdf
            var line = "\(name): \(count(pdf.annotations, "highlight")) to add from \(pdf.notes.joined(separator: ", "))"
            if pdf.alreadyThere > 0 { line += "; \(pdf.alreadyThere) already in it" }
            if !pdf.fuzzy.isEmpty { line += "; \(pdf.fuzzy.count) fuzzy left out (--include-fuzzy)" }
            if !pdf.orphans.isEmpty { line += "; \(pdf.orphans.count) not found" }
            if !pdf.conflicts.isEmpty {
                line += "; not written, another annotation of the PDF already has the name: " + pdf.conflicts.map { "^" + $0 }.joined(separator: ", ")
            }
            if !pdf.duplicates.isEmpty {
                line += "; not written, the id is used by two highlights (give one a new ^id): " + pdf.duplicates.map { "^" + $0 }.joined(separator: ", ")
                status = max(status, 1)
            }
            if let refusal = pdf.refusal {
                line = "\(name): not migrated: \(refusal) (\(pdf.notes.joined(separator: ", "))); decrypt a copy (qpdf --decrypt) and run again"
                status = max(status, 1)
            }
            print(line)
            return status
        }
    }
}
