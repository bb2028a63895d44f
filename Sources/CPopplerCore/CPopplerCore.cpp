// Words in content-stream order from Poppler's core C++ API. See
// include/CPopplerCore.h for the interface; nothing here decides how the
// words become text (spaces, line breaks): PDFCore does that in Swift.

#include "CPopplerCore.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// Poppler's core API (its private headers) changes between releases without
// notice. This file builds against every release from 22.12 (Debian 12) to
// 26.07; where the API changed, it branches on POPPLER_CHECK_VERSION, which
// comes from poppler-glib's glib/poppler-features.h (made by the same Poppler
// build; poppler-config.h has the version only as a string).
// Scripts/check-poppler-headers compiles it against each of those releases.
#if !__has_include(<poppler-config.h>) || !__has_include(<TextOutputDev.h>)
#    error "PDFAnchor: Poppler's core C++ headers (poppler-config.h, TextOutputDev.h) are missing. Install libpoppler-private-dev (Debian/Ubuntu), poppler-devel (Fedora) or poppler (Homebrew)."
#    define PDFANCHOR_POPPLER_SUPPORTED 0
#elif !__has_include(<glib/poppler-features.h>)
#    error "PDFAnchor: poppler-glib's header glib/poppler-features.h (Poppler's version) is missing. Install libpoppler-glib-dev (Debian/Ubuntu), poppler-glib-devel (Fedora) or poppler (Homebrew)."
#    define PDFANCHOR_POPPLER_SUPPORTED 0
#else
#    include <poppler-config.h>
#    include <glib/poppler-features.h>
#    if !defined(POPPLER_VERSION)
#        define POPPLER_VERSION "(unknown: poppler-config.h names none)"
#    endif
#    if !defined(POPPLER_CHECK_VERSION) || !POPPLER_CHECK_VERSION(22, 12, 0)
// The version is in the message (an #error's text cannot name it); the rest
// of the file is left out, so this is the only error.
static_assert(false,
              "PDFAnchor needs Poppler 22.12 or newer; Poppler " POPPLER_VERSION " is installed. Install a newer libpoppler-private-dev "
              "and libpoppler-glib-dev (Debian/Ubuntu), poppler-devel and poppler-glib-devel (Fedora) or poppler (Homebrew).");
#        define PDFANCHOR_POPPLER_SUPPORTED 0
#    else
#        define PDFANCHOR_POPPLER_SUPPORTED 1
#    endif
#endif

#if PDFANCHOR_POPPLER_SUPPORTED

#include <ErrorCodes.h>
#include <Gfx.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Object.h>
#include <Page.h>
#include <Stream.h>
#include <goo/GooString.h>
#include <PDFDoc.h>
#include <TextOutputDev.h>
#include <Catalog.h>
#include <Annot.h>
#include <Array.h>
#include <XRef.h>
#include <UnicodeMapFuncs.h>
#include <UTF.h>
#include <goo/gmem.h>

namespace {
/// The number at `part` (0: major, 1: minor) of a version string "26.07.0".
constexpr int versionPart(const char *text, int part)
{
    for (; part > 0; ++text) {
        if (*text == '\0') {
            return -1;
        }
        if (*text == '.') {
            --part;
        }
    }
    int value = 0;
    for (; *text >= '0' && *text <= '9'; ++text) {
        value = value * 10 + (*text - '0');
    }
    return value;
}
} // namespace
// Core headers of one Poppler with poppler-glib's of another (a Poppler built
// from source beside the system's) would make the branches below wrong.
static_assert(versionPart(POPPLER_VERSION, 0) == POPPLER_MAJOR_VERSION && versionPart(POPPLER_VERSION, 1) == POPPLER_MINOR_VERSION,
              "PDFAnchor: poppler-config.h (Poppler " POPPLER_VERSION ") and glib/poppler-features.h come from different Poppler "
              "installations; point pkg-config at one (PKG_CONFIG_PATH)");

struct PDFAnchorCoreDocument {
    /// The embedded font files already decoded and handed to the
    /// document's cross-reference table as memory streams, or tried (see
    /// `keepFontFiles`): their object numbers, the decoded bytes (which the
    /// memory streams point into; they live as long as the document) and
    /// how many bytes those hold together.
    std::unordered_map<int, int> fontFilesKept; // object number -> generation
    /// The font files seen on a page so far.
    std::unordered_set<int> fontFilesSeen;
    /// Objects never kept as font files: pages' content streams and files
    /// asked for under two generations.
    std::unordered_set<int> neverKept;
    std::vector<std::unique_ptr<std::vector<unsigned char>>> fontFileBytes;
    size_t fontFileByteCount = 0;
    /// Declared last, so that it goes first: its memory streams point into
    /// `fontFileBytes`.
    std::unique_ptr<PDFDoc> doc;
};

