import Foundation
import Notes
import PDFCore
import Synchronization
import Testing
@testable import Anchoring

/// A ``PageStore`` in memory, counting what it is asked for.
final class MemoryStore: PageStore {
    private let kept = Mutex<(document: StoredDocument?, pages: [Int: StoredPage])>((nil, [:]))

    func document() -> StoredDocument? { kept.withLock { $0.document } }
    func pages(_ numbers: [Int], boxes: Bool) -> [StoredPage] {
        kept.withLock { kept in
            numbers.compactMap { kept.pages[$0] }.map { boxes ? $0 : StoredPage(number: $0.number, text: $0.text, boxes: []) }
        }
    }
    func keep(_ pages: [StoredPage], document: StoredDocument?) {
        kept.withLock { kept in
            for page in pages { kept.pages[page.number] = page }
            if let document { kept.document = document }
        }
    }
    var count: Int { kept.withLock { $0.pages.count } }
}

@Suite("Pages kept between runs, and a whole-document search that holds text only")
struct PageStoreTests {
    static let thesis = PageReaderTests.thesis

    static func sameEverywhere(_ a: AnchorResult, _ b: AnchorResult) -> Bool {
        PageReaderTests.same(a, b) && a.quads == b.quads && a.pageLabel == b.pageLabel
    }

    @Test("a page kept and taken back is the page as Poppler read it: text, label, geometry, every glyph box to the bit, where lines break")
    func roundTrip() async throws {
        let pool = try PageTextPool(path: Self.thesis, workers: 1)
        let parts = try await pool.read([1, 2, 37, pool.pageCount], transform: { PagePart($0) })
        for part in parts {
            let kept = StoredPage(part, boxes: part.boxes)
            let back = try #require(kept.part(), "page \(part.number)")
            #expect(back.scalars == part.scalars && back.label == part.label && back.size == part.size && back.geometry == part.geometry)
            #expect(back.pdfjsLength == part.pdfjsLength && back.breaks == part.breaks)
            #expect(back.boxes.map(\.bitPattern) == part.boxes.map(\.bitPattern), "page \(part.number)")
            // Smaller than the floats alone.
            #expect(kept.boxes.count < part.boxes.count * 4 * 3 / 4, "page \(part.number): \(kept.boxes.count) bytes")
            let textOnly = try #require(StoredPage(number: part.number, text: kept.text, boxes: []).part())
            #expect(textOnly.boxes.isEmpty && textOnly.breaks == part.breaks)
            // A damaged record is not taken for a page.
            #expect(StoredPage(number: part.number, text: Array(kept.text.dropLast(3)), boxes: kept.boxes).part() == nil)
            #expect(StoredPage(number: part.number, text: kept.text, boxes: Array(kept.boxes.dropLast(2))).part() == nil)
        }
    }

    @Test("a whole-document search holds the pages' text, reads back the boxes of the pages its matches land on, and draws a full search's regions")
    func textOnly() async throws {
        let annotations = try PageReaderTests.annotations(["ordinary", "quote-only", "edited", "hyphen-ligature"])
        var reader = PageReader(path: Self.thesis)
        reader.textOnlyFrom = 100
        let outcome = try await reader.anchor(annotations)
        #expect(outcome.wholeDocument != nil)
        let index = try await DocumentIndex.build(path: Self.thesis)
        let full = Anchorer(index: index).anchor(annotations)
        for (a, b) in zip(outcome.results, full) {
            #expect(Self.sameEverywhere(a, b), "^\(a.id): \(a.status.rawValue) p.\(a.page ?? 0) \(a.rects.count) rects vs \(b.rects.count)")
        }
        let found = Set(outcome.results.compactMap(\.page))
        let boxed = Set(outcome.index.pages.filter(\.hasBoxes).map(\.number))
        #expect(found.isSubset(of: boxed))
        #expect(boxed.count < outcome.index.pages.count / 2, "\(boxed.count) of \(outcome.index.pages.count) pages hold boxes")
    }

    @Test("with a store, a second check reads no page from the PDF, and finds the same, on demand or over the whole document")
    func secondRun() async throws {
        for categories: Set<String> in [["ordinary", "long"], ["ordinary", "quote-only"]] {
            let annotations = try PageReaderTests.annotations(categories)
            let store = MemoryStore()
            var reader = PageReader(path: Self.thesis)
            reader.store = store
            let first = try await reader.anchor(annotations)
            #expect(first.pagesFromPDF == first.pagesRead && store.count == first.pagesRead)
            let second = try await reader.anchor(annotations)
            #expect(second.pagesFromPDF == 0, "\(categories): \(second.pagesFromPDF) pages read again")
            #expect(second.pagesFromStore == second.pagesRead && second.pagesRead == first.pagesRead)
            #expect(second.wholeDocument == first.wholeDocument)
            // The same estimate of where pages start as the first run's: the very same results.
            for (a, b) in zip(first.results, second.results) {
                #expect(Self.sameEverywhere(a, b) && a.score == b.score && a.positionPage == b.positionPage, "^\(a.id)")
            }
            // A PDF opened with a password keeps nothing, and takes nothing.
            var locked = PageReader(path: Self.thesis, password: "x")
            let empty = MemoryStore()
            locked.store = empty
            _ = try await locked.anchor(annotations)
            #expect(empty.count == 0 && empty.document() == nil)
        }
    }
}
