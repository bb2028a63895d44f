import Foundation
import Testing
import TestSupport

/// What `-o` and the PDF arguments may and may not touch.
@Suite("Outputs that would destroy the user's files")
struct OutputSafetyTests {
    static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("-o naming the note read, another note or a PDF of the vault is refused (exit 2), nothing written")
    func refused() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let other = vault + "/notes/estuary-flocculation.md"
        let pdf = vault + "/papers/estuary-flocculation.pdf"
        let before = [note, other, pdf].map(Self.contents)
        try FileManager.default.createSymbolicLink(atPath: vault + "/link-to-note.md", withDestinationPath: other)
        let attempts: [[String]] = [
            ["extract", note, "-o", note],
            ["extract", note, "--format", "csv", "-o", other],
            ["extract", note, "-o", vault + "/link-to-note.md"],
            ["export-pdf", note, "-o", note],
            ["export-pdf", note, "-o", pdf],
            ["audit", vault, "-o", other],
        ]
        for arguments in attempts {
            let run = try CommandRunner.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("cannot be written") && run.stderr.contains("choose another output file"), "\(arguments): \(run.stderr)")
        }
        #expect([note, other, pdf].map(Self.contents) == before)
    }

    @Test("a file of Hypothesis annotations is as precious as a note: refused as -o (also when a folder's notes are extracted into its folder); an earlier JSON export is replaced")
    func hypothesisFiles() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        // Hypothesis's API format ({"rows": …}), where the note's JSON export would go.
        let hypothesis = vault + "/notes/thesis-fine-sediment highlights.json"
        try FileManager.default.copyItem(atPath: Repository.root + "/Tests/NotesTests/Fixtures/hypothesis-rows.json", toPath: hypothesis)
        let original = try #require(Self.contents(hypothesis))
        let single = try CommandRunner.run(["extract", note, "--format", "json", "-o", hypothesis])
        #expect(single.status == 2)
        #expect(single.stderr.contains("it is a file of Hypothesis annotations"), "\(single.stderr)")
        let folder = try CommandRunner.run(["extract", vault + "/notes", "--format", "json", "-o", vault + "/notes"])
        #expect(folder.status == 1)
        #expect(Self.contents(hypothesis) == original)
        // An export of ours is not an annotation file: extracting again replaces it.
        let export = vault + "/export.json"
        #expect(try CommandRunner.run(["extract", note, "--format", "json", "-o", export]).status == 0)
        #expect(try CommandRunner.run(["extract", note, "--format", "json", "-o", export]).status == 0)
    }

    @Test("--force replaces a note given as -o, after keeping a copy in the vault's backups")
    func forced() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let other = vault + "/notes/estuary-flocculation.md"
        let original = try #require(Self.contents(other))
        let run = try CommandRunner.run(["extract", note, "--format", "csv", "-o", other, "--force"])
        #expect(run.status == 0)
        let kept = try #require(run.stderr.split(separator: "\n").first { $0.contains("is kept as") }.map { String($0.split(separator: " ").last!) })
        #expect(kept.contains("/.pdfanchor/backups/"))
        #expect(Self.contents(kept) == original)
        #expect(Self.contents(other) != original)
    }

    @Test("-o /dev/null and a FIFO are written to, and stay what they are")
    func devices() async throws {
        let note = Repository.samples + "/notes/thesis-fine-sediment.md"
        let run = try CommandRunner.run(["extract", note, "-o", "/dev/null"])
        #expect(run.status == 0)
        var info = stat()
        stat("/dev/null", &info)
        #expect(info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")

        let fifo = try Scratch.folder("fifo") + "/out.md"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
        let written = try CommandRunner.run(["extract", note, "-o", fifo])
        #expect(written.status == 0)
        let read = try #require(await reader.value)
        #expect(String(decoding: read, as: UTF8.self).contains("## "))
        stat(fifo, &info)
        #expect(info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("a FIFO, a folder or a device given as the PDF is refused at once, named for what it is")
    func notAFile() throws {
        let folder = try Scratch.folder("notafile")
        let fifo = folder + "/paper.pdf"
        #expect(mkfifo(fifo, 0o600) == 0)
        let note = Repository.samples + "/notes/thesis-fine-sediment.md"
        for (arguments, kind) in [
            (["check", note, "--pdf", fifo], "a FIFO (named pipe)"), (["fingerprint", fifo], "a FIFO (named pipe)"),
            (["text", fifo], "a FIFO (named pipe)"), (["extract", note, "--pdf", folder], "a folder"),
            (["check", note, "--pdf", "/dev/zero"], "a character device"),
        ] {
            let run = try CommandRunner.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains("it is \(kind), not a file"), "\(arguments): \(run.stderr)")
        }
    }

    @Test("audit --format html: a note's extract has a name of its own, however long or alike its path")
    func extractNames() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = try String(contentsOfFile: vault + "/notes/thesis-fine-sediment.md", encoding: .utf8)
            .replacingOccurrences(of: "annotation-target: papers/", with: "annotation-target: ")
        let deep = (1...3).map { "folder-\($0)-" + String(repeating: "x", count: 100) }.joined(separator: "/")
        for path in ["a/b.md", "a__b.md", deep + "/note.md"] {
            try FileManager.default.createDirectory(atPath: vault + "/" + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try note.write(toFile: vault + "/" + path, atomically: true, encoding: .utf8)
        }
        let out = try Scratch.folder("extractnames")
        let run = try CommandRunner.run(["audit", vault, "--format", "html", "-o", out + "/audit.html"])
        #expect(run.status == 1, "the sample vault has problems: exit 1, not 2: \(run.stderr)")
        let extracts = try FileManager.default.contentsOfDirectory(atPath: out + "/audit-extracts")
        #expect(extracts.count == 6, "one per note: \(extracts)")
        #expect(extracts.allSatisfy { $0.utf8.count < 100 })
    }

    @Test("a link to a note under another name, and /dev/stdout redirected onto a note, are refused; /dev/stdout appended to a log keeps the log")
    func throughLinksAndStreams() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let other = vault + "/notes/estuary-flocculation.md"
        let before = Self.contents(other)
        try FileManager.default.createSymbolicLink(atPath: vault + "/link.txt", withDestinationPath: other)
        for arguments in [["extract", note, "-o", vault + "/link.txt"], ["audit", vault, "-o", vault + "/link.txt"]] {
            let run = try CommandRunner.run(arguments)
            #expect(run.status == 2, "\(arguments)")
        }
        let shell = "'\(CommandRunner.binary.path)' extract '\(note)' --format csv -o /dev/stdout"
        let onto = try CommandRunner.run(["-c", shell + " >> '\(other)'"], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(onto.status == 2, "\(onto.stderr)")
        #expect(Self.contents(other) == before)
        let log = vault + "/log.txt"
        try "OLD\n".write(toFile: log, atomically: true, encoding: .utf8)
        let appended = try CommandRunner.run(["-c", shell + " >> '\(log)'"], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(appended.status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasPrefix("OLD\nid,status,page"))
    }

    @Test("audit --format html -o refused writes nothing, not even its extracts folder")
    func refusedHTML() throws {
        let vault = try AuditCommandTests.sampleVault()
        let run = try CommandRunner.run(["audit", vault, "--format", "html", "-o", vault + "/notes/estuary-flocculation.md"])
        #expect(run.status == 2)
        #expect(!FileManager.default.fileExists(atPath: vault + "/notes/estuary-flocculation-extracts"))
    }

    @Test("-o over a Markdown file PDFAnchor did not make (in the vault or out of it) is refused, exit 2, the file named and kept; --force keeps a copy first")
    func userMarkdown() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let outside = try Scratch.folder("user-markdown") + "/Ideas.md"
        let mine = Data("# Ideas\n\nirreplaceable\n".utf8)
        for target in [vault + "/notes/Reading list.md", outside] {
            for arguments in [["extract", note, "-o", target], ["audit", vault, "--format", "md", "-o", target], ["export-pdf", note, "-o", target]] {
                try mine.write(to: URL(fileURLWithPath: target))
                let run = try CommandRunner.run(arguments)
                #expect(run.status == 2, "\(arguments)")
                #expect(run.stderr.contains(target) && run.stderr.contains("add --force") && run.stderr.contains("choose another output file"), "\(run.stderr)")
                #expect(Self.contents(target) == mine, "\(arguments): the user's file is as it was")
            }
        }
        // Forced: the user's file is kept, in the vault's backups or beside it.
        for target in [vault + "/notes/Reading list.md", outside] {
            let run = try CommandRunner.run(["extract", note, "-o", target, "--force"])
            #expect(run.status == 0, "\(run.stderr)")
            let kept = try #require(run.stderr.split(separator: "\n").first { $0.contains("is kept as") }.map { String($0.components(separatedBy: " is kept as ").last!) })
            #expect(kept.hasPrefix(target == outside ? outside + ".pdfanchor-backup" : vault + "/.pdfanchor/backups/"), "\(kept)")
            #expect(Self.contents(kept) == mine)
            #expect(Self.contents(target) != mine)
        }
    }

    @Test("a PDF is not written over a file that is not a PDF unless forced (a copy kept)")
    func pdfOverText() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let text = vault + "/todo.txt"
        try "buy milk\n".write(toFile: text, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["export-pdf", note, "-o", text])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is a file that is not a PDF") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "buy milk\n")
        let forced = try CommandRunner.run(["export-pdf", note, "-o", text, "--force"])
        #expect(forced.status == 1, "some annotations of the sample note are not in its PDF: \(forced.stderr)")
        #expect(forced.stderr.contains("is kept as"))
        #expect(Self.contents(text)?.prefix(5) == Data("%PDF-".utf8))
    }

    @Test("PDFAnchor's own Markdown (extract, audit) is replaced again without --force; an empty file too; a user template's output only if it holds the marker line")
    func ownMarkdown() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let out = try Scratch.folder("own-markdown")
        for arguments in [["extract", note, "-o", out + "/extract.md"], ["audit", vault, "--format", "md", "-o", out + "/audit.md"]] {
            #expect(try CommandRunner.run(arguments).status != 2)
            let again = try CommandRunner.run(arguments)
            #expect(again.status != 2, "\(again.stderr)")
            #expect(!again.stderr.contains("is kept as"), "nothing of the user's to keep")
            let text = try String(contentsOfFile: arguments[arguments.count - 1], encoding: .utf8)
            #expect(text.contains("\n%% made by pdfanchor \(arguments[0]): "), "marked as made by PDFAnchor")
        }
        try Data().write(to: URL(fileURLWithPath: out + "/empty.md"))
        #expect(try CommandRunner.run(["extract", note, "-o", out + "/empty.md"]).status == 0)

        let plain = out + "/plain.mustache"
        try "{{#groups}}{{heading}}\n{{/groups}}".write(toFile: plain, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["extract", note, "--template", plain, "-o", out + "/plain.md"]).status == 0)
        let second = try CommandRunner.run(["extract", note, "--template", plain, "-o", out + "/plain.md"])
        #expect(second.status == 2 && second.stderr.contains("made by pdfanchor"), "\(second.stderr)")
        let marked = out + "/marked.mustache"
        try "{{#groups}}{{heading}}\n{{/groups}}%% made by pdfanchor extract %%\n".write(toFile: marked, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["extract", note, "--template", marked, "-o", out + "/marked.md"]).status == 0)
        #expect(try CommandRunner.run(["extract", note, "--template", marked, "-o", out + "/marked.md"]).status == 0)
    }
}
