import ArgumentParser
import Foundation
import Library

extension PDFAnchor {
    /// `pdfanchor refresh NOTE.md`
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Update a note's quotes after its PDF was replaced by a new version.",
            discussion: """
                Checks the note against its PDF (or --pdf). Each annotation found only \
                with edits (fuzzy) gets its quote rewritten from the PDF's text now as \
                the plugin's PDF.js reads it (lines joined without a space, ligatures \
                and TeX symbols as PDF.js spells them) — exact, 32 UTF-16 units of \
                prefix and suffix, as Hypothesis makes them — and its position in that \
                text; every annotation found gets the PDF's fingerprint, so that the \
                plugin anchors them again. Orphans are listed and left untouched, as \
                are annotations found in pieces.

                Without --write nothing is written: the changes are printed field by \
                field (the old value → the new one, and the lines), or with --diff as a \
                unified diff. With --write the note is written safely, as relink does \
                (unchanged-since-read check, backup in .pdfanchor/backups/, atomic).

                Exit codes: 0 nothing to change (or written), 1 changes to make (dry \
                run), 2 the note or its PDF could not be used or written.

                Examples:
                  pdfanchor refresh "Papers/Smith 2021.md"
                  pdfanchor refresh note.md --pdf smith2021-v2.pdf --write
                """
        )

        @Argument(help: "The annotation note.", completion: .file(extensions: ["md", "json"]))
        var note: String

        @OptionGroup var options: PDFOptions

        @OptionGroup var writing: WriteOptions

        func run() async throws {
            let vault = options.vault(of: note)
            let plan = try await orExit {
                try await Refresher(checker: options.checker(vault: vault)).plan(notePath: note, pdf: options.pdf, vault: vault, password: options.password)
            }
            let status = ChangeApplier(vault: vault, write: writing.write, force: writing.overwriteReadOnly, showDiff: writing.diff, notes: [note]).apply([plan.change])
            var lines: [String] = []
            // A refused write rewrote nothing: said as what would be done.
            let done = !writing.write || status == 0
            if !plan.refreshed.isEmpty {
                let verb = done ? "rewritten" : "to rewrite (not written)"
                lines.append("\(plan.refreshed.count) quote\(plan.refreshed.count == 1 ? "" : "s") \(verb) from the PDF: " + plan.refreshed.map { "^\($0.id) (p. \($0.page))" }.joined(separator: ", "))
            }
            if !plan.fingerprintUpdated.isEmpty {
                let verb = done ? "get" : "would get"
                lines.append("\(plan.fingerprintUpdated.count) annotation\(plan.fingerprintUpdated.count == 1 ? "" : "s") found as they are \(verb) the PDF's fingerprint \(plan.fingerprint)")
            }
            for (id, reason) in plan.leftAlone { lines.append("left alone: ^\(id): \(reason)") }
            if !plan.orphans.isEmpty {
                lines.append("\(plan.orphans.count) not found, untouched: " + plan.orphans.map { "^\($0.id)" }.joined(separator: ", "))
            }
            if plan.change.isEmpty { lines.append("Nothing to refresh.") } else if !writing.write { lines.append("Run again with --write to apply.") }
            for line in lines { StandardError.write(line) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
