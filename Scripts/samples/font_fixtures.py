#!/usr/bin/env python3
"""Writes Tests/Fixtures/fonts/flat-metrics.pdf: one page, two lines of
text in two fonts that differ only in their font descriptors' metrics; and
Tests/Fixtures/fonts/outside-page.pdf: a line of body text with a margin
note that starts left of the page's edge (as l3doc-style manuals print
index entries in the margin), which PDF.js leaves out of its text.

The first font declares /Ascent 455 /Descent -3, as pdfTeX writes for its
Type 1 Linux Biolinum and some other fonts: Poppler's glyph boxes for it
are a sliver (0.458 of the font size high). The second declares ordinary
metrics (718 and -207). Both are 10 pt, glyphs 500 units wide, baselines
at y = 700 and y = 680 in PDF user space on a 612 x 792 page, so every
box can be worked out by hand (see Tests/PDFCoreTests/FontMetricsTests.swift).

    python3 Scripts/samples/font_fixtures.py

Only the standard library; the bytes are the same on every run.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Scripts", "hostile"))
from make_hostile import pdf, stream  # noqa: E402

WIDTHS = b"[" + b" ".join([b"500"] * 95) + b"]"


def font(name, descriptor):
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 32 /LastChar 126 /Widths %s /FontDescriptor %d 0 R >>" % (
        name, WIDTHS, descriptor)


def descriptor(name, ascent, descent):
    return (b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-100 -250 1000 900] /ItalicAngle 0 "
            b"/Ascent %d /Descent %d /CapHeight 660 /XHeight 432 /StemV 80 >>" % (name, ascent, descent))


def main():
    content = (b"BT /F1 10 Tf 72 700 Td (Flat metrics make thin boxes) Tj ET\n"
               b"BT /F2 10 Tf 72 680 Td (Sane metrics make full boxes) Tj ET")
    data = pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 8 0 R >>",
        font(b"FlatMetrics", 6),
        font(b"SaneMetrics", 7),
        descriptor(b"FlatMetrics", 455, -3),
        descriptor(b"SaneMetrics", 718, -207),
        stream(content, compress=False),
    ])
    write("flat-metrics.pdf", data)
    # Helvetica, 10 pt: the margin note starts at x = -12, its first glyphs
    # outside the page; the body text and a note inside the right margin
    # stay.
    content = (b"BT /F1 10 Tf -12 700 Td (\\marginnote) Tj ET\n"
               b"BT /F1 10 Tf 72 700 Td (Body text that a reader selects.) Tj ET\n"
               b"BT /F1 10 Tf 560 700 Td (inside) Tj ET")
    write("outside-page.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        stream(content, compress=False),
    ]))


def write(name, data):
    out = os.path.join(ROOT, "Tests", "Fixtures", "fonts", name)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
