import Foundation
import Library
import Notes
import Reports
import TestSupport
import Testing

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
        let expected = try String(contentsOfFile: golden(name), encoding: .utf8)
        guard portable != expected else { return true }
        Issue.record(Comment(rawValue: "\(name) differs from its golden file:\n" + lineDiff(expected: expected, actual: portable)))
        return false
    }

    /// Where two texts first differ, line by line: the lines around it,
    /// expected ones marked `-`, actual ones `+`.
    static func lineDiff(expected: String, actual: String, context: Int = 2) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var first = 0
        while first < min(old.count, new.count), old[first] == new[first] { first += 1 }
        var lastOld = old.count - 1
        var lastNew = new.count - 1
        while lastOld > first, lastNew > first, old[lastOld] == new[lastNew] {
            lastOld -= 1
            lastNew -= 1
        }
        var lines = ["@@ line \(first + 1) @@"]
        lines += old[max(0, first - context)..<first].map { "  " + $0 }
        lines += (first <= lastOld ? Array(old[first...min(lastOld, first + 20)]) : []).map { "- " + $0 }
        lines += (first <= lastNew ? Array(new[first...min(lastNew, first + 20)]) : []).map { "+ " + $0 }
        return lines.joined(separator: "\n")
    }
}
