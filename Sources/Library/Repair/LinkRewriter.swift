import Foundation

/// Rewrites Obsidian links to highlight blocks into links to the PDF++
/// annotation the highlight became, in the Markdown text of a vault:
/// wikilinks (`[[note#^id]]`, `[[note#^id|alias]]`, `![[note#^id]]` become
/// `[[paper.pdf#page=N&annotation=12R]]`) and Markdown links
/// (`[text](note.md#^id)`, with or without `.md`, `%20` for spaces, `<…>`,
/// a title, relative paths, reference definitions `[ref]: note.md#^id`,
/// become `[text](paper.pdf#page=N&annotation=12R)`). Code — fenced blocks,
/// indented code and inline code spans — is left as it is. A link to a
/// moved note that cannot be rewritten is named, with why (``Left``).
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

    /// A link to a block of a moved note that stays as it is.
    public struct Left: Sendable, Hashable {
        /// Why a link stays.
        public enum Reason: String, Sendable, Hashable {
            /// The block's highlight was not moved (fuzzy, not found,
            /// refused — or no such block): ``Left/note`` and ``Left/id`` say which.
            case notMoved = "not-moved"
            /// The link's path names more than one Markdown file of the
            /// vault (a bare name two files share, or a path that is one file
            /// from the vault's root and another from the linking file's
            /// folder): ``Left/candidates`` lists them.
            case ambiguous
        }

        /// The link as it is written (`[[paper#^abc]]`, `[see](paper.md#^abc)`).
        public var link: String
        /// Why it stays.
        public var reason: Reason
        /// The moved note it points into (vault path), for ``Reason/notMoved``.
        public var note: String?
        /// The block id it points at.
        public var id: String
        /// The vault paths the link's path could name, for ``Reason/ambiguous``.
        public var candidates: [String] = []
    }

    /// What ``rewrite(_:keepQuoted:from:)`` made of a text.
    public struct Rewritten: Sendable {
        /// The text with every link to a moved block rewritten.
        public var text: String
        /// How many links were rewritten.
        public var links: Int
        /// The links to moved notes that stay, with why, in the text's order.
        public var left: [Left]
        /// The targets the rewritten links point at (``Moved/targets``' values).
        public var targets: Set<String>
    }

    let byPath: [String: Moved]
    let byName: [String: [Moved]]
    /// How many Markdown files of the vault have each name (lowercased, no extension).
    let nameCounts: [String: Int]
    /// The vault paths of the vault's Markdown files (lowercased, no extension).
    let known: Set<String>
    /// The same, by name (lowercased, no extension): for naming the candidates of a shared name.
    let pathsByName: [String: [String]]

    /// `notes`: the vault paths of all its Markdown files, so that a bare
    /// name is taken only when one file in the vault has it, and a path
    /// only when it names one file.
    public init(_ moved: [Moved], notes: [String] = []) {
        let stems = notes.map(Self.withoutExtension)
        nameCounts = Dictionary(stems.map { (Self.name(of: $0), 1) }, uniquingKeysWith: +)
        pathsByName = Dictionary(grouping: notes.sorted(), by: { Self.name(of: Self.withoutExtension($0)) })
        var byPath: [String: Moved] = [:]
        var byName: [String: [Moved]] = [:]
        for entry in moved {
            let path = Self.withoutExtension(entry.note)
            byPath[path.lowercased()] = entry
            byName[Self.name(of: path), default: []].append(entry)
        }
        self.byPath = byPath
        self.byName = byName
        known = Set(stems.map { $0.lowercased() }).union(byPath.keys)
    }

    static func withoutExtension(_ path: String) -> String {
        path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
    }

    /// A path's last component, lowercased.
    static func name(of path: String) -> String { (path as NSString).lastPathComponent.lowercased() }

    /// What a link's path names.
    enum Resolution {
        /// A moved note; `relative` when the path was read from the linking file's folder.
        case moved(Moved, relative: Bool)
        /// More than one file of the vault, one of them a moved note.
        case ambiguous([String])
        /// No moved note.
        case none
    }

    /// The note a link's path names, as Obsidian resolves it: a vault path
    /// (from the vault's root, or from `folder`, the linking file's folder,
    /// for `./` and `../` paths and relative links), or a bare name when one
    /// file of the vault has it.
    func resolve(_ link: String, from folder: String? = nil) -> Resolution {
        var path = Self.withoutExtension(link.trimmingCharacters(in: .whitespaces))
        if path.hasPrefix("/") { path.removeFirst() }
        let relativeOnly = path.hasPrefix("./") || path.hasPrefix("../")
        var candidates: [(path: String, relative: Bool)] = []
        if !relativeOnly { candidates.append((Self.normalized(path) ?? path, false)) }
        if let folder, !folder.isEmpty || relativeOnly, let joined = Self.normalized(folder.isEmpty ? path : folder + "/" + path) {
            candidates.append((joined, true))
        }
        var found: [(path: String, relative: Bool)] = []
        for candidate in candidates where known.contains(candidate.path.lowercased()) {
            if !found.contains(where: { $0.path.lowercased() == candidate.path.lowercased() }) { found.append(candidate) }
        }
        if found.count > 1 {
            guard found.contains(where: { byPath[$0.path.lowercased()] != nil }) else { return .none }
            return .ambiguous(found.map { $0.path + ".md" })
        }
        if let one = found.first {
            return byPath[one.path.lowercased()].map { .moved($0, relative: one.relative) } ?? .none
        }
        // A bare name: taken when one file of the vault has it.
        let name = path.lowercased()
        guard !relativeOnly, !name.contains("/"), let named = byName[name] else { return .none }
        if named.count == 1, (nameCounts[name] ?? 1) == 1 { return .moved(named[0], relative: false) }
        return .ambiguous(pathsByName[name] ?? named.map(\.note).sorted())
    }

    /// `path` with `.` and `..` components resolved; nil when it climbs out of the vault.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `text` with every link to a moved block rewritten: how many were,
    /// the links to moved notes that stay (their highlight was not moved,
    /// or their path is ambiguous), and the targets written. `from`: the
    /// text's file (vault path), for relative links.
    /// With `keepQuoted`, lines quoted with `>` stay as they are: in an
    /// annotation note they are its blocks (the highlight's JSON and what the
    /// plugin shows of it), which must keep agreeing with each other.
    public func rewrite(_ text: String, keepQuoted: Bool = false, from file: String? = nil) -> Rewritten {
        var links = LinkScan(rewriter: self, folder: file.map { ($0 as NSString).deletingLastPathComponent })
        var output = ""
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
            output += links.outsideCode(line) + "\n"
        }
        output.removeLast()
        return Rewritten(text: output, links: links.count, left: links.left, targets: links.targets)
    }
}

