import Foundation
import Testing

/// Every input the fuzzers ever found a problem with (Tests/Fixtures/fuzz/,
/// written there by Scripts/fuzz) and every seed, replayed through the
/// fuzz targets built normally: each must be read without a crash and keep
/// the targets' invariants.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static func files(_ folders: [String]) throws -> [String] {
        try folders.flatMap { folder -> [String] in
            let path = CommandRunner.root + "/" + folder
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
        }
    }

    @Test("the note reader and writer", arguments: [["Tests/Fixtures/fuzz/notes", "Tests/NotesTests/Fixtures"]])
    func notes(_ folders: [String]) throws {
        let inputs = try Self.files(folders)
        #expect(inputs.count > 20)
        let output = try CommandRunner.run(inputs, executable: CommandRunner.product("fuzz-notes"))
        #expect(output.status == 0 && !output.signaled, "\(output.stderr)")
    }

    @Test("the fingerprint reader", arguments: [["Tests/Fixtures/fuzz/fingerprint", "SamplePDFs/edge-cases"]])
    func fingerprints(_ folders: [String]) throws {
        let inputs = try Self.files(folders)
        #expect(inputs.count > 15)
        let output = try CommandRunner.run(inputs, executable: CommandRunner.product("fuzz-fingerprint"))
        #expect(output.status == 0 && !output.signaled, "\(output.stderr)")
    }
}
