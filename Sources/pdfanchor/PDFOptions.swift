import ArgumentParser
import Library

/// The options of every command that works on one note and its PDF (check,
/// extract, refresh, export-pdf): which PDF, which vault, the password.
struct PDFOptions: ParsableArguments {
    @Option(help: "The PDF (default: the one the note names; one that moved is found by its fingerprint in the vault).", completion: .file(extensions: ["pdf"]))
    var pdf: String?

    @Option(help: "The vault root (default: the nearest folder above the note holding .obsidian/).", completion: .directory)
    var vault: String?

    @Option(help: "Password of an encrypted PDF.")
    var password: String?

    /// The vault given with --vault, if any.
    var givenVault: Vault? { vault.map(Vault.init(root:)) }

    /// The vault of `note`: --vault, or the nearest folder above it holding `.obsidian/`.
    func vault(of note: String) -> Vault { givenVault ?? Vault.containing(note: note) }
}
