import Foundation
import Notes
import PDFCore
import Testing
@testable import Library

/// What another program may do to a vault's files while PDFAnchor writes
/// them, and where PDFAnchor may write at all.
@Suite("Writing only what was read, only inside the vault")
struct WriteSafetyTests {
    @Test("a PDF reader appending its own update to the PDF while migrate replaces it: its version is kept whole, ours refused, no byte mixed")
    func appendDuringMigrate() async throws {
        let vault = try TestVault.vault()
        let (pdf, _) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let original = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let migrator = Migrator(vault: Vault(root: vault))
        let plan = try #require(await migrator.plan().pdfs.first)
        #expect(!plan.highlights.isEmpty)

        // The other program opened the PDF before the run replaced it, and
        // saves an incremental update into it afterwards, before the run settles.
        let other = open(pdf, O_WRONLY | O_APPEND | O_CLOEXEC)
        #expect(other >= 0)
        let writer = NoteWriter(vault: Vault(root: vault))
        _ = try migrator.write(plan, with: writer)
        let update = Data("\n% an incremental update saved by another program\n".utf8)
        #expect(update.withUnsafeBytes { write(other, $0.baseAddress!, $0.count) } == update.count)
        close(other)
        let refused = writer.finish()

        #expect(refused.count == 1 && refused.first?.path == pdf && refused.first?.changedOnDisk == true)
        // Before the fix the update was glued onto PDFAnchor's version, where its offsets are wrong.
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == original + update, "the other program's version, whole")
        let document = try PDFDocument(path: pdf)
        let ids = Set(plan.ids)
        for number in 1...document.pageCount {
            #expect(try document.page(number).highlights.allSatisfy { !ids.contains($0.name ?? "") })
        }
    }

    @Test(
        "another program appends an update to the PDF at its path after it was replaced: one made for the original puts the original plus it back, ours refused; one made for ours stands; a rewrite is kept and ours refused",
        arguments: ["original", "ours", "rewrite"])
    func appendThroughPathAfterRename(madeFor: String) async throws {
        let vault = try TestVault.vault("appendThroughPathAfterRename-\(madeFor)")
        let (pdf, _) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let original = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let migrator = Migrator(vault: Vault(root: vault))
        let plan = try #require(await migrator.plan().pdfs.first)
        let writer = NoteWriter(vault: Vault(root: vault))
        _ = try migrator.write(plan, with: writer)
        let ours = try Data(contentsOf: URL(fileURLWithPath: pdf))
        // An incremental update (ISO 32000-1 §7.5.6) continuing the section its program read.
        let previous = try #require(PDFTail.startXref(madeFor == "ours" ? ours : original))
        let update = Data("\nxref\n0 0\ntrailer\n<< /Size 1 /Prev \(previous) >>\nstartxref\n\(previous)\n%%EOF\n".utf8)
        if madeFor == "rewrite" {
            try (original + Data("% rewritten\n".utf8)).write(to: URL(fileURLWithPath: pdf))
        } else {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: pdf))
            try handle.seekToEnd()
            try handle.write(contentsOf: update)
            try handle.close()
        }
        let refused = writer.finish()
        let now = try Data(contentsOf: URL(fileURLWithPath: pdf))
        switch madeFor {
        case "original":
            #expect(refused.map(\.path) == [pdf] && refused.allSatisfy(\.changedOnDisk))
            #expect(now == original + update, "the other program's version as it made it")
        case "ours":
            #expect(refused.isEmpty)
            #expect(now == ours + update, "an update on top of ours stands")
        default:
            #expect(refused.map(\.path) == [pdf], "a rewrite is the other program's file: ours is not counted as written")
            #expect(now == original + Data("% rewritten\n".utf8))
        }
    }

    @Test("writePDFs counts as written only the PDFs that settled; one changed before the last-moment check is refused")
    func writtenMeansSettled() async throws {
        let vault = try TestVault.vault()
        let (pdf, _) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let migrator = Migrator(vault: Vault(root: vault))
        let plan = await migrator.plan()
        var writer = NoteWriter(vault: Vault(root: vault))
        // Another program writes into the PDF in place just before the rename.
        writer.beforeRename = {
            let fd = open(pdf, O_WRONLY | O_APPEND | O_CLOEXEC)
            _ = "\n% late\n".withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        let writes = migrator.writePDFs(plan, with: writer)
        #expect(writes.written.isEmpty)
        #expect(writes.refused.map(\.path) == [pdf] && writes.refused.allSatisfy(\.changedOnDisk))
        let targets = migrator.linkTargets(plan)
        #expect(targets.allSatisfy { $0.targets.isEmpty }, "no link to an annotation the PDF does not hold")
    }

    @Test("a PDF that is a symbolic link to a file outside the vault is not written; the file outside is untouched")
    func linkOutOfVault() async throws {
        let vault = try TestVault.vault()
        let outside = try TestVault.scratch()
        let (pdf, _) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let real = outside + "/thesis-fine-sediment.pdf"
        try FileManager.default.moveItem(atPath: pdf, toPath: real)
        try FileManager.default.createSymbolicLink(atPath: pdf, withDestinationPath: real)
        let original = try Data(contentsOf: URL(fileURLWithPath: real))

        let migrator = Migrator(vault: Vault(root: vault))
        let plan = try #require(await migrator.plan().pdfs.first)
        #expect(throws: WriteError.self) { try migrator.write(plan, with: NoteWriter(vault: Vault(root: vault))) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: real)) == original)
        #expect(Vault(root: vault).escape(of: pdf)?.contains(outside) == true)
        #expect(!FileManager.default.fileExists(atPath: vault + "/.pdfanchor/backups"), "not even a backup")
        // A folder of the vault that is a link out counts the same.
        let papers = vault + "/papers"
        try FileManager.default.removeItem(atPath: papers)
        try FileManager.default.createSymbolicLink(atPath: papers, withDestinationPath: outside)
        #expect(Vault(root: vault).escape(of: papers + "/new.pdf") != nil)
    }

    @Test("backups are never written through a linked .pdfanchor/ or .pdfanchor/backups/: the note is not written")
    func linkedBackupFolders() throws {
        for (k, linked) in [".pdfanchor", ".pdfanchor/backups"].enumerated() {
            let vault = try TestVault.vault("linkedBackupFolders-\(k)")
            let elsewhere = try TestVault.scratch("linkedBackupFolders-elsewhere-\(k)")
            let note = vault + "/note.md"
            try TestVault.write("a note\n", to: note)
            let parent = (linked as NSString).deletingLastPathComponent
            if !parent.isEmpty { try FileManager.default.createDirectory(atPath: vault + "/" + parent, withIntermediateDirectories: true) }
            try FileManager.default.createSymbolicLink(atPath: vault + "/" + linked, withDestinationPath: elsewhere)
            let writer = NoteWriter(vault: Vault(root: vault))
            #expect(throws: WriteError.self) {
                try writer.write(path: note, original: Data("a note\n".utf8), edited: Data("edited\n".utf8))
            }
            #expect(try String(contentsOfFile: note, encoding: .utf8) == "a note\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty, "\(linked): nothing written through the link")
        }
    }

    @Test("working copies live in a private folder (0700, files 0600) that goes when done; one a killed run left is swept")
    func scratchFolder() throws {
        // A folder as a killed run (its process gone) would have left it.
        var gone: Int32 = 999_999
        while kill(gone, 0) == 0 || errno != ESRCH { gone -= 1 }
        let abandoned = FileManager.default.temporaryDirectory.path + "/pdfanchor-\(gone)-test\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: false)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: abandoned + "/source.pdf"))

        var path = ""
        do {
            let folder = try ScratchFolder(for: "paper.pdf")
            path = folder.path
            let file = folder.file("copy.pdf")
            var info = stat()
            #expect(stat(folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
            #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600)
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600, "writing keeps it private")
        }
        #expect(!FileManager.default.fileExists(atPath: path), "removed when released")
        // The sweep a run makes once (ScratchFolder.sweep()), made here again.
        let live = try ScratchFolder(for: "other.pdf")
        ScratchFolder.removeAbandoned(in: FileManager.default.temporaryDirectory.path)
        #expect(!FileManager.default.fileExists(atPath: abandoned), "the abandoned folder was swept")
        #expect(FileManager.default.fileExists(atPath: live.path), "a live run's folder is kept")
    }

    @Test("a held copy is kept while its process lives, whatever that process is called, and removed once it is gone")
    func heldWhileAlive() throws {
        let folder = try TestVault.scratch("held-alive")
        // A live process that is not PDFAnchor (`sleep`), started before its file was made.
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        let held = folder + "/.note.md.pdfanchor-\(sleeper.processIdentifier)-7-held.tmp"
        try Data("old".utf8).write(to: URL(fileURLWithPath: held))
        AtomicFile.removeAbandoned(inFolder: folder)
        #expect(FileManager.default.fileExists(atPath: held), "its process lives: kept")
        sleeper.terminate()
        sleeper.waitUntilExit()
        AtomicFile.removeAbandoned(inFolder: folder)
        #expect(!FileManager.default.fileExists(atPath: held), "its process is gone: removed")
    }

    @Test("a YAML alias used as a key under colors: (nested ninefold) is refused at once with its line; aliases as values still work")
    func aliasKeysInConfig() throws {
        var lines = ["base: &b0 [x, y, z, w, v, u, t, s, r]"]
        for depth in 1...12 {
            lines.append("l\(depth): &b\(depth) [" + Array(repeating: "*b\(depth - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines += ["colors:", "  *b12 : red"]
        // Before the check this took longer than anyone waits (Yams hashes the key's whole tree).
        let (map, problems) = ColorMap.parse(yaml: lines.joined(separator: "\n") + "\n", path: "config.yml")
        #expect(map.entries.isEmpty)
        #expect(problems.count == 1 && problems[0].hasPrefix("config.yml:15: "))

        let fine = ColorMap.parse(yaml: "red: &r \"#ff0000\"\ncolors:\n  important: *r\n  urgent: *r\n  \"[draft]\": blue\n", path: "config.yml")
        #expect(fine.problems.isEmpty && fine.map.entries.map(\.tag) == ["important", "urgent", "[draft]"])
    }
}
