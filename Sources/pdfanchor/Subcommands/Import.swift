import ArgumentParser
import Foundation
import Library
import PDFCore
import Reports

extension PDFAnchor {
    /// `pdfanchor import PAPER.pdf`
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring the highlights inside a PDF (Zotero, Acrobat, Preview, Skim, Okular…) into an annotation note.",
            discussion: """
                Each highlight, underline, strike-out and squiggly with text under it \
                becomes an obsidian-annotator annotation, with the quote, context and \
                position PDF.js gives that text (what the plugin makes when you select \
                it), the PDF's fingerprint, its comment and replies, and tags: the \
                vault's tag of its colour (.pdfanchor/config.yml), else the colour's \
                name (yellow, red, green, blue, purple, magenta, orange, grey), and \
                its kind when it is not a highlight. Notes, drawings and carets have no text to anchor: \
                they are listed, and `pdfanchor extract PAPER.pdf` shows them.

                The note is -o NOTE.md, else the vault's note of this PDF (by its \
                fingerprint or annotation-target), else the PDF's name with .md beside \
                it; the vault is the PDF's (the nearest folder above it holding \
                .obsidian/, or --vault), and PDF and note must be in it. A note \
                that exists gains only what it lacks (an annotation of the same id — \
                as `migrate` writes it into the PDF — or the same quote at the same \
                position is not added again), so `migrate` then `import` adds nothing \
                twice. Without --write nothing is written: what would be added, what is \
                there already and what is left, with why. With --write the note is \
                written atomically, its previous version kept in .pdfanchor/backups/.

                Exit codes: 0 done (or nothing to add), 2 the PDF or the note could \
                not be used (a usage error included): nothing was written.

                Examples:
                  pdfanchor import papers/smith-2021.pdf                 # what would be added
                  pdfanchor import papers/smith-2021.pdf --write
                  pdfanchor import papers/smith-2021.pdf -o "notes/Smith 2021.md" --write
                """)

        @Argument(help: "The PDF whose annotations to import.", completion: .file(extensions: ["pdf"]))
        var pdf: String

        @Option(name: .shortAndLong, help: "The note to write or add to (default: the PDF's name with .md, beside it).", completion: .file(extensions: ["md"]))
        var output: String?

        @Option(help: "The vault's folder (default: the nearest folder above the PDF holding .obsidian/). It must exist.", completion: .directory)
        var vault: String?

        @Option(help: "Password of an encrypted PDF.")
        var password: String?

        @Flag(help: "Write the note (default: show what would be added).")
        var write = false

        @Flag(help: "With --write: add to a read-only note too (its mode is kept).")
        var writeReadOnly = false

        func run() throws {
            let vaultRoot: Vault
            do {
                vaultRoot = try VaultChoice.of(note: pdf, given: vault).announced()
            } catch {
                throw ValidationError("\(error)")
            }
            let plan: Importer.Plan = try orExit {
                let file = try PDFFile(path: pdf)
                let note = try output ?? Self.defaultNote(for: file, in: vaultRoot)
                let reading = try EmbeddedReader.read(file, password: password)
                for problem in reading.problems {
                    StandardError.write("pdfanchor: warning: \(pdf): \(problem)")
                }
                return try Importer.plan(reading, into: note, vault: vaultRoot, colors: tagColors(in: vaultRoot), password: password)
            }
            say(plan)
            guard write, !plan.added.isEmpty else {
                if !write, !plan.added.isEmpty { print("Nothing written: run again with --write to write \(plan.note).") }
                return
            }
            try orExit {
                if plan.noteExists {
                    var writer = NoteWriter(vault: vaultRoot)
                    writer.overwriteReadOnly = writeReadOnly
                    let backup = try writer.write(path: plan.note, original: plan.original, edited: plan.edited)
                    for failure in writer.finish() { throw failure }
                    print("Wrote \(plan.note) (the previous version is kept as \(backup)).")
                } else {
                    guard !FileManager.default.fileExists(atPath: plan.note) else {
                        throw Importer.Refusal(path: plan.note, reason: "it appeared while the import was made; nothing was written — run again")
                    }
                    try AtomicFile.write(plan.edited, to: plan.note)
                    print("Wrote \(plan.note).")
                }
            }
        }

        /// The note an import without `-o` goes to: the vault's one note of
        /// this PDF, else the PDF's name with `.md` beside it.
        /// - Throws: ``Importer/Refusal`` when several notes are of this PDF.
        static func defaultNote(for file: PDFFile, in vault: Vault) throws -> String {
            let notes = Importer.notes(of: file, in: vault)
            guard notes.count <= 1 else {
                throw Importer.Refusal(
                    path: file.path, reason: "\(notes.count) notes are of this PDF (\(notes.map { vault.vaultPath(of: $0) ?? $0 }.joined(separator: ", "))): say which with -o")
            }
            return notes.first ?? ((file.path as NSString).deletingPathExtension + ".md")
        }

        /// What the plan adds, finds present and leaves, in words.
        private func say(_ plan: Importer.Plan) {
            if plan.added.isEmpty {
                print("Nothing to add from \(plan.pdf) to \(plan.note)" + (plan.present.isEmpty ? "" : ": \(count(plan.present.count, "highlight")) already in the note") + ".")
            } else {
                let verb = write ? "Adding" : "Would add"
                print("\(verb) \(count(plan.added.count, "highlight")) from \(plan.pdf) to \(plan.note)\(plan.noteExists ? "" : " (a new note)")"
                    + (plan.present.isEmpty ? "" : "; \(plan.present.count) already in the note") + ".")
            }
            for (id, highlight) in plan.added {
                let text = HighlightReport.tidy(highlight.text ?? "")
                print("  + p. \(highlight.pageLabel) \(highlight.annotation.subtype) ^\(id): “\(text.count > 70 ? String(text.prefix(69)) + "…" : text)”")
            }
            if !plan.left.isEmpty { print("Left out (\(plan.left.count)):") }
            for (highlight, reason) in plan.left {
                print("  - p. \(highlight.pageLabel) \(highlight.annotation.subtype)\(highlight.annotation.contents.map { " “\(HighlightReport.tidy(String($0.prefix(40))))”" } ?? ""): \(reason)")
            }
        }
    }
}