namespace {

/// Poppler's complaints about damaged files are not the user's business:
/// PDFAnchor reports what it could not read in its own words.
void quiet(ErrorCategory, Goffset, const char *) { }

/// Poppler's global settings must exist before a PDFDoc is made, and stay
/// while any is in use. poppler-glib makes them through a reference-counted
/// GlobalParamsIniter per document and drops them when its last document
/// is freed; holding one initer for the life of the process keeps them for
/// the core documents too (and makes them under Poppler's own lock).
void ensureGlobalParams()
{
    static std::once_flag once;
    std::call_once(once, [] {
        static GlobalParamsIniter *forever = new GlobalParamsIniter(quiet);
        (void)forever;
    });
}

/// Glyph names of TeX's fonts that the Adobe Glyph List (and PDF.js, whose
/// text the notes' selectors come from) map to a character but Poppler
/// 22.12's name table does not: without a ToUnicode map Poppler then gives
/// the character code instead (`h` for ⟨ in Computer Modern's symbol font).
struct GlyphName
{
    const char *name;
    Unicode unicode;
};
constexpr GlyphName missingGlyphNames[] = {
    { "angbracketleft", 0x3008 }, { "angbracketright", 0x3009 }, { "arrownortheast", 0x2197 }, { "arrownorthwest", 0x2196 },
    { "arrowsoutheast", 0x2198 }, { "arrowsouthwest", 0x2199 }, { "bardbl", 0x2016 },        { "circlecopyrt", 0x00A9 },
    { "prime", 0x2032 },
};

/// The glyph names of TeX's extension and symbol fonts (cmex10's sums,
/// integrals and big delimiters, cmsy10's arrows…) that PDF.js 2.14's glyph
/// list maps on top of the Adobe Glyph List and Poppler 22.12's table does
/// not: for text as PDF.js reads it (`pdfanchor_core_page_words_pdfjs`),
/// not for Poppler's own text, which anchoring reads as it is.
constexpr GlyphName pdfjsTeXGlyphNames[] = {
    { "angbracketleftbig", 0x2329 }, { "angbracketleftBig", 0x2329 }, { "angbracketleftbigg", 0x2329 }, { "angbracketleftBigg", 0x2329 },
    { "angbracketrightbig", 0x232a }, { "angbracketrightBig", 0x232a }, { "angbracketrightbigg", 0x232a }, { "angbracketrightBigg", 0x232a },
    { "arrowhookleft", 0x21aa }, { "arrowhookright", 0x21a9 }, { "arrowlefttophalf", 0x21bc }, { "arrowleftbothalf", 0x21bd },
    { "arrowrighttophalf", 0x21c0 }, { "arrowrightbothalf", 0x21c1 },
    { "backslashbig", 0x2216 }, { "backslashBig", 0x2216 }, { "backslashbigg", 0x2216 }, { "backslashBigg", 0x2216 },
    { "bracehtipdownleft", 0xfe37 }, { "bracehtipdownright", 0xfe37 }, { "bracehtipupleft", 0xfe38 }, { "bracehtipupright", 0xfe38 },
    { "braceleftbig", 0x7b }, { "braceleftBig", 0x7b }, { "braceleftbigg", 0x7b }, { "braceleftBigg", 0x7b },
    { "bracerightbig", 0x7d }, { "bracerightBig", 0x7d }, { "bracerightbigg", 0x7d }, { "bracerightBigg", 0x7d },
    { "bracketleftbig", 0x5b }, { "bracketleftBig", 0x5b }, { "bracketleftbigg", 0x5b }, { "bracketleftBigg", 0x5b },
    { "bracketrightbig", 0x5d }, { "bracketrightBig", 0x5d }, { "bracketrightbigg", 0x5d }, { "bracketrightBigg", 0x5d },
    { "ceilingleftbig", 0x2308 }, { "ceilingleftBig", 0x2308 }, { "ceilingleftbigg", 0x2308 }, { "ceilingleftBigg", 0x2308 },
    { "ceilingrightbig", 0x2309 }, { "ceilingrightBig", 0x2309 }, { "ceilingrightbigg", 0x2309 }, { "ceilingrightBigg", 0x2309 },
    { "circledotdisplay", 0x2299 }, { "circledottext", 0x2299 }, { "circlemultiplydisplay", 0x2297 }, { "circlemultiplytext", 0x2297 },
    { "circleplusdisplay", 0x2295 }, { "circleplustext", 0x2295 }, { "contintegraldisplay", 0x222e }, { "contintegraltext", 0x222e },
    { "coproductdisplay", 0x2210 }, { "coproducttext", 0x2210 },
    { "floorleftbig", 0x230a }, { "floorleftBig", 0x230a }, { "floorleftbigg", 0x230a }, { "floorleftBigg", 0x230a },
    { "floorrightbig", 0x230b }, { "floorrightBig", 0x230b }, { "floorrightbigg", 0x230b }, { "floorrightBigg", 0x230b },
    { "hatwide", 0x0302 }, { "hatwider", 0x0302 }, { "hatwidest", 0x0302 }, { "intercal", 0x1d40 },
    { "integraldisplay", 0x222b }, { "integraltext", 0x222b }, { "intersectiondisplay", 0x22c2 }, { "intersectiontext", 0x22c2 },
    { "logicalanddisplay", 0x2227 }, { "logicalandtext", 0x2227 }, { "logicalordisplay", 0x2228 }, { "logicalortext", 0x2228 },
    { "parenleftbig", 0x28 }, { "parenleftBig", 0x28 }, { "parenleftbigg", 0x28 }, { "parenleftBigg", 0x28 },
    { "parenrightbig", 0x29 }, { "parenrightBig", 0x29 }, { "parenrightbigg", 0x29 }, { "parenrightBigg", 0x29 },
    { "productdisplay", 0x220f }, { "producttext", 0x220f },
    { "radicalbig", 0x221a }, { "radicalBig", 0x221a }, { "radicalbigg", 0x221a }, { "radicalBigg", 0x221a },
    { "radicalbt", 0x221a }, { "radicaltp", 0x221a }, { "radicalvertex", 0x221a },
    { "slashbig", 0x2f }, { "slashBig", 0x2f }, { "slashbigg", 0x2f }, { "slashBigg", 0x2f },
    { "summationdisplay", 0x2211 }, { "summationtext", 0x2211 }, { "tildewide", 0x02dc }, { "tildewider", 0x02dc },
    { "tildewidest", 0x02dc }, { "uniondisplay", 0x22c3 }, { "unionmultidisplay", 0x228e }, { "unionmultitext", 0x228e },
    { "unionsqdisplay", 0x2294 }, { "unionsqtext", 0x2294 }, { "uniontext", 0x22c3 }, { "vextenddouble", 0x2225 },
    { "vextendsingle", 0x2223 },
};

/// A TextOutputDev in content-stream order that also maps the glyph names
/// above, in simple fonts, where Poppler found no character for them (with
/// `pdfjsNames`, TeX's names PDF.js maps too).
class ContentOrderTextOutputDev : public TextOutputDev
{
public:
    explicit ContentOrderTextOutputDev(bool pdfjsNames = false) : TextOutputDev(nullptr, false, 0, true, false), pdfjsNames(pdfjsNames) { }

    void drawChar(GfxState *state, double x, double y, double dx, double dy, double originX, double originY, CharCode code, int nBytes, const Unicode *u, int uLen) override
    {
        if (pdfjsNames) {
            noteGlyph(state, x, y, dx, dy, uLen == 1 ? u[0] : 0);
        }
        Unicode mapped;
        // Poppler falls back to the character code when it cannot map a
        // glyph name (and the font's ToUnicode map, if any, lacks the code).
        if (uLen == 1 && u[0] == code && lookUp(state, code, pdfjsNames, &mapped)) {
            TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, nBytes, &mapped, 1);
            return;
        }
        TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, nBytes, u, uLen);
    }

    /// The `PDFAnchorCoreWords::pdfjsFlags` of the glyph whose origin is at
    /// (`x`, `y`) (top-left page space, the baseline within half a point).
    uint8_t flagsAt(double x, double y) const
    {
        uint8_t flags = 0;
        for (const Mark &mark : marks) {
            if (mark.x == x && std::fabs(mark.y - y) < 0.5) {
                flags |= mark.flags;
            }
        }
        return flags;
    }

