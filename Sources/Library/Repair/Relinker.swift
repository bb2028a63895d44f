import Foundation
import Notes

/// What `relink` would change, and what it leaves alone.
public struct RelinkPlan: Sendable {
    /// One edit per note whose PDF moved.
    public var changes: [Relink] = []
    /// Notes that need relinking but cannot be relinked, with why.
    public var skipped: [(path: String, reason: String)] = []
    /// Warnings about the run (from the audit).
    public var warnings: [String] = []
    /// Every note considered (absolute paths), changed or not.
    public var notes: [String] = []

    /// One moved note's edit.
    public struct Relink: Sendable {
        /// The note's path relative to the vault.
        public var note: String
        /// The PDF's new vault path.
        public var pdf: String
        /// The edit of the note.
        public var change: NoteChange
    }
}

/// Rewrites the PDF references of notes whose PDF moved (as `audit` finds
/// them: same fingerprint, another path): the front matter's
/// `annotation-target` and every block's `uri`, `target[].source` and
/// `document.link[].href`, each in the form it had (`vault:/` or a path,
/// relative or not, a wiki link, a `file:` URL; %-encoded or raw).
public struct Relinker: Sendable {
    /// The vault whose notes are relinked.
    public var vault: Vault
    /// Folders of PDFs outside the vault (`--papers`), where moved PDFs are looked for too.
    public var papers: [String]
    /// Whether the audit that finds the moved PDFs uses the vault's cache.
    public var useCache = true

    /// A relinker of `vault`'s notes, moved PDFs also looked for in `papers`.
    public init(vault: Vault, papers: [String] = []) {
        self.vault = vault
        self.papers = papers
    }

    /// Plans the relinking of every note of the vault, or of `notes` only
    /// (absolute paths).
    public func plan(notes only: Set<String>? = nil) async throws(AuditError) -> RelinkPlan {
        var auditor = Auditor(vault: vault, papers: papers)
        auditor.anchoring = false
        auditor.useCache = useCache
        // A note given alone is parsed once, by the audit.
        auditor.keepAnnotations = only != nil
        auditor.keepOnly = only
        let report = try await auditor.run()
        var plan = RelinkPlan(warnings: report.warnings)
        // A note that could not be read (too large, no permission) cannot be relinked: named.
        for unreadable in report.unreadable where unreadable.path.lowercased().hasSuffix(".md") {
            if let only, !only.contains(unreadable.path) { continue }
            plan.skipped.append((vault.vaultPath(of: unreadable.path) ?? unreadable.path, unreadable.reason))
        }
        for entry in report.notes {
            let path = vault.absolutePath(vaultPath: entry.path)
            if let only, !only.contains(path) { continue }
            plan.notes.append(path)
            switch entry.match {
            case .moved, .stale:
                guard let pdf = entry.pdf else { continue }
                guard !pdf.hasPrefix("/") else {
                    plan.skipped.append((entry.path, "its PDF moved out of the vault, to \(pdf); the plugin can only open PDFs in the vault"))
                    continue
                }
                do {
                    let (change, leftAlone) = try relink(notePath: path, note: entry.source?.note, to: pdf, fingerprint: entry.fingerprint)
                    if !change.isEmpty { plan.changes.append(.init(note: entry.path, pdf: pdf, change: change)) }
                    if !leftAlone.isEmpty {
                        let lines = leftAlone.map(String.init).joined(separator: ", ")
                        plan.skipped.append((entry.path, "\(leftAlone.count) block\(leftAlone.count == 1 ? "" : "s") without a unique ^id left as they were (line\(leftAlone.count == 1 ? "" : "s") \(lines)); see pdfanchor notes, fix them and relink again"))
                    }
                } catch {
                    plan.skipped.append((entry.path, error.description))
                }
            case .duplicate where entry.recorded.map({ FileReference($0).candidates(in: vault, note: path).isEmpty }) ?? false:
                plan.skipped.append((entry.path, "its PDF moved and is at \(entry.copies?.count ?? 0) paths (\((entry.copies ?? []).joined(separator: ", "))); move or delete the copies you do not want, then relink"))
            case .mixed where only != nil:
                plan.skipped.append((entry.path, "its annotations name several documents; relink handles notes about one"))
            case .missing where only != nil:
                plan.skipped.append((entry.path, "\(entry.reason); put the PDF in the vault (or give its folder with --papers) and relink again"))
            case .replaced where only != nil:
                plan.skipped.append((entry.path, "\(entry.reason) — not a move: to point the note at the new version, use pdfanchor refresh"))
            case .pluginCannotRead:
                // Not edited (its lines are not the plugin's), and named even
                // in a whole-vault run: whatever its PDF, the user must fix it.
                plan.skipped.append((entry.path, entry.reason))
            default:
                continue
            }
        }
        return plan
    }

