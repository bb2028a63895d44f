import Foundation

/// What a walk of a vault (and of any papers folders) found.
public struct ScanResult: Sendable {
    /// Annotation notes: Markdown files holding annotation blocks.
    public var notes: [String] = []
    /// PDF files (extension matched without regard to case).
    public var pdfs: [String] = []
    /// Files and folders that could not be read, with why.
    public var unreadable: [Unreadable] = []

    public struct Unreadable: Sendable, Hashable, Codable {
        public var path: String
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

    public init() {}

    /// Walks `vault` for notes and PDFs, and each of `papers` for PDFs.
    public func scan(vault: String, papers: [String] = []) -> ScanResult {
        var result = ScanResult()
        var visited = Set<FolderID>()
        walk(Vault.absolute(vault), notes: true, result: &result, visited: &visited)
        for folder in papers {
            walk(Vault.absolute(folder), notes: false, result: &result, visited: &visited)
        }
        result.notes.sort()
        result.pdfs = Array(Set(result.pdfs)).sorted()
        return result
    }

    private struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private func walk(_ folder: String, notes: Bool, result: inout ScanResult, visited: inout Set<FolderID>) {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            result.unreadable.append(.init(path: folder, reason: String(cString: strerror(errno))))
            return
        }
        guard visited.insert(FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            result.unreadable.append(.init(path: folder, reason: "the folder cannot be listed"))
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
                    result.unreadable.append(.init(path: path, reason: reason))
                }
                continue
            }
            if (entry.st_mode & S_IFMT) == S_IFDIR {
                walk(path, notes: notes, result: &result, visited: &visited)
            } else if (entry.st_mode & S_IFMT) == S_IFREG {
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
    }

    struct ReadFailure: Error {
        var message: String
    }

    /// Whether a Markdown file holds annotation blocks (an
    /// `annotation-json` fence, or a video annotation's timestamp).
    static func isAnnotationNote(_ path: String) -> Result<Bool, ReadFailure> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ReadFailure(message: String(cString: strerror(errno))))
        }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return .failure(ReadFailure(message: "read error")) }
        return .success(data.range(of: Data("```annotation-json".utf8)) != nil || data.range(of: Data("%%TIMESTAMP:".utf8)) != nil)
    }
}
