import Foundation
public import Library
import Notes
import PDFCore

extension AuditReports {
    /// The HTML page, with each note's extract (without pictures) in a
    /// folder beside `output` (`NAME-extracts/`), each extract with the
    /// vault's `colors`, sections and reading order, as extract gives them;
    /// no extracts beside standard output or a FIFO.
    public static func html(_ report: AuditReport, output: String?, colors: ColorMap) throws -> String {
        // Extracts go in a folder beside a file; not beside /dev/stdout or a FIFO.
        guard let output, AtomicFile.isPlainFilePath(output) else { return html(report, extracts: [:]) }
        let base = (output as NSString).deletingPathExtension
        let folder = base + "-extracts"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var links: [String: String] = [:]
        let vaultRoot = Vault(root: report.vault)
        for note in report.notes where note.pdf != nil {
            guard let annotations = note.source?.annotations else { continue }
            var highlights = HighlightReport(note: note, annotations: annotations, vault: vaultRoot)
            highlights.colors = colors
            // Sections and reading order, as extract gives them.
            if let document = try? PDFDocument(path: highlights.pdfPath) {
                highlights.readLayout(of: document)
            }
            // The note's name (short) and a hash of its whole path: unique, and never too long a file name.
            let stem = ((note.path as NSString).lastPathComponent as NSString).deletingPathExtension
            let readable = String(stem.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" }.prefix(40))
            let name = readable + "-" + Checksum.sha256(Data(note.path.utf8)).prefix(10) + ".html"
            try AtomicFile.write(try HTMLReport.render(highlights, images: .none), to: folder + "/" + name)
            let href = (folder as NSString).lastPathComponent.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? ""
            links[note.path] = href + "/" + name
        }
        return html(report, extracts: links)
    }

    /// An HTML page: the counts, then a table of the broken notes (worst
    /// first), one of the notes with orphans and one of the fine notes,
    /// each note linking to its extract in `extracts` (note path → a
    /// link relative to the page), each orphan to its place there; the PDFs
    /// holding highlights no note has, each with the command that brings
    /// them in; what cannot be read, what needs a password, the PDFs no
    /// note uses.
    public static func html(_ report: AuditReport, extracts: [String: String]) -> String {
        let e = HTMLReport.escape
        let s = report.summary
        let a = s.annotations
        let name = e((report.vault as NSString).lastPathComponent)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="generator" content="PDFAnchor"><title>Audit of \(name)</title>
            <style>\(HTMLReport.style)
            td.match{font-weight:600}tr.broken td.match{color:#cf222e}tr.orphans td.match{color:#9a6700}tr.fine td.match{color:#1a7f37}
            table.notes td{text-align:left;vertical-align:top}ul.fixes{margin:.2rem 0;padding-left:1.2rem}code{font-size:.85rem}</style></head>
            <body><header><h1>Audit of \(name)</h1>
            <p class="source">Notes: \(s.notes)\(s.notes > 0 ? " — " + e(matchLine(report)) : "") · PDFs: \(s.pdfs)</p>
            <table class="summary"><tr><th>annotations</th><th>anchored</th><th>fuzzy</th><th>orphaned</th><th>skipped</th></tr>
            <tr><td>\(a.total)</td><td class="anchored">\(a.anchored)</td><td class="fuzzy">\(a.fuzzy)</td><td class="orphaned">\(a.orphaned)</td><td>\(a.skipped)</td></tr></table>
            \(embeddedLine(s).map { "<p class=\"source\">In the PDFs: \(e($0)).</p>" } ?? "")
            <p class="source">\(e(annotationLine(s))). <em>Anchored</em>: found as highlighted; <em>fuzzy</em>: found with small differences; <em>orphaned</em>: looked for in the PDF and not found; <em>skipped</em>: page notes and replies, nothing to find. Run the commands from the vault's folder.</p>
            </header><main>

            """
        let ordered = report.notesWorstFirst
        let groups: [(heading: String, css: String, notes: [AuditReport.NoteEntry])] = [
            ("\(Heading.problems) \(notes(ordered.filter(\.isBroken).count, worstFirst: true))", "broken", ordered.filter(\.isBroken)),
            ("\(Heading.orphans) \(notes(ordered.filter(\.hasOrphansOnly).count)) — \(Heading.orphansNote)", "orphans", ordered.filter(\.hasOrphansOnly)),
            ("Fine \(notes(ordered.filter { !$0.hasProblem }.count))", "fine", ordered.filter { !$0.hasProblem }),
        ]
        for group in groups where !group.notes.isEmpty {
            html += "<section><h2>\(e(group.heading))</h2>\n<table class=\"summary notes\"><tr><th>note</th><th>match</th><th>PDF</th><th>found</th><th>orphaned</th><th>why, and what to do</th></tr>\n"
            for note in group.notes { html += row(note, css: group.css, extract: extracts[note.path]) }
            html += "</table></section>\n"
        }
        let importable = toImport(report)
        if !importable.isEmpty {
            html += "<section><h2>\(e(Heading.onlyInPDF)) (\(count(importable.count, "PDF"))) — \(e(Heading.onlyInPDFNote))</h2><ul>\n"
            for pdf in importable {
                html += "<li><code>\(e(pdf.path))</code> — \(e(onlyInPDF(pdf)))" + htmlFixes(pdf.fixes) + "</li>\n"
            }
            html += "</ul></section>\n"
        }
        let files: [(heading: String, items: [String])] = [
            ("\(Heading.unreadable) (\(unreadable(report).count))", unreadable(report).map { "<code>\(e($0.path))</code> — \(e($0.reason))" }),
            ("\(Heading.locked) (\(locked(report).count))", locked(report).map { "<code>\(e($0.path))</code>" }),
            ("\(Heading.unused) (\(unused(report).count))", unused(report).map { unusedLine($0, path: "<code>\(e($0.path))</code>") }),
        ]
        for section in files where !section.items.isEmpty {
            html += "<section><h2>\(e(section.heading))</h2><ul>\n" + section.items.map { "<li>\($0)</li>\n" }.joined() + "</ul></section>\n"
        }
        html += "</main></body></html>\n"
        return html
    }

    /// Fixes as a list: each command in code, then what it does; nothing for none.
    static func htmlFixes(_ fixes: [AuditFix]?) -> String {
        let e = HTMLReport.escape
        guard let fixes, !fixes.isEmpty else { return "" }
        return "<ul class=\"fixes\">" + fixes.map { fix in
            fix.shellCommand().map { "<li><code>\(e($0))</code> — \(e(fix.action))</li>" } ?? "<li>\(e(fix.action))</li>"
        }.joined() + "</ul>"
    }

    /// One note's row: its link, match, PDF, counts, why, orphans and fixes.
    static func row(_ note: AuditReport.NoteEntry, css: String, extract: String?) -> String {
        let e = HTMLReport.escape
        let link = extract.map { "<a href=\"\(e($0))\">\(e(note.path))</a>" } ?? e(note.path)
        var why = note.isBroken ? e(problem(note)) : note.orphans != nil ? e(orphaned(note.summary.orphaned, of: note)) : e(note.reason)
        if let orphans = note.orphans, note.isBroken || note.hasOrphansOnly {
            let ids = orphans.map { id in extract.map { "<a href=\"\(e($0))#\(e("a-" + id))\"><code>^\(e(id))</code></a>" } ?? "<code>^\(e(id))</code>" }
            why += "<br>orphaned: " + ids.joined(separator: ", ")
        }
        if note.hasProblem { why += htmlFixes(note.fixes) }
        return "<tr class=\"\(css)\"><td>\(link)</td><td class=\"match\">\(note.match.rawValue)</td><td>\(e(note.pdf ?? "—"))</td><td>\(note.summary.anchored + note.summary.fuzzy)</td><td>\(note.summary.orphaned)</td><td>\(why)</td></tr>\n"
    }
}
