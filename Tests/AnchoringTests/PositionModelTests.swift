import Testing
@testable import Anchoring

@Suite("Where PDF.js offsets fall before the pages are read")
struct PositionModelTests {
    @Test("pages not read are estimated from their text bytes at the ratio of the pages read")
    func ratio() {
        // Pages 1 and 3 were read: 1,000 and 3,000 units for 500 and 1,500
        // bytes (2 units a byte); page 2 shows 800 bytes, page 4 is unknown.
        var model = PositionModel(pageCount: 4, textBytes: [500, 800, 1500, -1])
        model.record(page: 0, length: 1000)
        model.record(page: 2, length: 3000)
        #expect(model.estimatedLengths() == [1000, 1600, 3000, 2000])
        #expect(model.starts() == [0, 1000, 2600, 5600, 7600])
        #expect(model.page(at: 2599, starts: model.starts()) == 1)
        #expect(model.page(at: 2600, starts: model.starts()) == 2)
        #expect(model.page(at: 9700, starts: model.starts()) == nil, "beyond the end by more than a page's worth")
    }

    @Test("known page starts shift the estimate, linearly between them")
    func anchors() {
        var model = PositionModel(pageCount: 5, textBytes: [100, 100, 100, 100, 100])
        for page in 0..<5 { model.record(page: page, length: 1000) }
        // Annotations say page 2 starts at 2,100 and page 4 at 4,300.
        model.record(anchor: 2, start: 2100)
        model.record(anchor: 4, start: 4300)
        // Shifts: +100 up to page 2, +200 at page 3 (halfway), +300 from page 4 on.
        #expect(model.starts() == [100, 1100, 2100, 3200, 4300, 5300])
    }
}
