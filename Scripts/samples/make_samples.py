#!/usr/bin/env python3
"""Regenerates every committed sample PDF under SamplePDFs/.

    python3 Scripts/samples/make_samples.py        (from the repository root)

Needs pdflatex with Debian's texlive-latex-base/-recommended/-extra,
texlive-fonts-recommended, texlive-lang-greek, cm-super, lmodern,
latex-cjk-chinese and latex-cjk-chinese-arphic-gbsn00lp; and qpdf.
Builds are reproducible (SOURCE_DATE_EPOCH), so the PDFs and their
fingerprints only change when this script or its inputs change.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import edge_cases
import papers

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "SamplePDFs")
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
ENCRYPTED_PASSWORD = "secret"


def latex(name, source, out_dir):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, FORCE_SOURCE_DATE="1")
    with tempfile.TemporaryDirectory() as tmp:
        tex = os.path.join(tmp, name + ".tex")
        with open(tex, "w", encoding="utf-8") as f:
            f.write(source)
        for _ in range(2):  # twice, for the table of contents and page labels
            run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex"],
                                 cwd=tmp, env=env, capture_output=True, text=True, errors="replace")
            if run.returncode != 0:
                sys.stderr.write(run.stdout[-3000:])
                raise SystemExit(f"pdflatex failed on {name}")
        shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(out_dir, name + ".pdf"))
    print(f"built {name}.pdf")


def qpdf(*args):
    subprocess.run(["qpdf", "--warning-exit-0", *args], check=True, stderr=subprocess.DEVNULL)


def main():
    papers_dir = os.path.join(OUT, "papers")
    edge_dir = os.path.join(OUT, "edge-cases")
    os.makedirs(papers_dir, exist_ok=True)
    latex("estuary-flocculation", papers.twocolumn_paper(seed=7), papers_dir)
    latex("estuary-flocculation-revised", papers.retypeset_paper(seed=7), papers_dir)
    latex("thesis-fine-sediment", papers.thesis(seed=11), papers_dir)

    names = edge_cases.build(edge_dir)
    paper = os.path.join(papers_dir, "estuary-flocculation.pdf")
    qpdf("--linearize", "--deterministic-id", paper, os.path.join(edge_dir, "linearized.pdf"))
    qpdf("--encrypt", ENCRYPTED_PASSWORD, "owner-" + ENCRYPTED_PASSWORD, "256", "--", paper,
         os.path.join(edge_dir, "encrypted-user-password.pdf"))
    one_page = os.path.join(edge_dir, "no-id.pdf")
    qpdf("--empty", "--deterministic-id", "--pages", one_page, one_page, one_page, one_page, "--",
         "--rotate=+90:2", "--rotate=+180:3", "--rotate=+270:4", os.path.join(edge_dir, "rotations.pdf"))
    with open(paper, "rb") as f:
        data = f.read()
    with open(os.path.join(edge_dir, "truncated.pdf"), "wb") as f:
        f.write(data[: len(data) * 3 // 5])
    print("built edge cases:", ", ".join(names + ["linearized.pdf", "encrypted-user-password.pdf", "rotations.pdf", "truncated.pdf"]))


if __name__ == "__main__":
    main()
