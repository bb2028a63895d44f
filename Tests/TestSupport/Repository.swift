public import Foundation

/// Where the repository's files are, for tests that read the committed
/// samples and fixtures (found from this file's path, so tests run from any
/// working folder).
public enum Repository {
    /// The repository root (two levels above this file).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The absolute path of a file given relative to the repository root.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// The sample vault (`SamplePDFs/`).
    public static let samples = path("SamplePDFs")

    /// A built executable product of the package (`pdfanchor`, a fuzz
    /// target), found next to the test bundle; the debug build's otherwise.
    public static func product(_ name: String) -> URL {
        var url = Bundle.main.bundleURL
        while url.path != "/" {
            let candidate = url.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: root + "/.build/debug/" + name)
    }
}
