import Foundation
import Testing
@testable import Anchoring
import Notes

/// Every orphaned or skipped result carries a stable code beside its prose
/// (``AnchorResult/ReasonCode``), one code per cause.
@Suite("Reason codes of orphaned and skipped annotations")
struct ReasonCodeTests {
    let filler = "Nothing of interest happens in this sentence at all. "

    @Test("the codes are kebab-case, distinct, and each belongs to one status")
    func codes() {
        let raw = AnchorResult.ReasonCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.range(of: "^[a-z]+(-[a-z]+)*$", options: .regularExpression) != nil })
        #expect(raw == [
            "page-note", "reply", "no-passage", "no-quote", "quote-without-text", "not-found", "context-mismatch", "ambiguous",
            "not-checked",
        ])
        let skipped = AnchorResult.ReasonCode.allCases.filter { $0.status == .skipped }
        #expect(skipped == [.pageNote, .reply, .noPassage])
    }

    @Test("a page note, a reply, no quote, a quote without text: each its own code, with the prose as before")
    func nothingToAnchor() {
        let anchorer = Anchorer(index: Synthetic.index([filler]))
        let pageNote = anchorer.anchor(Annotation(id: "n", targets: [AnnotationTarget(source: "x", selectors: [])]))
        #expect(pageNote.status == .skipped && pageNote.reasonCode == .pageNote)
        #expect(pageNote.reason == "a page note: it has no passage to find")
        let reply = anchorer.anchor(Annotation(id: "r", targets: [], references: ["n"]))
        #expect(reply.status == .skipped && reply.reasonCode == .reply)
        #expect(reply.reason == "a reply to another annotation: it has no passage of its own")
        let positionOnly = anchorer.anchor(
            Annotation(id: "p", targets: [AnnotationTarget(source: "x", selectors: [.textPosition(TextPositionSelector(start: 1, end: 5))])]))
        #expect(positionOnly.status == .orphaned && positionOnly.reasonCode == .noQuote)
        #expect(positionOnly.reason == "no TextQuoteSelector: there is no quote to look for")
        let blank = anchorer.anchor(Synthetic.annotation(" \n\t "))
        #expect(blank.status == .orphaned && blank.reasonCode == .quoteWithoutText)
        #expect(blank.reason == "the quote has no letters, digits or symbols to match")
    }

    @Test("a quote from another document, long or short: not-found")
    func notFound() {
        let index = Synthetic.index([filler + "The boundary layer reflects the tidal phase within experimental uncertainty. " + filler])
        let anchorer = Anchorer(index: index)
        let foreign = anchorer.anchor(
            Synthetic.annotation("The bed roughness offsets the effect of the inflow temperature after filtering.",
                                 prefix: "A different sentence here. ", suffix: " And something else."))
        #expect(foreign.status == .orphaned && foreign.reasonCode == .notFound)
        #expect(foreign.reason?.hasPrefix("not found") == true)
        let short = anchorer.anchor(Synthetic.annotation("zebra", prefix: "a ", suffix: " b"))
        #expect(short.status == .orphaned && short.reasonCode == .notFound)
        #expect(short.reason?.contains("too short") == true)
    }

    @Test("the quote is there but its context is not: context-mismatch")
    func contextMismatch() {
        let short = Anchorer(index: Synthetic.index(["The flow rate was high. We measured the flow near the bed.\n"])).anchor(
            Synthetic.annotation("the flow", prefix: "completely different words ", suffix: " and nothing alike here"))
        #expect(short.status == .orphaned && short.reasonCode == .contextMismatch)
        #expect(short.reason?.contains("context") == true)
    }

    @Test("the same passage twice, nothing to tell them apart: ambiguous")
    func ambiguous() {
        let sentence = "Table 3 lists the characteristic values for each deployment."
        let index = Synthetic.index([filler + sentence + " " + filler, filler + filler, filler + sentence + " " + filler])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation(sentence, prefix: "in this sentence at all. ", suffix: " Nothing of interest"))
        #expect(result.status == .orphaned && result.reasonCode == .ambiguous)
        #expect(result.reason?.hasPrefix("ambiguous") == true)
    }

    @Test("Tests/Fixtures/repeated: quotes repeated word for word without a position (or with one a few units off, among copies a line apart) are ambiguous; the found ones have no code")
    func repeatedFixture() async throws {
        let outcomes = try await VaultTruth.evaluate(.repeated)
        let orphaned = outcomes.filter { $0.entry.expect == "orphaned" }
        #expect(orphaned.count == 4)
        for outcome in orphaned {
            #expect(outcome.result.reasonCode == .ambiguous, "^\(outcome.result.id): \(outcome.result.reason ?? "-")")
        }
        for outcome in outcomes where outcome.result.isFound {
            #expect(outcome.result.reasonCode == nil && outcome.result.reason == nil)
        }
    }

    @Test("JSON carries reasonCode beside reason, and reads it back")
    func json() throws {
        let result = Anchorer(index: Synthetic.index([filler])).anchor(Annotation(id: "r", targets: [], references: ["n"]))
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["reasonCode"] as? String == "reply")
        #expect(object["reason"] as? String == result.reason)
        #expect(try JSONDecoder().decode(AnchorResult.self, from: data) == result)
        // A result written before reason codes existed still reads, without one.
        var old = object
        old["reasonCode"] = nil
        let decoded = try JSONDecoder().decode(AnchorResult.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.reasonCode == nil && decoded.reason == result.reason)
    }
}
