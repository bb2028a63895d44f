import Anchoring
import Foundation
import Notes
import PDFCore
import Synchronization

/// Anchoring in worker processes, so that a PDF on which Poppler (C code)
/// crashes, hangs or runs out of memory fails alone.
///
/// The audit sends each PDF's work to a worker — `pdfanchor` itself, run
/// with a hidden subcommand — as one line of JSON on its standard input and
/// reads one line of JSON back. Workers live for many PDFs; one that dies
/// or overruns its time is killed and replaced, and the PDF gets an error
/// that says what happened.
public enum AnchorWorker {
    /// One PDF's work: open it (its status), or anchor annotations in it.
    struct Request: Codable, Sendable {
        enum Kind: String, Codable, Sendable {
            case status, anchor
        }
        var kind = Kind.anchor
        var pdf: String
        var fingerprint: PDFFingerprint?
        var items: [Item] = []
        /// The vault whose cache the worker stores results in (nil: no cache).
        var cacheVault: String? = nil
        /// Whether the reply carries each annotation's result, or counts only.
        var detail = true
        var options = AnchorOptions()
        /// Read every page of the PDF, not only those the notes need.
        var readAll = false

        struct Item: Codable, Sendable {
            var note: String
            /// SHA-256 of the note as planned: a note changed since is not anchored.
            var noteHash: String
            /// The annotations to anchor (ids, in note order).
            var ids: [String]
            var located: PDFLocator.Located
            var cacheKey: String
        }
    }

    /// The worker's answer: one report per item, or why the PDF cannot be
    /// used; for a status request, the page count or why Poppler cannot open it.
    struct Reply: Codable, Sendable {
        var reports: [CheckReport?]?
        var itemErrors: [String?]?
        var error: String?
        var pages: Int?
        var openErrorCode: String?
        var openErrorDetail: String?
    }

    /// Serves requests from standard input until it closes (the worker's
    /// main loop). Test hooks: `PDFANCHOR_TEST_WORKER_CRASH` and
    /// `PDFANCHOR_TEST_WORKER_HANG`, substrings of PDF paths on which the
    /// worker crashes or hangs on purpose.
    public static func serve() async {
        let environment = ProcessInfo.processInfo.environment
        var caches: [String: AuditCache] = [:]
        while let line = readLine(strippingNewline: true) {
            let reply: Reply
            do {
                let request = try JSONDecoder().decode(Request.self, from: Data(line.utf8))
                if let marker = environment["PDFANCHOR_TEST_WORKER_CRASH"], request.pdf.contains(marker) {
                    // As a crash in C code would end it.
                    raise(SIGSEGV)
                }
                if let marker = environment["PDFANCHOR_TEST_WORKER_HANG"], request.pdf.contains(marker) {
                    while true { sleep(60) }
                }
                var cache: AuditCache?
                if let vault = request.cacheVault {
                    if caches[vault] == nil { caches[vault] = try? AuditCache(vault: Vault(root: vault)) }
                    cache = caches[vault]
                }
                reply = await handle(request, cache: cache)
            } catch {
                reply = Reply(error: "the worker could not read its request: \(error)")
            }
            var data = (try? JSONEncoder().encode(reply)) ?? Data(#"{"error":"the worker could not write its reply"}"#.utf8)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }

    private static func handle(_ request: Request, cache: AuditCache?) async -> Reply {
        if request.kind == .status {
            do {
                return Reply(pages: try PDFDocument(path: request.pdf).pageCount)
            } catch {
                return Reply(openErrorCode: error.code, openErrorDetail: error.detail)
            }
        }
        guard let fingerprint = request.fingerprint else { return Reply(error: "the request has no fingerprint") }
        var ready: [(index: Int, source: AnnotationSource, located: PDFLocator.Located)] = []
        var errors = [String?](repeating: nil, count: request.items.count)
        for (k, item) in request.items.enumerated() {
            guard let data = FileManager.default.contents(atPath: item.note), Checksum.sha256(data) == item.noteHash else {
                errors[k] = "the note changed during the audit; audit again"
                continue
            }
            let source = AnnotationSource(path: item.note, bytes: [UInt8](data))
            let wanted = Set(item.ids)
            let subset = AnnotationSource(
                path: item.note, note: nil, annotations: source.annotations.filter { wanted.contains($0.id) }, diagnostics: [])
            ready.append((k, subset, item.located))
        }
        let checked: [CheckReport]
        do {
            checked = try await NoteChecker(options: request.options, workers: 1, readAll: request.readAll)
                .check(ready.map { ($0.source, $0.located) }, pdf: request.pdf, fingerprint: fingerprint).reports
        } catch {
            return Reply(error: error.reason)
        }
        var reports = [CheckReport?](repeating: nil, count: request.items.count)
        for (entry, report) in zip(ready, checked) {
            var report = report
            cache?.store(report: report, key: request.items[entry.index].cacheKey)
            if !request.detail { report.annotations = [] }
            reports[entry.index] = report
        }
        return Reply(reports: reports, itemErrors: errors)
    }
}

/// How the audit runs Poppler.
public enum Isolation: Sendable, Hashable {
    /// In this process (for library users and tests: a crash in Poppler
    /// ends the process).
    case inProcess
    /// In worker processes running `executable` (`pdfanchor`), each PDF
    /// within `timeout` seconds and each worker within `memoryLimit` bytes
    /// of address space.
    case workers(executable: String, timeout: Double, memoryLimit: Int)
}

/// Worker processes, reused across PDFs; at most one request per worker at
/// a time.
final class WorkerPool: Sendable {
    private let executable: String
    private let timeout: Double
    private let memoryLimit: Int
    private let idle = Mutex<[Worker]>([])

    init(executable: String, timeout: Double, memoryLimit: Int) {
        self.executable = executable
        self.timeout = timeout
        self.memoryLimit = memoryLimit
    }

    /// Sends `request` to a worker and waits for its reply, off the
    /// cooperative thread pool (the wait blocks a thread).
    func run(_ request: AnchorWorker.Request) async -> AnchorWorker.Reply {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.runBlocking(request))
            }
        }
    }

