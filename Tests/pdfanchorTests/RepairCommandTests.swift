import Foundation
import PDFCore
import Testing
import TestSupport

@Suite("pdfanchor relink, refresh and export-pdf")
struct RepairCommandTests {
    /// The sample vault copied to a temporary folder, with the thesis moved
    /// and renamed.
    static func movedVault() throws -> (vault: String, note: String) {
        let vault = try AuditCommandTests.sampleVault()
        try FileManager.default.createDirectory(atPath: vault + "/.obsidian", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: vault + "/archive", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: vault + "/papers/thesis-fine-sediment.pdf", toPath: vault + "/archive/Thesis (final).pdf")
        return (vault, vault + "/notes/thesis-fine-sediment.md")
    }

    @Test("relink: a dry run says what changes, field by field (--diff: a unified diff), and exits 1; --write applies it, keeps a backup, and the audit finds the note ok")
    func relink() throws {
        let (vault, note) = try Self.movedVault()
        let original = try Data(contentsOf: URL(fileURLWithPath: note))
        let dry = try CommandRunner.run(["relink", vault])
        #expect(dry.status == 1)
        // The note has 92 blocks (grep -c annotation-json), their JSON on
        // the line after each fence (7, 23, 37, …), naming the PDF three
        // times: the document link, the uri and the target's source.
        #expect(
            dry.stdout == """
                notes/thesis-fine-sediment.md
                  line 2: annotation-target: papers/thesis-fine-sediment.pdf → archive/Thesis (final).pdf
                  92 lines (8, 24, 38, 52, 66, …): "vault:/papers/thesis-fine-sediment.pdf" → "vault:/archive/Thesis (final).pdf" (3 fields)

                """, "\(dry.stdout)")
        let patch = try CommandRunner.run(["relink", vault, "--diff"])
        #expect(patch.status == 1)
        #expect(patch.stdout.hasPrefix("--- a/notes/thesis-fine-sediment.md\t\n+++ b/notes/thesis-fine-sediment.md\t\n@@ -"))
        #expect(patch.stdout.contains("\n+annotation-target: archive/Thesis (final).pdf\n"))
        #expect(dry.stderr.contains("1 note to relink:\n  notes/thesis-fine-sediment.md → archive/Thesis (final).pdf (93 lines)\nRun again with --write"), "\(dry.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: note)) == original, "a dry run writes nothing")

