import Foundation
import Testing
@testable import PDFCore
import TestSupport

@Suite("A PDF's outline")
struct OutlineTests {
    struct Reference: Decodable {
        var level: Int
        var title: String
        var page: Int?
        var top: Double?
    }

    @Test("titles, levels, pages and tops as PyMuPDF reads them (Scripts/make-outline-reference)", arguments: ["thesis-fine-sediment", "estuary-flocculation"])
    func matchesPyMuPDF(_ stem: String) throws {
        let reference = try JSONDecoder().decode(
            [Reference].self, from: Data(contentsOf: URL(fileURLWithPath: Samples.path("Tests/Fixtures/outline/\(stem).json"))))
        let outline = try PDFDocument(path: Samples.path("SamplePDFs/papers/\(stem).pdf")).outline
        #expect(outline.count == reference.count)
        for (ours, theirs) in zip(outline, reference) {
            #expect(ours.title == theirs.title)
            #expect(ours.level == theirs.level, "\(theirs.title)")
            #expect(ours.page == theirs.page, "\(theirs.title)")
            if let top = theirs.top {
                #expect(abs((ours.top ?? -100) - top) < 0.5, "\(theirs.title): \(ours.top ?? -1) vs \(top)")
            }
        }
    }

    @Test("an entry whose destination is past the last page has no page; the one before keeps its own (Scripts/samples/outline_fixture.py)")
    func pastTheEnd() throws {
        let document = try PDFDocument(path: Repository.root + "/Tests/Fixtures/outline/past-the-end.pdf")
        let outline = document.outline
        #expect(outline.map(\.title) == ["On page one", "Past the end"])
        #expect(outline.map(\.page) == [1, nil])
        // /XYZ 0 700 on a 792-point page: 92 points from the top.
        #expect(outline.first?.top.map { abs($0 - 92) < 0.01 } == true)
    }

    @Test("a PDF without an outline has none")
    func none() throws {
        #expect(try PDFDocument(path: Samples.path("SamplePDFs/edge-cases/rotations.pdf")).outline.isEmpty)
    }
}
