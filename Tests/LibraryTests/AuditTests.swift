import Foundation
import Testing
import TestSupport
import Anchoring
import Library
import Notes
import PDFCore

/// A vault with every situation the audit classifies, made in a temporary
/// folder from the sample PDFs and notes.
struct AuditVault {
    let root: String
    static let paper = "9ca5c5991907c76a5654a6d3da489025"  // PDF.js fingerprint of the paper (Tests/Fixtures/pdfjs)

    init() throws {
        root = try TestVault.scratch("audit")
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/.obsidian", withIntermediateDirectories: true)
        let original = try String(contentsOfFile: TestVault.samples + "/notes/estuary-flocculation.md", encoding: .utf8)
        let thesisNote = try String(contentsOfFile: TestVault.samples + "/notes/thesis-fine-sediment.md", encoding: .utf8)
        func note(_ name: String, _ text: String) throws { try TestVault.write(text, to: root + "/notes/" + name) }

        // ok: the thesis where its note says.
        try TestVault.copy("papers/thesis-fine-sediment.pdf", to: root + "/papers")
        try note("ok.md", thesisNote)
        // moved: the paper renamed and moved; the note still names the old path.
        try TestVault.copy("papers/estuary-flocculation.pdf", to: root + "/archive/2026", as: "renamed.pdf")
        try note("moved.md", original)
        // replaced: the revised version at the path its note names.
        try TestVault.copy("papers/estuary-flocculation-revised.pdf", to: root + "/papers")
        try TestVault.copy("notes/estuary-flocculation-revised.md", to: root + "/notes", as: "replaced.md")
        // duplicate: one document at two paths.
        try TestVault.copy("edge-cases/no-id.pdf", to: root + "/dup/a")
        try TestVault.copy("edge-cases/no-id.pdf", to: root + "/dup/b")
        let noID = try PDFFingerprint.compute(path: root + "/dup/a/no-id.pdf").primary
        try note("duplicate.md", Self.smallNote(target: "dup/a/no-id.pdf", fingerprint: noID, exact: "A PDF without an ID", prefix: "", suffix: " in its trailer."))
        // missing: a document that is nowhere.
        try note("missing.md", Self.smallNote(target: "gone/away.pdf", fingerprint: "00000000000000000000000000000001", exact: "anything at all", prefix: "", suffix: ""))
        // mixed: blocks for two documents.
        let zeroID = try PDFFingerprint.compute(path: TestVault.samples + "/edge-cases/zero-id.pdf").primary
        try TestVault.copy("edge-cases/zero-id.pdf", to: root + "/papers")
        try note("mixed.md", Self.smallNote(target: "dup/a/no-id.pdf", fingerprint: noID, exact: "A PDF without an ID", prefix: "", suffix: " in its trailer.")
            + Self.block(id: "mixed2", fingerprint: zeroID, uri: "vault:/papers/zero-id.pdf", exact: "whose ID is sixteen zero bytes", prefix: "A PDF ", suffix: "."))
        // broken: a note with a block whose JSON is cut.
        try note("broken.md", Self.smallNote(target: "dup/a/no-id.pdf", fingerprint: noID, exact: "A PDF without an ID", prefix: "", suffix: " in its trailer.")
            + "\n>%%\n>```annotation-json\n>{\"target\": [\n>```\n>%%\n>*%%HIGHLIGHT%% ==x== *\n>%%TAGS%%\n>\n^broken1\n")
        // unreadable: a broken symbolic link to a PDF, a folder named like a PDF.
        try fm.createSymbolicLink(atPath: root + "/papers/vanished.pdf", withDestinationPath: root + "/nowhere/vanished.pdf")
        // a symbolic link loop: a folder linking to its parent.
        try fm.createDirectory(atPath: root + "/loop", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root + "/loop/again", withDestinationPath: root + "/loop")
        // hidden folders are skipped.
        try TestVault.copy("papers/thesis-fine-sediment.pdf", to: root + "/.trash")
        try note("../.trash/old.md", thesisNote)
    }

    static func block(id: String, fingerprint: String, uri: String, exact: String, prefix: String, suffix: String) -> String {
        let json = """
            {"created":"2026-01-01T00:00:00.000Z","updated":"2026-01-01T00:00:00.000Z","document":{"title":"x","link":[{"href":"urn:x-pdf:\(fingerprint)"},{"href":"\(uri)"}],"documentFingerprint":"\(fingerprint)"},"uri":"\(uri)","target":[{"source":"\(uri)","selector":[{"type":"TextQuoteSelector","exact":"\(exact)","prefix":"\(prefix)","suffix":"\(suffix)"}]}]}
            """
        return "\n>%%\n>```annotation-json\n>\(json)\n>```\n>%%\n>*%%HIGHLIGHT%% ==\(exact)== *\n>%%TAGS%%\n>\n^\(id)\n"
    }

