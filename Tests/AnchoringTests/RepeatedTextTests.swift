import Foundation
import Notes
import Testing
@testable import Anchoring

@Suite("Paragraphs that repeat word for word (truth from PDF.js)")
struct RepeatedTextTests {
    /// Tests/Fixtures/repeated: a disclaimer printed five times, two
    /// identical filler pages, table rows that repeat (boilerplate.pdf); a
    /// log line printed nine times and a table row eight times, one under
    /// another (refrains.pdf). Each highlight's quote and context are the
    /// same at every copy; its TextPositionSelector (made by PDF.js) says
    /// which copy it is.
    @Test("the position picks the copy that was highlighted — its glyphs, not another copy's; without a position, or with one a few units off among copies a line apart, nothing is guessed")
    func positionDecides() async throws {
        let outcomes = try await VaultTruth.evaluate(.repeated)
        #expect(outcomes.count == 25)
        for outcome in outcomes {
            let r = outcome.result
            let right = outcome.right
            #expect(right, "^\(r.id) [\(outcome.entry.category)] expected \(outcome.entry.expect) p.\(outcome.entry.truth?.page ?? 0) → \(r.status.rawValue) p.\(r.page ?? 0) \(r.reason ?? "")")
            let wrongPlace = outcome.wrongPlace
            #expect(!wrongPlace, "^\(r.id) is never at another copy")
            if r.isFound {
                // The copies share page and text: the regions tell them apart.
                #expect(outcome.rectsGood, "^\(r.id) [\(outcome.entry.category)] covers \(outcome.coverage) of PDF.js's glyphs")
            }
        }
        let lineApart = outcomes.filter { $0.note == "notes/refrains.md" && $0.entry.category.hasPrefix("repeated-") && $0.entry.expect == "anchored" }
        #expect(lineApart.count == 5)
    }

    @Test("copies a line apart: the position picks one only where the sure places around it agree with it to the unit")
    func exactPosition() async throws {
        let folder = VaultTruth.root + "/Tests/Fixtures/repeated/"
        let note = try AnnotationNote(contentsOf: folder + "notes/refrains.md")
        let entries = VaultTruth.Vault.repeated.file.notes["notes/refrains.md"]!.annotations
        let category = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.category) })
        let index = try await DocumentIndex.build(path: folder + "papers/refrains.pdf")
        let anchorer = Anchorer(index: index)
        let copies = note.annotations.filter { category[$0.id] == "repeated-line" || category[$0.id] == "repeated-row" }
        #expect(copies.count == 5)
        // Alone, nothing says the model is exact there: ambiguous.
        for copy in copies {
            #expect(anchorer.anchor([copy])[0].reasonCode == .ambiguous, "^\(copy.id)")
        }
        // With the sentences printed once around them, found.
        let once = note.annotations.filter { category[$0.id] == "once" }
        let results = anchorer.anchor(once + copies)
        #expect(results.allSatisfy { $0.status == .anchored }, "\(results.map { "\($0.id) \($0.status.rawValue)" })")
        // Their positions shifted together (another PDF.js's offsets, all
        // the same amount off): still exact relative to each other, found.
        let shifted = (once + copies).map { annotation in
            Synthetic.changing(annotation, position: { $0 = TextPositionSelector(start: $0.start + 40, end: $0.end + 40) })
        }
        #expect(zip(anchorer.anchor(shifted), results).allSatisfy { $0.status == .anchored && $0.rects == $1.rects })
    }
}
