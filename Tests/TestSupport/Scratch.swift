import Foundation

/// Scratch folders for tests that write files.
public enum Scratch {
    /// A new empty folder under the system's temporary folder, named after
    /// `name` (letters only) and a random tag, so tests running at once never
    /// share one.
    public static func folder(_ name: String = #function) throws -> String {
        let path = freshPath(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A path under the system's temporary folder that does not exist yet
    /// (for tests that copy a folder there).
    public static func freshPath(_ name: String = #function) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("pdfanchor-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))").path
    }
}
