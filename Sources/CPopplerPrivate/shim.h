// Poppler's core library (libpoppler, Debian's libpoppler-private-dev), as
// a system library: this module exists only so that SwiftPM reads
// `pkg-config poppler` (include path, link flags) for the C++ target
// CPopplerCore, which is the only code that includes Poppler's C++ headers.
// Nothing imports this module from Swift; its header is deliberately empty.
#ifndef PDFANCHOR_CPOPPLERPRIVATE_SHIM_H
#define PDFANCHOR_CPOPPLERPRIVATE_SHIM_H
#endif
