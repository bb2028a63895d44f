import Foundation
import Testing
import TestSupport

/// One rule for the vault, as git finds its repository: from the current
/// folder (audit, relink, migrate) or the note (check, extract, refresh,
/// export-pdf), the nearest folder above holding `.obsidian/`; `--vault`
/// overrides it and must exist.
@Suite("the vault from any folder")
struct VaultRuleTests {
    /// Every file under `folder` (paths relative to it), hidden ones included.
    static func files(in folder: String) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
    }

    @Test("audit run in a subfolder audits the whole vault, as from its root, and writes its cache only in VAULT/.pdfanchor/")
    func auditFromSubfolder() throws {
        let vault = try AuditCommandTests.sampleVault()
        let fromRoot = try CommandRunner.run(["audit", "--format", "json", "--no-cache"], in: vault)
        let fromNotes = try CommandRunner.run(["audit", "--format", "json"], in: vault + "/notes")
        let fromPapers = try CommandRunner.run(["audit", "notes", "--format", "json", "--no-cache"], in: vault)
        for output in [fromRoot, fromNotes, fromPapers] {
            // The sample vault's notes hold problems by design (exit 1); three notes, 286 annotations (a hand count of their blocks).
            #expect(output.status == 1, "\(output.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            let notes = try #require(report["notes"] as? [[String: Any]])
            #expect(notes.map { $0["path"] as? String } == [
                "notes/estuary-flocculation-revised.md", "notes/estuary-flocculation.md", "notes/thesis-fine-sediment.md",
            ])
            #expect(report["vault"] as? String == vault)
            #expect(!output.stderr.contains("taken as the vault"))
        }
        #expect(!FileManager.default.fileExists(atPath: vault + "/notes/.pdfanchor"))
        #expect(FileManager.default.fileExists(atPath: vault + "/.pdfanchor"))
    }

    @Test("check and extract of a note given from a subfolder use the vault above: vault links, not file:// ones")
    func noteFromSubfolder() throws {
        let vault = try AuditCommandTests.sampleVault()
        let before = Self.files(in: vault)
        let extract = try CommandRunner.run(["extract", "thesis-fine-sediment.md"], in: vault + "/notes")
        #expect(extract.status == 0, "\(extract.stderr)")
        #expect(extract.stdout.contains("[[papers/thesis-fine-sediment.pdf#page="))
        #expect(!extract.stdout.contains("file://"))
        #expect(!extract.stderr.contains("taken as the vault"))
        let check = try CommandRunner.run(["check", "thesis-fine-sediment.md", "--format", "json"], in: vault + "/notes")
        #expect(check.stdout.contains("\"path\" : \"\(vault)/papers/thesis-fine-sediment.pdf\""), "\(check.stderr)")
        #expect(Self.files(in: vault) == before, "nothing written")
    }

    @Test("--vault that does not exist, or is a file, is a usage error (exit 2) naming it; nothing is written")
    func missingVault() throws {
        let vault = try AuditCommandTests.sampleVault()
        let before = Self.files(in: vault)
        let note = vault + "/notes/thesis-fine-sediment.md"
        for given in [vault + "/no/such/folder", note] {
            for arguments in [["check", note], ["extract", note], ["refresh", note], ["export-pdf", note, "-o", vault + "/out.pdf"]] {
                let output = try CommandRunner.run(arguments + ["--vault", given])
                #expect(output.status == 2, "\(arguments[0]): \(output.stderr)")
                #expect(output.stderr.contains("--vault \(given)"), "\(arguments[0]): \(output.stderr)")
            }
        }
        #expect(Self.files(in: vault) == before)
    }

    @Test("without .obsidian/ above, the folder taken as the vault is said once, however many notes")
    func noObsidian() throws {
        let vault = try AuditCommandTests.sampleVault()
        try FileManager.default.removeItem(atPath: vault + "/.obsidian")
        let output = try CommandRunner.run(["extract", "notes", "--format", "csv"], in: vault)
        let said = output.stderr.components(separatedBy: "is taken as the vault").count - 1
        #expect(said == 1, "\(output.stderr)")
        #expect(output.stderr.contains("no .obsidian/ folder in \(vault)/notes or above"))
    }

    @Test("relink and migrate run in a subfolder find the vault above: the same dry run as from its root")
    func repairFromSubfolder() throws {
        let vault = try AuditCommandTests.sampleVault()
        for command in [["relink", "--no-cache"], ["migrate", "--to", "zotero"]] {
            let fromRoot = try CommandRunner.run(command, in: vault)
            let fromNotes = try CommandRunner.run(command, in: vault + "/notes")
            #expect(fromNotes.status == fromRoot.status, "\(command[0]): \(fromNotes.stderr)")
            // The disk's free space may move between the two runs.
            let free = /\([0-9.]+ [KMGT]iB free\)/
            #expect(fromNotes.stdout.replacing(free, with: "(free)") == fromRoot.stdout.replacing(free, with: "(free)"), "\(command[0])")
            #expect(fromNotes.stderr == fromRoot.stderr, "\(command[0])")
            #expect(!(fromNotes.stdout + fromNotes.stderr).isEmpty, "\(command[0])")
        }
        #expect(!FileManager.default.fileExists(atPath: vault + "/notes/.pdfanchor"))
    }

    @Test("refresh --diff run from a vault without .obsidian/, with --vault ., gives paths patch -p1 applies there")
    func diffFromRoot() throws {
        let vault = try AuditCommandTests.sampleVault()
        try FileManager.default.removeItem(atPath: vault + "/.obsidian")
        let copy = Scratch.freshPath("patched-vault")
        try FileManager.default.copyItem(atPath: vault, toPath: copy)
        let patch = try CommandRunner.run(["refresh", "notes/estuary-flocculation-revised.md", "--diff", "--vault", "."], in: vault)
        #expect(patch.status == 1, "\(patch.stderr)")
        #expect(patch.stdout.hasPrefix("--- a/notes/estuary-flocculation-revised.md"))
        #expect(try RepairCommandTests.applyPatch(patch.stdout, in: copy) == 0)
    }

    @Test("without .obsidian/, a note given from a folder above it takes that folder, as audit does from there")
    func noObsidianFromAbove() throws {
        let vault = try AuditCommandTests.sampleVault()
        try FileManager.default.removeItem(atPath: vault + "/.obsidian")
        let extract = try CommandRunner.run(["extract", "notes/thesis-fine-sediment.md"], in: vault)
        #expect(extract.status == 0, "\(extract.stderr)")
        #expect(extract.stderr.contains("\(vault) is taken as the vault"))
        #expect(extract.stdout.contains("[[papers/thesis-fine-sediment.pdf#page="), "vault links, not file:// ones")
        #expect(!extract.stdout.contains("file://"))
    }

    @Test("a vault inside the vault is its own: the outer audit leaves its notes alone and says so")
    func nestedVault() throws {
        let outer = try Scratch.folder("outer")
        try FileManager.default.createDirectory(atPath: outer + "/.obsidian", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandRunner.root + "/SamplePDFs", toPath: outer + "/inner")
        let audit = try CommandRunner.run(["audit", "--format", "json", "--no-cache"], in: outer)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        #expect((report["notes"] as? [[String: Any]])?.isEmpty == true, "\(audit.stdout.prefix(300))")
        #expect(audit.stderr.contains("inner is a vault of its own"), "\(audit.stderr)")
        let relink = try CommandRunner.run(["relink", "--no-cache"], in: outer)
        #expect(!relink.stdout.contains("inner/papers"), "\(relink.stdout)")
    }

    @Test("the obsidian:// link names the vault's own folder, also through a symbolic link to it")
    func symlinkedVaultName() throws {
        let vault = try AuditCommandTests.sampleVault()
        let link = Scratch.freshPath("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: vault)
        let html = try CommandRunner.run(["extract", link + "/notes/thesis-fine-sediment.md", "--format", "html", "-o", vault + "/../r-\(UUID().uuidString.prefix(6)).html"])
        #expect(html.status == 0, "\(html.stderr)")
        let written = try #require(html.stderr.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let page = try String(contentsOfFile: written, encoding: .utf8)
        #expect(page.contains("obsidian://open?vault=\((vault as NSString).lastPathComponent)&"), "\(written)")
        #expect(!page.contains("obsidian://open?vault=\((link as NSString).lastPathComponent)&"))
    }
}
