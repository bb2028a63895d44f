#!/usr/bin/env python3
"""Writes Tests/Fixtures/repeated/papers/boilerplate.pdf: a six-page report whose
paragraphs repeat word for word, the document where only an annotation's
TextPositionSelector can say which copy was highlighted; and refrains.pdf,
whose copies stand a line apart.

- A disclaimer paragraph printed five times (pages 1, 2, 3 and 6), each copy
  between unique paragraphs, so its quote *and* its 32-character context
  are the same at every copy.
- A table whose rows repeat ("n/a" cells, a repeated "Control" row).
- Pages 4 and 5 are the same filler page, line for line.

refrains.pdf (two pages): a log whose line repeats nine times, one under
another, and a table whose row repeats eight times — copies too close
for a position hint that errs by a few characters to tell apart, told
apart only where the position is exact — each block between sentences
printed once.

Then Scripts/pdfjs/make-repeated.js writes a note for each with PDF.js (and
the truth of every annotation): the tests and Scripts/trial use both.

    python3 Scripts/samples/repeated.py

Needs pdflatex (Debian's texlive-latex-base and -recommended). Builds are
reproducible (SOURCE_DATE_EPOCH).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_samples import latex  # noqa: E402
from papers import Prose  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "repeated", "papers")

DISCLAIMER = (
    "The views expressed in this section are those of the working group and do not necessarily "
    "reflect the position of the funding agency. Figures are provisional until the final audit of "
    "the monitoring network has been completed, and readers should consult the data portal for the "
    "current release before citing any of the values given here.")

FILLER = (
    "This page is reserved for the station logbooks, which are kept in the project archive and are "
    "not reproduced in this report. Entries cover the routine maintenance of each mooring, the "
    "replacement of batteries and sensors, and the dates on which the instruments were recovered "
    "for cleaning.")


# Both documents' first lines.
PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage[a4paper,margin=2.5cm]{geometry}
\pagestyle{plain}
\begin{document}
"""


def source(seed=5):
    prose = Prose(seed)

    def unique(n=2):
        return "\n\n".join(prose.paragraph() for _ in range(n))

    rows = []
    for i in range(8):
        name = "Control" if i % 3 == 0 else f"Site {i}"
        cells = ["n/a", "n/a", "n/a"] if i % 2 == 0 else [f"{prose.rng.uniform(1, 9):.2f}", "n/a", f"{prose.rng.uniform(10, 90):.1f}"]
        rows.append(f"{name} & {' & '.join(cells)} \\\\")
    table = "\n".join([r"\begin{tabular}{lrrr}", r"\hline", r"Station & Flux & Load & Share \\", r"\hline", *rows, r"\hline",
                       r"\end{tabular}"])
    filler_page = "\n\n".join([FILLER] * 5)
    return PREAMBLE + rf"""\section*{{Annual report of the estuary monitoring network}}
{unique(2)}

{DISCLAIMER}

{unique(2)}

{DISCLAIMER}
\newpage
\section*{{Stations}}
{unique(1)}

\begin{{center}}
{table}
\end{{center}}

{DISCLAIMER}

{unique(2)}
\newpage
{unique(2)}

{DISCLAIMER}

{unique(1)}
\newpage
{filler_page}
\newpage
{filler_page}
\newpage
\section*{{Outlook}}
{unique(2)}

{DISCLAIMER}

{unique(1)}
\end{{document}}
"""


REFRAIN = "Reading taken at the outer mooring, gauge nominal, no fault."
ROW = r"Reference site & not sampled & not sampled & not sampled \\"
# Printed once each, before and after every block: what a note highlights
# besides the copies.
ONCE = [
    "The harbour master keeps the log of the outer mooring in the tide office.",
    "The gauge was serviced after the last reading of the season in November.",
    "Sites that were not sampled are listed with the reference site of their reach.",
    "Sampling resumes at every reference site once the new boat is delivered.",
]


def refrains_source(seed=9):
    prose = Prose(seed)
    log = "\\\\\n".join([REFRAIN] * 9)
    table = "\n".join([r"\begin{tabular}{lrrr}", r"\hline", r"Site & Flux & Load & Share \\", r"\hline", *([ROW] * 8), r"\hline",
                       r"\end{tabular}"])
    return PREAMBLE + rf"""\section*{{Tide gauge log}}
{prose.paragraph()}

{ONCE[0]}

\noindent {log}

{ONCE[1]}

{prose.paragraph()}
\newpage
\section*{{Sites not sampled}}
{prose.paragraph()}

{ONCE[2]}

\begin{{center}}
{table}
\end{{center}}

{ONCE[3]}

{prose.paragraph()}
\end{{document}}
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    latex("boilerplate", source(), OUT)
    latex("refrains", refrains_source(), OUT)


if __name__ == "__main__":
    main()
