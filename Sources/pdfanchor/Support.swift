import ArgumentParser
import Foundation
import Library

/// Writes to standard error (diagnostics, progress), keeping stdout for results.
enum StandardError {
    static func write(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// The JSON style of every `--format json` output: pretty, stable key order,
/// slashes unescaped.
func encodeJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Runs `body`; a failure is printed as `pdfanchor: <message>` and ends the
/// command with exit code 2 (the input could not be used). The one place the
/// commands turn a library error into an exit.
func orExit<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        StandardError.write("pdfanchor: \(error)")
        throw ExitCode(2)
    }
}

/// ``orExit(_:)`` for asynchronous work.
func orExit<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        StandardError.write("pdfanchor: \(error)")
        throw ExitCode(2)
    }
}

/// Writes a command's result to the file given with `-o` (atomically: a
/// temporary file, then a rename) or, without one, to stdout. `safety`
/// refuses an output that is an input, a note or a PDF (see ``OutputGuard``);
/// nil when the command checked it before its work.
func emit(_ text: String, to output: String?, safety: OutputGuard?) throws {
    if let output {
        try orExit {
            if let copy = try safety?.prepare(output) { StandardError.write("pdfanchor: the previous \(output) is kept as \(copy)") }
            try AtomicFile.write(text, to: output)
        }
    } else {
        print(text, terminator: "")
    }
}

/// The vault's colours by tag (`.pdfanchor/config.yml`), each problem with
/// the file said as a warning (the other entries still apply).
func tagColors(in vault: Vault) -> ColorMap {
    let (map, problems) = ColorMap.load(vault: vault)
    for problem in problems { StandardError.write("pdfanchor: warning: \(problem)") }
    return map
}

/// `n` and `noun`, in the plural unless `n` is 1 (`1 link`, `3 links`).
func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
}
