import Foundation

/// Rewrites Obsidian links to highlight blocks (`[[note#^id]]`,
/// `[[note#^id|alias]]`, `![[note#^id]]`) into links to the PDF++
/// annotation the highlight became (`[[paper.pdf#page=N&annotation=12R]]`),
/// in the Markdown text of a vault. Code — fenced blocks and inline code
/// spans — is left as it is.
public struct LinkRewriter: Sendable {
    /// A note whose blocks moved into a PDF: its vault path, and for each
    /// block id the link target that replaces it (`paper.pdf#page=3&annotation=12R`).
    public struct Moved: Sendable {
        /// The note's vault path (`notes/paper.md`).
        public var note: String
        /// For each block id, the link target that replaces links to it.
        public var targets: [String: String]

        /// The note at vault path `note`, its blocks' links to be replaced by `targets`.
        public init(note: String, targets: [String: String]) {
            self.note = note
            self.targets = targets
        }
    }

    let byPath: [String: Moved]
    let byName: [String: [Moved]]
    /// How many Markdown files of the vault have each name (lowercased, no extension).
    let nameCounts: [String: Int]

    /// `notes`: the vault paths of all its Markdown files, so that a bare
    /// name is taken only when one file in the vault has it.
    public init(_ moved: [Moved], notes: [String] = []) {
        nameCounts = Dictionary(notes.map { (((Self.withoutExtension($0) as NSString).lastPathComponent).lowercased(), 1) }, uniquingKeysWith: +)
        var byPath: [String: Moved] = [:]
        var byName: [String: [Moved]] = [:]
        for entry in moved {
            let path = Self.withoutExtension(entry.note)
            byPath[path.lowercased()] = entry
            byName[((path as NSString).lastPathComponent).lowercased(), default: []].append(entry)
        }
        self.byPath = byPath
        self.byName = byName
    }

    static func withoutExtension(_ path: String) -> String {
        path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
    }

    /// The note a link's path names, as Obsidian resolves it: the vault
    /// path, or a bare name when only one such note moved.
    func note(named link: String) -> Moved? {
        let path = Self.withoutExtension(link.trimmingCharacters(in: .whitespaces)).lowercased()
        if let exact = byPath[path] { return exact }
        guard !path.contains("/"), let named = byName[path], named.count == 1, (nameCounts[path] ?? 1) == 1 else { return nil }
        return named[0]
    }

    /// `text` with every link to a moved block rewritten, how many were,
    /// and the links to blocks of those notes that stay as they are (their
    /// highlight was not moved: fuzzy, not found, or refused), as written
    /// (`note#^id`).
    /// With `keepQuoted`, lines quoted with `>` stay as they are: in an
    /// annotation note they are its blocks (the highlight's JSON and what the
    /// plugin shows of it), which must keep agreeing with each other.
    public func rewrite(_ text: String, keepQuoted: Bool = false) -> (text: String, links: Int, left: [String]) {
        var output = ""
        var count = 0
        var left: [String] = []
        var fence: Substring?
        var previousBlankOrCode = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == ">" }
            if keepQuoted, line.drop(while: { $0 == " " }).hasPrefix(">") {
                output += line + "\n"
                continue
            }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                output += line + "\n"
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                output += line + "\n"
                continue
            }
            // An indented code block: four spaces or a tab, after a blank line or more code.
            let indented = line.hasPrefix("    ") || line.hasPrefix("\t")
            if indented, previousBlankOrCode {
                output += line + "\n"
                continue
            }
            previousBlankOrCode = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            // Outside inline code: a span opens with a run of backticks and
            // closes with a run as long.
            var rewritten = ""
            var piece = ""
            var open = 0
            var characters = Array(line)[...]
            while let character = characters.first {
                if character == "`" {
                    let run = characters.prefix { $0 == "`" }.count
                    characters = characters.dropFirst(run)
                    if open == 0 {
                        rewritten += rewriteLinks(piece, &count, &left)
                        piece = ""
                        open = run
                    } else if run == open {
                        rewritten += piece
                        piece = ""
                        open = 0
                    } else {
                        piece += String(repeating: "`", count: run)
                        continue
                    }
                    rewritten += String(repeating: "`", count: run)
                } else {
                    piece.append(character)
                    characters = characters.dropFirst()
                }
            }
            rewritten += open > 0 ? piece : rewriteLinks(piece, &count, &left)
            output += rewritten + "\n"
        }
        output.removeLast()
        return (output, count, left)
    }

    private func rewriteLinks(_ text: String, _ count: inout Int, _ left: inout [String]) -> String {
        guard text.contains("[[") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[[") {
            result += rest[..<open.lowerBound]
            // An escaped \[[ is text, not a link.
            if open.lowerBound > rest.startIndex, rest[rest.index(before: open.lowerBound)] == "\\" {
                result += rest[open]
                rest = rest[open.upperBound...]
                continue
            }
            guard let close = rest[open.upperBound...].range(of: "]]") else {
                result += rest[open.lowerBound...]
                return result
            }
            let inner = rest[open.upperBound..<close.lowerBound]
            var replaced = false
            if let hash = inner.range(of: "#^") {
                let path = String(inner[..<hash.lowerBound])
                var id = String(inner[hash.upperBound...])
                var alias = ""
                if let bar = id.firstIndex(of: "|") {
                    alias = String(id[bar...])
                    id = String(id[..<bar])
                }
                if let moved = note(named: path) {
                    if let target = moved.targets[id] {
                        result += "[[" + target + alias + "]]"
                        count += 1
                        replaced = true
                    } else {
                        left.append(path + "#^" + id)
                    }
                }
            }
            if !replaced { result += rest[open.lowerBound..<close.upperBound] }
            rest = rest[close.upperBound...]
        }
        result += rest
        return result
    }
}
