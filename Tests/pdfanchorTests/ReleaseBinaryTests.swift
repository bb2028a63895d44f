import Foundation
import Testing
import TestSupport

/// The release build of `pdfanchor`, when the environment names one.
let releaseBinary = ProcessInfo.processInfo.environment["PDFANCHOR_RELEASE_BINARY"].map(URL.init(fileURLWithPath:))

/// The shipped binary has no test switches: run with every
/// `PDFANCHOR_TEST_*` variable set, it does what it does without them.
/// Needs a release build, named by `PDFANCHOR_RELEASE_BINARY` (Scripts/test
/// builds one and sets it).
@Suite("The release binary", .enabled(if: releaseBinary != nil, "set PDFANCHOR_RELEASE_BINARY (Scripts/test does)"))
struct ReleaseBinaryTests {
    static let binary = releaseBinary

    /// Every switch the debug build knows, aimed at the sample PDFs.
    static let switches = [
        "PDFANCHOR_TEST_WORKER_CRASH": "thesis-fine-sediment",
        "PDFANCHOR_TEST_WORKER_HANG": "estuary-flocculation",
        "PDFANCHOR_TEST_INTERRUPT": "before-rename",
    ]

    /// The audit's JSON without its timing.
    static func untimed(_ json: String) -> String {
        json.replacingOccurrences(of: #""seconds" : [0-9.e+-]+"#, with: "", options: .regularExpression)
    }

    @Test("audit: no worker crashes or hangs; the report is the one made without the switches")
    func audit() throws {
        let binary = try #require(Self.binary)
        let vault = try AuditCommandTests.sampleVault()
        let plain = try CommandRunner.run(["audit", vault, "--format", "json", "--no-cache"], executable: binary)
        let switched = try CommandRunner.run(
            ["audit", vault, "--format", "json", "--no-cache", "--timeout", "60"], environment: Self.switches, executable: binary)
        #expect(switched.status == plain.status)
        #expect(!switched.stdout.contains("crashed") && !switched.stdout.contains("gave up"))
        #expect(Self.untimed(switched.stdout) == Self.untimed(plain.stdout))
    }

    @Test("relink --write is not killed before its rename: the note is relinked")
    func relink() throws {
        let binary = try #require(Self.binary)
        let (vault, note) = try RepairCommandTests.movedVault()
        let run = try CommandRunner.run(["relink", note, "--write"], environment: Self.switches, executable: binary)
        #expect(!run.signaled && run.status == 0)
        #expect(try String(contentsOfFile: note, encoding: .utf8).contains("annotation-target: archive/Thesis (final).pdf\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: vault + "/notes").filter { $0.hasSuffix(".tmp") }.isEmpty)
    }
}
