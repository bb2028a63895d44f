import ArgumentParser
import Foundation
import Library

/// Shows or writes the note changes of `relink` and `refresh`.
struct ChangeApplier {
    var vault: Vault
    var write: Bool

    /// Dry run: prints each change's unified diff and returns 1 if there is
    /// one. With `write`: writes each change safely (see ``NoteWriter``),
    /// says where the backups are, and returns 2 if any write was refused.
    func apply(_ changes: [NoteChange]) -> Int32 {
        let changes = changes.filter { !$0.isEmpty }
        guard write else {
            for change in changes { print(change.diff, terminator: "") }
            return changes.isEmpty ? 0 : 1
        }
        var writer = NoteWriter(vault: vault)
        if ProcessInfo.processInfo.environment["PDFANCHOR_TEST_INTERRUPT"] == "before-rename" {
            // Test hook: die with the new note complete on disk, not yet in place.
            writer.beforeRename = { kill(getpid(), SIGKILL) }
        }
        var status: Int32 = 0
        var backups: [String] = []
        for change in changes {
            do {
                backups.append(try writer.write(change))
                print("wrote \(vault.vaultPath(of: change.path) ?? change.path) (\(change.changedLines.count) line\(change.changedLines.count == 1 ? "" : "s") changed)")
            } catch {
                StandardError.write("pdfanchor: \(error)")
                status = 2
            }
        }
        if !backups.isEmpty {
            print("previous versions kept in \(vault.vaultPath(of: writer.backupFolder) ?? writer.backupFolder)/")
        }
        return status
    }
}

extension PDFAnchor {
    /// `pdfanchor relink [VAULT|NOTE]`
    struct Relink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point notes whose PDF moved or was renamed at its new path.",
            discussion: """
                Audits the vault (fingerprints only, no anchoring) and, for every note \
                whose PDF is found by fingerprint at another path ("moved" in pdfanchor \
                audit), rewrites the note's annotation-target and each block's uri, \
                target source and document link, in the form they had (vault:/ or a \
                path, relative or not, a wiki link, a file: URL; %-encoded or raw).

                Without --write nothing is written: the changes are printed as a \
                unified diff (apply it with patch -p1 in the vault, or run again with \
                --write). With --write each note is checked to be unchanged since it \
                was read, its previous version is kept in .pdfanchor/backups/, and the \
                new version replaces it atomically; only the lines that must change do.

                Exit codes: 0 nothing to change (or all written), 1 changes to make \
                (dry run), 2 the audit could not run or a note could not be written.

                Examples:
                  pdfanchor relink ~/Obsidian/Research
                  pdfanchor relink "Papers/Smith 2021.md" --write
                """
        )

        @Argument(help: "The vault, or one note of it (default: the current folder).")
        var target: String = "."

        @Option(name: .customLong("papers"), help: "A folder of PDFs outside the vault (may be repeated).")
        var papers: [String] = []

        @Flag(help: "Write the changes (default: show them as a diff).")
        var write = false

        @Flag(help: "Do not use or update the audit cache.")
        var noCache = false

        func run() async throws {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isFolder)
            let vault = exists && !isFolder.boolValue ? Vault.containing(note: target) : Vault(root: target)
            let only: Set<String>? = exists && !isFolder.boolValue ? [Vault.absolute(target)] : nil
            var relinker = Relinker(vault: vault, papers: papers)
            relinker.useCache = !noCache
            let plan: RelinkPlan
            do {
                plan = try await relinker.plan(notes: only)
            } catch {
                StandardError.write("pdfanchor: \(error)")
                throw ExitCode(2)
            }
            for warning in plan.warnings { StandardError.write("pdfanchor: warning: \(warning)") }
            for (path, reason) in plan.skipped { StandardError.write("pdfanchor: \(path): not relinked: \(reason)") }
            let status = ChangeApplier(vault: vault, write: write).apply(plan.changes.map(\.change))
            if !write {
                let count = plan.changes.count
                StandardError.write(
                    count == 0
                        ? "Nothing to relink."
                        : "\(count) note\(count == 1 ? "" : "s") to relink:\n"
                            + plan.changes.map { "  \($0.note) → \($0.pdf)\n" }.joined()
                            + "Run again with --write to apply.")
            }
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// `pdfanchor refresh NOTE.md`
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Update a note's quotes after its PDF was replaced by a new version.",
            discussion: """
                Checks the note against its PDF (or --pdf). Each annotation found only \
                with edits (fuzzy) gets its quote rewritten from the PDF's text now — \
                exact, 32 characters of prefix and suffix, no line breaks, as Hypothesis \
                makes them — and a new position estimate; every annotation found gets \
                the PDF's fingerprint, so that the plugin anchors them again. Orphans \
                are listed and left untouched, as are annotations found in pieces.

                Without --write nothing is written: the changes are printed as a \
                unified diff. With --write the note is written safely, as relink does \
                (unchanged-since-read check, backup in .pdfanchor/backups/, atomic).

                Exit codes: 0 nothing to change (or written), 1 changes to make (dry \
                run), 2 the note or its PDF could not be used or written.

                Examples:
                  pdfanchor refresh "Papers/Smith 2021.md"
                  pdfanchor refresh note.md --pdf smith2021-v2.pdf --write
                """
        )

        @Argument(help: "The annotation note.")
        var note: String

        @Option(help: "The new PDF (default: the one the note names).")
        var pdf: String?

        @Option(help: "Password of an encrypted PDF.")
        var password: String?

        @Flag(help: "Write the changes (default: show them as a diff).")
        var write = false

        func run() async throws {
            let plan: RefreshPlan
            do {
                plan = try await Refresher().plan(notePath: note, pdf: pdf, password: password)
            } catch {
                StandardError.write("pdfanchor: \(error)")
                throw ExitCode(2)
            }
            let status = ChangeApplier(vault: Vault.containing(note: note), write: write).apply([plan.change])
            var lines: [String] = []
            if !plan.refreshed.isEmpty {
                lines.append("\(plan.refreshed.count) quote\(plan.refreshed.count == 1 ? "" : "s") rewritten from the PDF: " + plan.refreshed.map { "^\($0.id) (p. \($0.page))" }.joined(separator: ", "))
            }
            if !plan.fingerprintUpdated.isEmpty {
                lines.append("\(plan.fingerprintUpdated.count) annotation\(plan.fingerprintUpdated.count == 1 ? "" : "s") found as they are get the PDF's fingerprint \(plan.fingerprint)")
            }
            for (id, reason) in plan.leftAlone { lines.append("left alone: ^\(id): \(reason)") }
            if !plan.orphans.isEmpty {
                lines.append("\(plan.orphans.count) not found, untouched: " + plan.orphans.map { "^\($0.id)" }.joined(separator: ", "))
            }
            if plan.change.isEmpty { lines.append("Nothing to refresh.") } else if !write { lines.append("Run again with --write to apply.") }
            for line in lines { StandardError.write(line) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
