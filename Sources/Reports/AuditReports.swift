import Anchoring
import Foundation
import Library
import Notes

/// The audit of a vault for the terminal (text), as a note for the vault
/// (Markdown) and as a page (HTML). Every rendering has the same sections
/// in the same order — the broken notes worst first, the notes fine but
/// for orphans apart, what cannot be read, what needs a password, the PDFs
/// no note uses — and the same words:
///
/// - a note's *match* is its class (`ok`, `moved`, …, ``AuditReport/Match``);
/// - an annotation is *anchored* (found as highlighted), *fuzzy* (found with
///   small differences), *orphaned* (looked for and not found) or *skipped*
///   (a page note or a reply: nothing to find), as `pdfanchor check` says;
/// - *not checked*: counted as orphaned, but not looked for (no PDF to look in);
/// - a PDF's own annotations are its *annotations* (what a reader lists,
///   replies apart), its *highlights* those of them over text (highlights,
///   underlines, strike-outs, squigglies), each *in a note* (of its
///   document: the same id or the same place) or *only in the PDF*.
public enum AuditReports {
    /// The notes per match, worst first: `1 replaced, 1 duplicate, 1 ok`
    /// (`none: no note holds an annotation block`).
    static func matchLine(_ report: AuditReport) -> String {
        let counts = AuditReport.Match.worstFirst.compactMap { match in
            (report.summary.matches[match] ?? 0) > 0 ? "\(report.summary.matches[match]!) \(match.rawValue)" : nil
        }
        return counts.isEmpty ? "none: no note holds an annotation block" : counts.joined(separator: ", ")
    }

    /// The annotations by status: `286 — 244 anchored, 26 fuzzy, 16
    /// orphaned, 0 skipped`, and how many of the orphaned were not checked
    /// and how many obsidian-annotator does not show.
    static func annotationLine(_ summary: AuditReport.Summary) -> String {
        let a = summary.annotations
        var line = "\(a.total) — \(a.anchored) anchored, \(a.fuzzy) fuzzy, \(a.orphaned) orphaned"
        if summary.notChecked > 0 { line += " (\(summary.notChecked) of them not checked: no PDF to look in)" }
        line += ", \(a.skipped) skipped"
        if summary.notShownByPlugin > 0 { line += "; obsidian-annotator does not show \(summary.notShownByPlugin) of them" }
        return line
    }

    /// The annotations the PDFs hold themselves: `14 in 3 PDFs — 11
    /// highlights: 8 in a note, 3 only in their PDF; 1 reply`; nil when no
    /// PDF holds any or the audit did not look. (Those that could not be
    /// read, needing a password or damaged, are said in JSON only: nothing
    /// is to be done about them here.)
    static func embeddedLine(_ summary: AuditReport.Summary) -> String? {
        guard let e = summary.embedded, e.pdfs > 0 else { return nil }
        var line = "\(e.annotations) in \(count(e.pdfs, "PDF"))"
        if e.markup > 0 { line += " — \(count(e.markup, "highlight")): \(e.inNotes) in a note, \(e.onlyInPDF) only in their PDF" }
        if e.replies > 0 { line += "; \(count(e.replies, "reply", "replies"))" }
        return line
    }

    /// What a PDF holds that no note does, in a sentence: `3 of its 5
    /// highlights (of 7 annotations: 4 Highlight, 2 Text, 1 Underline; 1
    /// reply); no note uses it` (or `notes/x.md holds the other 2`).
    static func onlyInPDF(_ pdf: AuditReport.PDFEntry) -> String {
        guard let e = pdf.embedded else { return "" }
        let subtypes = e.subtypes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var text = "\(e.onlyInPDF) of its \(count(e.markup, "highlight")) (of \(count(e.total, "annotation")): \(subtypes)"
        text += (e.replies > 0 ? "; " + count(e.replies, "reply", "replies") : "") + ")"
        if pdf.referencedBy.isEmpty { return text + "; no note uses it" }
        let notes = pdf.referencedBy.joined(separator: ", ")
        text += "; \(notes) \(pdf.referencedBy.count == 1 ? "holds" : "hold") " + (e.inNotes == 0 ? "none of them" : "the other \(e.inNotes)")
        return text
    }

