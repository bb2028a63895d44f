import ArgumentParser
import Foundation

/// A command name that is not one of pdfanchor's, caught before
/// ArgumentParser (which says only "Unexpected argument", and for `help
/// nosuch` prints the general help and exits 0): said with the nearest
/// names, exit 2.
enum UnknownCommand {
    /// The commands a user may type (the hidden worker left out).
    static var names: [String] {
        PDFAnchor.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName } + ["help"]
    }

    /// The message for `arguments` (without the program name) when they
    /// start with a name that is no command (or `help` and such a name);
    /// nil when the command is known or is an option.
    static func message(for arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let word = first == "help" ? arguments.dropFirst().first : first
        let known = PDFAnchor.configuration.subcommands.map { $0._commandName } + ["help"]
        guard let word, !word.hasPrefix("-"), !known.contains(word) else { return nil }
        var message = "Error: '\(word)' is not a pdfanchor command."
        let near = nearest(to: word)
        if !near.isEmpty { message += " Did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        return message + "\n  The commands: " + names.filter { $0 != "help" }.joined(separator: ", ") + ". See 'pdfanchor --help'."
    }

    /// The names within two edits of `word` (or that it begins; `export`
    /// for `export-pdf` too), nearest first.
    static func nearest(to word: String) -> [String] {
        let scored = names.filter { $0 != "help" }.map { name in
            (name, min(distance(word.lowercased(), name), distance(word.lowercased(), String(name.prefix { $0 != "-" }))))
        }
        let best = scored.filter { $0.1 <= 2 || ($0.0.hasPrefix(word.lowercased()) && word.count >= 2) }
        return best.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// The Levenshtein distance between `a` and `b` (insertions, deletions
    /// and substitutions of characters; a swap of two neighbours counts one).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](0...b.count)
        var previous = before
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { row[j] = min(row[j], previous[j - 2] + 1) }
            }
            previous = before
            before = row
        }
        return before[b.count]
    }
}
