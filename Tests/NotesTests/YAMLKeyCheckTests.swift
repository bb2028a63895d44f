import Foundation
import Testing
import TestSupport
@testable import Notes

/// YAML that would make Yams hash an alias's whole tree is refused before
/// it is parsed; what real front matter and configs hold passes.
@Suite("Complex YAML keys refused unread")
struct YAMLKeyCheckTests {
    @Test(
        "keys that are aliases, collections or explicit ? keys are found, with their line",
        arguments: [
            ("*a : x", 1),
            ("a: &a x\n*a: y", 2),
            ("top:\n  - *a : x", 2),
            ("m: {*a : 1}", 1),
            ("m: {\n  b: 1,\n  *a : 2 }", 3),
            ("s: [ *a : 1 ]", 1),
            ("[a, b]: x", 1),
            ("{a: 1}: x", 1),
            ("? complex\n: value", 1),
            ("k: v\n&anchor *a : v", 2),
            ("a: 1\r\n*a: y\r\n", 2),
            ("a: 1\r*a: y\r", 2),
            ("--- {a: &a x, *a : y}", 1),
            ("x: \(String(repeating: "[", count: 100_000))\n[a]: b", 2),
        ])
    func complexKeys(yaml: String, line: Int) {
        #expect(YAMLKeyCheck.firstComplexKey(in: yaml) == line)
    }

    @Test(
        "plain front matter and configs pass: aliases as values, brackets and quotes inside text, block scalars, comments",
        arguments: [
            "annotation-target: papers/x.pdf\ntags: [a, b]\naliases:\n  - \"*not an alias*: no\"",
            "title: a [draft] paper {not flow}\nnote: don't * stop",
            "d: &d red\ncolors:\n  important: *d\n  urgent: *d",
            "text: |\n  *a : this is text\n  [b]: so is this\nnext: 1",
            "text: >-\n  ? not a key\nnext: 1",
            "# *a : a comment\nk: v # *b : also",
            "'quoted: key': v\n\"also *x : y\": v",
            "list:\n- *a\n- [*a, *b]\n- {k: *a}",
            "multi: 'a line\n  *a : still quoted'\nk: v",
        ])
    func plain(yaml: String) {
        #expect(YAMLKeyCheck.firstComplexKey(in: yaml) == nil)
    }

    @Test("a note whose front matter has an alias key (nested ninefold) is read at once: the front matter refused with its line, the blocks kept")
    func frontMatter() throws {
        var yaml = ["base: &b0 [x, y, z, w, v, u, t, s, r]"]
        for depth in 1...12 {
            yaml.append("l\(depth): &b\(depth) [" + Array(repeating: "*b\(depth - 1)", count: 9).joined(separator: ", ") + "]")
        }
        yaml.append("*b12 : papers/x.pdf")
        let note = AnnotationNote(string: "---\n" + yaml.joined(separator: "\n") + "\n---\n# Notes\n")
        let problem = try #require(note.diagnostics.first { $0.code == .frontMatterYaml })
        #expect(problem.line == 15, "the alias key's line in the note")
    }

    @Test("a file over the 16 MiB a note may have is refused before it is read, saying so")
    func tooLarge() throws {
        let path = try Scratch.folder() + "/huge.md"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        // Sparse: nothing of it is ever written to disk.
        #expect(truncate(path, off_t(NoteFile.maximumBytes + 1)) == 0)
        #expect(!NoteFile.fits(path))
        do {
            _ = try AnnotationNote(contentsOf: path)
            Issue.record("read")
        } catch {
            #expect(error.reason.contains("more than the 16 MiB a note may have"))
        }
    }
}
