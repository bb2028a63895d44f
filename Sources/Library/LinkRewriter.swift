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
        public var note: String
        public var targets: [String: String]

        public init(note: String, targets: [String: String]) {
            self.note = note
            self.targets = targets
        }
    }

    let byPath: [String: Moved]
    let byName: [String: [Moved]]

    public init(_ moved: [Moved]) {
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
        guard !path.contains("/"), let named = byName[path], named.count == 1 else { return nil }
        return named[0]
    }

    /// `text` with every link to a moved block rewritten, and how many were.
    public func rewrite(_ text: String) -> (text: String, links: Int) {
        var output = ""
        var count = 0
        var fence: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == ">" }
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
            // Outside inline code: the pieces between runs of backticks, every other one.
            var rewritten = ""
            var inCode = false
            var piece = ""
            for character in line {
                if character == "`" {
                    rewritten += inCode ? piece : rewriteLinks(piece, &count)
                    piece = ""
                    inCode.toggle()
                    rewritten.append(character)
                } else {
                    piece.append(character)
                }
            }
            rewritten += inCode ? piece : rewriteLinks(piece, &count)
            output += rewritten + "\n"
        }
        output.removeLast()
        return (output, count)
    }

    private func rewriteLinks(_ text: String, _ count: inout Int) -> String {
        guard text.contains("[[") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[[") {
            result += rest[..<open.lowerBound]
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
                if let moved = note(named: path), let target = moved.targets[id] {
                    result += "[[" + target + alias + "]]"
                    count += 1
                    replaced = true
                }
            }
            if !replaced { result += rest[open.lowerBound..<close.upperBound] }
            rest = rest[close.upperBound...]
        }
        result += rest
        return result
    }
}
