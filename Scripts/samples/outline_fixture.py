#!/usr/bin/env python3
"""A one-page PDF whose outline has an entry for page 1 (top at y = 700,
so 92 points from the top of a 792-point page) and one whose destination
is page index 7 — past the last page (a broken bookmark, as PDFs that lost
pages have). Used by OutlineTests and the CLI test that Poppler's
complaints about it never reach the user's terminal.

    Scripts/samples/outline_fixture.py   # writes Tests/Fixtures/outline/past-the-end.pdf
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import minimal_pdf  # noqa: E402

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
minimal_pdf.write(OUT, objects)
print(f"wrote {OUT}")
