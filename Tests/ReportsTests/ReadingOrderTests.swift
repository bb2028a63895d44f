import Foundation
import Testing
import PDFCore
import TestSupport
@testable import Reports

@Suite("Column-aware order: down the left column, then the right, whatever order the PDF draws its text in")
struct ReadingOrderTests {
    /// Tests/Fixtures/columns/columns.pdf (Scripts/samples/columns_fixture.py)
    /// draws its right column first, then a heading across both columns,
    /// then its left column; a reader reads heading, left, right.
    static let fixture = Repository.root + "/Tests/Fixtures/columns/columns.pdf"

    /// The box of the first occurrence of `phrase` in the page's content-order
    /// text (the order the PDF draws it in), top-left page space.
    func box(of phrase: String, in text: PageText) throws -> Rect {
        let string = text.scalars.map(String.init).joined()
        let range = try #require(string.range(of: phrase))
        let start = string.unicodeScalars.distance(from: string.unicodeScalars.startIndex, to: range.lowerBound)
        let boxes = text.boxes[start..<(start + phrase.unicodeScalars.count)]
        return boxes.dropFirst().reduce(boxes.first!) { $0.union($1) }
    }

    @Test("the fixture's text order is right column first (so the order below is not the file's)")
    func fixtureDrawsRightFirst() throws {
        let text = try PDFDocument(path: Self.fixture).page(1).text()
        let string = text.scalars.map(String.init).joined()
        let right = try #require(string.range(of: "Right column line 1"))
        let left = try #require(string.range(of: "Left column line 1"))
        #expect(right.lowerBound < left.lowerBound)
    }

    @Test("ranks: heading, then the left column top to bottom, then the right column")
    func ranks() throws {
        let page = try PDFDocument(path: Self.fixture).page(1)
        let content = page.text()
        let order = ReadingOrder(text: page.readingOrderText())
        // Highlights' first regions, as the anchoring gives them (from the
        // content-order text), listed in the order a reader meets them.
        let phrases = [
            "heading across", "Left column line 1", "line 3 of the page", "Left column line 6",
            "Right column line 1", "Right column line 4", "Right column line 6",
        ]
        var rects = try phrases.map { try box(of: $0, in: content) }
        // "line 3 of the page" first occurs in the right column (drawn
        // first): take the left column's, the second occurrence.
        let string = content.scalars.map(String.init).joined()
        let second = try #require(string.range(of: "Left column line 3"))
        let start = string.unicodeScalars.distance(from: string.unicodeScalars.startIndex, to: second.lowerBound)
        rects[2] = content.boxes[start..<(start + 18)].dropFirst().reduce(content.boxes[start]) { $0.union($1) }
        let ranks = rects.map { order.rank(of: $0) }
        #expect(ranks.allSatisfy { $0 != nil })
        #expect(ranks.map { $0! } == ranks.map { $0! }.sorted(), "ranks \(ranks) follow the reading order")
        #expect(Set(ranks.map { $0! }).count == ranks.count)
    }
}
