import Foundation
import Testing
import TestSupport

@Suite("pdfanchor audit")
struct AuditCommandTests {
    /// A copy of the sample vault in a temporary folder (an audit writes its
    /// cache into the vault).
    static func sampleVault() throws -> String {
        let folder = Scratch.freshPath("audit")
        try FileManager.default.copyItem(atPath: CommandRunner.root + "/SamplePDFs", toPath: folder)
        return folder
    }

    @Test("--format json: notes with path, match, pdf and annotations exactly as check prints them; pdfs; summary")
    func json() throws {
        let vault = try Self.sampleVault()
        let output = try CommandRunner.run(["audit", vault, "--format", "json"])
        // The sample notes hold quotes from other documents, and one PDF was replaced.
        #expect(output.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let notes = try #require(report["notes"] as? [[String: Any]])
        #expect(notes.map { $0["path"] as? String } == [
            "notes/estuary-flocculation-revised.md", "notes/estuary-flocculation.md", "notes/thesis-fine-sediment.md",
        ])
        let byPath = Dictionary(uniqueKeysWithValues: notes.map { ($0["path"] as! String, $0) })
        #expect(byPath["notes/thesis-fine-sediment.md"]?["match"] as? String == "ok")
        #expect(byPath["notes/estuary-flocculation-revised.md"]?["match"] as? String == "replaced")
        // The paper's fingerprint is also that of its linearized and encrypted copies (qpdf keeps /ID).
        #expect(byPath["notes/estuary-flocculation.md"]?["match"] as? String == "duplicate")
        #expect(byPath["notes/estuary-flocculation.md"]?["pdf"] as? String == "papers/estuary-flocculation.pdf")

        // Each note's annotations are what `pdfanchor check` prints for it.
        let check = try CommandRunner.run(["check", vault + "/notes/thesis-fine-sediment.md", "--format", "json"])
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let fromCheck = try #require(checked["annotations"] as? NSArray)
        let fromAudit = try #require(byPath["notes/thesis-fine-sediment.md"]?["annotations"] as? NSArray)
        #expect(fromAudit.count == 92)
        #expect(fromAudit == fromCheck)

        let pdfs = try #require(report["pdfs"] as? [[String: Any]])
        #expect(pdfs.count == 21)
        let empty = try #require(pdfs.first { $0["path"] as? String == "edge-cases/empty.pdf" })
        #expect((empty["error"] as? String)?.contains("empty") == true)
        let thesis = try #require(pdfs.first { $0["path"] as? String == "papers/thesis-fine-sediment.pdf" })
        #expect(thesis["referencedBy"] as? [String] == ["notes/thesis-fine-sediment.md"])
        #expect(thesis["pages"] as? Int == 135)

        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["notes"] as? Int == 3)
        #expect(summary["pdfs"] as? Int == 21)
        let annotations = try #require(summary["annotations"] as? [String: Int])
        #expect(annotations["total"] == 134 + 60 + 92)
    }

    @Test("text: the summary and one line per problem note; the second run comes from the cache")
    func text() throws {
        let vault = try Self.sampleVault()
        // Run from the vault's folder: the commands name the notes from there.
        let first = try CommandRunner.run(["audit", vault], in: vault)
        #expect(first.status == 1)
        let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("Audit of \(vault): 3 notes, 21 PDFs"))
        #expect(lines[1] == "Notes: 1 replaced, 1 duplicate, 1 ok", "worst first")
        #expect(first.stdout.contains("\nProblems (2 notes, worst first):\n  replaced  notes/estuary-flocculation-revised.md — "), "the class padded to the longest listed")
        #expect(first.stdout.contains("\n      → pdfanchor refresh notes/estuary-flocculation-revised.md --write — "))
        // The thesis note is fine but for its 6 orphans: apart, not a problem.
        #expect(first.stdout.contains("\nOrphaned highlights (1 note); the notes are fine, but these highlights were looked for in their PDF and not found:\n  notes/thesis-fine-sediment.md — 6 of 92 annotations orphaned: ^"))
        #expect(!first.stdout.contains("ok        notes/thesis-fine-sediment.md"))
        #expect(first.stdout.contains("  edge-cases/empty.pdf — the file is empty (0 bytes)"))
        // The encrypted copy is used by no note: it is fingerprinted, not opened.
        #expect(!first.stdout.contains("Need a password"))
        #expect(first.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let second = try CommandRunner.run(["audit", vault], in: vault)
        #expect(second.stdout.contains("(3 notes from the cache)"))
        #expect(second.stdout.split(separator: "\n").dropFirst() == first.stdout.split(separator: "\n").dropFirst())
    }

    @Test("exit 0 when every note matches; --unreferenced lists the PDFs no note uses")
    func clean() throws {
        let vault = try Self.sampleVault()
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: vault + "/notes") where name != "thesis-fine-sediment.md" {
            try fm.removeItem(atPath: vault + "/notes/" + name)
        }
        // Keep only the thesis note's annotations that are in the thesis.
        let checked = try CommandRunner.run(["check", vault + "/notes/thesis-fine-sediment.md", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let orphans = (report["annotations"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "orphaned" }.compactMap { $0["id"] as? String }
        #expect(orphans.count == 6)
        try fm.removeItem(atPath: vault + "/edge-cases")
        let note = vault + "/notes/thesis-fine-sediment.md"
        var text = try String(contentsOfFile: note, encoding: .utf8)
        for id in orphans { text = Self.removingBlock(id, from: text) }
        try text.write(toFile: note, atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["audit", vault, "--unreferenced"])
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.contains("Annotations: 86 — "))
        #expect(output.stdout.contains("PDFs no note uses (2):\n  papers/estuary-flocculation-revised.pdf\n  papers/estuary-flocculation.pdf\n"))
    }

    @Test("md and html reports are written with -o; the html links each note's extract")
    func reports() throws {
        let vault = try Self.sampleVault()
        let md = try CommandRunner.run(["audit", vault, "--format", "md", "-o", vault + "/Audit.md"])
        #expect(md.status == 1)
        #expect(md.stdout.isEmpty)
        let markdown = try String(contentsOfFile: vault + "/Audit.md", encoding: .utf8)
        #expect(markdown.contains("[[notes/estuary-flocculation-revised]]"))
        let html = try CommandRunner.run(["audit", vault, "--format", "html", "-o", vault + "/audit.html"])
        #expect(html.status == 1)
        let page = try String(contentsOfFile: vault + "/audit.html", encoding: .utf8)
        // The note's name and the first 10 hex digits of SHA-256("notes/thesis-fine-sediment.md") (sha256sum).
        let extract = "thesis-fine-sediment-745d5058e1.html"
        #expect(page.contains("href=\"audit-extracts/\(extract)\""))
        #expect(FileManager.default.fileExists(atPath: vault + "/audit-extracts/" + extract))
    }

    @Test("a vault without annotation notes: exit 0, saying so")
    func noNotes() throws {
        let vault = try Scratch.folder("emptyvault")
        try FileManager.default.createDirectory(atPath: vault + "/.obsidian", withIntermediateDirectories: true)
        let run = try CommandRunner.run(["audit", vault])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nNotes: none: no note holds an annotation block\n"))
        #expect(!run.stdout.contains("Problems"))
    }

    @Test("exit 2 when the vault cannot be audited, naming it")
    func cannotRun() throws {
        let output = try CommandRunner.run(["audit", "/no/such/vault"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/no/such/vault: no such folder"))
    }

    /// A copy of the sample vault whose thesis note went through a Markdown
    /// formatter (every block line `> `) and whose paper note lost its final newline.
    static func damagedVault() throws -> String {
        let vault = try sampleVault()
        let thesis = vault + "/notes/thesis-fine-sediment.md"
        let text = try String(contentsOfFile: thesis, encoding: .utf8)
        try text.replacingOccurrences(of: "\n>", with: "\n> ").write(toFile: thesis, atomically: true, encoding: .utf8)
        let paper = vault + "/notes/estuary-flocculation.md"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: paper))
        #expect(bytes.last == 0x0A)
        bytes.removeLast()
        try bytes.write(to: URL(fileURLWithPath: paper))
        return vault
    }

    @Test("a note the plugin cannot show all of ('> ' lines, no final newline) is plugin-cannot-read in text, Markdown, HTML and JSON, with its lines")
    func damagedNotes() throws {
        let vault = try Self.damagedVault()
        // The lines, counted in the sample notes: the thesis note's first block starts on line 6
        // (3 lines of front matter, 2 blank); the paper note has 1,895 lines.
        let text = try CommandRunner.run(["audit", vault])
        #expect(text.status == 1)
        #expect(text.stdout.contains("Notes: 2 plugin-cannot-read, 1 replaced\n"))
        #expect(text.stdout.contains(
            "\n  plugin-cannot-read notes/thesis-fine-sediment.md — obsidian-annotator shows none of its 92 annotations: lines 6, 22, 36 and 89 more: block lines start with '> '"))
        #expect(text.stdout.contains(
            "\n  plugin-cannot-read notes/estuary-flocculation.md — obsidian-annotator does not show 1 of its 134 annotations: line 1895: no newline at the end of the note — end the note with a newline; as for its PDF: its PDF is at 3 paths"))
        #expect(!text.stdout.contains("Orphaned highlights"), "both notes with orphans are broken now")

        let json = try CommandRunner.run(["audit", vault, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let notes = try #require(report["notes"] as? [[String: Any]])
        let paper = try #require(notes.first { $0["path"] as? String == "notes/estuary-flocculation.md" })
        #expect(paper["match"] as? String == "plugin-cannot-read")
        #expect(paper["pdfMatch"] as? String == "duplicate")
        let hides = try #require(paper["pluginHides"] as? [String: Any])
        #expect(hides["count"] as? Int == 1)
        #expect(hides["ids"] as? [String] == ["0i0ymye3q"], "the last block's ^id, the note's last line")
        #expect((hides["problems"] as? [[String: Any]])?.first?["lines"] as? [Int] == [1895])
        let thesis = try #require(notes.first { $0["path"] as? String == "notes/thesis-fine-sediment.md" })
        #expect((thesis["pluginHides"] as? [String: Any])?["all"] as? Bool == true)
        #expect(((report["summary"] as? [String: Any])?["notShownByPlugin"]) as? Int == 93)

        let md = try CommandRunner.run(["audit", vault, "--format", "md"])
        #expect(md.stdout.contains("- **plugin-cannot-read** [[notes/estuary-flocculation]] — obsidian-annotator does not show 1 of its 134 annotations: line 1895"))
        #expect(md.stdout.contains("    - not shown by obsidian-annotator: [[notes/estuary-flocculation#^0i0ymye3q|^0i0ymye3q]]\n"))
        let html = try CommandRunner.run(["audit", vault, "--format", "html"])
        #expect(html.stdout.contains("<td class=\"match\">plugin-cannot-read</td>"))
        #expect(html.stdout.contains("line 1895: no newline at the end of the note"))

        // One order in every format: the note paths as each lists them.
        let order = notes.map { $0["path"] as! String }
        #expect(order == ["notes/thesis-fine-sediment.md", "notes/estuary-flocculation.md", "notes/estuary-flocculation-revised.md"])
        for output in [text.stdout, md.stdout, html.stdout] {
            let places = order.map { path in output.range(of: path.replacingOccurrences(of: ".md", with: ""))?.lowerBound }
            #expect(places.allSatisfy { $0 != nil } && places.map { $0! } == places.map { $0! }.sorted(), "\(order)")
        }
    }

    @Test("every command the audit names runs, with those options, from the vault's folder; from a subfolder the notes are named from there")
    func suggestedCommandsRun() throws {
        let vault = try Self.damagedVault()
        // A moved PDF too: relink's fix.
        try FileManager.default.createDirectory(atPath: vault + "/archive", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: vault + "/papers/estuary-flocculation-revised.pdf", toPath: vault + "/archive/revised.pdf")
        let json = try CommandRunner.run(["audit", vault, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let commands = (report["notes"] as? [[String: Any]] ?? []).flatMap { ($0["fixes"] as? [[String: Any]]) ?? [] }.compactMap { $0["command"] as? [String] }
        #expect(Set(commands.map { $0[1] }) == ["notes", "check", "relink"], "\(commands)")
        for command in commands {
            #expect(command[0] == "pdfanchor")
            let run = try CommandRunner.run(Array(command.dropFirst()), in: vault)
            #expect(run.status != 2, "\(command.joined(separator: " ")): \(run.stderr)")
        }
        // From notes/: `pdfanchor notes thesis-fine-sediment.md`, as git names paths.
        let inNotes = try CommandRunner.run(["audit"], in: vault + "/notes")
        #expect(inNotes.stdout.contains("\n      → pdfanchor notes thesis-fine-sediment.md — "))
        #expect(inNotes.stdout.contains("\n      → pdfanchor check estuary-flocculation.md --explain '^03ev2bt3h' — "), "\(inNotes.stdout)")
        #expect(try CommandRunner.run(["check", "estuary-flocculation.md", "--explain", "^03ev2bt3h"], in: vault + "/notes").status == 0)
        // From outside the vault: by their whole path.
        let root = try #require(report["vault"] as? String)
        let outside = try CommandRunner.run(["audit", vault])
        #expect(outside.stdout.contains("\n      → pdfanchor notes \(root)/notes/thesis-fine-sediment.md — "))
    }

    @Test("the Markdown report is a note Obsidian renders: links to notes and blocks, commands in code, no HTML; the HTML shows orphans apart, not red")
    func markdownNote() throws {
        let vault = try Self.sampleVault()
        let written = try CommandRunner.run(["audit", vault, "--format", "md", "-o", vault + "/PDFAnchor audit.md"])
        #expect(written.status == 1)
        let md = try String(contentsOfFile: vault + "/PDFAnchor audit.md", encoding: .utf8)
        #expect(md.contains("\n## Problems (2 notes, worst first)\n\n- **replaced** [[notes/estuary-flocculation-revised]] — "))
        #expect(md.contains("\n    - fix: `pdfanchor refresh notes/estuary-flocculation-revised.md --write` — "))
        #expect(md.contains("\n## Orphaned highlights (1 note)\n"))
        #expect(md.contains("- [[notes/thesis-fine-sediment]] — 6 of 92 annotations orphaned: [[notes/thesis-fine-sediment#^"))
        #expect(md.contains("\n    - fix: `pdfanchor check notes/thesis-fine-sediment.md --explain '^"))
        // No raw HTML: every '<' and '>' outside code is escaped.
        let outsideCode = md.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        #expect(!outsideCode.contains(where: { $0 == "<" }))
        #expect(!outsideCode.replacingOccurrences(of: "\\>", with: "").contains(">"))
        // A second audit does not take the report for a note.
        #expect(try CommandRunner.run(["audit", vault]).stdout.contains(": 3 notes, "))

        let html = try CommandRunner.run(["audit", vault, "--format", "html"])
        #expect(html.stdout.contains("<h2>Orphaned highlights (1 note) — the notes are fine"))
        #expect(html.stdout.contains("<tr class=\"orphans\"><td>notes/thesis-fine-sediment.md</td><td class=\"match\">ok</td>"))
        #expect(!html.stdout.contains("<tr class=\"broken\"><td>notes/thesis-fine-sediment.md"))
    }

    /// The note without the block whose id line is `^id`.
    static func removingBlock(_ id: String, from text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let end = lines.firstIndex(of: "^" + id) else { return text }
        var start = end
        while start > 0, lines[start - 1].hasPrefix(">") { start -= 1 }
        lines.removeSubrange(start...end)
        return lines.joined(separator: "\n")
    }
}

@Suite("pdfanchor audit: a PDF that crashes or hangs Poppler fails alone")
struct AuditIsolationTests {
    @Test("a worker that crashes on one PDF: that PDF gets the error, every other note is checked")
    func crash() throws {
        let vault = try AuditCommandTests.sampleVault()
        let output = try CommandRunner.run(
            ["audit", vault, "--format", "json", "--no-cache"], environment: ["PDFANCHOR_TEST_WORKER_CRASH": "thesis-fine-sediment"])
        #expect(output.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let notes = try #require(report["notes"] as? [[String: Any]])
        let thesis = try #require(notes.first { $0["path"] as? String == "notes/thesis-fine-sediment.md" })
        #expect((thesis["error"] as? String)?.contains("crashed PDFAnchor's worker (signal 11, SIGSEGV)") == true)
        let pdf = (report["pdfs"] as? [[String: Any]])?.first { $0["path"] as? String == "papers/thesis-fine-sediment.pdf" }
        #expect((pdf?["error"] as? String)?.contains("crashed") == true)
        // The others as usual.
        let paper = try #require(notes.first { $0["path"] as? String == "notes/estuary-flocculation.md" })
        #expect((paper["summary"] as? [String: Int])?["anchored"] ?? 0 > 100)
        #expect(paper["error"] == nil)
    }

    @Test("a worker that hangs is stopped after --timeout, and the audit finishes")
    func hang() throws {
        let vault = try AuditCommandTests.sampleVault()
        let started = Date()
        let output = try CommandRunner.run(
            ["audit", vault, "--no-cache", "--timeout", "2"], environment: ["PDFANCHOR_TEST_WORKER_HANG": "thesis-fine-sediment"])
        #expect(output.status == 1)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(output.stdout.contains("papers/thesis-fine-sediment.pdf — reading the PDF took longer than 2 s; stopped (see --timeout)"))
    }

    @Test("a note the plugin cannot read (CRLF line ends) is its own class, listed first, with the line and the fix")
    func pluginCannotRead() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let text = try String(contentsOfFile: note, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: note, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["audit", "--no-cache"], in: vault)
        #expect(run.status == 1)
        let problems = run.stdout.components(separatedBy: "worst first):\n").last ?? ""
        #expect(problems.hasPrefix(
            "  plugin-cannot-read notes/thesis-fine-sediment.md — obsidian-annotator shows none of its 92 annotations: line 1: Windows (CRLF) line ends — save the note with LF line ends; as for its PDF: found where the note says"),
            "\(run.stdout)")
        #expect(problems.contains("\n      → pdfanchor notes notes/thesis-fine-sediment.md — shows line 1 and what is wrong there\n"))
    }

    @Test("a note before its first highlight is counted and listed; the PDF also in a --papers folder is no duplicate when the note's path holds it")
    func emptyNoteAndPapersCopy() throws {
        let vault = try AuditCommandTests.sampleVault()
        try "---\nannotation-target: papers/thesis-fine-sediment.pdf\n---\n\nTo read.\n".write(
            toFile: vault + "/notes/to-read.md", atomically: true, encoding: .utf8)
        let papers = try Scratch.folder("zotero")
        try FileManager.default.copyItem(atPath: vault + "/papers/thesis-fine-sediment.pdf", toPath: papers + "/thesis.pdf")
        let run = try CommandRunner.run(["audit", vault, "--papers", papers, "--format", "json", "--no-cache"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let notes = try #require(report["notes"] as? [[String: Any]])
        let toRead = try #require(notes.first { $0["path"] as? String == "notes/to-read.md" })
        #expect(toRead["match"] as? String == "ok")
        #expect((toRead["summary"] as? [String: Int])?["total"] == 0)
        let thesis = try #require(notes.first { $0["path"] as? String == "notes/thesis-fine-sediment.md" })
        #expect(thesis["match"] as? String == "ok", "\(thesis["reason"] ?? "")")
    }

    @Test("a 1 GiB Markdown file in the vault costs the audit little memory: it is read a block at a time")
    func hugeMarkdown() throws {
        let vault = try AuditCommandTests.sampleVault()
        // Sparse: 1 GiB to read, nothing on disk.
        let big = vault + "/notes/huge.md"
        #expect(FileManager.default.createFile(atPath: big, contents: Data("# a huge note\n".utf8)))
        #expect(truncate(big, 1 << 30) == 0)
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["audit", vault, "--no-cache", "--in-process"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The kernel's high-water mark of the process's memory, read until it ends.
        var peakKiB = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            {
                peakKiB = max(peakKiB, kib)
            }
            usleep(20_000)
        }
        #expect(process.terminationStatus == 1, "the sample vault's usual problems, no failure")
        #expect(peakKiB > 0 && peakKiB < 300 * 1024, "peak \(peakKiB / 1024) MiB")
    }
}
