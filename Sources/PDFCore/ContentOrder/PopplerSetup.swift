internal import CPoppler
internal import CPopplerCore

/// Poppler's global settings, made once before any document is opened
/// (with poppler-glib or with Poppler's core): Swift's lazy static
/// initialisation is thread-safe, Poppler's own is not.
enum PopplerSetup {
    static let done: Void = {
        pdfanchor_core_initialize()
        // poppler-glib reports what it meets in a PDF through GLib's log
        // (domain "Poppler": "Invalid page 8 in Link Destination", failed
        // assertions for such a page): framework internals, printed on
        // stderr without the file's name. PDFAnchor says what matters itself
        // (an outline entry without a page has none), so they are dropped.
        let levels = [G_LOG_LEVEL_CRITICAL, G_LOG_LEVEL_WARNING, G_LOG_LEVEL_MESSAGE, G_LOG_LEVEL_INFO, G_LOG_LEVEL_DEBUG].reduce(0) { $0 | $1.rawValue }
        _ = g_log_set_handler("Poppler", GLogLevelFlags(rawValue: levels), { _, _, _, _ in }, nil)
    }()
}
