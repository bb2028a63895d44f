import Foundation
import PDFCore
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
