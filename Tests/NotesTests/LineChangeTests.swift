import Testing
@testable import Notes

@Suite("A changed line said by its fields")
struct LineChangeTests {
    @Test("JSON values that differ, each distinct change once with how often; keys and equal values left out")
    func jsonFields() {
        let old = #">{"uri":"vault:/a.pdf","target":[{"source":"vault:/a.pdf"}],"text":"same","x":"1"}"#
        let new = #">{"uri":"vault:/b/a.pdf","target":[{"source":"vault:/b/a.pdf"}],"text":"same","x":"2"}"#
        #expect(LineChange(old: old, new: new).description == #""vault:/a.pdf" → "vault:/b/a.pdf" (2 fields); "1" → "2""#)
    }

    @Test("a front-matter line: its key once, then the values")
    func frontMatter() {
        #expect(LineChange(old: "annotation-target: a.pdf", new: "annotation-target: b/a.pdf").description == "annotation-target: a.pdf → b/a.pdf")
    }

    @Test("a long value is shown around where it differs, 30 characters either side")
    func longValue() {
        let head = String(repeating: "a", count: 100)
        let tail = String(repeating: "z", count: 100)
        let change = LineChange(old: head + "OLD" + tail, new: head + "NEW" + tail)
        let side = String(repeating: "a", count: 30)
        let after = String(repeating: "z", count: 30)
        #expect(change.description == "…\(side)OLD\(after)… → …\(side)NEW\(after)…")
    }

    @Test("numbers are values too: a position's start and end")
    func numbers() {
        let old = #"{"selector":[{"type":"TextPositionSelector","start":1834,"end":1935},{"x":[-1,2.5]}]}"#
        let new = #"{"selector":[{"type":"TextPositionSelector","start":1439,"end":1534},{"x":[-1,2.5]}]}"#
        #expect(LineChange(old: old, new: new).description == "1834 → 1439; 1935 → 1534")
    }

    @Test("escaped quotes stay inside their string")
    func escapes() {
        #expect(LineChange.strings(in: #"{"a":"say \"hi\"","b":"x"}"#) == [#""a""#, #""say \"hi\"""#, #""b""#, #""x""#])
    }
}
