#!/usr/bin/env python3
"""PDFs whose annotation dictionaries are written by hand, for the tests of
PDFDocument.annotations (Tests/PDFCoreTests/PDFAnnotationReadingTests.swift):
every value those tests expect is written here, in PDF user space, with the
top-left page-space value it should become beside it.

    Scripts/samples/annotations_core_fixture.py   # writes Tests/Fixtures/annotations-core/*.pdf

annotations.pdf
  page 1 (MediaBox 0 0 612 792, no rotation: top-left y = 792 - y):
    every subtype PDFAnnotation.Kind names, plus Link, Widget, Popup,
    FileAttachment; both QuadPoints corner orders; QuadPoints of 12
    numbers; a quad with a name in it and one with a coordinate of 1e8;
    a Highlight without QuadPoints (Rect fallback) and one whose only quad
    is broken; strings in UTF-16BE, UTF-16LE, UTF-8 and PDFDocEncoding;
    dates with zones; grey, RGB, CMYK and empty colours; /IRT and /RT;
    entries that are not dictionaries, dictionaries without /Subtype, a
    Square without a usable Rect, an object of generation 1, a direct
    dictionary.
  page 2 (/Rotate 90, MediaBox 0 0 600 800, CropBox 50 100 550 700:
    displayed 600 wide and 500 high; top-left x = y - 100, y = x - 50):
    two Highlights over text upright as displayed, one in each corner
    order, and a Square.
  page 3 (no rotation; /Annots an indirect array): Highlights over text
    running down the page, in both corner orders.
  page 4: no /Annots.
many.pdf: three pages of four Highlights each (for the limit).
unreadable.pdf: page 1 holds one Highlight; page 2's /Annots has 12,000
  entries, more than Poppler takes on one page (it refuses the page from
  10,001 in 22.12, from 10,000 in 26.07): a page that cannot be read.
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "annotations-core")


def write(path, objects, root=1):
    """Writes objects {number: (generation, body)} with a classic xref table;
    numbers missing from the dictionary are free entries."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for number in sorted(objects):
        generation, body = objects[number]
        offsets[number] = len(out)
        out += f"{number} {generation} obj\n".encode() + body.encode("latin-1") + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {size}\n".encode()
    for number in range(size):
        if number in offsets:
            out += f"{offsets[number]:010d} {objects[number][0]:05d} n \n".encode()
        else:
            out += b"0000000000 65535 f \n"
    out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as f:
        f.write(out)


def hexstring(data):
    return "<" + data.hex().upper() + ">"


