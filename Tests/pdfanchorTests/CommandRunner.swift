import Foundation
import TestSupport

/// Runs the built `pdfanchor` binary and captures what it prints, as a user
/// would see it.
struct CommandRunner {
    struct Output {
        /// The exit code, or the signal that ended the process (see `signaled`).
        var status: Int32
        /// True when a signal ended the process.
        var signaled = false
        var stdout: String
        var stderr: String
    }

    /// The repository root.
    static let root = Repository.root

    /// The built `pdfanchor` (next to the test bundle).
    static let binary = product("pdfanchor")

    /// A built executable product of the package (see ``Repository/product(_:)``).
    static func product(_ name: String) -> URL { Repository.product(name) }

    /// Runs `pdfanchor arguments…` in `directory` (the repository root by default).
    static func run(
        _ arguments: [String], in directory: String = root, environment: [String: String] = [:], executable: URL = binary
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes at once, before waiting: a child that fills one pipe
        // while the other is being read to its end would otherwise block.
        let errRead = ErrorPipeReader(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errRead.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorPipeReader: @unchecked Sendable {
    // Written once by the reading thread, read after `done` is signalled.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
