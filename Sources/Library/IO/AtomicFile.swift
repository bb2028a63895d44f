public import Foundation
import PDFCore
import Synchronization

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
    ///   - permissions: the mode of a new file (an existing file's own mode
    ///     is kept). The temporary file is made with mode 0600 whatever
    ///     this is, and given its final mode only once complete.
    ///   - mergingAppends: with `unchangedFrom`, what another program
    ///     appends to the replaced version while the run settles is
    ///     appended to the new one (right for a note, whose lines stand on
    ///     their own). False for a PDF, whose appended update is only valid
    ///     after the bytes it was made for: any change then puts the other
    ///     program's version back and refuses ours.
    ///   - beforeRename: called after the temporary file is complete and
    ///     synced, before the rename (for tests that interrupt a write).
    /// - Returns: with `unchangedFrom`, the replaced version, still held:
    ///   pass it to ``settle(_:grace:)`` once the run's writes are done.
    @discardableResult
    public static func write(
        _ data: Data, to path: String, unchangedFrom expected: Data? = nil, permissions: mode_t = 0o644,
        mergingAppends: Bool = true, beforeRename: (() -> Void)? = nil
    ) throws(WriteError) -> Held? {
        if expected == nil, let descriptor = standardDescriptor(path) {
            // `-o /dev/stdout` is whatever stdout is — a file opened for appending, a
            // pipe: written through the descriptor, as a shell redirection would.
            if let failure = writeAll(data, to: descriptor) { throw WriteError(path: path, reason: failure) }
            return nil
        }
        let target = resolvingLink(path)
        var existing = stat()
        if expected == nil, stat(target, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFREG, (existing.st_mode & S_IFMT) != S_IFDIR {
            // A device, a FIFO or a socket (`-o /dev/null`): written to, never replaced.
            try writeDirectly(data, to: target, path: path)
            return nil
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + shortened(url.lastPathComponent) + ".pdfanchor-"
        removeAbandoned(besides: [target])
        let temporary = folder + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        // Private until complete: a private file's bytes are never readable
        // by others, even for a moment or after a kill.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure = writeAll(data, to: fd)
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        // Keep the permissions, owner and group of the file being replaced
        // (the owner only when running as root; otherwise it is ours anyway);
        // a new file gets `permissions`, whatever the umask.
        var info = stat()
        if stat(target, &info) == 0 {
            if info.st_uid != geteuid() || info.st_gid != getegid() { _ = chown(temporary, info.st_uid, info.st_gid) }
            chmod(temporary, info.st_mode & 0o7777)
        } else {
            chmod(temporary, permissions)
        }
        beforeRename?()
        var held: Held?
        if let expected {
            held = try replace(
                target, with: temporary, holding: data, ifStill: expected, path: path, folder: folder, prefix: prefix, mergingAppends: mergingAppends)
        } else {
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
        }
        // Make the rename itself durable.
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
        return held
    }

    /// Renames `temporary` over `target` unless `target` no longer holds
    /// `expected` — closing the window in which another program's edit could
    /// be lost as far as POSIX allows:
    ///
    /// 1. a hard link holds the file as it is now, and its bytes are compared
    ///    with `expected`;
    /// 2. just before the rename, the file at `target` must still be that
    ///    one (same inode, size and modification time);
    /// 3. after the rename, and again when the run settles
    ///    (``settle(_:grace:)``), the held file must be unchanged; what was
    ///    appended to it meanwhile is appended to the new version when
    ///    `mergingAppends` (a note), and any other change — any change at
    ///    all to a PDF — puts the other program's version back (the write is
    ///    then refused).
    ///
    /// What remains: a program that replaces the file by renaming its own
    /// over it in the microseconds between step 2 and the rename loses its
    /// version (Linux's `renameat2(RENAME_EXCHANGE)` would close that too),
    /// and one that keeps the old file open and writes into it after the run
    /// settles writes into a file no longer in the vault.
    private static func replace(
        _ target: String, with temporary: String, holding data: Data, ifStill expected: Data, path: String, folder: String, prefix: String,
        mergingAppends: Bool
    ) throws(WriteError) -> Held? {
        let changed = WriteError(path: path, reason: "it changed on disk since it was read; nothing was written", changedOnDisk: true)
        let hold = folder + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))-held.tmp"
        guard link(target, hold) == 0 else {
            // No hard links here (some network file systems): compare, then rename.
            guard FileManager.default.contents(atPath: target) == expected else {
                unlink(temporary)
                throw changed
            }
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            return nil
        }
        var info = stat()
        var now = stat()
        guard stat(hold, &info) == 0, FileManager.default.contents(atPath: hold) == expected,
            stat(target, &now) == 0, Identity(now) == Identity(info)
        else {
            unlink(temporary)
            unlink(hold)
            throw changed
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            unlink(hold)
            throw WriteError(path: path, reason: reason)
        }
        TestHooks.afterRename(path: path, held: hold)
        var held = Held(target: target, path: path, hold: hold, expected: expected, identity: Identity(info), written: data, mergingAppends: mergingAppends)
        try held.reconcile()
        return held
    }

    /// A file's previous version, kept by a hard link after it was replaced,
    /// so that an edit another program wrote into it meanwhile is not lost.
    /// Holds digests of the bytes, not the bytes.
    public struct Held: Sendable {
        let target: String
        let path: String
        let hold: String
        /// The length and SHA-256 of what the file held when it was read.
        var expectedCount: Int
        var expectedDigest: String
        /// The held version's identity when compared.
        var identity: Identity
        /// The length, SHA-256 and identity of what is at `target` as written.
        var writtenCount: Int
        var writtenDigest: String
        var writtenIdentity: Identity?
        /// Where the newest cross-reference section starts (`startxref`) in
        /// the original and in the new version, for a PDF: an incremental
        /// update appended later names the one it was made for as `/Prev`.
        let originalStartXref: Int?
        let writtenStartXref: Int?
        /// Whether an append to the held version goes onto the new one.
        let mergingAppends: Bool

        init(target: String, path: String, hold: String, expected: Data, identity: Identity, written: Data, mergingAppends: Bool) {
            self.target = target
            self.path = path
            self.hold = hold
            expectedCount = expected.count
            expectedDigest = Checksum.sha256(expected)
            self.identity = identity
            writtenCount = written.count
            writtenDigest = mergingAppends ? "" : Checksum.sha256(written)
            var info = stat()
            writtenIdentity = stat(target, &info) == 0 ? Identity(info) : nil
            originalStartXref = mergingAppends ? nil : PDFTail.startXref(expected)
            writtenStartXref = mergingAppends ? nil : PDFTail.startXref(written)
            self.mergingAppends = mergingAppends
        }

        /// Takes what other programs wrote since the file was compared:
        ///
        /// - into the held previous version: an append goes onto the new
        ///   version (``mergingAppends``); anything else puts the held
        ///   version back in place, and the write is refused;
        /// - for a PDF (not ``mergingAppends``), into the new version at the
        ///   path: an incremental update made for the bytes that were there
        ///   before (its `/Prev` is the original's `startxref`) would be
        ///   damaged on ours, so the original plus that update — the other
        ///   program's version — is put in place and ours refused; one made
        ///   for ours stays; any other change is the other program's file,
        ///   kept, and ours refused.
        mutating func reconcile() throws(WriteError) {
            var info = stat()
            if stat(hold, &info) == 0, Identity(info) != identity {
                let now = FileManager.default.contents(atPath: hold) ?? Data()
                identity = Identity(info)
                if mergingAppends, now.count > expectedCount, Checksum.sha256(now.prefix(expectedCount)) == expectedDigest {
                    let fd = open(target, O_WRONLY | O_APPEND | O_CLOEXEC)
                    if fd >= 0, AtomicFile.writeAll(now[expectedCount...], to: fd) == nil, fsync(fd) == 0 {
                        close(fd)
                        expectedCount = now.count
                        expectedDigest = Checksum.sha256(now)
                        return
                    }
                    if fd >= 0 { close(fd) }
                }
                rename(hold, target)
                throw WriteError(
                    path: path,
                    reason: "another program changed it while it was being written; its version is kept and nothing was written — run again",
                    changedOnDisk: true)
            }
            guard !mergingAppends, let written = writtenIdentity, stat(target, &info) == 0, Identity(info) != written else { return }
            let now = FileManager.default.contents(atPath: target) ?? Data()
            if now.count > writtenCount, Checksum.sha256(now.prefix(writtenCount)) == writtenDigest {
                let update = now[writtenCount...]
                let made = PDFTail.previousXref(in: update)
                if made == nil || made != originalStartXref || made == writtenStartXref {
                    // An update made for our version (or not one at all): it stands on ours.
                    writtenIdentity = Identity(info)
                    writtenCount = now.count
                    writtenDigest = Checksum.sha256(now)
                    return
                }
                // Made for the original: the other program's version is the original plus it.
                if let original = FileManager.default.contents(atPath: hold), original.count == expectedCount {
                    _ = try? AtomicFile.write(original + update, to: target)
                    unlink(hold)
                    throw WriteError(
                        path: path,
                        reason: "another program saved its own changes into it while it was being written; its version is kept and nothing was written — run again",
                        changedOnDisk: true)
                }
            }
            unlink(hold)
            throw WriteError(
                path: path,
                reason: "another program rewrote it just after it was written; its version is kept (without PDFAnchor's changes) — run again",
                changedOnDisk: true)
        }
    }

    /// Waits `grace` seconds for late writes into the held versions, takes
    /// them (see ``Held``), then lets the held versions go.
    /// - Returns: the refusals of writes whose held version changed otherwise than by an append.
    public static func settle(_ held: [Held], grace: Double = 0.05) -> [WriteError] {
        guard !held.isEmpty else { return [] }
        usleep(UInt32(grace * 1_000_000))
        var refused: [WriteError] = []
        for var one in held {
            do {
                try one.reconcile()
                unlink(one.hold)
            } catch {
                refused.append(error)
            }
        }
        return refused
    }

    /// What shows a file's content changed: its inode, size and modification time (ns).
    struct Identity: Equatable, Sendable {
        var inode: UInt64
        var size: Int64
        var modified: Int
        var modifiedNanoseconds: Int

        init(_ info: stat) {
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int(info.modification.tv_sec)
            modifiedNanoseconds = Int(info.modification.tv_nsec)
        }
    }

    /// `base`, or `base.2`, `base.3`… — the first that does not exist yet
    /// (a backup never goes over an earlier one).
    public static func unusedPath(_ base: String) -> String {
        var candidate = base
        var k = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = base + ".\(k)"
            k += 1
        }
        return candidate
    }

    /// `name` cut to at most `limit` bytes of UTF-8 (whole characters):
    /// 150 leaves room for a temporary name made from it within the usual
    /// 255-byte limit of a file name.
    public static func shortened(_ name: String, toBytes limit: Int = 150) -> String {
        guard name.utf8.count > limit else { return name }
        var result = ""
        for character in name {
            if result.utf8.count + character.utf8.count > limit { break }
            result.append(character)
        }
        return result
    }

    /// Whether `path` names a regular file, or one yet to be made (not a
    /// device, a FIFO or a standard stream).
    public static func isPlainFilePath(_ path: String) -> Bool {
        guard standardDescriptor(path) == nil else { return false }
        var info = stat()
        return stat(path, &info) != 0 || (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or
    /// `/proc/self/fd/N` stands for, if `path` is one of those.
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// Writes all of `data` to `fd`; returns why it failed, if it did.
    static func writeAll(_ data: Data, to fd: Int32) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }

    /// Writes `data` into an existing file that is not a regular file (a
    /// device, a FIFO), as a shell redirection would.
    private static func writeDirectly(_ data: Data, to target: String, path: String) throws(WriteError) {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let failure = writeAll(data, to: fd)
        if let failure { throw WriteError(path: path, reason: failure) }
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
    /// process is gone: see ``isAbandoned(_:by:)``).
    private static func removeAbandoned(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pid = name.dropFirst(prefix.count).prefix { $0.isNumber }
            if let pid = Int32(pid), isAbandoned(folder + "/" + name, by: pid) {
                unlink(folder + "/" + name)
            }
        }
    }

    /// Removes, in `folder`, every temporary file an interrupted write of
    /// any file there left behind (`.NAME.pdfanchor-PID-N.tmp` and its
    /// `-held.tmp`, their process gone): a later run that has nothing to
    /// write to that file cleans up too.
    public static func removeAbandoned(inFolder folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let marker = name.range(of: ".pdfanchor-", options: .backwards) else { continue }
            removeAbandoned(in: folder, prefix: String(name[..<marker.upperBound]))
        }
    }

    /// The one sweep of every command that writes files in place (notes,
    /// PDFs, `-o`): removes what killed runs left in the folders of `paths`
    /// (and of the files their links lead to), each folder once a process.
    /// Called by ``write(_:to:unchangedFrom:permissions:mergingAppends:beforeRename:)``
    /// itself, and by a run that may write for the files it was given even
    /// when it has nothing to write to them.
    public static func removeAbandoned(besides paths: some Sequence<String>) {
        var folders: [String] = []
        for path in paths {
            for file in [path, resolvingLink(path)] {
                let folder = (Vault.absolute(file) as NSString).deletingLastPathComponent
                if !folders.contains(folder) { folders.append(folder) }
            }
        }
        let new = swept.withLock { done in folders.filter { done.insert($0).inserted } }
        for folder in new { removeAbandoned(inFolder: folder) }
    }

    /// The folders this process swept.
    private static let swept = Mutex<Set<String>>([])

    /// Whether the temporary `file`, named after process `pid`, was left by
    /// a process that is gone. Never while that process lives (a held copy
    /// is how it sees another program's append, see ``Held``), whatever its
    /// name; a live process of that id that started after the file was made
    /// (the id was reused) did not make it.
    static func isAbandoned(_ file: String, by pid: Int32) -> Bool {
        guard pid != getpid(), pid > 0 else { return false }
        if kill(pid, 0) != 0, errno == ESRCH { return true }
        var info = stat()
        guard let started = startTime(of: pid), lstat(file, &info) == 0 else { return false }
        // The file's change time is at or after its making (a link, a write); 2 s for the clock's ticks.
        return started > Double(info.st_ctim.tv_sec) + 2
    }

    /// When process `pid` started (seconds since 1970), from `/proc`; nil
    /// where that cannot be read.
    static func startTime(of pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.range(of: ")", options: .backwards),
            let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
            let boot = Double(bootLine.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        else { return nil }
        // Fields after the name: state is field 3, start time field 22.
        let fields = stat[close.upperBound...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        return boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
