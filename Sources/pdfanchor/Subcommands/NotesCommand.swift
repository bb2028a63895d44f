import ArgumentParser
import Notes

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
                quote markers, a missing blank line, no final newline) are warnings.

                Exit codes: 0 the note was read cleanly (warnings allowed), 1 some \
                blocks had errors, 2 the file could not be read.

                Examples:
                  pdfanchor notes "Papers/Smith 2021.md"
                  pdfanchor notes note.md --format json | jq '.annotations[].exact'
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Argument(help: "The note (Markdown) or Hypothesis JSON file.")
        var file: String

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        func run() throws {
            let source: AnnotationSource
            do {
                source = try AnnotationSource(path: file)
            } catch {
                StandardError.write("pdfanchor: \(error)")
                throw ExitCode(2)
            }
            switch format {
            case .json:
                print(try encodeJSON(NotesReport(source: source)))
            case .text:
                printText(source)
            }
            if source.hasErrors { throw ExitCode(1) }
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
                let quote = annotation.quote.map { "\"\(shorten($0.exact, to: 70))\"" } ?? "(\(annotation.kind.rawValue))"
                print("  ^\(annotation.id)  \(line)  \(quote)")
                if !annotation.comment.isEmpty { print("      comment: \(shorten(annotation.comment, to: 80))") }
                if !annotation.tags.isEmpty { print("      tags: \(annotation.tags.map { "#\($0)" }.joined(separator: ", "))") }
            }
            if !source.diagnostics.isEmpty {
                print("Diagnostics:")
                for diagnostic in source.diagnostics { print("  \(diagnostic)") }
            }
        }
    }
}

/// Shortens text to one line of at most `limit` characters, with an ellipsis.
func shorten(_ text: String, to limit: Int) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
}

/// The `--format json` shape of `pdfanchor notes`.
struct NotesReport: Encodable {
    struct Entry: Encodable {
        var id: String
        var line: Int?
        var kind: String
        var exact: String?
        var prefix: String?
        var suffix: String?
        var comment: String
        var tags: [String]
        var fingerprint: String?
        var uri: String?
        var source: String?
        /// The TextPositionSelector: UTF-16 offsets into PDF.js text.
        var position: TextPositionSelector?
        var created: String?
        var updated: String?
    }

    struct DiagnosticEntry: Encodable {
        var line: Int
        var severity: String
        var code: String
        var message: String
        var blockID: String?
    }

    var note: String
    var target: String?
    var targetType: String?
    var fingerprint: String?
    var annotations: [Entry]
    var diagnostics: [DiagnosticEntry]

    init(source: AnnotationSource) {
        note = source.path
        target = source.note?.frontMatter?.target
        targetType = source.note?.frontMatter?.targetType
        fingerprint = source.note?.fingerprint
        let lines = Dictionary(
            (source.note?.blocks ?? []).compactMap { block in block.annotation.map { ($0.id, block.firstLine) } },
            uniquingKeysWith: { first, _ in first })
        annotations = source.annotations.map { annotation in
            Entry(
                id: annotation.id, line: lines[annotation.id], kind: annotation.kind.rawValue,
                exact: annotation.quote?.exact, prefix: annotation.quote?.prefix, suffix: annotation.quote?.suffix,
                comment: annotation.comment, tags: annotation.tags, fingerprint: annotation.fingerprint,
                uri: annotation.uri, source: annotation.source, position: annotation.position,
                created: annotation.created, updated: annotation.updated)
        }
        diagnostics = source.diagnostics.map {
            DiagnosticEntry(line: $0.line, severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message, blockID: $0.blockID)
        }
    }
}
