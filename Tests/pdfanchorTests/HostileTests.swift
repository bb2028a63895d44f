import Foundation
import Testing
import TestSupport

@Suite("pdfanchor audit over hostile files")
struct HostileTests {
    /// Tests/Fixtures/hostile (crafted by Scripts/hostile/make_hostile.py
    /// --fixtures) plus the sample paper cut short and with bytes flipped,
    /// in a temporary vault.
    static func vault() throws -> String {
        let folder = Scratch.freshPath("hostile")
        try FileManager.default.copyItem(atPath: CommandRunner.root + "/Tests/Fixtures/hostile", toPath: folder)
        // An Obsidian vault, as users have it (else the audit says which folder it takes as the vault).
        try FileManager.default.createDirectory(atPath: folder + "/.obsidian", withIntermediateDirectories: true)
        let paper = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CommandRunner.root + "/SamplePDFs/papers/estuary-flocculation.pdf")))
        var generator = SeededRandom(state: 20261126)
        for (k, fraction) in [0.01, 0.3, 0.6, 0.95, 0.9999].enumerated() {
            try Data(paper.prefix(Int(Double(paper.count) * fraction))).write(to: URL(fileURLWithPath: folder + "/papers/cut-\(k).pdf"))
        }
        for k in 0..<5 {
            var flipped = paper
            for _ in 0..<(1 << (2 * k)) { flipped[Int.random(in: 0..<flipped.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            try Data(flipped).write(to: URL(fileURLWithPath: folder + "/papers/flipped-\(k).pdf"))
        }
        return folder
    }

    @Test("the audit finishes; every PDF gets pages or a reason; what can be found is found; nothing leaks to stderr")
    func audit() throws {
        let vault = try Self.vault()
        let output = try CommandRunner.run(["audit", vault, "--format", "json", "--no-cache", "--timeout", "30"])
        #expect(output.status == 1)
        #expect(!output.signaled)
        #expect(output.stderr.isEmpty, "\(output.stderr.prefix(500))")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let pdfs = try #require(report["pdfs"] as? [[String: Any]])
        #expect(pdfs.count == 14 + 10)
        // A PDF a note uses is opened: it gets its page count or a reason.
        // One no note uses is only fingerprinted: it gets its fingerprint or a reason.
        for pdf in pdfs {
            let used = !(pdf["referencedBy"] as? [String] ?? []).isEmpty
            let hasError = (pdf["error"] as? String)?.isEmpty == false
            let hasStatus = used ? (pdf["pages"] as? Int ?? 0) > 0 || hasError : pdf["fingerprint"] is String || hasError
            #expect(hasStatus, "\(pdf["path"] ?? "?") has a status")
        }
        let notes = try #require(report["notes"] as? [[String: Any]])
        #expect(notes.count == 14)
        func found(_ name: String) -> Bool {
            let summary = notes.first { $0["path"] as? String == "notes/\(name).md" }?["summary"] as? [String: Int]
            return (summary?["anchored"] ?? 0) + (summary?["fuzzy"] ?? 0) == 1
        }
        // Their text is there, whatever else is wrong with them.
        for name in ["nested-content", "wrong-lengths", "xref-loop", "markup-in-text"] { #expect(found(name), "\(name)") }
        let reasons = pdfs.compactMap { $0["error"] as? String }
        #expect(reasons.contains("the file is empty (0 bytes)"))
        #expect(reasons.contains("not a PDF (no %PDF- header in its first 1024 bytes)"))
        #expect(reasons.contains("the PDF has no pages"))
    }
}