def annotations_pdf():
    objects = {}
    content = "% no text: only annotations matter here\n"
    objects[1] = (0, "<< /Type /Catalog /Pages 2 0 R >>")
    objects[2] = (0, "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 >>")
    objects[7] = (0, f"<< /Length {len(content)} >>\nstream\n{content}endstream")

    page1 = []  # the /Annots entries of page 1, in order

    def annot(number, body, generation=0):
        objects[number] = (generation, body)
        page1.append(f"{number} {generation} R")

    # 20: Highlight, the standard corner order (UL UR LL LR); top-left y = 792 - y:
    #   UL (100,80) UR (300,80) LL (100,92) LR (300,92); Rect (100,80)-(300,92).
    contents = "\ufeffCafé 😀".encode("utf-16-be")  # FE FF, then a surrogate pair
    author = b"\xff\xfe" + "Åsa".encode("utf-16-le")  # UTF-16LE with its mark
    subject = b"\xef\xbb\xbf" + "Über ✓".encode("utf-8")  # UTF-8 with its mark (PDF 2.0)
    annot(20, "<< /Type /Annot /Subtype /Highlight /Rect [100 700 300 712]"
              " /QuadPoints [100 712 300 712 100 700 300 700]"
              f" /Contents {hexstring(contents)} /T {hexstring(author)} /Subj {hexstring(subject)}"
              # PDFDocEncoding: 80 bullet, A0 euro, 18 breve, 93 fi ligature
              r" /NM (id\200\240\030\223)"
              " /CreationDate (D:20240102030405+01'00') /M (D:20240102030405Z)"
              " /C [1 1 0] /CA 0.5 >>")
    # 21: Underline, counter-clockwise (LL LR UR UL), two lines:
    #   line 1 x 72..540, y 650..662 → top 130, bottom 142;
    #   line 2 x 72..300, y 636..648 → top 144, bottom 156.
    annot(21, "<< /Type /Annot /Subtype /Underline /Rect [72 636 540 662]"
              " /QuadPoints [72 650 540 650 540 662 72 662 72 636 300 636 300 648 72 648]"
              # year only; no D:, a negative zone and no closing apostrophe
              " /CreationDate (D:2024) /M (20231231235959-08'00) >>")
    # 22: StrikeOut, QuadPoints of 12 numbers: one whole quad (x 200..260,
    #   y 590..600 → top 192, bottom 202) and 4 left over. Dates not dates.
    annot(22, "<< /Type /Annot /Subtype /StrikeOut /Rect [200 590 260 600]"
              " /QuadPoints [200 600 260 600 200 590 260 590 1 2 3 4]"
              " /CreationDate (D:20240230) /M (yesterday) >>")
    # 23: Squiggly of three quads: one good (x 100..200, y 550..560 → top 232,
    #   bottom 242), one with a name for a coordinate, one with 1e8.
    annot(23, "<< /Type /Annot /Subtype /Squiggly /Rect [100 510 200 560]"
              " /QuadPoints [100 560 200 560 100 550 200 550"
              "  100 540 /Foo 540 100 530 200 530"
              "  100 520 100000000 520 100 510 200 510] >>")
    # 24: Highlight without QuadPoints: its Rect (300,280)-(400,292).
    annot(24, "<< /Type /Annot /Subtype /Highlight /Rect [400 512 300 500] >>")  # corners given the other way round
    # 25: Highlight whose only quad is broken: its Rect (300,300)-(400,312).
    annot(25, "<< /Type /Annot /Subtype /Highlight /Rect [300 480 400 492]"
              " /QuadPoints [300 492 400 492 300 480 (x)] >>")
    # 26: Caret grouped with the StrikeOut 22 (a replacement); CMYK red.
    annot(26, "<< /Type /Annot /Subtype /Caret /Rect [258 588 266 602] /IRT 22 0 R /RT /Group"
              " /C [0 1 1 0] /Contents (replacement) >>")
    # 27: Text, a reply to 20 (no /RT: /R); grey.
    annot(27, "<< /Type /Annot /Subtype /Text /Rect [20 700 40 720] /IRT 20 0 R /C [0.5]"
              " /Contents (Agreed) /T (Bob)"
              " /CreationDate (D:20240615123000Z00'00') /M (D:20240615123000+05'30') >>")
    # 28: FreeText, empty colour (transparent).
    annot(28, "<< /Type /Annot /Subtype /FreeText /Rect [400 400 500 450] /C [] /Contents (On the page) >>")
    # 29–35: the region kinds. The Square's colour is clamped: (1, 0, 0.5).
    annot(29, "<< /Type /Annot /Subtype /Square /Rect [50 50 100 100] /C [2 -1 0.5] >>")
    annot(30, "<< /Type /Annot /Subtype /Circle /Rect [50 110 100 160] /CA 1.5 >>")
    # The Ink's /Contents is a number, its /IRT a dictionary: both left out.
    annot(31, "<< /Type /Annot /Subtype /Ink /Rect [50 170 100 220] /Contents 12 /IRT << /Subtype /Text >> >>")
    annot(32, "<< /Type /Annot /Subtype /Polygon /Rect [50 230 100 280] >>")
    # The PolyLine answers 20 with an unknown /RT: taken as /R.
    annot(33, "<< /Type /Annot /Subtype /PolyLine /Rect [50 290 100 340] /IRT 20 0 R /RT /Foo >>")
    annot(34, "<< /Type /Annot /Subtype /Line /Rect [50 350 100 400] /L [50 350 100 400] >>")
    annot(35, "<< /Type /Annot /Subtype /Stamp /Rect [50 410 100 460] /Name /Approved >>")
    # 36–39: not readers' annotations: kind other.
    annot(36, "<< /Type /Annot /Subtype /Link /Rect [110 50 160 60] /Border [0 0 0] >>")
    annot(37, "<< /Type /Annot /Subtype /Widget /Rect [110 70 160 80] /FT /Tx /T (field) >>")
    annot(38, "<< /Type /Annot /Subtype /FileAttachment /Rect [110 90 130 110] >>")
    # A Popup written directly in /Annots: no reference. Rect (110,662)-(210,712).
    page1.append("<< /Type /Annot /Subtype /Popup /Rect [110 80 210 130] /Parent 27 0 R >>")
    # Broken entries: a number; a reference to an integer; a reference to
    # no object; a dictionary without /Subtype; a /Subtype that is a string.
    page1.append("42")
    objects[40] = (0, "7")
    page1.append("40 0 R")
    page1.append("500 0 R")
    annot(41, "<< /Type /Annot /Rect [0 0 10 10] >>")
    annot(42, "<< /Type /Annot /Subtype (Highlight) /Rect [0 0 10 10] >>")
    # A Square whose Rect has 3 numbers: no place.
    annot(43, "<< /Type /Annot /Subtype /Square /Rect [0 0 1] >>")
    # Generation 1: a Highlight with QuadPoints but no Rect (x 400..500,
    #   y 300..310 → top 482, bottom 492).
    annot(44, "<< /Type /Annot /Subtype /Highlight /QuadPoints [400 310 500 310 400 300 500 300] >>", generation=1)

    objects[3] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R"
                     f" /Annots [{' '.join(page1)}] >>")

    # Page 2: /Rotate 90, crop box offset. Top-left x = y - 100, y = x - 50.
    # 50: line displayed at x 100..300, y 40..52: user x = 90..102, y = 200..400;
    #   displayed UL (100,40) = user (90,200), UR (300,40) = (90,400),
    #   LL (100,52) = (102,200), LR (300,52) = (102,400). Standard order.
    objects[50] = (0, "<< /Type /Annot /Subtype /Highlight /Rect [90 200 102 400]"
                      " /QuadPoints [90 200 90 400 102 200 102 400] >>")
    # 51: line displayed at x 100..250, y 60..72: user x = 110..122, y = 200..350;
    #   counter-clockwise: LL (100,72) = (122,200), LR (250,72) = (122,350),
    #   UR (250,60) = (110,350), UL (100,60) = (110,200).
    objects[51] = (0, "<< /Type /Annot /Subtype /Highlight /Rect [110 200 122 350]"
                      " /QuadPoints [122 200 122 350 110 350 110 200] >>")
    # 52: Square, user x 60..80, y 110..150 → displayed x 10..50, y 10..30.
    objects[52] = (0, "<< /Type /Annot /Subtype /Square /Rect [60 110 80 150] >>")
    objects[4] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /CropBox [50 100 550 700] /Rotate 90"
                     " /Contents 7 0 R /Annots [50 0 R 51 0 R 52 0 R] >>")

    # Page 3: text running down the page (a quarter turn clockwise), x 300..312,
    # y (top-left) 100..300, i.e. user y 692..492. Read downwards, the text's
    # top is on the right: UL (312,100) UR (312,300) LL (300,100) LR (300,300);
    # in user space UL (312,692) UR (312,492) LL (300,692) LR (300,492).
    objects[60] = (0, "<< /Type /Annot /Subtype /Highlight /Rect [300 492 312 692]"
                      " /QuadPoints [312 692 312 492 300 692 300 492] >>")
    objects[61] = (0, "<< /Type /Annot /Subtype /Highlight /Rect [300 492 312 692]"
                      " /QuadPoints [300 692 300 492 312 492 312 692] >>")
    objects[62] = (0, "[60 0 R 61 0 R]")
    objects[5] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Annots 62 0 R >>")
    # Page 4: none.
    objects[6] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R >>")
    write(os.path.join(OUT, "annotations.pdf"), objects)


