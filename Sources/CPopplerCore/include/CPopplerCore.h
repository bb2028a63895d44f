// A C interface to the few parts of Poppler's core C++ API that
// poppler-glib does not offer: the words of a page in content-stream order
// (what `pdftotext -raw` prints), each character with its own box.
//
// Only the PDFCore target imports this module. Poppler's core API is not
// stable across releases: CPopplerCore.cpp builds against Poppler 22.12 to
// 26.07 (branching on POPPLER_CHECK_VERSION) and refuses older ones, saying
// which version it found.
#ifndef PDFANCHOR_CPOPPLERCORE_H
#define PDFANCHOR_CPOPPLERCORE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An open PDF (Poppler's `PDFDoc`). Not thread-safe: one per thread.
typedef struct PDFAnchorCoreDocument PDFAnchorCoreDocument;

/// Why opening failed (`PDFDoc::getErrorCode()`, reduced to what callers act on).
typedef enum {
    PDFANCHOR_CORE_OK = 0,
    /// The file could not be opened (fopen failed).
    PDFANCHOR_CORE_OPEN_FAILED = 1,
    /// The file is damaged beyond repair, or is not a PDF.
    PDFANCHOR_CORE_DAMAGED = 2,
    /// The file is encrypted and the password is missing or wrong.
    PDFANCHOR_CORE_ENCRYPTED = 3,
    /// Anything else (out of memory, …).
    PDFANCHOR_CORE_OTHER = 4,
} PDFAnchorCoreError;

/// A box in top-left page space: points, origin at the top-left corner of
/// the page as displayed (crop box, `/Rotate` applied), y downwards.
typedef struct {
    double minX, minY, maxX, maxY;
} PDFAnchorCoreBox;

/// What `PDFAnchorCoreWords::pdfjsFlags` say about a glyph.
enum {
    /// It comes right after a change of the text matrix's horizontal scale
    /// within one font and size (pdfTeX's font expansion), which restarts
    /// the width of PDF.js's text item, and starts after the glyph before it
    /// ends: PDF.js puts a space before it.
    PDFANCHOR_CORE_SCALE_RESTART = 1,
    /// A space glyph was drawn between it and the glyph before (Poppler
    /// drops space glyphs; PDF.js keeps one where the gap is over 3% of the
    /// font size).
    PDFANCHOR_CORE_AFTER_SPACE = 2,
    /// An accent is drawn right after it, over it: Poppler joins it as a
    /// combining mark after the letter, and PDF.js keeps it after the letter
    /// (an accent drawn first stands first in PDF.js's text).
    PDFANCHOR_CORE_ACCENT_AFTER = 4,
};

/// The words of one page in content-stream order, as arrays the caller
/// frees with `pdfanchor_core_words_free`.
typedef struct {
    /// The characters of all words, one after another: Unicode code points
    /// exactly as Poppler gives them (not checked: may be surrogates or out
    /// of range).
    uint32_t *characters;
    /// One box per character.
    PDFAnchorCoreBox *boxes;
    /// `wordCount + 1` entries: word k is `characters[wordStarts[k] ..< wordStarts[k + 1]]`.
    int32_t *wordStarts;
    /// Per word: the font size in points.
    double *fontSizes;
    /// Per word: the baseline, along the secondary axis of its rotation
    /// (y for rotations 0 and 2, x for 1 and 3), top-left page space.
    double *baselines;
    /// Per word: its rotation in quarter turns (0…3), relative to the page as displayed.
    int32_t *rotations;
    int32_t characterCount;
    int32_t wordCount;
    /// Only from `pdfanchor_core_page_words_pdfjs` (NULL otherwise): per
    /// character, what PDF.js's text extraction minds about its glyph and
    /// Poppler's words lose, as `PDFANCHOR_CORE_…` flags (0 for none).
    uint8_t *pdfjsFlags;
} PDFAnchorCoreWords;

/// Makes Poppler's global settings (`globalParams`) and keeps them for the
/// life of the process. Must run before any core document is opened:
/// poppler-glib frees them when its last document is freed, which would
/// pull them from under a core document in use on another thread.
void pdfanchor_core_initialize(void);

/// Opens the PDF at `path` (a file system path). `password` (UTF-8) may be
/// NULL; it is tried as the owner and as the user password. Returns NULL
/// and sets `*error` on failure. The corresponding C++ is `PDFDoc::PDFDoc`.
PDFAnchorCoreDocument *pdfanchor_core_open(const char *path, const char *password, PDFAnchorCoreError *error);

/// Closes a document opened by `pdfanchor_core_open`.
void pdfanchor_core_close(PDFAnchorCoreDocument *document);

