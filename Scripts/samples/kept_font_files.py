#!/usr/bin/env python3
"""Writes three PDFs under Tests/Fixtures/fonts/ whose pages share an
embedded Type 1 font file (TeX's cmr10, its built-in encoding giving the
text of codes such as 014 "fi" and 074 "exclamdown"), each made to trip up
a reader that keeps the decoded font file from page to page (PDFCore's
`keepFontFiles`; found by a hostile review):

- kept-damaged-xref.pdf: four pages; the cross-reference table gives page
  3's content stream 7 bytes too far, so Poppler must rebuild the table
  when it reads page 3 (it refuses to when an entry is marked as updated).
- kept-wrong-generation.pdf: three pages; page 3's font names the same
  font file object under generation 1 (the file has it under 0: Poppler
  finds no font file there).
- kept-content-is-font-file.pdf: two pages; page 2's content stream is
  also the font file of a font a form XObject on that page uses.

Each page is read the same whether its document read other pages before
or not (Tests/PDFCoreTests/DocumentTests.swift, "a page read after
others…"); page 3 of the first holds GAMMA.

    python3 Scripts/samples/kept_font_files.py

Needs TeX Live's cmr10.pfb (kpsewhich); the bytes are the same on every run.
"""
import os
import subprocess
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Scripts", "hostile"))
from make_hostile import pdf, stream  # noqa: E402

OUT = os.path.join(ROOT, "Tests", "Fixtures", "fonts")
WIDTHS = b"[" + b" ".join([b"500"] * 128) + b"]"


def font_file():
    """cmr10's font program as a PDF font file stream (the PFB segments
    joined, /Length1-3 their lengths, compressed)."""
    path = subprocess.run(["kpsewhich", "cmr10.pfb"], capture_output=True, text=True, check=True).stdout.strip()
    data = open(path, "rb").read()
    segments = []
    at = 0
    while at < len(data) and data[at] == 0x80 and data[at + 1] in (1, 2):
        length = int.from_bytes(data[at + 2:at + 6], "little")
        segments.append(data[at + 6:at + 6 + length])
        at += 6 + length
    clear, binary = segments[0], b"".join(segments[1:])
    packed = zlib.compress(clear + binary, 9)
    return (b"<< /Length %d /Length1 %d /Length2 %d /Length3 0 /Filter /FlateDecode >>\nstream\n" % (len(packed), len(clear), len(binary))
            + packed + b"\nendstream")


def font(name, descriptor):
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 0 /LastChar 127 /Widths %s /FontDescriptor %d 0 R >>" % (
        name, WIDTHS, descriptor)


def descriptor(file_reference):
    return (b"<< /Type /FontDescriptor /FontName /CMR10 /Flags 4 /FontBBox [-40 -250 1009 750] /ItalicAngle 0 /Ascent 694 "
            b"/Descent -194 /CapHeight 683 /StemV 69 /FontFile %s >>" % file_reference)


def page(content, resources):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>" % (resources, content)


def shows(*lines):
    return b"\n".join(b"BT %s 20 Tf 72 %d Td (%s) Tj ET" % (f, 700 - 40 * k, text) for k, (f, text) in enumerate(lines))


def catalog(kids):
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))]


def damaged_xref():
    # 1 catalog, 2 pages, 3 font, 4 descriptor, 5 font file, then page and content pairs.
    words = [b"ALPHA", b"BETA", b"GAMMA", b"DELTA"]
    objects = catalog([6 + 2 * k for k in range(4)]) + [font(b"CMR10", 4), descriptor(b"5 0 R"), font_file()]
    for k, word in enumerate(words):
        objects.append(page(7 + 2 * k, b"<< /Font << /F1 3 0 R >> >>"))
        objects.append(stream(shows((b"/F1", b"Page %d \\014ne o\\016ce %s \\074 \\042quoted\\042" % (k + 1, word)))))
    data = bytearray(pdf(objects))
    # Page 3's content stream (object 11): its offset 7 bytes too far.
    xref = data.rindex(b"xref\n0 ")
    entry = data.index(b"\n", data.index(b"\n", xref) + 1) + 1 + 20 * 11
    offset = int(data[entry:entry + 10])
    data[entry:entry + 10] = b"%010d" % (offset + 7)
    return bytes(data)


def wrong_generation():
    # 3 font A and 4 its descriptor (file 5 0 R); 6 font B and 7 its descriptor (file 5 1 R); pages 8, 10, 12.
    objects = catalog([8, 10, 12]) + [font(b"CMR10", 4), descriptor(b"5 0 R"), font_file(), font(b"CMR10B", 7), descriptor(b"5 1 R")]
    for k, name in enumerate([b"3", b"3", b"6"]):
        objects.append(page(9 + 2 * k, b"<< /Font << /F1 %s 0 R >> >>" % name))
        objects.append(stream(shows((b"/F1", b"Hello \\074World\\041 \\014ne o\\016ce \\134quoted\\042 \\173 ok"))))
    return pdf(objects)


def content_is_font_file():
    # 3 font A (file 5); 6 font B whose file is page 2's content stream (11); pages 8 and 10; 12 a form using both fonts.
    fonts = b"<< /Font << /F1 3 0 R /F2 6 0 R >> %s>>"
    objects = catalog([8, 10]) + [font(b"CMR10", 4), descriptor(b"5 0 R"), font_file(), font(b"CMR10B", 7), descriptor(b"11 0 R")]
    objects.append(page(9, fonts % b""))
    objects.append(stream(shows((b"/F1", b"Page one"))))
    objects.append(page(11, fonts % b"/XObject << /X1 12 0 R >> "))
    objects.append(stream(shows((b"/F1", b"done before")) + b"\n/X1 Do\n" + shows((b"/F1", b"tone after"), (b"/F1", b"lent trout"))))
    form = shows((b"/F1", b"cuter inside"))
    objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F2 6 0 R /F1 3 0 R >> >> /Length %d >>\n"
                   b"stream\n" % len(form) + form + b"\nendstream")
    return pdf(objects)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in [("kept-damaged-xref.pdf", damaged_xref()), ("kept-wrong-generation.pdf", wrong_generation()),
                       ("kept-content-is-font-file.pdf", content_is_font_file())]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"wrote Tests/Fixtures/fonts/{name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
