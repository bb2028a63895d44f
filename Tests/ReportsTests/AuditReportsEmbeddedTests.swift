import Foundation
import Testing
@testable import Library
@testable import Reports

/// The PDFs' own annotations in every audit format: the counts after the
/// annotations', the PDFs whose highlights live only in them (those no note
/// uses first) with the `pdfanchor import` fix, and the JSON's names.
@Suite("The audit's reports of the annotations PDFs hold")
struct AuditReportsEmbeddedTests {
    /// A vault of one note using `papers/used.pdf` (4 highlights: 2 in the
    /// note by id, 1 by place, 1 only in the PDF; a Text note; a reply) and
    /// `papers/Zotero copy.pdf`, which no note uses (2 highlights).
    static func report() -> AuditReport {
        var used = AuditReport.Embedded()
        (used.total, used.kinds, used.subtypes, used.replies) = (5, ["text-markup": 4, "note": 1], ["Highlight": 3, "Underline": 1, "Text": 1], 1)
        (used.markup, used.sameID, used.samePlace, used.onlyInPDF) = (4, 2, 1, 1)
        used.onlyInPDFHighlights = [.init(page: 3, subtype: "Underline", id: "ABC123", name: "ABC123")]
        var unused = AuditReport.Embedded()
        (unused.total, unused.kinds, unused.subtypes, unused.markup, unused.onlyInPDF) = (2, ["text-markup": 2], ["Highlight": 2], 2, 2)
        unused.onlyInPDFHighlights = [.init(page: 1, subtype: "Highlight", id: "p1"), .init(page: 2, subtype: "Highlight", id: "p2")]
        let pdfs = [
            AuditReport.PDFEntry(
                path: "papers/used.pdf", referencedBy: ["notes/used.md"], embedded: used,
                fixes: [.importHighlights("papers/used.pdf", count: 1, into: "notes/used.md")]),
            AuditReport.PDFEntry(
                path: "papers/Zotero copy.pdf", referencedBy: [], embedded: unused,
                fixes: [.importHighlights("papers/Zotero copy.pdf", count: 2, into: nil)]),
            AuditReport.PDFEntry(path: "papers/clean.pdf", referencedBy: []),
        ]
        var summary = AuditReport.Summary()
        (summary.notes, summary.pdfs, summary.matches, summary.unreferencedPDFs) = (1, 3, [.ok: 1], 2)
        var embedded = AuditReport.EmbeddedSummary()
        (embedded.pdfs, embedded.annotations, embedded.replies, embedded.markup, embedded.inNotes, embedded.onlyInPDF) = (2, 7, 1, 6, 3, 3)
        (embedded.pdfsToImport, embedded.unreferencedWithHighlights) = (2, 1)
        summary.embedded = embedded
        let note = AuditReport.NoteEntry(
            path: "notes/used.md", match: .ok, reason: "its PDF is where it says", pdf: "papers/used.pdf", summary: .init(), annotations: [],
            diagnostics: [])
        return AuditReport(vault: "/v", papers: [], summary: summary, notes: [note], pdfs: pdfs, unreadable: [], warnings: [])
    }

    static let line = "7 in 2 PDFs — 6 highlights: 3 in a note, 3 only in their PDF; 1 reply"
    static let unusedLine = "2 of its 2 highlights (of 2 annotations: 2 Highlight); no note uses it"
    static let usedLine = "1 of its 4 highlights (of 5 annotations: 3 Highlight, 1 Text, 1 Underline; 1 reply); notes/used.md holds the other 3"

