import Foundation
import Testing
@testable import Notes

@Suite("Ordered JSON")
struct JSONTests {
    /// Every JSON line of the note fixtures, which make_fixtures.py wrote
    /// with Python's json.dumps in JSON.stringify's style.
    static var fixtureJSONLines: [String] {
        Fixtures.noteNames.flatMap { name -> [String] in
            guard let note = try? Fixtures.note(name) else { return [] }
            return note.blocks.compactMap { block in
                guard let lines = block.jsonLines, lines.count == 1 else { return nil }
                return String(note.line(lines.lowerBound).dropFirst(block.marker.count))
            }
        }
    }

    @Test("writes back every fixture's JSON byte for byte, as JSON.stringify would")
    func roundTrip() throws {
        let lines = Self.fixtureJSONLines
        #expect(lines.count > 30)
        for line in lines {
            guard let value = try? JSONParser.parse(line) else { continue }  // the deliberately broken one
            #expect(JSONWriter.string(value) == line)
        }
    }

    @Test("keeps key order, number text and duplicate keys' last value")
    func order() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":[1.50,-0,2e3],"b":2}"#)
        #expect(value.objectValue?.keys == ["b", "a", "b"])
        #expect(value["b"]?.intValue == 2)
        #expect(JSONWriter.string(value) == #"{"b":1,"a":[1.50,-0,2e3],"b":2}"#)
    }

    @Test("escapes like JavaScript: quotes, backslashes, controls; U+2028 and non-ASCII raw")
    func escapes() throws {
        let text = "q\" b\\ n\n t\t c\u{01} \u{2028} é 😀"
        // JSON.stringify("q\" b\\ n\n t\t c\u0001 \u2028 é 😀") in node 20:
        #expect(JSONWriter.string(.string(text)) == "\"q\\\" b\\\\ n\\n t\\t c\\u0001 \u{2028} é 😀\"")
        #expect(try JSONParser.parse("\"\\ud83d\\ude00 \\u00e9\"") == .string("😀 é"))
    }

    @Test("reports where broken JSON breaks", arguments: [
        (#"{"a":1,}"#, 7), (#"{"a" 1}"#, 5), (#"[1,2"#, 4), (#"{"a":tru}"#, 5), (#""x"#, 2), (#"{"a":"\q"}"#, 6),
    ])
    func errors(text: String, offset: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("refuses absurd nesting without crashing")
    func nesting() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }
}
