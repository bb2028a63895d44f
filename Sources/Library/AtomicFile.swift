public import Foundation

/// Why a file could not be written. Nothing is left half-written.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// True when the file changed on disk after it was read: the write was
    /// refused so as not to lose that change.
    public var changedOnDisk = false

    public init(path: String, reason: String, changedOnDisk: Bool = false) {
        self.path = path
        self.reason = reason
        self.changedOnDisk = changedOnDisk
    }

    public var description: String { "\(path): cannot be written: \(reason)" }
}

/// Writes files so that readers see either the old content or the new,
/// never a mix: the data goes to a temporary file in the same folder, is
/// flushed to disk (`fsync`), then renamed over the target (`rename` is
/// atomic within a file system), and the folder is flushed too.
///
/// A symbolic link is written through: the file it points to is replaced,
/// the link stays.
public enum AtomicFile {
    /// Writes `data` to `path` atomically.
    /// - Parameters:
    ///   - unchangedFrom: when given, the write is refused (nothing written,
    ///     ``WriteError/changedOnDisk`` set) unless the file still holds
    ///     exactly these bytes just before it is replaced.
    ///   - beforeRename: called after the temporary file is complete and
    ///     synced, before the rename (for tests that interrupt a write).
    public static func write(
        _ data: Data, to path: String, unchangedFrom expected: Data? = nil, beforeRename: (() -> Void)? = nil
    ) throws(WriteError) {
        let target = resolvingLink(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".pdfanchor-"
        removeAbandoned(in: folder, prefix: prefix)
        let temporary = folder + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        // Keep the permissions of the file being replaced.
        var info = stat()
        if stat(target, &info) == 0 { chmod(temporary, info.st_mode & 0o7777) }
        beforeRename?()
        if let expected, FileManager.default.contents(atPath: target) != expected {
            unlink(temporary)
            throw WriteError(path: path, reason: "it changed on disk since it was read; nothing was written", changedOnDisk: true)
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        // Make the rename itself durable.
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    /// Writes a UTF-8 string to `path` atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// The file a symbolic link at `path` points to (through every link),
    /// or `path` itself.
    static func resolvingLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Removes temporary files that an interrupted write left behind (their
    /// process is gone).
    private static func removeAbandoned(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pid = name.dropFirst(prefix.count).prefix { $0.isNumber }
            if let pid = Int32(pid), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink(folder + "/" + name)
            }
        }
    }
}
