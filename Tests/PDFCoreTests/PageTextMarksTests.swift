import PDFCore
import Testing

@Suite("The text under a markup annotation")
struct PageTextMarksTests {
    /// "sta-\ntions end": glyphs 10 points wide on two lines 12 points high;
    /// the space and line break with the boxes content order gives them.
    static let text: PageText = {
        let scalars = Array("sta-\ntions end".unicodeScalars)
        var boxes: [Rect] = []
        var x = 0.0
        var y = 0.0
        for scalar in scalars {
            if scalar == "\n" {
                boxes.append(Rect(minX: x, minY: y, maxX: x, maxY: y + 12))
                x = 0
                y += 14
                continue
            }
            boxes.append(Rect(minX: x, minY: y, maxX: x + 10, maxY: y + 12))
            x += 10
        }
        return PageText(pageNumber: 1, scalars: scalars, boxes: boxes)
    }()

    @Test("glyphs at least half inside a region are marked; the line break between two marked lines joins them into one run")
    func halfRule() {
        // Line 1 from x = 14 (the "t" is 60% inside) to its end; line 2 up to x = 24 ("o" 40% inside: not marked).
        let runs = Self.text.runs(markedBy: [Rect(minX: 14, minY: 0, maxX: 40, maxY: 12), Rect(minX: 0, minY: 14, maxX: 24, maxY: 26)])
        #expect(runs == [1..<7])
        #expect(Self.text.string(in: runs[0]) == "ta-\nti")
    }

    @Test("marked glyphs apart in the text's order are separate runs; empty regions mark nothing")
    func apart() {
        let runs = Self.text.runs(markedBy: [Rect(minX: 0, minY: 0, maxX: 10, maxY: 12), Rect(minX: 60, minY: 14, maxX: 90, maxY: 26)])
        #expect(runs.map { Self.text.string(in: $0) } == ["s", "end"])
        #expect(Self.text.runs(markedBy: [Rect(minX: 5, minY: 5, maxX: 5, maxY: 30)]).isEmpty)
    }
}
