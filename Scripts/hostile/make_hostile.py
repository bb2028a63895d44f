#!/usr/bin/env python3
"""Makes a vault of hostile PDFs, each with a note that annotates it, to
show that `pdfanchor audit` survives files it did not expect.

Usage: python3 Scripts/hostile/make_hostile.py OUT [--small]

OUT/papers/ gets the PDFs and OUT/notes/ one note per PDF (its
annotation-target names the PDF; one highlight quotes text the PDF has, or
would have if it were whole). --small leaves out the big ones (10,000
pages, a million glyphs on a page, a flate bomb); the small ones are also
committed as test fixtures (Tests/Fixtures/hostile/, by --fixtures).

Only the standard library; deterministic (fixed random seed).
"""
import json
import os
import random
import shutil
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "SamplePDFs", "papers", "estuary-flocculation.pdf")
ENCRYPTED = os.path.join(ROOT, "SamplePDFs", "edge-cases", "encrypted-user-password.pdf")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
# The one line of text of a crafted page (long enough to be trusted alone).
LINE = b"This line of text comes after %s, and whatever came before it, it should be found again."
# What the sample paper has on its first page (its title). Quotes here are
# long (60+ characters) because they have no context: shorter ones would
# rightly not be trusted on their own.
SAMPLE_QUOTE = "Fine sediment flux and flocculation in a stratified estuary: an efficient field calibration"


def pdf(objects, root=1, trailer_extra=b"", xref=True):
    """A PDF file from numbered objects (1-based list of bytes)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer_extra, start)
    return bytes(out)


def stream(data, compress=True):
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def text_page(lines, size=10, leading=12):
    body = [b"BT /F1 %g Tf %g TL 36 740 Td" % (size, leading)]
    for line in lines:
        body.append(b"(%s) Tj T*" % line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)"))
    body.append(b"ET")
    return b"\n".join(body)


def pages_pdf(contents, compress=True):
    """A PDF whose pages have the given content streams: 1 catalog, 2 pages,
    3 font, then (page, content) pairs."""
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * k) for k in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), FONT]
    for k, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * k))
        objects.append(stream(content, compress))
    return pdf(objects)


def small(out):
    """The small hostile PDFs: name -> (bytes, a quote the note asks for)."""
    made = {}
    sample = open(SAMPLE, "rb").read()
    rng = random.Random(20261126)
    for k, fraction in enumerate([0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98, 0.999]):
        made[f"truncated-{k:02d}"] = (sample[: int(len(sample) * fraction)], SAMPLE_QUOTE)
    for k, flips in enumerate([1, 3, 10, 30, 100, 300, 1000, 3000]):
        data = bytearray(sample)
        for _ in range(flips):
            data[rng.randrange(len(data))] = rng.randrange(256)
        made[f"flipped-{k:02d}"] = (bytes(data), SAMPLE_QUOTE)
    # Deep nesting in a content stream and in the object graph.
    made["nested-content"] = (pages_pdf([b"[" * 100000 + b"]" * 100000 + b" " + text_page([LINE % b"nested arrays before it"])]),
                              (LINE % b"nested arrays before it").decode())
    made["nested-resources"] = (pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /X "
        + b"<< /A " * 20000 + b"1" + b" >>" * 20000 + b" >> /Contents 5 0 R >>",
        stream(text_page([LINE % b"deeply nested resources"])),
    ]), (LINE % b"deeply nested resources").decode())
    # Cycles: a page tree whose kid is the tree itself; a page that is its own parent; resources that contain themselves.
    made["cyclic-pages"] = (pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
        FONT,
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] /Resources 6 0 R /Contents 5 0 R >>",
        stream(text_page([LINE % b"a page tree that contains itself"])),
        b"<< /Font << /F1 3 0 R >> /Self 6 0 R /ProcSet [6 0 R] >>",
    ]), (LINE % b"a page tree that contains itself").decode())
    # A cross-reference section whose /Prev is itself.
    body = pages_pdf([text_page([LINE % b"a cross-reference loop"])])
    at = len(body)
    made["xref-loop"] = (body + b"xref\n0 0\ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (at, at),
                         (LINE % b"a cross-reference loop").decode())
    # Lengths that lie, a missing object, a stream that never ends.
    made["wrong-lengths"] = (pages_pdf([text_page([LINE % b"stream lengths that lie"])]).replace(b"/Length ", b"/Length 9", 1),
                             (LINE % b"stream lengths that lie").decode())
    made["missing-objects"] = (pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R 9 0 R] /Count 2 >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 7 0 R >> >> /Contents 8 0 R >>",
    ]), "Nothing here.")
    made["endless-stream"] = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Length 10 >>\nstream\n"
                              + b"x" * 5000, "Nothing here.")
    made["no-pages"] = (pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]), "Nothing here.")
    made["huge-page-count"] = (pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 2000000000 >>"]),
                               "Nothing here.")
    # Markup in the PDF's text: reports must show it as text.
    markup = LINE % b"<script>alert('pdf')</script> & \"quotes\""
    made["markup-in-text"] = (pages_pdf([text_page([markup])]), markup.decode())
    made["encrypted"] = (open(ENCRYPTED, "rb").read(), SAMPLE_QUOTE)
    made["not-a-pdf-text"] = (b"Dear reviewer,\nthis is not a PDF.\n" * 10, "Nothing here.")
    made["not-a-pdf-png"] = (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)), "Nothing here.")
    made["empty"] = (b"", "Nothing here.")
    made["header-only"] = (b"%PDF-1.7\n", "Nothing here.")
    return made


def big(out):
    """The big hostile PDFs, written straight to `out` (too big to hold twice)."""
    made = {}
    words = "sediment flux estuary tide turbidity salinity floc settling velocity shear stress bed roughness".split()
    rng = random.Random(7)
    # 10,000 pages.
    pages = [text_page([b"This is page %d of ten thousand, in a long file that says very little else but this." % (k + 1)]) for k in range(10000)]
    made["ten-thousand-pages"] = (pages_pdf(pages), "This is page 5000 of ten thousand, in a long file that says very little else but this.")
    # A million glyphs on one page: 1,000 lines of 1,000 characters in a
    # tiny font, all inside the page, none overlapping.
    lines = []
    for _ in range(1000):
        line = ""
        while len(line) < 1000:
            line += rng.choice(words) + " "
        lines.append(line[:1000].encode())
    # Poppler reads only the first 50,000 or so characters of a page (as
    # pdftotext does): the quote comes from the top.
    quote = lines[10].decode()[:120].rsplit(" ", 1)[0]
    made["million-glyphs"] = (pages_pdf([text_page(lines, size=0.7, leading=0.74)]), quote)
    # A flate bomb: 1 GB of spaces, about 1 MB compressed, before a line of text.
    packer = zlib.compressobj(9)
    chunks = [packer.compress(b" " * (1 << 20)) for _ in range(1024)]
    chunks.append(packer.compress(text_page([LINE % b"a gigabyte of nothing"])))
    chunks.append(packer.flush())
    data = b"".join(chunks)
    bomb_stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    made["flate-bomb"] = (pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        bomb_stream,
    ]), (LINE % b"a gigabyte of nothing").decode())
    return made


NOTE = """---
annotation-target: papers/{name}.pdf
---