def many_pdf():
    """Three pages of four Highlights each: objects 10 + 4 × page + k (k 0…3),
    each over x 72..172 at y 700 - 20k..712 - 20k."""
    objects = {}
    content = "% empty\n"
    objects[1] = (0, "<< /Type /Catalog /Pages 2 0 R >>")
    objects[2] = (0, "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>")
    objects[6] = (0, f"<< /Length {len(content)} >>\nstream\n{content}endstream")
    for page in range(3):
        refs = []
        for k in range(4):
            number = 10 + 4 * page + k
            y = 700 - 20 * k
            objects[number] = (0, f"<< /Type /Annot /Subtype /Highlight /Rect [72 {y} 172 {y + 12}]"
                                  f" /QuadPoints [72 {y + 12} 172 {y + 12} 72 {y} 172 {y}] /Contents (p{page + 1}a{k + 1}) >>")
            refs.append(f"{number} 0 R")
        objects[3 + page] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R"
                                f" /Annots [{' '.join(refs)}] >>")
    write(os.path.join(OUT, "many.pdf"), objects)


def unreadable_pdf():
    objects = {}
    content = "% empty\n"
    objects[1] = (0, "<< /Type /Catalog /Pages 2 0 R >>")
    objects[2] = (0, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>")
    objects[5] = (0, f"<< /Length {len(content)} >>\nstream\n{content}endstream")
    objects[6] = (0, "<< /Type /Annot /Subtype /Highlight /Rect [72 700 172 712] /QuadPoints [72 712 172 712 72 700 172 700] >>")
    objects[3] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Annots [6 0 R] >>")
    objects[4] = (0, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Annots 7 0 R >>")
    objects[7] = (0, "[" + " ".join(["6 0 R"] * 12_000) + "]")
    write(os.path.join(OUT, "unreadable.pdf"), objects)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    annotations_pdf()
    many_pdf()
    unreadable_pdf()
    print(f"wrote {OUT}/annotations.pdf, many.pdf, unreadable.pdf")