/// The number of pages.
int32_t pdfanchor_core_page_count(const PDFAnchorCoreDocument *document);

/// The words of the page at 0-based `index`, in content-stream order
/// (`TextOutputDev` with rawOrder on, `TextPage::makeWordList`). Returns
/// false (and leaves `*words` empty) when the page cannot be read.
bool pdfanchor_core_page_words(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCoreWords *words);

/// The same words, but with the glyph names of TeX's fonts that PDF.js
/// 2.14's glyph list maps and Poppler's does not (`summationdisplay` → ∑,
/// `parenleftbig` → `(`, …) mapped as PDF.js maps them: the characters
/// of PDF.js's text, for modelling it; and `pdfjsFlags` set. Poppler's
/// own text (the function above) keeps Poppler's characters.
bool pdfanchor_core_page_words_pdfjs(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCoreWords *words);

/// The document's title from its Info dictionary (UTF-32, `*length` code
/// points; the caller frees it with `free`), or NULL when it has none.
/// The corresponding C++ is `PDFDoc::getDocInfoStringEntry("Title")`.
uint32_t *pdfanchor_core_title(PDFAnchorCoreDocument *document, int32_t *length);

/// What a page is: its crop box in PDF user space, its /Rotate (0, 90, 180
/// or 270) and its printed label (UTF-32, `labelLength` code points; the
/// caller frees `label` with `pdfanchor_core_page_info_free`).
typedef struct {
    double cropX1, cropY1, cropX2, cropY2;
    int32_t rotation;
    uint32_t *label;
    int32_t labelLength;
} PDFAnchorCorePageInfo;

/// The crop box, rotation and label of the page at 0-based `index`
/// (`Page::getCropBox`, `Page::getRotate`, `Catalog::indexToLabel`).
/// Returns false when the page cannot be read.
bool pdfanchor_core_page_info(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCorePageInfo *info);

/// Frees what `pdfanchor_core_page_info` allocated.
void pdfanchor_core_page_info_free(PDFAnchorCorePageInfo *info);

/// One annotation of a page: its object number and generation (what
/// PDF.js makes its id from: "12R", or "12R3" for generation 3) and its
/// /NM name (UTF-8, NUL-terminated; NULL when it has none).
typedef struct {
    int32_t number;
    int32_t generation;
    char *name;
} PDFAnchorCoreAnnotation;

/// The annotations of the page at 0-based `index` (`Page::getAnnots`,
/// `Annot::getRef`, `Annot::getName`); `*count` of them. The caller frees
/// the result with `pdfanchor_core_annotations_free`. NULL when there are
/// none or the page cannot be read.
PDFAnchorCoreAnnotation *pdfanchor_core_page_annotations(PDFAnchorCoreDocument *document, int32_t index, int32_t *count);

/// Frees what `pdfanchor_core_page_annotations` returned.
void pdfanchor_core_annotations_free(PDFAnchorCoreAnnotation *annotations, int32_t count);

/// How many bytes of text the content stream of the page at 0-based
/// `index` shows: the bytes inside its string operands (literal strings
/// counted after escapes, hex strings at half their digits), plus one per
/// word gap set by a TJ array's kerning, without drawing anything. A cheap measure of how much text a page has (Form
/// XObjects are not looked into), for guessing which page a text offset
/// falls on before reading the pages. -1 when the page cannot be read.
int64_t pdfanchor_core_page_text_bytes(PDFAnchorCoreDocument *document, int32_t index);

/// Frees what `pdfanchor_core_page_words` allocated, and empties `*words`.
void pdfanchor_core_words_free(PDFAnchorCoreWords *words);

/// Whether an entry of an annotation dictionary is there and of the type
/// asked for (`PDFAnchorCoreAnnotationEntry`'s fields).
typedef enum {
    /// Not in the dictionary, or null.
    PDFANCHOR_CORE_ENTRY_MISSING = 0,
    /// There, of the expected type.
    PDFANCHOR_CORE_ENTRY_PRESENT = 1,
    /// There, but of another type (a number where a string belongs, …).
    PDFANCHOR_CORE_ENTRY_WRONG_TYPE = 2,
} PDFAnchorCoreEntryState;

/// A string entry of an annotation dictionary (a PDF text string or date):
/// its bytes as written (decrypted), not decoded.
typedef struct {
    /// The first `length` bytes (the caller frees them with the entry);
    /// NULL unless `state` is `PDFANCHOR_CORE_ENTRY_PRESENT` and the string
    /// is not empty.
    uint8_t *bytes;
    /// How many bytes `bytes` holds: at most the cap asked for.
    int32_t length;
    /// How many bytes the string has in the PDF (more than `length` when cut).
    int64_t fullLength;
    /// A `PDFAnchorCoreEntryState`: missing, a string, or not a string.
    int32_t state;
} PDFAnchorCoreString;

