// A libFuzzer target for the trailer and fingerprint reader (see Scripts/fuzz).
//
// Built with `-sanitize=fuzzer -D FUZZING`, `main` runs libFuzzer's driver; built
// normally, `fuzz-fingerprint FILE...` replays inputs (regression tests).

import Foundation
import FuzzDriver
import PDFCore

/// Fingerprints `bytes` as a PDF: any input must give a fingerprint or a
/// typed error, never a crash or a hang; the value is always 32 or more
/// lowercase hex digits.
func fuzzFingerprint(_ bytes: [UInt8]) {
    do {
        let fingerprint = try PDFFingerprint.compute(bytes: bytes, path: "fuzz.pdf")
        precondition(
            fingerprint.primary.count >= 2 && fingerprint.primary.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) },
            "a fingerprint is lowercase hex")
    } catch {
        _ = error.description
    }
}

@main
struct Main {
    static func main() {
        runFuzzer(name: "fuzz-fingerprint", fuzzFingerprint)
    }
}