    @Test("text: the counts after the annotations', the PDFs no note uses first, each with its command from the current folder")
    func text() {
        let text = AuditReports.text(Self.report(), unreferenced: true, from: "/v/notes")
        #expect(text.contains("\nAnnotations: 0 — 0 anchored, 0 fuzzy, 0 orphaned, 0 skipped\nIn the PDFs: \(Self.line)\n"))
        #expect(text.contains("""

            Highlights only in the PDF (2 PDFs); no note of their document holds these highlights the PDFs hold themselves (made in Zotero, Acrobat, Preview…):
              papers/Zotero copy.pdf — \(Self.unusedLine)
                  → pdfanchor import '../papers/Zotero copy.pdf' --write — brings the 2 highlights that live only in the PDF into a new note beside it (without --write: what it would add)
              papers/used.pdf — \(Self.usedLine)
                  → pdfanchor import ../papers/used.pdf -o used.md --write — brings the highlight that lives only in the PDF into notes/used.md (without --write: what it would add)

            """))
        #expect(text.contains("\nPDFs no note uses (2):\n  papers/Zotero copy.pdf — it holds 2 highlights\n  papers/clean.pdf\n"))
    }

    @Test("Markdown and HTML: the same line, section and commands, from the vault's folder")
    func markdownAndHTML() {
        let md = AuditReports.markdown(Self.report())
        #expect(md.contains("- **PDFs**: 3\n- **In the PDFs**: \(Self.line)\n"))
        #expect(md.contains("\n## Highlights only in the PDF (2 PDFs)\n\n"))
        #expect(md.contains(
            "- `papers/Zotero copy.pdf` — \(Self.unusedLine)\n    - fix: `pdfanchor import 'papers/Zotero copy.pdf' --write` — brings the 2 highlights"))
        #expect(md.contains("- `papers/used.pdf` — \(Self.usedLine)\n    - fix: `pdfanchor import papers/used.pdf -o notes/used.md --write` — "))
        #expect(md.contains("\n- `papers/Zotero copy.pdf` — it holds 2 highlights\n- `papers/clean.pdf`\n"))
        let html = AuditReports.html(Self.report(), extracts: [:])
        #expect(html.contains("<p class=\"source\">In the PDFs: \(Self.line).</p>"))
        #expect(html.contains(
            "<li><code>papers/Zotero copy.pdf</code> — \(Self.unusedLine)<ul class=\"fixes\"><li><code>pdfanchor import &#39;papers/Zotero copy.pdf&#39; --write</code>"))
        #expect(html.range(of: "papers/Zotero copy.pdf</code> — 2 of")!.lowerBound < html.range(of: "papers/used.pdf</code> — 1 of")!.lowerBound)
    }

    @Test("JSON: pdfs[].embedded and fixes, summary.embedded, by their documented names; nothing when the audit did not look")
    func json() throws {
        let data = try JSONEncoder().encode(Self.report())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pdfs = try #require(object["pdfs"] as? [[String: Any]])
        let embedded = try #require(pdfs[0]["embedded"] as? [String: Any])
        #expect(Set(embedded.keys) == [
            "total", "kinds", "subtypes", "replies", "markup", "sameID", "samePlace", "onlyInPDF", "onlyInPDFHighlights",
        ])
        #expect((embedded["onlyInPDFHighlights"] as? [[String: Any]])?.first.map { Set($0.keys) } == ["page", "subtype", "id", "name"])
        #expect((pdfs[0]["fixes"] as? [[String: Any]])?.first?["command"] as? [String] == [
            "pdfanchor", "import", "papers/used.pdf", "-o", "notes/used.md", "--write",
        ])
        #expect(pdfs[2]["embedded"] == nil && pdfs[2]["fixes"] == nil)
        let summary = try #require((object["summary"] as? [String: Any])?["embedded"] as? [String: Any])
        #expect(Set(summary.keys) == [
            "pdfs", "annotations", "replies", "markup", "inNotes", "onlyInPDF", "pdfsToImport", "unreferencedWithHighlights", "unreadable",
        ])
        var notLooked = Self.report()
        notLooked.summary.embedded = nil
        notLooked.pdfs = notLooked.pdfs.map { var pdf = $0; pdf.embedded = nil; pdf.fixes = nil; return pdf }
        #expect(AuditReports.text(notLooked).contains("In the PDFs") == false)
        #expect(AuditReports.markdown(notLooked).contains("Highlights only in the PDF") == false)
    }
}
