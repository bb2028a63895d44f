import Foundation
import Library
import PDFCore
import Reports
import Testing
import TestSupport

/// What the fixtures' generator placed (Tests/Fixtures/annotated/expected.json,
/// written by Scripts/samples/annotated.py from the phrases it asked each
/// writer to mark, never from a reader's output).
struct PlacedAnnotations: Decodable {
    struct Entry: Decodable {
        var file: String
        var page: Int
        /// nil for the damaged dictionary without one (not listed).
        var subtype: String?
        var contents: String?
        var author: String?
        var name: String?
        var text: String?
        var writer: String
        var listed: Bool
    }
    var files: [String]
    var annotations: [Entry]

    static func load() throws -> PlacedAnnotations {
        try JSONDecoder().decode(Self.self, from: Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/annotated/expected.json"))))
    }
}

@Suite("The annotations real writers put in PDFs")
struct EmbeddedFixtureTests {
    /// One reported annotation, flattened as a reader lists them: the
    /// annotations, then their replies and group members (replies and a
    /// replacement's Caret have no text of their own).
    struct Reported: Equatable {
        var page: Int
        var subtype: String
        var name: String?
        var author: String?
        var comment: String?
        var text: String?
    }

    static func collapse(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.isEmpty ? nil : words
    }

    static func reported(_ file: String) throws -> [Reported] {
        let reading = try EmbeddedReader.read(try PDFFile(path: Repository.path("Tests/Fixtures/annotated/" + file)), password: nil)
        var flat: [Reported] = []
        for highlight in reading.highlights {
            let a = highlight.annotation
            flat.append(.init(page: a.page, subtype: a.subtype, name: a.name, author: a.author, comment: highlight.comment, text: highlight.text.map(HighlightReport.tidy)))
            for member in highlight.replies + (highlight.replacement.map { [$0] } ?? []) + highlight.group {
                flat.append(.init(page: a.page, subtype: member.subtype, name: member.name, author: member.author, comment: member.contents, text: nil))
            }
        }
        return flat
    }

    @Test("every annotation each writer placed is read with its type, page, author, comment and the text under it; none more", arguments: try PlacedAnnotations.load().files)
    func fixture(_ file: String) throws {
        let placed = try PlacedAnnotations.load().annotations.filter { $0.file == file && $0.listed }
        var reported = try Self.reported(file)
        for entry in placed {
            // The one of this page and type with this /NM, else with this text or comment.
            let index = reported.firstIndex { r in
                r.page == entry.page && r.subtype == entry.subtype
                    && (entry.name.map { r.name == $0 } ?? (Self.collapse(r.text) == entry.text && Self.collapse(r.comment) == Self.collapse(entry.contents)))
            }
            guard let index else {
                Issue.record("\(file): not read: p. \(entry.page) \(entry.subtype) \(entry.name ?? entry.text ?? entry.contents ?? "")")
                continue
            }
            let r = reported.remove(at: index)
            #expect(Self.collapse(r.comment) == Self.collapse(entry.contents), "\(file) \(entry.name ?? "")")
            #expect(r.author == entry.author, "\(file) \(entry.name ?? "")")
            if let text = entry.text { #expect(Self.collapse(r.text) == text, "\(file) \(entry.name ?? "")") }
        }
        #expect(reported.isEmpty, "\(file): read but not placed: \(reported)")
    }

    @Test("a damaged file: each broken entry said and skipped (QuadPoints of 7 numbers, nan, 1e300, an integer and a dangling reference in /Annots, no /Subtype, an /IRT cycle, a reply to itself), the good highlights read")
    func hostile() throws {
        let reading = try EmbeddedReader.read(try PDFFile(path: Repository.path("Tests/Fixtures/annotated/hostile.pdf")), password: nil)
        let codes = Set(reading.problems.map(\.code))
        for code in ["not-a-dictionary", "no-subtype", "bad-entry", "reply-cycle", "reply-to-nothing"] {
            #expect(codes.contains(code), "\(code) in \(reading.problems.map { "\($0.code): \($0.message)" })")
        }
        #expect(reading.problems.allSatisfy { !$0.message.isEmpty && $0.page >= 1 })
    }

    @Test("the page's text leaves out what annotations draw (PyMuPDF's FreeText writes 'Typed on the page' on page 2), as PDF.js's text layer does; imports leave highlights whose QuadPoints are broken")
    func annotationsNotText() throws {
        let path = Repository.path("Tests/Fixtures/annotated/pymupdf.pdf")
        let reading = try EmbeddedReader.read(try PDFFile(path: path), password: nil)
        #expect(reading.highlights.contains { $0.annotation.subtype == "FreeText" && $0.annotation.contents?.hasPrefix("Typed on the page") == true })
        let text = try PDFDocument(path: path).page(2).text().string
        #expect(!text.contains("Typed on the page"))
        #expect(text.contains("Tidal asymmetry"))
        let hostile = try EmbeddedReader.read(try PDFFile(path: Repository.path("Tests/Fixtures/annotated/hostile.pdf")), password: nil)
        // expected.json: qp7, qp12, qp-nan and qp-huge have broken QuadPoints; good-1..3 do not.
        let repaired = hostile.highlights.filter(\.annotation.placeRepaired).compactMap(\.annotation.name).sorted()
        #expect(repaired == ["hostile-qp-huge", "hostile-qp-nan", "hostile-qp12", "hostile-qp7"])
    }
}
