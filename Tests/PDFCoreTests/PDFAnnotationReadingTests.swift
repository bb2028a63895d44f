import Foundation
import Testing
@testable import PDFCore
import TestSupport

/// `PDFDocument.annotations` on PDFs whose annotation dictionaries are
/// written by hand (Scripts/samples/annotations_core_fixture.py): every
/// expected value below is the one the script wrote, converted by hand to
/// top-left page space (the comments give the arithmetic).
@Suite("A PDF's own annotations, read from their dictionaries")
struct PDFAnnotationReadingTests {
    static func fixture(_ name: String) -> String {
        Repository.path("Tests/Fixtures/annotations-core/\(name)")
    }

    static let list: PDFAnnotationList = {
        // The document is not Sendable; the list is.
        let document = try! PDFDocument(path: fixture("annotations.pdf"))
        return document.annotations()
    }()

    /// The annotation of object `number`.
    static func annotation(_ number: Int, generation: Int = 0) -> PDFAnnotation? {
        list.annotations.first { $0.reference == PDFAnnotation.Reference(number: number, generation: generation) }
    }

    static func ref(_ number: Int, _ generation: Int = 0) -> PDFAnnotation.Reference {
        PDFAnnotation.Reference(number: number, generation: generation)
    }

    static func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A quad of these corners (top-left page space).
    static func quad(ul: (Double, Double), ur: (Double, Double), ll: (Double, Double), lr: (Double, Double)) -> Quad {
        Quad(
            upperLeft: Point(x: ul.0, y: ul.1), upperRight: Point(x: ur.0, y: ur.1),
            lowerLeft: Point(x: ll.0, y: ll.1), lowerRight: Point(x: lr.0, y: lr.1))
    }

