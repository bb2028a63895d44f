import Foundation
import Testing
@testable import Anchoring

@Suite("Anchoring the sample vault (truth from PDF.js)")
struct VaultQualityTests {
    @Test("≥ 99.5% right page and text, no false anchor, no wrong place, ≥ 97% good rects")
    func quality() async throws {
        let outcomes = try await VaultTruth.evaluate()
        let expected = outcomes.filter { $0.entry.expect == "anchored" }
        let right = expected.filter(\.right)
        let falseAnchors = outcomes.filter(\.falseAnchor)
        let orphansExpected = outcomes.filter { $0.entry.expect == "orphaned" }
        let goodRects = right.filter(\.rectsGood)
        let rightRate = Double(right.count) / Double(expected.count)
        let rectRate = Double(goodRects.count) / Double(max(1, right.count))
        print("vault: \(outcomes.count) annotations; right \(right.count)/\(expected.count) (\(String(format: "%.1f", rightRate * 100))%); false anchors \(falseAnchors.count); orphans as expected \(orphansExpected.filter(\.right).count)/\(orphansExpected.count); good rects \(goodRects.count)/\(right.count) (\(String(format: "%.1f", rectRate * 100))%)")
        var byCategory: [String: (Int, Int)] = [:]
        for outcome in outcomes {
            let key = outcome.entry.category
            byCategory[key, default: (0, 0)].0 += outcome.right ? 1 : 0
            byCategory[key, default: (0, 0)].1 += 1
        }
        for (category, counts) in byCategory.sorted(by: { $0.key < $1.key }) {
            print("  \(category): \(counts.0)/\(counts.1)")
        }
        for outcome in outcomes where !outcome.right || (outcome.right && !outcome.rectsGood && outcome.entry.truth != nil) {
            let r = outcome.result
            print("  MISS \(outcome.note) ^\(r.id) [\(outcome.entry.category)] expect \(outcome.entry.expect) p.\(outcome.entry.truth?.page ?? 0) → \(r.status.rawValue) p.\(r.page ?? 0) \(r.method?.rawValue ?? "") score \(r.score ?? r.bestCandidate?.score ?? 0) p/s \(r.prefixMatch ?? r.bestCandidate?.prefixMatch ?? -1)/\(r.suffixMatch ?? r.bestCandidate?.suffixMatch ?? -1) sim \(String(format: "%.2f", outcome.similarity)) cov \(String(format: "%.2f", outcome.coverage)) spill \(String(format: "%.2f", outcome.spill)) \(r.reason ?? "")")
        }
        if ProcessInfo.processInfo.environment["VAULT_TEXT"] != nil {
            for outcome in outcomes where !outcome.right && outcome.entry.truth != nil {
                print("  TEXT ^\(outcome.result.id)\n    truth:   \(outcome.entry.truth!.text.debugDescription)\n    matched: \((outcome.result.matchedText ?? "").debugDescription)")
            }
        }
        if ProcessInfo.processInfo.environment["VAULT_DUMP"] != nil {
            for outcome in outcomes where outcome.result.method == .exact || outcome.entry.expect == "orphaned" {
                let r = outcome.result
                print("  DUMP \(outcome.entry.category) right=\(outcome.right) \(r.status.rawValue) len=\(outcome.entry.truth?.text.count ?? 0) p=\(r.prefixMatch ?? r.bestCandidate?.prefixMatch ?? -1) s=\(r.suffixMatch ?? r.bestCandidate?.suffixMatch ?? -1)")
            }
        }
        #expect(rightRate >= 0.995)
        #expect(falseAnchors.isEmpty)
        #expect(outcomes.filter(\.wrongPlace).isEmpty, "never a wrong place")
        #expect(rectRate >= 0.97)
    }
}
