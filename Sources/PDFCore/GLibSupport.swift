internal import CPoppler

/// Takes ownership of a `gchar*` returned by GLib or Poppler: copies it into
/// a Swift string and frees it with `g_free`. Nil in, nil out.
func takeGString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    return String(cString: pointer)
}

/// Takes ownership of a `GError*`: returns its domain, code and message and
/// frees it with `g_error_free`.
func takeGError(_ error: UnsafeMutablePointer<GError>?) -> (domain: GQuark, code: Int32, message: String)? {
    guard let error else { return nil }
    defer { g_error_free(error) }
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    return (error.pointee.domain, error.pointee.code, message)
}
