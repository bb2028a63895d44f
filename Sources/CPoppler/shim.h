// The C surface PDFAnchor sees: poppler-glib, GLib and cairo.
// Only the PDFCore target imports this module.
#ifndef PDFANCHOR_CPOPPLER_SHIM_H
#define PDFANCHOR_CPOPPLER_SHIM_H

#include <poppler.h>
#include <glib.h>
#include <cairo.h>

/// `g_clear_error` is a function, but `GError` domain constants such as
/// POPPLER_ERROR are function-like macros that Swift cannot import.
static inline GQuark pdfanchor_poppler_error_quark(void) {
    return POPPLER_ERROR;
}

/// G_FILE_ERROR is a macro expanding to a function call; Swift cannot see it.
static inline GQuark pdfanchor_file_error_quark(void) {
    return G_FILE_ERROR;
}

#endif
