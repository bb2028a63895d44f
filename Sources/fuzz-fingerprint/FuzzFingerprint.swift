// A libFuzzer target for the trailer and fingerprint reader (see Scripts/fuzz).
//
// Built with `-sanitize=fuzzer -D FUZZING`, `main` runs libFuzzer's driver; built
// normally, `fuzz-fingerprint FILE...` replays inputs (regression tests).

import Foundation
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

/// libFuzzer's callback: one input.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzFingerprint(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
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
                FileHandle.standardError.write(Data("fuzz-fingerprint: cannot read \(path)\n".utf8))
                exit(2)
            }
            fuzzFingerprint([UInt8](data))
        }
        #endif
    }
}
