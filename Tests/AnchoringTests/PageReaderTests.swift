import Foundation
import Notes
import Testing
@testable import Anchoring

@Suite("Reading only the pages a note needs")
struct PageReaderTests {
    static let thesis = VaultTruth.root + "/SamplePDFs/papers/thesis-fine-sediment.pdf"

    /// The thesis note's annotations of one category (truth.json names each one's).
    static func annotations(_ categories: Set<String>) throws -> [Annotation] {
        let note = try AnnotationNote(contentsOf: VaultTruth.root + "/SamplePDFs/notes/thesis-fine-sediment.md")
        let entries = VaultTruth.Vault.sample.file.notes["notes/thesis-fine-sediment.md"]!.annotations
        let wanted = Set(entries.filter { categories.contains($0.category) }.map(\.id))
        return note.annotations.filter { wanted.contains($0.id) }
    }

    static func same(_ a: AnchorResult, _ b: AnchorResult) -> Bool {
        a.status == b.status && a.page == b.page && a.matchedText == b.matchedText && a.rects == b.rects
    }

    @Test("highlights whose quotes stand where their positions point: only their pages are read, the results are a full search's")
    func earlyStop() async throws {
        let annotations = try Self.annotations(["ordinary", "long", "hyphen-ligature", "ligature", "line-end-hyphen"])
        #expect(annotations.count >= 20)
        let onDemand = try await PageReader(path: Self.thesis).anchor(annotations)
        let full = try await PageReader(path: Self.thesis, readAll: true).anchor(annotations)
        #expect(onDemand.wholeDocument == nil, "stopped early: \(onDemand.wholeDocument ?? "")")
        #expect(onDemand.pagesRead < onDemand.index.pages.count / 2, "\(onDemand.pagesRead) of \(onDemand.index.pages.count) pages read")
        #expect(full.pagesRead == full.index.pages.count)
        for (a, b) in zip(onDemand.results, full.results) {
            #expect(Self.same(a, b), "^\(a.id): \(a.status.rawValue) p.\(a.page ?? 0) vs \(b.status.rawValue) p.\(b.page ?? 0)")
        }
        // What it learnt places every page's start near where a full reading does.
        let starts = onDemand.model.starts()
        let truth = full.model.starts()
        for page in stride(from: 0, to: truth.count, by: 10) {
            #expect(abs(starts[page] - truth[page]) < 3000, "page \(page + 1): \(starts[page]) vs \(truth[page])")
        }
    }

    @Test("a quote without a position, or one that is not where its position points, has every page read")
    func fallBack() async throws {
        let quoteOnly = try Self.annotations(["ordinary", "quote-only"])
        let outcome = try await PageReader(path: Self.thesis).anchor(quoteOnly)
        #expect(outcome.wholeDocument?.contains("has no position") == true)
        #expect(outcome.pagesRead == outcome.index.pages.count)
        let edited = try Self.annotations(["ordinary", "edited"])
        let second = try await PageReader(path: Self.thesis).anchor(edited)
        #expect(second.wholeDocument?.contains("is not settled") == true)
        #expect(second.pagesRead == second.index.pages.count)
    }

    @Test("a single highlight, or a few, of a long document: only the pages around it are read (one highlight places the document's pages as several do), with a full search's result")
    func fewHighlights() async throws {
        let annotations = try Self.annotations(["ordinary"])
        let full = try await PageReader(path: Self.thesis, readAll: true).anchor(annotations)
        for k in stride(from: 0, to: annotations.count, by: 3) {
            let alone = try await PageReader(path: Self.thesis).anchor([annotations[k]])
            #expect(alone.wholeDocument == nil, "^\(annotations[k].id): \(alone.wholeDocument ?? "")")
            #expect(alone.pagesRead < alone.index.pages.count / 3, "^\(annotations[k].id): \(alone.pagesRead) pages read")
            #expect(Self.same(alone.results[0], full.results[k]), "^\(annotations[k].id)")
        }
        let pair = [annotations[1], annotations[annotations.count - 1]]
        let two = try await PageReader(path: Self.thesis).anchor(pair)
        #expect(two.wholeDocument == nil, "\(two.wholeDocument ?? "")")
        #expect(Self.same(two.results[1], full.results[annotations.count - 1]))
    }
}
