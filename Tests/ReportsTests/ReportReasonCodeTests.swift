import Foundation
import SwiftCSV
import Testing
import Anchoring
import Reports

/// The CSV and the W3C JSON carry each orphaned or skipped annotation's
/// ``AnchorResult/ReasonCode`` (`reasonCode`), found ones none.
@Suite("Reason codes in the reports")
struct ReportReasonCodeTests {
    @Test("CSV: a reasonCode column, the code of each orphan, empty for a found annotation")
    func csv() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let parsed = try CSV<Named>(string: CSVReport.render(report), delimiter: .comma)
        #expect(parsed.header.last == "reasonCode")
        let entries = report.found + report.orphaned + report.skipped
        #expect(parsed.rows.count == entries.count)
        for (row, entry) in zip(parsed.rows, entries) {
            #expect(row["id"] == entry.result.id)
            #expect(row["reasonCode"] == (entry.result.reasonCode?.rawValue ?? ""))
            #expect(entry.result.isFound == (row["reasonCode"] == ""))
        }
        // The sample's orphans: quotes edited past recognition, and one
        // found in pieces whose context does not match.
        let codes = Set(parsed.rows.compactMap { $0["reasonCode"] }.filter { !$0.isEmpty })
        #expect(codes == ["not-found", "context-mismatch"])
    }

    @Test("W3C JSON: pdfanchor.reasonCode beside pdfanchor.reason")
    func webAnnotation() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let text = try WebAnnotationReport.render(report)
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let items = try #require((collection["first"] as? [String: Any])?["items"] as? [[String: Any]])
        let entries = report.found + report.orphaned + report.skipped
        #expect(items.count == entries.count)
        for (item, entry) in zip(items, entries) {
            let result = try #require(item["pdfanchor"] as? [String: Any])
            #expect(result["reasonCode"] as? String == entry.result.reasonCode?.rawValue)
            #expect(result["reason"] as? String == entry.result.reason)
            #expect((result["reasonCode"] == nil) == (result["reason"] == nil))
        }
        #expect(items.contains { ($0["pdfanchor"] as? [String: Any])?["reasonCode"] as? String == "not-found" })
    }
}
