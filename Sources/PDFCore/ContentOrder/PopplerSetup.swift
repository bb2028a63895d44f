internal import CPopplerCore

/// Poppler's global settings, made once before any document is opened
/// (with poppler-glib or with Poppler's core): Swift's lazy static
/// initialisation is thread-safe, Poppler's own is not.
enum PopplerSetup {
    static let done: Void = pdfanchor_core_initialize()
}
