import Foundation
import Testing
import Anchoring
import PDFCore
import TestSupport
@testable import Reports

@Suite("Columns and reading order: down the left column, then the right, whatever order the PDF draws its text in")
struct PageColumnsTests {
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

    @Test("the gutter and the heading across it are found; keys: heading, then the left column top to bottom, then the right column")
    func ranks() throws {
        let page = try PDFDocument(path: Self.fixture).page(1)
        let content = page.text()
        let columns = PageColumns(text: page.text(), size: page.size)
        // Left lines end near x = 72 + 150; the right column starts at 320.
        let split = try #require(columns.split)
        #expect(split > 230 && split < 320)
        #expect(columns.crossings.count == 1, "the heading runs across the gutter")
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
        let keys = rects.map { columns.key(of: $0) }
        #expect(keys == keys.sorted(), "the keys follow the reading order")
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "and tell every passage apart")
    }

    @Test("page 5 of the sample paper, whose lines Poppler's layout runs together across the columns: the left column's highlight comes before the right column's")
    func sampleTwoColumns() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let page = try PDFDocument(path: report.pdfPath).page(5)
        let columns = PageColumns(text: page.text(), size: page.size)
        let split = try #require(columns.split, "page 5 has two columns (pdftotext -layout)")
        #expect(abs(split - page.size.width / 2) < 20)
        var arranged = report
        arranged.arrange(by: [5: columns])
        let onPage = arranged.found.filter { $0.result.page == 5 }.compactMap { $0.result.rects.first { $0.page == 5 }?.rect }
        #expect(onPage.count >= 4)
        // Once a highlight starts in the right column, no later one starts in the left above... nor anywhere in the left below.
        let sides = onPage.map { columns.side(of: [$0]) }
        if let firstRight = sides.firstIndex(of: 1) {
            #expect(!sides[firstRight...].contains(-1), "sides in order: \(sides)")
        }
    }

    @Test("a contents page's leader dots, aligned line under line, are not a gutter")
    func leaderDots() {
        // 30 lines: six words of an entry from x = 72 to 210, twenty dots
        // 1.4 pt wide every 4.5 pt from x = 300, the page number at x = 520.
        // The empty stretch from 210 to 300 is in every line, like a gutter,
        // with as many words (dots) on its right as on its left.
        var scalars: [Unicode.Scalar] = []
        var boxes: [Rect] = []
        func word(_ text: String, x: Double, y: Double, width: Double) {
            let step = width / Double(text.unicodeScalars.count)
            for (k, scalar) in text.unicodeScalars.enumerated() {
                scalars.append(scalar)
                boxes.append(Rect(minX: x + Double(k) * step, minY: y, maxX: x + Double(k + 1) * step, maxY: y + 10))
            }
            scalars.append(" ")
            boxes.append(Rect(minX: x + width, minY: y, maxX: x + width + 3, maxY: y + 10))
        }
        for line in 0..<30 {
            let y = 100 + Double(line) * 14
            for k in 0..<6 { word("entry", x: 72 + Double(k) * 23, y: y, width: 20) }
            for dot in 0..<20 { word(".", x: 300 + Double(dot) * 4.5, y: y, width: 1.4) }
            word("\(line + 3)", x: 520, y: y, width: 10)
        }
        let columns = PageColumns(text: PageText(pageNumber: 1, scalars: scalars, boxes: boxes), size: PageSize(width: 612, height: 792))
        #expect(columns.split == nil)
    }
}
