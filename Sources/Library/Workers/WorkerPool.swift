import Foundation
import Synchronization

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
/// a time. A worker is replaced after ``jobsPerWorker`` PDFs: what Poppler
/// and the runtime keep between documents (about 0.15 MiB a PDF, measured
/// on 10,000) is bounded, not grown for the whole audit.
final class WorkerPool: Sendable {
    private let executable: String
    private let timeout: Double
    private let memoryLimit: Int
    private let idle = Mutex<[Worker]>([])
    /// How many PDFs a worker reads before it is replaced.
    let jobsPerWorker: Int
    /// How many workers were started (for tests).
    let started = Atomic<Int>(0)

    init(executable: String, timeout: Double, memoryLimit: Int, jobsPerWorker: Int = 200) {
        // A worker that died closes its input: writing to it must not kill
        // the audit with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        Worker.forwardInterrupts()
        self.executable = executable
        self.timeout = timeout
        self.memoryLimit = memoryLimit
        self.jobsPerWorker = max(1, jobsPerWorker)
    }

    /// Sends `job` to a worker and waits for its result, off the
    /// cooperative thread pool (the wait blocks a thread).
    func run(_ job: PDFJob) async -> PDFJob.Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.runBlocking(job))
            }
        }
    }

    private func runBlocking(_ job: PDFJob) -> PDFJob.Result {
        let worker: Worker
        if let reused = idle.withLock({ $0.popLast() }) {
            worker = reused
        } else {
            do {
                worker = try Worker(executable: executable, memoryLimit: memoryLimit)
                started.add(1, ordering: .relaxed)
            } catch {
                return PDFJob.Result(error: "a worker process cannot be started (\(error))")
            }
        }
        switch worker.roundTrip(job, timeout: timeout) {
        case .success(let result):
            worker.jobs += 1
            if worker.jobs >= jobsPerWorker {
                worker.finish()
            } else {
                idle.withLock { $0.append(worker) }
            }
            return result
        case .failure(let failure):
            worker.kill()
            return PDFJob.Result(error: failure.description)
        }
    }

    /// Ends every idle worker (closing its input ends its loop).
    func shutdown() {
        for worker in idle.withLock({ workers in defer { workers = [] }; return workers }) { worker.finish() }
    }
}

/// Why a worker gave no reply.
enum WorkerFailure: Error, CustomStringConvertible {
    case crashed(signal: Int32, memoryLimit: Int)
    case exited(status: Int32)
    case timedOut(seconds: Double)
    case unreadableReply

    var description: String {
        switch self {
        case .crashed(let signal, let memoryLimit):
            let name = [SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGABRT: "SIGABRT", SIGFPE: "SIGFPE", SIGILL: "SIGILL", SIGKILL: "SIGKILL"][signal]
            let crashed = "reading the PDF crashed PDFAnchor's worker (signal \(signal)\(name.map { ", \($0)" } ?? ""))"
            if signal == SIGABRT, memoryLimit > 0 {
                // Poppler aborts when an allocation fails: the likely cause under a limit.
                return crashed + "; most likely it ran out of its memory limit (\(memoryLimit >> 20) MiB: raise --worker-memory), else the PDF is damaged"
            }
            return crashed + "; the PDF is probably damaged"
        case .exited(let status):
            return "PDFAnchor's worker stopped while reading the PDF (exit status \(status)); it may have run out of memory"
        case .timedOut(let seconds):
            let limit = seconds >= 1 ? String(Int(seconds)) : String(format: "%.2g", seconds)
            return "reading the PDF took longer than \(limit) s; stopped (see --timeout)"
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
    /// How many jobs this worker has done.
    var jobs = 0

    /// The workers running now, by process id (for ``forwardInterrupts()``).
    private static let running = Mutex<Set<Int32>>([])
    private let memoryLimit: Int

    /// Makes SIGINT and SIGTERM end every worker before the audit itself
    /// ends (once per process).
    static func forwardInterrupts() {
        interruptSources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    // The workers killed next must not be taken for failures
                    // the audit goes on from, to end with its own exit code.
                    interrupted.withLock { $0 = true }
                    for pid in running.withLock({ $0 }) { Foundation.kill(pid, SIGKILL) }
                    // As the default action would: end with the signal — sent to the
                    // process (this thread blocks it), else the shell's 128 + signal.
                    signal(number, SIG_DFL)
                    Foundation.kill(getpid(), number)
                    usleep(200_000)
                    _exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Set when SIGINT or SIGTERM came: the process is ending.
    static let interrupted = Mutex(false)

    /// The signal sources, kept alive for the life of the process.
    private static let interruptSources = Mutex<[any DispatchSourceSignal]>([])

    init(executable: String, memoryLimit: Int) throws {
        self.memoryLimit = memoryLimit
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["_anchor-worker", "--memory-limit", String(memoryLimit), "--parent", String(getpid())]
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
        let pid = process.processIdentifier
        Self.running.withLock { _ = $0.insert(pid) }
    }

    deinit {
        let pid = process.processIdentifier
        Self.running.withLock { _ = $0.remove(pid) }
    }

    /// Sends one job and reads one result line, waiting at most `timeout` seconds.
    func roundTrip(_ job: PDFJob, timeout: Double) -> Result<PDFJob.Result, WorkerFailure> {
        guard var data = try? JSONEncoder().encode(job) else { return .failure(.unreadableReply) }
        data.append(0x0A)
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
                guard let result = try? JSONDecoder().decode(PDFJob.Result.self, from: line) else { return .failure(.unreadableReply) }
                return .success(result)
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
        // Killed by an interrupt: the process ends with the signal in a moment.
        while Self.interrupted.withLock({ $0 }) { usleep(100_000) }
        if process.terminationReason == .uncaughtSignal { return .crashed(signal: process.terminationStatus, memoryLimit: memoryLimit) }
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
