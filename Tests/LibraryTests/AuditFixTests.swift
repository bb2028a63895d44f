import Library
import Testing

/// A fix's command, as a shell reads it: each argument one word, quoted by
/// the POSIX rules (single quotes; a quote inside as '\'') when it holds a
/// character some shell treats specially.
@Suite("Fixes' commands for the shell")
struct AuditFixTests {
    @Test("plain arguments as they are, others in single quotes", arguments: [
        ("notes/x.md", "notes/x.md"),
        ("--write", "--write"),
        ("notes/Smith 2021.md", "'notes/Smith 2021.md'"),
        ("^0abc", "'^0abc'"),  // a pattern in zsh with extended globs, a redirection in old fish
        ("it's.md", "'it'\\''s.md'"),
        ("$HOME/*.md", "'$HOME/*.md'"),
        ("notes/é.md", "'notes/é.md'"),
        ("", "''"),
    ])
    func quoted(_ pair: (String, String)) {
        #expect(AuditFix.shellQuoted(pair.0) == pair.1)
    }

    @Test("the note's path written as seen from elsewhere; no command, no line")
    func command() {
        let fix = AuditFix("shows every place considered", command: ["pdfanchor", "check", "notes/a b.md", "--explain", "^x1"])
        #expect(fix.shellCommand() == "pdfanchor check 'notes/a b.md' --explain '^x1'")
        #expect(fix.shellCommand(replacing: "notes/a b.md", with: "a b.md") == "pdfanchor check 'a b.md' --explain '^x1'")
        #expect(AuditFix("put the PDF back").shellCommand() == nil)
    }
}
