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

    /// `check --explain`: each place considered for an annotation, best
    /// first: the verdict, how it was found, the page, the score, the edits
    /// and how much of the context agrees; then the text there.
    public static func text(candidates: [AnchorResult.Candidate]) -> String {
        candidates.map { c in
            let verdict = c.accepted == true ? "acceptable" : "rejected"
            return "\(verdict.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.method?.rawValue ?? "") p. \(c.pageLabel) (page \(c.page)) "
                + "score \(c.score) edits \(c.errors) prefix \(c.prefixMatch) suffix \(c.suffixMatch)\n"
                + "    \"\(oneLine(c.text, at: 100))\"\n"
        }.joined()
    }

    /// `text` on one line of at most `limit` characters, with an ellipsis.
    public static func oneLine(_ text: String, at limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
