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
out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
xref = len(out)
out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
for offset in offsets:
    out += f"{offset:010d} 00000 n \n".encode()
out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /ID [<636f6c756d6e732d666978747572652d31> <636f6c756d6e732d666978747572652d31>] >>\nstartxref\n{xref}\n%%EOF\n".encode()
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "wb") as f:
    f.write(out)
print(f"wrote {OUT}")
