import Foundation
import Testing
import TestSupport

/// An audit's worker processes end with it, however it ends.
@Suite("Audit workers die with their audit")
struct WorkerLifetimeTests {
    /// The processes whose environment holds `tag` (the audit's workers inherit it).
    static func processes(tagged tag: String) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).filter { pid in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environment.range(of: Data(tag.utf8)) != nil
        }
    }

    @Test("killed with SIGKILL, SIGTERM or SIGINT mid-audit (a worker busy on a hanging PDF), no worker outlives it", arguments: [SIGKILL, SIGTERM, SIGINT])
    func parentKilled(_ signal: Int32) throws {
        let vault = try AuditCommandTests.sampleVault()
        let tag = "PDFANCHOR_TEST_RUN=\(UUID().uuidString)"
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["audit", vault, "--no-cache"]
        var environment = ProcessInfo.processInfo.environment
        environment["PDFANCHOR_TEST_WORKER_HANG"] = "thesis-fine-sediment"
        environment["PDFANCHOR_TEST_RUN"] = String(tag.dropFirst("PDFANCHOR_TEST_RUN=".count))
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the workers are up (the hanging one stays busy).
        var deadline = Date().addingTimeInterval(20)
        while Self.processes(tagged: tag).count < 2, Date() < deadline { usleep(100_000) }
        #expect(Self.processes(tagged: tag).count >= 2, "the audit and at least one worker ran")
        let sent = Date()
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 2, "the audit itself ends at once")
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 128 + signal, "status \(process.terminationStatus), reason \(process.terminationReason.rawValue)")
        deadline = Date().addingTimeInterval(5)
        while !Self.processes(tagged: tag).isEmpty, Date() < deadline { usleep(100_000) }
        #expect(Self.processes(tagged: tag).isEmpty, "workers left: \(Self.processes(tagged: tag))")
    }
}