>%%
>```annotation-json
>{{"created":"2026-11-26T00:00:00.000Z","updated":"2026-11-26T00:00:00.000Z","document":{{"title":"{name}.pdf","link":[{{"href":"vault:/papers/{name}.pdf"}}]}},"uri":"vault:/papers/{name}.pdf","target":[{{"source":"vault:/papers/{name}.pdf","selector":[{{"type":"TextPositionSelector","start":0,"end":{end}}},{{"type":"TextQuoteSelector","exact":"{quote_json}","prefix":"","suffix":""}}]}}]}}
>```
>%%
>*%%PREFIX%%%%HIGHLIGHT%% =={quote}== %%POSTFIX%%*
>%%LINK%%[[#^hostile{k}|show annotation]]
>%%COMMENT%%
>A <script>alert("{name}")</script> comment & "quotes"
>%%TAGS%%
>#hostile, #"><img src=x onerror=alert(1)>
^hostile{k}
"""


def write(out, made):
    os.makedirs(os.path.join(out, ".obsidian"), exist_ok=True)
    os.makedirs(os.path.join(out, "papers"), exist_ok=True)
    os.makedirs(os.path.join(out, "notes"), exist_ok=True)
    for k, (name, (data, quote)) in enumerate(sorted(made.items())):
        with open(os.path.join(out, "papers", name + ".pdf"), "wb") as f:
            f.write(data)
        with open(os.path.join(out, "notes", name + ".md"), "w", encoding="utf-8") as f:
            f.write(NOTE.format(name=name, quote=quote, quote_json=json.dumps(quote, ensure_ascii=False)[1:-1], end=len(quote), k=k))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    out = args[0]
    made = small(out)
    if "--fixtures" in sys.argv:
        # The committed fixtures: only the small crafted files (the sample's
        # truncations and flips are made by the tests themselves).
        shutil.rmtree(out, ignore_errors=True)
        write(out, {k: v for k, v in made.items() if not k.startswith(("truncated", "flipped", "encrypted"))})
        return
    if "--small" not in sys.argv:
        made.update(big(out))
    write(out, made)
    print(f"wrote {len(made)} PDFs and notes to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
