import Foundation
import SwiftCSV
import Testing
import Anchoring
import Library
import Notes
@testable import Reports

@Suite("Reports on the sample vault")
struct ReportTests {
    @Test("Markdown, CSV and JSON match their golden files")
    func golden() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        #expect(try ReportFixture.matchesGolden(try MarkdownReport.render(report), "estuary-flocculation.md"))
        #expect(try ReportFixture.matchesGolden(CSVReport.render(report), "estuary-flocculation.csv"))
        #expect(try ReportFixture.matchesGolden(try WebAnnotationReport.render(report), "estuary-flocculation.json"))
    }

    @Test("Markdown: page order, links to the PDF page and back to the block, orphans listed with reasons")
    func markdown() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let text = try MarkdownReport.render(report)
        let pages = report.found.compactMap(\.result.page)
        #expect(pages == pages.sorted())
        let first = try #require(report.found.first)
        #expect(text.contains("[[papers/estuary-flocculation.pdf#page=\(first.result.page!)|p. \(first.result.pageLabel!)]]"))
        // Each highlight a callout: its PDF page, and the annotation's block in the note (named with .md: never taken for the PDF).
        #expect(text.contains("> [!quote] [[papers/estuary-flocculation.pdf#page=\(first.result.page!)|p. \(first.result.pageLabel!)]] · [[notes/estuary-flocculation.md#^\(first.result.id)|↩ note]]"))
        #expect(text.contains("## Orphaned: not found in this PDF"))
        for orphan in report.orphaned { #expect(text.contains("[[notes/estuary-flocculation.md#^\(orphan.result.id)|↩ note]] “")) }
    }

    @Test("Markdown: an orphan keeps its comment (every line, inside its list item) and its tags; the counts say 'orphaned', and 'skipped' only when there are some")
    func orphanComments() async throws {
        var report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        try #require(!report.orphaned.isEmpty)
        report.orphaned[0].annotation.comment = "First line of my note.\nSecond line."
        report.orphaned[0].annotation.tags = ["key result"]
        let text = try MarkdownReport.render(report)
        let id = report.orphaned[0].result.id
        #expect(text.contains("[[notes/estuary-flocculation.md#^\(id)|↩ note]] “"))
        #expect(text.contains("\n  First line of my note.\n  Second line.\n  #key-result\n"), "\(text.suffix(600))")
        #expect(text.contains("10 orphaned\n"))
        #expect(!text.contains("skipped"))
    }

    @Test("a user template gets the same data, unescaped for Markdown")
    func template() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation-revised.md")
        let text = try MarkdownReport.render(report, template: "{{#highlights}}{{pageLabel}}|{{id}}\n{{/highlights}}")
        let lines = text.split(separator: "\n")
        #expect(lines.count == report.found.count)
        #expect(lines.first == "\(report.found[0].result.pageLabel!)|\(report.found[0].result.id)")
        #expect(throws: ReportError.self) { try MarkdownReport.render(report, template: "{{#unclosed}}") }
    }

    @Test("CSV parses back, with an independent parser, to one row per annotation")
    func csv() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let text = CSVReport.render(report)
        #expect(text.hasPrefix("id,status,page,pageLabel,text,comment,tags,created,section,reasonCode\r\n"))
        let parsed = try CSV<Named>(string: text, delimiter: .comma)
        #expect(parsed.header == CSVReport.columns)
        #expect(parsed.rows.count == report.summary.total)
        let entries = report.found + report.orphaned + report.skipped
        for (row, entry) in zip(parsed.rows, entries) {
            #expect(row["id"] == entry.result.id)
            #expect(row["comment"] == entry.annotation.comment)
            #expect(row["text"] == (entry.result.isFound ? entry.text : entry.quote))
            #expect(row["page"] == entry.result.page.map(String.init) ?? "")
        }
        #expect(entries.contains { $0.annotation.comment.contains("\n") }, "a multi-line comment is in the sample")
    }

    @Test(
        "a text a spreadsheet would run as a formula gets a leading quote, as OWASP recommends; others are left alone",
        arguments: [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2 dB", "'-2 dB"), ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"), ("plain text", "plain text"), ("a = b", "a = b"), ("", ""),
        ])
    func formulas(_ cell: String, _ written: String) {
        #expect(CSVReport.defused(cell) == written)
    }

    @Test("JSON is a W3C Web Annotation collection with page fragments and the anchoring result")
    func webAnnotation() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try WebAnnotationReport.render(report).utf8)) as? [String: Any])
        #expect(object["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        #expect(object["type"] as? String == "AnnotationCollection")
        let items = try #require((object["first"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.count == report.summary.total)
        #expect(object["total"] as? Int == items.count)
        for item in items {
            #expect(item["type"] as? String == "Annotation")
            #expect((item["id"] as? String).flatMap(URL.init(string:))?.scheme != nil, "ids are IRIs")
            #expect(["highlighting", "commenting"].contains(item["motivation"] as? String))
            let target = try #require(item["target"] as? [String: Any])
            #expect((target["source"] as? String)?.hasPrefix("file:///") == true)
            let selectors = try #require(target["selector"] as? [[String: Any]])
            #expect(selectors.contains { $0["type"] as? String == "TextQuoteSelector" && $0["exact"] is String })
            let result = try #require(item["pdfanchor"] as? [String: Any])
            if let page = result["page"] as? Int {
                let fragment = try #require(selectors.first { $0["type"] as? String == "FragmentSelector" })
                #expect(fragment["value"] as? String == "page=\(page)")
                #expect(fragment["conformsTo"] as? String == "http://tools.ietf.org/rfc/rfc8118")
            }
            for body in item["body"] as? [[String: Any]] ?? [] {
                #expect(body["type"] as? String == "TextualBody")
                #expect(["commenting", "tagging"].contains(body["purpose"] as? String))
            }
        }
    }
}
