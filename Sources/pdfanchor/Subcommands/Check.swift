import Anchoring
import ArgumentParser
import Foundation
import Library
import Notes

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

        @Argument(help: "The annotation note (or Hypothesis JSON file).")
        var note: String

        @OptionGroup var options: PDFOptions

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(help: ArgumentHelp("List every place considered for one annotation, with its scores.", valueName: "id"))
        var explain: String?

        @Flag(help: "Read every page of the PDF, not only the pages the annotations point to (slower; the same results, save where a position settles a tie).")
        var readAll = false

        func run() async throws {
            if let explain {
                try await runExplain(explain)
                return
            }
            let report = try await orExit {
                try await NoteChecker(readAll: readAll).check(
                    notePath: note, pdf: options.pdf, vault: options.givenVault, password: options.password)
            }
            switch format {
            case .json: print(try encodeJSON(report))
            case .text: printText(report)
            }
            if report.summary.orphaned > 0 { throw ExitCode(1) }
        }

        private func runExplain(_ id: String) async throws {
            let candidates = try await orExit {
                try await NoteChecker().explain(
                    id: id, notePath: note, pdf: options.pdf, vault: options.givenVault, password: options.password)
            }
            if format == .json {
                print(try encodeJSON(candidates))
                return
            }
            if candidates.isEmpty { print("^\(id): no candidate (unknown id, or nothing to anchor)") }
            for c in candidates {
                let verdict = c.accepted == true ? "acceptable" : "rejected"
                print("\(verdict.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.method?.rawValue ?? "") p. \(c.pageLabel) (page \(c.page)) score \(c.score) edits \(c.errors) prefix \(c.prefixMatch) suffix \(c.suffixMatch)")
                print("    \"\(shorten(c.text, to: 100))\"")
            }
        }

        private func printText(_ report: CheckReport) {
            let pdf = report.pdf
            var match = ""
            switch pdf.fingerprintMatches {
            case true?: match = "fingerprint matches"
            case false?: match = "FINGERPRINT DIFFERS: the note was made on \(pdf.noteFingerprint ?? "?"); this PDF is another version"
            case nil: match = "the note records no fingerprint"
            }
            print("\(report.note) → \(pdf.path) (\(pdf.pages) pages, \(match))")
            for result in report.annotations {
                let status = result.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                let page = result.pageLabel.map { "p. \($0)" } ?? "—"
                var line = "  \(status) \(page.padding(toLength: 9, withPad: " ", startingAt: 0)) ^\(result.id)"
                if let text = result.matchedText { line += "  \"\(shorten(text, to: 60))\"" }
                if result.status == .fuzzy, let errors = result.errors { line += " (\(errors) edit\(errors == 1 ? "" : "s"))" }
                if let reason = result.reason { line += "  \(reason)" }
                print(line)
            }
            let s = report.summary
            print("\(s.total) annotations: \(s.anchored) anchored, \(s.fuzzy) fuzzy, \(s.orphaned) orphaned, \(s.skipped) skipped")
            let problems = report.diagnostics.filter { $0.severity != .info }
            if !problems.isEmpty {
                print("Note problems (see `pdfanchor notes`):")
                for diagnostic in problems { print("  \(diagnostic)") }
            }
        }
    }
}
