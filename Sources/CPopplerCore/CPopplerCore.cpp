// Words in content-stream order from Poppler's core C++ API. See
// include/CPopplerCore.h for the interface; nothing here decides how the
// words become text (spaces, line breaks): PDFCore does that in Swift.

#include "CPopplerCore.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include <poppler-config.h>
#include <ErrorCodes.h>
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
#include <UnicodeMapFuncs.h>
#include <UTF.h>
#include <goo/gmem.h>

// The core API changes between Poppler releases without notice: this file
// is written against Debian 12's Poppler 22.12 (libpoppler-private-dev).
// Building against another version fails here rather than misbehaving.
#if !defined(POPPLER_VERSION)
#    error "PDFAnchor: Poppler's poppler-config.h defines no POPPLER_VERSION; install libpoppler-private-dev 22.12"
#endif
namespace {
constexpr bool startsWith(const char *text, const char *prefix)
{
    return *prefix == '\0' || (*text == *prefix && startsWith(text + 1, prefix + 1));
}
} // namespace
static_assert(startsWith(POPPLER_VERSION, "22.12"),
              "PDFAnchor needs Poppler 22.12's core API (libpoppler-private-dev 22.12); another version is installed");

struct PDFAnchorCoreDocument {
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

/// A TextOutputDev in content-stream order that also maps the glyph names
/// above, in simple fonts, where Poppler found no character for them.
class ContentOrderTextOutputDev : public TextOutputDev
{
public:
    ContentOrderTextOutputDev() : TextOutputDev(nullptr, false, 0, true, false) { }

    void drawChar(GfxState *state, double x, double y, double dx, double dy, double originX, double originY, CharCode code, int nBytes, const Unicode *u, int uLen) override
    {
        Unicode mapped;
        // Poppler falls back to the character code when it cannot map a
        // glyph name (and the font's ToUnicode map, if any, lacks the code).
        if (uLen == 1 && u[0] == code && lookUp(state, code, &mapped)) {
            TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, nBytes, &mapped, 1);
            return;
        }
        TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, nBytes, u, uLen);
    }

