import Foundation
import PDFCore
import Testing
@testable import Library

@Suite("Replies and groups of a PDF's own annotations")
struct EmbeddedFoldTests {
    static func ref(_ n: Int) -> PDFAnnotation.Reference { .init(number: n, generation: 0) }

    static func annotation(_ n: Int, _ subtype: String, replyTo: Int? = nil, group: Bool = false, contents: String? = nil, day: Int? = nil) -> PDFAnnotation {
        PDFAnnotation(
            page: 1, reference: ref(n), subtype: subtype, rect: Rect(minX: 10, minY: 10, maxX: 20, maxY: 20), contents: contents,
            created: day.map { Date(timeIntervalSince1970: Double($0) * 86_400) }, inReplyTo: replyTo.map(ref), replyType: group ? .group : .reply)
    }

    @Test("a reply chain folds into the annotation it starts at, oldest reply first, whatever the order of /Annots")
    func replyChain() {
        var problems: [EmbeddedReading.Problem] = []
        let folded = EmbeddedReader.fold(
            [
                Self.annotation(4, "Text", replyTo: 3, contents: "third", day: 3),
                Self.annotation(1, "Highlight", contents: "first"),
                Self.annotation(2, "Text", replyTo: 1, contents: "second", day: 2),
                Self.annotation(3, "Text", replyTo: 2, contents: "reply to second", day: 1),
            ], problems: &problems)
        #expect(folded.count == 1)
        #expect(folded.first?.annotation.contents == "first")
        #expect(folded.first?.replies.map(\.contents) == ["reply to second", "second", "third"])
        #expect(problems.isEmpty)
    }

    @Test("a Caret grouped with a StrikeOut is one replacement: the struck text with the Caret's words, whichever names the other")
    func replacement() {
        for caretFirst in [true, false] {
            var problems: [EmbeddedReading.Problem] = []
            let list = caretFirst
                ? [Self.annotation(1, "Caret", contents: "new words"), Self.annotation(2, "StrikeOut", replyTo: 1, group: true)]
                : [Self.annotation(2, "StrikeOut"), Self.annotation(1, "Caret", replyTo: 2, group: true, contents: "new words")]
            let folded = EmbeddedReader.fold(list, problems: &problems)
            #expect(folded.count == 1)
            #expect(folded.first?.annotation.subtype == "StrikeOut")
            #expect(folded.first?.replacement?.contents == "new words")
            #expect(folded.first?.comment == nil)
        }
    }

    @Test("a cycle of /IRT, a reply to itself and a reply to nothing are each listed on their own and said")
    func cycles() {
        var problems: [EmbeddedReading.Problem] = []
        let folded = EmbeddedReader.fold(
            [
                Self.annotation(1, "Highlight", replyTo: 2), Self.annotation(2, "Highlight", replyTo: 1),
                Self.annotation(3, "Text", replyTo: 3), Self.annotation(4, "Text", replyTo: 99),
            ], problems: &problems)
        #expect(folded.count == 4)
        #expect(problems.map(\.code).sorted() == ["reply-cycle", "reply-cycle", "reply-to-nothing", "reply-to-nothing"])
    }
}

@Suite("Tags of imported highlights")
struct ImportTagTests {
    @Test("Zotero's eight highlight colours (its source's hex values) get their names; the vault's tag of a colour wins")
    func zoteroColours() throws {
        let zotero = [
            "ffd400": "yellow", "ff6666": "red", "5fb236": "green", "2ea8e5": "blue", "a28ae5": "purple", "e56eee": "magenta",
            "f19837": "orange", "aaaaaa": "grey",
        ]
        for (hex, name) in zotero {
            #expect(Importer.colorName(try #require(RGBColor(hex: hex))) == name, "\(hex)")
        }
        var highlight = EmbeddedHighlight(annotation: PDFAnnotation(page: 1, subtype: "Underline", color: RGBColor(hex: "ffd400")), pageLabel: "1")
        #expect(Importer.tags(of: highlight, colors: ColorMap()) == ["yellow", "underline"])
        let map = ColorMap(entries: [.init(tag: "important", color: try #require(RGBColor(hex: "ffd500")))])
        highlight.annotation.subtype = "Highlight"
        #expect(Importer.tags(of: highlight, colors: map) == ["important"])
    }
}
