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
        // Shifts: 0 at page 1 (the first page starts at 0 whatever is
        // known), +50 at page 2 (halfway to page 3's), +100 at page 3, +200
        // at page 4 (halfway), +300 from page 5 on.
        #expect(model.starts() == [0, 1050, 2100, 3200, 4300, 5300])
    }

    @Test("a known page start sets the ratio of length to bytes for the pages not read, from all the text before it")
    func calibrated() {
        // Ten pages of 100 text bytes each; the sample page read (page 5)
        // has 120 units: 1.2 a byte.
        var model = PositionModel(pageCount: 10, textBytes: Array(repeating: 100, count: 10))
        model.record(page: 4, length: 120)
        #expect(model.estimatedLengths()[0] == 120, "before: the sample's ratio")
        // An annotation says page 9 starts at 880: the eight pages before
        // it (800 bytes, page 5 among them) hold 880 units, 1.1 a byte.
        model.record(anchor: 8, start: 880)
        let lengths = model.estimatedLengths()
        #expect(lengths[0] == 110 && lengths[9] == 110 && lengths[4] == 120)
        // Page 9 starts where the annotation says, page 10 a page of 110 later.
        #expect(model.starts()[8] == 880)
        #expect(model.starts()[9] == 990)
    }

    @Test("a known page start far from what the bytes say (a passage printed twice, the wrong copy) does not set the ratio")
    func implausibleStart() {
        var model = PositionModel(pageCount: 10, textBytes: Array(repeating: 100, count: 10))
        model.record(page: 4, length: 120)
        // 8,000 units over 800 bytes: 10 a byte, more than twice the sample's 1.2.
        model.record(anchor: 8, start: 8000)
        #expect(model.estimatedLengths()[0] == 120)
    }
}
