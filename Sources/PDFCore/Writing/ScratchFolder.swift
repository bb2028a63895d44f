import Foundation

/// A private folder for working copies: `$TMPDIR/pdfanchor-PID-XXXXXX`,
/// mode 0700, its files made with mode 0600 (see ``file(_:)``), removed
/// with everything in it when the owner is released. A folder a killed run
/// left (its process gone) is removed by the next run that makes one.
///
/// Not `Sendable`: one owner, one task.
public final class ScratchFolder {
    /// The folder's absolute path.
    public let path: String

    /// Makes a new private folder in the temporary folder (`TMPDIR`).
    /// - Throws: ``PDFError/writeFailed(path:reason:)`` naming `purpose`
    ///   (the file the work is for) when the folder cannot be made.
    public init(for purpose: String) throws(PDFError) {
        let base = FileManager.default.temporaryDirectory.path
        Self.sweep()
        var template = Array((base + "/pdfanchor-\(getpid())-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .writeFailed(path: purpose, reason: "no working folder can be made in \(base) (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder")
        }
        path = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path for a file named `name` in the folder, made empty with mode
    /// 0600 so that whatever writes it later (Poppler opens with `fopen`,
    /// which keeps an existing file's mode) cannot make it readable to others.
    public func file(_ name: String) -> String {
        let file = path + "/" + name
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
        return file
    }

    /// Why writing `bytes` more into the folder would fail for lack of room,
    /// or nil: for saying "the temporary folder is full" rather than what a
    /// truncated file looks like.
    public func lacksRoom(for bytes: Int) -> String? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        guard free < UInt64(max(bytes, 0)) + 1_048_576 else { return nil }
        return "the temporary folder \((path as NSString).deletingLastPathComponent) is full (\(free / 1024) KiB free); free some space or set TMPDIR to another folder"
    }

    /// Removes the working folders that killed runs left in the temporary
    /// folder (their process gone). The first new folder does this itself;
    /// commands that may write PDFs call it at their start, whatever they
    /// then do.
    /// Once per process: a migrate of a thousand PDFs lists the temporary
    /// folder once, not once per PDF.
    public static func sweep() { _ = swept }

    private static let swept: Void = removeAbandoned(in: FileManager.default.temporaryDirectory.path)

    /// Removes the `pdfanchor-PID-*` folders in `base` whose process is
    /// gone (``sweep()`` does it once for the temporary folder).
    public static func removeAbandoned(in base: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("pdfanchor-") {
            let pid = name.dropFirst("pdfanchor-".count).prefix { $0.isNumber }
            guard let pid = Int32(pid), pid != getpid(), !RunningProcess.isPDFAnchor(pid) else { continue }
            var info = stat()
            guard lstat(base + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else { continue }
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
    }
}

/// Whether a process that left a temporary file is still at work.
public enum RunningProcess {
    /// Whether process `pid` is alive and a PDFAnchor (process ids are
    /// reused: a live process of that id that is something else did not
    /// leave the file). Where the process's name cannot be read (no
    /// `/proc`), a live process counts as PDFAnchor: its files are kept.
    public static func isPDFAnchor(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno != ESRCH else { return false }
        guard let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return true }
        return name.lowercased().hasPrefix("pdfanchor")
    }
}
