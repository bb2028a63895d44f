import ArgumentParser
import Foundation
import Library
import Synchronization

extension PDFAnchor {
    /// `pdfanchor relink [VAULT|NOTE]`
    struct Relink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point notes whose PDF moved or was renamed at its new path.",
            discussion: """
                Audits the vault (fingerprints only, no anchoring) and, for every note \
                whose PDF is found by fingerprint at another path ("moved" in pdfanchor \
                audit) or whose blocks name another path than the PDF's ("stale": the \
                plugin does not show those highlights), rewrites the note's \
                annotation-target and each block's uri, \
                target source and document link, in the form they had (vault:/ or a \
                path, relative or not, a wiki link, a file: URL; %-encoded or raw).

                Without --write nothing is written: each note's changes are printed \
                field by field (the old value → the new one, and the lines), or with \
                --diff as a unified diff (apply it with patch -p1 in the vault); run \
                again with --write to make them. With --write each note is checked to be unchanged since it \
                was read, its previous version is kept in .pdfanchor/backups/, and the \
                new version replaces it atomically; only the lines that must change do.

                Exit codes: 0 nothing to change (or all written), 1 changes to make \
                (dry run) or notes that could not be relinked (each named, with why), \
                2 the audit could not run or a note could not be written.

                Examples:
                  pdfanchor relink ~/Obsidian/Research
                  pdfanchor relink ~/Obsidian/Research --diff > relink.patch
                  pdfanchor relink "Papers/Smith 2021.md" --write
                """
        )

        /// Plans kept alive until the process exits (see run()).
        static let finished = Mutex<[RelinkPlan]>([])

        @Argument(help: "The vault or a folder in it (the nearest folder above holding .obsidian/ is the vault), or one note (default: the current folder).", completion: .file(extensions: ["md", "json"]))
        var target: String = "."

        @Option(name: .customLong("papers"), help: "A folder of PDFs outside the vault (may be repeated).", completion: .directory)
        var papers: [String] = []

        @OptionGroup var writing: WriteOptions

        @Flag(help: "Do not use or update the audit cache.")
        var noCache = false

        func run() async throws {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isFolder)
            if !exists {
                StandardError.write("pdfanchor: \(target): no such note or folder; give the vault's folder or one note (.md)")
                throw ExitCode(2)
            }
            // A FIFO or a device would be read forever as a note.
            var info = stat()
            if exists, !isFolder.boolValue, stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                StandardError.write("pdfanchor: \(target): it is not a regular file (a FIFO or a device?); give the vault's folder or one note (.md)")
                throw ExitCode(2)
            }
            let vault = isFolder.boolValue ? VaultChoice.ofFolder(target) : (try? VaultChoice.of(note: target, given: nil))?.announced() ?? Vault.containing(note: target)
            let only: Set<String>? = exists && !isFolder.boolValue ? [Vault.absolute(target)] : nil
            var relinker = Relinker(vault: vault, papers: papers)
            relinker.useCache = !noCache
            let plan = try await orExit { try await relinker.plan(notes: only) }
            // Kept to the end of the process: freeing a large note's edit
            // piece by piece (a quarter of a second for 10,000 blocks) only
            // delays the exit that frees it all at once.
            Relink.finished.withLock { $0.append(plan) }
            for warning in plan.warnings { StandardError.write("pdfanchor: warning: \(warning)") }
            for (path, reason) in plan.skipped { StandardError.write("pdfanchor: \(path): not relinked: \(reason)") }
            var status = ChangeApplier(vault: vault, write: writing.write, force: writing.overwriteReadOnly, showDiff: writing.diff, notes: plan.notes).apply(plan.changes.map(\.change))
            if !writing.write {
                let count = plan.changes.count
                StandardError.write(
                    count == 0
                        ? (plan.skipped.isEmpty ? "Nothing to relink." : "Nothing else to relink.")
                        : "\(count) note\(count == 1 ? "" : "s") to relink:\n"
                            + plan.changes.map { change in
                                let lines = change.change.changedLines.count
                                return "  \(change.note) → \(change.pdf) (\(lines) line\(lines == 1 ? "" : "s"))\n"
                            }.joined()
                            + "Run again with --write to apply.")
            }
            // A note left broken is a problem to see, not success.
            if !plan.skipped.isEmpty { status = max(status, 1) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
