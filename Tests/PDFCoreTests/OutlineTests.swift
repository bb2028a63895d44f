import Foundation
import Testing
@testable import PDFCore

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

    @Test("a PDF without an outline has none")
    func none() throws {
        #expect(try PDFDocument(path: Samples.path("SamplePDFs/edge-cases/rotations.pdf")).outline.isEmpty)
    }
}
