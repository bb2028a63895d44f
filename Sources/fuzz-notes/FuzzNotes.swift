// A libFuzzer target for the note reader and writer (see Scripts/fuzz).
//
// Built with `-sanitize=fuzzer -D FUZZING`, `main` hands libFuzzer's driver
// the target, which it calls with generated inputs. Built normally, this
// is a replayer: `fuzz-notes FILE...` runs the target once per file (for
// regression tests and for reproducing a crash).

import Foundation
import FuzzDriver
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

@main
struct Main {
    static func main() {
        runFuzzer(name: "fuzz-notes", fuzzNotes)
    }
}