        let written = try CommandRunner.run(["relink", vault, "--write"])
        #expect(written.status == 0)
        #expect(written.stdout.hasPrefix("wrote notes/thesis-fine-sediment.md ("))
        #expect(written.stdout.contains("previous versions kept in .pdfanchor/backups/"))
        let audit = try CommandRunner.run(["audit", vault, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let thesis = (report["notes"] as? [[String: Any]])?.first { $0["path"] as? String == "notes/thesis-fine-sediment.md" }
        #expect(thesis?["match"] as? String == "ok")
        #expect(thesis?["pdf"] as? String == "archive/Thesis (final).pdf")
        #expect(try CommandRunner.run(["relink", vault]).status == 0, "nothing left to relink")
    }

    @Test("a write killed before the new note is in place leaves the old note whole; the next run cleans up and writes")
    func killedMidWrite() throws {
        let (vault, note) = try Self.movedVault()
        let original = try Data(contentsOf: URL(fileURLWithPath: note))
        let killed = try CommandRunner.run(["relink", note, "--write"], environment: ["PDFANCHOR_TEST_INTERRUPT": "before-rename"])
        #expect(killed.signaled && killed.status == SIGKILL)
        #expect(try Data(contentsOf: URL(fileURLWithPath: note)) == original, "the old version, whole")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: vault + "/notes").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.count == 1, "the killed write's temporary file is all that remains")

        let again = try CommandRunner.run(["relink", note, "--write"])
        #expect(again.status == 0)
        let edited = try Data(contentsOf: URL(fileURLWithPath: note))
        #expect(edited != original && String(decoding: edited, as: UTF8.self).contains("annotation-target: archive/Thesis (final).pdf\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: vault + "/notes").filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test("refresh: dry run exits 1 with a diff; --write makes the note anchor exactly on the new PDF")
    func refresh() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/estuary-flocculation-revised.md"
        let dry = try CommandRunner.run(["refresh", note])
        #expect(dry.status == 1)
        #expect(dry.stdout.hasPrefix("notes/estuary-flocculation-revised.md\n  "), "\(dry.stdout)")
        #expect(try CommandRunner.run(["refresh", note, "--diff"]).stdout.hasPrefix("--- a/"))
        // Every annotation was made on the earlier version: all 60 get the new version's PDF.js text.
        #expect(dry.stderr.contains("60 quotes rewritten from the PDF: "))
        #expect(try CommandRunner.run(["refresh", note, "--write"]).status == 0)
        let check = try CommandRunner.run(["check", note])
        #expect(check.status == 0)
        #expect(!check.stdout.contains("FINGERPRINT DIFFERS"))
        #expect(check.stdout.split(separator: "\n").last?.hasPrefix("60 annotations: 60 anchored") == true)
    }

    @Test("export-pdf: writes the copy and lists what it could not find; never the PDF itself; a bad colour is refused")
    func exportPDF() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/estuary-flocculation.md"
        let pdf = vault + "/papers/estuary-flocculation.pdf"
        let before = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let output = try CommandRunner.run(["export-pdf", note, "-o", vault + "/shared.pdf", "--color", "green"])
        #expect(output.status == 1, "some of the sample note's annotations are not in the PDF")
        // The truth (Tests/Fixtures/vault/truth.json) has 124 of the note's 134
        // annotations in this PDF and 10 from another.
        #expect(output.stdout.hasPrefix("Wrote 124 highlights to \(vault)/shared.pdf (fingerprint 9ca5c5991907c76a5654a6d3da489025"))
        #expect(output.stdout.contains("10 annotations not found in the PDF, not written:"))
        let fingerprint = try CommandRunner.run(["fingerprint", vault + "/shared.pdf"])
        #expect(fingerprint.stdout.hasPrefix("9ca5c5991907c76a5654a6d3da489025"))

        let onto = try CommandRunner.run(["export-pdf", note, "-o", pdf])
        #expect(onto.status == 2)
        #expect(onto.stderr.contains("PDFAnchor never writes over it"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == before)
        let badColour = try CommandRunner.run(["export-pdf", note, "-o", vault + "/x.pdf", "--color", "chartreuse-ish"])
        #expect(badColour.status == 2)
        // --author names the highlights' author (/T), read back by Poppler.
        let signed = try CommandRunner.run(["export-pdf", note, "-o", vault + "/signed.pdf", "--author", "Ada Lovelace"])
        #expect(signed.status == 1)
        let document = try PDFDocument(path: vault + "/signed.pdf")
        let authors = try (1...document.pageCount).flatMap { try document.page($0).highlights.map(\.author) }
        #expect(authors.count >= 124)
        #expect(authors.allSatisfy { $0 == "Ada Lovelace" })
    }