    /// The edit that points the note at `notePath` to `newPath` (a vault
    /// path), and the first lines (1-based) of the blocks it had to leave alone.
    func relink(notePath: String, note read: AnnotationNote? = nil, to newPath: String, fingerprint: String?) throws(RelinkFailure) -> (NoteChange, [Int]) {
        do {
            let note = try read ?? AnnotationNote(contentsOf: notePath)
            var editor = NoteEditor(note: note)
            if let target = note.frontMatter?.target, let value = reference(like: target, to: newPath, note: notePath), value != target {
                try editor.setFrontMatterTarget(value)
            }
            // Blocks are edited by their ^id: one without, or whose id is not
            // unique, cannot be edited without guessing (`notes` reports them).
            let counts = Dictionary(note.blocks.compactMap(\.id).map { ($0, 1) }, uniquingKeysWith: +)
            var leftAlone: [Int] = []
            var rewritten: [String: String] = [:]
            for block in note.blocks {
                guard let annotation = block.annotation,
                    annotation.fingerprint == nil || annotation.fingerprint == fingerprint?.lowercased()
                else { continue }
                guard let id = block.id, counts[id] == 1 else {
                    if [annotation.uri, annotation.source].contains(where: { $0.map { self.location(like: $0, to: newPath) != $0 } ?? false }) {
                        leftAlone.append(block.firstLine)
                    }
                    continue
                }
                try editor.rewriteLocations(id: id) { value in
                    // A note's blocks name the same few locations: each worked out once.
                    let new = rewritten[value] ?? self.location(like: value, to: newPath)
                    rewritten[value] = new
                    return new == value ? nil : new
                }
            }
            try editor.verify()
            return (NoteChange(path: notePath, editor: editor, label: vault.vaultPath(of: notePath) ?? notePath), leftAlone)
        } catch let error as NoteError {
            throw RelinkFailure(description: error.description)
        } catch {
            throw RelinkFailure(description: "\(notePath): \(error)")
        }
    }

    struct RelinkFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// An `annotation-target` naming `newPath` in the form of `old`; nil to
    /// leave a web address alone.
    func reference(like old: String, to newPath: String, note: String) -> String? {
        let trimmed = old.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[["), trimmed.hasSuffix("]]") {
            // A wiki link: the file name when it is unique in the vault, else the vault path.
            var inner = String(trimmed.dropFirst(2).dropLast(2))
            var tail = ""
            if let bar = inner.firstIndex(where: { $0 == "|" || $0 == "#" }) {
                tail = String(inner[bar...])
                inner = String(inner[..<bar])
            }
            let name = (newPath as NSString).lastPathComponent
            let short = !inner.contains("/") && vault.files(named: name).count == 1
            return "[[" + (short ? name : newPath) + tail + "]]"
        }
        if trimmed.hasPrefix("vault:/") || trimmed.hasPrefix("file:") { return location(like: trimmed, to: newPath) }
        if let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) { return nil }
        if trimmed.hasPrefix("/") { return vault.absolutePath(vaultPath: newPath) }
        if trimmed.hasPrefix("./") || trimmed.hasPrefix("../") {
            return Self.relative(from: (Vault.absolute(note) as NSString).deletingLastPathComponent, to: vault.absolutePath(vaultPath: newPath))
        }
        if !trimmed.contains("/"), !trimmed.contains("\\") {
            // A bare file name, found anywhere in the vault by the plugin
            // (a path with Windows separators is a path, written with "/").
            let name = (newPath as NSString).lastPathComponent
            if vault.files(named: name).count == 1 { return name }
        }
        return newPath
    }

    /// A block location (`uri`, `source`, `href`) naming `newPath` in the form
    /// of `old`: `vault:/` (percent-encoded when `old` was) or a `file:` URL;
    /// anything else (`urn:x-pdf:`, web addresses) is kept.
    func location(like old: String, to newPath: String) -> String {
        if old.hasPrefix("vault:/") {
            // %-encoded when decoding changes it (no "%", nothing to decode).
            let encoded = old.utf8.contains(UInt8(ascii: "%")) && (old.removingPercentEncoding ?? old) != old
            return "vault:/" + (encoded ? Self.percentEncoded(newPath) : newPath)
        }
        if old.hasPrefix("file:") {
            return URL(fileURLWithPath: vault.absolutePath(vaultPath: newPath)).absoluteString
        }
        return old
    }

    /// A path percent-encoded as a URL path (slashes kept).
    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// `target` relative to the folder `from` (both absolute).
    static func relative(from: String, to target: String) -> String {
        let a = from.split(separator: "/")
        let b = target.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count - 1, a[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: a.count - common)
        let path = (ups + b[common...].map(String.init)).joined(separator: "/")
        return path.hasPrefix("..") ? path : "./" + path
    }
}
