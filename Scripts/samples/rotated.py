#!/usr/bin/env python3
"""Writes Tests/Fixtures/rotated/: a paper whose four pages are turned 0, 90,
180 and 270 degrees (/Rotate), each with the same text — a paragraph and a
fixed-width code listing (pdfTeX's listings: letters placed in fixed columns,
so character spacing sits between them) — and highlights made with
PyMuPDF over known phrases, then PDF.js 2.14's text of every page.

    python3 Scripts/samples/rotated.py       (from the repository root)

Needs pdflatex (with listings), PyMuPDF 1.26, node and Debian's libjs-pdf.
Writes rotated.tex, rotated.pdf, and pdfjs.json (Scripts/pdfjs/page-texts.js:
each page's text as Hypothesis joins PDF.js's text items) — what the tests
compare PDFAnchor's model of PDF.js's text and its imported selectors with.
Deterministic: SOURCE_DATE_EPOCH, a fixed trailer id, fixed annotation dates,
and PyMuPDF saving without a new /ID.
"""
import os
import subprocess
import sys
import tempfile

import pymupdf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "rotated")

TEX = r"""\documentclass[10pt]{article}
\usepackage[a5paper,margin=18mm]{geometry}
\usepackage{listings}
\lstset{basicstyle=\ttfamily\small,columns=fixed}
\pdfinfoomitdate=1 \pdftrailerid{rotated} \pdfsuppressptexinfo=-1
\pagestyle{empty}
\begin{document}
\section*{Settling on a turned page}
Suspended particulate matter forms aggregates whose settling velocity
depends on turbulence, salinity and biological stickiness. The listing
below computes it for a single grain in still water.
\begin{lstlisting}
def settling_velocity(d, rho_s, rho_w):
    g = 9.81
    return g * (rho_s - rho_w) * d**2 / (18 * mu)
\end{lstlisting}
Flocs settle faster than their grains would on their own.
\end{document}
"""

PHRASES = ["aggregates whose settling velocity", "biological stickiness", "settling_velocity", "faster than their grains"]


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "rotated.tex"), "w") as f:
        f.write(TEX)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "-output-directory", tmp, os.path.join(OUT, "rotated.tex")],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        single = pymupdf.open(os.path.join(tmp, "rotated.pdf"))
        doc = pymupdf.open()
        for k, rotation in enumerate([0, 90, 180, 270]):
            doc.insert_pdf(single, from_page=0, to_page=0)
            page = doc[k]
            page.set_rotation(rotation)
            for n, phrase in enumerate(PHRASES):
                quads = page.search_for(phrase, quads=True)
                if not quads:
                    sys.exit(f"{phrase!r} not found on page {k + 1}")
                annot = page.add_highlight_annot(quads)
                annot.set_info(title="Tester", content=f"page {k + 1}, {phrase}",
                               creationDate="D:20240102030405Z", modDate="D:20240102030405Z")
                annot.update()
        doc.set_metadata({"producer": "PyMuPDF", "creator": "rotated.py", "creationDate": "D:20240102030405Z", "modDate": "D:20240102030405Z"})
        doc.save(os.path.join(OUT, "rotated.pdf"), garbage=3, deflate=True, no_new_id=True)
    with open(os.path.join(OUT, "pdfjs.json"), "w") as f:
        subprocess.run(["node", os.path.join(ROOT, "Scripts", "pdfjs", "page-texts.js"), os.path.join(OUT, "rotated.pdf")], check=True, stdout=f)


if __name__ == "__main__":
    main()