    private func runBlocking(_ request: AnchorWorker.Request) -> AnchorWorker.Reply {
        let worker: Worker
        if let reused = idle.withLock({ $0.popLast() }) {
            worker = reused
        } else {
            do {
                worker = try Worker(executable: executable, memoryLimit: memoryLimit)
            } catch {
                return AnchorWorker.Reply(error: "a worker process cannot be started (\(error))")
            }
        }
        switch worker.roundTrip(request, timeout: timeout) {
        case .success(let reply):
            idle.withLock { $0.append(worker) }
            return reply
        case .failure(let failure):
            worker.kill()
            return AnchorWorker.Reply(error: failure.description)
        }
    }

    /// Ends every idle worker (closing its input ends its loop).
    func shutdown() {
        for worker in idle.withLock({ workers in defer { workers = [] }; return workers }) { worker.finish() }
    }
}

/// Why a worker gave no reply.
enum WorkerFailure: Error, CustomStringConvertible {
    case crashed(signal: Int32)
    case exited(status: Int32)
    case timedOut(seconds: Double)
    case unreadableReply

    var description: String {
        switch self {
        case .crashed(let signal):
            let name = [SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGABRT: "SIGABRT", SIGFPE: "SIGFPE", SIGILL: "SIGILL", SIGKILL: "SIGKILL"][signal]
            return "reading the PDF crashed PDFAnchor's worker (signal \(signal)\(name.map { ", \($0)" } ?? "")); the PDF is probably damaged"
        case .exited(let status):
            return "PDFAnchor's worker stopped while reading the PDF (exit status \(status)); it may have run out of memory"
        case .timedOut(let seconds):
            return "reading the PDF took longer than \(Int(seconds)) s; stopped (see --timeout)"
        case .unreadableReply:
            return "PDFAnchor's worker gave an unreadable reply"
        }
    }
}

/// One worker process and its pipes. Used by one request at a time.
final class Worker: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Bytes read past the last reply.
    private var buffer = Data()

    init(executable: String, memoryLimit: Int) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["_anchor-worker", "--memory-limit", String(memoryLimit)]
        // A crash must end the worker at once: no backtrace (the runtime's
        // backtracer can take minutes to symbolicate, and nobody reads it).
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        // Poppler's complaints about damaged files are not the user's business;
        // how a worker ended is reported from its exit status.
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Sends one request and reads one reply line, waiting at most `timeout` seconds.
    func roundTrip(_ request: AnchorWorker.Request, timeout: Double) -> Result<AnchorWorker.Reply, WorkerFailure> {
        guard var data = try? JSONEncoder().encode(request) else { return .failure(.unreadableReply) }
        data.append(0x0A)
        // A worker that died closes its input: writing must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            try input.fileHandleForWriting.write(contentsOf: data)
        } catch {
            return .failure(ended())
        }
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                guard let reply = try? JSONDecoder().decode(AnchorWorker.Reply.self, from: line) else { return .failure(.unreadableReply) }
                return .success(reply)
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return .failure(.timedOut(seconds: timeout)) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 1) * 1000))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure(ended())
            }
            if ready == 0 { continue }
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return .failure(ended()) }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// How the process ended (it has, or is about to: its output closed).
    private func ended() -> WorkerFailure {
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal { return .crashed(signal: process.terminationStatus) }
        return .exited(status: process.terminationStatus)
    }

    /// Kills the process (a hang, or a process that is already gone).
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Lets the process end by closing its input.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
