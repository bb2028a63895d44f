import Foundation

/// Why an output path given to `extract` cannot take the export. Each
/// case names the option and the path; the description reads as the
/// command's message.
public enum OutputPathError: Error, Sendable, CustomStringConvertible {
    /// The folder `path` (given with `option`) could not be made.
    case folderNotMade(option: String, path: String)
    /// A new file's folder does not exist.
    case noFolder(option: String, path: String, folder: String)
    /// `path` names a file where a folder is wanted.
    case notAFolder(option: String, path: String)

    /// A stable code for scripts.
    public var code: String {
        switch self {
        case .folderNotMade: return "folder-not-made"
        case .noFolder: return "no-folder"
        case .notAFolder: return "not-a-folder"
        }
    }

    public var description: String {
        switch self {
        case .folderNotMade(let option, let path): return "\(option) \(path): the folder cannot be made (read-only, or no permission)"
        case .noFolder(let option, let path, let folder): return "\(option) \(path): the folder \(folder) does not exist"
        case .notAFolder(let option, let path): return "\(option) \(path): a file, not a folder"
        }
    }

    /// Makes the folder `path` (and its parents) if it is not there.
    /// - Throws: ``notAFolder(option:path:)`` for a file,
    ///   ``folderNotMade(option:path:)`` when it cannot be made.
    public static func makeFolder(_ path: String, option: String) throws(OutputPathError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw .notAFolder(option: option, path: path)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .folderNotMade(option: option, path: path)
        }
    }
}
