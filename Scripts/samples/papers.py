"""LaTeX sources of the sample papers (see make_samples.py)."""
from prose import Prose as _Prose


class Prose(_Prose):
    """Prose with LaTeX's special characters escaped."""

    def sentence(self):
        return super().sentence().replace("%", r"\%")

AUTHORS = r"Thørvald Ødegaard\textsuperscript{1}, Valérie Dubois\textsuperscript{2}, Zoë Müller\textsuperscript{1} and Jiří Dvořák\textsuperscript{3}"
AFFILIATIONS = r"\textsuperscript{1}Institut für Küstenforschung, Kiel \quad \textsuperscript{2}Université de Bretagne Occidentale, Brest \quad \textsuperscript{3}Česká zemědělská univerzita, Praha"
GREEK = r"\foreignlanguage{greek}{Η ροή των ιζημάτων εξαρτάται από την ταχύτητα του νερού και το μέγεθος των κόκκων.}"
FRENCH = ("Les mesures ont été effectuées à marée haute ; la théorème de Bagnold reste dérivable "
          "même lorsque la concentration dépasse le seuil prévu, à condition que la pente soit faible.")
CJK = r"\begin{CJK}{UTF8}{gbsn}沉积物输运取决于水流速度和颗粒大小。我们在十二个站点测量了悬浮泥沙浓度，并与模型结果进行了比较。\end{CJK}"

SECTIONS = ["Introduction", "Study site and instruments", "Methods", "Results",
            "Sensitivity of the efficient solver", "Discussion", "Conclusions"]


def table(prose, rows=6):
    r = prose.rng
    lines = [r"\begin{tabular}{lrrr}", r"\hline", r"Station & Depth (m) & Flux & Efficiency \\", r"\hline"]
    for i in range(rows):
        lines.append(f"S{i + 1:02d} & {r.uniform(2, 40):.1f} & {r.uniform(0.1, 9):.2f} & {r.uniform(40, 99):.1f}\\% \\\\")
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines)


def edit_text(text, edits):
    for old, new in edits:
        text = text.replace(old, new, 1)
    return text


def paper_body(seed, sections=SECTIONS, paragraphs=(6, 9), footnotes=True):
    """The body as a list of (kind, text) parts, shared by both typesettings."""
    prose = Prose(seed)
    parts = []
    for number, title in enumerate(sections, 1):
        parts.append(("section", title))
        for k in range(prose.rng.randint(*paragraphs)):
            text = prose.paragraph()
            if footnotes and k == 1:
                text += r"\footnote{" + prose.sentence() + "}"
            parts.append(("par", text))
            if title == "Discussion" and k == 0:
                parts.append(("par", FRENCH + " " + GREEK))
            if title == "Results" and k == 1:
                parts.append(("table", table(prose)))
            if title == "Methods" and k == 0:
                parts.append(("equation", r"\tau_b = \rho\, C_d\, |u|\, u, \qquad C_d = \left(\frac{\kappa}{\ln(z/z_0)}\right)^2"))
    return parts


def render_parts(parts):
    out = []
    for kind, text in parts:
        if kind == "section":
            out.append(r"\section{" + text + "}")
        elif kind == "par":
            out.append(text + "\n")
        elif kind == "table":
            out.append(r"\begin{table}[t]\centering\small" + "\n" + text + "\n"
                       + r"\caption{Characteristic values at each station.}\end{table}" + "\n")
        elif kind == "equation":
            out.append(r"\begin{equation}" + text + r"\end{equation}")
    return "\n".join(out)


PREAMBLE_COMMON = r"""
\usepackage[utf8]{inputenc}
\usepackage[greek,english]{babel}
\usepackage{CJKutf8}
\usepackage{amsmath}
\usepackage{fancyhdr}
\usepackage{pdflscape}
\usepackage[hidelinks,pdfpagelabels=true]{hyperref}
"""