private:
    /// A glyph's origin (device space) and what PDF.js minds about it.
    struct Mark
    {
        double x, y;
        uint8_t flags;
    };

    bool pdfjsNames;
    std::vector<Mark> marks;
    /// The horizontal scale of the text and CTM matrices, the font and its
    /// size at the last glyph drawn; whether the scale changed, and whether
    /// a space glyph was drawn, since the last glyph that was not a space.
    double lastScale = -1;
    const GfxFont *lastFont = nullptr;
    double lastFontSize = -1;
    bool scaleChanged = false;
    bool spaceSince = false;
    /// Where the last glyph that was not a space starts and ends (device
    /// space), and its character (0 when none or several).
    double lastX = 0, lastY = 0, lastEndX = 0;
    Unicode lastUnicode = 0;
    bool glyphSeen = false;

    /// Whether Poppler joins `u` to the letter beside it as a combining
    /// mark (its table of spacing accents).
    static bool isSpacingAccent(Unicode u)
    {
        switch (u) {
        case 0x60: case 0xa8: case 0xaf: case 0xb4: case 0xb8: case 0x2c6: case 0x2c7:
        case 0x2d8: case 0x2d9: case 0x2da: case 0x2dc: case 0x2dd:
            return true;
        default:
            return false;
        }
    }

    /// Notes what PDF.js's text extraction minds about a glyph drawn at
    /// (`x`, `y`) (user space; `dx`, `dy` its advance with the character
    /// spacing, which PDF.js adds after measuring; `u` its character, 0
    /// for none or several) and Poppler's words lose:
    /// - a change of the text matrix's horizontal scale (`Tm`) within one
    ///   font and size restarts the width of PDF.js's text item, and the
    ///   next glyph then gets a space before it if it starts after the glyph
    ///   before ends at all (pdfTeX's font expansion sets such matrices;
    ///   Poppler's boxes within a word meet, so the gap is measured here);
    /// - a space glyph between two glyphs is a space in PDF.js's text even
    ///   where the gap is too small for one of its own (over 3% of the font
    ///   size); Poppler drops it;
    /// - an accent drawn after its letter stays after it in PDF.js's text;
    ///   Poppler puts the letter first whichever came first.
    void noteGlyph(GfxState *state, double x, double y, double dx, double dy, Unicode u)
    {
        const auto &tm = state->getTextMat(); // a pointer, or a std::array from Poppler 26 on
        const auto &ctm = state->getCTM();
        const double scale = std::hypot(tm[0], tm[1]) * std::hypot(ctm[0], ctm[1]);
        const GfxFont *font = state->getFont().get();
        const double size = state->getFontSize();
        if (font != lastFont || size != lastFontSize) {
            scaleChanged = false;
        } else if (lastScale >= 0 && scale != lastScale) {
            scaleChanged = true;
        }
        lastScale = scale;
        lastFont = font;
        lastFontSize = size;
        if (u == 0x20) {
            spaceSince = true;
            return;
        }
        double x1, y1;
        state->transform(x, y, &x1, &y1);
        uint8_t flags = 0;
        if (scaleChanged && x1 > lastEndX) {
            flags |= PDFANCHOR_CORE_SCALE_RESTART;
        }
        if (spaceSince && glyphSeen) {
            flags |= PDFANCHOR_CORE_AFTER_SPACE;
        }
        if (flags != 0) {
            marks.push_back(Mark { x1, y1, flags });
        }
        double spacingX, spacingY;
        state->textTransformDelta(state->getCharSpace() * state->getHorizScaling(), 0, &spacingX, &spacingY);
        double endX, endY;
        state->transform(x + dx - spacingX, y + dy - spacingY, &endX, &endY);
        // An accent centred over the glyph before (within 30% of its width,
        // as Poppler joins them) was drawn after its letter.
        if (!spaceSince && isSpacingAccent(u) && lastUnicode != 0 && !isSpacingAccent(lastUnicode)
            && std::fabs((x1 + endX) / 2 - (lastX + lastEndX) / 2) < 0.3 * std::fabs(lastEndX - lastX)) {
            marks.push_back(Mark { lastX, lastY, PDFANCHOR_CORE_ACCENT_AFTER });
        }
        scaleChanged = false;
        spaceSince = false;
        lastX = x1;
        lastY = y1;
        lastEndX = endX;
        lastUnicode = u;
        glyphSeen = true;
    }

    static bool lookUp(GfxState *state, CharCode code, bool pdfjsNames, Unicode *unicode)
    {
        const std::shared_ptr<GfxFont> &font = state->getFont();
        if (!font || font->isCIDFont() || code > 0xff) {
            return false;
        }
#if POPPLER_CHECK_VERSION(26, 5, 0)
        const char *name = static_cast<Gfx8BitFont *>(font.get())->getEncoding()[code];
#else
        char **encoding = static_cast<Gfx8BitFont *>(font.get())->getEncoding();
        const char *name = encoding ? encoding[code] : nullptr;
#endif
        if (!name) {
            return false;
        }
        for (const GlyphName &entry : missingGlyphNames) {
            if (std::strcmp(entry.name, name) == 0) {
                *unicode = entry.unicode;
                return true;
            }
        }
        if (pdfjsNames) {
            for (const GlyphName &entry : pdfjsTeXGlyphNames) {
                if (std::strcmp(entry.name, name) == 0) {
                    *unicode = entry.unicode;
                    return true;
                }
            }
        }
        return false;
    }
};

template<typename T>
T *allocate(size_t count)
{
    return static_cast<T *>(std::malloc(sizeof(T) * (count == 0 ? 1 : count)));
}

/// The words of a word list, in its order.
std::vector<const TextWord *> wordsOf(TextWordList *list)
{
    std::vector<const TextWord *> words;
    if (!list) {
        return words;
    }
#if POPPLER_CHECK_VERSION(25, 12, 0)
    const std::vector<TextWord *> &listed = list->getWords();
    words.assign(listed.begin(), listed.end());
#else
    words.reserve(static_cast<size_t>(list->getLength()));
    for (int k = 0; k < list->getLength(); ++k) {
        words.push_back(list->get(k));
    }
#endif
    return words;
}

/// A PDF text string (PDFDocEncoding, or UTF-16 after a byte order mark) as
/// Unicode code points (`TextStringToUCS4`).
std::vector<Unicode> codePoints(const std::string &text)
{
#if POPPLER_CHECK_VERSION(24, 2, 0)
    return TextStringToUCS4(text);
#else
    Unicode *ucs4 = nullptr;
    const int count = TextStringToUCS4(text, &ucs4);
    std::vector<Unicode> result;
    if (ucs4 && count > 0) {
        result.assign(ucs4, ucs4 + count);
    }
    gfree(ucs4);
    return result;
#endif
}

/// Whether a PDF text string is UTF-16, big- or little-endian: it starts
/// with a byte order mark (what GooString::hasUnicodeMarker and
/// hasUnicodeMarkerLE said before Poppler 24.06 removed them).
bool hasByteOrderMark(const std::string &text)
{
    return text.size() >= 2 && ((text[0] == '\xfe' && text[1] == '\xff') || (text[0] == '\xff' && text[1] == '\xfe'));
}

