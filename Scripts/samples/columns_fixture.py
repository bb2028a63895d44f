#!/usr/bin/env python3
"""A two-column page whose content stream draws the right column first,
then the heading across the top, then the left column: the order of the
text in the file is not the order a reader reads it in. Used by the tests
of the report's column-aware order (Tests/Fixtures/columns/columns.pdf).

    Scripts/samples/columns_fixture.py   # writes the fixture

Plain PDF 1.4, Helvetica (a standard font, no embedding), US Letter;
every line is placed with its own Td, so positions are known by hand:
heading at y = 720, columns' lines from y = 680 down by 14 pt, left column
at x = 72, right column at x = 320 (PDF user space, origin bottom left).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import minimal_pdf  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "columns", "columns.pdf")


def line(x, y, text, size=11):
    return f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n"


def column(x, name):
    return "".join(line(x, 680 - 14 * k, f"{name} column line {k + 1} of the page") for k in range(6))


content = column(320, "Right") + line(72, 720, "A heading across both columns", 16) + column(72, "Left")
objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    f"<< /Length {len(content)} >>\nstream\n{content}endstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
]
os.makedirs(os.path.dirname(OUT), exist_ok=True)
minimal_pdf.write(OUT, objects, trailer_extra=' /ID [<636f6c756d6e732d666978747572652d31> <636f6c756d6e732d666978747572652d31>]')
print(f"wrote {OUT}")