def twocolumn_paper(seed):
    """Paper A: two columns, OT1 Computer Modern (accents drawn as separate
    glyphs, ligature glyphs without ToUnicode), running headers, a footer
    that interrupts the text, roman-numbered cover pages, a rotated page and
    a CJK paragraph."""
    prose = Prose(seed + 1000)
    body = render_parts(paper_body(seed))
    key_points = " ".join(prose.sentence() for _ in range(2))
    abstract = prose.paragraph(7)
    appendix = prose.paragraph(5)
    return r"""\documentclass[10pt,twocolumn]{article}
\usepackage[margin=1.8cm]{geometry}
""" + PREAMBLE_COMMON + r"""
\pagestyle{fancy}
\fancyhead[L]{\small J. Synth. Coastal Res. 12 (2026) 101--118}
\fancyhead[R]{\small Ødegaard et al.}
\fancyfoot[C]{\small Downloaded from https://example.org/jscr/article/12/101 on 3 March 2026 \quad \thepage}
\title{Fine sediment flux and flocculation in a stratified estuary: an efficient field calibration}
\author{""" + AUTHORS + r"""\\ \small """ + AFFILIATIONS + r"""}
\date{}
\begin{document}
\pagenumbering{roman}
\onecolumn
\maketitle
\thispagestyle{fancy}
\section*{Key points}
\begin{itemize}
\item """ + key_points + r"""
\item Salvage of the offshore record was possible for """ + str(prose.rng.randint(5, 20)) + r""" of the stations.
\end{itemize}
\newpage
\section*{Abstract}
""" + abstract + r"""
\newpage
\twocolumn
\pagenumbering{arabic}
\setcounter{page}{101}
""" + body + r"""
\section{Summary in Chinese}
""" + CJK + r"""

\onecolumn
\begin{landscape}
\section*{Appendix: station table}
""" + appendix + r"""

\begin{center}
""" + table(prose, 10) + r"""
\end{center}
\end{landscape}
\end{document}
"""


def retypeset_paper(seed):
    """Paper A again as a "corrected version": one column, T1 Latin Modern
    (precomposed accents), other margins and font size, so pages and line
    breaks differ, with a few words changed."""
    prose = Prose(seed + 1000)
    parts = paper_body(seed)
    edits = [("significantly exceeds", "clearly exceeds"), ("the baseline run", "the reference run"),
             ("within experimental uncertainty", "within the experimental uncertainty")]
    parts = [(k, edit_text(t, edits) if k == "par" else t) for k, t in parts]
    key_points = " ".join(prose.sentence() for _ in range(2))
    abstract = prose.paragraph(7)
    appendix = prose.paragraph(5)
    return r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2.5cm]{geometry}
""" + PREAMBLE_COMMON + r"""
\pagestyle{fancy}
\fancyhead[L]{\small Fine sediment flux and flocculation (revised)}
\fancyhead[R]{\small \thepage}
\fancyfoot{}
\title{Fine sediment flux and flocculation in a stratified estuary: an efficient field calibration}
\author{""" + AUTHORS + r"""\\ \small """ + AFFILIATIONS + r"""}
\date{Revised version}
\begin{document}
\maketitle
\section*{Key points}
""" + key_points + r"""
\section*{Abstract}
""" + abstract + "\n" + render_parts(parts) + r"""
\section{Summary in Chinese}
""" + CJK + r"""

\section*{Appendix: station table}
""" + appendix + r"""
\end{document}
"""


def thesis(seed, chapters=15):
    """A 100+ page thesis: book class, T1 Latin Modern with full ToUnicode
    (glyphtounicode), roman front matter, arabic chapters and an appendix
    labelled A-1, A-2, …"""
    prose = Prose(seed)
    front = []
    for title in ["Abstract", "Acknowledgements", "Preface"]:
        front.append(r"\chapter*{" + title + "}\n" + "\n\n".join(prose.paragraph() for _ in range(5)))
    chapters_tex = []
    for c in range(chapters):
        chapters_tex.append(r"\chapter{" + prose.rng.choice(["Observations of", "Models of", "Notes on", "Experiments on"])
                            + " " + prose.rng.choice(["sediment transport", "boundary layers", "flocculation", "wave attenuation", "estuarine mixing"])
                            + f" ({c + 1})" + "}")
        for s in range(3):
            chapters_tex.append(r"\section{" + prose.rng.choice(SECTIONS) + "}")
            for _ in range(7):
                chapters_tex.append(prose.paragraph(prose.rng.randint(6, 10)) + "\n")
    appendix = "\n\n".join(prose.paragraph() for _ in range(8))
    return r"""\documentclass[11pt,oneside]{book}
\pdfgentounicode=1
\input{glyphtounicode}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[a5paper,margin=1.8cm]{geometry}
""" + PREAMBLE_COMMON + r"""
\title{Transport and flocculation of fine sediment in stratified estuaries}
\author{Zoë Müller}
\date{Kiel, 2026}
\begin{document}
\frontmatter
\maketitle
""" + "\n".join(front) + r"""
\tableofcontents
\mainmatter
""" + "\n".join(chapters_tex) + r"""
\appendix
\renewcommand{\thepage}{A-\arabic{page}}
\setcounter{page}{1}
\chapter{Additional measurements}
""" + appendix + r"""
\end{document}
"""
