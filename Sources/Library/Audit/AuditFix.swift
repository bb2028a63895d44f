import Foundation

/// What to do about a note the audit lists: in a sentence, and the
/// `pdfanchor` command that does it, when one does.
public struct AuditFix: Sendable, Codable, Hashable {
    /// What the command does, or, without one, what to do: in a few words.
    public var action: String
    /// The command that does it, one argument per element, starting with
    /// `pdfanchor`; paths in it are relative to the vault (run it from the
    /// vault's folder). Nil when no command does it (a PDF to put back).
    public var command: [String]?

    /// A fix: `action`, done by `command` when one does it.
    public init(_ action: String, command: [String]? = nil) {
        self.action = action
        self.command = command
    }

    /// The command as a shell reads it, each argument quoted when it must
    /// be, and `path` (the note's vault path) written as `writtenAs` (a path
    /// from another folder).
    public func shellCommand(replacing path: String? = nil, with writtenAs: String? = nil) -> String? {
        shellCommand { argument in argument == path ? writtenAs ?? argument : argument }
    }

    /// The command as a shell reads it, each argument quoted when it must
    /// be, and first written as `rewrite` gives it (the vault paths in it
    /// as seen from another folder).
    public func shellCommand(rewriting rewrite: (String) -> String) -> String? {
        command.map { arguments in arguments.map { Self.shellQuoted(rewrite($0)) }.joined(separator: " ") }
    }

    /// `argument` as one word for a POSIX shell, zsh or fish: as it is when
    /// it holds only characters none of them treats specially, else in
    /// single quotes (`'^id'`: `^` is a pattern in zsh and a redirection in
    /// old fish).
    public static func shellQuoted(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:=@%+,".unicodeScalars.contains(scalar))
        }
        if plain { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: The fixes of each situation

    /// Point the note at its PDF (moved, stale, or a duplicate named nowhere),
    /// after `first` when something must be done before.
    static func relink(_ note: String, first: String? = nil) -> AuditFix {
        AuditFix(
            (first.map { $0 + "; then this " } ?? "") + "points the note at its PDF (without --write: what it would change)",
            command: ["pdfanchor", "relink", note, "--write"])
    }

    /// Rewrite the quotes for the new version of the PDF.
    static func refresh(_ note: String) -> AuditFix {
        AuditFix(
            "rewrites the quotes from this version of the PDF, so that the plugin finds them (without --write: what it would change)",
            command: ["pdfanchor", "refresh", note, "--write"])
    }

    /// See the lines the plugin cannot read.
    static func notes(_ note: String, _ what: String) -> AuditFix {
        AuditFix(what, command: ["pdfanchor", "notes", note])
    }

    /// See why one orphan was not found.
    static func explain(_ note: String, orphans: [String]) -> AuditFix {
        let first = orphans[0]
        let others = orphans.count == 1 ? "" : "; the same for each of the \(orphans.count - 1) other orphans"
        return AuditFix(
            "shows every place considered for ^\(first) and why none was taken\(others)", command: ["pdfanchor", "check", note, "--explain", "^" + first])
    }

    /// Bring the `count` highlights that live only in the PDF at `pdf` into
    /// `note` (a note that uses the PDF), or into a new note beside it.
    static func importHighlights(_ pdf: String, count: Int, into note: String?) -> AuditFix {
        let what = count == 1 ? "the highlight that lives" : "the \(count) highlights that live"
        return AuditFix(
            "brings \(what) only in the PDF into \(note ?? "a new note beside it") (without --write: what it would add)",
            command: ["pdfanchor", "import", pdf] + (note.map { ["-o", $0] } ?? []) + ["--write"])
    }

    /// See why the PDF could not be used.
    static func check(_ note: String) -> AuditFix {
        AuditFix("says why its PDF could not be used", command: ["pdfanchor", "check", note])
    }
}
