import Foundation
import Testing
import TestSupport

/// `migrate --write` while other programs use the vault's files, and killed.
@Suite("migrate never damages a PDF nor leaves a link to nothing")
struct MigrateSafetyTests {
    @Test("--to pdfplus: a PDF another program saves into during the run keeps that program's version, and every link to it stays; only what was written is counted")
    func pdfChangedDuringPDFPlus() throws {
        let vault = try AuditCommandTests.sampleVault()
        let log = vault + "/log.md"
        let links = "See [[thesis-fine-sediment#^07v2kfd5p]] and [[notes/thesis-fine-sediment#^0zdt52k61|the mean]].\n"
        try links.write(toFile: log, atomically: true, encoding: .utf8)
        let thesis = vault + "/papers/thesis-fine-sediment.pdf"
        let original = try Data(contentsOf: URL(fileURLWithPath: thesis))

        let dry = try CommandRunner.run(["migrate", vault, "--to", "pdfplus"])
        #expect(dry.stderr.contains("2 PDFs and 2 links to change."), "\(dry.stderr)")
        let run = try CommandRunner.run(
            ["migrate", vault, "--to", "pdfplus", "--write"], environment: ["PDFANCHOR_TEST_APPEND_AFTER_RENAME": "thesis-fine-sediment.pdf"])
        #expect(run.status == 1, "a PDF changed by another program: named, run again")
        #expect(run.stderr.contains("\(thesis): cannot be written: another program changed it"), "\(run.stderr)")
        // Its bytes are the other program's, whole: the original and its update, nothing of ours.
        #expect(try Data(contentsOf: URL(fileURLWithPath: thesis)) == original + Data("\n% saved by another program\n".utf8))
        #expect(try String(contentsOfFile: log, encoding: .utf8) == links, "links to its highlights stay as they were")
        #expect(run.stdout.contains("1 PDF written, 0 links rewritten;"), "\(run.stdout)")
        #expect(run.stdout.contains("log.md: 2 links stay as they are — 2 in a PDF not written: [[thesis-fine-sediment#^07v2kfd5p]], [[notes/thesis-fine-sediment#^0zdt52k61|the mean]]"), "\(run.stdout)")
        // The thesis's 92 annotations, less the 6 from another document (the sample truth), are left with it.
        #expect(run.stdout.contains("Left behind: 102 highlights — 16 not found; 86 in a PDF not written; 1 note not migrated"), "\(run.stdout)")
    }

    @Test("killed before the new PDF is in place: the private PDF is whole, its temporary beside it private (0600), nothing in TMPDIR; the next run cleans up")
    func killedPrivatePDF() throws {
        let vault = try AuditCommandTests.sampleVault()
        let temporary = try Scratch.folder()
        let thesis = vault + "/papers/thesis-fine-sediment.pdf"
        let original = try Data(contentsOf: URL(fileURLWithPath: thesis))
        for name in try FileManager.default.contentsOfDirectory(atPath: vault + "/papers") {
            #expect(chmod(vault + "/papers/" + name, 0o600) == 0)
        }
        let killed = try CommandRunner.run(
            ["migrate", vault, "--to", "zotero", "--write"], environment: ["PDFANCHOR_TEST_INTERRUPT": "before-rename", "TMPDIR": temporary])
        #expect(killed.signaled && killed.status == SIGKILL)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: vault + "/papers").filter { $0.hasSuffix(".tmp") }
        #expect(!leftovers.isEmpty, "the kill came with the new version complete beside the PDF")
        for name in leftovers {
            var info = stat()
            #expect(stat(vault + "/papers/" + name, &info) == 0 && info.st_mode & 0o077 == 0, "\(name): \(String(info.st_mode & 0o777, radix: 8))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "no working copy left in TMPDIR")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: vault + "/papers").filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.contains("thesis-fine-sediment.pdf"))
        let now = try Data(contentsOf: URL(fileURLWithPath: thesis))
        #expect(now == original || now.starts(with: original), "original, or original plus annotations")

        let again = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--write"], environment: ["TMPDIR": temporary])
        // 1: the sample vault's revised note cannot be migrated (its PDF was replaced).
        #expect(again.status == 1 && again.stdout.contains("2 PDFs written"), "\(again.stdout)\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: vault + "/papers").allSatisfy { !$0.hasSuffix(".tmp") })
        var info = stat()
        #expect(stat(thesis, &info) == 0 && info.st_mode & 0o777 == 0o600, "the PDF's mode kept")
    }

    @Test("a note larger than any note is refused before it is read: check exits 2 naming it, the audit names it and goes on")
    func hugeNote() throws {
        let vault = try AuditCommandTests.sampleVault()
        let huge = vault + "/notes/huge.md"
        // An annotation note by its front matter, the rest sparse (never written to disk).
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("---\nannotation-target: papers/thesis-fine-sediment.pdf\n---\n".utf8)))
        #expect(truncate(huge, off_t((16 << 20) + 1)) == 0)
        let check = try CommandRunner.run(["check", huge])
        #expect(check.status == 2)
        #expect(check.stderr.contains("\(huge): cannot be read: it is 16.0 MiB (16777217 bytes), more than the 16 MiB a note may have"), "\(check.stderr)")
        let audit = try CommandRunner.run(["audit", vault, "--no-cache"])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("huge.md") && audit.stdout.contains("16 MiB a note may have"), "\(audit.stdout)")
    }
}