    static func smallNote(target: String, fingerprint: String, exact: String, prefix: String, suffix: String) -> String {
        "---\nannotation-target: \(target)\n---\n" + block(id: "first1", fingerprint: fingerprint, uri: "vault:/" + target, exact: exact, prefix: prefix, suffix: suffix)
    }
}

@Suite("Auditing a vault")
struct AuditTests {
    @Test("every situation gets its classification")
    func classifications() async throws {
        let vault = try AuditVault()
        let report = try await Auditor(vault: Vault(root: vault.root)).run()
        let match = Dictionary(uniqueKeysWithValues: report.notes.map { ($0.path, $0) })
        #expect(match["notes/ok.md"]?.match == .ok)
        #expect(match["notes/moved.md"]?.match == .moved)
        #expect(match["notes/moved.md"]?.pdf == "archive/2026/renamed.pdf")
        #expect(match["notes/replaced.md"]?.match == .replaced)
        #expect(match["notes/replaced.md"]?.pdf == "papers/estuary-flocculation-revised.pdf")
        #expect((match["notes/replaced.md"]?.summary.fuzzy ?? 0) > 0, "anchoring is tried against the replacement")
        #expect(match["notes/duplicate.md"]?.match == .duplicate)
        #expect(match["notes/duplicate.md"]?.copies == ["dup/a/no-id.pdf", "dup/b/no-id.pdf"])
        #expect(match["notes/duplicate.md"]?.pdf == "dup/a/no-id.pdf")
        #expect(match["notes/duplicate.md"]?.reason.contains("the path the note names") == true)
        #expect(match["notes/missing.md"]?.match == .missing)
        #expect(match["notes/mixed.md"]?.match == .mixed)
        #expect(match["notes/mixed.md"]?.documents?.count == 2)
        #expect(match["notes/mixed.md"]?.summary.anchored == 2, "each block checked against its own PDF")
        #expect(match["notes/broken.md"]?.diagnostics.contains { $0.severity == .error } == true)
        #expect(match["notes/broken.md"]?.summary.anchored == 1, "the readable block is still checked")
        #expect(report.notes.count == 7, "the note in .trash is skipped")
        #expect(report.unreadable.contains { $0.path == "papers/vanished.pdf" && $0.reason.contains("broken symbolic link") })
        #expect(report.hasProblems)
        #expect(report.summary.matches[.ok] == 1)
        // The thesis note's annotations as check reports them (same engine).
        #expect(match["notes/ok.md"]?.summary.total == 92)
    }

    @Test("a second audit of an unchanged vault comes from the cache and agrees; a changed note is read again")
    func cache() async throws {
        let vault = try AuditVault()
        let auditor = Auditor(vault: Vault(root: vault.root))
        let cold = try await auditor.run()
        #expect(cold.summary.cached == 0)
        #expect(FileManager.default.fileExists(atPath: vault.root + "/.pdfanchor/cache.sqlite"))
        let warm = try await auditor.run()
        #expect(warm.summary.cached == warm.notes.filter { $0.pdf != nil }.count)
        #expect(warm.notes.map(\.match) == cold.notes.map(\.match))
        #expect(warm.notes.map(\.summary.anchored) == cold.notes.map(\.summary.anchored))
        // Without detail, the counts come from the cache without reading the results.
        var brief = auditor
        brief.detail = false
        let counted = try await brief.run()
        #expect(counted.summary.cached == warm.summary.cached)
        #expect(counted.notes.allSatisfy { $0.annotations.isEmpty })
        #expect(counted.notes.map(\.summary.orphaned) == cold.notes.map(\.summary.orphaned))
        #expect(counted.notes.map(\.summary.fuzzy) == cold.notes.map(\.summary.fuzzy))
        #expect(counted.summary.annotations.total == cold.summary.annotations.total)
        // Touch one note: only it is anchored again.
        let path = vault.root + "/notes/duplicate.md"
        try (try String(contentsOfFile: path, encoding: .utf8) + "\nA line the user added.\n").write(toFile: path, atomically: true, encoding: .utf8)
        let again = try await auditor.run()
        #expect(again.summary.cached == warm.summary.cached - 1)
        var noCache = auditor
        noCache.useCache = false
        #expect(try await noCache.run().summary.cached == 0)
    }

