import Foundation
import Testing
@testable import Notes

@Suite("Reading notes")
struct ReaderTests {
    @Test("the real example note: 8 annotations with the right ids, quotes, context and fingerprint")
    func exampleNote() throws {
        let note = try Fixtures.note("example-blood.md")
        // Checked by hand against the note's text (shared/examples).
        #expect(
            note.annotations.map(\.id) == [
                "i22j3j8p8", "7p9btgdri67", "58xa9sl45tl", "3s1ngwc22z", "5m063f82i2", "eroln4o42di", "98lsl9ksy7b",
                "nya1px9u7cp",
            ])
        #expect(note.diagnostics.isEmpty, "\(note.diagnostics)")
        #expect(note.frontMatter?.target == "blood.2022016945.pdf")
        #expect(note.fingerprint == "f1c7499232fab25fa3f2e36db7509581")
        let first = try #require(note.annotations.first?.quote)
        #expect(first.exact == "failure of anti-CD19CAR T-Cell Therapy")
        // The plugin takes prefix and suffix from the Markdown, where they are trimmed.
        #expect(first.prefix == "ggressive B-Cell lymphoma after")
        #expect(first.suffix == ". A DESCAR-T analysis.Tracking n")
        let fourth = try #require(note.annotations[3].quote)
        #expect(fourth.exact.hasPrefix(" However,  a  significant"), "exact keeps its JSON spaces")
        #expect(fourth.suffix == "At registration, 57.0% of patien")
        #expect(note.annotations[3].position == TextPositionSelector(start: 10282, end: 10507))
        #expect(note.annotations.allSatisfy { $0.comment.isEmpty && $0.tags.isEmpty && $0.kind == .highlight })
        #expect(note.annotations[0].uri == "vault:/hematology-theroy/papers/20220920/blood.2022016945.pdf")
        #expect(note.blocks.map(\.firstLine) == [6, 20, 34, 48, 62, 76, 90, 104])
    }

    @Test("each fixture reads as its generator specified", arguments: Fixtures.noteNames.filter { $0 != "example-blood.md" })
    func fixture(name: String) throws {
        let note = try Fixtures.note(name)
        let expected = try #require(Fixtures.expected[name])
        #expect(note.frontMatter?.target == expected.target)
        #expect(note.frontMatter?.targetType == expected.targetType)
        #expect(note.annotations.count == expected.annotations.count)
        let lines = note.blocks.filter { $0.annotation != nil }.map(\.firstLine)
        for (k, (annotation, want)) in zip(note.annotations, expected.annotations).enumerated() {
            #expect(annotation.id == want.id)
            #expect(annotation.kind.rawValue == want.kind)
            #expect(annotation.quote?.exact == want.exact, "\(want.id)")
            #expect(annotation.quote?.prefix == want.prefix, "\(want.id)")
            #expect(annotation.quote?.suffix == want.suffix, "\(want.id)")
            #expect(annotation.comment == want.comment, "\(want.id)")
            #expect(annotation.tags == want.tags, "\(want.id)")
            #expect(annotation.fingerprint == want.fingerprint)
            #expect(annotation.uri == want.uri)
            #expect(lines[k] == want.line, "\(want.id)")
        }
        let found = Set(note.diagnostics.map { Fixtures.Expected.ExpectedDiagnostic(code: $0.code.rawValue, line: $0.line, severity: $0.severity.rawValue) })
        #expect(found == Set(expected.diagnostics), "\(note.diagnostics)")
    }

    @Test("where the plugin can read a fixture, it reads what PDFAnchor reads")
    func agreesWithPlugin() throws {
        for name in Fixtures.noteNames {
            let note = try Fixtures.note(name)
            guard let plugin = PluginReader.read(String(decoding: note.bytes, as: UTF8.self)) else {
                // The plugin fails on this note; PDFAnchor must have said why.
                #expect(note.diagnostics.contains { $0.severity <= .warning }, "\(name): the plugin fails silently")
                continue
            }
            let ours = note.blocks.compactMap { block -> PluginReader.Read? in
                guard let a = block.annotation else { return nil }
                return PluginReader.Read(
                    id: a.id, quote: a.quote, comment: block.markdown.comment, tags: a.tags)
            }
            let visible = ours.filter { read in plugin.contains { $0.id == read.id } }
            #expect(visible == plugin, "\(name)")
        }
    }

    @Test("the plugin model reads clean notes and fails where the plugin fails")
    func pluginModel() throws {
        let text = { (name: String) in String(decoding: try Fixtures.bytes(name), as: UTF8.self) }
        #expect(PluginReader.read(try text("plugin-0.2-default.md"))?.count == 5)
        #expect(PluginReader.read(try text("example-blood.md"))?.count == 8)
        #expect(PluginReader.read(try text("deviation-crlf.md"))?.isEmpty ?? true)
        #expect(PluginReader.read(try text("deviation-quote-space.md"))?.isEmpty ?? true)
        #expect(PluginReader.read(try text("minimal-sections.md")) == nil)
        #expect(PluginReader.read(try text("deviation-no-final-newline.md"))?.count == 1)
    }

    @Test("a broken block never hides the others")
    func errorsAreIsolated() throws {
        let note = try Fixtures.note("errors.md")
        #expect(note.annotations.map(\.id) == ["good000001", "good000002", "line52", "good000003", "good000001", "edit000001"])
        #expect(note.hasErrors)
        #expect(note.diagnostics.filter { $0.severity == .error }.map(\.code) == [.brokenJSON, .missingFence, .missingId])
        let broken = try #require(note.diagnostics.first { $0.code == .brokenJSON })
        #expect(broken.blockID == "badjson001")
    }

    @Test("page notes and replies are recognised")
    func kinds() throws {
        let note = try Fixtures.note("plugin-0.2-default.md")
        #expect(note.annotations.map(\.kind) == [.highlight, .highlight, .pageNote, .reply, .highlight])
        #expect(note.annotations[3].references == ["k9x8y7w6v5"])
    }

    @Test("unknown JSON keys and selectors are kept")
    func unknownKeysKept() throws {
        let note = try Fixtures.note("plugin-0.0-full-object.md")
        let annotation = try #require(note.annotations.first)
        #expect(annotation.json.keys.contains("permissions"))
        #expect(annotation.json["links"]?["html"]?.stringValue == "")
        let epub = try #require(try Fixtures.note("epub.md").annotations.first)
        #expect(epub.targets[0].selectors.map(\.typeName) == ["RangeSelector", "TextPositionSelector", "TextQuoteSelector"])
    }

    @Test("an unreadable file is an error naming it; an empty one has no annotations")
    func unreadable() throws {
        #expect(throws: NoteError.self) { try AnnotationNote(contentsOf: "/no/such/note.md") }
        do {
            _ = try AnnotationNote(contentsOf: "/no/such/note.md")
        } catch {
            #expect(error.description == "/no/such/note.md: cannot be read: no such file")
        }
        #expect(AnnotationNote(string: "").annotations.isEmpty)
        #expect(AnnotationNote(string: "> just a quotation\n> over two lines\n").blocks.isEmpty)
    }

    @Test("Hypothesis and W3C JSON inputs", arguments: ["hypothesis-single.json", "hypothesis-array.json", "hypothesis-rows.json", "w3c-annotation.jsonld", "w3c-collection.jsonld"])
    func jsonInputs(name: String) throws {
        let source = try AnnotationSource(path: Fixtures.url(name).path)
        let expected = try #require(Fixtures.expected[name])
        #expect(source.note == nil)
        #expect(source.diagnostics.isEmpty)
        #expect(source.annotations.map(\.id) == expected.annotations.map(\.id))
        #expect(source.annotations.map { $0.quote?.exact } == expected.annotations.map(\.exact))
        #expect(source.annotations.map(\.comment) == expected.annotations.map { $0.comment ?? "" })
        #expect(source.annotations.map(\.tags) == expected.annotations.map { $0.tags ?? [] })
    }

    @Test("W3C selectors as an object or an array, FragmentSelector included")
    func webAnnotationSelectors() throws {
        let source = try AnnotationSource(path: Fixtures.url("w3c-collection.jsonld").path)
        let selectors = try #require(source.annotations.first?.targets.first?.selectors)
        #expect(selectors.count == 3)
        #expect(selectors[2] == .fragment(FragmentSelector(value: "page=3", conformsTo: "http://tools.ietf.org/rfc/rfc3778")))
        #expect(source.annotations.first?.position == TextPositionSelector(start: 480, end: 494))
    }

    @Test("the author is Hypothesis's: user_info.display_name, else the name in user (acct:alice@hypothes.is → alice); none for the plugin's notes")
    func author() throws {
        let (annotations, _) = try HypothesisImport.annotations(from: """
            [{"id":"a","user":"acct:alice@hypothes.is","target":[]},
             {"id":"b","user":"acct:bob@hypothes.is","user_info":{"display_name":"Bob Dylan"},"target":[]},
             {"id":"c","user_info":{"display_name":"  "},"target":[]},
             {"id":"d","user":"carol","target":[]}]
            """)
        #expect(annotations.map(\.author) == ["alice", "Bob Dylan", nil, "carol"])
        let example = try AnnotationSource(path: Fixtures.url("example-blood.md").path)
        #expect(example.annotations.allSatisfy { $0.author == nil })
    }
}
