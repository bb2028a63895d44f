import ArgumentParser
import Library
import Synchronization

/// The options of every command that works on one note and its PDF (check,
/// extract, refresh, export-pdf): which PDF, which vault, the password.
struct PDFOptions: ParsableArguments {
    @Option(help: "The PDF (default: the one the note names; one that moved is found by its fingerprint in the vault).", completion: .file(extensions: ["pdf"]))
    var pdf: String?

    @Option(help: "The vault's folder (default: the nearest folder above the note holding .obsidian/). It must exist.", completion: .directory)
    var vault: String?

    @Option(help: "Password of an encrypted PDF.")
    var password: String?

    @Flag(help: "Do not use or fill the vault's cache of page texts (.pdfanchor/): read the PDF again.")
    var noCache = false

    func validate() throws {
        // A --vault that is not a folder is a usage error (exit 2), said before any work.
        if let vault {
            do {
                _ = try VaultChoice.from(folder: ".", given: vault)
            } catch {
                throw ValidationError("--vault \(error)")
            }
        }
    }

    /// A checker that keeps the PDF's pages in `vault`'s cache (see
    /// ``AuditCache/pageCache(for:)``), unless --no-cache.
    func checker(vault: Vault, readAll: Bool = false) -> NoteChecker {
        NoteChecker(readAll: readAll, cache: noCache ? nil : AuditCache.pageCache(for: vault))
    }

    /// The vault of `note`: --vault, or the nearest folder above it holding
    /// `.obsidian/`, or else its own folder (said once; see ``VaultChoice``).
    func vault(of note: String) -> Vault {
        guard let choice = try? VaultChoice.of(note: note, given: vault) else { return Vault.containing(note: note) }
        return choice.announced()
    }
}

/// The notices already given, so that each is said once per run.
private let givenNotices = Mutex<Set<String>>([])

extension VaultChoice {
    /// The vault, its ``notice`` (if any) said on stderr the first time.
    func announced() -> Vault {
        if let notice, givenNotices.withLock({ $0.insert(notice).inserted }) {
            StandardError.write("pdfanchor: " + notice)
        }
        return vault
    }

    /// The vault of the folder a command works on (`folder`, the current
    /// folder by default): the nearest folder at or above it holding
    /// `.obsidian/`, else the folder itself (said once). A path that is not
    /// a folder is returned as it is, for the command to say what it wants
    /// instead.
    static func ofFolder(_ folder: String, announcing: Bool = true) -> Vault {
        guard (try? VaultChoice.from(folder: folder, given: folder)) != nil,
            let choice = try? VaultChoice.from(folder: folder, given: nil)
        else { return Vault(root: folder) }
        return announcing ? choice.announced() : choice.vault
    }
}
