import Anchoring
import Foundation
import Notes
import PDFCore
import Synchronization

/// Anchoring in worker processes, so that a PDF on which Poppler (C code)
/// crashes, hangs or runs out of memory fails alone.
///
/// The audit sends each PDF's job (``PDFJob``) to a worker — `pdfanchor`
/// itself, run with a hidden subcommand — as one line of JSON on its
/// standard input and reads the job's result back as one line of JSON.
/// Workers live for many PDFs; one that dies or overruns its time is
/// killed and replaced, and the PDF gets an error that says what happened.
public enum AnchorWorker {
    /// Serves jobs from standard input until it closes (the worker's main
    /// loop). In debug builds, ``TestHooks`` may crash or hang it on purpose.
    /// Serves jobs until its input ends, or its parent `parent` (the audit) does.
    public static func serve(parent: Int32) async {
        watchParent(parent)
        var caches: [String: AuditCache] = [:]
        while let line = readLine(strippingNewline: true) {
            let result: PDFJob.Result
            do {
                let job = try JSONDecoder().decode(PDFJob.self, from: Data(line.utf8))
                TestHooks.beforeJob(pdf: job.pdf)
                var cache: AuditCache?
                if let vault = job.cacheVault {
                    if caches[vault] == nil { caches[vault] = try? AuditCache(vault: Vault(root: vault)) }
                    cache = caches[vault]
                }
                result = await job.run(cache: cache)
            } catch {
                result = PDFJob.Result(error: "the worker could not read its job: \(error)")
            }
            var data = (try? JSONEncoder().encode(result)) ?? Data(#"{"error":"the worker could not write its result"}"#.utf8)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }

    /// Ends this worker within half a second of its audit's end, however
    /// that ended (SIGKILL included), even in the middle of a long job: a
    /// thread checks that the parent is still `parent`.
    /// (Linux's PR_SET_PDEATHSIG is not callable from Swift: `prctl` is variadic.)
    static func watchParent(_ parent: Int32) {
        // Given by the parent: one that died before this line would leave getppid() already 1.
        Thread.detachNewThread {
            while true {
                usleep(500_000)
                if getppid() != parent { _exit(0) }
            }
        }
    }
}
