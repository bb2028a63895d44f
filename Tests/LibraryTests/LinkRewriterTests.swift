import Testing
@testable import Library

@Suite("Links to highlight blocks rewritten as PDF++ links")
struct LinkRewriterTests {
    static let rewriter = LinkRewriter([
        .init(note: "notes/paper.md", targets: ["abc": "papers/p.pdf#page=3&annotation=12R", "def": "papers/p.pdf#page=4&annotation=13R"]),
        .init(note: "other/paper.md", targets: ["xyz": "papers/q.pdf#page=1&annotation=5R"]),
        .init(note: "notes/solo.md", targets: ["s1": "papers/s.pdf#page=2&annotation=7R"]),
    ])

    @Test("the three link forms, by path or unique bare name; alias and embed kept; unknown ids and ambiguous names left alone, the unknown ids named")
    func forms() {
        let text = """
            [[notes/paper#^abc]] and [[notes/paper.md#^def|the point]]
            ![[solo#^s1]] [[solo#^nope]] [[paper#^abc]] [[notes/paper#abc]]
            """
        let (rewritten, links, left) = Self.rewriter.rewrite(text)
        #expect(links == 3)
        // A link to a block of a migrated note whose highlight was not moved is named.
        #expect(left == ["solo#^nope"], "as the link writes it")
        #expect(rewritten == """
            [[papers/p.pdf#page=3&annotation=12R]] and [[papers/p.pdf#page=4&annotation=13R|the point]]
            ![[papers/s.pdf#page=2&annotation=7R]] [[solo#^nope]] [[paper#^abc]] [[notes/paper#abc]]
            """)
    }

    /// Texts with code in which only the last link is one to rewrite, as they are rewritten.
    static let codeSamples: [(text: String, rewritten: String)] = [
        // Fenced blocks (also in a callout) and inline code spans.
        (
            "```\n[[notes/paper#^abc]]\n```\n> ~~~\n> [[notes/paper#^abc]]\n> ~~~\n`[[notes/paper#^abc]]` [[notes/paper#^abc]]\n",
            "```\n[[notes/paper#^abc]]\n```\n> ~~~\n> [[notes/paper#^abc]]\n> ~~~\n`[[notes/paper#^abc]]` [[papers/p.pdf#page=3&annotation=12R]]\n"
        ),
        // Double-backtick spans, indented code and an escaped \[[.
        (
            "`` x [[notes/paper#^abc]] `` [[notes/paper#^abc]]\n\n    [[notes/paper#^abc]]\n\\[[notes/paper#^abc]]",
            "`` x [[notes/paper#^abc]] `` [[papers/p.pdf#page=3&annotation=12R]]\n\n    [[notes/paper#^abc]]\n\\[[notes/paper#^abc]]"
        ),
    ]

    @Test("code is left alone: fenced blocks (also in a callout), inline code spans, double-backtick spans, indented code and escaped \\[[", arguments: codeSamples)
    func code(text: String, rewritten: String) {
        let result = Self.rewriter.rewrite(text)
        #expect(result.links == 1)
        #expect(result.text == rewritten)
    }

    @Test("a bare name two files of the vault share is not guessed")
    func sharedName() {
        let shared = LinkRewriter(
            [.init(note: "notes/solo.md", targets: ["s1": "papers/s.pdf#page=2&annotation=7R"])], notes: ["notes/solo.md", "other/solo.md"])
        #expect(shared.rewrite("[[solo#^s1]] [[notes/solo#^s1]]").text == "[[solo#^s1]] [[papers/s.pdf#page=2&annotation=7R]]")
    }

    @Test("in an annotation note, its quoted blocks stay as they are; the rest is rewritten")
    func keepQuoted() {
        let text = ">%%COMMENT%%\n>see [[notes/paper#^abc]]\nand [[notes/paper#^abc]]"
        let (rewritten, links, _) = Self.rewriter.rewrite(text, keepQuoted: true)
        #expect(links == 1)
        #expect(rewritten == ">%%COMMENT%%\n>see [[notes/paper#^abc]]\nand [[papers/p.pdf#page=3&annotation=12R]]")
        #expect(Self.rewriter.rewrite(text).links == 2, "in other Markdown, callouts are rewritten too")
    }
}