    @Test("worst first, fixes, orphans apart: the order, the ids of orphans (without detail, fresh or cached) and what was not checked")
    func worstFirstAndOrphans() async throws {
        let vault = try AuditVault()
        let detailed = try await Auditor(vault: Vault(root: vault.root)).run()
        // The order of docs/auditing.md: plugin-cannot-read, missing, stale,
        // moved, replaced, mixed, duplicate; then the notes fine but for orphans.
        #expect(detailed.notesWorstFirst.map(\.path) == [
            "notes/broken.md", "notes/missing.md", "notes/moved.md", "notes/replaced.md", "notes/mixed.md", "notes/duplicate.md", "notes/ok.md",
        ])
        let byPath = Dictionary(uniqueKeysWithValues: detailed.notes.map { ($0.path, $0) })
        // The broken block makes the plugin give up on the whole note.
        #expect(byPath["notes/broken.md"]?.pdfMatch == .duplicate)
        #expect(byPath["notes/broken.md"]?.pluginHides?.all == true)
        #expect(byPath["notes/broken.md"]?.fixes?.first?.command == ["pdfanchor", "notes", "notes/broken.md"])
        // The missing note's one block was counted as orphaned, not looked for.
        #expect(byPath["notes/missing.md"]?.notChecked == 1)
        #expect(byPath["notes/missing.md"]?.orphans == nil)
        #expect(detailed.summary.notChecked == 1)
        // The thesis note is fine but for its orphans: listed apart, with their ids in note order.
        let ok = try #require(byPath["notes/ok.md"])
        #expect(!ok.isBroken && ok.hasOrphansOnly)
        let orphaned = ok.annotations.filter { $0.status == .orphaned }.map(\.id)
        #expect(orphaned.count == 6)
        #expect(ok.orphans == orphaned)
        #expect(ok.fixes?.map(\.command) == [["pdfanchor", "check", "notes/ok.md", "--explain", "^" + orphaned[0]]])
        #expect(detailed.summary.withOrphans == 1)
        #expect(detailed.summary.broken == 6)
        #expect(detailed.summary.problems == 7)
        // Without detail the ids are the same, anchored now (no cache) or from the cache.
        var brief = Auditor(vault: Vault(root: vault.root))
        brief.detail = false
        var fresh = brief
        fresh.useCache = false
        for auditor in [fresh, brief] {
            let counted = try await auditor.run()
            #expect(counted.notes.first { $0.path == "notes/ok.md" }?.orphans == orphaned)
            #expect(counted.notes.allSatisfy { $0.annotations.isEmpty })
        }
        #expect(try await brief.run().summary.cached > 0)
    }

    @Test("a vault that does not exist cannot be audited")
    func missingVault() async {
        await #expect(throws: AuditError.self) { try await Auditor(vault: Vault(root: "/no/such/vault")).run() }
    }

    @Test("the scanner follows links once, skips hidden folders, and reports what it cannot read")
    func scanner() throws {
        let vault = try AuditVault()
        let scan = Scanner().scan(vault: vault.root)
        #expect(!scan.pdfs.contains { $0.contains("/.trash/") })
        #expect(scan.notes.allSatisfy { !$0.contains("/.trash/") })
        #expect(Set(scan.pdfs).count == scan.pdfs.count)
        #expect(scan.unreadable.map(\.path).contains(vault.root + "/papers/vanished.pdf"))
    }

    @Test("a PDF rewritten in place with its size, inode and modification time unchanged is read again, not taken from the cache")
    func rewrittenInPlace() async throws {
        let vault = try TestVault.vault("inplace")
        let (pdf, _) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let auditor = Auditor(vault: Vault(root: vault))
        let first = try await auditor.run()
        #expect(try await auditor.run().summary.cached == first.summary.notes, "unchanged: from the cache")
        // Rewrite the bytes through the same inode, then put the modification time back.
        var before = stat()
        stat(pdf, &before)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let handle = try #require(FileHandle(forWritingAtPath: pdf))
        try handle.write(contentsOf: bytes)
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, pdf, &times, 0)
        var after = stat()
        stat(pdf, &after)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(try await auditor.run().summary.cached == 0)
    }

    @Test("a cache that is a link (into another program's database) is not used, nor written through")
    func linkedCache() async throws {
        let vault = try TestVault.vault("linkedcache")
        try TestVault.paper("thesis-fine-sediment", into: vault)
        let other = try Scratch.folder("otherapp") + "/their.sqlite"
        let theirs = Data("SQLite format 3\u{0}their own data".utf8)
        try theirs.write(to: URL(fileURLWithPath: other))
        try FileManager.default.createDirectory(atPath: vault + "/.pdfanchor", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: vault + "/.pdfanchor/cache.sqlite", withDestinationPath: other)
        let report = try await Auditor(vault: Vault(root: vault)).run()
        #expect(report.warnings.contains { $0.contains("not a plain file") })
        #expect(report.summary.notes == 1)
        #expect(FileManager.default.contents(atPath: other) == theirs)
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
    }

    @Test("an empty Markdown file (Obsidian's Untitled.md) is not a note, and no problem")
    func emptyMarkdown() async throws {
        let vault = try TestVault.vault("emptynote")
        try TestVault.paper("thesis-fine-sediment", into: vault)
        try TestVault.write("", to: vault + "/Untitled.md")
        let report = try await Auditor(vault: Vault(root: vault)).run()
        #expect(report.notes.map(\.path) == ["notes/thesis-fine-sediment.md"])
        #expect(report.warnings.isEmpty)
        #expect(report.notes.allSatisfy { $0.error == nil })
    }
}
