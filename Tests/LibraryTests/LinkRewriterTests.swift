import Testing
@testable import Library

@Suite("Links to highlight blocks rewritten as PDF++ links")
struct LinkRewriterTests {
    static let rewriter = LinkRewriter([
        .init(note: "notes/paper.md", targets: ["abc": "papers/p.pdf#page=3&annotation=12R", "def": "papers/p.pdf#page=4&annotation=13R"]),
        .init(note: "other/paper.md", targets: ["xyz": "papers/q.pdf#page=1&annotation=5R"]),
        .init(note: "notes/solo.md", targets: ["s1": "papers/s.pdf#page=2&annotation=7R"]),
    ])

    @Test("the three wikilink forms, by path or unique bare name; alias and embed kept; unknown ids and ambiguous names left alone and named")
    func forms() {
        let text = """
            [[notes/paper#^abc]] and [[notes/paper.md#^def|the point]]
            ![[solo#^s1]] [[solo#^nope]] [[paper#^abc]] [[notes/paper#abc]]
            """
        let result = Self.rewriter.rewrite(text)
        #expect(result.links == 3)
        // A link to a block of a migrated note whose highlight was not moved is named, and so is a name two moved notes share.
        #expect(result.left.map(\.link) == ["[[solo#^nope]]", "[[paper#^abc]]"], "as the link writes it")
        #expect(result.left.map(\.reason) == [.notMoved, .ambiguous])
        #expect(result.left[0].note == "notes/solo.md" && result.left[0].id == "nope")
        #expect(result.left[1].candidates == ["notes/paper.md", "other/paper.md"])
        #expect(result.text == """
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
        let result = Self.rewriter.rewrite(text, keepQuoted: true)
        #expect(result.links == 1)
        #expect(result.text == ">%%COMMENT%%\n>see [[notes/paper#^abc]]\nand [[papers/p.pdf#page=3&annotation=12R]]")
        #expect(Self.rewriter.rewrite(text).links == 2, "in other Markdown, callouts are rewritten too")
    }

    /// Notes moved, one with a space in its name, and the vault's Markdown files.
    static let markdown = LinkRewriter(
        [
            .init(note: "notes/paper.md", targets: ["abc": "papers/p.pdf#page=3&annotation=12R", "def": "papers/p.pdf#page=4&annotation=13R"]),
            .init(note: "other/paper.md", targets: ["xyz": "papers/q.pdf#page=1&annotation=5R"]),
            .init(note: "notes/solo.md", targets: ["s1": "papers/s.pdf#page=2&annotation=7R"]),
            .init(note: "notes/my paper.md", targets: ["sp": "papers/my paper (2024).pdf#page=5&annotation=9R"]),
        ], notes: ["journal/log.md", "notes/paper.md", "other/paper.md", "notes/solo.md", "notes/my paper.md"])

    /// Markdown links in journal/log.md, each as it must be rewritten (by
    /// CommonMark's rules for a link's destination and title, and
    /// Obsidian's for its path: from the vault's root, from the file's
    /// folder for ./ and ../, a bare name when one file has it).
    static let markdownSamples: [(text: String, rewritten: String)] = [
        // From the vault's root, with and without .md, a title kept.
        ("[a](notes/paper.md#^abc)", "[a](papers/p.pdf#page=3&annotation=12R)"),
        ("[b](notes/paper#^def \"the title\")", "[b](papers/p.pdf#page=4&annotation=13R \"the title\")"),
        // Relative to the file's folder: the new link is too.
        ("[c](../notes/solo.md#^s1)", "[c](../papers/s.pdf#page=2&annotation=7R)"),
        ("[c](./../notes/solo#^s1)", "[c](../papers/s.pdf#page=2&annotation=7R)"),
        // %20 for a space (and parentheses encoded); <…> as it is; an embed keeps its !.
        ("[d](notes/my%20paper.md#^sp)", "[d](papers/my%20paper%20%282024%29.pdf#page=5&annotation=9R)"),
        ("![e](<notes/my paper.md#^sp>)", "![e](<papers/my paper (2024).pdf#page=5&annotation=9R>)"),
        // A bare name one file has; brackets inside the text.
        ("[see [1]](solo.md#^s1)", "[see [1]](papers/s.pdf#page=2&annotation=7R)"),
        // A reference definition.
        ("[ref]: notes/solo.md#^s1 \"title\"", "[ref]: papers/s.pdf#page=2&annotation=7R \"title\""),
        // Not links to a moved block: a URL, the file's own block, a heading, code, an escaped bracket.
        ("[i](https://example.com/notes/paper.md#^abc) [j](#^abc) [k](notes/paper.md#abc)", "[i](https://example.com/notes/paper.md#^abc) [j](#^abc) [k](notes/paper.md#abc)"),
        ("`[a](notes/paper.md#^abc)` \\[a](notes/paper.md#^abc)", "`[a](notes/paper.md#^abc)` \\[a](notes/paper.md#^abc)"),
    ]

    @Test("Markdown links to blocks: with or without .md, %20 or <…>, a title, relative paths, reference definitions; URLs, headings, code and escapes left alone", arguments: markdownSamples)
    func markdownLinks(text: String, rewritten: String) {
        let result = Self.markdown.rewrite(text, from: "journal/log.md")
        #expect(result.text == rewritten)
        #expect(result.links == (text == rewritten ? 0 : 1))
        #expect(result.left.isEmpty)
    }

    @Test("a Markdown link that cannot be rewritten is named with why: its highlight not moved, or its path naming two files")
    func markdownLeft() {
        let result = Self.markdown.rewrite("[g](notes/solo.md#^gone) and [h](paper.md#^abc)", from: "journal/log.md")
        #expect(result.links == 0)
        #expect(result.left.map(\.link) == ["[g](notes/solo.md#^gone)", "[h](paper.md#^abc)"])
        #expect(result.left.map(\.reason) == [.notMoved, .ambiguous])
        #expect(result.left[1].candidates == ["notes/paper.md", "other/paper.md"])
        // A path that is one file from the vault's root and another from the linking file's folder.
        let both = LinkRewriter(
            [.init(note: "notes/solo.md", targets: ["s1": "papers/s.pdf#page=2&annotation=7R"])],
            notes: ["journal/log.md", "notes/solo.md", "journal/notes/solo.md"])
        let twice = both.rewrite("[x](notes/solo.md#^s1) [[notes/solo#^s1]]", from: "journal/log.md")
        #expect(twice.links == 0)
        #expect(twice.left.map(\.reason) == [.ambiguous, .ambiguous])
        #expect(twice.left[0].candidates == ["notes/solo.md", "journal/notes/solo.md"])
        // From a file at the vault's root there is only one reading.
        #expect(both.rewrite("[x](notes/solo.md#^s1)", from: "log.md").text == "[x](papers/s.pdf#page=2&annotation=7R)")
    }

    @Test("wikilinks relative to the linking file resolve too; the targets written are reported")
    func relativeWikilinks() {
        let result = Self.markdown.rewrite("[[../notes/solo#^s1|see]] [[notes/paper#^abc]]", from: "journal/log.md")
        #expect(result.text == "[[papers/s.pdf#page=2&annotation=7R|see]] [[papers/p.pdf#page=3&annotation=12R]]")
        #expect(result.targets == ["papers/s.pdf#page=2&annotation=7R", "papers/p.pdf#page=3&annotation=12R"])
    }
}
