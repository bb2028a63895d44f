import ArgumentParser
import Foundation
import Library

extension PDFAnchor {
    /// `pdfanchor _anchor-worker`: the audit's worker process (not for users).
    struct AnchorWorkerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "_anchor-worker",
            abstract: "Anchor PDFs for an audit, one request per line on stdin (used by pdfanchor audit).",
            shouldDisplay: false
        )

        @Option(help: "Address-space limit in bytes (0: none).")
        var memoryLimit: Int = 0

        @Option(help: "The audit's process id: the worker ends when that process does (default: the parent).")
        var parent: Int32?

        func run() async throws {
            if memoryLimit > 0 {
                // Poppler running out of memory then fails this worker, not the machine.
                var limit = rlimit(rlim_cur: rlim_t(memoryLimit), rlim_max: rlim_t(memoryLimit))
                setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
            }
            await AnchorWorker.serve(parent: parent ?? getppid())
        }
    }
}

/// The path of the running executable (to start workers of the same build).
/// Linux names it in `/proc`; elsewhere Foundation asks the system.
func currentExecutable() -> String {
    #if os(Linux)
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 { return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    #endif
    return Bundle.main.executablePath ?? Vault.absolute(CommandLine.arguments[0])
}
