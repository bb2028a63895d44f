import Foundation

/// Ways for the tests to make a worker crash or hang, or a note write die
/// halfway, on purpose — to show that the audit and the writer survive it.
///
/// Compiled into debug builds only (`PDFANCHOR_TEST_HOOKS`, set in
/// Package.swift for the debug configuration, which `swift test` builds):
/// a release binary has none of them and ignores the `PDFANCHOR_TEST_*`
/// variables.
public enum TestHooks {
    /// In a worker, before the job on `pdf`: crash as a crash in C code
    /// would (`PDFANCHOR_TEST_WORKER_CRASH`: a substring of the PDF's path),
    /// or hang (`PDFANCHOR_TEST_WORKER_HANG`).
    static func beforeJob(pdf: String) {
        #if PDFANCHOR_TEST_HOOKS
        let environment = ProcessInfo.processInfo.environment
        if let marker = environment["PDFANCHOR_TEST_WORKER_CRASH"], pdf.contains(marker) {
            raise(SIGSEGV)
        }
        if let marker = environment["PDFANCHOR_TEST_WORKER_HANG"], pdf.contains(marker) {
            while true { sleep(60) }
        }
        #endif
    }

    /// What a note writer does with the new version complete on disk,
    /// before renaming it into place: die, when
    /// `PDFANCHOR_TEST_INTERRUPT=before-rename`; nothing otherwise.
    public static var beforeRename: (@Sendable () -> Void)? {
        #if PDFANCHOR_TEST_HOOKS
        if ProcessInfo.processInfo.environment["PDFANCHOR_TEST_INTERRUPT"] == "before-rename" {
            return { kill(getpid(), SIGKILL) }
        }
        #endif
        return nil
    }

    /// What another program does to a file just replaced (its previous
    /// version held, not yet settled): when the replaced file's path
    /// contains `PDFANCHOR_TEST_APPEND_AFTER_RENAME`, append a line to the
    /// held previous version, as a PDF reader that kept the file open and
    /// saved its own update into it would.
    static func afterRename(path: String, held: String) {
        #if PDFANCHOR_TEST_HOOKS
        guard let marker = ProcessInfo.processInfo.environment["PDFANCHOR_TEST_APPEND_AFTER_RENAME"], path.contains(marker) else { return }
        let fd = open(held, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = "\n% saved by another program\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        #endif
    }
}