/// `count` code points in memory the caller frees with `free` (NULL, and
/// `*length` 0, when there are none or memory is short).
uint32_t *copied(const std::vector<Unicode> &ucs4, int32_t *length)
{
    *length = 0;
    if (ucs4.empty() || ucs4.size() > INT32_MAX) {
        return nullptr;
    }
    auto *out = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * ucs4.size()));
    if (out) {
        for (size_t i = 0; i < ucs4.size(); ++i) {
            out[i] = ucs4[i];
        }
        *length = static_cast<int32_t>(ucs4.size());
    }
    return out;
}

/// Rewinds a stream through `reset()`, which returns nothing up to some
/// release between 24.06 and 25.03 and a [[nodiscard]] bool from then on
/// (until 26.01 renamed it `rewind()`). A template so that only the branch
/// that fits this Poppler is compiled.
template<typename S>
bool resetStream(S *stream)
{
    if constexpr (std::is_void_v<decltype(stream->reset())>) {
        stream->reset();
        return true;
    } else {
        return stream->reset();
    }
}

/// Puts a stream at its start; false when Poppler says it cannot be read.
bool rewindStream(Stream *stream)
{
#if POPPLER_CHECK_VERSION(26, 1, 0)
    return stream->rewind();
#else
    return resetStream(stream);
#endif
}

/// Whether `document` has a page at 0-based `index`.
bool hasPage(const PDFAnchorCoreDocument *document, int32_t index)
{
    return document && index >= 0 && index < document->doc->getNumPages();
}

/// Zeroes `*out` (when there is one) and says whether a page call can go
/// on: `out` given, and `document` has a page at `index`.
template<typename Out>
bool clearedForPage(const PDFAnchorCoreDocument *document, int32_t index, Out *out)
{
    if (!out) {
        return false;
    }
    std::memset(out, 0, sizeof(*out));
    return hasPage(document, index);
}

} // namespace

extern "C" void pdfanchor_core_initialize(void)
{
    ensureGlobalParams();
}

extern "C" PDFAnchorCoreDocument *pdfanchor_core_open(const char *path, const char *password, PDFAnchorCoreError *error)
{
    try {
        ensureGlobalParams();
        std::optional<GooString> secret;
        if (password) {
            secret = GooString(password);
        }
        auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), secret, secret);
        if (!doc->isOk()) {
            if (error) {
                switch (doc->getErrorCode()) {
                case errOpenFile:
                case errFileIO:
                    *error = PDFANCHOR_CORE_OPEN_FAILED;
                    break;
                case errEncrypted:
                    *error = PDFANCHOR_CORE_ENCRYPTED;
                    break;
                case errBadCatalog:
                case errDamaged:
                    *error = PDFANCHOR_CORE_DAMAGED;
                    break;
                default:
                    *error = PDFANCHOR_CORE_OTHER;
                }
            }
            return nullptr;
        }
        auto *document = new PDFAnchorCoreDocument;
        document->doc = std::move(doc);
        if (error) {
            *error = PDFANCHOR_CORE_OK;
        }
        return document;
    } catch (...) {
        if (error) {
            *error = PDFANCHOR_CORE_OTHER;
        }
        return nullptr;
    }
}

extern "C" void pdfanchor_core_close(PDFAnchorCoreDocument *document)
{
    delete document;
}

extern "C" int32_t pdfanchor_core_page_count(const PDFAnchorCoreDocument *document)
{
    return document ? document->doc->getNumPages() : 0;
}

