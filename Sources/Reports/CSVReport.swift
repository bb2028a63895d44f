import Anchoring
import Foundation
import Library
import Notes
import PDFCore

/// One row per annotation, RFC 4180: a header row, comma separators, CRLF
/// line ends, fields quoted when they hold a comma, a quote or a line
/// break (quotes doubled). Columns: `id`, `status`, `page`, `pageLabel`,
/// `text` (the PDF's text, or the stored quote when not found), `comment`,
/// `tags` (comma separated), `created`, `section` (the PDF's sections the
/// highlight falls in, from its outline, outermost first, joined by " › "),
/// `reasonCode` (for an orphaned or skipped annotation, why, as a stable
/// code: see ``AnchorResult/ReasonCode``; empty for one found).
///
/// A text field that a spreadsheet would take for a formula — starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return — gets a leading `'`, as
/// OWASP recommends against CSV injection: a highlighted "=HYPERLINK(…)"
/// shows as text, never runs. Numbers (`page`) are left alone.
public enum CSVReport {
    /// The columns of a note's table, in order (a batch puts `note` first).
    public static let columns = ["id", "status", "page", "pageLabel", "text", "comment", "tags", "created", "section", "reasonCode"]

    /// The columns of a PDF's own annotations, in order (a batch puts
    /// `pdf` first): `subtype` is the PDF's `/Subtype`, `text` the text under
    /// the annotation, `color` `#rrggbb`, `replacement` the text a Caret
    /// grouped with a StrikeOut proposes, `replies` the replies' comments,
    /// each `author: comment`, one per line.
    public static let embeddedColumns = [
        "id", "subtype", "page", "pageLabel", "text", "comment", "author", "color", "created", "modified", "section", "replacement", "replies",
    ]

    public static func render(_ report: HighlightReport) -> String {
        ([header(withNote: false, embedded: report.isEmbedded)] + rows(report)).joined(separator: "\r\n") + "\r\n"
    }

    /// The header row; with `note` first for a table of several notes.
    public static func header(withNote: Bool, embedded: Bool = false) -> String {
        embedded
            ? ((withNote ? ["pdf"] : []) + embeddedColumns).map(field).joined(separator: ",")
            : ((withNote ? ["note"] : []) + columns).map(field).joined(separator: ",")
    }

    /// One row per annotation of `report`, `note` first when given.
    public static func rows(_ report: HighlightReport, note: String? = nil) -> [String] {
        var lines: [String] = []
        for entry in report.found + report.orphaned + report.skipped {
            let r = entry.result
            if let embedded = entry.embedded {
                let a = embedded.annotation
                let row = [
                    r.id, a.subtype, r.page.map(String.init) ?? "", r.pageLabel ?? "", entry.text, entry.annotation.comment,
                    a.author ?? "", report.color(of: entry)?.hex ?? "", entry.annotation.created ?? "", entry.annotation.updated ?? "",
                    report.section(of: entry).joined(separator: " › "), embedded.replacement.map { $0.contents ?? "" } ?? "",
                    embedded.replies.map { ($0.author.map { $0 + ": " } ?? "") + ($0.contents ?? "") }.joined(separator: "\n"),
                ].enumerated().map { column, value in column == 2 ? value : defused(value) }
                lines.append(((note.map { [defused($0)] } ?? []) + row).map(field).joined(separator: ","))
                continue
            }
            let row = [
                r.id, r.status.rawValue, r.page.map(String.init) ?? "", r.pageLabel ?? "",
                r.isFound ? entry.text : entry.quote, entry.annotation.comment,
                entry.annotation.tags.joined(separator: ", "), entry.annotation.created ?? "",
                report.section(of: entry).joined(separator: " › "), r.reasonCode?.rawValue ?? "",
            ].enumerated().map { column, value in column == 2 ? value : defused(value) }
            lines.append(((note.map { [defused($0)] } ?? []) + row).map(field).joined(separator: ","))
        }
        return lines
    }

    /// `value`, with a `'` before it when a spreadsheet would read it as a formula.
    static func defused(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// One field, quoted when it must be.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