private:
    static bool lookUp(GfxState *state, CharCode code, Unicode *unicode)
    {
        const std::shared_ptr<GfxFont> &font = state->getFont();
        if (!font || font->isCIDFont() || code > 0xff) {
            return false;
        }
        char **encoding = static_cast<Gfx8BitFont *>(font.get())->getEncoding();
        const char *name = encoding ? encoding[code] : nullptr;
        if (!name) {
            return false;
        }
        for (const GlyphName &entry : missingGlyphNames) {
            if (std::strcmp(entry.name, name) == 0) {
                *unicode = entry.unicode;
                return true;
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

extern "C" bool pdfanchor_core_page_words(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCoreWords *words)
{
    if (!words) {
        return false;
    }
    std::memset(words, 0, sizeof(*words));
    if (!document || index < 0 || index >= document->doc->getNumPages()) {
        return false;
    }
    try {
        // No output file, no physical layout, no fixed pitch, raw (content
        // stream) order: the words as drawn, without block or column analysis.
        ContentOrderTextOutputDev device;
        if (!device.isOk()) {
            return false;
        }
        // 72 dpi (so device units are points), no extra rotation, crop box,
        // upside down (top-left origin): the space poppler-glib's text
        // layout uses too.
        document->doc->displayPage(&device, index + 1, 72, 72, 0, false, true, false);
        std::unique_ptr<TextWordList> list = device.makeWordList();
        const int wordCount = list ? list->getLength() : 0;
        size_t characterCount = 0;
        for (int k = 0; k < wordCount; ++k) {
            characterCount += static_cast<size_t>(list->get(k)->getLength());
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
        if (!words->characters || !words->boxes || !words->wordStarts || !words->fontSizes || !words->baselines || !words->rotations) {
            pdfanchor_core_words_free(words);
            return false;
        }
        int32_t next = 0;
        for (int k = 0; k < wordCount; ++k) {
            const TextWord *word = list->get(k);
            words->wordStarts[k] = next;
            words->fontSizes[k] = word->getFontSize();
            words->baselines[k] = word->getBaseline();
            words->rotations[k] = word->getRotation();
            for (int i = 0; i < word->getLength(); ++i) {
                words->characters[next] = *word->getChar(i);
                PDFAnchorCoreBox &box = words->boxes[next];
                word->getCharBBox(i, &box.minX, &box.minY, &box.maxX, &box.maxY);
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
    stream->reset();
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
    if (!document || index < 0 || index >= document->doc->getNumPages()) {
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
        Unicode *ucs4 = nullptr;
        const int count = TextStringToUCS4(title->toStr(), &ucs4);
        uint32_t *out = nullptr;
        if (ucs4 && count > 0) {
            out = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * static_cast<size_t>(count)));
            if (out) {
                for (int i = 0; i < count; ++i) {
                    out[i] = ucs4[i];
                }
                *length = count;
            }
        }
        gfree(ucs4);
        return out;
    } catch (...) {
        return nullptr;
    }
}

extern "C" bool pdfanchor_core_page_info(PDFAnchorCoreDocument *document, int32_t index, PDFAnchorCorePageInfo *info)
{
    if (!info) {
        return false;
    }
    std::memset(info, 0, sizeof(*info));
    if (!document || index < 0 || index >= document->doc->getNumPages()) {
        return false;
    }
    try {
        Page *page = document->doc->getPage(index + 1);
        if (!page) {
            return false;
        }
        const PDFRectangle *crop = page->getCropBox();
        info->cropX1 = crop->x1;
        info->cropY1 = crop->y1;
        info->cropX2 = crop->x2;
        info->cropY2 = crop->y2;
        info->rotation = ((page->getRotate() % 360) + 360) % 360;
        GooString label;
        Catalog *catalog = document->doc->getCatalog();
        if (catalog && catalog->indexToLabel(index, &label)) {
            Unicode *ucs4 = nullptr;
            const int length = TextStringToUCS4(label.toStr(), &ucs4);
            if (ucs4 && length > 0) {
                info->label = static_cast<uint32_t *>(std::malloc(sizeof(uint32_t) * static_cast<size_t>(length)));
                if (info->label) {
                    for (int i = 0; i < length; ++i) {
                        info->label[i] = ucs4[i];
                    }
                    info->labelLength = length;
                }
            }
            gfree(ucs4);
        }
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
    std::memset(words, 0, sizeof(*words));
}

extern "C" PDFAnchorCoreAnnotation *pdfanchor_core_page_annotations(PDFAnchorCoreDocument *document, int32_t index, int32_t *count)
{
    if (count) {
        *count = 0;
    }
    if (!document || !count || index < 0 || index >= document->doc->getNumPages()) {
        return nullptr;
    }
    try {
        Page *page = document->doc->getPage(index + 1);
        Annots *annots = page ? page->getAnnots() : nullptr;
        if (!annots || annots->getAnnots().empty()) {
            return nullptr;
        }
        const std::vector<Annot *> &list = annots->getAnnots();
        const int total = static_cast<int>(list.size());
        auto *out = static_cast<PDFAnchorCoreAnnotation *>(std::calloc(static_cast<size_t>(total), sizeof(PDFAnchorCoreAnnotation)));
        if (!out) {
            return nullptr;
        }
        for (int i = 0; i < total; ++i) {
            Annot *annot = list[static_cast<size_t>(i)];
            if (!annot) {
                continue;
            }
            const Ref ref = annot->getRef();
            out[i].number = ref.num;
            out[i].generation = ref.gen;
            if (const GooString *name = annot->getName()) {
                std::string utf8;
                if (name->hasUnicodeMarker() || name->hasUnicodeMarkerLE()) {
                    Unicode *ucs4 = nullptr;
                    const int length = TextStringToUCS4(name->toStr(), &ucs4);
                    for (int k = 0; k < length; ++k) {
                        char buffer[8];
                        const int n = mapUTF8(ucs4[k], buffer, sizeof buffer);
                        utf8.append(buffer, static_cast<size_t>(n));
                    }
                    gfree(ucs4);
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