namespace {

/// A Gfx that draws `page` at 72 dpi on its crop box, upside down, turned
/// by `rotate` — as `PDFDoc::displayPage` does. Poppler before 25.x returns
/// a raw pointer and takes a `printing` flag; later releases neither (the
/// overload that compiles is chosen).
template <typename PageType>
auto contentGfx(PageType *page, OutputDev *device, int rotate, int)
    -> decltype(std::unique_ptr<Gfx>(page->createGfx(device, 72.0, 72.0, rotate, false, true, -1, -1, -1, -1, false, nullptr, nullptr)))
{
    return std::unique_ptr<Gfx>(page->createGfx(device, 72.0, 72.0, rotate, false, true, -1, -1, -1, -1, false, nullptr, nullptr));
}

template <typename PageType>
auto contentGfx(PageType *page, OutputDev *device, int rotate, long)
    -> decltype(std::unique_ptr<Gfx>(page->createGfx(device, 72.0, 72.0, rotate, false, true, -1, -1, -1, -1, nullptr, nullptr)))
{
    return std::unique_ptr<Gfx>(page->createGfx(device, 72.0, 72.0, rotate, false, true, -1, -1, -1, -1, nullptr, nullptr));
}

/// Draws `page`'s content stream on `device` as `PDFDoc::displayPage` does,
/// but without its annotations: `displayPage` loads every annotation of the
/// page (and the page keeps them) even when it draws none — on a manual of
/// 2,415 pages full of links, most of the memory and a good part of the
/// time. The Gfx ends the page on the device when it goes.
void drawContents(Page *page, OutputDev *device, int rotate)
{
    if (!page || !page->isOk()) {
        return;
    }
    std::unique_ptr<Gfx> gfx = contentGfx(page, device, rotate, 0);
    if (gfx) {
        page->display(gfx.get());
    }
}

/// An object holding `stream`: a raw pointer up to Poppler 25.03, a
/// unique_ptr from 25.06 on. A template so that only the branch that fits
/// this Poppler is compiled.
template<typename S>
Object streamObject(std::unique_ptr<S> stream)
{
    if constexpr (std::is_constructible_v<Object, std::unique_ptr<S> &&>) {
        return Object(std::move(stream));
    } else {
        return Object(static_cast<Stream *>(stream.release()));
    }
}

/// The most bytes of decoded font files one document keeps (per worker).
constexpr size_t fontFileByteLimit = 16 * 1024 * 1024;

/// The cross-reference entry of object `num` when it is stored by itself
/// in the file (not in an object stream); nil otherwise (Poppler's
/// placeholder entry for a number it does not have included).
XRefEntry *storedEntry(XRef *xref, int num)
{
    if (num < 0 || num >= xref->getNumObjects()) {
        return nullptr;
    }
    XRefEntry *entry = xref->getEntry(num, false);
    return entry && entry->type == xrefEntryUncompressed ? entry : nullptr;
}

/// The entry of `ref` when it is stored by itself under `ref`'s generation
/// and Poppler holds no object of its own for it: the only entries whose
/// object `keepFontFiles` sets.
XRefEntry *plainEntry(XRef *xref, Ref ref)
{
    XRefEntry *entry = storedEntry(xref, ref.num);
    return entry && entry->gen == ref.gen && entry->obj.isNull() ? entry : nullptr;
}

/// Hands object `num` back to Poppler, which then reads it from the file
/// at each use, and keeps it from being kept again.
void release(PDFAnchorCoreDocument *document, int num)
{
    document->neverKept.insert(num);
    if (document->fontFilesKept.count(num) == 0) {
        return;
    }
    if (XRefEntry *entry = storedEntry(document->doc->getXRef(), num)) {
        entry->obj.setToNull();
    }
}

/// Notes that the stream `reference` is drawn as a page's content: it is
/// never kept as a font file, and one kept before is released. A kept
/// stream is one object shared by every use, so a font made while that
/// very stream is being drawn would move the drawing's place in it.
void markDrawn(PDFAnchorCoreDocument *document, const Object &reference)
{
    if (reference.isRef()) {
        release(document, reference.getRef().num);
    }
}

/// The bytes a Type 1 font file says it holds decoded (its /Length1,
/// /Length2 and /Length3), or 0 when it says nothing.
size_t declaredType1Length(Dict *dict)
{
    size_t total = 0;
    for (const char *key : { "Length1", "Length2", "Length3" }) {
        Object length = dict->lookup(key);
        if (length.isInt() && length.getInt() > 0) {
            total += static_cast<size_t>(length.getInt());
        }
    }
    return total;
}

/// The decoded bytes of `stream`, read as `Stream::toUnsignedChars` reads
/// them (4,096 bytes at a time, ending at a short read or the end), or
/// nil as soon as they would be more than `limit` bytes.
std::unique_ptr<std::vector<unsigned char>> decodedUpTo(Stream *stream, size_t limit)
{
    auto bytes = std::make_unique<std::vector<unsigned char>>();
    if (!rewindStream(stream)) {
        return bytes;
    }
    constexpr int chunk = 4096;
    while (true) {
        const size_t length = bytes->size();
        bytes->resize(length + chunk);
        const int read = stream->doGetChars(chunk, bytes->data() + length);
        bytes->resize(length + static_cast<size_t>(std::max(read, 0)));
        if (bytes->size() > limit) {
            return nullptr;
        }
        if (read != chunk || stream->lookChar() == EOF) {
            return bytes;
        }
    }
}

/// Decodes, once per document, the embedded Type 1 and CFF font files of
/// the fonts in a page's `resources` seen on an earlier page, and hands
/// each to Poppler as a memory stream of its decoded bytes, the stream's
/// dictionary unchanged: the object of its cross-reference entry, which
/// `XRef::fetch` returns before reading the file. Poppler makes a page's
/// fonts afresh for every page it draws, and a simple font with an
/// embedded Type 1 or CFF file has its whole file decoded to read the
/// encoding built into it (`GfxFont::readEmbFontFile`): on a TeX manual, a
/// handful of files inflated again on every page, about half the time
/// spent reading its text. Poppler then reads the same bytes from memory, so the fonts, and
/// the text, are exactly as before.
///
/// The entry is not marked as updated (`XRef::setModifiedObject` would):
/// Poppler refuses to rebuild a damaged cross-reference table that has
/// updates, and a rebuild drops these objects, so the files are then read
/// as before. Only entries of objects stored by themselves, under the
/// generation asked for, are set (`plainEntry`); a page's content streams,
/// and files asked for under two generations, are left alone (`release`).
/// Only what Poppler fetches to make the page's fonts is fetched (form
/// XObjects are not looked into: fetching an object Poppler would not may
/// make it rebuild a damaged table). The document is never saved (writes
/// go through poppler-glib's own documents).
///
/// The limit, found by hostile reviews: a kept stream is one object shared
/// by every use, so a file that also uses a font file's stream as the
/// content of a form or soft mask, or names it under a stale generation
/// outside a font, would be read otherwise (text lost or added on that
/// page). No producer writes such a file; fonts in forms are not kept.
void keepFontFiles(PDFAnchorCoreDocument *document, Dict *resources)
{
    if (!resources || document->fontFileByteCount >= fontFileByteLimit) {
        return;
    }
    XRef *xref = document->doc->getXRef();
    Object fonts = resources->lookup("Font");
    for (int i = 0; fonts.isDict() && i < fonts.dictGetLength(); ++i) {
        Object font = fonts.dictGetVal(i);
        if (!font.isDict() || font.dictLookup("Subtype").isName("Type0")) {
            continue;
        }
        Object descriptor = font.dictLookup("FontDescriptor");
        if (!descriptor.isDict()) {
            continue;
        }
        for (const char *key : { "FontFile", "FontFile3" }) {
            const Object &reference = descriptor.dictLookupNF(key);
            if (!reference.isRef()) {
                continue;
            }
            const Ref ref = reference.getRef();
            // Poppler returns a kept object whatever generation is asked
            // for: one asked for under another is released.
            if (const auto kept = document->fontFilesKept.find(ref.num); kept != document->fontFilesKept.end() && kept->second != ref.gen) {
                release(document, ref.num);
            }
            // The first page a file is seen on reads it as Poppler does: a
            // font drawn on one page only is not worth its memory.
            if (document->neverKept.count(ref.num) != 0 || document->fontFilesSeen.insert(ref.num).second
                || !document->fontFilesKept.emplace(ref.num, ref.gen).second) {
                continue;
            }
            Object file = reference.fetch(xref);
            if (!file.isStream() || (std::strcmp(key, "FontFile3") == 0 && !file.getStream()->getDict()->lookup("Subtype").isName("Type1C"))) {
                continue;
            }
            const size_t room = fontFileByteLimit - document->fontFileByteCount;
            if (std::strcmp(key, "FontFile") == 0 && declaredType1Length(file.getStream()->getDict()) > room) {
                continue;
            }
            std::unique_ptr<std::vector<unsigned char>> bytes = decodedUpTo(file.getStream(), room);
            file.getStream()->close();
            if (!bytes) {
                // No more: what is left would not hold it.
                document->fontFileByteCount = fontFileByteLimit;
                return;
            }
            // Looked up after decoding: a damaged file may have had its
            // cross-reference table rebuilt meanwhile.
            XRefEntry *entry = plainEntry(xref, ref);
            if (bytes->empty() || !entry) {
                continue;
            }
            const auto *start = reinterpret_cast<const char *>(bytes->data());
            const auto length = static_cast<Goffset>(bytes->size());
            entry->obj = streamObject(std::make_unique<MemStream>(start, 0, length, file.getStream()->getDictObject()->copy()));
            document->fontFileByteCount += bytes->size();
            document->fontFileBytes.push_back(std::move(bytes));
        }
    }
}

/// Prepares `page` for drawing: its content streams are noted as drawn
/// (`markDrawn`) and the font files of its resources kept (`keepFontFiles`).
void prepareFonts(PDFAnchorCoreDocument *document, Page *page)
{
    Object pageObject = document->doc->getXRef()->fetch(page->getRef());
    if (pageObject.isDict()) {
        // A stream, or an array of streams (the array itself may be
        // stored apart, as Poppler finds it when it draws the page).
        const Object &contents = pageObject.dictLookupNF("Contents");
        markDrawn(document, contents);
        Object streams = contents.isRef() ? contents.fetch(document->doc->getXRef()) : contents.copy();
        if (streams.isArray()) {
            for (int i = 0; i < streams.getArray()->getLength(); ++i) {
                markDrawn(document, streams.getArray()->getNF(i));
            }
        }
    }
    keepFontFiles(document, page->getResourceDict());
}

/// The words of a page in content-stream order (see
/// `pdfanchor_core_page_words`), TeX's glyph names mapped as PDF.js maps
/// them when `pdfjsNames`.
bool pageWords(PDFAnchorCoreDocument *document, int32_t index, bool pdfjsNames, PDFAnchorCoreWords *words)
{
    if (!clearedForPage(document, index, words)) {
        return false;
    }
    try {
        // No output file, no physical layout, no fixed pitch, raw (content
        // stream) order: the words as drawn, without block or column analysis.
        ContentOrderTextOutputDev device(pdfjsNames);
        if (!device.isOk()) {
            return false;
        }
        // 72 dpi (so device units are points), no extra rotation, crop box,
        // upside down (top-left origin): the space poppler-glib's text
        // layout uses too. Without the annotations' appearances: the text a
        // FreeText or a form field draws is not the page's (PDF.js's text
        // layer, where notes anchor, leaves it out too).
        // PDF.js reads text in the page's own space, before /Rotate: for its
        // model the page is turned back upright, so that Poppler measures
        // glyphs and gaps as it does for an upright page (on a turned page
        // it leaves character spacing out of a glyph's box, and the gap it
        // leaves can pass for a space).
        Page *page = document->doc->getPage(index + 1);
        if (page) {
            prepareFonts(document, page);
        }
        const int turnBack = pdfjsNames && page ? (360 - page->getRotate() % 360) % 360 : 0;
        drawContents(page, &device, turnBack);
        std::unique_ptr<TextWordList> list = device.makeWordList();
        const std::vector<const TextWord *> drawn = wordsOf(list.get());
        if (drawn.size() > INT32_MAX / 2) {
            return false;
        }
        const int wordCount = static_cast<int>(drawn.size());
        size_t characterCount = 0;
        for (int k = 0; k < wordCount; ++k) {
            characterCount += static_cast<size_t>(drawn[static_cast<size_t>(k)]->getLength());
        }
        if (characterCount > INT32_MAX / 2) {
            return false;
        }
        words->characters = allocate<uint32_t>(characterCount);
        words->boxes = allocate<PDFAnchorCoreBox>(characterCount);
        words->wordStarts = allocate<int32_t>(static_cast<size_t>(wordCount) + 1);
        words->fontSizes = allocate<double>(static_cast<size_t>(wordCount));
        words->baselines = allocate<double>(static_cast<size_t>(wordCount));
        words->rotations = allocate<int32_t>(static_cast<size_t>(wordCount));
        if (pdfjsNames) {
            words->pdfjsFlags = allocate<uint8_t>(characterCount);
        }
        if (!words->characters || !words->boxes || !words->wordStarts || !words->fontSizes || !words->baselines || !words->rotations
            || (pdfjsNames && !words->pdfjsFlags)) {
            pdfanchor_core_words_free(words);
            return false;
        }
        int32_t next = 0;
        for (int k = 0; k < wordCount; ++k) {
            const TextWord *word = drawn[static_cast<size_t>(k)];
            words->wordStarts[k] = next;
            words->fontSizes[k] = word->getFontSize();
            words->baselines[k] = word->getBaseline();
            words->rotations[k] = word->getRotation();
            for (int i = 0; i < word->getLength(); ++i) {
                words->characters[next] = *word->getChar(i);
                PDFAnchorCoreBox &box = words->boxes[next];
                word->getCharBBox(i, &box.minX, &box.minY, &box.maxX, &box.maxY);
                if (words->pdfjsFlags) {
                    // A glyph's box starts at its origin along the line (Poppler's edge).
                    words->pdfjsFlags[next] = word->getRotation() == 0 ? device.flagsAt(box.minX, word->getBaseline()) : 0;
                }
                ++next;
            }
        }
        words->wordStarts[wordCount] = next;
        words->characterCount = next;
        words->wordCount = wordCount;
        return true;
    } catch (...) {
        pdfanchor_core_words_free(words);
        return false;
    }
}

} // namespace

