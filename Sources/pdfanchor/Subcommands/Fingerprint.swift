import ArgumentParser
import PDFCore

extension PDFAnchor {
    /// `pdfanchor fingerprint FILE...`
    struct Fingerprint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the PDF.js fingerprint of PDF files.",
            discussion: """
                The fingerprint is what obsidian-annotator and Hypothesis store as \
                `documentFingerprint` to recognise a PDF wherever it moves. It is \
                computed exactly as PDF.js does: the trailer's /ID, or an MD5 of the \
                first 1024 bytes when there is none.

                Text output: one `FINGERPRINT  PATH` line per file. A file that \
                cannot be read gets an error on stderr and the others go on; the \
                exit code is then 1.

                Examples:
                  pdfanchor fingerprint paper.pdf
                  pdfanchor fingerprint --format json SamplePDFs/papers/*.pdf
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Argument(help: "PDF files to fingerprint.", completion: .file(extensions: ["pdf"]))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give at least one PDF file.") }
        }

        /// One line of `--format json` output.
        struct Entry: Encodable {
            var path: String
            /// PDF.js `fingerprints[0]` (2.x–4.7), what notes hold as `documentFingerprint`.
            var fingerprint: String?
            /// Other values a note may hold for this file (PDF.js ≥ 4.8's).
            var alternates: [String]?
            /// PDF.js `fingerprints[1]`: hex of /ID[1] when it differs.
            var modifiedFingerprint: String?
            /// How the fingerprint was made: trailerID or md5.
            var source: String?
            var pages: Int?
            /// True when the PDF needs a password to open (its fingerprint is
            /// still known: /ID is never encrypted).
            var encrypted: Bool?
            /// Why the file could not be used, and ``PDFError``'s stable code for it.
            var error, errorCode: String?
        }

        func run() throws {
            var entries: [Entry] = []
            var failed = false
            for file in files {
                var entry = Entry(path: file)
                do {
                    let value = try PDFFingerprint.compute(path: file)
                    entry.fingerprint = value.primary
                    entry.alternates = value.modern.map { [$0] } ?? []
                    entry.modifiedFingerprint = value.modified
                    entry.source = value.source.rawValue
                    do {
                        entry.pages = try PDFDocument(path: file).pageCount
                    } catch .passwordRequired {
                        entry.encrypted = true
                    } catch {
                        // The fingerprint stands, but a PDF that cannot be
                        // opened cannot be anchored: report it as failed.
                        entry.error = error.description
                        entry.errorCode = error.code
                        failed = true
                    }
                } catch {
                    entry.error = error.description
                    entry.errorCode = error.code
                    failed = true
                }
                entries.append(entry)
                if format == .text {
                    if let fingerprint = entry.fingerprint {
                        print("\(fingerprint)  \(file)")
                    }
                    if let error = entry.error { StandardError.write("pdfanchor: \(error)") }
                }
            }
            if format == .json { print(try encodeJSON(entries)) }
            if failed { throw ExitCode(1) }
        }
    }
}