    /// The PDFs holding highlights that live only in them: those no note
    /// uses first (a researcher's to bring in), then the most such
    /// highlights first, then by path.
    static func toImport(_ report: AuditReport) -> [AuditReport.PDFEntry] {
        report.pdfs.filter { ($0.embedded?.onlyInPDF ?? 0) > 0 }.sorted { a, b in
            func key(_ p: AuditReport.PDFEntry) -> (Int, Int) { (p.referencedBy.isEmpty ? 0 : 1, -(p.embedded?.onlyInPDF ?? 0)) }
            return key(a) != key(b) ? key(a) < key(b) : a.path < b.path
        }
    }

    /// A PDF no note uses, with the highlights it holds: `papers/x.pdf — it holds 5 highlights`.
    static func unusedLine(_ pdf: AuditReport.PDFEntry, path: String) -> String {
        guard let markup = pdf.embedded?.markup, markup > 0 else { return path }
        return path + " — it holds \(count(markup, "highlight"))"
    }

    /// `1 PDF`, `3 PDFs`.
    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : many ?? one + "s")"
    }

    /// What is wrong with a broken note, in a sentence: its reason, then its
    /// PDF's error and its orphans.
    static func problem(_ note: AuditReport.NoteEntry) -> String {
        var text = note.reason
        if let error = note.error { text += "; \(error)" }
        if let notChecked = note.notChecked { text += "; \(notChecked) of \(note.summary.total) annotations not checked" }
        if let orphans = note.orphans { text += "; " + orphaned(orphans.count, of: note) }
        let errors = note.diagnostics.filter { $0.severity == .error && $0.code.pluginLoss == nil }.count
        if errors > 0 { text += "; \(errors) block\(errors == 1 ? "" : "s") PDFAnchor cannot read" }
        return text
    }

    /// `6 of 92 annotations orphaned`.
    static func orphaned(_ count: Int, of note: AuditReport.NoteEntry) -> String {
        "\(count) of \(note.summary.total) annotation\(note.summary.total == 1 ? "" : "s") orphaned"
    }

    /// `(3 notes, worst first)`.
    static func notes(_ count: Int, worstFirst: Bool = false) -> String {
        "(\(count) note\(count == 1 ? "" : "s")\(worstFirst ? ", worst first" : ""))"
    }

    /// Files that cannot be read: notes and folders, then PDFs (not those that only need a password).
    static func unreadable(_ report: AuditReport) -> [(path: String, reason: String)] {
        report.unreadable.map { ($0.path, $0.reason) }
            + report.pdfs.filter { $0.encrypted != true }.compactMap { pdf in pdf.error.map { (pdf.path, $0) } }
    }

    /// PDFs that need a password.
    static func locked(_ report: AuditReport) -> [AuditReport.PDFEntry] { report.pdfs.filter { $0.encrypted == true } }

    /// A titled list, as the terminal shows it (`Title (n):`, then a line
    /// each, indented) or as Markdown (`## Title (n)`, then a bullet each);
    /// nothing for no items unless `evenEmpty`.
    static func listed(_ title: String, _ items: [String], markdown: Bool, evenEmpty: Bool = false) -> String {
        guard !items.isEmpty || evenEmpty else { return "" }
        return markdown
            ? "\n## \(title) (\(items.count))\n\n" + items.map { "- \($0)\n" }.joined()
            : "\n\(title) (\(items.count)):\n" + items.map { "  \($0)\n" }.joined()
    }

    /// Usable PDFs no note uses.
    static func unused(_ report: AuditReport) -> [AuditReport.PDFEntry] {
        report.pdfs.filter { $0.referencedBy.isEmpty && $0.error == nil }
    }

    /// The headings of the sections, in every rendering.
    enum Heading {
        static let problems = "Problems"
        static let orphans = "Orphaned highlights"
        static let orphansNote = "the notes are fine, but these highlights were looked for in their PDF and not found"
        static let unreadable = "Cannot be read"
        static let locked = "Need a password"
        static let unused = "PDFs no note uses"
        static let onlyInPDF = "Highlights only in the PDF"
        static let onlyInPDFNote = "no note of their document holds these highlights the PDFs hold themselves (made in Zotero, Acrobat, Preview…)"
    }
}