extern "C" bool pdfanchor_core_page_words(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCoreWords *words)
{
    return pageWords(document, index, false, words);
}

extern "C" bool pdfanchor_core_page_words_pdfjs(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCoreWords *words)
{
    return pageWords(document, index, true, words);
}

namespace {

/// Counts the bytes inside the string operands of one content stream,
/// plus one for every wide gap between two strings of a TJ array (a number
/// below -150 thousandths of an em: how TeX and others set the space between
/// words, which PDF.js reads as a space). Nesting parentheses and backslash
/// escapes follow the PDF syntax (ISO 32000-1, 7.3.4); a hex string's two
/// digits count as one byte.
int64_t stringBytes(Stream *stream)
{
    if (!stream) {
        return 0;
    }
    if (!rewindStream(stream)) {
        stream->close();
        return 0;
    }
    int64_t count = 0;
    int depth = 0;
    bool escaped = false;
    int hexDigits = 0;
    bool inHex = false;
    bool inComment = false;
    bool inArray = false;
    bool afterAngle = false;
    std::string number;
    auto endNumber = [&]() {
        if (inArray && !number.empty() && std::atof(number.c_str()) < -150) {
            ++count;
        }
        number.clear();
    };
    unsigned char buffer[16384];
    int got;
    while ((got = stream->doGetChars(static_cast<int>(sizeof buffer), buffer)) > 0) {
    for (int k = 0; k < got; ++k) {
        const int c = buffer[k];
        if (afterAngle) {
            afterAngle = false;
            if (c == '<') {
                inHex = false; // "<<": a dictionary, not a hex string
                continue;
            }
        }
        if (depth > 0) {
            if (escaped) {
                escaped = false;
                ++count;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '(') {
                ++depth;
                ++count;
            } else if (c == ')') {
                if (--depth > 0) {
                    ++count;
                }
            } else {
                ++count;
            }
        } else if (inHex) {
            if (c == '>') {
                inHex = false;
                count += (hexDigits + 1) / 2;
                hexDigits = 0;
            } else if (std::isxdigit(c)) {
                ++hexDigits;
            }
        } else if (inComment) {
            inComment = c != '\n' && c != '\r';
        } else if (inArray && ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '+')) {
            if (number.size() < 32) {
                number.push_back(static_cast<char>(c));
            }
        } else {
            endNumber();
            if (c == '%') {
                inComment = true;
            } else if (c == '(') {
                depth = 1;
            } else if (c == '[') {
                inArray = true;
            } else if (c == ']') {
                inArray = false;
            } else if (c == '<') {
                afterAngle = true;
                inHex = true;
            }
        }
    }
    }
    stream->close();
    return count;
}

} // namespace

