import Foundation
public import Library
import Notes

extension AuditReports {
    /// A note for the vault (`pdfanchor audit --format md -o "PDFAnchor
    /// audit.md"`): the counts, then the broken notes worst first and the
    /// notes with orphans, each a `[[link]]` to the note, each annotation a
    /// `[[note#^id]]` link to its block, each fix a command to copy; the
    /// PDFs holding highlights no note has, each with the command that
    /// brings them in; what cannot be read, what needs a password, the PDFs
    /// no note uses.
    /// Obsidian Markdown only: lists and inline code, no HTML, no table.
    public static func markdown(_ report: AuditReport) -> String {
        let s = report.summary
        var text = "# PDFAnchor audit of \(MarkdownReport.escape((report.vault as NSString).lastPathComponent))\n\n"
        text += "- **Notes**: \(s.notes)" + (s.notes > 0 ? " — \(matchLine(report))\n" : "\n")
        text += "- **Annotations**: \(MarkdownReport.escape(annotationLine(s)))\n"
        text += "- **PDFs**: \(s.pdfs)\n"
        if let line = embeddedLine(s) { text += "- **In the PDFs**: \(MarkdownReport.escape(line))\n" }
        text += "\n"
        text += "*Anchored*: found as highlighted; *fuzzy*: found with small differences; *orphaned*: looked for in the PDF and not found; "
        text += "*skipped*: page notes and replies, nothing to find. Run the commands from the vault's folder.\n"
        let ordered = report.notesWorstFirst
        let broken = ordered.filter(\.isBroken)
        text += "\n## \(Heading.problems) \(notes(broken.count, worstFirst: true))\n\n"
        if broken.isEmpty { text += "None.\n" }
        for note in broken {
            text += "- **\(note.match.rawValue)** \(wikiLink(note.path)) — \(MarkdownReport.escape(problem(note)))\n"
            if let hidden = note.pluginHides, !hidden.ids.isEmpty {
                text += "    - not shown by obsidian-annotator: \(blockLinks(note.path, hidden.ids))\n"
            }
            if let orphans = note.orphans { text += "    - orphaned: \(blockLinks(note.path, orphans))\n" }
            text += markdownFixes(note)
        }
        let withOrphans = ordered.filter(\.hasOrphansOnly)
        if !withOrphans.isEmpty {
            text += "\n## \(Heading.orphans) \(notes(withOrphans.count))\n\n"
            text += "The notes are fine, but these highlights were looked for in their PDF and not found.\n\n"
            for note in withOrphans {
                text += "- \(wikiLink(note.path)) — \(orphaned(note.summary.orphaned, of: note)): \(blockLinks(note.path, note.orphans ?? []))\n"
                text += markdownFixes(note)
            }
        }
        let importable = toImport(report)
        if !importable.isEmpty {
            text += "\n## \(Heading.onlyInPDF) (\(count(importable.count, "PDF")))\n\n"
            text += MarkdownReport.escape(Heading.onlyInPDFNote.prefix(1).uppercased() + Heading.onlyInPDFNote.dropFirst()) + ".\n\n"
            for pdf in importable {
                text += "- \(code(pdf.path)) — \(MarkdownReport.escape(onlyInPDF(pdf)))\n"
                text += markdownFixes(pdf.fixes)
            }
        }
        text += listed(Heading.unreadable, unreadable(report).map { "\(code($0.path)) — \(MarkdownReport.escape($0.reason))" }, markdown: true)
        text += listed(Heading.locked, locked(report).map { code($0.path) }, markdown: true)
        let unusedPDFs = unused(report)
        if !unusedPDFs.isEmpty {
            text += "\n## \(Heading.unused) (\(unusedPDFs.count))\n\n"
            for pdf in unusedPDFs { text += "- " + unusedLine(pdf, path: code(pdf.path)) + "\n" }
        }
        return text + "\n" + OutputGuard.madeBy("audit") + "\n"
    }

    /// A note's fixes, one a sub-item: the command in code, then what it does.
    static func markdownFixes(_ note: AuditReport.NoteEntry) -> String {
        markdownFixes(note.fixes)
    }

    /// Fixes, one a sub-item: the command in code, then what it does.
    static func markdownFixes(_ fixes: [AuditFix]?) -> String {
        (fixes ?? []).map { fix in
            if let command = fix.shellCommand() { return "    - fix: \(code(command)) — \(MarkdownReport.escape(fix.action))\n" }
            return "    - fix: \(MarkdownReport.escape(fix.action))\n"
        }.joined()
    }

    /// `[[notes/x]]` for the note at vault path `path` (`[[notes/x#^id|^id]]`
    /// for one of its blocks); the path in code when Obsidian could not
    /// link it (a name holding `[`, `]`, `|`, `#` or `^`).
    static func wikiLink(_ path: String, block: String? = nil) -> String {
        let name = path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
        guard !name.contains(where: { "[]|#^".contains($0) }), !path.hasPrefix("/") else {
            return code(path) + (block.map { " " + code("^" + $0) } ?? "")
        }
        guard let block else { return "[[\(name)]]" }
        return "[[\(name)#^\(block)|^\(block)]]"
    }

    /// Links to blocks of the note at `path`, comma-separated.
    static func blockLinks(_ path: String, _ ids: [String]) -> String {
        ids.map { wikiLink(path, block: $0) }.joined(separator: ", ")
    }

    /// `text` as Markdown inline code, fenced with more backticks than it holds in a row.
    static func code(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }
}
