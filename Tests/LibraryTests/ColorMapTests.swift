import Foundation
import Notes
import PDFCore
import Testing
@testable import Library

@Suite("Highlight colours by tag")
struct ColorMapTests {
    static let config = """
        # Colours for tagged highlights
        colors:
          method: "#4da6ff"
          Important: red
          bad: chartreuse
          question: blue
        """

    @Test("a tag's colour, names and #rrggbb; the first of a highlight's tags with one wins; tags compared without case")
    func lookup() {
        let (map, _) = ColorMap.parse(yaml: Self.config, path: "config.yml")
        #expect(map.entries.map(\.tag) == ["method", "Important", "question"])
        #expect(map.color(for: ["method"]) == RGBColor(hex: "4da6ff"))
        // red is e57373 (the names of export-pdf's --color).
        #expect(map.color(for: ["other", "IMPORTANT", "method"]) == RGBColor(hex: "e57373"))
        #expect(map.color(for: ["other"]) == nil)
        #expect(map.color(for: []) == nil)
    }

    @Test("a bad entry is named with the file and its line and left out; bad YAML or no colors key: an empty map")
    func problems() {
        let (_, problems) = ColorMap.parse(yaml: Self.config, path: "config.yml")
        // "bad: chartreuse" is the file's fifth line.
        #expect(problems == ["config.yml:5: the colour of 'bad' is not a name (yellow, green, blue, pink, orange, red, purple) or #rrggbb; that entry is ignored"])
        let (broken, yamlProblems) = ColorMap.parse(yaml: "colors: [unclosed\n", path: "c.yml")
        #expect(broken.entries.isEmpty)
        #expect(yamlProblems.count == 1 && yamlProblems[0].hasPrefix("c.yml: not valid YAML"))
        #expect(ColorMap.parse(yaml: "other: 1\n", path: "c.yml").map.entries.isEmpty)
        // British spelling, and a tag written with its "#".
        #expect(ColorMap.parse(yaml: "colours:\n  \"#method\": green\n", path: "c.yml").map.color(for: ["method"]) == RGBColor(named: "green"))
        let (list, listProblems) = ColorMap.parse(yaml: "colors:\n  - red\n", path: "c.yml")
        #expect(list.entries.isEmpty && listProblems == ["c.yml:2: colors must map tags to colours (important: red); it is ignored"])
        // A tag given twice: YAML refuses the file; the message names the key and the mapping's line.
        let (_, twice) = ColorMap.parse(yaml: "colors:\n  method: red\n  method: blue\n", path: "c.yml")
        #expect(twice == ["c.yml: not valid YAML (line 2: 'method' given twice in one mapping; keep one); highlight colours from tags are not used"])
    }

    @Test("a config that is a folder is named as such; no config: an empty map, no problem")
    func notAFile() throws {
        let vault = try TestVault.vault("colors-folder")
        #expect(ColorMap.load(vault: Vault(root: vault)).problems.isEmpty)
        try FileManager.default.createDirectory(atPath: vault + "/.pdfanchor/config.yml", withIntermediateDirectories: true)
        let (map, problems) = ColorMap.load(vault: Vault(root: vault))
        #expect(map.entries.isEmpty)
        #expect(problems.count == 1 && problems[0].contains("config.yml: not a regular file"))
    }

    @Test("export-pdf: highlights tagged with a colour get it, the others the default")
    func export() async throws {
        let vault = try TestVault.vault("colors")
        let (_, note) = try TestVault.paper("thesis-fine-sediment", into: vault)
        try FileManager.default.createDirectory(atPath: vault + "/.pdfanchor", withIntermediateDirectories: true)
        try Self.config.write(toFile: ColorMap.path(in: Vault(root: vault)), atomically: true, encoding: .utf8)
        var exporter = PDFExporter()
        exporter.colors = ColorMap.load(vault: Vault(root: vault)).map
        let output = vault + "/colored.pdf"
        _ = try await exporter.export(notePath: note, to: output)
        let tags = Dictionary(uniqueKeysWithValues: try AnnotationSource(path: note).annotations.map { ($0.id, $0.tags) })
        let document = try PDFDocument(path: output)
        var method = 0
        for number in 1...document.pageCount {
            for highlight in try document.page(number).highlights {
                let id = String((highlight.name ?? "").split(separator: "-").first ?? "")
                let expected = tags[id]?.contains("method") == true ? RGBColor(hex: "4da6ff")! : .highlighterYellow
                if tags[id]?.contains("method") == true { method += 1 }
                // Poppler keeps colours as 16-bit values.
                let color = try #require(highlight.color)
                #expect(abs(color.red - expected.red) < 0.01 && abs(color.green - expected.green) < 0.01 && abs(color.blue - expected.blue) < 0.01, "^\(id)")
            }
        }
        // grep -c '"tags":\["method"\]' in the sample note: 6 blocks, all found.
        #expect(method == 6)
    }
}
