import Foundation
import Library
import Notes
import Reports
import TestSupport

/// The sample vault's report for a note, as `pdfanchor extract` builds it.
enum ReportFixture {
    static let root = Repository.root

    static let vault = Vault(root: root + "/SamplePDFs")

    static func report(note: String) async throws -> HighlightReport {
        let path = vault.root + "/" + note
        let check = try await NoteChecker().check(notePath: path)
        return HighlightReport(check: check, annotations: try AnnotationSource(path: path).annotations, vault: vault)
    }

    static func golden(_ name: String) -> String { root + "/Tests/ReportsTests/Golden/" + name }

    /// Compares `text` with the golden file `name`; with
    /// PDFANCHOR_UPDATE_GOLDEN=1 in the environment, rewrites the file
    /// instead (then review the diff before committing).
    static func matchesGolden(_ text: String, _ name: String) throws -> Bool {
        let portable = text.replacingOccurrences(of: root, with: "$ROOT")
        if ProcessInfo.processInfo.environment["PDFANCHOR_UPDATE_GOLDEN"] == "1" {
            try portable.write(toFile: golden(name), atomically: true, encoding: .utf8)
            return true
        }
        return try portable == String(contentsOfFile: golden(name), encoding: .utf8)
    }
}
