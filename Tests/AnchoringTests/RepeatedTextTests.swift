import Foundation
import Testing
@testable import Anchoring

@Suite("Paragraphs that repeat word for word (truth from PDF.js)")
struct RepeatedTextTests {
    /// Tests/Fixtures/repeated: a disclaimer printed five times, two
    /// identical filler pages, table rows that repeat. Each highlight's quote
    /// and context are the same at every copy; its TextPositionSelector
    /// (made by PDF.js) says which copy it is.
    @Test("the position picks the copy that was highlighted; without a position, nothing is guessed")
    func positionDecides() async throws {
        let outcomes = try await VaultTruth.evaluate(.repeated)
        #expect(outcomes.count == 14)
        for outcome in outcomes {
            let r = outcome.result
            let right = outcome.right
            #expect(right, "^\(r.id) [\(outcome.entry.category)] expected \(outcome.entry.expect) p.\(outcome.entry.truth?.page ?? 0) → \(r.status.rawValue) p.\(r.page ?? 0) \(r.reason ?? "")")
            let wrongPlace = outcome.wrongPlace
            #expect(!wrongPlace, "^\(r.id) is never at another copy")
        }
    }
}
