import Anchoring
import Foundation
import Library
import Testing

/// The audit cache keeps the ids of a report's orphans beside its counts,
/// so that a report of counts lists them without reading the results.
@Suite("The audit cache's orphans")
struct AuditCacheOrphansTests {
    static func result(_ id: String, _ status: AnchorResult.Status) -> AnchorResult {
        var result = AnchorResult(id: id, status: status)
        if status == .orphaned { result.explain(.notFound, "not found: no text in the PDF resembles the quote") }
        return result
    }

    static func report(_ annotations: [AnchorResult]) -> CheckReport {
        CheckReport(
            note: "n.md", pdf: .init(path: "p.pdf", fingerprint: "f", fingerprintMatches: true, noteFingerprint: "f", pages: 1, foundBy: .given),
            summary: CheckReport.Summary(counting: annotations), annotations: annotations, diagnostics: [])
    }

    @Test("the counts and the orphans' ids in the report's order; none when none")
    func counts() throws {
        let cache = try AuditCache(vault: Vault(root: try TestVault.vault()))
        let key = CacheKey(rawValue: "some")
        cache.store(report: Self.report([Self.result("z9", .orphaned), Self.result("a1", .anchored), Self.result("b2", .orphaned)]), key: key)
        let counts = try #require(cache.reportCounts(key: key))
        #expect(counts.summary.total == 3 && counts.summary.orphaned == 2 && counts.summary.anchored == 1)
        #expect(counts.orphans == ["z9", "b2"])
        let clean = CacheKey(rawValue: "clean")
        cache.store(report: Self.report([Self.result("a1", .anchored)]), key: clean)
        #expect(cache.reportCounts(key: clean)?.orphans == [])
        #expect(cache.reportCounts(key: CacheKey(rawValue: "never stored")) == nil)
    }
}
