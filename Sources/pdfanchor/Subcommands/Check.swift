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

        @Argument(help: "The annotation note (or Hypothesis JSON file).", completion: .file(extensions: ["md", "json"]))
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
            let checked = try await orExit {
                try await NoteChecker(readAll: readAll).checkKeeping(
                    notePath: note, pdf: options.pdf, vault: options.givenVault, password: options.password)
            }
            let report = checked.report
            switch format {
            case .json: print(try encodeJSON(report))
            case .text: printText(report, quotes: Dictionary(checked.source.annotations.compactMap { a in a.quote.map { (a.id, $0.exact) } }, uniquingKeysWith: { first, _ in first }))
            }
            if report.summary.orphaned > 0 { throw ExitCode(1) }
        }

        private func runExplain(_ given: String) async throws {
            // The id as check prints it (^id) or bare.
            let id = given.hasPrefix("^") ? String(given.dropFirst()) : given
            let candidates = try await orExit {
                try await NoteChecker().explain(
                    id: id, notePath: note, pdf: options.pdf, vault: options.givenVault, password: options.password)
            }
            if format == .json {
                print(try encodeJSON(candidates))
                return
            }
            if candidates.isEmpty {
                let known = try orExit { try AnnotationSource(path: note) }.annotations.contains { $0.id == id }
                if !known {
                    StandardError.write("pdfanchor: \(note): no annotation ^\(id); the ids are those `pdfanchor check` prints after ^")
                    throw ExitCode(2)
                }
                print("^\(id): no candidate: no text in the PDF resembles the quote (or the annotation has no quote to find)")
            }
            for c in candidates {
                let verdict = c.accepted == true ? "acceptable" : "rejected"
                print("\(verdict.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.method?.rawValue ?? "") p. \(c.pageLabel) (page \(c.page)) score \(c.score) edits \(c.errors) prefix \(c.prefixMatch) suffix \(c.suffixMatch)")
                print("    \"\(shorten(c.text, to: 100))\"")
            }
        }

        private func printText(_ report: CheckReport, quotes: [String: String]) {
            let pdf = report.pdf
            var match = ""
            switch pdf.fingerprintMatches {
            case true?: match = "fingerprint matches"
            case false?: match = "FINGERPRINT DIFFERS: the note was made on \(pdf.noteFingerprint ?? "?"); this PDF is another version"
            case nil: match = "the note records no fingerprint"
            }
            print("\(report.note) → \(pdf.path) (\(pdf.pages) pages, \(match))")
            // The printed label, and the PDF's page number when they differ.
            let pages = report.annotations.map { result in
                var page = result.pageLabel.map { "p. \($0)" } ?? "—"
                if let label = result.pageLabel, let number = result.page, label != String(number) { page += " (PDF page \(number))" }
                return page
            }
            let width = max(9, pages.map(\.count).max() ?? 0)
            for (result, page) in zip(report.annotations, pages) {
                let status = result.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                var line = "  \(status) \(page.padding(toLength: width, withPad: " ", startingAt: 0)) ^\(result.id)"
                if let text = result.matchedText { line += "  \"\(shorten(text, to: 60))\"" }
                if result.status == .fuzzy, let errors = result.errors { line += " (\(errors) edit\(errors == 1 ? "" : "s"))" }
                if let reason = result.reason { line += "  \(reason)" }
                print(line)
                if result.status == .orphaned {
                    // What was sought, and the closest text seen.
                    let indent = String(repeating: " ", count: 13 + width)
                    if let quote = quotes[result.id] { print(indent + "quote:   \"\(shorten(quote, to: 70))\"") }
                    if let best = result.bestCandidate {
                        print(indent + "closest: p. \(best.pageLabel) (PDF page \(best.page)), \(Int((best.score * 100).rounded()))% alike: \"\(shorten(best.text, to: 60))\"")
                    }
                }
            }
            let s = report.summary
            print("\(s.total) annotation\(s.total == 1 ? "" : "s"): \(s.anchored) anchored, \(s.fuzzy) fuzzy, \(s.orphaned) orphaned, \(s.skipped) skipped")
            if let orphan = report.annotations.first(where: { $0.status == .orphaned }) {
                print("""
                    For an orphan: `pdfanchor check \(ShellWord.quoted(note)) --explain \(ShellWord.quoted("^" + orphan.id))` lists every place considered; \
                    if the PDF was replaced by a new version, `pdfanchor refresh \(ShellWord.quoted(note))` rewrites the quotes that still fit it.
                    """)
            }
            let problems = report.diagnostics.filter { $0.severity != .info }
            if !problems.isEmpty {
                print("Note problems (see `pdfanchor notes`):")
                for diagnostic in problems { print("  \(diagnostic)") }
            }
        }
    }
}