/// An array-of-numbers entry of an annotation dictionary (`/Rect`,
/// `/QuadPoints`, `/C`), in PDF user space where it is a coordinate.
typedef struct {
    /// The first `count` elements, each resolved; NaN for an element that
    /// is not a number. NULL when `count` is 0.
    double *values;
    /// How many elements `values` holds: at most the cap asked for.
    int32_t count;
    /// How many elements the array has in the PDF (more than `count` when cut).
    int64_t fullCount;
    /// A `PDFAnchorCoreEntryState`: missing, an array, or not an array.
    int32_t state;
} PDFAnchorCoreNumbers;

/// What an entry of a page's `/Annots` array is.
typedef enum {
    /// A dictionary with a `/Subtype` name: the fields are read.
    PDFANCHOR_CORE_ANNOTATION_OK = 0,
    /// Not a dictionary (a number, a reference to a missing object, …).
    PDFANCHOR_CORE_ANNOTATION_NOT_A_DICTIONARY = 1,
    /// A dictionary without a `/Subtype` name.
    PDFANCHOR_CORE_ANNOTATION_NO_SUBTYPE = 2,
} PDFAnchorCoreAnnotationStatus;

/// One entry of a page's `/Annots` array, read from its dictionary as
/// written (no `Annot` object is made): PDF 1.7, §12.5.
typedef struct {
    /// A `PDFAnchorCoreAnnotationStatus`; unless it is
    /// `PDFANCHOR_CORE_ANNOTATION_OK`, only the reference is set.
    int32_t status;
    /// Whether the `/Annots` entry is an indirect reference (`number
    /// generation R`); false for a dictionary written into the array.
    bool indirect;
    int32_t number;
    int32_t generation;
    /// The `/Subtype` name (NUL-terminated bytes); NULL unless status is OK.
    char *subtype;
    /// `/Rect`, `/QuadPoints` (PDF user space) and `/C` (colour components).
    PDFAnchorCoreNumbers rect;
    PDFAnchorCoreNumbers quadPoints;
    PDFAnchorCoreNumbers color;
    /// `/Contents`, `/T`, `/Subj`, `/NM`, `/CreationDate`, `/M`.
    PDFAnchorCoreString contents;
    PDFAnchorCoreString author;
    PDFAnchorCoreString subject;
    PDFAnchorCoreString name;
    PDFAnchorCoreString created;
    PDFAnchorCoreString modified;
    /// `/CA` (a `PDFAnchorCoreEntryState` in `opacityState`).
    double opacity;
    int32_t opacityState;
    /// `/IRT`, kept as a reference (not followed): present only when the
    /// entry is an indirect reference.
    int32_t inReplyToState;
    int32_t inReplyToNumber;
    int32_t inReplyToGeneration;
    /// `/RT`: the name (NUL-terminated), NULL unless `replyTypeState` is present.
    char *replyType;
    int32_t replyTypeState;
} PDFAnchorCoreAnnotationEntry;

/// The entries of one page's `/Annots`, as the caller frees them with
/// `pdfanchor_core_annotation_entries_free`.
typedef struct {
    /// The first `count` entries of the array, in its order.
    PDFAnchorCoreAnnotationEntry *entries;
    int32_t count;
    /// How many entries the page's `/Annots` has (not read beyond `count`).
    int64_t total;
} PDFAnchorCoreAnnotationEntries;

/// The annotation dictionaries of the page at 0-based `index`, read raw
/// (`Page::getAnnotsObject`, `Array::getNF` for each entry's reference,
/// then `Object::fetch`): at most `maxEntries` of them (none fetched beyond
/// that: `total` still counts them all), strings cut at `maxStringBytes`
/// bytes, arrays at `maxNumbers` elements. A page without `/Annots` has
/// none. Returns false (and leaves `*entries` empty) when the page cannot
/// be read.
bool pdfanchor_core_page_annotation_entries(PDFAnchorCoreDocument *document, int32_t index, int32_t maxEntries, int32_t maxStringBytes,
                                            int32_t maxNumbers, PDFAnchorCoreAnnotationEntries *entries);

/// Frees what `pdfanchor_core_page_annotation_entries` allocated, and
/// empties `*entries`.
void pdfanchor_core_annotation_entries_free(PDFAnchorCoreAnnotationEntries *entries);

#ifdef __cplusplus
}
#endif

#endif
