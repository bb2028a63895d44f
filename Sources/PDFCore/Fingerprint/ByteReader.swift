import Foundation

/// Random access to a file's bytes, read in chunks on demand.
///
/// The fingerprint reader only looks at a few regions of a PDF (its head,
/// its tail, the newest cross-reference section), so this reads fixed-size
/// chunks with `pread` and keeps a handful of them. Offsets are byte offsets
/// from the start of the file.
///
/// Not thread-safe: one reader per task.
final class ByteReader {
    /// The file's size in bytes.
    let count: Int
    private let descriptor: Int32
    /// The bytes, when reading from memory instead of a file.
    private let memory: [UInt8]?
    /// How many bytes have been read from the file so far (for tests and
    /// benchmarks: the fingerprint must not read whole files).
    private(set) var bytesRead = 0
    private let chunkSize = 1 << 14
    private var chunks: [Int: [UInt8]] = [:]
    private var chunkOrder: [Int] = []
    private let maxChunks = 64

    /// Opens `path` for reading.
    /// - Throws: `POSIXErrorCode` value wrapped in `ByteReaderError` when the
    ///   file cannot be opened or measured.
    init(path: String) throws(ByteReaderError) {
        // Only regular files: opening a FIFO would wait for a writer forever.
        // Non-blocking, should it become one between the check and the open.
        var before = stat()
        if stat(path, &before) == 0, let kind = Self.notAFile(before.st_mode) {
            throw ByteReaderError(code: EISDIR, kind: kind)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw ByteReaderError(code: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw ByteReaderError(code: code)
        }
        if let kind = Self.notAFile(info.st_mode) {
            close(fd)
            throw ByteReaderError(code: EISDIR, kind: kind)
        }
        descriptor = fd
        count = Int(info.st_size)
        memory = nil
    }

    /// Reads from `bytes` instead of a file.
    init(bytes: [UInt8]) {
        descriptor = -1
        count = bytes.count
        memory = bytes
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The byte at `offset`, or nil past the end of the file (or on a read error).
    func byte(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        if let memory { return memory[offset] }
        let index = offset / chunkSize
        let chunk = self.chunk(index)
        let inner = offset - index * chunkSize
        return inner < chunk.count ? chunk[inner] : nil
    }

    /// The bytes in `range`, clamped to the file.
    func bytes(_ range: Range<Int>) -> [UInt8] {
        let lower = max(0, range.lowerBound)
        let upper = min(count, range.upperBound)
        guard lower < upper else { return [] }
        if let memory { return Array(memory[lower..<upper]) }
        var result: [UInt8] = []
        result.reserveCapacity(upper - lower)
        var offset = lower
        while offset < upper {
            let index = offset / chunkSize
            let chunk = self.chunk(index)
            let start = offset - index * chunkSize
            guard start < chunk.count else { break }
            let end = min(chunk.count, upper - index * chunkSize)
            result.append(contentsOf: chunk[start..<end])
            offset = index * chunkSize + end
        }
        return result
    }

    private func chunk(_ index: Int) -> [UInt8] {
        if let cached = chunks[index] { return cached }
        let start = index * chunkSize
        let length = min(chunkSize, count - start)
        var buffer = [UInt8](repeating: 0, count: max(0, length))
        var filled = 0
        while filled < length {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, length - filled, off_t(start + filled))
            }
            if n <= 0 { break }
            filled += n
        }
        bytesRead += filled
        if filled < length { buffer.removeSubrange(filled...) }
        if chunkOrder.count >= maxChunks {
            chunks[chunkOrder.removeFirst()] = nil
        }
        chunks[index] = buffer
        chunkOrder.append(index)
        return buffer
    }
}

/// A failure to open or read a file, carrying the `errno` value.
struct ByteReaderError: Error {
    /// The `errno` value reported by the system call.
    var code: Int32
    /// What the path is when it is not a regular file ("a folder", "a FIFO
    /// (named pipe)"…).
    var kind: String?
    /// The system's message for `code` (`strerror`), or what the path is.
    var message: String { kind.map { "it is \($0), not a file" } ?? String(cString: strerror(code)) }
}

extension ByteReader {
    /// What a file of this mode is, when it is not a regular file.
    static func notAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}
