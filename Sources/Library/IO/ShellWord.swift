import Foundation

/// A path or argument written so a POSIX shell reads it back as one word,
/// for the commands messages and reports suggest: left as it is when it
/// holds only characters no shell treats specially, else in single quotes
/// (a quote inside becomes `'\''`).
public enum ShellWord {
    public static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+:,@%^=".unicodeScalars.contains($0)))
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
