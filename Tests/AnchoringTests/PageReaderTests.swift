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
        // One quote given the position of another, fifty pages away.
        var ordinary = try Self.annotations(["ordinary"])
        let far = ordinary.firstIndex { a in ordinary.contains { b in (b.position?.start ?? 0) > (a.position?.start ?? 0) + 150_000 } }!
        let elsewhere = ordinary.first { ($0.position?.start ?? 0) > ordinary[far].position!.start + 150_000 }!.position!
        ordinary[far] = Synthetic.changing(ordinary[far], position: { $0 = elsewhere })
        let second = try await PageReader(path: Self.thesis).anchor(ordinary)
        #expect(second.wholeDocument?.contains("^\(ordinary[far].id) is not settled") == true, "\(second.wholeDocument ?? "")")
        #expect(second.pagesRead == second.index.pages.count)
    }

    /// `text` with one letter, near its middle, changed (as PDF.js reads a glyph otherwise).
    static func oneLetterChanged(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var k = scalars.count / 2
        while k < scalars.count - 1, !scalars[k].properties.isAlphabetic { k += 1 }
        scalars[k] = scalars[k] == "x" ? "y" : "x"
        return String(String.UnicodeScalarView(scalars))
    }

    @Test("a quote with a letter read otherwise, where its position points with its context verbatim beside it, between two found as they are, settles there: its pages read, a full search's result")
    func editsSettle() async throws {
        // In the order of their positions: the first and the last as they are.
        let ordinary = try Self.annotations(["ordinary"]).sorted { $0.position!.start < $1.position!.start }
        let edited = { (k: Int) in k % 3 == 1 && k < ordinary.count - 1 }
        let noisy = ordinary.enumerated().map { k, a in edited(k) ? Synthetic.changing(a, quote: { $0.exact = Self.oneLetterChanged($0.exact) }) : a }
        let onDemand = try await PageReader(path: Self.thesis).anchor(noisy)
        let full = try await PageReader(path: Self.thesis, readAll: true).anchor(noisy)
        #expect(onDemand.wholeDocument == nil, "\(onDemand.wholeDocument ?? "")")
        #expect(onDemand.pagesRead < onDemand.index.pages.count / 2, "\(onDemand.pagesRead) of \(onDemand.index.pages.count) pages read")
        let entries = VaultTruth.Vault.sample.file.notes["notes/thesis-fine-sediment.md"]!.annotations
        for (k, (a, b)) in zip(onDemand.results, full.results).enumerated() {
            #expect(Self.same(a, b), "^\(a.id): \(a.status.rawValue) p.\(a.page ?? 0) vs \(b.status.rawValue) p.\(b.page ?? 0)")
            // On the page PDF.js has it, with the one edit.
            #expect(a.page == entries.first { $0.id == a.id }?.truth?.page, "^\(a.id)")
            #expect(a.status == (edited(k) ? .fuzzy : .anchored), "^\(a.id): \(a.status.rawValue)")
        }
        // Its context changed right beside it: not sure of its place (it may
        // be another copy's), so every page is read.
        let unsure = [ordinary[0], Synthetic.changing(noisy[1], quote: { $0.prefix = String($0.prefix.dropLast(4)) + "zzzz" }), ordinary[2]]
        let outcome = try await PageReader(path: Self.thesis).anchor(unsure)
        #expect(outcome.wholeDocument?.contains("is not settled") == true, "\(outcome.wholeDocument ?? "")")
        // Alone, or the first of a note: nothing says no text was put in
        // before it since (a replaced PDF, its position stale, pointing to a
        // changed copy of a passage printed twice), so every page is read.
        for first in [[noisy[1]], [noisy[1], ordinary[2]]] {
            let alone = try await PageReader(path: Self.thesis).anchor(first)
            #expect(alone.wholeDocument?.contains("not between two annotations found as they are") == true, "\(alone.wholeDocument ?? "")")
            #expect(alone.pagesRead == alone.index.pages.count)
        }
    }

    /// Tests/Fixtures/replaced (Scripts/samples/replaced.py): a report's new
    /// edition, 68 pages put in at the front since a note was made; a
    /// sentence printed twice, one copy changed by a word.
    struct Replaced: Decodable {
        struct Witness: Decodable {
            var quote: String
            var prefix: String
            var suffix: String
        }
        var quote: String
        var changed: String
        var before: String
        var after: String
        var quotePage: Int
        var changedPage: Int
        var witnesses: [Witness]
    }

    @Test("a PDF replaced by a new edition: a stale position on a changed copy of the passage highlighted does not settle there — the copy as it is is found, as a search of every page finds it")
    func stalePositionOnChangedCopy() async throws {
        let folder = VaultTruth.root + "/Tests/Fixtures/replaced/"
        let truth = try JSONDecoder().decode(Replaced.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "truth.json")))
        let pdf = folder + "papers/report.pdf"
        let index = try await DocumentIndex.build(path: pdf)
        // Where PDF.js's text has a passage (its start, UTF-16 units, as estimated).
        let position = { (text: String) throws -> TextPositionSelector in
            var builder = MatchTextBuilder()
            let found = index.occurrences(of: builder.build(text).characters)
            try #require(found.count == 1, "\(text.prefix(40)): \(found.count) places")
            let start = try #require(index.pdfjsDistance(from: 0, to: found[0]))
            return TextPositionSelector(start: start, end: start + text.utf16.count)
        }
        // Two highlights on the opening pages, where the note's positions still hold.
        var annotations = try truth.witnesses.enumerated().map { k, w in
            Synthetic.annotation(w.quote, prefix: w.prefix, suffix: w.suffix, position: try position(w.quote), id: "w\(k)")
        }
        // The passage as it is, its position stale: three units from the changed copy.
        let stale = try position(truth.changed)
        annotations.append(
            Synthetic.annotation(
                truth.quote, prefix: String(truth.before.suffix(32)), suffix: String(truth.after.prefix(32)),
                position: TextPositionSelector(start: stale.start + 3, end: stale.end + 3), id: "stale"))
        let onDemand = try await PageReader(path: pdf).anchor(annotations)
        let full = try await PageReader(path: pdf, readAll: true).anchor(annotations)
        let found = onDemand.results[2]
        #expect(found.status == .anchored && found.page == truth.quotePage, "\(found.status.rawValue) p.\(found.page ?? 0), the copy as it is on p.\(truth.quotePage), the changed one on p.\(truth.changedPage)")
        #expect(Self.same(found, full.results[2]))
        #expect(onDemand.wholeDocument?.contains("not between two annotations found as they are") == true, "\(onDemand.wholeDocument ?? "")")
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
