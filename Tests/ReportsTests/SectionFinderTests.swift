import Foundation
@testable import PDFCore
import Testing
import TestSupport
@testable import Reports

@Suite("The section a highlight falls in")
struct SectionFinderTests {
    static let outline = [
        OutlineEntry(title: "Part I", level: 0, page: nil, top: nil),  // no destination: where its first chapter is
        OutlineEntry(title: "1 Introduction", level: 1, page: 3, top: 80),
        OutlineEntry(title: "1.1 Scope", level: 2, page: 3, top: 400),
        OutlineEntry(title: "2 Methods", level: 1, page: 5, top: 60),
        OutlineEntry(title: "Appendix", level: 0, page: 9, top: nil),  // top unset: the page's top
    ]

    @Test("nested sections, outermost first; the same page above or below a heading; before the first section: none", arguments: [
        (2, 500.0, [String]()),
        (3, 79.5, ["Part I", "1 Introduction"]),  // within 1 pt above the destination
        (3, 200, ["Part I", "1 Introduction"]),
        (3, 400, ["Part I", "1 Introduction", "1.1 Scope"]),
        (4, 10, ["Part I", "1 Introduction", "1.1 Scope"]),
        (5, 30, ["Part I", "1 Introduction", "1.1 Scope"]),
        (5, 90, ["Part I", "2 Methods"]),
        (9, 0, ["Appendix"]),
    ])
    func sections(_ page: Int, _ top: Double, _ expected: [String]) {
        #expect(SectionFinder(outline: Self.outline).section(page: page, top: top) == expected)
    }

    @Test("a two-column page: a heading in the right column comes after the whole left column; one in the left column before a column of lines in the right")
    func twoColumns() {
        // As estuary-flocculation.pdf p. 3: "Study site" starts the right
        // column at 381 pt from the bottom (411 from the top of 792); the
        // left column below that height is still the Introduction.
        let outline = [
            OutlineEntry(title: "Introduction", level: 0, page: 3, top: 51, left: 51, pageWidth: 612),
            OutlineEntry(title: "Study site", level: 0, page: 3, top: 411, left: 311, pageWidth: 612),
            OutlineEntry(title: "Methods", level: 0, page: 4, top: 581, left: 51, pageWidth: 612),
        ]
        let finder = SectionFinder(outline: outline)
        let line = { (x: Double, y: Double) in Rect(minX: x, minY: y, maxX: x + 240, maxY: y + 10) }
        #expect(finder.section(page: 3, rects: [line(51, 600)]) == ["Introduction"], "left column, below the right column's heading")
        #expect(finder.section(page: 3, rects: [line(311, 500)]) == ["Study site"])
        #expect(finder.section(page: 3, rects: [line(311, 300)]) == ["Introduction"], "right column, above its heading")
        // Page 4: Methods starts low in the left column; a two-line highlight
        // in the right column above that height comes after it.
        #expect(finder.section(page: 4, rects: [line(311, 100), line(311, 112)]) == ["Methods"])
        #expect(finder.section(page: 4, rects: [line(51, 100)]) == ["Study site"])
        // A footer across both columns, below "Study site": in it, as a reader
        // meets it after the right column (was: the left column's "Introduction").
        #expect(finder.section(page: 3, rects: [Rect(minX: 51, minY: 740, maxX: 560, maxY: 750)]) == ["Study site"])
    }

    @Test("entries out of page order: the one that comes last at or before the highlight, whatever its place in the outline")
    func outOfOrder() {
        let outline = [
            OutlineEntry(title: "THREE", level: 0, page: 27, top: 50),
            OutlineEntry(title: "ONE", level: 0, page: 11, top: 50),
            OutlineEntry(title: "TWO", level: 0, page: 19, top: 50),
            OutlineEntry(title: "FOUR", level: 0, page: 35, top: 50),
        ]
        let finder = SectionFinder(outline: outline)
        #expect(finder.section(page: 28, top: 100) == ["THREE"])
        #expect(finder.section(page: 20, top: 100) == ["TWO"])
        #expect(finder.section(page: 12, top: 100) == ["ONE"])
    }

    @Test("a title is one line: line breaks and controls become spaces, direction overrides go")
    func titles() {
        #expect(PDFDocument.oneLine("Line1\nLine2 ## hdr") == "Line1 Line2 ## hdr")
        #expect(PDFDocument.oneLine("\u{202E}evil\t\r\n  title ") == "evil title")
        #expect(PDFDocument.oneLine("\n\t") == "")
    }

    @Test("the thesis's outline as PyMuPDF reads it: page 11 holds a chapter's start and, at 262 pt, its 'Methods'")
    func thesis() throws {
        let outline = try PDFDocument(path: Repository.path("SamplePDFs/papers/thesis-fine-sediment.pdf")).outline
        let finder = SectionFinder(outline: outline)
        // Tests/Fixtures/outline/thesis-fine-sediment.json: "Observations of wave attenuation (1)" p. 11 top 51.02,
        // "Methods" (level 1) p. 11 top 262.45.
        #expect(finder.section(page: 11, top: 100) == ["Observations of wave attenuation (1)"])
        #expect(finder.section(page: 11, top: 300) == ["Observations of wave attenuation (1)", "Methods"])
        #expect(finder.section(page: 10, top: 300) == [])
    }
}
