import Foundation

/// Paths of the repository and a scratch vault for each test.
enum TestVault {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let samples = root + "/SamplePDFs"

    /// A new empty folder under the system's temporary folder.
    static func scratch(_ name: String = #function) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("pdfanchor-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies a sample file into `folder` (creating folders), returning the new path.
    @discardableResult
    static func copy(_ relative: String, to folder: String, as name: String? = nil) throws -> String {
        let destination = folder + "/" + (name ?? (relative as NSString).lastPathComponent)
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: samples + "/" + relative, toPath: destination)
        return destination
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
