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

    @Test(
        "each fuzz target reads every input it or its seeds ever had",
        arguments: [
            ("fuzz-notes", ["Tests/Fixtures/fuzz/notes", "Tests/NotesTests/Fixtures"], 20),
            ("fuzz-fingerprint", ["Tests/Fixtures/fuzz/fingerprint", "SamplePDFs/edge-cases"], 15),
        ])
    func replay(target: String, folders: [String], atLeast: Int) throws {
        let inputs = try Self.files(folders)
        #expect(inputs.count > atLeast)
        let output = try CommandRunner.run(inputs, executable: CommandRunner.product(target))
        #expect(output.status == 0 && !output.signaled, "\(output.stderr)")
    }
}
