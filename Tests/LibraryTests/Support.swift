import Foundation
import TestSupport

/// Paths of the repository and a scratch vault for each test.
enum TestVault {
    static let root = Repository.root

    static let samples = root + "/SamplePDFs"

    /// A new empty folder under the system's temporary folder.
    static func scratch(_ name: String = #function) throws -> String { try Scratch.folder(name) }

    /// A new scratch vault: a folder holding `.obsidian/`.
    static func vault(_ name: String = #function) throws -> String {
        let vault = try Scratch.folder(name)
        try FileManager.default.createDirectory(atPath: vault + "/.obsidian", withIntermediateDirectories: true)
        return vault
    }

    /// Copies the sample paper `stem` (`papers/stem.pdf`) and its note
    /// (`notes/stem.md`) into the same folders of `vault`.
    @discardableResult
    static func paper(_ stem: String, into vault: String) throws -> (pdf: String, note: String) {
        (try copy("papers/\(stem).pdf", to: vault + "/papers"), try copy("notes/\(stem).md", to: vault + "/notes"))
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