extern "C" int64_t pdfanchor_core_page_text_bytes(PDFAnchorCoreDocument *document, int32_t index)
{
    if (!hasPage(document, index)) {
        return -1;
    }
    try {
        Page *page = document->doc->getPage(index + 1);
        if (!page) {
            return -1;
        }
        Object contents = page->getContents();
        if (contents.isStream()) {
            return stringBytes(contents.getStream());
        }
        int64_t total = 0;
        if (contents.isArray()) {
            for (int i = 0; i < contents.arrayGetLength(); ++i) {
                Object part = contents.arrayGet(i);
                if (part.isStream()) {
                    total += stringBytes(part.getStream());
                }
            }
        }
        return total;
    } catch (...) {
        return -1;
    }
}

extern "C" uint32_t *pdfanchor_core_title(PDFAnchorCoreDocument *document, int32_t *length)
{
    if (length) {
        *length = 0;
    }
    if (!document || !length) {
        return nullptr;
    }
    try {
        std::unique_ptr<GooString> title = document->doc->getDocInfoStringEntry("Title");
        if (!title) {
            return nullptr;
        }
        return copied(codePoints(title->toStr()), length);
    } catch (...) {
        return nullptr;
    }
}

extern "C" bool pdfanchor_core_page_info(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCorePageInfo *info)
{
    if (!clearedForPage(document, index, info)) {
        return false;
    }
    try {
        Page *page = document->doc->getPage(index + 1);
        if (!page) {
            return false;
        }
#if POPPLER_CHECK_VERSION(26, 6, 0)
        const PDFRectangle *crop = &page->getCropBox();
#else
        const PDFRectangle *crop = page->getCropBox();
#endif
        info->cropX1 = crop->x1;
        info->cropY1 = crop->y1;
        info->cropX2 = crop->x2;
        info->cropY2 = crop->y2;
        info->rotation = ((page->getRotate() % 360) + 360) % 360;
#if POPPLER_CHECK_VERSION(26, 7, 0)
        std::string label;
        Catalog *catalog = document->doc->getCatalog();
        if (catalog && catalog->indexToLabel(index, &label)) {
            info->label = copied(codePoints(label), &info->labelLength);
        }
#else
        GooString label;
        Catalog *catalog = document->doc->getCatalog();
        if (catalog && catalog->indexToLabel(index, &label)) {
            info->label = copied(codePoints(label.toStr()), &info->labelLength);
        }
#endif
        return true;
    } catch (...) {
        pdfanchor_core_page_info_free(info);
        return false;
    }
}

extern "C" void pdfanchor_core_page_info_free(PDFAnchorCorePageInfo *info)
{
    if (!info) {
        return;
    }
    std::free(info->label);
    info->label = nullptr;
    info->labelLength = 0;
}

extern "C" void pdfanchor_core_words_free(PDFAnchorCoreWords *words)
{
    if (!words) {
        return;
    }
    std::free(words->characters);
    std::free(words->boxes);
    std::free(words->wordStarts);
    std::free(words->fontSizes);
    std::free(words->baselines);
    std::free(words->rotations);
    std::free(words->pdfjsFlags);
    std::memset(words, 0, sizeof(*words));
}

