import Foundation
import Library
import Notes
import Testing

/// What obsidian-annotator does not show of a note, as the audit says it.
///
/// Each note is three blocks (`a1`, `a2`, `a3`) written as the plugin writes
/// them, then damaged one way. What the plugin shows of each was found by
/// running the two regular expressions and the parsing of obsidian-annotator
/// 0.2's `src/annotationUtils.tsx` (`makeAnnotationBlockRegex`,
/// `makeAnnotationContentRegex`, `loadAnnotationsAtUriFromFileText`) by hand
/// in node on the same text; a parse that throws makes
/// `defineGenericAnnotation.tsx` show no annotation of the note.
@Suite("What the plugin does not show")
struct HiddenAnnotationsTests {
    /// One damaged note and what the plugin showed of it.
    struct Case: Sendable, CustomTestStringConvertible {
        var why: String
        var text: String
        /// Block ids the plugin shows (nil: it shows none, the whole note failed).
        var shown: [String]?
        /// How many blocks the audit counts as not shown.
        var hidden: Int
        /// The ids it lists (a block without its ^id is counted, not listed; none when it shows none).
        var ids: [String] = []
        /// The lines (1-based) the audit names, counted by hand in the note below.
        var lines: [Int]
        var testDescription: String { why }
    }

    /// `\n` + a block as the plugin writes it: 13 lines, the `^id` line last.
    static func block(_ id: String, json: String? = nil) -> String {
        "\n>%%\n>```annotation-json\n>\(json ?? "{\"text\":\"\(id)\"}")\n>```\n>%%\n>*%%HIGHLIGHT%% ==q== *\n>%%LINK%%[[#^\(id)|show annotation]]\n>%%COMMENT%%\n>\(id)\n>%%TAGS%%\n>\n^\(id)\n"
    }

    /// Front matter (lines 1–3), then blocks a1 (blank line 4, lines 5–16),
    /// a2 (blank line 17, lines 18–29), a3 (blank line 30, lines 31–42).
    static let good = "---\nannotation-target: a.pdf\n---\n" + block("a1") + block("a2") + block("a3")

    static func replacing(_ old: String, _ new: String) -> String {
        precondition(good.contains(old))
        return good.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(why: "as the plugin writes it", text: good, shown: ["a1", "a2", "a3"], hidden: 0, lines: []),
        Case(why: "every block line starts with '> '", text: good.replacingOccurrences(of: "\n>", with: "\n> "), shown: [], hidden: 3, lines: [5, 18, 31]),
        Case(why: "one block's lines start with '> '", text: replacing(">%%\n>```annotation-json\n>{\"text\":\"a2\"}", "> %%\n> ```annotation-json\n> {\"text\":\"a2\"}"),
             shown: ["a1", "a3"], hidden: 1, ids: ["a2"], lines: [18]),
        Case(why: "CRLF line ends", text: good.replacingOccurrences(of: "\n", with: "\r\n"), shown: nil, hidden: 3, lines: [1]),
        Case(why: "no newline at the end", text: String(good.dropLast()), shown: ["a1", "a2"], hidden: 1, ids: ["a3"], lines: [42]),
        Case(why: "a block without its '>%%' first line", text: replacing(">%%\n>```annotation-json\n>{\"text\":\"a2\"}", ">```annotation-json\n>{\"text\":\"a2\"}"),
             shown: nil, hidden: 3, lines: [18]),
        Case(why: "a block whose JSON has no closing fence", text: replacing(">{\"text\":\"a2\"}\n>```\n", ">{\"text\":\"a2\"}\n"), shown: nil, hidden: 3, lines: [19]),
        Case(why: "a block without its fence", text: replacing(">```annotation-json\n>{\"text\":\"a2\"}\n>```\n", ">{\"text\":\"a2\"}\n"), shown: ["a1", "a3"], hidden: 1, ids: ["a2"], lines: [18]),
        Case(why: "an empty line before a block's ^id", text: replacing("\n^a2", "\n\n^a2"), shown: ["a1", "a3"], hidden: 1, ids: ["a2"], lines: [29]),
        Case(why: "no empty line before a block", text: replacing("^a1\n\n", "^a1\n"), shown: ["a1", "a3"], hidden: 1, ids: ["a2"], lines: [17]),
        Case(why: "a space after a ^id", text: replacing("^a2\n", "^a2 \n"), shown: ["a1", "a3"], hidden: 1, ids: ["a2"], lines: [29]),
        Case(why: "a U+2028 in a block", text: replacing("\"a2\"}", "\"a\u{2028}b\"}"), shown: ["a1", "a3"], hidden: 1, ids: ["a2"], lines: [20]),
        Case(why: "a block whose JSON is broken", text: replacing("{\"text\":\"a2\"}", "{\"text\":"), shown: nil, hidden: 3, lines: [20]),
        Case(why: "a block without its TAGS section", text: replacing(">%%TAGS%%\n>\n^a2", ">\n^a2"), shown: nil, hidden: 3, lines: [18]),
        Case(why: "a block without its ^id line", text: replacing("\n^a2\n", "\n"), shown: ["a1", "a3"], hidden: 1, lines: [18]),
        // The plugin shows a3 with a2's JSON (the two read as one block): a3 misread.
        Case(why: "a block without its ^id running into the next", text: replacing("\n^a2\n\n", "\n"), shown: ["a1", "a3"], hidden: 2, ids: ["a3"], lines: [18, 29]),
        Case(why: "two blocks with one id (the plugin shows both)", text: replacing("^a2\n", "^a1\n"), shown: ["a1", "a1", "a3"], hidden: 0, lines: []),
    ]

    @Test("each damage: the blocks the plugin does not show, and the lines", arguments: cases)
    func hidden(_ situation: Case) {
        let source = AnnotationSource(path: "/v/n.md", bytes: Array(situation.text.utf8))
        let hidden = HiddenAnnotations(source)
        #expect((hidden?.count ?? 0) == situation.hidden)
        #expect(hidden?.blocks ?? 3 == 3)
        #expect(hidden?.problems.flatMap(\.lines).sorted() ?? [] == situation.lines)
        // Shows none: the whole note failed, or every block was missed.
        #expect((hidden?.all ?? false) == (situation.shown?.isEmpty ?? true))
        #expect(hidden?.ids ?? [] == situation.ids)
    }

    @Test("the reason: how many are not shown, each problem with its lines and what to do")
    func reason() throws {
        let quoted = try #require(HiddenAnnotations(AnnotationSource(path: "/v/n.md", bytes: Array(Self.cases[1].text.utf8))))
        #expect(quoted.reason.hasPrefix("obsidian-annotator shows none of its 3 annotations: lines 5, 18, 31: block lines start with '> '"))
        #expect(quoted.reason.contains("remove the space after '>'"))
        let unterminated = try #require(HiddenAnnotations(AnnotationSource(path: "/v/n.md", bytes: Array(Self.cases[4].text.utf8))))
        #expect(unterminated.reason == "obsidian-annotator does not show 1 of its 3 annotations: line 42: no newline at the end of the note — end the note with a newline")
        #expect(unterminated.ids == ["a3"])
        #expect(HiddenAnnotations.lines([5, 18, 31, 44, 57]) == "lines 5, 18, 31 and 2 more")
    }

    @Test("a Hypothesis JSON file is not the plugin's: nothing said")
    func json() {
        let source = AnnotationSource(path: "/v/h.json", bytes: Array("[{\"target\": [".utf8))
        #expect(!source.diagnostics.isEmpty)
        #expect(HiddenAnnotations(source) == nil)
    }
}
