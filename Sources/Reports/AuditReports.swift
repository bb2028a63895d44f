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
/// - *not checked*: counted as orphaned, but not looked for (no PDF to look in).
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
    }
}
