public import PDFCore
import Foundation
import Yams
import Notes

/// Colours for highlights by their tags (Hypothesis has no colours; users
/// tag highlights instead), from the vault's `.pdfanchor/config.yml`:
///
/// ```yaml
/// colors:
///   important: red
///   question: "#4da6ff"
/// ```
///
/// A highlight takes the colour of its first tag that has one (tags
/// compared without regard to case); one without such a tag has none here
/// (the command's default applies). Colours are names (yellow, green, blue,
/// pink, orange, red, purple) or `#rrggbb`; the key may also be spelt
/// `colours`, and a tag may be written with its `#` (quoted).
public struct ColorMap: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The tag as the map writes it, without a leading `#`.
        public var tag: String
        /// Its highlights' colour.
        public var color: RGBColor
    }

    /// The tags with a colour, in the file's order.
    public var entries: [Entry]

    /// A map of `entries`, in order (an empty one colours nothing).
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Where a vault keeps its map.
    public static func path(in vault: Vault) -> String { vault.root + "/.pdfanchor/config.yml" }

    /// The colour of a highlight tagged `tags`, or nil when no tag has one.
    public func color(for tags: [String]) -> RGBColor? {
        for tag in tags {
            if let entry = entries.first(where: { $0.tag.caseInsensitiveCompare(tag) == .orderedSame }) { return entry.color }
        }
        return nil
    }

    /// The vault's map (empty when it has no config file), and what is wrong
    /// with the file, each problem naming the file and its line: a problem
    /// drops its entry, the others are used.
    public static func load(vault: Vault) -> (map: ColorMap, problems: [String]) {
        let file = path(in: vault)
        var info = stat()
        guard stat(file, &info) == 0 else { return (ColorMap(), []) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return (ColorMap(), ["\(file): not a regular file (a folder, a FIFO or a device?); highlight colours from tags are not used"])
        }
        guard info.st_size <= 1 << 20 else {
            return (ColorMap(), ["\(file): larger than 1 MiB, not read; highlight colours from tags are not used"])
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return (ColorMap(), ["\(file): cannot be read (permissions?); highlight colours from tags are not used"])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (ColorMap(), ["\(file): not UTF-8 text; highlight colours from tags are not used"])
        }
        return parse(yaml: text, path: file)
    }

    /// Reads the map from the text of a config file at `path` (for messages).
    public static func parse(yaml: String, path: String) -> (map: ColorMap, problems: [String]) {
        // A key Yams would hash whole (an alias, a collection) is refused unread: nested aliases make that exponential.
        if let line = YAMLKeyCheck.firstComplexKey(in: yaml) {
            return (
                ColorMap(),
                ["\(path):\(line): a key is an alias, a collection or an explicit '?' key; tags must be plain text (important: red) — the file is not read, highlight colours from tags are not used"]
            )
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return (ColorMap(), ["\(path): not valid YAML (\(Self.describe(error))); highlight colours from tags are not used"])
        } catch {
            return (ColorMap(), ["\(path): not valid YAML; highlight colours from tags are not used"])
        }
        guard let root, let mapping = root.mapping else { return (ColorMap(), []) }
        guard let colors = mapping["colors"] ?? mapping["colours"] else { return (ColorMap(), []) }
        guard let pairs = colors.mapping else {
            return (ColorMap(), ["\(path):\(line(of: colors)): colors must map tags to colours (important: red); it is ignored"])
        }
        var map = ColorMap()
        var problems: [String] = []
        for (key, value) in pairs {
            // "#important" (quoted, or YAML reads a comment) is the tag "important".
            guard let tag = key.string.map({ $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }), !tag.isEmpty else {
                problems.append("\(path):\(line(of: key)): a tag must be text; that entry is ignored")
                continue
            }
            guard let name = value.string, let color = RGBColor(named: name.trimmingCharacters(in: .whitespaces)) else {
                problems.append(
                    "\(path):\(line(of: value)): the colour of '\(tag)' is not a name (yellow, green, blue, pink, orange, red, purple) or #rrggbb; that entry is ignored")
                continue
            }
            map.entries.append(Entry(tag: tag, color: color))
        }
        return (map, problems)
    }

    private static func line(of node: Node) -> Int { node.mark?.line ?? 1 }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "line \(mark.line): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return "line \(context.mark.line): \(keys) given twice in one mapping; keep one"
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}
