import Anchoring
import Foundation
public import Library
import Notes

/// The audit of a vault as Markdown (a report to keep in the vault) or as
/// an HTML page linking to each note's extract.
public enum AuditReports {
    static func count(_ report: AuditReport, _ match: AuditReport.Match) -> Int { report.summary.matches[match] ?? 0 }

    static func matchLine(_ report: AuditReport) -> String {
        AuditReport.Match.allCases.compactMap { match in
            let n = count(report, match)
            return n > 0 ? "\(n) \(match.rawValue)" : nil
        }.joined(separator: ", ")
    }

    /// A Markdown report: summary, then the notes that need attention, what
    /// could not be read, and the PDFs no note uses.
    public static func markdown(_ report: AuditReport) -> String {
        let s = report.summary
        var text = "# PDFAnchor audit of \(MarkdownReport.escape((report.vault as NSString).lastPathComponent))\n\n"
        text += "- \(s.notes) annotation notes, \(s.pdfs) PDFs\n"
        text += "- notes: \(matchLine(report))\n"
        text += "- annotations: \(s.annotations.total) — \(s.annotations.anchored) anchored, \(s.annotations.fuzzy) fuzzy, \(s.annotations.orphaned) not found, \(s.annotations.skipped) without a passage\n"
        let problems = report.notes.filter(\.hasProblem)
        text += "\n## Notes that need attention (\(problems.count))\n\n"
        if problems.isEmpty { text += "None.\n" }
        for note in problems {
            let name = note.path.hasSuffix(".md") ? String(note.path.dropLast(3)) : note.path
            text += "- **\(note.match.rawValue)** [[\(name)]] — \(MarkdownReport.escape(note.reason))"
            if note.summary.orphaned > 0 { text += "; \(note.summary.orphaned) of \(note.summary.total) annotations not found" }
            if let error = note.error { text += "; \(MarkdownReport.escape(error))" }
            let errors = note.diagnostics.filter { $0.severity == .error }.count
            if errors > 0 { text += "; \(errors) block\(errors == 1 ? "" : "s") unreadable" }
            text += "\n"
        }
        if !report.unreadable.isEmpty || report.pdfs.contains(where: { $0.error != nil }) {
            text += "\n## Files that cannot be read\n\n"
            for file in report.unreadable { text += "- `\(file.path)` — \(MarkdownReport.escape(file.reason))\n" }
            for pdf in report.pdfs { if let error = pdf.error { text += "- `\(pdf.path)` — \(MarkdownReport.escape(error))\n" } }
        }
        let unreferenced = report.pdfs.filter { $0.referencedBy.isEmpty && $0.error == nil }
        if !unreferenced.isEmpty {
            text += "\n## PDFs no note uses (\(unreferenced.count))\n\n"
            for pdf in unreferenced { text += "- `\(pdf.path)`\n" }
        }
        return text
    }

    /// An HTML page: the summary and a table of notes, each linking to its
    /// extract in `extracts` (a folder name relative to the page).
    public static func html(_ report: AuditReport, extracts: [String: String]) -> String {
        let e = HTMLReport.escape
        let s = report.summary
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="generator" content="PDFAnchor"><title>Audit of \(e((report.vault as NSString).lastPathComponent))</title>
            <style>\(HTMLReport.style)
            td.match{font-weight:600}tr.problem td.match{color:#cf222e}tr.fine td.match{color:#1a7f37}</style></head>
            <body><header><h1>Audit of \(e((report.vault as NSString).lastPathComponent))</h1>
            <p class="source">\(s.notes) annotation notes · \(s.pdfs) PDFs · \(e(matchLine(report)))</p>
            <table class="summary"><tr><th>annotations</th><th>anchored</th><th>fuzzy</th><th>orphaned</th><th>skipped</th></tr>
            <tr><td>\(s.annotations.total)</td><td class="anchored">\(s.annotations.anchored)</td><td class="fuzzy">\(s.annotations.fuzzy)</td><td class="orphaned">\(s.annotations.orphaned)</td><td>\(s.annotations.skipped)</td></tr></table>
            </header><main>
            <table class="summary notes"><tr><th>note</th><th>match</th><th>PDF</th><th>found</th><th>not found</th><th>why</th></tr>

            """
        for note in report.notes.sorted(by: { ($0.hasProblem ? 0 : 1, $0.path) < ($1.hasProblem ? 0 : 1, $1.path) }) {
            let link = extracts[note.path].map { "<a href=\"\(e($0))\">\(e(note.path))</a>" } ?? e(note.path)
            html += "<tr class=\"\(note.hasProblem ? "problem" : "fine")\"><td>\(link)</td><td class=\"match\">\(note.match.rawValue)</td><td>\(e(note.pdf ?? "—"))</td><td>\(note.summary.anchored + note.summary.fuzzy)</td><td>\(note.summary.orphaned)</td><td>\(e(note.error ?? note.reason))</td></tr>\n"
        }
        html += "</table>\n"
        let unreadable = report.unreadable.map { ($0.path, $0.reason) } + report.pdfs.compactMap { pdf in pdf.error.map { (pdf.path, $0) } }
        if !unreadable.isEmpty {
            html += "<section><h2>Files that cannot be read</h2><ul>\n"
            for (path, reason) in unreadable { html += "<li><code>\(e(path))</code> — \(e(reason))</li>\n" }
            html += "</ul></section>\n"
        }
        html += "</main></body></html>\n"
        return html
    }
}
