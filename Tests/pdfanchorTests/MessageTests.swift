import Foundation
import Testing
import TestSupport

/// What a user is told when they give the wrong thing: the file, what it
/// is, what to do — never a framework's internals.
@Suite("Messages for mistakes")
struct MessageTests {
    static let note = "SamplePDFs/notes/thesis-fine-sediment.md"
    static let pdf = "SamplePDFs/papers/thesis-fine-sediment.pdf"

    @Test(
        "each mistake exits 2 with a message that names the file and says what to give",
        arguments: [
            (["check", "SamplePDFs/notes"], "SamplePDFs/notes: cannot be read: it is a folder, not a note"),
            (["check", pdf], "it is a PDF, not a note; give the annotation note (.md), and the PDF with --pdf"),
            (["notes", pdf], "it is a PDF, not a note"),
            (["audit", note], "a file, not a folder; audit takes a vault (a folder) — to check one note, run `pdfanchor check"),
            (["extract", note, "--template", "no/such.mustache"], "--template no/such.mustache: no such file"),
            (["extract", "--bogus"], "Unknown option '--bogus'"),
            (["extract"], "Give the note to extract from: pdfanchor extract NOTE.md\nUsage: pdfanchor extract "),
            (["relink", "no/such.md"], "no/such.md: no such note or folder"),
            (["audit", "SamplePDFs", "--cache-limit", "-1"], "--cache-limit must be from 0 (keep no page texts) to 1048576 (1 TiB), in MiB."),
        ])
    func mistakes(_ arguments: [String], _ expected: String) throws {
        let run = try CommandRunner.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        for leaked in ["Domain", "Error(", "Mustache.", "Optional("] {
            #expect(!run.stderr.contains(leaked), "\(run.stderr)")
        }
    }

    @Test("relink given a FIFO as its note: refused at once (exit 2), not read forever")
    func relinkFIFO() throws {
        let fifo = try Scratch.folder("relink-fifo") + "/note.md"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Under timeout(1), so that a hang fails the test (124) rather than stalling it.
        let run = try CommandRunner.run(
            ["20", CommandRunner.binary.path, "relink", fifo], executable: URL(fileURLWithPath: "/usr/bin/timeout"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("it is not a regular file"), "\(run.stderr)")
    }

    @Test("a template that does not parse: its line and column and what is wrong (the template's own lines)")
    func badTemplate() throws {
        let template = try Scratch.folder("template") + "/bad.mustache"
        try "# {{title}}\n{{#found}}\n- {{text}}\n".write(toFile: template, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["extract", Self.note, "--template", template])
        #expect(run.status == 2)
        // The section opened on line 2 is never closed: the parser notices at the end, line 4 (after the last newline).
        #expect(run.stderr.contains("the template is not valid at line 4"), "\(run.stderr)")
        #expect(run.stderr.contains("never closed with {{/name}}"))
    }
}