extern "C" PDFAnchorCoreAnnotation *pdfanchor_core_page_annotations(PDFAnchorCoreDocument *document, int32_t index, int32_t *count)
{
    if (count) {
        *count = 0;
    }
    if (!count || !hasPage(document, index)) {
        return nullptr;
    }
    try {
        Page *page = document->doc->getPage(index + 1);
        Annots *annots = page ? page->getAnnots() : nullptr;
        if (!annots || annots->getAnnots().empty()) {
            return nullptr;
        }
        // Annot * up to 25.05, std::shared_ptr<Annot> from 25.06.
        const auto &list = annots->getAnnots();
        const int total = static_cast<int>(list.size());
        auto *out = static_cast<PDFAnchorCoreAnnotation *>(std::calloc(static_cast<size_t>(total), sizeof(PDFAnchorCoreAnnotation)));
        if (!out) {
            return nullptr;
        }
        for (int i = 0; i < total; ++i) {
            const auto &annot = list[static_cast<size_t>(i)];
            if (!annot) {
                continue;
            }
            const Ref ref = annot->getRef();
            out[i].number = ref.num;
            out[i].generation = ref.gen;
#if POPPLER_CHECK_VERSION(26, 3, 0)
            const GooString *name = annot->getUniqueName();
#else
            const GooString *name = annot->getName();
#endif
            if (name) {
                std::string utf8;
                if (hasByteOrderMark(name->toStr())) {
                    for (const Unicode unicode : codePoints(name->toStr())) {
                        char buffer[8];
                        const int n = mapUTF8(unicode, buffer, sizeof buffer);
                        utf8.append(buffer, static_cast<size_t>(n));
                    }
                } else {
                    utf8 = name->toStr();
                }
                out[i].name = static_cast<char *>(std::malloc(utf8.size() + 1));
                if (out[i].name) {
                    std::memcpy(out[i].name, utf8.c_str(), utf8.size() + 1);
                }
            }
        }
        *count = total;
        return out;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void pdfanchor_core_annotations_free(PDFAnchorCoreAnnotation *annotations, int32_t count)
{
    if (!annotations) {
        return;
    }
    for (int32_t i = 0; i < count; ++i) {
        std::free(annotations[i].name);
    }
    std::free(annotations);
}

namespace {

/// The bytes of a string object: a GooString up to 26.03, a std::string
/// from 26.05 on.
const std::string &bytesOf(const Object &string)
{
#if POPPLER_CHECK_VERSION(26, 5, 0)
    return string.getString();
#else
    return string.getString()->toStr();
#endif
}

/// A NUL-terminated copy of `text` the caller frees with `free`.
char *copiedName(const char *text)
{
    const size_t size = std::strlen(text) + 1;
    auto *out = static_cast<char *>(std::malloc(size));
    if (out) {
        std::memcpy(out, text, size);
    }
    return out;
}

/// Reads the string entry `key` of `dict` into `*out`, its first
/// `maxBytes` bytes copied.
void readString(Dict *dict, const char *key, int32_t maxBytes, PDFAnchorCoreString *out)
{
    Object value = dict->lookup(key);
    if (value.isNull()) {
        return;
    }
    if (!value.isString()) {
        out->state = PDFANCHOR_CORE_ENTRY_WRONG_TYPE;
        return;
    }
    out->state = PDFANCHOR_CORE_ENTRY_PRESENT;
    const std::string &bytes = bytesOf(value);
    out->fullLength = static_cast<int64_t>(bytes.size());
    const size_t kept = std::min(bytes.size(), static_cast<size_t>(std::max(maxBytes, 0)));
    if (kept == 0) {
        return;
    }
    out->bytes = static_cast<uint8_t *>(std::malloc(kept));
    if (out->bytes) {
        std::memcpy(out->bytes, bytes.data(), kept);
        out->length = static_cast<int32_t>(kept);
    }
}

/// Reads the array entry `key` of `dict` into `*out`: its first `maxNumbers`
/// elements, each resolved, NaN where one is not a number.
void readNumbers(Dict *dict, const char *key, int32_t maxNumbers, PDFAnchorCoreNumbers *out)
{
    Object value = dict->lookup(key);
    if (value.isNull()) {
        return;
    }
    if (!value.isArray()) {
        out->state = PDFANCHOR_CORE_ENTRY_WRONG_TYPE;
        return;
    }
    out->state = PDFANCHOR_CORE_ENTRY_PRESENT;
    Array *array = value.getArray();
    const int length = array->getLength();
    out->fullCount = length;
    const int kept = std::min(length, std::max(maxNumbers, 0));
    if (kept <= 0) {
        return;
    }
    out->values = allocate<double>(static_cast<size_t>(kept));
    if (!out->values) {
        return;
    }
    for (int i = 0; i < kept; ++i) {
        Object element = array->get(i);
        out->values[i] = element.isNum() ? element.getNum() : std::nan("");
    }
    out->count = kept;
}

/// Frees what one entry holds (not the entry itself).
void freeEntry(PDFAnchorCoreAnnotationEntry *entry)
{
    std::free(entry->subtype);
    std::free(entry->replyType);
    for (PDFAnchorCoreNumbers *numbers : { &entry->rect, &entry->quadPoints, &entry->color }) {
        std::free(numbers->values);
    }
    for (PDFAnchorCoreString *string : { &entry->contents, &entry->author, &entry->subject, &entry->name, &entry->created, &entry->modified }) {
        std::free(string->bytes);
    }
    std::memset(entry, 0, sizeof(*entry));
}

/// Reads one `/Annots` entry (`reference`, as the array holds it) into
/// `*entry`; only this entry's object is fetched, and `/IRT` is not followed.
void readEntry(XRef *xref, const Object &reference, int32_t maxStringBytes, int32_t maxNumbers, PDFAnchorCoreAnnotationEntry *entry)
{
    if (reference.isRef()) {
        entry->indirect = true;
        entry->number = reference.getRefNum();
        entry->generation = reference.getRefGen();
    }
    Object object = reference.fetch(xref);
    if (!object.isDict()) {
        entry->status = PDFANCHOR_CORE_ANNOTATION_NOT_A_DICTIONARY;
        return;
    }
    Dict *dict = object.getDict();
    Object subtype = dict->lookup("Subtype");
    if (!subtype.isName()) {
        entry->status = PDFANCHOR_CORE_ANNOTATION_NO_SUBTYPE;
        return;
    }
    entry->status = PDFANCHOR_CORE_ANNOTATION_OK;
    entry->subtype = copiedName(subtype.getName());
    readNumbers(dict, "Rect", maxNumbers, &entry->rect);
    readNumbers(dict, "QuadPoints", maxNumbers, &entry->quadPoints);
    readNumbers(dict, "C", maxNumbers, &entry->color);
    readString(dict, "Contents", maxStringBytes, &entry->contents);
    readString(dict, "T", maxStringBytes, &entry->author);
    readString(dict, "Subj", maxStringBytes, &entry->subject);
    readString(dict, "NM", maxStringBytes, &entry->name);
    readString(dict, "CreationDate", maxStringBytes, &entry->created);
    readString(dict, "M", maxStringBytes, &entry->modified);
    Object opacity = dict->lookup("CA");
    if (opacity.isNum()) {
        entry->opacityState = PDFANCHOR_CORE_ENTRY_PRESENT;
        entry->opacity = opacity.getNum();
    } else if (!opacity.isNull()) {
        entry->opacityState = PDFANCHOR_CORE_ENTRY_WRONG_TYPE;
    }
    const Object &inReplyTo = dict->lookupNF("IRT");
    if (inReplyTo.isRef()) {
        entry->inReplyToState = PDFANCHOR_CORE_ENTRY_PRESENT;
        entry->inReplyToNumber = inReplyTo.getRefNum();
        entry->inReplyToGeneration = inReplyTo.getRefGen();
    } else if (!inReplyTo.isNull()) {
        entry->inReplyToState = PDFANCHOR_CORE_ENTRY_WRONG_TYPE;
    }
    Object replyType = dict->lookup("RT");
    if (replyType.isName()) {
        entry->replyTypeState = PDFANCHOR_CORE_ENTRY_PRESENT;
        entry->replyType = copiedName(replyType.getName());
    } else if (!replyType.isNull()) {
        entry->replyTypeState = PDFANCHOR_CORE_ENTRY_WRONG_TYPE;
    }
}

} // namespace

extern "C" bool pdfanchor_core_page_annotation_entries(PDFAnchorCoreDocument *document, int32_t index, int32_t maxEntries, int32_t maxStringBytes,
                                                       int32_t maxNumbers, PDFAnchorCoreAnnotationEntries *entries)
{
    if (!clearedForPage(document, index, entries)) {
        return false;
    }
    try {
        Page *page = document->doc->getPage(index + 1);
        if (!page) {
            return false;
        }
        XRef *xref = document->doc->getXRef();
        // The array, fetched when /Annots is a reference; null when the page
        // has none (or Poppler found it of the wrong type).
        Object annots = page->getAnnotsObject();
        if (!annots.isArray()) {
            return true;
        }
        Array *array = annots.getArray();
        const int total = array->getLength();
        entries->total = total;
        const int wanted = std::min(total, std::max(maxEntries, 0));
        if (wanted <= 0) {
            return true;
        }
        entries->entries = static_cast<PDFAnchorCoreAnnotationEntry *>(std::calloc(static_cast<size_t>(wanted), sizeof(PDFAnchorCoreAnnotationEntry)));
        if (!entries->entries) {
            entries->total = 0;
            return false;
        }
        for (int i = 0; i < wanted; ++i) {
            // Counted as it is read, so that a throw frees what was made.
            entries->count = i + 1;
            readEntry(xref, array->getNF(i), maxStringBytes, maxNumbers, &entries->entries[i]);
        }
        return true;
    } catch (...) {
        pdfanchor_core_annotation_entries_free(entries);
        return false;
    }
}

extern "C" void pdfanchor_core_annotation_entries_free(PDFAnchorCoreAnnotationEntries *entries)
{
    if (!entries) {
        return;
    }
    for (int32_t i = 0; i < entries->count && entries->entries; ++i) {
        freeEntry(&entries->entries[i]);
    }
    std::free(entries->entries);
    std::memset(entries, 0, sizeof(*entries));
}

#endif // PDFANCHOR_POPPLER_SUPPORTED
