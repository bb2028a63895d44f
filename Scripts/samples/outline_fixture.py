#!/usr/bin/env python3
"""A one-page PDF whose outline has an entry for page 1 (top at y = 700,
so 92 points from the top of a 792-point page) and one whose destination
is page index 7 — past the last page (a broken bookmark, as PDFs that lost
pages have). Used by OutlineTests and the CLI test that Poppler's
complaints about it never reach the user's terminal.

    Scripts/samples/outline_fixture.py   # writes Tests/Fixtures/outline/past-the-end.pdf
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "outline", "past-the-end.pdf")

content = "BT /F1 12 Tf 72 700 Td (A page with a broken bookmark) Tj ET\n"
objects = [
    "<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    f"<< /Length {len(content)} >>\nstream\n{content}endstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Outlines /First 7 0 R /Last 8 0 R /Count 2 >>",
    "<< /Title (On page one) /Parent 6 0 R /Next 8 0 R /Dest [3 0 R /XYZ 0 700 0] >>",
    "<< /Title (Past the end) /Parent 6 0 R /Prev 7 0 R /Dest [7 /XYZ 0 700 0] >>",
]
out = bytearray(b"%PDF-1.4\n")
offsets = []
for number, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
xref = len(out)
out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
for offset in offsets:
    out += f"{offset:010d} 00000 n \n".encode()
out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
with open(OUT, "wb") as f:
    f.write(out)
print(f"wrote {OUT}")
