#!/usr/bin/env python3
"""Regenerates the annotated-PDF fixtures under Tests/Fixtures/annotated/.

    python3 Scripts/samples/annotated.py          (from the repository root)
    Scripts/samples/record-pdfannots              (then: pdfannots' reading of each)

Needs pdflatex (texlive-latex-base/-recommended), PyMuPDF 1.26, pypdf, a C
compiler with poppler-glib's headers (libpoppler-glib-dev, pkg-config), and
a built pdfanchor (.build/debug/pdfanchor, or $PDFANCHOR) for its export.

What it writes
  base.pdf            the unannotated pages, typeset from the LaTeX source
                      below (written to base.tex beside it): page 1 one
                      column with words hyphenated at line ends, page 2 two
                      columns, page 3 /Rotate 90 with a /CropBox whose origin
                      is (36 48)
  pymupdf.pdf         annotated with PyMuPDF's own calls
  poppler.pdf         annotated through poppler-glib (poppler-annotate.c)
  pdfanchor-export.pdf  pdfanchor export-pdf of a trimmed copy of
                      SamplePDFs/notes/estuary-flocculation.md (its PDF is the
                      sample paper, not base.pdf)
  acrobat.pdf, preview.pdf, skim.pdf, okular.pdf, quirks.pdf, hostile.pdf
                      base.pdf plus one incremental update whose annotation
                      dictionaries are written here byte by byte, in the
                      style of each program
  expected.json       every annotation placed: what was asked for, never what
                      a reader made of it (see README.md)

Deterministic: pdflatex runs with SOURCE_DATE_EPOCH and a fixed trailer id,
every date, /NM and /ID is fixed here, and the dates PyMuPDF and Poppler
stamp are replaced by fixed ones. Running it twice gives the same bytes.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid

import logging

import fitz  # PyMuPDF
import pypdf

logging.getLogger("pypdf").setLevel(logging.ERROR)  # the sample paper's fonts repeat /ToUnicode

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "annotated")
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
UUID_NAMESPACE = uuid.UUID("6b0e6f1c-5d1a-4a8e-9a57-3c1f0d2a7e11")

# ---------------------------------------------------------------------------
# The base document. Every phrase an annotation marks occurs exactly once in
# the text of its page (checked below), so a search finds only it.

PAGE1 = [
    "Fine sediment in estuaries rarely settles as single grains. Clay particles collide in the "
    "turbulent water column and stick together, forming loose aggregates called flocs. The settling "
    "velocity of a floc depends on its size, its density and the shear that created it.",
    "Resuspension events interrupted this simple picture. Thermohaline stratification suppressed "
    "vertical mixing near the halocline, so that flocculation continued undisturbed above the "
    "pycnocline while disaggregation dominated in the bottom boundary layer. Electroacoustic "
    "measurements confirmed that counterintuitive behaviour of the concentrations downstream. "
    "Morphodynamic models that ignore these interactions overestimate the deposition in the "
    "navigation channel by a factor of two.",
    "Every comment in these fixtures is invented for the tests. Each marked phrase occurs exactly "
    "once on its page, so that a reader can be checked word for word against what the generator "
    "asked to mark. Hydrographers nevertheless recommend redundant instrumentation whenever "
    "biofouling threatens the optical backscatter sensors.",
]
PAGE2 = [
    "Tidal asymmetry controls the net transport of mud in shallow estuaries. When the flood is "
    "shorter and stronger than the ebb, fine sediment is pumped landward and the turbidity maximum "
    "grows. Dredging deepens the channel, reduces friction and strengthens this asymmetry, so that "
    "a modest intervention can change the sediment budget of the whole system.",
    "Our moorings were placed at five stations along the thalweg. Each carried a current profiler, "
    "a conductivity sensor and two turbidity meters calibrated against water samples filtered on "
    "board. Interpolating between the stations gives the longitudinal distribution of suspended "
    "sediment at every phase of the tide.",
    "The measurements show a persistent landward flux during spring tides and a weak seaward flux "
    "during neap tides. Averaged over the lunar month, the estuary imports about forty thousand "
    "tonnes of mud. Seasonal river floods flush part of this stock back to the sea, but only when "
    "the discharge exceeds its long-term mean by a wide margin. During the survey, the turbidity "
    "maximum migrated upstream during neap tides.",
]
PAGE3 = [
    "This page is stored upright but displayed turned by a quarter turn, and its crop box does not "
    "start at the origin of the media box. Highlights on it must still cover the words they name.",
    "The harbour master supplied the tide tables for the whole campaign. Salinity intrusion reached "
    "twelve kilometres inland during the driest month of the year.",
]
PAGES = [PAGE1, PAGE2, PAGE3]
ROTATED_CROPBOX = [36, 48, 576, 756]

TEX = r"""\documentclass[11pt]{article}
%% Written by Scripts/samples/annotated.py -- edit that, not this.
\pdfobjcompresslevel=0
\pdfcompresslevel=9
\pdftrailerid{PDFAnchor annotated fixture}
\pdfinfoomitdate=1
\usepackage[letterpaper,textwidth=11cm,top=3cm,bottom=3cm]{geometry}
\usepackage{multicol}
\input{glyphtounicode}
\pdfgentounicode=1
\pagestyle{plain}
\begin{document}
\section*{Flocculation in a stratified estuary}
%(page1)s
\newpage
\section*{Two columns}
\begin{multicols}{2}
%(page2)s
\end{multicols}
\clearpage
\pdfpageattr{/Rotate 90 /CropBox [%(cropbox)s]}
\section*{Appendix: a turned page}
%(page3)s
\end{document}
"""


def tex_source():
    pars = ["\n\n".join(p) for p in PAGES]
    return TEX % {"page1": pars[0], "page2": pars[1], "page3": pars[2],
                  "cropbox": " ".join(str(v) for v in ROTATED_CROPBOX)}


def build_base(work):
    with open(os.path.join(OUT, "base.tex"), "w", encoding="utf-8") as f:
        f.write(tex_source())
    shutil.copy(os.path.join(OUT, "base.tex"), os.path.join(work, "base.tex"))
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, FORCE_SOURCE_DATE="1")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "base.tex"],
                         cwd=work, env=env, capture_output=True, text=True, errors="replace")
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-3000:])
        raise SystemExit("pdflatex failed")
    base = os.path.join(work, "base.pdf")
    shutil.copy(base, os.path.join(OUT, "base.pdf"))
    return base


# ---------------------------------------------------------------------------
# Where a phrase is: one box per line, in PDF user space (y upwards, page's
# own coordinates, before /Rotate). Found with MuPDF on an unrotated, uncropped
# copy of the page, so no rotation or crop offset enters the arithmetic.

class Locator:
    def __init__(self, base):
        self.doc = fitz.open(base)
        for page in self.doc:
            page.set_rotation(0)
            page.set_cropbox(page.mediabox)

    def line_ends(self, page_number):
        """The last character of each text line: (char, bbox)."""
        page = self.doc[page_number - 1]
        ends = []
        for block in page.get_text("rawdict", flags=0)["blocks"]:
            for line in block.get("lines", []):
                chars = [c for span in line["spans"] for c in span["chars"] if c["c"].strip()]
                if chars:
                    ends.append((chars[-1]["c"], chars[-1]["bbox"]))
        return ends

    def boxes(self, page_number, phrase, *, hyphen=False):
        """hyphen: a line box that stops where the typesetter's hyphen begins
        is stretched over it, as a selection made by hand covers it (MuPDF's
        search leaves it out)."""
        page_text = " ".join(PAGES[page_number - 1])
        if page_text.count(phrase) != 1:
            raise SystemExit(f"phrase not unique on page {page_number}: {phrase!r}")
        page = self.doc[page_number - 1]
        height = page.mediabox.height
        hits = page.search_for(phrase)
        if not hits:
            raise SystemExit(f"not found on page {page_number}: {phrase!r}")
        lines = []  # merge the pieces of each line (MuPDF splits at ligatures)
        for r in hits:
            for line in lines:
                if abs(line[1] - r.y0) < 2 and abs(line[3] - r.y1) < 2:
                    line[0], line[2] = min(line[0], r.x0), max(line[2], r.x1)
                    break
            else:
                lines.append([r.x0, r.y0, r.x1, r.y1])
        lines.sort(key=lambda l: (l[1], l[0]))
        if hyphen:
            for line in lines:
                for c, (cx0, cy0, cx1, cy1) in self.line_ends(page_number):
                    if c == "-" and -1 <= cx0 - line[2] < 1.5 and cy0 < line[3] and cy1 > line[1]:
                        line[2] = cx1
        return [(round(x0, 3), round(height - y1, 3), round(x1, 3), round(height - y0, 3))
                for x0, y0, x1, y1 in lines]

    def hyphenated(self, page_number, words):
        """The words (from the page's source) that the typesetter broke with a hyphen."""
        page = self.doc[page_number - 1]
        text = page.get_text("text", flags=0)  # no dehyphenation
        found = []
        for w in words:
            for cut in range(2, len(w) - 1):
                if f"{w[:cut]}-\n{w[cut:]}" in text:
                    found.append(w)
        return found


def union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def quad(box, order):
    """A box as 8 numbers. order: 'acrobat' UL,UR,LL,LR (what Acrobat and most
    writers emit) or 'ccw' LL,LR,UR,UL (the spec's counter-clockwise order,
    which PDFKit documents)."""
    x0, y0, x1, y1 = box
    if order == "acrobat":
        pts = [x0, y1, x1, y1, x0, y0, x1, y0]
    elif order == "ccw":
        pts = [x0, y0, x1, y0, x1, y1, x0, y1]
    else:
        raise ValueError(order)
    return pts


def num(v):
    s = ("%.3f" % v).rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def arr(values):
    return "[" + " ".join(num(v) for v in values) + "]"


# ---------------------------------------------------------------------------
# PDF strings, written by hand

def lit(data: bytes) -> bytes:
    """A literal string holding these bytes (escaping only what must be)."""
    out = bytearray(b"(")
    for b in data:
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b == 0x0D:
            out += b"\\r"
        elif b == 0x0A:
            out += b"\\n"
        else:
            out.append(b)
    return bytes(out + b")")


def text_string(s: str) -> bytes:
    """ASCII as a literal string, anything else as UTF-16BE with BOM (hex)."""
    if all(32 <= ord(c) < 127 or c == "\n" for c in s):
        return lit(s.encode("ascii"))
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


def utf16_literal(s: str) -> bytes:
    """UTF-16BE with BOM as a literal string of raw bytes (as Okular/Poppler write)."""
    return lit(b"\xfe\xff" + s.encode("utf-16-be"))


# PDFDocEncoding (ISO 32000-1 Annex D) for the bytes used below; 0x93 and 0x94
# are the fi and fl ligatures there (in Windows-1252 they are quotation marks).
PDFDOC = {"\u2022": 0x80, "\u2014": 0x84, "\u201c": 0x8D, "\u201d": 0x8E, "\ufb01": 0x93,
          "\ufb02": 0x94, "\u20ac": 0xA0, "\u00e9": 0xE9, "\u00b0": 0xB0}


def pdfdoc_literal(s: str) -> bytes:
    data = bytes(PDFDOC[c] if c in PDFDOC else ord(c) for c in s)
    assert all(b < 128 or b in PDFDOC.values() for b in data)
    return lit(data)


def nm(label):
    return str(uuid.uuid5(UUID_NAMESPACE, label))


# ---------------------------------------------------------------------------
# Incremental updates written by hand

class Update:
    """Objects appended to base.pdf after its last byte, with their own xref
    section and a trailer whose /Prev is base.pdf's xref."""

    def __init__(self, base):
        with open(base, "rb") as f:
            self.base = f.read()
        reader = pypdf.PdfReader(base)
        self.page_refs = [p.indirect_reference.idnum for p in reader.pages]
        self.size = int(reader.trailer["/Size"])
        self.next = self.size
        self.objects = {}
        self.annots = {}  # page number -> list of raw array entries
        self.free = set()  # numbers written as free xref entries

    def alloc(self):
        self.next += 1
        return self.next - 1

    def page_ref(self, page_number):
        return f"{self.page_refs[page_number - 1]} 0 R".encode()

    def add(self, body: bytes, num=None):
        n = self.alloc() if num is None else num
        self.objects[n] = body
        return n

    def annotate(self, page_number, entry: bytes):
        self.annots.setdefault(page_number, []).append(entry)

    def page_body(self, page_number):
        n = self.page_refs[page_number - 1]
        m = re.search(rb"(?:^|\n)%d 0 obj\s*(<<.*?)\s*endobj" % n, self.base, re.S)
        body = m.group(1).rstrip()
        assert body.endswith(b">>") and b"/Annots" not in body
        return body[:-2].rstrip() + b"\n/Annots [" + b" ".join(self.annots[page_number]) + b"]\n>>"

    def write(self, path):
        for page_number in self.annots:
            self.objects[self.page_refs[page_number - 1]] = self.page_body(page_number)
        out = bytearray(self.base)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for n in sorted(self.objects):
            offsets[n] = len(out)
            out += b"%d 0 obj\n" % n + self.objects[n] + b"\nendobj\n"
        xref_at = len(out)
        out += b"xref\n0 1\n0000000000 65535 f \n"
        nums = sorted(set(offsets) | self.free)
        i = 0
        while i < len(nums):
            j = i
            while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
                j += 1
            out += b"%d %d\n" % (nums[i], j - i + 1)
            for n in nums[i:j + 1]:
                out += b"0000000000 00001 f \n" if n in self.free else b"%010d 00000 n \n" % offsets[n]
            i = j + 1
        prev = int(re.findall(rb"startxref\s+(\d+)", self.base)[-1])
        trailer = self.base[self.base.rindex(b"trailer"):]
        root = re.search(rb"/Root\s+(\d+ \d+ R)", trailer).group(1)
        info = re.search(rb"/Info\s+(\d+ \d+ R)", trailer).group(1)
        ident = re.search(rb"/ID\s*(\[[^\]]*\])", trailer).group(1)
        size = max(self.next, max(nums) + 1)
        out += (b"trailer\n<< /Size %d /Root %s /Info %s /ID %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
                % (size, root, info, ident, prev, xref_at))
        with open(path, "wb") as f:
            f.write(out)


def dict_bytes(entries):
    """A dictionary from (key, raw value bytes) pairs, one a line."""
    return b"<<\n" + b"".join(b"/" + k.encode() + b" " + v + b"\n" for k, v in entries) + b">>"


def name(s):
    return b"/" + s.encode()


def raw(s):
    return s.encode() if isinstance(s, str) else s


# ---------------------------------------------------------------------------
# What was placed

EXPECTED = []


def placed(file, writer, page, subtype, *, contents=None, author=None, name=None, text=None,
           in_reply_to=None, reply_type=None, quirk=None, listed=True):
    if in_reply_to is not None and reply_type is None:
        reply_type = "R"  # the spec's default for /IRT without /RT
    EXPECTED.append({
        "file": file, "page": page, "subtype": subtype, "contents": contents, "author": author,
        "name": name, "text": " ".join(text.split()) if text is not None else None,
        "inReplyTo": in_reply_to, "replyType": reply_type, "writer": writer,
        "quirk": quirk, "listed": listed,
    })


# ---------------------------------------------------------------------------
# PyMuPDF

PYMUPDF_DATE = "D:20250102030405+01'00'"


def fix_pymupdf_dates(doc, annot):
    doc.xref_set_key(annot.xref, "CreationDate", f"({PYMUPDF_DATE})")
    doc.xref_set_key(annot.xref, "M", f"({PYMUPDF_DATE})")


def make_pymupdf(base, loc):
    file = "pymupdf.pdf"
    doc = fitz.open(base)
    made = []

    def markup(page_number, kind, phrase, comment, author, color):
        page = doc[page_number - 1]
        hits = page.search_for(phrase, quads=True)
        adder = {"Highlight": page.add_highlight_annot, "Underline": page.add_underline_annot,
                 "StrikeOut": page.add_strikeout_annot, "Squiggly": page.add_squiggly_annot}[kind]
        annot = adder(hits)
        annot.set_info(title=author, content=comment or "")
        annot.set_colors(stroke=color)
        annot.update()
        made.append((annot, page_number, kind, comment, author, phrase))
        return annot

    def other(page_number, annot, kind, comment, author):
        annot.set_info(title=author, content=comment)
        annot.update()
        made.append((annot, page_number, kind, comment, author, None))
        return annot

    hyph = loc.hyphenated(1, ["Thermohaline", "counterintuitive", "Morphodynamic", "Electroacoustic"])
    if "Thermohaline" not in hyph:
        raise SystemExit(f"expected 'Thermohaline' to be hyphenated at a line end; got {hyph}")
    h1 = markup(1, "Highlight", "forming loose aggregates called flocs",
                "Definition of a floc.", "Marie Tharp", (1, 0.92, 0.23))
    markup(1, "Highlight", "Thermohaline stratification suppressed vertical mixing",
           "Across a line break: Thermo- / haline.", "Marie Tharp", (1, 0.92, 0.23))
    markup(1, "Underline", "The settling velocity of a floc depends on its size",
           "Two lines; compare Stokes' law.", "Marie Tharp", (0.2, 0.4, 1))
    markup(1, "StrikeOut", "by a factor of two", "Too strong a claim.", "Marie Tharp", (1, 0, 0))
    markup(1, "Squiggly", "redundant instrumentation", None, "Marie Tharp", (0, 0.6, 0))
    page1 = doc[0]
    note = other(1, page1.add_text_annot((60, 90), "x"), "Text",
                 "A sticky note in the margin.\nSecond line of the note.", "Marie Tharp")
    reply = other(1, page1.add_text_annot((60, 120), "x"), "Text", "I agree: see the Stokes estimate.",
                  "Inge Lehmann")
    reply.set_irt_xref(h1.xref)

    markup(2, "Highlight", "Tidal asymmetry controls the net transport of mud",
           "Left column.", "Marie Tharp", (1, 0.92, 0.23))
    markup(2, "Highlight", "the turbidity maximum migrated upstream during neap tides",
           "Right column, last sentence.", "Marie Tharp", (0.5, 1, 0.5))
    page2 = doc[1]
    other(2, page2.add_freetext_annot(fitz.Rect(60, 60, 260, 90), "x", fontsize=9), "FreeText",
          "Typed on the page: check the units.", "Marie Tharp")
    sq = page2.add_rect_annot(fitz.Rect(40, 100, 90, 140))
    sq.set_colors(stroke=(0, 0, 1))
    other(2, sq, "Square", "A box around nothing in particular.", "Marie Tharp")
    ink = page2.add_ink_annot([[(50, 700), (80, 720), (110, 700), (140, 720)]])
    other(2, ink, "Ink", "A scribble in the margin.", "Marie Tharp")

    markup(3, "Highlight", "The harbour master supplied the tide tables",
           "On the turned, cropped page.", "Marie Tharp", (1, 0.92, 0.23))

    for annot, *_ in made:
        fix_pymupdf_dates(doc, annot)
    out = os.path.join(OUT, file)
    doc.set_metadata({"producer": "PyMuPDF", "creationDate": PYMUPDF_DATE, "modDate": PYMUPDF_DATE})
    doc.save(out, garbage=1, deflate=True, no_new_id=True)
    doc.close()

    # What was placed, read back only for the /NM PyMuPDF chose and the
    # check that its QuadPoints cover the boxes found on the unrotated page.
    check = fitz.open(out)
    names = {}
    for page in check:
        for a in page.annots():
            names[a.xref] = a.info.get("id") or None
    for annot, page_number, kind, comment, author, phrase in made:
        parent = None
        if annot.xref == reply.xref:
            parent = names[h1.xref]
        placed(file, "pymupdf", page_number, kind, contents=comment, author=author,
               name=names[annot.xref], text=phrase, in_reply_to=parent)
        if phrase:
            qp = [float(v) for v in check.xref_get_key(annot.xref, "QuadPoints")[1].strip("[]").split()]
            want = loc.boxes(page_number, phrase)
            got = union([(min(qp[i:i + 8:2]), min(qp[i + 1:i + 8:2]), max(qp[i:i + 8:2]),
                          max(qp[i + 1:i + 8:2])) for i in range(0, len(qp), 8)])
            if any(abs(a - b) > 3 for a, b in zip(got, union(want))):
                raise SystemExit(f"PyMuPDF placed {phrase!r} at {got}, expected {union(want)}")
    check.close()
    return out


# ---------------------------------------------------------------------------
# Poppler (poppler-glib through poppler-annotate.c)

def make_poppler(base, loc, work):
    file = "poppler.pdf"
    exe = os.path.join(work, "poppler-annotate")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "poppler-glib"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O1", "-o", exe, os.path.join(HERE, "poppler-annotate.c"), *flags], check=True)
    specs = [
        ("highlight", 1, "Clay particles collide in the turbulent water column", "Collisions make flocs.",
         "Rosalind Franklin", "1,1,0"),
        ("underline", 1, "counterintuitive behaviour", "Hyphenated: be- / haviour (caf\u00e9 test \u00e9).",
         "Rosalind Franklin", "0,0,1"),
        ("strikeout", 1, "simple picture", None, "Rosalind Franklin", "1,0,0"),
        ("squiggly", 1, "Hydrographers nevertheless recommend", "Wavy line.", "Rosalind Franklin", "0,0.6,0"),
        ("highlight", 2, "Our moorings were placed at five stations along the thalweg",
         "Left column, two lines?", "Rosalind Franklin", "1,1,0"),
        ("highlight", 2, "Seasonal river floods flush part of this stock back to the sea",
         "Right column.\nWith a second line.", "Rosalind Franklin", "1,0.5,0"),
    ]
    lines = []
    for kind, page, phrase, comment, author, color in specs:
        boxes = loc.boxes(page, phrase)
        lines.append("\t".join([kind, str(page), ";".join(",".join(num(v) for v in b) for b in boxes),
                                (comment or "-").replace("\n", "\\n"), author, color]))
        subtype = {"highlight": "Highlight", "underline": "Underline", "strikeout": "StrikeOut",
                   "squiggly": "Squiggly"}[kind]
        placed(file, "poppler", page, subtype, contents=comment, author=author, text=phrase)
    lines.append("\t".join(["text", "1", "40,700,60,720", "A Poppler note at the top left.", "Rosalind Franklin",
                            "1,1,0.6"]))
    placed(file, "poppler", 1, "Text", contents="A Poppler note at the top left.", author="Rosalind Franklin")
    spec = os.path.join(work, "poppler.spec")
    with open(spec, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(OUT, file)
    subprocess.run([exe, base, out, spec], check=True, stdout=subprocess.DEVNULL)
    make_reproducible(out, b"20250203040506")
    return out


def make_reproducible(path, stamp):
    """Poppler stamps what it saves with the time (/M, /CreationDate as
    literal strings) and a new random second /ID. Replace each literal date
    by a fixed one of the same length, and each /ID of literal strings by
    the first /ID written in hex, then move the byte offsets of every xref
    table, uncompressed xref stream and startxref that follow."""
    with open(path, "rb") as f:
        data = f.read()
    data = re.sub(rb"\(D:\d{14}", b"(D:" + stamp, data)
    first_id = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>", data)
    fixed = first_id.group(1).upper() if first_id else b"0" * 32
    shifts = []  # (position, delta)
    out = bytearray()
    last = 0
    for m in re.finditer(rb"/ID\s*\[\s*(\((?:\\.|[^\\)])*\)\s*)+\]", data, re.S):
        new = b"/ID [<" + fixed + b"> <" + fixed + b">]"
        out += data[last:m.start()] + new
        shifts.append((m.end(), len(new) - (m.end() - m.start())))
        last = m.end()
    out += data[last:]
    data = bytes(out)
    if not shifts:
        with open(path, "wb") as f:
            f.write(data)
        return

    def fix(offset):
        return offset + sum(d for at, d in shifts if at <= offset)

    # classic xref tables
    def table(m):
        body = re.sub(rb"(\d{10}) (\d{5}) n", lambda e: b"%010d %s n" % (fix(int(e.group(1))), e.group(2)), m.group(0))
        return body
    data = re.sub(rb"\nxref\r?\n(?:\d+ \d+\r?\n(?:\d{10} \d{5} [nf]\s*\r?\n)*)+", table, data)
    # uncompressed xref streams
    for m in list(re.finditer(rb"/Type\s*/XRef", data)):
        head_start = data.rindex(b" obj", 0, m.start())
        kw = data.index(b"stream", m.end())
        head = data[head_start:kw]
        if m.start() < shifts[0][0] + min(0, shifts[0][1]):
            continue  # before the first change: nothing in it moves
        if b"/Filter" in head:
            raise SystemExit("cannot move offsets in a compressed xref stream")
        length = int(re.search(rb"/Length\s+(\d+)", head).group(1))
        start = kw + len(b"stream") + (2 if data[kw + 6:kw + 8] == b"\r\n" else 1)
        w = [int(v) for v in re.search(rb"/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]", head).groups()]
        size = sum(w)
        rows = bytearray(data[start:start + length])
        for i in range(0, length - length % size, size):
            kind = int.from_bytes(rows[i:i + w[0]], "big") if w[0] else 1
            if kind == 1:
                off = int.from_bytes(rows[i + w[0]:i + w[0] + w[1]], "big")
                rows[i + w[0]:i + w[0] + w[1]] = fix(off).to_bytes(w[1], "big")
        data = data[:start] + bytes(rows) + data[start + length:]
    data = re.sub(rb"startxref(\s+)(\d+)", lambda m: b"startxref%s%d" % (m.group(1), fix(int(m.group(2)))), data)
    with open(path, "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------
# pdfanchor export-pdf

def pdfanchor_binary():
    exe = os.environ.get("PDFANCHOR") or os.path.join(ROOT, ".build", "debug", "pdfanchor")
    if not os.path.exists(exe):
        exe = os.path.join(ROOT, ".build-helperB", "debug", "pdfanchor")
        if not os.path.exists(exe):
            subprocess.run(["swift", "build", "--scratch-path", ".build-helperB"], cwd=ROOT, check=True)
    return exe


def source_prose():
    """The sample paper's paragraphs as typeset (Scripts/samples/papers.py),
    without footnotes: where the note's quotes come from."""
    sys.path.insert(0, HERE)
    import papers
    text = []
    for kind, t in papers.paper_body(7):
        if kind == "par":
            t = re.sub(r"\\footnote\{[^}]*\}", "", t).replace("\\%", "%")
            text.append(t)
    return text


def squash(s):
    import unicodedata
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", s))


def make_pdfanchor_export(work, count=10):
    file = "pdfanchor-export.pdf"
    note_src = os.path.join(ROOT, "SamplePDFs", "notes", "estuary-flocculation.md")
    pdf_src = os.path.join(ROOT, "SamplePDFs", "papers", "estuary-flocculation.pdf")
    with open(note_src, encoding="utf-8") as f:
        note = f.read()
    header, *blocks = re.split(r"\n(?=\n>%%\n>```annotation-json)", note)
    prose = source_prose()
    squashed = [squash(p) for p in prose]
    chosen = []
    for block in blocks:
        m = re.search(r"```annotation-json\n>(.*?)\n>```", block, re.S)
        ann = json.loads(m.group(1))
        exact = next(s["exact"] for t in ann["target"] for s in t["selector"] if s["type"] == "TextQuoteSelector")
        key = squash(exact)
        hits = [(i, p.find(key)) for i, p in enumerate(squashed) if key in p]
        if len(hits) != 1 or squashed[hits[0][0]].count(key) != 1 or "[" in exact:
            continue
        # the words of the source paragraph that the quote covers
        i, start = hits[0]
        par, pos, k, begin, end = prose[i], 0, 0, None, None
        for ci, ch in enumerate(par):
            if re.match(r"[\s\-]", squash(ch) or " ") or not squash(ch):
                continue
            if k == start and begin is None:
                begin = ci
            k += len(squash(ch))
            if k == start + len(key):
                end = ci + 1
                break
        words = par[begin:end]
        block_id = re.search(r"\^(\w+)\s*$", block.strip()).group(1)
        commented = bool((ann.get("text") or "").strip())
        if sum(1 for c in chosen if bool((c[1].get("text") or "").strip()) == commented) < count // 2:
            chosen.append((block, ann, words, block_id))
        if len(chosen) == count:
            break
    vault = os.path.join(work, "vault")
    os.makedirs(os.path.join(vault, ".obsidian"), exist_ok=True)
    os.makedirs(os.path.join(vault, "notes"), exist_ok=True)
    os.makedirs(os.path.join(vault, "papers"), exist_ok=True)
    shutil.copy(pdf_src, os.path.join(vault, "papers", "estuary-flocculation.pdf"))
    note_path = os.path.join(vault, "notes", "estuary-flocculation.md")
    with open(note_path, "w", encoding="utf-8") as f:
        f.write(header + "".join("\n" + b for b, *_ in chosen) + "\n")
    out = os.path.join(OUT, file)
    if os.path.exists(out):
        os.remove(out)
    run = subprocess.run([pdfanchor_binary(), "export-pdf", note_path, "-o", out, "--author", "PDFAnchor Fixture"],
                         cwd=vault, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit("pdfanchor export-pdf did not write every annotation")
    make_reproducible(out, b"20260101000000")
    reader = pypdf.PdfReader(out)
    pages = {}
    for pi, page in enumerate(reader.pages, 1):
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/NM") is not None:
                pages[str(a["/NM"])] = pi
    for block, ann, words, block_id in chosen:
        # the page is pdfanchor's own choice (the note has none); the text and
        # comment are what the note asked for
        placed(file, "pdfanchor", pages.get(block_id), "Highlight", contents=(ann.get("text") or None),
               author="PDFAnchor Fixture", name=block_id, text=words)
    return out


# ---------------------------------------------------------------------------
# Hand-built: Acrobat

ACRO_DATE = "D:20240315101112-05'00'"


def rich_text(s):
    return ('<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/" xfa:APIVersion="Acrobat:23.8.0" '
            'xfa:spec="2.0.2" ><p dir="ltr"><span dir="ltr" style="font-size:10.0pt;text-align:left;'
            'color:#000000;font-weight:normal;font-style:normal">' + s + '</span></p></body>')


def acrobat_markup(up, page, subtype, boxes, *, contents, author, label, color, subj, extra=()):
    n = up.alloc()
    popup = up.alloc()
    ident = nm("acrobat-" + label)
    entries = [("Type", b"/Annot"), ("Subtype", name(subtype)), ("F", b"4"), ("P", up.page_ref(page)),
               ("Rect", raw(arr(union(boxes)))),
               ("QuadPoints", raw(arr(sum((quad(b, "acrobat") for b in boxes), [])))),
               ("C", raw(arr(color))), ("CA", b"1"), ("T", text_string(author)), ("Subj", text_string(subj)),
               ("NM", text_string(ident)), ("CreationDate", lit(ACRO_DATE.encode())), ("M", lit(ACRO_DATE.encode())),
               ("Popup", b"%d 0 R" % popup)]
    if contents is not None:
        entries += [("Contents", text_string(contents)), ("RC", text_string(rich_text(contents)))]
    entries += list(extra)
    up.add(dict_bytes(entries), n)
    x0, y0, x1, y1 = union(boxes)
    up.add(dict_bytes([("Type", b"/Annot"), ("Subtype", b"/Popup"), ("F", b"28"), ("P", up.page_ref(page)),
                       ("Parent", b"%d 0 R" % n), ("Rect", raw(arr([612, y1 - 92, 792, y1]))),
                       ("Open", b"false")]), popup)
    up.annotate(page, b"%d 0 R" % n)
    up.annotate(page, b"%d 0 R" % popup)
    return n, ident


def acrobat_reply(up, page, parent, parent_rect, *, contents, author, label, rt=b"/R", subtype="Text"):
    n = up.alloc()
    ident = nm("acrobat-" + label)
    entries = [("Type", b"/Annot"), ("Subtype", name(subtype)), ("F", b"28"), ("P", up.page_ref(page)),
               ("Rect", raw(arr(parent_rect))), ("Name", b"/Comment"), ("C", b"[1 0.819611 0]"),
               ("T", text_string(author)), ("Subj", text_string("Sticky Note")), ("NM", text_string(ident)),
               ("CreationDate", lit(ACRO_DATE.encode())), ("M", lit(ACRO_DATE.encode())),
               ("IRT", b"%d 0 R" % parent), ("RT", rt),
               ("Contents", text_string(contents)), ("RC", text_string(rich_text(contents))), ("Open", b"false")]
    up.add(dict_bytes(entries), n)
    up.annotate(page, b"%d 0 R" % n)
    return n, ident


def make_acrobat(base, loc):
    file = "acrobat.pdf"
    up = Update(base)
    yellow, blue, red = [1, 0.819611, 0], [0, 0.576, 1], [0.894, 0.161, 0.129]
    ph = "Electroacoustic measurements confirmed"
    boxes = loc.boxes(1, ph, hyphen=True)
    h, hid = acrobat_markup(up, 1, "Highlight", boxes, contents="Which frequency? \u201cElectroacoustic\u201d is vague.",
                            author="Jane Roe", label="h1", color=yellow, subj="Highlight")
    placed(file, "acrobat", 1, "Highlight", contents="Which frequency? \u201cElectroacoustic\u201d is vague.",
           author="Jane Roe", name=hid, text=ph)
    rect = union(boxes)
    parent, pid = h, hid
    for i, (who, what) in enumerate([("John Doe", "Reply 1: 1 MHz, see the methods."),
                                     ("Jane Roe", "Reply 2: thanks, then say so in the text."),
                                     ("John Doe", "Reply 3: done in revision 2.")], 1):
        parent, new = acrobat_reply(up, 1, parent, rect, contents=what, author=who, label=f"reply{i}")
        placed(file, "acrobat", 1, "Text", contents=what, author=who, name=new, in_reply_to=pid, reply_type="R")
        pid = new

    ph = "overestimate the deposition in the navigation channel"
    boxes = loc.boxes(1, ph, hyphen=True)
    _, uid = acrobat_markup(up, 1, "Underline", boxes, contents="Two lines, Acrobat order.", author="Jane Roe",
                            label="u1", color=blue, subj="Underline")
    placed(file, "acrobat", 1, "Underline", contents="Two lines, Acrobat order.", author="Jane Roe", name=uid,
           text=ph)

    # Replace text: a Caret carrying the replacement, a StrikeOut grouped with it.
    ph = "undisturbed"
    boxes = loc.boxes(1, ph, hyphen=True)
    x0, y0, x1, y1 = union(boxes)
    caret = up.alloc()
    cid = nm("acrobat-caret")
    up.add(dict_bytes([("Type", b"/Annot"), ("Subtype", b"/Caret"), ("F", b"4"), ("P", up.page_ref(1)),
                       ("Rect", raw(arr([x1 - 3, y0 - 3, x1 + 3, y0 + 6]))), ("RD", b"[0 0 0 0]"),
                       ("C", b"[0 0 1]"), ("T", text_string("Jane Roe")), ("Subj", text_string("Inserted Text")),
                       ("NM", text_string(cid)), ("CreationDate", lit(ACRO_DATE.encode())),
                       ("M", lit(ACRO_DATE.encode())), ("Contents", text_string("unmixed")),
                       ("RC", text_string(rich_text("unmixed")))]), caret)
    up.annotate(1, b"%d 0 R" % caret)
    placed(file, "acrobat", 1, "Caret", contents="unmixed", author="Jane Roe", name=cid)
    so = up.alloc()
    sid = nm("acrobat-strikeout")
    up.add(dict_bytes([("Type", b"/Annot"), ("Subtype", b"/StrikeOut"), ("F", b"4"), ("P", up.page_ref(1)),
                       ("Rect", raw(arr(union(boxes)))), ("QuadPoints", raw(arr(quad(boxes[0], "acrobat")))),
                       ("C", b"[0 0 1]"), ("T", text_string("Jane Roe")), ("Subj", text_string("Cross-Out")),
                       ("NM", text_string(sid)), ("CreationDate", lit(ACRO_DATE.encode())),
                       ("M", lit(ACRO_DATE.encode())), ("IRT", b"%d 0 R" % caret), ("RT", b"/Group")]), so)
    up.annotate(1, b"%d 0 R" % so)
    placed(file, "acrobat", 1, "StrikeOut", author="Jane Roe", name=sid, text=ph, in_reply_to=cid,
           reply_type="Group")

    ph = "a modest intervention can change the sediment budget"
    boxes = loc.boxes(2, ph, hyphen=True)
    _, hid2 = acrobat_markup(up, 2, "Highlight", boxes, contents=None, author="Jane Roe", label="h2",
                             color=yellow, subj="Highlight")
    placed(file, "acrobat", 2, "Highlight", author="Jane Roe", name=hid2, text=ph)

    ph = "Salinity intrusion reached twelve kilometres inland"
    boxes = loc.boxes(3, ph, hyphen=True)
    _, hid3 = acrobat_markup(up, 3, "Highlight", boxes, contents="On the turned page.", author="Jane Roe",
                             label="h3", color=yellow, subj="Highlight")
    placed(file, "acrobat", 3, "Highlight", contents="On the turned page.", author="Jane Roe", name=hid3, text=ph)
    out = os.path.join(OUT, file)
    up.write(out)
    return out


# ---------------------------------------------------------------------------
# Hand-built: Preview (macOS PDFKit). PDFKit's documentation of
# quadrilateralPoints: "ordered counterclockwise, with the first point closest
# to the origin" -- LL, LR, UR, UL, which is also the order ISO 32000 states.

PREVIEW_DATE = "D:20250611094530Z00'00'"


def make_preview(base, loc):
    file = "preview.pdf"
    up = Update(base)
    author = "Ada Lovelace"

    def markup(page, subtype, phrase, contents, color, label):
        boxes = loc.boxes(page, phrase, hyphen=True)
        ident = nm("preview-" + label).upper()
        entries = [("Type", b"/Annot"), ("Subtype", name(subtype)), ("Rect", raw(arr(union(boxes)))),
                   ("QuadPoints", raw(arr(sum((quad(b, "ccw") for b in boxes), [])))),
                   ("C", raw(arr(color))), ("T", text_string(author)), ("M", lit(PREVIEW_DATE.encode())),
                   ("NM", text_string(ident)), ("F", b"4"), ("P", up.page_ref(page))]
        if contents is not None:
            entries.append(("Contents", text_string(contents)))
        up.annotate(page, b"%d 0 R" % up.add(dict_bytes(entries)))
        placed(file, "preview", page, subtype, contents=contents, author=author, name=ident, text=phrase)

    markup(1, "Highlight", "Resuspension events interrupted this simple picture",
           "Counter-clockwise QuadPoints (LL, LR, UR, UL).", [1, 0.89, 0.39], "h1")
    markup(1, "Highlight", "Morphodynamic models that ignore these interactions",
           "Across Morphodynamic mod- / els.", [1, 0.89, 0.39], "h2")
    markup(1, "Underline", "so that a reader can be checked word for word", None, [0.36, 0.61, 0.99], "u1")
    markup(2, "StrikeOut", "gives the longitudinal distribution", "Delete?", [1, 0.15, 0.2], "s1")
    # a note (PDFKit writes /Name /Comment for the default icon)
    ident = nm("preview-note").upper()
    up.annotate(1, b"%d 0 R" % up.add(dict_bytes([
        ("Type", b"/Annot"), ("Subtype", b"/Text"), ("Rect", b"[520 700 540 720]"), ("Name", b"/Comment"),
        ("C", b"[1 0.89 0.39]"), ("T", text_string(author)), ("M", lit(PREVIEW_DATE.encode())),
        ("NM", text_string(ident)), ("Open", b"false"), ("F", b"4"), ("P", up.page_ref(1)),
        ("Contents", text_string("A Preview note.\rIts second line after a CR."))])))
    placed(file, "preview", 1, "Text", contents="A Preview note.\rIts second line after a CR.", author=author,
           name=ident)
    # a box drawn with the shapes tool, as some Apple tools mark text
    ph = "the turbidity maximum migrated upstream"
    boxes = loc.boxes(2, ph, hyphen=True)
    ident = nm("preview-square").upper()
    up.annotate(2, b"%d 0 R" % up.add(dict_bytes([
        ("Type", b"/Annot"), ("Subtype", b"/Square"), ("Rect", raw(arr(union(boxes)))), ("BS", b"<< /W 1 >>"),
        ("C", b"[1 0.15 0.2]"), ("T", text_string(author)), ("M", lit(PREVIEW_DATE.encode())),
        ("NM", text_string(ident)), ("F", b"4"), ("P", up.page_ref(2)),
        ("Contents", text_string("Boxed, not highlighted."))])))
    placed(file, "preview", 2, "Square", contents="Boxed, not highlighted.", author=author, name=ident)
    out = os.path.join(OUT, file)
    up.write(out)
    return out


# ---------------------------------------------------------------------------
# Hand-built: Skim. Its markup notes start with the selected text as their
# contents (pdfannots drops such contents); anchored notes are Text
# annotations. /NM: a UUID string.

SKIM_DATE = "D:20250420183000+02'00'"


def make_skim(base, loc):
    file = "skim.pdf"
    up = Update(base)
    author = "Grace Hopper"

    def add(page, subtype, entries, contents, text, label):
        ident = nm("skim-" + label).upper()
        body = [("Type", b"/Annot"), ("Subtype", name(subtype))] + entries + [
            ("T", text_string(author)), ("M", lit(SKIM_DATE.encode())), ("NM", text_string(ident)), ("F", b"4"),
            ("Contents", text_string(contents))]
        up.annotate(page, b"%d 0 R" % up.add(dict_bytes(body)))
        placed(file, "skim", page, subtype, contents=contents, author=author, name=ident, text=text)

    def markup(page, subtype, phrase, contents, label):
        boxes = loc.boxes(page, phrase, hyphen=True)
        add(page, subtype, [("Rect", raw(arr(union(boxes)))),
                            ("QuadPoints", raw(arr(sum((quad(b, "acrobat") for b in boxes), [])))),
                            ("C", b"[1 0.9 0.3]")], contents, phrase, label)

    ph = "Fine sediment in estuaries rarely settles as single grains"
    markup(1, "Highlight", ph, ph, "h1")  # Skim's default: the selection itself
    ph = "disaggregation dominated in the bottom boundary layer"
    markup(1, "Highlight", ph, ph + "\n\nThe floc break-up zone.", "h2")
    ph = "Dredging deepens the channel"
    markup(2, "Underline", ph, "Dredging matters.", "u1")
    add(1, "Text", [("Rect", b"[40 640 56 656]"), ("Name", b"/Note"), ("C", b"[1 1 0.5]"), ("Open", b"false")],
        "Anchored note\nwith a title line and a body.", None, "n1")
    out = os.path.join(OUT, file)
    up.write(out)
    return out


# ---------------------------------------------------------------------------
# Hand-built: Okular (through poppler-qt): /T and /Contents as UTF-16BE with
# BOM in literal strings, /NM "okular-{uuid}", /M and /CreationDate.

OKULAR_DATE = "D:20250707120000+03'00'"


def make_okular(base, loc):
    file = "okular.pdf"
    up = Update(base)
    author = "Émilie du Châtelet"

    def markup(page, subtype, phrase, contents, label):
        boxes = loc.boxes(page, phrase, hyphen=True)
        ident = "okular-{" + nm("okular-" + label) + "}"
        entries = [("Type", b"/Annot"), ("Subtype", name(subtype)), ("Rect", raw(arr(union(boxes)))),
                   ("F", b"4"), ("P", up.page_ref(page)), ("NM", lit(ident.encode())),
                   ("M", lit(OKULAR_DATE.encode())), ("CreationDate", lit(OKULAR_DATE.encode())),
                   ("C", b"[1 1 0]"), ("T", utf16_literal(author)),
                   ("QuadPoints", raw(arr(sum((quad(b, "acrobat") for b in boxes), []))))]
        if contents is not None:
            entries.append(("Contents", utf16_literal(contents)))
        up.annotate(page, b"%d 0 R" % up.add(dict_bytes(entries)))
        placed(file, "okular", page, subtype, contents=contents, author=author, name=ident, text=phrase)

    markup(1, "Highlight", "the shear that created it", "Scherung — «Schergeschwindigkeit», ≈ 1 s⁻¹; 剪切",
           "h1")
    markup(1, "Highlight", "Each marked phrase occurs exactly once on its page",
           "Zwei Zeilen; Größe (parenthesis) and back\\slash.", "h2")
    markup(2, "Squiggly", "calibrated against water samples filtered on board", None, "q1")
    ident = "okular-{" + nm("okular-note") + "}"
    up.annotate(1, b"%d 0 R" % up.add(dict_bytes([
        ("Type", b"/Annot"), ("Subtype", b"/Text"), ("Rect", b"[40 600 64 624]"), ("F", b"4"),
        ("P", up.page_ref(1)), ("NM", lit(ident.encode())), ("M", lit(OKULAR_DATE.encode())),
        ("CreationDate", lit(OKULAR_DATE.encode())), ("C", b"[1 1 0]"), ("T", utf16_literal(author)),
        ("Name", b"/Note"), ("Contents", utf16_literal("Notiz: Ölförderung ≠ Sediment."))])))
    placed(file, "okular", 1, "Text", contents="Notiz: Ölförderung ≠ Sediment.", author=author, name=ident)
    out = os.path.join(OUT, file)
    up.write(out)
    return out


# ---------------------------------------------------------------------------
# Hand-built quirks: a highlight with only /Rect, highlights on the turned
# page (one in each corner order), a PDFDocEncoding comment.

def make_quirks(base, loc):
    file = "quirks.pdf"
    up = Update(base)
    author = "Quirk Writer"

    def add(page, subtype, entries, contents_raw, contents, text, label, quirk, author_raw=None,
            author_text=author):
        ident = "quirks-" + label
        body = [("Type", b"/Annot"), ("Subtype", name(subtype))] + entries + [
            ("T", author_raw or text_string(author_text)), ("NM", lit(ident.encode())), ("F", b"4"),
            ("M", b"(D:20250801000000Z)")]
        if contents_raw is not None:
            body.append(("Contents", contents_raw))
        up.annotate(page, b"%d 0 R" % up.add(dict_bytes(body)))
        placed(file, "hand", page, subtype, contents=contents, author=author_text, name=ident, text=text,
               quirk=quirk)

    ph = "Every comment in these fixtures is invented for the tests"
    boxes = loc.boxes(1, ph, hyphen=True)
    if len(boxes) != 1:
        raise SystemExit(f"{ph!r} should be on one line for the /Rect-only highlight")
    add(1, "Highlight", [("Rect", raw(arr(boxes[0]))), ("C", b"[1 1 0]")], text_string("Only /Rect, no /QuadPoints."),
        "Only /Rect, no /QuadPoints.", ph, "rect-only", "no /QuadPoints: the text is the one under /Rect")
    comment = "\u2022 PDFDocEncoding: \u201cbullet\u201d \u2014 \ufb01ne \ufb02ocs at 20\u00b0, 5 \u20ac, caf\u00e9"
    ph = "biofouling threatens the optical backscatter sensors"
    boxes = loc.boxes(1, ph, hyphen=True)
    add(1, "Underline", [("Rect", raw(arr(union(boxes)))),
                         ("QuadPoints", raw(arr(sum((quad(b, "acrobat") for b in boxes), [])))),
                         ("C", b"[0 0 1]")], pdfdoc_literal(comment), comment, ph, "pdfdoc",
        "/Contents in PDFDocEncoding bytes 0x80 0x8D 0x8E 0x84 0x93 0x94 0xB0 0xA0 0xE9",
        author_raw=pdfdoc_literal("Ren\u00e9e \u2022 Writer"), author_text="Ren\u00e9e \u2022 Writer")
    for order, ph in [("acrobat", "This page is stored upright but displayed turned by a quarter turn"),
                      ("ccw", "Highlights on it must still cover the words they name")]:
        boxes = loc.boxes(3, ph, hyphen=True)
        add(3, "Highlight", [("Rect", raw(arr(union(boxes)))),
                             ("QuadPoints", raw(arr(sum((quad(b, order) for b in boxes), [])))),
                             ("C", b"[1 1 0]")], text_string(f"Turned page, {order} corner order."),
            f"Turned page, {order} corner order.", ph, f"rotated-{order}", "page /Rotate 90, /CropBox origin (36 48)")
    out = os.path.join(OUT, file)
    up.write(out)
    return out


# ---------------------------------------------------------------------------
# Hostile

def make_hostile(base, loc):
    file = "hostile.pdf"
    up = Update(base)
    author = "Hostile Writer"

    def markup(page, phrase_or_boxes, qp_raw, label, *, quirk=None, text=None, contents=None, extra=(),
               subtype="Highlight", with_subtype=True, listed=True):
        boxes = phrase_or_boxes
        ident = "hostile-" + label
        body = [("Type", b"/Annot")]
        if with_subtype:
            body.append(("Subtype", name(subtype)))
        body += [("Rect", raw(arr(union(boxes)))), ("C", b"[1 1 0]"), ("T", text_string(author)),
                 ("NM", lit(ident.encode())), ("F", b"4")]
        if qp_raw is not None:
            body.append(("QuadPoints", qp_raw))
        if contents is not None:
            body.append(("Contents", text_string(contents)))
        body += list(extra)
        n = up.add(dict_bytes(body))
        up.annotate(page, b"%d 0 R" % n)
        placed(file, "hostile", page, subtype if with_subtype else None, contents=contents, author=author,
               name=ident, text=text, quirk=quirk, listed=listed)
        return n

    def good(page, phrase, label):
        boxes = loc.boxes(page, phrase, hyphen=True)
        return markup(page, boxes, raw(arr(sum((quad(b, "acrobat") for b in boxes), []))), label, text=phrase,
                      contents=f"Good highlight {label}.")

    good(1, "Fine sediment in estuaries rarely settles as single grains", "good-1")
    b = loc.boxes(1, "Clay particles collide", hyphen=True)
    q = quad(b[0], "acrobat")
    markup(1, b, raw(arr(q[:7])), "qp7", quirk="/QuadPoints of 7 numbers", contents="QuadPoints of length 7.")
    b2 = loc.boxes(1, "forming loose aggregates", hyphen=True)
    markup(1, b2, raw(arr(quad(b2[0], "acrobat") + q[:4])), "qp12",
           quirk="/QuadPoints of 12 numbers: the first 8 cover 'forming loose aggregates'",
           contents="QuadPoints of length 12.")
    b3 = loc.boxes(1, "The settling velocity", hyphen=True)
    q3 = [num(v) for v in quad(b3[0], "acrobat")]
    q3[2] = "nan"
    markup(1, b3, ("[" + " ".join(q3) + "]").encode(), "qp-nan", quirk="a 'nan' keyword inside /QuadPoints",
           contents="QuadPoints with nan.")
    huge = "1" + "0" * 300
    b4 = loc.boxes(1, "Resuspension events", hyphen=True)
    q4 = [num(v) for v in quad(b4[0], "acrobat")]
    q4[0] = q4[4] = huge
    markup(1, b4, ("[" + " ".join(q4) + " ]").encode(), "qp-huge",
           quirk="x coordinates of 1e300, written as a 301-digit integer; also '1e300' (not PDF syntax) in /RD",
           contents="QuadPoints with 1e300.", extra=[("RD", b"[1e300 0 0 0]")])
    # not annotations at all: an integer and a dangling reference in /Annots
    up.annotate(1, b"7")
    dangling = up.alloc()
    up.free.add(dangling)  # in the xref as a free entry: the reference leads nowhere
    up.annotate(1, b"%d 0 R" % dangling)
    markup(1, loc.boxes(1, "Thermohaline stratification", hyphen=True), None, "no-subtype", with_subtype=False,
           quirk="no /Subtype", contents="A dictionary without /Subtype.", listed=False)
    # replies: A and B in a cycle, C replying to itself
    ids = {}
    for label in ["cycle-a", "cycle-b", "self"]:
        ids[label] = up.alloc()
    for label, target in [("cycle-a", "cycle-b"), ("cycle-b", "cycle-a"), ("self", "self")]:
        ident = "hostile-" + label
        up.add(dict_bytes([("Type", b"/Annot"), ("Subtype", b"/Text"), ("Rect", b"[40 500 60 520]"),
                           ("T", text_string(author)), ("NM", lit(ident.encode())),
                           ("Contents", text_string(f"Reply {label}.")),
                           ("IRT", b"%d 0 R" % ids[target]), ("RT", b"/R")]), ids[label])
        up.annotate(1, b"%d 0 R" % ids[label])
        placed(file, "hostile", 1, "Text", contents=f"Reply {label}.", author=author, name=ident,
               in_reply_to="hostile-" + target, reply_type="R",
               quirk="/IRT cycle" if label != "self" else "/IRT to itself")
    good(1, "navigation channel by a factor of two", "good-2")
    good(2, "Tidal asymmetry controls the net transport of mud", "good-3")
    out = os.path.join(OUT, file)
    up.write(out)
    return out


# ---------------------------------------------------------------------------

def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        base = build_base(work)
        loc = Locator(base)
        make_pymupdf(base, loc)
        make_poppler(base, loc, work)
        make_acrobat(base, loc)
        make_preview(base, loc)
        make_skim(base, loc)
        make_okular(base, loc)
        make_quirks(base, loc)
        make_hostile(base, loc)
        make_pdfanchor_export(work)
    files = sorted({e["file"] for e in EXPECTED})
    doc = {
        "generator": "Scripts/samples/annotated.py",
        "about": "Every annotation the generator placed in each fixture, as asked for (not as any reader reads it). "
                 "text: the words asked to mark, white space collapsed, words broken at line ends by the "
                 "typesetter joined; null for kinds that mark no text. replyType: /RT, R when /IRT has no /RT. "
                 "quirk: what is broken on purpose. listed: whether a reader should list it as an annotation. "
                 "/Popup annotations are not listed here.",
        "files": files,
        "annotations": EXPECTED,
    }
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for name_ in files:
        size = os.path.getsize(os.path.join(OUT, name_))
        print(f"{name_:24} {sum(1 for e in EXPECTED if e['file'] == name_):3} annotations {size // 1024:5} KB")


if __name__ == "__main__":
    main()
