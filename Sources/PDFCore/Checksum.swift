public import Foundation
internal import CPoppler

/// Content hashes, for caches keyed by what a file holds.
public enum Checksum {
    /// SHA-256 of `data` as lowercase hex. The corresponding C function is
    /// `g_compute_checksum_for_data`.
    public static func sha256(_ data: Data) -> String {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes.baseAddress, gsize(bytes.count)) else {
                return ""
            }
            defer { g_free(digest) }
            return String(cString: digest)
        }
    }
}
