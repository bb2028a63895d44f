#!/usr/bin/env python3
"""Writes Tests/Fixtures/replaced/papers/report.pdf and its truth.json: the
new edition of a report in which a sentence is printed twice, one copy
changed by a word, and 68 pages were put in at the front since the first
edition — where a note made on the first edition has positions that are
stale, and a highlight of the copy as it is points, stale, to the changed
copy. Reading only the pages a note points to must not settle on the
changed copy (found by a hostile review; PageReaderTests).

    python3 Scripts/samples/replaced.py

truth.json gives the page of each copy (1-based) as pdftotext finds it,
and two highlights of the opening pages (which did not move).
Needs pdflatex (Debian's texlive-latex-base and -recommended) and lmodern;
builds are reproducible (SOURCE_DATE_EPOCH).
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_samples import latex  # noqa: E402
from papers import Prose  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "replaced")

# The highlighted passage, and its copy changed by a word.
QUOTE = "the flocculation rate doubled whenever the salinity front passed the northern gauge during neap tides"
CHANGED = QUOTE.replace("passed", "crossed")
BEFORE = "A note on the survey design. In both campaigns we observed that "
AFTER = ", which the earlier survey had not reported at all."


def paragraphs(seed, count):
    prose = Prose(seed)
    return [prose.paragraph() for _ in range(count)]


def source(parts):
    return ("\\documentclass[11pt]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
            "\\begin{document}\n" + "\n\n".join(parts) + "\n\\end{document}\n")


def main():
    os.makedirs(os.path.join(FIXTURE, "papers"), exist_ok=True)
    opening, middle, closing = paragraphs(1, 40), paragraphs(2, 330), paragraphs(3, 40)
    # The new edition: 330 paragraphs put in after the opening (vowels
    # turned, so that they repeat nothing of the rest).
    turned = str.maketrans("aeiouAEIOU", "eiouaEIOUA")
    inserted = [p.translate(turned) for p in paragraphs(4, 330)]
    parts = opening + inserted + [BEFORE + CHANGED + AFTER] + middle + [BEFORE + QUOTE + AFTER] + closing
    latex("report", source(parts), os.path.join(FIXTURE, "papers"))
    pdf = os.path.join(FIXTURE, "papers", "report.pdf")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")]

    def page_of(words):
        found = [k + 1 for k, page in enumerate(pages) if words in page]
        if len(found) != 1:
            raise SystemExit(f"'{words}' found on pages {found}")
        return found[0]

    def witness(k):
        # The first words of opening paragraph k, as a highlight: its
        # context the previous paragraph's end and its own next words.
        text = opening[k]
        cut = text.index(" ", 80)
        after = text[cut:cut + 33]
        return {"quote": text[:cut], "prefix": opening[k - 1][-31:] + " ", "suffix": after}

    truth = {
        "generator": "Scripts/samples/replaced.py",
        "quote": QUOTE, "changed": CHANGED, "before": BEFORE, "after": AFTER,
        "pages": len([p for p in pages if p]),
        "quotePage": page_of("salinity front passed the northern"),
        "changedPage": page_of("salinity front crossed the northern"),
        # Two highlights on the opening pages, which did not move.
        "witnesses": [witness(5), witness(30)],
    }
    with open(os.path.join(FIXTURE, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