    @Test("a PDF moved to another folder under its name: 'moved', and relink repairs the target and every block; a target fixed by hand with stale blocks: 'stale', repaired the same way")
    func sameNameMoves() throws {
        let vault = try AuditCommandTests.sampleVault()
        try FileManager.default.createDirectory(atPath: vault + "/papers/2022", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: vault + "/papers/thesis-fine-sediment.pdf", toPath: vault + "/papers/2022/thesis-fine-sediment.pdf")
        let note = vault + "/notes/thesis-fine-sediment.md"
        func match() throws -> String? {
            let audit = try CommandRunner.run(["audit", vault, "--format", "json", "--no-cache"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
            return (report["notes"] as? [[String: Any]])?.first { $0["path"] as? String == "notes/thesis-fine-sediment.md" }?["match"] as? String
        }
        #expect(try match() == "moved")
        // The user fixes annotation-target by hand; the blocks still say the old path.
        let text = try String(contentsOfFile: note, encoding: .utf8)
        try text.replacingOccurrences(of: "annotation-target: papers/thesis-fine-sediment.pdf", with: "annotation-target: papers/2022/thesis-fine-sediment.pdf")
            .write(toFile: note, atomically: true, encoding: .utf8)
        #expect(try match() == "stale")
        let written = try CommandRunner.run(["relink", vault, "--write", "--no-cache"])
        #expect(written.status == 0)
        #expect(try match() == "ok")
        let relinked = try String(contentsOfFile: note, encoding: .utf8)
        #expect(!relinked.contains("vault:/papers/thesis-fine-sediment.pdf"))
        #expect(relinked.components(separatedBy: "\"uri\":\"vault:/papers/2022/thesis-fine-sediment.pdf\"").count - 1 == 92)
    }

    /// Applies `patch` with `patch -p1` in `folder`; its exit status.
    static func applyPatch(_ patch: String, in folder: String) throws -> Int32 {
        let file = try Scratch.folder("patch") + "/change.patch"
        try patch.write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
        process.arguments = ["-p1", "--batch", "--input", file]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("--diff applies with patch -p1 to the same bytes --write gives: a note in a folder with spaces (relink), a CRLF note (refresh)")
    func diffApplies() throws {
        // relink: the note in "my notes/", its PDF moved.
        let (vault, note) = try Self.movedVault()
        try FileManager.default.createDirectory(atPath: vault + "/my notes", withIntermediateDirectories: true)
        let spaced = vault + "/my notes/thesis fine sediment.md"
        try FileManager.default.moveItem(atPath: note, toPath: spaced)
        let copy = Scratch.freshPath("patched")
        try FileManager.default.copyItem(atPath: vault, toPath: copy)
        let patch = try CommandRunner.run(["relink", vault, "--diff", "--no-cache"])
        #expect(patch.status == 1)
        #expect(try Self.applyPatch(patch.stdout, in: copy) == 0)
        #expect(try CommandRunner.run(["relink", vault, "--write", "--no-cache"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: spaced)) == Data(contentsOf: URL(fileURLWithPath: copy + "/my notes/thesis fine sediment.md")))

        // refresh: a note saved with CRLF line ends.
        let sample = try AuditCommandTests.sampleVault()
        let crlf = sample + "/notes/estuary-flocculation-revised.md"
        let text = try String(contentsOfFile: crlf, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: crlf, atomically: true, encoding: .utf8)
        let sampleCopy = Scratch.freshPath("patched-crlf")
        try FileManager.default.copyItem(atPath: sample, toPath: sampleCopy)
        let refreshPatch = try CommandRunner.run(["refresh", crlf, "--diff"])
        #expect(refreshPatch.status == 1)
        #expect(refreshPatch.stdout.contains("\r\n"), "the patch keeps the note's CRs")
        #expect(try Self.applyPatch(refreshPatch.stdout, in: sampleCopy) == 0)
        #expect(try CommandRunner.run(["refresh", crlf, "--write"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: crlf)) == Data(contentsOf: URL(fileURLWithPath: sampleCopy + "/notes/estuary-flocculation-revised.md")))
    }

    @Test("relink of a whole vault names a note the plugin cannot read (CRLF) whose PDF moved, and exits 1; it does not edit it")
    func crlfNoteInVault() throws {
        let (vault, note) = try Self.movedVault()
        let crlf = try String(contentsOfFile: note, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        try crlf.write(toFile: note, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["relink", vault, "--write", "--no-cache"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("notes/thesis-fine-sediment.md: not relinked: "), "\(run.stderr)")
        #expect(run.stderr.contains("LF line ends"))
        #expect(try String(contentsOfFile: note, encoding: .utf8) == crlf, "not edited")
    }

    @Test("migrate: a dry run lists each PDF and writes nothing (exit 1); --write adds the highlights, a second run has nothing to add")
    func migrate() throws {
        let vault = try AuditCommandTests.sampleVault()
        let pdf = vault + "/papers/thesis-fine-sediment.pdf"
        let original = try Data(contentsOf: URL(fileURLWithPath: pdf))
        // What a run killed mid-write left (its process gone), beside a PDF.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let leftover = vault + "/papers/.thesis-fine-sediment.pdf.pdfanchor-\(gone.processIdentifier)-7-held.tmp"
        try Data("old".utf8).write(to: URL(fileURLWithPath: leftover))
        let dry = try CommandRunner.run(["migrate", vault, "--to", "zotero"])
        #expect(dry.status == 1)
        #expect(FileManager.default.fileExists(atPath: leftover), "a dry run writes and removes nothing")
        #expect(dry.stdout.contains("papers/thesis-fine-sediment.pdf: "), "\(dry.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == original)
        let written = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--write"])
        #expect(written.stdout.contains("PDFs written; previous versions kept in .pdfanchor/backups/"), "\(written.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) != original)
        #expect(!FileManager.default.fileExists(atPath: leftover), "--write removes what an interrupted run left")
        let again = try CommandRunner.run(["migrate", vault, "--to", "zotero"])
        #expect(again.stderr.contains("Nothing to migrate"))
        #expect(again.stdout.contains("papers/thesis-fine-sediment.pdf: 0 highlights to add"))
        // export-pdf of a migrated PDF adds only what it lacks (nothing: migrate took every highlight found).
        let export = try CommandRunner.run(["export-pdf", vault + "/notes/thesis-fine-sediment.md", "-o", vault + "/exported.pdf"])
        let migrated = try #require(written.stdout.split(separator: "\n").first { $0.hasPrefix("papers/thesis-fine-sediment.pdf: ") })
        let added = try #require(Int(migrated.split(separator: " ")[1]))
        #expect(export.stdout.contains("\(added) highlights were in the PDF already (the same id, page and place): not written again."), "\(export.stdout)")
        let document = try PDFDocument(path: vault + "/exported.pdf")
        let names = try (1...document.pageCount).flatMap { try document.page($0).highlights.compactMap(\.name) }
        #expect(Set(names).count == names.count, "no /NM twice")
    }

    @Test("migrate names an encrypted PDF in the dry run already, and --write leaves it as it is")
    func migrateEncrypted() throws {
        let vault = try AuditCommandTests.sampleVault()
        // The sample paper encrypted by qpdf (Scripts/samples/make_samples.py), user password "secret".
        let pdf = vault + "/papers/estuary-flocculation.pdf"
        try FileManager.default.removeItem(atPath: pdf)
        try FileManager.default.copyItem(atPath: Repository.root + "/SamplePDFs/edge-cases/encrypted-user-password.pdf", toPath: pdf)
        let original = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let dry = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--password", "secret"])
        #expect(dry.status == 1)
        #expect(dry.stdout.contains("papers/estuary-flocculation.pdf: not migrated: the PDF is encrypted"), "\(dry.stdout)")
        let written = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--password", "secret", "--write"])
        #expect(written.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == original)
        #expect(written.stdout.contains("papers/thesis-fine-sediment.pdf: "), "the others are migrated")
        // export-pdf says so before any work, password or not.
        for arguments in [[], ["--password", "secret"]] {
            let export = try CommandRunner.run(["export-pdf", vault + "/notes/estuary-flocculation.md", "-o", vault + "/copy.pdf"] + arguments)
            #expect(export.status == 2)
            #expect(export.stderr.contains("the PDF is encrypted; PDFAnchor cannot add annotations to it; export from a decrypted copy (qpdf --decrypt)"), "\(export.stderr)")
        }
    }

    /// The object number of the annotation named `name` (`/NM`) in the
    /// PDF's bytes — read from the file itself, not by Poppler.
    static func objectNumber(named name: String, in path: String) throws -> Int? {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let text = String(decoding: bytes, as: UTF8.self)
        let hex = Array(name.utf8).map { String(format: "%02x", $0) }.joined()
        let found = text.range(of: "/NM <\(hex)>", options: .caseInsensitive) ?? text.range(of: "/NM (\(name))")
        guard let found else { return nil }
        let before = text[..<found.lowerBound]
        guard let obj = before.range(of: " obj", options: .backwards) else { return nil }
        let header = before[..<obj.lowerBound].split(whereSeparator: { $0 == "\n" || $0 == "\r" }).last ?? ""
        return header.split(separator: " ").first.flatMap { Int($0) }
    }

    @Test("migrate --to pdfplus: links to blocks point at the annotations, whose ids are their object numbers in the written PDF; code left alone; a second run changes nothing")
    func migratePDFPlus() throws {
        let vault = try AuditCommandTests.sampleVault()
        let log = vault + "/log.md"
        try """
            See [[thesis-fine-sediment#^07v2kfd5p]] and [[notes/thesis-fine-sediment#^0zdt52k61|the mean]].
            ![[thesis-fine-sediment#^0rxmldj5q]]
            ```
            [[thesis-fine-sediment#^07v2kfd5p]]
            ```
            Unknown [[thesis-fine-sediment#^nosuchid]].
            """.write(toFile: log, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["migrate", vault, "--to", "pdfplus", "--write"])
        #expect(run.stdout.contains("log.md: 3 links to highlights now point at their annotations"), "\(run.stdout)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let pdf = vault + "/papers/thesis-fine-sediment.pdf"
        for (id, label) in [("07v2kfd5p", ""), ("0zdt52k61", "|the mean"), ("0rxmldj5q", "")] {
            let number = try #require(try Self.objectNumber(named: id, in: pdf), "^\(id) in the PDF")
            #expect(text.contains("papers/thesis-fine-sediment.pdf#page=") && text.contains("&annotation=\(number)R\(label)]]"), "^\(id): \(number)R")
        }
        #expect(text.contains("```\n[[thesis-fine-sediment#^07v2kfd5p]]\n```"))
        #expect(text.contains("[[thesis-fine-sediment#^nosuchid]]"))
        let again = try CommandRunner.run(["migrate", vault, "--to", "pdfplus"])
        #expect(!again.stdout.contains("log.md: 1 link to highlights"), "nothing left to rewrite")
        // The link to a block that is not a migrated highlight is named, and stays.
        #expect(again.stdout.contains("log.md: 1 link stays as it is — 1 naming no highlight of the note: [[thesis-fine-sediment#^nosuchid]]"), "\(again.stdout)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == text)
    }

    @Test("a note naming its PDF with other letter case, Windows separators or URL escapes: 'moved', said so, and relink writes the path as it is (with '/')")
    func caseAndSeparators() throws {
        let vault = try AuditCommandTests.sampleVault()
        let thesis = vault + "/notes/thesis-fine-sediment.md"
        let estuary = vault + "/notes/estuary-flocculation.md"
        try String(contentsOfFile: thesis, encoding: .utf8)
            .replacingOccurrences(of: "annotation-target: papers/thesis-fine-sediment.pdf", with: "annotation-target: papers\\thesis-fine-sediment.pdf")
            .write(toFile: thesis, atomically: true, encoding: .utf8)
        // A file name with spaces, named with URL escapes and other case.
        try FileManager.default.moveItem(atPath: vault + "/papers/estuary-flocculation.pdf", toPath: vault + "/papers/estuary flocculation.pdf")
        try String(contentsOfFile: estuary, encoding: .utf8)
            .replacingOccurrences(of: "papers/estuary-flocculation.pdf", with: "Papers/Estuary%20Flocculation.pdf")
            .write(toFile: estuary, atomically: true, encoding: .utf8)
        func entries() throws -> [String: [String: Any]] {
            let audit = try CommandRunner.run(["audit", vault, "--format", "json", "--no-cache"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
            let notes = (report["notes"] as? [[String: Any]]) ?? []
            return Dictionary(uniqueKeysWithValues: notes.map { ($0["path"] as? String ?? "", $0) })
        }
        let before = try entries()
        for (note, pdf, way) in [
            ("notes/thesis-fine-sediment.md", "papers/thesis-fine-sediment.pdf", "only in Windows separators"),
            ("notes/estuary-flocculation.md", "papers/estuary flocculation.pdf", "only in URL escapes and letter case"),
        ] {
            #expect(before[note]?["match"] as? String == "moved", "\(note): \(before[note] ?? [:])")
            #expect(before[note]?["pdf"] as? String == pdf)
            #expect((before[note]?["reason"] as? String)?.contains(way) == true, "\(before[note]?["reason"] ?? "-")")
        }
        #expect(try CommandRunner.run(["relink", vault, "--write", "--no-cache"]).status == 0)
        let thesisText = try String(contentsOfFile: thesis, encoding: .utf8)
        #expect(thesisText.contains("\nannotation-target: papers/thesis-fine-sediment.pdf\n"))
        let estuaryText = try String(contentsOfFile: estuary, encoding: .utf8)
        #expect(!estuaryText.contains("Papers/Estuary%20Flocculation.pdf"))
        #expect(estuaryText.contains("\nannotation-target: papers/estuary flocculation.pdf\n"))
        // Each block's locations keep their form: %-encoded, as they were.
        #expect(estuaryText.components(separatedBy: "\"uri\":\"vault:/papers/estuary%20flocculation.pdf\"").count - 1 == 134, "grep -c annotation-json: 134 blocks")
        #expect(try entries()["notes/thesis-fine-sediment.md"]?["match"] as? String == "ok")
    }

    @Test("relink: a block holding bytes that are not UTF-8 is refused, not rewritten with U+FFFD; a private note's backup stays private; a 240-byte note name is relinked")
    func awkwardNotes() throws {
        let (vault, note) = try Self.movedVault()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: note))
        let original = bytes
        // Latin-1 "café" inside the first block's JSON line.
        let marker = Data("\"uri\":\"".utf8)
        let at = try #require(bytes.range(of: marker))
        bytes.replaceSubrange(at.lowerBound..<at.lowerBound, with: Data("\"x\":\"caf".utf8) + Data([0xE9]) + Data("\",".utf8))
        try bytes.write(to: URL(fileURLWithPath: note))
        let refused = try CommandRunner.run(["relink", note, "--write"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not UTF-8"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: note)) == bytes)

        try original.write(to: URL(fileURLWithPath: note))
        let long = vault + "/notes/" + String(repeating: "L", count: 240) + ".md"
        try FileManager.default.moveItem(atPath: note, toPath: long)
        chmod(long, 0o600)
        let written = try CommandRunner.run(["relink", long, "--write"])
        #expect(written.status == 0, "\(written.stderr)")
        let backups = try #require(FileManager.default.enumerator(atPath: vault + "/.pdfanchor/backups")?.allObjects as? [String])
        let backup = try #require(backups.first { $0.hasSuffix("LLL.md") })
        var info = stat()
        stat(vault + "/.pdfanchor/backups/" + backup, &info)
        #expect(info.st_mode & 0o077 == 0, "the backup of a 0600 note is not readable by others")
    }

    @Test("export-pdf again to the same output replaces the earlier export (a PDF with the source's fingerprint)")
    func exportAgain() throws {
        let vault = try AuditCommandTests.sampleVault()
        let note = vault + "/notes/thesis-fine-sediment.md"
        let out = vault + "/shared.pdf"
        #expect(try CommandRunner.run(["export-pdf", note, "-o", out]).status == 1, "6 orphans: exit 1")
        let again = try CommandRunner.run(["export-pdf", note, "-o", out])
        #expect(again.status == 1, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("Wrote 86 highlights"))
    }
}
