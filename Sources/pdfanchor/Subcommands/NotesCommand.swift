import ArgumentParser
import Notes
import Reports

extension PDFAnchor {
    /// `pdfanchor notes NOTE.md`
    struct NotesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notes",
            abstract: "List the annotations of a note and the problems found reading it.",
            discussion: """
                Reads an obsidian-annotator note (or a Hypothesis / W3C Web Annotation \
                JSON file) the way the plugin does, but tolerantly: a broken block is \
                reported with its line number and every other block is still read. \
                Problems the plugin itself would choke on (CRLF line endings, '> ' \
                quote markers, a missing blank line, no final newline) are warnings \
                for PDFAnchor, which reads past them; the last line says how many \
                highlights the plugin does not show because of them.

                Exit codes: 0 the note was read cleanly and the plugin shows all of \
                it, 1 some blocks had errors or the plugin does not show some \
                highlights (the lines are listed), 2 the file could not be read.

                Examples:
                  pdfanchor notes "Papers/Smith 2021.md"
                  pdfanchor notes note.md --format json | jq '.annotations[].exact'
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Argument(help: "The note (Markdown) or Hypothesis JSON file.", completion: .file(extensions: ["md", "json"]))
        var file: String

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        func run() throws {
            let source = try orExit { try AnnotationSource(path: file) }
            switch format {
            case .json:
                print(try encodeJSON(NotesReport(source: source)))
            case .text:
                printText(source)
            }
            let loss = source.diagnostics.compactMap(\.code.pluginLoss)
            if format == .text, !loss.isEmpty {
                print(loss.contains(.note)
                    ? "obsidian-annotator shows none of this note's highlights until the lines above marked as such are fixed."
                    : "obsidian-annotator does not show the highlights of \(loss.count) block\(loss.count == 1 ? "" : "s") until the lines above are fixed.")
            }
            if source.hasErrors || !loss.isEmpty { throw ExitCode(1) }
        }

        private func printText(_ source: AnnotationSource) {
            let annotations = source.annotations
            var header = "\(file): \(annotations.count) annotation\(annotations.count == 1 ? "" : "s")"
            if let target = source.note?.frontMatter?.target { header += ", target \(target)" }
            if let fingerprint = source.note?.fingerprint { header += ", fingerprint \(fingerprint)" }
            print(header)
            let lines = Dictionary(
                (source.note?.blocks ?? []).compactMap { block in block.annotation.map { ($0.id, block.firstLine) } },
                uniquingKeysWith: { first, _ in first })
            for annotation in annotations {
                let line = lines[annotation.id].map { "line \($0)" } ?? ""
                let quote = annotation.quote.map { "\"\(CheckReports.oneLine($0.exact, at: 70))\"" } ?? "(\(annotation.kind.rawValue))"
                print("  ^\(annotation.id)  \(line)  \(quote)")
                if !annotation.comment.isEmpty { print("      comment: \(CheckReports.oneLine(annotation.comment, at: 80))") }
                if !annotation.tags.isEmpty { print("      tags: \(annotation.tags.map { "#\($0)" }.joined(separator: ", "))") }
            }
            if !source.diagnostics.isEmpty {
                print("Diagnostics:")
                for diagnostic in source.diagnostics { print("  \(diagnostic)") }
            }
        }
    }
}