extension LinkRewriter {
    /// One text's links, rewritten line by line outside code, with the tally.
    struct LinkScan {
        let rewriter: LinkRewriter
        /// The linking file's folder (vault path), for relative links.
        let folder: String?
        var count = 0
        var left: [Left] = []
        var targets = Set<String>()

        /// `line` with its links rewritten outside inline code: a span opens
        /// with a run of backticks and closes with a run as long.
        mutating func outsideCode(_ line: Substring) -> String {
            var rewritten = ""
            var piece = ""
            var open = 0
            var atLineStart = true
            var characters = Array(line)[...]
            while let character = characters.first {
                if character == "`" {
                    let run = characters.prefix { $0 == "`" }.count
                    characters = characters.dropFirst(run)
                    if open == 0 {
                        rewritten += links(piece, atLineStart: atLineStart)
                        atLineStart = false
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
            return rewritten + (open > 0 ? piece : links(piece, atLineStart: atLineStart))
        }

        /// `text` (outside code) with its wikilinks, then its Markdown links, rewritten.
        mutating func links(_ text: String, atLineStart: Bool) -> String {
            markdownLinks(wikilinks(text), atLineStart: atLineStart)
        }

        /// Notes a link to a moved note that stays as it is.
        mutating func leave(_ link: String, id: String, _ resolution: Resolution) {
            switch resolution {
            case .moved(let moved, _): left.append(Left(link: link, reason: .notMoved, note: moved.note, id: id))
            case .ambiguous(let candidates): left.append(Left(link: link, reason: .ambiguous, id: id, candidates: candidates))
            case .none: break
            }
        }

        /// `text` with its `[[note#^id]]` links (an alias, embedded) rewritten.
        mutating func wikilinks(_ text: String) -> String {
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
                let written = String(rest[open.lowerBound..<close.upperBound])
                var replacement: String?
                if let hash = inner.range(of: "#^") {
                    var id = String(inner[hash.upperBound...])
                    var alias = ""
                    if let bar = id.firstIndex(of: "|") {
                        alias = String(id[bar...])
                        id = String(id[..<bar])
                    }
                    let resolution = rewriter.resolve(String(inner[..<hash.lowerBound]), from: folder)
                    if case .moved(let moved, _) = resolution, let target = moved.targets[id] {
                        replacement = "[[" + target + alias + "]]"
                        count += 1
                        targets.insert(target)
                    } else {
                        leave(written, id: id, resolution)
                    }
                }
                result += replacement ?? written
                rest = rest[close.upperBound...]
            }
            result += rest
            return result
        }

        /// `text` with its Markdown links to blocks — `[text](note.md#^id)`,
        /// and at a line's start a reference definition `[ref]: note.md#^id`
        /// — pointed at the annotations; only the destination changes.
        mutating func markdownLinks(_ text: String, atLineStart: Bool) -> String {
            guard text.contains("](") || (atLineStart && text.contains("]:")) else { return text }
            let characters = Array(text)
            var output = ""
            var copied = 0
            var opens: [Int] = []
            var k = 0
            if atLineStart, let definition = Self.referenceDefinition(characters) {
                k = characters.count
                if let replacement = rewritten(definition.destination, link: String(characters)) {
                    output += String(characters[..<definition.destination.range.lowerBound]) + replacement
                    copied = definition.destination.range.upperBound
                }
            }
            while k < characters.count {
                let character = characters[k]
                if character == "\\" {
                    k += 2
                    continue
                }
                if character == "[" {
                    opens.append(k)
                } else if character == "]", let open = opens.popLast(), k + 1 < characters.count, characters[k + 1] == "(",
                    let parsed = Self.destination(in: characters, from: k + 2, closed: true)
                {
                    if let replacement = rewritten(parsed, link: String(characters[open..<parsed.end])) {
                        output += String(characters[copied..<parsed.range.lowerBound]) + replacement
                        copied = parsed.range.upperBound
                    }
                    opens.removeAll()
                    k = parsed.end
                    continue
                }
                k += 1
            }
            return output + String(characters[copied...])
        }

        /// The new destination of the Markdown link `link` whose destination
        /// is `parsed`, or nil when it stays (said in ``left`` when it points
        /// into a moved note).
        mutating func rewritten(_ parsed: Destination, link: String) -> String? {
            let raw = parsed.text.replacingOccurrences(of: "\\", with: "")
            let decoded = raw.removingPercentEncoding ?? raw
            guard let hash = decoded.firstIndex(of: "#"), decoded[decoded.index(after: hash)...].hasPrefix("^") else { return nil }
            let path = String(decoded[..<hash])
            let id = String(decoded[decoded.index(hash, offsetBy: 2)...])
            // A URL (https:, obsidian:, file:) or a link into the file itself is not a note's.
            guard !path.isEmpty, path.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) == nil else { return nil }
            let resolution = rewriter.resolve(path, from: folder)
            guard case .moved(let moved, let relative) = resolution, let target = moved.targets[id] else {
                leave(link, id: id, resolution)
                return nil
            }
            count += 1
            targets.insert(target)
            return Self.markdownDestination(target, from: relative ? folder : nil, angle: parsed.angle)
        }

        /// A link target (`papers/x y.pdf#page=3&annotation=12R`) as a
        /// Markdown destination: relative to `folder` when given, its path
        /// percent-encoded (`papers/x%20y.pdf`) — or as it is between `<…>`.
        static func markdownDestination(_ target: String, from folder: String?, angle: Bool) -> String {
            let cut = target.range(of: "#page=")?.lowerBound ?? target.endIndex
            var path = String(target[..<cut])
            let subpath = String(target[cut...])
            if let folder { path = relativePath(from: folder, to: path) }
            if angle { return "<" + path + subpath + ">" }
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "()")
            return (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + subpath
        }

        /// `path` (a vault path) as seen from the vault folder `folder`.
        static func relativePath(from folder: String, to path: String) -> String {
            let from = folder.split(separator: "/")
            let to = path.split(separator: "/")
            var common = 0
            while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
            return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
        }

        /// A Markdown link's destination: where it is in the text (with its
        /// `<…>`), its text, whether it is between `<…>`, and where the link ends.
        struct Destination {
            var range: Range<Int>
            var text: String
            var angle: Bool
            var end: Int
        }

        /// The destination starting at `start` (spaces before it skipped); with
        /// `closed`, the optional title and the closing `)` must follow.
        static func destination(in characters: [Character], from start: Int, closed: Bool) -> Destination? {
            var k = start
            while k < characters.count, characters[k] == " " || characters[k] == "\t" { k += 1 }
            guard k < characters.count else { return nil }
            let begin = k
            var angle = false
            if characters[k] == "<" {
                guard let close = characters[(k + 1)...].firstIndex(where: { $0 == ">" || $0 == "<" }), characters[close] == ">" else { return nil }
                angle = true
                k = close + 1
            } else {
                var depth = 0
                while k < characters.count, characters[k] != " ", characters[k] != "\t" {
                    if characters[k] == "\\" {
                        k += 2
                        continue
                    }
                    if characters[k] == "(" { depth += 1 }
                    if characters[k] == ")" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    k += 1
                }
                k = min(k, characters.count)
                guard k > begin else { return nil }
            }
            let text = angle ? String(characters[(begin + 1)..<(k - 1)]) : String(characters[begin..<k])
            let range = begin..<k
            guard closed else { return Destination(range: range, text: text, angle: angle, end: characters.count) }
            while k < characters.count, characters[k] == " " || characters[k] == "\t" { k += 1 }
            // A title: "…", '…' or (…).
            if k < characters.count, let closing = ([Character("\""): Character("\""), "'": "'", "(": ")"] as [Character: Character])[characters[k]] {
                guard let close = characters[(k + 1)...].firstIndex(of: closing) else { return nil }
                k = close + 1
                while k < characters.count, characters[k] == " " || characters[k] == "\t" { k += 1 }
            }
            guard k < characters.count, characters[k] == ")" else { return nil }
            return Destination(range: range, text: text, angle: angle, end: k + 1)
        }

        /// A reference definition (`[ref]: note.md#^id "title"`, indented at
        /// most three spaces) taking the whole of `characters`: its destination.
        static func referenceDefinition(_ characters: [Character]) -> (label: Range<Int>, destination: Destination)? {
            let indent = characters.prefix { $0 == " " }.count
            guard indent <= 3, indent < characters.count, characters[indent] == "[",
                let close = characters[(indent + 1)...].firstIndex(of: "]"), close > indent + 1,
                close + 1 < characters.count, characters[close + 1] == ":",
                let destination = destination(in: characters, from: close + 2, closed: false)
            else { return nil }
            return (indent..<(close + 1), destination)
        }
    }
}
