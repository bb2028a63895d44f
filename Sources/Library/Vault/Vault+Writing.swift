import Foundation

/// What PDFAnchor writes inside a vault stays inside it: its own folders
/// (`.pdfanchor/`, `.pdfanchor/backups/…`) are never links, and a file is
/// written only where it really is in the vault.
extension Vault {
    /// Makes the folder `relative` (a vault path such as
    /// `.pdfanchor/backups/2026-12-07T10-00-00Z/papers`) one level at a
    /// time, refusing any level that is a symbolic link or not a folder —
    /// so nothing is written through a link to another place.
    /// - Returns: the folder's absolute path.
    /// - Throws: a ``WriteError`` naming the level that is a link (or not a
    ///   folder, or cannot be made).
    @discardableResult
    public func makeOwnFolder(_ relative: String) throws(WriteError) -> String {
        var folder = root
        for part in relative.split(separator: "/") where part != "." {
            folder += "/" + part
            if mkdir(folder, 0o755) != 0, errno != EEXIST {
                throw WriteError(path: folder, reason: "the folder cannot be made (\(String(cString: strerror(errno))))")
            }
            var info = stat()
            guard lstat(folder, &info) == 0 else {
                throw WriteError(path: folder, reason: "the folder cannot be made (\(String(cString: strerror(errno))))")
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFLNK:
                throw WriteError(
                    path: folder,
                    reason: "it is a symbolic link; PDFAnchor writes its own files only in a real folder of the vault — remove the link (a folder is made in its place)", code: .outsideVault)
            default:
                throw WriteError(path: folder, reason: "it is not a folder; move it away so that PDFAnchor can make its folder there", code: .notAFolder)
            }
        }
        return folder
    }

    /// Why the file at `path`, inside the vault by its name, may not be
    /// written: it is reached through a symbolic link (of the file, or of a
    /// folder on the way) that leaves the vault. Nil when it may be (a file
    /// outside the vault by its name, given on purpose, is the caller's
    /// business).
    public func escape(of path: String) -> String? {
        guard vaultPath(of: path) != nil else { return nil }
        let realRoot = Self.realPath(root) ?? root
        // A file yet to be made: its folder decides.
        let real = Self.realPath(path) ?? Self.realPath((Vault.absolute(path) as NSString).deletingLastPathComponent)
        guard let real, real != realRoot, !real.hasPrefix(realRoot + "/") else { return nil }
        return "it is reached through a symbolic link to \(real), outside the vault \(root); nothing was written — "
            + "copy the file into the vault in place of the link, or work on it where it is"
    }

    /// `path` with every symbolic link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
