// What the libFuzzer targets share (see Scripts/fuzz): handing libFuzzer's
// driver a target when built with `-sanitize=fuzzer -D FUZZING`, and
// replaying inputs given as files otherwise.

import Foundation

/// The target of this process, set once by ``runFuzzer(name:_:)`` before
/// any input is run (libFuzzer's callbacks are C functions and cannot
/// capture it).
nonisolated(unsafe) private var currentTarget: ([UInt8]) -> Void = { _ in }

/// libFuzzer's callback: one input.
private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    currentTarget(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
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
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// Runs `target` under libFuzzer (built with `-D FUZZING`), or once on each
/// file named on the command line (a replayer, for regression tests and for
/// reproducing a crash). `name` prefixes error messages.
public func runFuzzer(name: String, _ target: @escaping ([UInt8]) -> Void) -> Never {
    currentTarget = target
    #if FUZZING
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, size in testOneInput(data, size) })
    #else
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(name): cannot read \(path)\n".utf8))
            exit(2)
        }
        target([UInt8](data))
    }
    exit(0)
    #endif
}
