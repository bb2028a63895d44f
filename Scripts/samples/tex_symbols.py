#!/usr/bin/env python3
"""Writes Tests/Fixtures/fonts/tex-symbols.pdf: one line of pdfLaTeX math
whose glyphs come from Computer Modern's symbol font (cmsy10) without a
ToUnicode map, so readers must map its glyph names: angbracketleft,
angbracketright, bardbl and prime are in the Adobe Glyph List (and PDF.js
maps them to 〈 〉 ‖ ′) but not in Poppler 22.12's name table, which then
gives the character codes (h, i, k, 0) instead.

    python3 Scripts/samples/tex_symbols.py

Needs pdflatex (Debian's texlive-latex-base). Reproducible (SOURCE_DATE_EPOCH).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_samples import latex  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOURCE = r"""\pdfgentounicode=0
\documentclass{article}
\pagestyle{empty}
\begin{document}
Angle $\langle x \rangle$, norm $\Vert v \Vert$ and prime $f'$.
\end{document}
"""

if __name__ == "__main__":
    latex("tex-symbols", SOURCE, os.path.join(ROOT, "Tests", "Fixtures", "fonts"))
