import Anchoring
import ArgumentParser
import Foundation
import Library
import Notes
import Reports

extension PDFAnchor {
    /// `pdfanchor check NOTE.md`
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find every annotation of a note in its PDF, or say why it is lost.",
            discussion: """
                For each annotation: its status (anchored, fuzzy, orphaned, skipped), \
                the page and printed page label, the PDF's text there and the regions it \
                covers. The quote is looked for as it is, then with edits, then in pieces \
                (where the PDF's reading order differs or the quote runs across a page \
                break); the position selector is only a hint. Short or doubtful matches \
                must be confirmed by their context, and ties are reported as ambiguous: \
                an orphan is better than a wrong guess.

                Without --pdf the PDF is found from the note's annotation-target, then \
                the annotations' uri, then by fingerprint anywhere in the vault (the \
                nearest folder above the note holding .obsidian/, or --vault). A PDF \
                whose fingerprint differs from the note's is reported (it was replaced) \
                and still checked.

                Exit codes: 0 every annotation was found (fuzzy included), 1 some are \
                orphaned, 2 the note or its PDF could not be used.

                Examples:
                  pdfanchor check "Papers/Smith 2021.md"
                  pdfanchor check note.md --pdf ~/Downloads/smith2021-v2.pdf
                  pdfanchor check note.md --format json | jq '.annotations[] | select(.status == "orphaned")'
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Argument(help: "The annotation note (or Hypothesis JSON file).", completion: .file(extensions: ["md", "json"]))
        var note: String

        @OptionGroup var options: PDFOptions

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(help: ArgumentHelp("Explain one annotation's result: the verdict, and each place considered with its scores and why it was not taken.", valueName: "id"))
        var explain: String?

        @Flag(help: "With --explain: every place considered, not only the best \(CheckReports.placesShown).")
        var all = false

        @Flag(help: "Read every page of the PDF, not only the pages the annotations point to (slower; the same results, save where a position settles a tie).")
        var readAll = false

        func run() async throws {
            if let explain {
                try await runExplain(explain)
                return
            }
            let checked = try await orExit {
                let vault = options.vault(of: note)
                return try await options.checker(vault: vault, readAll: readAll).checkKeeping(
                    notePath: note, pdf: options.pdf, vault: vault, password: options.password)
            }
            let report = checked.report
            switch format {
            case .json: print(try encodeJSON(report))
            case .text:
                let quotes = Dictionary(checked.source.annotations.compactMap { a in a.quote.map { (a.id, $0.exact) } }, uniquingKeysWith: { first, _ in first })
                print(CheckReports.text(report, quotes: quotes), terminator: "")
            }
            if report.summary.orphaned > 0 { throw ExitCode(1) }
        }

        private func runExplain(_ given: String) async throws {
            // The id as check prints it (^id) or bare.
            let id = given.hasPrefix("^") ? String(given.dropFirst()) : given
            let explanation = try await orExit {
                let vault = options.vault(of: note)
                return try await options.checker(vault: vault).explain(
                    id: id, notePath: note, pdf: options.pdf, vault: vault, password: options.password)
            }
            guard let explanation else {
                StandardError.write("pdfanchor: \(note): no annotation ^\(id); the ids are those `pdfanchor check` prints after ^")
                throw ExitCode(2)
            }
            print(format == .json ? try encodeJSON(explanation) : CheckReports.text(explanation, all: all), terminator: format == .json ? "\n" : "")
        }
    }
}
