public import Foundation

/// An Obsidian vault (or a plain folder of notes and PDFs): resolves the
/// paths notes use — vault paths, `vault:/` URIs, paths relative to a note,
/// bare file names, `[[wiki links]]`, `file:` URLs.
public struct Vault: Sendable, Hashable {
    /// The vault's root folder (absolute, standardized).
    public let root: String

    /// The vault at `root`, made absolute (from the current folder) with `.`
    /// and `..` resolved.
    public init(root: String) {
        self.root = Vault.absolute(root)
    }

    /// The vault holding a note: the nearest ancestor folder with an
    /// `.obsidian/` folder, else the note's own folder.
    public static func containing(note path: String) -> Vault {
        let noteFolder = (absolute(path) as NSString).deletingLastPathComponent
        return Vault(root: obsidianRoot(above: noteFolder) ?? noteFolder)
    }

    /// The nearest folder at or above `folder` (absolute) holding `.obsidian/`, if any.
    static func obsidianRoot(above folder: String) -> String? {
        var folder = folder
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/.obsidian", isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    /// Whether the root holds `.obsidian/` (an Obsidian vault, not just a folder).
    public var isObsidianVault: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root + "/.obsidian", isDirectory: &isFolder) && isFolder.boolValue
    }

    /// `path` made absolute against the current folder, `.` and `..`
    /// resolved and repeated slashes removed — by the letters alone, without
    /// resolving symbolic links (so paths stay as the user sees them, and
    /// cost no system call).
    public static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The absolute path of a vault path (`papers/x.pdf`).
    /// `path` relative to the vault when it is inside it, else as it is.
    public func relative(_ path: String) -> String {
        vaultPath(of: path) ?? path
    }

    public func absolutePath(vaultPath: String) -> String {
        Vault.absolute(root + "/" + vaultPath.drop { $0 == "/" })
    }

    /// The vault path of an absolute path inside the vault, or nil.
    public func vaultPath(of path: String) -> String? {
        let absolute = Vault.absolute(path)
        guard absolute.hasPrefix(root + "/") else { return nil }
        return String(absolute.dropFirst(root.count + 1))
    }

    /// Files in the vault whose name is `name` (exactly, else ignoring
    /// case), skipping hidden folders; shortest paths first.
    public func files(named name: String) -> [String] {
        guard !name.isEmpty else { return [] }
        var exact: [String] = []
        var loose: [String] = []
        let lowered = name.lowercased()
        Scanner().files(in: root) { path, last in
            let relative = String(path.dropFirst(root.count + 1))
            if last == name {
                exact.append(relative)
            } else if last.lowercased() == lowered {
                loose.append(relative)
            }
        }
        let order = { (a: String, b: String) in a.count < b.count || (a.count == b.count && a < b) }
        return (exact.sorted(by: order) + loose.sorted(by: order)).map { root + "/" + $0 }
    }
}

/// A reference to a file as a note writes it, and what it denotes.
public enum FileReference: Sendable, Hashable {
    /// A path inside the vault (from `vault:/…` or a vault path).
    case vaultPath(String)
    /// A path that may be relative to the note, to the vault, or a bare name.
    case path(String)
    /// An absolute local path (from `file:` URLs and absolute paths).
    case absolute(String)
    /// A web address; only its file name can be looked for locally.
    case web(URL)
    /// Not a file (`urn:x-pdf:…`, empty).
    case none

    /// Reads a reference: `annotation-target` values, `uri`, `target[].source`
    /// and `document.link[].href` strings.
    public init(_ text: String) {
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.hasPrefix("[["), value.hasSuffix("]]") {
            value = String(value.dropFirst(2).dropLast(2))
            if let bar = value.firstIndex(of: "|") { value = String(value[..<bar]) }
            if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]) }
            self = value.isEmpty ? .none : .path(value)
            return
        }
        if value.isEmpty || value.hasPrefix("urn:") {
            self = .none
        } else if value.hasPrefix("vault:/") {
            let raw = String(value.dropFirst("vault:/".count))
            self = .vaultPath(raw.removingPercentEncoding ?? raw)
        } else if value.hasPrefix("file:") {
            self = URL(string: value).map { .absolute($0.path) } ?? .absolute(String(value.dropFirst(5)))
        } else if let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()) {
            self = .web(url)
        } else if value.hasPrefix("/") {
            self = .absolute(value)
        } else {
            self = .path(value)
        }
    }

    /// The path this reference gives relative to some root (a vault path or
    /// a relative path), if it is one.
    public var relativePath: String? {
        switch self {
        case .vaultPath(let path), .path(let path): return path.isEmpty ? nil : path
        default: return nil
        }
    }

    /// Files of the vault whose path is this reference's but for letter
    /// case, Windows separators and URL escapes (`Papers\\X.PDF` or
    /// `papers/my%20paper.pdf` for `papers/my paper.pdf`), shortest first;
    /// only for vault paths and relative paths.
    public func looseCandidates(in vault: Vault) -> [String] {
        guard let given = relativePath else { return [] }
        let decoded = given.contains("%") ? (given.removingPercentEncoding ?? given) : given
        let wanted = decoded.replacingOccurrences(of: "\\", with: "/").lowercased()
        let name = (wanted as NSString).lastPathComponent
        return vault.files(named: name).filter { path in
            let lowered = path.lowercased()
            return lowered == vault.root.lowercased() + "/" + wanted || lowered.hasSuffix("/" + wanted)
        }
    }

    /// The local files this reference may denote, best first; `note` is the
    /// note's path (for relative paths).
    public func candidates(in vault: Vault, note: String?) -> [String] {
        var found: [String] = []
        func add(_ path: String) {
            let absolute = Vault.absolute(path)
            if FileManager.default.fileExists(atPath: absolute), !found.contains(absolute) { found.append(absolute) }
        }
        switch self {
        case .vaultPath(let path):
            add(vault.absolutePath(vaultPath: path))
        case .absolute(let path):
            add(path)
        case .path(let path):
            if let note { add((Vault.absolute(note) as NSString).deletingLastPathComponent + "/" + path) }
            add(vault.absolutePath(vaultPath: path))
            // As Obsidian resolves a link: a file anywhere in the vault whose
            // path ends with the one given (a bare name matches any folder).
            if found.isEmpty {
                vault.files(named: (path as NSString).lastPathComponent).filter { $0.hasSuffix("/" + path) }.forEach(add)
            }
        case .web(let url):
            let name = url.lastPathComponent
            if name.lowercased().hasSuffix(".pdf") { vault.files(named: name).forEach(add) }
        case .none:
            break
        }
        return found
    }
}
