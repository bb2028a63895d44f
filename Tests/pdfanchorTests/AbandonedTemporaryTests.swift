import Foundation
import Testing
import TestSupport

/// What a killed write leaves beside a file (`.NAME.pdfanchor-PID-N.tmp`,
/// and the held previous version `…-held.tmp`) is removed by the next run
/// that writes in that folder, and only when its process is gone.
@Suite("Temporaries of killed runs")
struct AbandonedTemporaryTests {
    /// A process id that was alive a moment ago and is not any more.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Plants, in `folder`, a held copy of `name` as a run of `pid` would leave it.
    static func plant(_ folder: String, _ name: String, pid: Int32) throws -> String {
        let path = folder + "/.\(name).pdfanchor-\(pid)-\(UInt32.random(in: 1...UInt32.max))-held.tmp"
        try Data("# the old note\n".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "relink, refresh (also with nothing to write), export-pdf, extract -o and audit -o remove a dead run's held copy in the folder they write to, and keep a live process's",
        arguments: [
            ["relink", "VAULT", "--write"],
            ["refresh", "VAULT/notes/estuary-flocculation-revised.md", "--write"],
            ["refresh", "VAULT/notes/thesis-fine-sediment.md", "--write"],
            ["export-pdf", "VAULT/notes/thesis-fine-sediment.md", "-o", "VAULT/notes/copy.pdf"],
            ["extract", "VAULT/notes/thesis-fine-sediment.md", "-o", "VAULT/notes/extract.md"],
            ["audit", "VAULT", "--format", "md", "-o", "VAULT/notes/audit.md"],
        ])
    func swept(arguments: [String]) throws {
        let vault = try AuditCommandTests.sampleVault()
        let notes = vault + "/notes"
        let dead = try Self.plant(notes, "estuary-flocculation-revised.md", pid: try Self.deadPID())
        // The test's own process lives: its held copy is how it would see an append, and stays.
        let live = try Self.plant(notes, "estuary-flocculation-revised.md", pid: getpid())
        let run = try CommandRunner.run(arguments.map { $0.replacingOccurrences(of: "VAULT", with: vault) })
        #expect(run.status != 2, "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead), "\(arguments): the dead run's copy is removed")
        #expect(FileManager.default.fileExists(atPath: live), "\(arguments): the live process's copy stays")
    }

    @Test("a dry run removes nothing; a run that writes elsewhere leaves other folders alone")
    func dryRun() throws {
        let vault = try AuditCommandTests.sampleVault()
        let dead = try Self.plant(vault + "/notes", "thesis-fine-sediment.md", pid: try Self.deadPID())
        #expect(try CommandRunner.run(["refresh", vault + "/notes/estuary-flocculation-revised.md"]).status == 1)
        #expect(try CommandRunner.run(["relink", vault]).status == 0)
        let out = try Scratch.folder("abandoned-elsewhere")
        #expect(try CommandRunner.run(["extract", vault + "/notes/thesis-fine-sediment.md", "-o", out + "/x.md"]).status != 2)
        #expect(FileManager.default.fileExists(atPath: dead))
    }
}
