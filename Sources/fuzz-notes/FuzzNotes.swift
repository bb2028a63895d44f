// A libFuzzer target for the note reader and writer (see Scripts/fuzz).
//
// Built with `-sanitize=fuzzer -D FUZZING`, `main` hands libFuzzer's driver
// the target, which it calls with generated inputs. Built normally, this
// is a replayer: `fuzz-notes FILE...` runs the target once per file (for
// regression tests and for reproducing a crash).

import Foundation
import Notes

/// Reads `bytes` every way PDFAnchor reads notes and checks the invariants
/// that must hold for any input: no crash, and a note written back without
/// edits is byte for byte the note read.
func fuzzNotes(_ bytes: [UInt8]) {
    let note = AnnotationNote(bytes: bytes, path: "fuzz.md")
    _ = note.diagnostics.count
    for annotation in note.annotations {
        _ = (annotation.quote, annotation.position, annotation.kind, annotation.fingerprint)
    }
    let unedited = NoteEditor(note: note)
    precondition(unedited.result == bytes, "a note without edits must be written back unchanged")
    // An edit must either fail cleanly or read back as intended (the editor verifies).
    if let id = note.blocks.compactMap(\.id).first {
        var editor = NoteEditor(note: note)
        try? editor.setFingerprint(id: id, "00112233445566778899aabbccddeeff")
        try? editor.setSelectors(id: id, quote: TextQuoteSelector(exact: "x\u{2028}y", prefix: "é", suffix: "\""), position: nil)
        try? editor.rewriteLocations(id: id) { "vault:/" + $0 }
        _ = editor.result
        _ = editor.unifiedDiff(label: "fuzz.md")
    }
    if note.frontMatter?.target != nil {
        var editor = NoteEditor(note: note)
        try? editor.setFrontMatterTarget("new folder/new \"name\".pdf")
        _ = editor.result
    }
    _ = try? JSONParser.parse(utf8: bytes)
    _ = AnnotationSource(path: "fuzz.json", bytes: bytes)
}

/// libFuzzer's callback: one input.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzNotes(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
/// The entry point libFuzzer's runtime expects to exist (its own `main`,
/// unused here, refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func llvmFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    testOneInput(data, size)
}

/// libFuzzer's driver (SwiftPM names the executable's entry point itself, so
/// libFuzzer's own `main` cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
struct Main {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { data, size in testOneInput(data, size) })
        #else
        // Replay: run the target once on each file given.
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("fuzz-notes: cannot read \(path)\n".utf8))
                exit(2)
            }
            fuzzNotes([UInt8](data))
        }
        #endif
    }
}
