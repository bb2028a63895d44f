import Foundation
@testable import Notes

/// The fixtures of this target (`Fixtures/`, made by `make_fixtures.py`).
enum Fixtures {
    static let folder: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }

    static func note(_ name: String) throws -> AnnotationNote {
        try AnnotationNote(contentsOf: url(name).path)
    }

    /// All note fixtures (Markdown).
    static var noteNames: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".md") }.sorted() ?? []
    }

    struct Expected: Decodable {
        struct ExpectedAnnotation: Decodable {
            var id: String
            var kind: String?
            var exact: String?
            var prefix: String?
            var suffix: String?
            var comment: String?
            var tags: [String]?
            var fingerprint: String?
            var uri: String?
            var line: Int?
        }
        struct ExpectedDiagnostic: Decodable, Hashable {
            var code: String
            var line: Int
            var severity: String
        }
        var annotations: [ExpectedAnnotation]
        var diagnostics: [ExpectedDiagnostic]
        var target: String?
        var targetType: String?
    }

    static let expected: [String: Expected] = {
        do {
            return try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url("expected.json")))
        } catch {
            fatalError("cannot read expected.json: \(error)")
        }
    }()
}

/// A model of how obsidian-annotator 0.2 itself reads a note, written from
/// the behaviour of its `loadAnnotationsAtUriFromFileText` (regular
/// expressions over the note text, JSON.parse, the TAGS split). Used to
/// check that what PDFAnchor writes, the plugin still reads.
///
/// Returns nil when the plugin would fail to load the note (one bad block
/// loses them all, as in the plugin).
enum PluginReader {
    struct Read: Equatable {
        var id: String
        /// The quote and its context as the plugin reads them (nil when the
        /// annotation has no `TextQuoteSelector`).
        var quote: TextQuoteSelector?
        var comment: String?
        var tags: [String]
    }

    // JavaScript's `.` does not match \n, \r, U+2028, U+2029; nor does ICU's.
    static let blockPattern = try! NSRegularExpression(
        pattern: #"(?<annotationBlock>^\n(>.*?\n)*?>```annotation-json(\n>.*?)*?)\n\^(?<annotationId>[a-zA-Z0-9]+)\n"#,
        options: [.anchorsMatchLines])
    static let contentPattern = try! NSRegularExpression(
        pattern: [
            #"(.|\n)*?"#, #"%%\n"#, #"```annotation-json\n"#, #"(?<annotationJson>(.|\n)*?)\n"#, #"```\n"#,
            #"%%(.|\n)*?\*"#, #"(%%PREFIX%%(?<prefix>(.|\n)*?))?"#,
            #"(%%HIGHLIGHT%%( ==)?(?<highlight>(.|\n)*?)(== )?)?"#, #"(%%POSTFIX%%(?<postfix>(.|\n)*?))?\*\n"#,
            #"(%%LINK%%(?<link>(.|\n)*?)\n)?"#, #"(%%COMMENT%%\n(?<comment>(.|\n)*?)\n)?"#,
            #"(%%TAGS%%\n(?<tags>(.|\n)*))?"#, #"\z"#,
        ].joined())

    static func read(_ text: String) -> [Read]? {
        let ns = text as NSString
        var result: [Read] = []
        for match in blockPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let block = ns.substring(with: match.range(withName: "annotationBlock"))
            let id = ns.substring(with: match.range(withName: "annotationId"))
            let content = block.components(separatedBy: "\n").map { String($0.dropFirst()) }.joined(separator: "\n")
            let cns = content as NSString
            guard let m = contentPattern.firstMatch(in: content, range: NSRange(location: 0, length: cns.length)) else {
                return nil
            }
            func group(_ name: String) -> String? {
                let range = m.range(withName: name)
                return range.location == NSNotFound ? nil : cns.substring(with: range)
            }
            guard let jsonText = group("annotationJson"),
                let object = try? JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as? [String: Any]
            else { return nil }
            // annotation.tags = tags.split(',')… throws when TAGS is missing.
            guard let tags = group("tags") else { return nil }
            let quote = ((object["target"] as? [[String: Any]])?.first?["selector"] as? [[String: Any]])?
                .first { $0["type"] as? String == "TextQuoteSelector" }
            result.append(
                Read(
                    id: id,
                    quote: quote.map {
                        TextQuoteSelector(
                            exact: ($0["exact"] as? String) ?? group("highlight") ?? "",
                            prefix: group("prefix") ?? ($0["prefix"] as? String) ?? "",
                            suffix: group("postfix") ?? ($0["suffix"] as? String) ?? "")
                    },
                    comment: group("comment"),
                    tags: tags.split(separator: ",", omittingEmptySubsequences: false)
                        .map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()) }
                        .filter { !$0.isEmpty }))
        }
        return result
    }
}
