public import Anchoring
import Foundation
public import Library
import Notes

/// The terminal's renderings of a check (`pdfanchor check`): the JSON is
/// ``CheckReport`` itself.
public enum CheckReports {
    /// One line per annotation (status, page, id, the text found, why), an
    /// orphan's quote and the closest text seen, the counts, what to do for
    /// an orphan, and the note's problems. `quotes`: each annotation's
    /// quote, by id.
    public static func text(_ report: CheckReport, quotes: [String: String]) -> String {
        let pdf = report.pdf
        let match: String
        switch pdf.fingerprintMatches {
        case true?: match = "fingerprint matches"
        case false?: match = "FINGERPRINT DIFFERS: the note was made on \(pdf.noteFingerprint ?? "?"); this PDF is another version"
        case nil: match = "the note records no fingerprint"
        }
        var lines = ["\(report.note) → \(pdf.path) (\(pdf.pages) pages, \(match))"]
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
            if let text = result.matchedText { line += "  \"\(oneLine(text, at: 60))\"" }
            if result.status == .fuzzy, let errors = result.errors { line += " (\(errors) edit\(errors == 1 ? "" : "s"))" }
            if let reason = result.reason { line += "  \(reason)" }
            lines.append(line)
            if result.status == .orphaned {
                // What was sought, and the closest text seen.
                let indent = String(repeating: " ", count: 13 + width)
                if let quote = quotes[result.id] { lines.append(indent + "quote:   \"\(oneLine(quote, at: 70))\"") }
                if let best = result.bestCandidate {
                    lines.append(
                        indent + "closest: p. \(best.pageLabel) (PDF page \(best.page)), \(Int((best.score * 100).rounded()))% alike: \"\(oneLine(best.text, at: 60))\"")
                }
            }
        }
        let s = report.summary
        lines.append("\(s.total) annotation\(s.total == 1 ? "" : "s"): \(s.anchored) anchored, \(s.fuzzy) fuzzy, \(s.orphaned) orphaned, \(s.skipped) skipped")
        if let orphan = report.annotations.first(where: { $0.status == .orphaned }) {
            let note = ShellWord.quoted(report.note)
            lines.append(
                "For an orphan: `pdfanchor check \(note) --explain \(ShellWord.quoted("^" + orphan.id))` lists every place considered; "
                    + "if the PDF was replaced by a new version, `pdfanchor refresh \(note)` rewrites the quotes that still fit it.")
        }
        let problems = report.diagnostics.filter { $0.severity != .info }
        if !problems.isEmpty {
            lines.append("Note problems (see `pdfanchor notes`):")
            lines += problems.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many places `check --explain` shows without `--all`.
    public static let placesShown = 12

    /// `check --explain`: a header (the quote, the position and the page it
    /// points to), the verdict, then each place considered once, best first
    /// — its verdict, method, page, score, edits and context, the text
    /// there, and why it was not taken — at most ``placesShown`` of them
    /// unless `all`.
    public static func text(_ explanation: Explanation, all: Bool = false) -> String {
        let v = explanation.verdict
        var lines = ["^\(explanation.id): " + (explanation.quote.map { "\"\(oneLine($0, at: 90))\" (\($0.count) characters)" } ?? "no quote")]
        if let start = explanation.positionStart, let end = explanation.positionEnd {
            lines.append("  position: \(start)–\(end) in PDF.js's text (UTF-16 units)" + (v.positionPage.map { ", about page \($0)" } ?? ""))
        } else {
            lines.append("  position: none (the quote is looked for on every page)")
        }
        switch v.status {
        case .anchored, .fuzzy:
            let page = v.pageLabel.map { "p. \($0) (page \(v.page ?? 0))" } ?? "page \(v.page ?? 0)"
            let edits = v.status == .fuzzy ? ", \(v.errors ?? 0) edit\(v.errors == 1 ? "" : "s")" : ""
            lines.append("  verdict: \(v.status.rawValue) on \(page)\(edits), score \(v.score.map { String(format: "%.2f", $0) } ?? "?")")
        case .orphaned, .skipped:
            lines.append("  verdict: \(v.status.rawValue): \(v.reason ?? "")")
        }
        if let read = explanation.pagesRead, let count = explanation.pageCount {
            lines.append("  the check read " + (explanation.wholeDocument.map { "every page: \($0)" } ?? "\(read) of \(count) pages (those the annotations point to)"))
        }
        if let every = explanation.everyPage {
            let page = every.pageLabel.map { "p. \($0) (page \(every.page ?? 0))" } ?? every.page.map { "page \($0)" }
            lines.append("  a search of every page gives \(every.status.rawValue)" + (page.map { " on \($0)" } ?? "") + ": `--read-all` checks that way")
        }
        let places = explanation.places
        lines.append(places.isEmpty ? "  no place in the PDF resembles the quote" : "  \(places.count) place\(places.count == 1 ? "" : "s") considered, best first:")
        let shown = all ? places : Array(places.prefix(placesShown))
        for (n, c) in shown.enumerated() {
            let verdict = c.taken == true ? "taken" : c.accepted == true ? "fits" : "rejected"
            lines.append(
                "  \(n + 1). \(verdict.padding(toLength: 8, withPad: " ", startingAt: 0)) \((c.method?.rawValue ?? "").padding(toLength: 6, withPad: " ", startingAt: 0)) "
                    + "p. \(c.pageLabel) (page \(c.page))  score \(String(format: "%.2f", c.score))  edits \(c.errors)  "
                    + "context \(String(format: "%.2f", c.prefixMatch))/\(String(format: "%.2f", c.suffixMatch))")
            lines.append("     \"\(oneLine(c.text, at: 100))\"")
            if let reason = c.reason { lines.append("     not taken: \(reason)") }
        }
        if shown.count < places.count { lines.append("  … \(places.count - shown.count) more (--all shows every place)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` on one line of at most `limit` characters, with an ellipsis.
    public static func oneLine(_ text: String, at limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
