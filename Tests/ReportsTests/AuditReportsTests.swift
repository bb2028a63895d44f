import Testing
@testable import Reports

/// The audit's commands name the notes as seen from the current folder, as
/// git names paths: relative inside the vault, whole from elsewhere.
@Suite("The audit's commands from the current folder")
struct AuditReportsTests {
    @Test("a vault path from the vault, below it, beside it and outside it", arguments: [
        ("/v", "notes/x.md", "notes/x.md"),
        ("/v/notes", "notes/x.md", "x.md"),
        ("/v/notes/deep", "notes/x.md", "../x.md"),
        ("/v/papers", "notes/x.md", "../notes/x.md"),
        ("/elsewhere", "notes/x.md", "/v/notes/x.md"),
        ("/vault-like", "notes/x.md", "/v/notes/x.md"),
        ("/v/notes", "/outside/x.md", "/outside/x.md"),
    ])
    func path(_ situation: (String, String, String)) {
        #expect(AuditReports.CommandPaths(vault: "/v", folder: situation.0).path(situation.1) == situation.2)
    }
}
