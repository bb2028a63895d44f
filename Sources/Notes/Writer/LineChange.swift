/// What changed in one line of a note, said by its fields: the JSON string
/// values that differ (`"vault:/a.pdf" → "vault:/b/a.pdf"`), or a
/// front-matter key's value — for a dry run a reader can take in, instead
/// of a 2 kB JSON line shown twice.
public struct LineChange: Sendable, Hashable {
    /// What changed, from the old value to the new, each distinct change
    /// once (with how many fields of the line it is made in).
    public var description: String

    /// How the change from `old` to `new` reads.
    public init(old: String, new: String) {
        let before = Self.strings(in: old)
        let after = Self.strings(in: new)
        if !before.isEmpty, before.count == after.count {
            // The same fields with other values: each distinct pair once, with how often.
            var pairs: [(String, String)] = []
            var counts: [String: Int] = [:]
            for (a, b) in zip(before, after) where a != b {
                let key = a + "\u{0}" + b
                if counts[key] == nil { pairs.append((a, b)) }
                counts[key, default: 0] += 1
            }
            description = pairs.map { a, b in
                let times = counts[a + "\u{0}" + b]!
                return Self.pair(a, b) + (times > 1 ? " (\(times) fields)" : "")
            }.joined(separator: "; ")
            return
        }
        // A front-matter line: its key once, then the values.
        if let colon = old.firstIndex(of: ":"), new.hasPrefix(old[...colon]) {
            let key = old[...colon]
            let a = old[old.index(after: colon)...].drop { $0 == " " }
            let b = new[new.index(new.startIndex, offsetBy: key.count)...].drop { $0 == " " }
            description = "\(key) " + Self.pair(String(a), String(b))
            return
        }
        description = Self.pair(old, new)
    }

    /// "old → new"; values longer than 120 characters are shown around
    /// where they differ (30 characters of what they share either side).
    static func pair(_ old: String, _ new: String) -> String {
        guard old.count > 120 || new.count > 120 else { return "\(old) → \(new)" }
        let a = Array(old)
        let b = Array(new)
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let from = max(0, prefix - 30)
        let part = { (x: [Character]) -> String in
            let to = min(x.count, x.count - suffix + 30)
            return (from > 0 ? "…" : "") + Self.shortened(String(x[from..<to])) + (to < x.count ? "…" : "")
        }
        return "\(part(a)) → \(part(b))"
    }

    /// The JSON values of a line as written: string literals (quotes and
    /// escapes kept) and numbers (a TextPositionSelector's start and end),
    /// scanned as UTF-8 bytes (a quote or a backslash is never part of
    /// another character's encoding).
    static func strings(in line: String) -> [String] {
        var result: [String] = []
        let bytes = Array(line.utf8)
        var start: Int?
        var number: Int?
        var escaped = false
        let numeric = { (byte: UInt8) in (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") }
        for (k, byte) in bytes.enumerated() {
            if let open = start {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    result.append(String(decoding: bytes[open...k], as: UTF8.self))
                    start = nil
                }
                continue
            }
            if let first = number, !numeric(byte) {
                result.append(String(decoding: bytes[first..<k], as: UTF8.self))
                number = nil
            }
            if byte == UInt8(ascii: "\"") {
                start = k
            } else if number == nil, (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-"), k > 0,
                [UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "[")].contains(bytes[k - 1])
            {
                number = k
            }
        }
        if let first = number { result.append(String(decoding: bytes[first...], as: UTF8.self)) }
        return result
    }

    /// At most 120 characters: the middle of a longer value left out.
    static func shortened(_ text: String) -> String {
        guard text.count > 120 else { return text }
        return String(text.prefix(80)) + " … " + String(text.suffix(30))
    }
}
