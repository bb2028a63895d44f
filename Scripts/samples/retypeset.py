#!/usr/bin/env python3
"""Writes Tests/Fixtures/retypeset/papers/*.pdf: papers typeset twice, as a
first version and a revision (other class, columns, geometry and fonts,
and words edited), for the test of `pdfanchor refresh` against PDF.js's
text (Scripts/pdfjs/make-retypeset.js makes the notes and the truth).

    python3 Scripts/samples/retypeset.py        (from the repository root)

Every version has what makes PDF.js's text hard to guess from Poppler's:
line-end hyphens, ligatures (fi, ff, ffi, fl), accents (drawn as their own
glyph in OT1 Computer Modern, precomposed in T1 Times and Palatino), inline
and displayed math (sums, integrals, Greek, sub- and superscripts), a
footnote, two columns in one of the versions, pdfTeX's font expansion
(microtype) in one.

Needs pdflatex with Debian's texlive-latex-base, texlive-latex-recommended
and texlive-fonts-recommended. Reproducible (SOURCE_DATE_EPOCH).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_samples import latex  # noqa: E402
from prose import Prose as _Prose  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "retypeset", "papers")


class Prose(_Prose):
    """Prose with LaTeX's special characters escaped."""

    def sentence(self):
        return super().sentence().replace("%", r"\%")


# Sentences with inline math, accents and symbols, mixed into the prose.
MATH = [
    r"The total load is $Q = \sum_{i=1}^{n} q_i \Delta t_i$, where $q_i$ is the flux of the $i$-th interval.",
    r"We write the settling velocity as $w_s = \alpha\, d^{2} (\rho_s - \rho)/\mu$ with $\alpha \approx 0.{d}$.",
    r"For $\theta > \theta_c$ the bed is mobile, and the excess stress $\tau - \tau_c$ grows like $u_*^{2}$.",
    r"The spectrum $S(\omega) \propto \omega^{-5/3}$ holds between $\omega_1 = {n}$ and $\omega_2 = {m}$ rad/s.",
    r"The integral $\int_0^h c(z)\,dz$ gives the depth-integrated mass, within $\pm {d}\%$ of the bottle samples.",
    r"Each estimate $\hat{\beta}_k$ has a variance $\sigma_k^2 \le \varepsilon$ for $k \in \{1, \dots, {n}\}$.",
    r"The ratio $\phi = \lambda / \delta$ was ${d}.{m}$ on average; its fluctuations $\phi' = \phi - \bar{\phi}$ stay small.",
    r"Les mesures ont été effectuées à marée haute, près de la Pointe-à-Pître, où la théorie reste dérivable.",
    r"The coefficients of Müller and Ødegaard (déjà vu in Table {n}) were re-estimated for the naïve model.",
    r"A fluffy, affluent flow offshore affects the efficient office staff's official estimates of the shelf.",
]

DISPLAY = [
    r"E_s = \sum_{l=1}^{\infty} E_0\, i^{l} (2l+1)\, j_l(kr)\, P_l(\cos\theta)",
    r"\frac{\partial c}{\partial t} + u \frac{\partial c}{\partial x} = \frac{\partial}{\partial z}\left(K_z \frac{\partial c}{\partial z}\right) - w_s \frac{\partial c}{\partial z}",
    r"\bar{u}(z) = \frac{u_*}{\kappa} \ln\frac{z}{z_0}, \qquad \Phi = \int_{0}^{\infty} \Gamma(\xi)\, e^{-\xi^2}\, d\xi",
]

# What the revision changes in the text: words a referee asked for.
EDITS = [("measured", "recorded"), ("significantly", "clearly"), ("difficult", "hard"), ("strongly", "markedly"),
         ("the baseline run", "the reference run"), ("first reported", "first described"), ("collected", "gathered"),
         ("suggest", "indicate"), ("approximately", "roughly"), ("stations", "sites")]


def fill(template, rng):
    return (template.replace("{d}", str(rng.randint(1, 9))).replace("{n}", str(rng.randint(2, 40)))
            .replace("{m}", str(rng.randint(10, 99))))


def body(seed, sections=6, paragraphs=(4, 6)):
    """The paper's parts, shared by both versions: (kind, text)."""
    prose = Prose(seed)
    rng = prose.rng
    parts = []
    for number in range(sections):
        parts.append(("section", rng.choice(["Introduction", "Methods", "Observations", "Results", "A model of the flux",
                                             "Discussion", "Sensitivity", "Conclusions"])))
        for k in range(rng.randint(*paragraphs)):
            sentences = [prose.sentence() for _ in range(rng.randint(4, 7))]
            for _ in range(rng.randint(1, 2)):
                sentences.insert(rng.randint(0, len(sentences)), fill(rng.choice(MATH), rng))
            text = " ".join(sentences)
            if number == 1 and k == 1:
                text += r"\footnote{" + prose.sentence() + " " + fill(MATH[0], rng) + "}"
            parts.append(("par", text))
            if k == 1:
                parts.append(("equation", DISPLAY[number % len(DISPLAY)]))
    return parts


def render(parts, edits=()):
    out = []
    for kind, text in parts:
        if kind == "section":
            out.append(r"\section{" + text + "}")
        elif kind == "par":
            for old, new in edits:
                text = text.replace(old, new)
            out.append(text + "\n")
        else:
            out.append(r"\begin{equation}" + text + r"\end{equation}" + "\n")
    return "\n".join(out)


def document(options, preamble, title, parts, edits=()):
    return (r"\documentclass[" + options + "]{article}\n" + preamble + r"""
\usepackage[utf8]{inputenc}
\usepackage{amsmath}
\title{""" + title + r"""}
\author{Thørvald Ødegaard and Zoë Müller}
\date{}
\begin{document}
\maketitle
""" + render(parts, edits) + r"""
\end{document}
""")


# Each paper: a seed, the first version's and the revision's class options
# and preamble.
PAPERS = [
    ("scattering", 11, ("11pt", r"\usepackage[margin=3cm]{geometry}"),
     ("10pt,twocolumn", r"\usepackage[T1]{fontenc}" + "\n" + r"\usepackage{mathptmx}" + "\n" + r"\usepackage[margin=1.6cm]{geometry}"
      + "\n" + r"\usepackage{microtype}")),
    ("settling", 12, ("10pt,twocolumn", r"\usepackage[margin=2cm]{geometry}"),
     ("12pt", r"\usepackage[T1]{fontenc}" + "\n" + r"\usepackage{mathpazo}" + "\n" + r"\usepackage[a4paper,margin=2.8cm]{geometry}")),
    ("turbulence", 13, ("11pt", r"\usepackage[a4paper,margin=2.5cm]{geometry}"),
     ("11pt", r"\pdfgentounicode=1" + "\n" + r"\input{glyphtounicode}" + "\n" + r"\usepackage[letterpaper,margin=3.2cm]{geometry}")),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    # The revision's edits, for the notes' generator (make-retypeset.js).
    with open(os.path.join(OUT, "edits.json"), "w", encoding="utf-8") as f:
        json.dump({"papers": [name for name, *_ in PAPERS], "edits": EDITS}, f, indent=1)
        f.write("\n")
    for name, seed, first, revision in PAPERS:
        parts = body(seed)
        title = "Fine sediment " + name + " in a stratified estuary"
        latex(name + "-v1", document(first[0], first[1], title, parts), OUT)
        latex(name + "-v2", document(revision[0], revision[1], title + " (revised)", parts, EDITS), OUT)


if __name__ == "__main__":
    main()
