public import Foundation
public import Notes
import Synchronization

/// An edit of one note, ready to be shown (``diff``) or written.
public struct NoteChange: Sendable {
    /// The note's path.
    public var path: String
    /// The note as it was read: the write is refused unless the file still
    /// holds exactly these bytes.
    public var original: Data
    /// The note after the edit.
    public var edited: Data
    /// The 0-based line numbers of `original` that change.
    public var changedLines: [Int]
    /// The edit, for its diff.
    private let editor: NoteEditor
    private let label: String

    /// A unified diff from `original` to `edited` (`diff -u` style), made
    /// when asked for (a run that writes does not need it).
    public var diff: String { editor.unifiedDiff(label: label) }

    /// What the edit changes, field by field, with the 0-based lines of
    /// `original` each change is made on (see ``NoteEditor/changeSummary()``).
    public var summary: [(lines: [Int], change: LineChange)] { editor.changeSummary() }

    /// The change an editor made to the note it read.
    public init(path: String, editor: NoteEditor, label: String) {
        self.path = path
        original = Data(editor.original.bytes)
        edited = Data(editor.result)
        changedLines = editor.changedLines
        self.editor = editor
        self.label = label
    }

    /// Whether the edit changes anything.
    public var isEmpty: Bool { original == edited }
}

/// Writes edited notes without ever losing a byte of the user's: the note
/// must not have changed since it was read, its previous version is kept
/// under the vault's `.pdfanchor/backups/`, and the new version replaces it
/// atomically (see ``AtomicFile``).
public struct NoteWriter: Sendable {
    /// The vault whose `.pdfanchor/backups/` keeps previous versions.
    public var vault: Vault
    /// The folder of this run's backups, named after when it started.
    public let backupFolder: String
    /// Called when a new version is complete on disk, before it replaces
    /// the note (tests interrupt writes here).
    public var beforeRename: (@Sendable () -> Void)?
    /// Write notes that are read-only too (their mode is kept).
    public var overwriteReadOnly = false
    /// The versions this writer replaced, held until ``finish()``.
    private let held = HeldVersions()

    /// A writer for the notes of `vault`, keeping previous versions in a
    /// backup folder named after `now` (UTC, `2026-01-31T12-00-00Z`).
    public init(vault: Vault, now: Date = Date()) {
        self.vault = vault
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(format: "%04d-%02d-%02dT%02d-%02d-%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        backupFolder = vault.root + "/.pdfanchor/backups/" + stamp
    }

    /// Writes `change`; returns where the previous version was kept.
    /// - Throws: a ``WriteError`` (nothing written) when the note changed on
    ///   disk since it was read (``WriteError/changedOnDisk``), when the
    ///   backup cannot be made, or when the note cannot be written.
    @discardableResult
    public func write(_ change: NoteChange) throws(WriteError) -> String {
        try write(path: change.path, original: change.original, edited: change.edited)
    }

    /// Writes `edited` over the file at `path` (a note, or a PDF that
    /// `migrate` adds highlights to) under the same rules: it must still
    /// hold `original`, which is kept as its backup first.
    /// - Parameter mergingAppends: whether another program's append to the
    ///   file while the run settles is kept by appending it to `edited` (a
    ///   note) or makes the write refused, that program's version kept (a
    ///   PDF: see ``AtomicFile/write(_:to:unchangedFrom:permissions:mergingAppends:beforeRename:)``).
    /// - Returns: the backup's path.
    public func write(path: String, original: Data, edited: Data, mergingAppends: Bool = true) throws(WriteError) -> String {
        let change = (path: path, original: original, edited: edited)
        if let escape = vault.escape(of: change.path) { throw WriteError(path: change.path, reason: escape, code: .outsideVault) }
        guard FileManager.default.contents(atPath: change.path) == change.original else {
            throw WriteError(path: change.path, reason: "it changed on disk since it was read; nothing was written", changedOnDisk: true)
        }
        var info = stat()
        if stat(change.path, &info) != 0 { info.st_mode = 0o644 }
        if !overwriteReadOnly, info.st_mode & 0o222 == 0 {
            throw WriteError(
                path: change.path,
                reason: "it is read-only (mode \(String(info.st_mode & 0o7777, radix: 8))); nothing was written — make it writable, or run again with --write-read-only", code: .readOnly)
        }
        let backup = backupPath(for: change.path)
        do {
            sweepBackups()
            try vault.makeOwnFolder(vault.relative((backup as NSString).deletingLastPathComponent))
        } catch {
            throw WriteError(path: change.path, reason: "its backup folder cannot be made (\(error.path): \(error.reason)); nothing was written", code: .backupFailed)
        }
        do {
            // As private as the note (a 0600 note's backup is 0600 too), and writable by its owner.
            try AtomicFile.write(change.original, to: backup, permissions: (info.st_mode & 0o777) | 0o200)
        } catch {
            throw WriteError(path: change.path, reason: "its backup cannot be written (\(error.reason)); nothing was written", code: .backupFailed)
        }
        if let version = try AtomicFile.write(
            change.edited, to: change.path, unchangedFrom: change.original, mergingAppends: mergingAppends, beforeRename: beforeRename)
        {
            held.add(version)
        }
        return backup
    }

    /// Removes, once per writer, the temporary files that killed runs left
    /// in the vault's backup folders (their process gone).
    private func sweepBackups() {
        guard held.startSweep() else { return }
        let backups = vault.root + "/.pdfanchor/backups"
        var info = stat()
        guard lstat(backups, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
            let enumerator = FileManager.default.enumerator(atPath: backups)
        else { return }
        var folders: Set<String> = [backups]
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent.hasSuffix(".tmp") {
                folders.insert(((backups + "/" + relative) as NSString).deletingLastPathComponent)
            }
        }
        for folder in folders { AtomicFile.removeAbandoned(inFolder: folder) }
    }

    /// Ends the run's writes: edits another program made to a note while it
    /// was being replaced are taken (appends added to the new version; any
    /// other edit puts that program's version back). Call it once after the
    /// last ``write(_:)``.
    /// - Returns: the files put back, each with why (nothing of PDFAnchor's
    ///   was written to them; their backups remain).
    public func finish() -> [WriteError] {
        AtomicFile.settle(held.take())
    }

    /// Where the previous version of the note at `path` goes: its vault path
    /// under this run's backup folder (its absolute path for a note outside
    /// the vault), never over an earlier backup of the same run.
    func backupPath(for path: String) -> String {
        let relative = vault.vaultPath(of: path) ?? "outside-the-vault" + Vault.absolute(path)
        return AtomicFile.unusedPath(backupFolder + "/" + relative)
    }
}

/// The replaced versions of a writer's notes, until the run settles.
private final class HeldVersions: Sendable {
    private let versions = Mutex<[AtomicFile.Held]>([])
    private let swept = Mutex(false)

    /// True the first time only: the backups are swept once per writer.
    func startSweep() -> Bool { swept.withLock { done in defer { done = true }; return !done } }

    func add(_ version: AtomicFile.Held) { versions.withLock { $0.append(version) } }

    func take() -> [AtomicFile.Held] { versions.withLock { all in defer { all = [] }; return all } }
}
