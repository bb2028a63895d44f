import ArgumentParser
import Foundation
import Library
import PDFCore

extension PDFAnchor {
    /// `pdfanchor export-pdf NOTE.md -o OUT.pdf`
    struct ExportPDF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-pdf",
            abstract: "Write a note's highlights into a copy of its PDF, as PDF highlight annotations.",
            discussion: """
                Finds every annotation of the note in its PDF (as pdfanchor check does) \
                and writes a copy of the PDF with one highlight annotation per \
                annotation found: its lines as QuadPoints, its comment as the \
                annotation's text, its tags as the subject, its block id as the name \
                (/NM), its dates. Any PDF reader shows them; pdfannots and Zotero can \
                extract them. Annotations not found are listed, not written.

                The source PDF is never changed and never written over. The copy keeps \
                the source's PDF.js fingerprint, so the plugin still recognises it.

                Exit codes: 0 every annotation written, 1 some were not found, 2 \
                nothing was written.

                Examples:
                  pdfanchor export-pdf "Papers/Smith 2021.md" -o ~/Desktop/smith2021.pdf
                  pdfanchor export-pdf note.md -o shared.pdf --color "#8bc34a"
                """
        )

        @Argument(help: "The annotation note.", completion: .file(extensions: ["md", "json"]))
        var note: String

        @OptionGroup var options: PDFOptions

        @Option(name: .shortAndLong, help: "The PDF to write (not the source).", completion: .file(extensions: ["pdf"]))
        var output: String

        @Flag(help: "Replace an annotation note or a PDF given as -o (a copy is kept first).")
        var force = false

        @Option(
            help: """
                Highlight colour for all: yellow, green, blue, pink, orange, red, purple or #rrggbb \
                (default: by tag from the vault's .pdfanchor/config.yml, else yellow).
                """)
        var color: String?

        @Option(help: "The author the PDF readers show for highlights whose annotation names no Hypothesis user (obsidian-annotator stores none).")
        var author: String?

        func validate() throws {
            if let color, RGBColor(named: color) == nil { throw ValidationError("--color \(color): not a colour name or #rrggbb") }
        }

        func run() async throws {
            ScratchFolder.sweep()
            var exporter = PDFExporter(
                checker: options.checker(vault: options.vault(of: note)), color: color.flatMap { RGBColor(named: $0) } ?? .highlighterYellow)
            // --color sets every highlight's; otherwise their tags may.
            if color == nil { exporter.colors = tagColors(in: options.vault(of: note)) }
            exporter.force = force
            exporter.author = author.flatMap { $0.isEmpty ? nil : $0 }
            let result = try await orExit {
                try await exporter.export(
                    notePath: note, pdf: options.pdf, vault: options.vault(of: note), password: options.password, to: output)
            }
            if let kept = result.replacedKeptAt { StandardError.write("pdfanchor: the previous \(output) is kept as \(kept)") }
            print("Wrote \(result.highlights) highlight\(result.highlights == 1 ? "" : "s") to \(result.output) (fingerprint \(result.fingerprint), as \(result.source)).")
            if result.alreadyThere > 0 {
                print("\(result.alreadyThere) highlight\(result.alreadyThere == 1 ? " was" : "s were") in the PDF already (the same id, page and place): not written again.")
            }
            if !result.orphans.isEmpty {
                print("\(result.orphans.count) annotation\(result.orphans.count == 1 ? "" : "s") not found in the PDF, not written:")
                for (id, reason) in result.orphans { print("  ^\(id): \(reason)") }
                throw ExitCode(1)
            }
        }
    }
}
