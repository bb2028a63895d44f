import Foundation

/// What a walk of a vault (and of any papers folders) found.
public struct ScanResult: Sendable {
    /// Annotation notes: Markdown files holding annotation blocks.
    public var notes: [String] = []
    /// PDF files (extension matched without regard to case).
    public var pdfs: [String] = []
    /// Files and folders that could not be read, with why.
    public var unreadable: [Unreadable] = []
    /// Folders below the one scanned that are vaults of their own (they
    /// hold `.obsidian/`): left out, as git leaves out a repository inside
    /// another — their notes' paths are theirs, not this vault's.
    public var nestedVaults: [String] = []

    public struct Unreadable: Sendable, Hashable, Codable {
        /// The file or folder (vault-relative in an ``AuditReport``).
        public var path: String
        /// Why it could not be read, in words.
        public var reason: String
    }
}

/// Walks folders for notes and PDFs: hidden folders (`.obsidian/`,
/// `.trash/`, `.pdfanchor/`…) skipped, symbolic links followed without
/// looping (each folder is entered once, by device and inode), unreadable
/// entries reported and skipped.
public struct Scanner: Sendable {
    /// Whether to look into hidden folders too.
    public var includeHidden = false

    /// A scanner that skips hidden folders.
    public init() {}

    /// Walks `vault` for notes and PDFs, and each of `papers` for PDFs.
    public func scan(vault: String, papers: [String] = []) -> ScanResult {
        var result = ScanResult()
        var visited = Set<FolderID>()
        for (folder, notes) in [(vault, true)] + papers.map({ ($0, false) }) {
            walk(Vault.absolute(folder), visited: &visited, unreadable: { result.unreadable.append($0) }, nested: { result.nestedVaults.append($0) }) { path, name in
                let lower = name.lowercased()
                if lower.hasSuffix(".pdf") {
                    result.pdfs.append(path)
                } else if notes, lower.hasSuffix(".md") {
                    switch Self.isAnnotationNote(path) {
                    case .success(true): result.notes.append(path)
                    case .success(false): break
                    case .failure(let reason): result.unreadable.append(.init(path: path, reason: reason.message))
                    }
                }
            }
        }
        result.notes.sort()
        result.pdfs = Array(Set(result.pdfs)).sorted()
        return result
    }

    /// Every regular file under `folder` (hidden folders skipped unless
    /// ``includeHidden``, symbolic links followed once), as `(path, name)`,
    /// in name order folder by folder. What cannot be read is skipped.
    public func files(in folder: String, _ visit: (_ path: String, _ name: String) -> Void) {
        var visited = Set<FolderID>()
        walk(Vault.absolute(folder), visited: &visited, unreadable: { _ in }, nested: { _ in }, visit)
    }

    private struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// The one walker: each folder entered once (by device and inode, so
    /// symbolic links never loop), entries in name order, unreadable entries
    /// reported to `unreadable` (broken links only when they name a PDF or
    /// a note), a folder below the first that holds `.obsidian/` (a vault of
    /// its own) given to `nested` and not entered, regular files given to `visit`.
    private func walk(
        _ folder: String, visited: inout Set<FolderID>, unreadable: (ScanResult.Unreadable) -> Void,
        nested: (String) -> Void, isRoot: Bool = true, _ visit: (_ path: String, _ name: String) -> Void
    ) {
        if !isRoot, includeHidden == false {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/.obsidian", isDirectory: &isFolder), isFolder.boolValue {
                nested(folder)
                return
            }
        }
        var info = stat()
        guard stat(folder, &info) == 0 else {
            unreadable(.init(path: folder, reason: String(cString: strerror(errno))))
            return
        }
        guard visited.insert(FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            unreadable(.init(path: folder, reason: "the folder cannot be listed"))
            return
        }
        for name in entries.sorted() {
            if name.hasPrefix("."), !includeHidden { continue }
            let path = folder + "/" + name
            var entry = stat()
            guard stat(path, &entry) == 0 else {
                // A dangling symbolic link, or an entry that vanished.
                let reason = errno == ENOENT ? "a broken symbolic link" : String(cString: strerror(errno))
                if name.lowercased().hasSuffix(".pdf") || name.hasSuffix(".md") {
                    unreadable(.init(path: path, reason: reason))
                }
                continue
            }
            if (entry.st_mode & S_IFMT) == S_IFDIR {
                walk(path, visited: &visited, unreadable: unreadable, nested: nested, isRoot: false, visit)
            } else if (entry.st_mode & S_IFMT) == S_IFREG {
                visit(path, name)
            }
        }
    }

    /// Why a file could not be read (strerror's words).
    public struct ReadFailure: Error, Sendable {
        /// The system's words for the error (`strerror`).
        public var message: String
    }

    /// Whether a Markdown file is an annotation note: it holds annotation
    /// blocks (an `annotation-json` fence, or a video annotation's
    /// timestamp), or — before its first highlight — front matter naming
    /// what it annotates (`annotation-target:`). Read in blocks of 1 MiB: a
    /// huge Markdown file costs no more memory than that.
    public static func isAnnotationNote(_ path: String) -> Result<Bool, ReadFailure> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ReadFailure(message: String(cString: strerror(errno))))
        }
        defer { try? handle.close() }
        let markers = [Data("```annotation-json".utf8), Data("%%TIMESTAMP:".utf8)]
        let overlap = markers.map(\.count).max()! - 1
        var tail = Data()
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: 1 << 20), !read.isEmpty else { return .success(false) }
                chunk = read
            } catch {
                return .failure(ReadFailure(message: "read error"))
            }
            let window = tail + chunk
            if markers.contains(where: { window.range(of: $0) != nil }) { return .success(true) }
            if tail.isEmpty, chunk.starts(with: Data("---".utf8)),
                let target = chunk.range(of: Data("\nannotation-target:".utf8)),
                chunk.range(of: Data("\n---".utf8), in: 3..<target.lowerBound) == nil
            {
                return .success(true)
            }
            tail = window.suffix(overlap)
        }
    }
}