    @Test("every entry of the fixture is an annotation or a problem, in /Annots order, pages in order")
    func order() {
        let page1 = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38]
        let expected: [PDFAnnotation.Reference?] = page1.map { Self.ref($0) } + [nil, Self.ref(44, 1)] + [50, 51, 52, 60, 61].map { Self.ref($0) }
        #expect(Self.list.annotations.map(\.reference) == expected)
        #expect(Self.list.annotations.map(\.page) == Array(repeating: 1, count: 21) + [2, 2, 2, 3, 3])
    }

    @Test("every subtype keeps its name and kind: all Kind's subtypes, Link, Widget, Popup, FileAttachment")
    func subtypes() {
        let subtypes = Self.list.annotations.filter { $0.page == 1 }.map(\.subtype)
        #expect(
            subtypes == [
                "Highlight", "Underline", "StrikeOut", "Squiggly", "Highlight", "Highlight", "Caret", "Text", "FreeText", "Square",
                "Circle", "Ink", "Polygon", "PolyLine", "Line", "Stamp", "Link", "Widget", "FileAttachment", "Popup", "Highlight",
            ])
        let kinds = Self.list.annotations.filter { $0.page == 1 }.map(\.kind)
        #expect(
            kinds == [
                .textMarkup, .textMarkup, .textMarkup, .textMarkup, .textMarkup, .textMarkup, .caret, .note, .note, .region,
                .region, .region, .region, .region, .region, .region, .other, .other, .other, .other, .textMarkup,
            ])
        #expect(Set(Self.list.annotations.map(\.kind)) == Set(PDFAnnotation.Kind.allCases))
    }

    @Test("the standard corner order (UL UR LL LR): Rect and quad in top-left space (y = 792 − y)")
    func standardOrder() throws {
        let highlight = try #require(Self.annotation(20))
        #expect(highlight.rect == Rect(minX: 100, minY: 80, maxX: 300, maxY: 92))
        #expect(highlight.quads == [Self.quad(ul: (100, 80), ur: (300, 80), ll: (100, 92), lr: (300, 92))])
        #expect(highlight.regions == [Rect(minX: 100, minY: 80, maxX: 300, maxY: 92)])
        #expect(highlight.problems.isEmpty)
    }

    @Test("the counter-clockwise corner order (LL LR UR UL) gives the same corner names")
    func counterClockwise() throws {
        let underline = try #require(Self.annotation(21))
        #expect(
            underline.quads == [
                Self.quad(ul: (72, 130), ur: (540, 130), ll: (72, 142), lr: (540, 142)),
                Self.quad(ul: (72, 144), ur: (300, 144), ll: (72, 156), lr: (300, 156)),
            ])
        #expect(underline.rect == Rect(minX: 72, minY: 130, maxX: 540, maxY: 156))
        #expect(underline.problems.isEmpty)
    }

    @Test("QuadPoints of 12 numbers: the whole quad is used, the problem says so")
    func wrongLength() throws {
        let strikeOut = try #require(Self.annotation(22))
        #expect(strikeOut.quads == [Self.quad(ul: (200, 192), ur: (260, 192), ll: (200, 202), lr: (260, 202))])
        #expect(strikeOut.problems.count == 1)
        #expect(strikeOut.problems.first?.contains("12 numbers, not a multiple of 8") == true)
    }

    @Test("a quad holding a name and one with a coordinate of 1e8 are dropped, each with a problem")
    func brokenQuads() throws {
        let squiggly = try #require(Self.annotation(23))
        #expect(squiggly.quads == [Self.quad(ul: (100, 232), ur: (200, 232), ll: (100, 242), lr: (200, 242))])
        #expect(squiggly.problems.count == 2)
        #expect(squiggly.problems.contains { $0.hasPrefix("Quadrilateral 2") && $0.contains("not a number") })
        #expect(squiggly.problems.contains { $0.hasPrefix("Quadrilateral 3") && $0.contains("beyond") })
    }

    @Test("text markup without usable quads falls back to its Rect, and says so")
    func rectFallback() throws {
        let missing = try #require(Self.annotation(24))
        #expect(missing.quads.isEmpty)
        // Rect [400 512 300 500]: corners the other way round, normalized.
        #expect(missing.rect == Rect(minX: 300, minY: 280, maxX: 400, maxY: 292))
        #expect(missing.regions == [Rect(minX: 300, minY: 280, maxX: 400, maxY: 292)])
        #expect(missing.problems == ["It has no /QuadPoints: its /Rect is used instead."])

        let broken = try #require(Self.annotation(25))
        #expect(broken.quads.isEmpty)
        #expect(broken.regions == [Rect(minX: 300, minY: 300, maxX: 400, maxY: 312)])
        #expect(broken.problems.count == 2)
        #expect(broken.problems.last?.contains("its /Rect is used instead") == true)
    }

    @Test("a Highlight of generation 1 with quads and no Rect keeps its quads")
    func noRect() throws {
        let highlight = try #require(Self.annotation(44, generation: 1))
        #expect(highlight.rect == nil)
        #expect(highlight.quads == [Self.quad(ul: (400, 482), ur: (500, 482), ll: (400, 492), lr: (500, 492))])
        #expect(highlight.problems == ["It has no /Rect."])
    }

    @Test("UTF-16BE, UTF-16LE, UTF-8 and PDFDocEncoding strings")
    func strings() throws {
        let highlight = try #require(Self.annotation(20))
        #expect(highlight.contents == "Café 😀")
        #expect(highlight.author == "Åsa")
        #expect(highlight.subject == "Über ✓")
        #expect(highlight.name == "id•€˘ﬁ")
        let note = try #require(Self.annotation(27))
        #expect(note.contents == "Agreed")
        #expect(note.author == "Bob")
        #expect(note.subject == nil)
        let ink = try #require(Self.annotation(31))
        #expect(ink.contents == nil)
        #expect(ink.problems.contains("Its /Contents is not a string: left out."))
    }

    @Test("dates with zones; what is not a date is nil")
    func dates() throws {
        let highlight = try #require(Self.annotation(20))
        #expect(highlight.created == Self.iso("2024-01-02T02:04:05Z"))
        #expect(highlight.modified == Self.iso("2024-01-02T03:04:05Z"))
        let underline = try #require(Self.annotation(21))
        #expect(underline.created == Self.iso("2024-01-01T00:00:00Z"))
        #expect(underline.modified == Self.iso("2024-01-01T07:59:59Z"))
        let strikeOut = try #require(Self.annotation(22))
        #expect(strikeOut.created == nil)
        #expect(strikeOut.modified == nil)
        let note = try #require(Self.annotation(27))
        #expect(note.created == Self.iso("2024-06-15T12:30:00Z"))
        #expect(note.modified == Self.iso("2024-06-15T07:00:00Z"))
    }

    @Test("colours: RGB, CMYK, grey, empty, clamped; opacity")
    func colors() throws {
        #expect(Self.annotation(20)?.color == RGBColor(red: 1, green: 1, blue: 0))
        #expect(Self.annotation(20)?.opacity == 0.5)
        #expect(Self.annotation(26)?.color == RGBColor(red: 1, green: 0, blue: 0))
        #expect(Self.annotation(27)?.color == RGBColor(red: 0.5, green: 0.5, blue: 0.5))
        let freeText = try #require(Self.annotation(28))
        #expect(freeText.color == nil)
        #expect(freeText.problems.isEmpty)
        #expect(Self.annotation(29)?.color == RGBColor(red: 1, green: 0, blue: 0.5))
        #expect(Self.annotation(30)?.opacity == 1)
        #expect(Self.annotation(21)?.color == nil)
        #expect(Self.annotation(21)?.opacity == nil)
    }

    @Test("/IRT kept as a reference, /RT: /Group, /R by default, unknown taken as /R")
    func replies() throws {
        let caret = try #require(Self.annotation(26))
        #expect(caret.inReplyTo == Self.ref(22))
        #expect(caret.replyType == .group)
        let note = try #require(Self.annotation(27))
        #expect(note.inReplyTo == Self.ref(20))
        #expect(note.replyType == .reply)
        let polyLine = try #require(Self.annotation(33))
        #expect(polyLine.inReplyTo == Self.ref(20))
        #expect(polyLine.replyType == .reply)
        #expect(polyLine.problems == ["Its /RT /Foo is neither /R nor /Group: taken as /R."])
        let ink = try #require(Self.annotation(31))
        #expect(ink.inReplyTo == nil)
        #expect(ink.problems.contains("Its /IRT is not a reference to an annotation: left out."))
        #expect(Self.annotation(20)?.inReplyTo == nil)
    }

    @Test("a dictionary written directly in /Annots has no reference")
    func direct() throws {
        let popup = try #require(Self.list.annotations.first { $0.subtype == "Popup" })
        #expect(popup.reference == nil)
        #expect(popup.rect == Rect(minX: 110, minY: 662, maxX: 210, maxY: 712))
    }

    @Test("entries that are not dictionaries, have no /Subtype name or no place are problems; the page goes on")
    func problems() {
        let problems = Self.list.problems
        #expect(problems.map(\.code) == [.notADictionary, .notADictionary, .notADictionary, .noSubtype, .noSubtype, .noPlace])
        #expect(problems.map(\.reference) == [nil, Self.ref(40), Self.ref(500), Self.ref(41), Self.ref(42), Self.ref(43)])
        #expect(problems.allSatisfy { $0.page == 1 })
        #expect(problems.last?.message.contains("3 elements, not 4") == true)
    }

    @Test("a page of /Rotate 90 with an offset crop box: x = y − 100, y = x − 50, both corner orders")
    func rotated() throws {
        let document = try PDFDocument(path: Self.fixture("annotations.pdf"))
        // The mapping the reader uses is the page's own.
        #expect(try document.page(2).geometry == PageGeometry(cropBox: Rect(minX: 50, minY: 100, maxX: 550, maxY: 700), rotation: 90))
        let standard = try #require(Self.annotation(50))
        #expect(standard.page == 2)
        #expect(standard.rect == Rect(minX: 100, minY: 40, maxX: 300, maxY: 52))
        #expect(standard.quads == [Self.quad(ul: (100, 40), ur: (300, 40), ll: (100, 52), lr: (300, 52))])
        let counterClockwise = try #require(Self.annotation(51))
        #expect(counterClockwise.quads == [Self.quad(ul: (100, 60), ur: (250, 60), ll: (100, 72), lr: (250, 72))])
        #expect(Self.annotation(52)?.rect == Rect(minX: 10, minY: 10, maxX: 50, maxY: 30))
    }

    @Test("text running down the page: its top is on the right, whichever corner order")
    func vertical() throws {
        let expected = [Self.quad(ul: (312, 100), ur: (312, 300), ll: (300, 100), lr: (300, 300))]
        #expect(Self.annotation(60)?.quads == expected)
        #expect(Self.annotation(61)?.quads == expected)
    }

    @Test("pages: only those asked for, clamped to the document")
    func pages() throws {
        let document = try PDFDocument(path: Self.fixture("annotations.pdf"))
        #expect(document.annotations(pages: 2...2).annotations.map(\.reference) == [Self.ref(50), Self.ref(51), Self.ref(52)])
        #expect(document.annotations(pages: 3...9).annotations.map(\.page) == [3, 3])
        let none = document.annotations(pages: 4...4)
        #expect(none.annotations.isEmpty && none.problems.isEmpty)
        #expect(document.annotations(pages: 7...9).annotations.isEmpty)
    }

    @Test("the limit: the first entries are read, one tooMany problem counts the rest")
    func limit() throws {
        let document = try PDFDocument(path: Self.fixture("many.pdf"))
        let all = document.annotations()
        #expect(all.annotations.count == 12)
        #expect(all.problems.isEmpty)
        #expect(all.annotations.map(\.contents) == (1...3).flatMap { p in (1...4).map { "p\(p)a\($0)" } })

        let five = document.annotations(limit: 5)
        #expect(five.annotations.map(\.contents) == ["p1a1", "p1a2", "p1a3", "p1a4", "p2a1"])
        #expect(five.problems.map(\.code) == [.tooMany])
        #expect(five.problems.first?.page == 2)
        #expect(five.problems.first?.message.contains(": 7 more from page 2 on") == true)

        let none = document.annotations(limit: 0)
        #expect(none.annotations.isEmpty)
        #expect(none.problems.map(\.page) == [1])
        #expect(none.problems.first?.message.contains(": 12 more from page 1 on") == true)

        let exact = document.annotations(pages: 2...3, limit: 8)
        #expect(exact.annotations.count == 8)
        #expect(exact.problems.isEmpty)
    }

    @Test("a page Poppler cannot read (12,000 /Annots entries) is a pageUnreadable problem; the others are read")
    func unreadablePage() throws {
        let list = try PDFDocument(path: Self.fixture("unreadable.pdf")).annotations()
        #expect(list.annotations.map(\.reference) == [Self.ref(6)])
        #expect(list.annotations.first?.quads == [Self.quad(ul: (72, 80), ur: (172, 80), ll: (72, 92), lr: (172, 92))])
        #expect(list.problems.map(\.code) == [.pageUnreadable])
        #expect(list.problems.map(\.page) == [2])
    }
}
