import Foundation
import Library
import Notes

/// Shows or writes the note changes of `relink` and `refresh`.
struct ChangeApplier {
    var vault: Vault
    var write: Bool
    /// Write read-only notes too.
    var force = false
    /// Dry run: the unified diff (for patch -p1) rather than what changes, field by field.
    var showDiff = false
    /// Every note the run could write, changed or not: with `write`, what
    /// killed runs left beside them is removed first (see
    /// ``AtomicFile/removeAbandoned(besides:)``).
    var notes: [String] = []

    /// Dry run: prints each change (field by field, or as a unified diff)
    /// and returns 1 if there is one. With `write`: writes each change safely (see ``NoteWriter``),
    /// says where the backups are, and returns 2 if any write was refused.
    func apply(_ changes: [NoteChange]) -> Int32 {
        if write { AtomicFile.removeAbandoned(besides: notes + changes.map(\.path)) }
        let changes = changes.filter { !$0.isEmpty }
        guard write else {
            for change in changes {
                if showDiff {
                    print(change.diff, terminator: "")
                    continue
                }
                print(vault.vaultPath(of: change.path) ?? change.path)
                for (lines, what) in change.summary {
                    let numbers = lines.prefix(5).map { String($0 + 1) }.joined(separator: ", ") + (lines.count > 5 ? ", …" : "")
                    print("  " + (lines.count == 1 ? "line \(numbers)" : "\(lines.count) lines (\(numbers))") + ": " + what.description)
                }
            }
            return changes.isEmpty ? 0 : 1
        }
        var writer = NoteWriter(vault: vault)
        writer.beforeRename = TestHooks.beforeRename
        writer.overwriteReadOnly = force
        var status: Int32 = 0
        var written: [NoteChange] = []
        for change in changes {
            do {
                try writer.write(change)
                written.append(change)
            } catch {
                StandardError.write("pdfanchor: \(error)")
                status = 2
            }
        }
        // Said once the writes settled: a note another program changed
        // meanwhile was put back, and is not "written".
        let putBack = writer.finish()
        for error in putBack { StandardError.write("pdfanchor: \(error)") }
        if !putBack.isEmpty { status = 2 }
        let putBackPaths = Set(putBack.map(\.path))
        written.removeAll { putBackPaths.contains($0.path) }
        for change in written {
            print("wrote \(vault.vaultPath(of: change.path) ?? change.path) (\(change.changedLines.count) line\(change.changedLines.count == 1 ? "" : "s") changed)")
        }
        if written.count > 1 { print("\(written.count) notes written") }
        if !written.isEmpty {
            print("previous versions kept in \(vault.vaultPath(of: writer.backupFolder) ?? writer.backupFolder)/")
        }
        return status
    }
}
