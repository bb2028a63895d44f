import Foundation

/// What differs between the C libraries of Linux (glibc) and macOS (Darwin)
/// for the calls PDFAnchor makes, in one place.
extension stat {
    /// The time of the last change of the file's content (`st_mtim` on
    /// Linux, `st_mtimespec` on macOS).
    var modification: timespec {
        #if os(Linux)
        st_mtim
        #else
        st_mtimespec
        #endif
    }

    /// The time of the last change of the file's content or status (`st_ctim`
    /// on Linux, `st_ctimespec` on macOS).
    var statusChange: timespec {
        #if os(Linux)
        st_ctim
        #else
        st_ctimespec
        #endif
    }
}

/// Opens `path` read-only, close-on-exec and non-blocking (a FIFO put in a
/// file's place does not block the opening); -1 on failure, `errno` set.
func openForReading(_ path: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    #else
    Darwin.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    #endif
}
