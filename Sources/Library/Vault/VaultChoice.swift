import Foundation

/// The one rule for a command's vault, as git finds its repository: the
/// folder given with `--vault` (which must exist); else the nearest folder
/// at or above the start — the current folder or the folder given (audit,
/// relink, migrate), the note's folder (check, extract, refresh,
/// export-pdf) — that holds `.obsidian/`; else the start itself, which is
/// then said once (``notice``).
public struct VaultChoice: Sendable, Equatable {
    /// How the vault was chosen.
    public enum Source: Sendable, Equatable {
        /// `--vault`.
        case given
        /// The nearest folder at or above the start holding `.obsidian/`.
        case obsidian
        /// No `.obsidian/` at or above the start: the start is the vault.
        case noObsidian
    }

    /// The vault.
    public var vault: Vault
    /// How it was chosen.
    public var source: Source
    /// The folder the search started from (absolute).
    public var start: String

    /// What the user should be told once: the folder taken as the vault
    /// when no `.obsidian/` was found; nil otherwise.
    public var notice: String? {
        guard source == .noObsidian else { return nil }
        return "no .obsidian/ folder in \(start) or above: \(vault.root) is taken as the vault "
            + "(to choose another, give its folder: --vault FOLDER, or the folder argument of audit, relink and migrate)"
    }

    /// The vault of a note at `note`, or of `--vault` when `given`. With
    /// no `.obsidian/` at or above the note, the current folder when the
    /// note is below it (so that `check notes/x.md` takes the folder `audit`
    /// takes, run from the same place; never `/` or the home folder), else
    /// the note's folder.
    /// - Throws: ``VaultError`` when `given` is not a folder.
    public static func of(note: String, given: String?) throws(VaultError) -> VaultChoice {
        let folder = (Vault.absolute(note) as NSString).deletingLastPathComponent
        var choice = try from(folder: folder, given: given)
        // Not the root or the home folder: a whole disk is no vault.
        let current = Vault.absolute(".")
        let home = Vault.absolute(NSHomeDirectory())
        if choice.source == .noObsidian, current != "/", current != home, folder.hasPrefix(current + "/") {
            choice.vault = Vault(root: current)
        }
        return choice
    }

    /// The vault of a folder (or of `--vault` when `given`): the nearest
    /// folder at or above `folder` holding `.obsidian/`, else `folder`.
    /// - Throws: ``VaultError`` when `given` is not a folder.
    public static func from(folder: String, given: String?) throws(VaultError) -> VaultChoice {
        let start = Vault.absolute(folder)
        if let given {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: given, isDirectory: &isFolder) else { throw .noSuchFolder(path: given) }
            guard isFolder.boolValue else { throw .notAFolder(path: given) }
            return VaultChoice(vault: Vault(root: given), source: .given, start: start)
        }
        if let root = Vault.obsidianRoot(above: start) {
            return VaultChoice(vault: Vault(root: root), source: .obsidian, start: start)
        }
        return VaultChoice(vault: Vault(root: start), source: .noObsidian, start: start)
    }
}

/// Why a vault given with `--vault` (or as a command's folder) cannot be used.
public enum VaultError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchFolder(path: String)
    case notAFolder(path: String)

    /// A stable code for scripts.
    public var code: String {
        switch self {
        case .noSuchFolder: return "no-such-folder"
        case .notAFolder: return "not-a-folder"
        }
    }

    public var description: String {
        switch self {
        case .noSuchFolder(let path): return "\(path): no such folder; give the vault's folder (the one holding .obsidian/)"
        case .notAFolder(let path): return "\(path): not a folder; give the vault's folder (the one holding .obsidian/)"
        }
    }
}
