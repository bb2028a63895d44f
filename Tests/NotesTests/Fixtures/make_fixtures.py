#!/usr/bin/env python3
"""Writes the note fixtures of NotesTests and their expected readings.

    python3 Tests/NotesTests/Fixtures/make_fixtures.py

Each note is written the way obsidian-annotator writes it (its
makeAnnotationString: JSON.stringify on one line, the quote line, LINK,
COMMENT and TAGS sections, every line prefixed by '>', then '^id'), with
the plugin setting or the deviation the fixture is about. expected.json
records, for each fixture, what a reader must get: the annotations as the
plugin reads them (comment and tags from the Markdown, prefix/suffix from
the Markdown when present, exact from the JSON) and the diagnostics (code
and 1-based line) at the places this script put a problem. The values come
from the specifications below, not from PDFAnchor's reader.

example-blood.md is different: a real note written by the plugin, copied
from shared/examples; its expected values are checked by hand in the tests.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FP = "9ca5c5991907c76a5654a6d3da489025"
VAULT_PDF = "vault:/Papers/Estuary flocculation/estuary-flocculation.pdf"


def stringify(value):
    """JSON.stringify(value): compact, non-ASCII kept, JS escapes."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def js_trim(s):
    return s.strip(" \t\n\r\u00a0\u2028\u2029\ufeff\v\f")


def pdf_annotation(exact, prefix, suffix, start, text="", tags=None, uri=VAULT_PDF, created="2026-02-03T10:11:12.000Z", extra=None):
    """An annotation object as Hypothesis + the plugin store it for a PDF (0.2.x key order)."""
    obj = {"created": created, "updated": created}
    if text:
        obj["text"] = text
    if tags:
        obj["tags"] = tags
    obj["document"] = {"title": "estuary-flocculation.pdf", "link": [{"href": "urn:x-pdf:" + FP}, {"href": uri}], "documentFingerprint": FP}
    obj["uri"] = uri
    obj["target"] = [{"source": uri, "selector": [
        {"type": "TextPositionSelector", "start": start, "end": start + len(exact.encode("utf-16-le")) // 2},
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]}]
    if extra:
        obj.update(extra)
    return obj


class Note:
    """Builds a note line by line, remembering where each block starts."""

    def __init__(self, front_matter=None):
        self.lines = []
        self.annotations = []   # expected annotations
        self.diagnostics = []   # expected (code, line, severity)
        if front_matter is not None:
            self.lines += ["---"] + front_matter + ["---"]

    @property
    def next_line(self):
        return len(self.lines) + 1

    def block(self, id, obj, prefix=True, postfix=True, markers=True, link=True, comment_section=True,
              tags_section=True, blank_before=True, marker=">", md_highlight=None, md_comment=None, md_tags=None,
              expect=True):
        """Appends one block as the plugin writes it; returns its first line number."""
        quote = next((s for t in obj.get("target", [])[:1] for s in t.get("selector", []) if s["type"] == "TextQuoteSelector"), None)
        p, e, s = (quote["prefix"], quote["exact"], quote["suffix"]) if quote else ("", "", "")
        text = obj.get("text", "") if md_comment is None else md_comment
        tags = obj.get("tags", []) if md_tags is None else md_tags
        body = "%%\n```annotation-json\n" + stringify(obj) + "\n```\n%%\n"
        highlight = js_trim(e) if md_highlight is None else md_highlight
        body += "*" + ("%%PREFIX%%" + js_trim(p) if prefix else "") + "%%HIGHLIGHT%%" + (" ==" if markers else "")
        body += highlight + ("== " if markers else "") + ("%%POSTFIX%%" + js_trim(s) if postfix else "") + "*"
        if link:
            body += "\n%%LINK%%[[#^" + id + "|show annotation]]"
        if comment_section:
            body += "\n%%COMMENT%%\n" + text
        if tags_section:
            body += "\n%%TAGS%%\n" + ", ".join("#" + t for t in tags)
        if blank_before:
            self.lines += [""]
        first = self.next_line
        self.lines += [marker + x for x in body.split("\n")]
        self.lines += ["^" + id]
        if expect:
            kind = "reply" if obj.get("references") else ("highlight" if quote else "pageNote")
            self.annotations.append({
                "id": id, "kind": kind, "exact": e if quote else None,
                "prefix": (js_trim(p) if prefix else p) if quote else None,
                "suffix": (js_trim(s) if postfix else s) if quote else None,
                "comment": text if comment_section else obj.get("text", ""),
                "tags": [t for t in tags] if tags_section else obj.get("tags", []),
                "fingerprint": obj.get("document", {}).get("documentFingerprint"),
                "uri": obj.get("uri"), "line": first})
        if not tags_section:
            self.expect("missing-tags", first, "warning")
        if marker != ">":
            self.expect("quote-space", first, "warning")
        if not blank_before:
            self.expect("no-blank-line", first, "warning")
        return first

    def expect(self, code, line, severity):
        self.diagnostics.append({"code": code, "line": line, "severity": severity})

    def text(self, newline="\n", final_newline=True):
        out = newline.join(self.lines)
        return out + newline if final_newline else out


FIXTURES = {}


def save(name, note, newline="\n", final_newline=True, target=None, target_type=None):
    data = note.text(newline, final_newline)
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(data)
    FIXTURES[name] = {"annotations": note.annotations,
                      "diagnostics": sorted(note.diagnostics, key=lambda d: (d["line"], d["code"])),
                      "target": target, "targetType": target_type}


# 1. The current plugin (0.2.x) with default settings: highlights with and
# without comments and tags, a multi-line Markdown comment, a page note and a reply.
n = Note(["annotation-target: Papers/Estuary flocculation/estuary-flocculation.pdf"])
n.block("a1b2c3d4e5", pdf_annotation("fine sediment flux", "Fine sediment flux and flocculat", " and flocculation in a stratified", 12))
n.block("k9x8y7w6v5", pdf_annotation("the boundary layer is insensitive to the reflected wave train", "ntroductionThe ", " when the wind exceeded 7 m/s. Ta", 480,
                                     text="Compare with **Table 2**.\n\n- see also [[Bagnold 1966]]\n- check units", tags=["method", "to-read"]))
n.block("p0q9r8s7t6", {"created": "2026-02-03T10:20:00.000Z", "updated": "2026-02-03T10:20:00.000Z", "text": "A page note about the whole paper.",
                       "document": {"title": "estuary-flocculation.pdf", "link": [{"href": "urn:x-pdf:" + FP}, {"href": VAULT_PDF}], "documentFingerprint": FP},
                       "uri": VAULT_PDF, "target": [{"source": VAULT_PDF}]})
n.block("r3p1y2z3aa", {"created": "2026-02-03T10:21:00.000Z", "updated": "2026-02-03T10:21:00.000Z", "text": "I agree.",
                       "references": ["k9x8y7w6v5"], "uri": VAULT_PDF, "target": [{"source": VAULT_PDF}]})
n.block("u8n1c0d3e9", pdf_annotation("Ødegaard et al. — a “naïve” reading", "  ", "   ", 9000, text="Unicode: é ü ø — “quotes” 😀"))
save("plugin-0.2-default.md", n, target="Papers/Estuary flocculation/estuary-flocculation.pdf")

# 2. The plugin's settings switched off: no PREFIX, no POSTFIX, no == markers.
n = Note(["annotation-target: estuary-flocculation.pdf"])
n.block("nc1nc2nc3n", pdf_annotation("stratification parameter", "dard procedure, the ", " increases with the official tid", 2100, tags=["a"]), prefix=False, postfix=False, markers=False)
n.block("nc4nc5nc6n", pdf_annotation("official tide tables", "ameter increases with the ", " after filtering the high-freque", 2150), prefix=False, postfix=True, markers=True)
save("plugin-0.2-no-context.md", n, target="estuary-flocculation.pdf")

# 3. Plugin 0.0.1–0.0.6: the whole annotation object in the JSON, the sample
# arXiv URL as uri (≤ 0.0.5), no LINK line.
SAMPLE = "https://arxiv.org/pdf/1702.08734.pdf"
full = {"id": "oldblock01", "created": "2021-06-01T09:00:00.000Z", "updated": "2021-06-01T09:00:00.000Z",
        "user": "Obsidian User", "uri": SAMPLE, "text": "old comment",
        "tags": ["legacy"], "group": "__world__", "permissions": {"read": ["Obsidian User"], "update": ["Obsidian User"], "delete": ["Obsidian User"]},
        "target": [{"source": SAMPLE, "selector": [{"type": "TextPositionSelector", "start": 100, "end": 118},
                                                   {"type": "TextQuoteSelector", "exact": "billion-scale data", "prefix": "imilarity search in ", "suffix": " is becoming more"}]}],
        "document": {"title": "Billion-scale similarity search with GPUs", "link": [{"href": "urn:x-pdf:a9fb2de1e2c8c8b7b2f1f8d4d3bc5b6f"}, {"href": SAMPLE}], "documentFingerprint": "a9fb2de1e2c8c8b7b2f1f8d4d3bc5b6f"},
        "links": {"html": "", "incontext": ""}, "flagged": False, "hidden": False, "user_info": {"display_name": "Obsidian User"}}
n = Note(["annotation-target: https://arxiv.org/pdf/1702.08734.pdf"])
n.block("oldblock01", full, link=False)
save("plugin-0.0-full-object.md", n, target=SAMPLE)

# 4. Only the JSON and the quote line (no LINK, COMMENT or TAGS): comment and
# tags come from the JSON.
n = Note(["annotation-target: estuary-flocculation.pdf"])
n.block("min0000001", pdf_annotation("efficient solver", "uently, the ", " increases with", 3000, text="json comment", tags=["json-tag"]), link=False, comment_section=False, tags_section=False)
save("minimal-sections.md", n, target="estuary-flocculation.pdf")

# 5. An EPUB note: RangeSelector too; annotation-target-type given.
n = Note(["annotation-target: books/novel.epub", "annotation-target-type: epub"])
epub = {"created": "2025-01-01T00:00:00.000Z", "updated": "2025-01-01T00:00:00.000Z",
        "document": {"title": "A Novel"}, "uri": "vault:/books/novel.epub",
        "target": [{"source": "vault:/books/novel.epub", "selector": [
            {"type": "RangeSelector", "endContainer": "/div[1]/p[3]", "endOffset": 42, "startContainer": "/div[1]/p[3]", "startOffset": 10},
            {"type": "TextPositionSelector", "start": 310, "end": 342},
            {"type": "TextQuoteSelector", "exact": "It was a bright cold day in April", "prefix": "Chapter 1\n", "suffix": ", and the clocks"}]}]}
n.block("epub000001", epub)
save("epub.md", n, target="books/novel.epub", target_type="epub")

# 6. Video notes (annotate.tv): another block shape, not Hypothesis JSON.
n = Note(["annotation-target: https://www.youtube.com/watch?v=abc", "annotation-target-type: video"])
n.lines += ["", "> **Lecture 3** %%TIMESTAMP: 125.5%%", ">A remark at two minutes.", "^vid0000001"]
save("video.md", n, target="https://www.youtube.com/watch?v=abc", target_type="video")

# 7. Deviations the plugin chokes on and a tolerant reader accepts.
def deviation_base():
    n = Note(["annotation-target: estuary-flocculation.pdf"])
    n.block("dev0000001", pdf_annotation("reflectance profile", "ility. The ", " depends strongly", 1000, text="c1", tags=["x"]))
    n.block("dev0000002", pdf_annotation("suspended load", "lly, the ", " scales linearly", 2000))
    return n

n = deviation_base()
n.expect("crlf", 1, "warning")
save("deviation-crlf.md", n, newline="\r\n", target="estuary-flocculation.pdf")

n = Note(["annotation-target: estuary-flocculation.pdf"])
n.block("dev0000003", pdf_annotation("reflectance profile", "ility. The ", " depends strongly", 1000, text="spaced comment"), marker="> ")
n.block("dev0000004", pdf_annotation("suspended load", "lly, the ", " scales linearly", 2000), marker="> ")
save("deviation-quote-space.md", n, target="estuary-flocculation.pdf")

n = Note(["annotation-target: estuary-flocculation.pdf"])
n.block("dev0000005", pdf_annotation("reflectance profile", "ility. The ", " depends strongly", 1000))
n.lines += ["Some text the user typed right above the next block."]
n.block("dev0000006", pdf_annotation("suspended load", "lly, the ", " scales linearly", 2000), blank_before=False)
save("deviation-no-blank-line.md", n, target="estuary-flocculation.pdf")

n = deviation_base()
n.expect("no-final-newline", len(n.lines), "warning")
save("deviation-no-final-newline.md", n, final_newline=False, target="estuary-flocculation.pdf")

n = Note(["annotation-target: estuary-flocculation.pdf"])
line = n.block("dev0000007", pdf_annotation("line one\u2028line two", "before\u2029", " after", 500, text="sep\u2028arated"))
n.expect("line-separator", line + 2, "warning")
save("deviation-line-separator.md", n, target="estuary-flocculation.pdf")

# A quote with a line break: the Markdown quote spans two '>' lines.
n = Note(["annotation-target: estuary-flocculation.pdf"])
n.block("ml00000001", pdf_annotation("end of one line\nstart of the next", "prefix ", " suffix", 700))
save("multiline-quote.md", n, target="estuary-flocculation.pdf")

# 8. Broken blocks between good ones: each bad block is reported at its line
# and the good ones are all read. Plus a duplicate id, an edited quote and a
# stale comment.
n = Note(["annotation-target: estuary-flocculation.pdf"])
n.block("good000001", pdf_annotation("first good", "p ", " s", 10))
bad_json = n.next_line + 1
n.lines += ["", ">%%", ">```annotation-json", '>{"created":"2026-01-01","target":[{"source":"x","selector":[}]}', ">```", ">%%",
            ">*%%PREFIX%%p%%HIGHLIGHT%% ==broken== %%POSTFIX%%s*", ">%%LINK%%[[#^badjson001|show annotation]]", ">%%COMMENT%%", ">", ">%%TAGS%%", ">", "^badjson001"]
n.expect("broken-json", bad_json + 2, "error")
n.block("good000002", pdf_annotation("second good", "p ", " s", 20))
no_fence = n.next_line + 1
n.lines += ["", ">%%", '>{"created":"2026-01-01"}', ">%%", ">*%%HIGHLIGHT%% ==no fence== *", ">%%TAGS%%", ">", "^nofence001"]
n.expect("missing-fence", no_fence, "error")
no_id = n.next_line + 1
n.lines += ["", ">%%", ">```annotation-json", stringify(pdf_annotation("no id line", "p ", " s", 30)).join([">", ""]), ">```", ">%%",
            ">*%%PREFIX%%p%%HIGHLIGHT%% ==no id line== %%POSTFIX%%s*", ">%%COMMENT%%", ">", ">%%TAGS%%", ">", "", "Text after."]
n.expect("missing-id", no_id, "error")
# Its annotation is still read (the JSON is intact), under the id line<N>.
n.annotations.append({"id": f"line{no_id}", "kind": "highlight", "exact": "no id line", "prefix": "p", "suffix": "s",
                      "comment": "", "tags": [], "fingerprint": FP, "uri": VAULT_PDF, "line": no_id})
n.block("good000003", pdf_annotation("third good", "p ", " s", 40))
dup = n.block("good000001", pdf_annotation("duplicate id", "p ", " s", 50))
n.expect("duplicate-id", dup, "warning")
edited = n.block("edit000001", pdf_annotation("the original quote", "p ", " s", 60, text="json text"), md_highlight="the corrected quote", md_comment="edited comment")
n.expect("edited-quote", edited + 2, "warning")
n.expect("stale-comment", edited + 2, "info")
save("errors.md", n, target="estuary-flocculation.pdf")

# 9. Every form of annotation-target.
targets = {
    "target-vault-path.md": ("annotation-target: Papers/estuary-flocculation.pdf", "Papers/estuary-flocculation.pdf"),
    "target-relative.md": ("annotation-target: ../pdfs/estuary-flocculation.pdf", "../pdfs/estuary-flocculation.pdf"),
    "target-bare-name.md": ("annotation-target: estuary-flocculation.pdf", "estuary-flocculation.pdf"),
    "target-wiki-quoted.md": ('annotation-target: "[[estuary-flocculation.pdf]]"', "[[estuary-flocculation.pdf]]"),
    "target-wiki-bare.md": ("annotation-target: [[estuary-flocculation.pdf]]", "[[estuary-flocculation.pdf]]"),
    "target-wiki-alias.md": ("annotation-target: \"[[Papers/estuary-flocculation.pdf|The paper]]\"", "[[Papers/estuary-flocculation.pdf|The paper]]"),
    "target-url.md": ("annotation-target: https://example.org/papers/estuary-flocculation.pdf", "https://example.org/papers/estuary-flocculation.pdf"),
    "target-file-url.md": ("annotation-target: 'file:///home/me/papers/estuary flocculation.pdf'", "file:///home/me/papers/estuary flocculation.pdf"),
    "target-array.md": ("annotation-target:\n  - Papers/estuary-flocculation.pdf\n  - other.pdf", "Papers/estuary-flocculation.pdf"),
}
for name, (yaml, value) in targets.items():
    n = Note(yaml.split("\n") + ["tags: [paper]"])
    n.block("tgt0000001", pdf_annotation("fine sediment flux", "p ", " s", 12))
    save(name, n, target=value)

# 10. Hypothesis and W3C JSON inputs.
h1 = pdf_annotation("fine sediment flux", "Fine ", " and", 12, text="from the API", tags=["api"], uri="https://example.org/paper.pdf", extra={"id": "hypo000001", "group": "__world__"})
h2 = pdf_annotation("boundary layer", "The ", " is", 480, uri="https://example.org/paper.pdf", extra={"id": "hypo000002"})
JSON_FIXTURES = {
    "hypothesis-single.json": h1,
    "hypothesis-array.json": [h1, h2],
    "hypothesis-rows.json": {"total": 2, "rows": [h1, h2]},
    "w3c-annotation.jsonld": {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/anno/w3c0000001", "type": "Annotation",
                              "created": "2026-01-01T00:00:00Z", "modified": "2026-01-02T00:00:00Z",
                              "body": [{"type": "TextualBody", "value": "a W3C comment", "purpose": "commenting"},
                                       {"type": "TextualBody", "value": "w3c-tag", "purpose": "tagging"}],
                              "target": {"source": "https://example.org/paper.pdf",
                                         "selector": {"type": "TextQuoteSelector", "exact": "fine sediment flux", "prefix": "Fine ", "suffix": " and"}}},
    "w3c-collection.jsonld": {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                              "first": {"type": "AnnotationPage", "items": [
                                  {"id": "urn:uuid:w3c0000002", "type": "Annotation", "body": "plain string body",
                                   "target": [{"source": "https://example.org/paper.pdf", "selector": [
                                       {"type": "TextPositionSelector", "start": 480, "end": 494},
                                       {"type": "TextQuoteSelector", "exact": "boundary layer", "prefix": "The ", "suffix": " is"},
                                       {"type": "FragmentSelector", "value": "page=3", "conformsTo": "http://tools.ietf.org/rfc/rfc3778"}]}]}]}},
}
JSON_EXPECTED = {
    "hypothesis-single.json": [("hypo000001", "fine sediment flux", "from the API", ["api"])],
    "hypothesis-array.json": [("hypo000001", "fine sediment flux", "from the API", ["api"]), ("hypo000002", "boundary layer", "", [])],
    "hypothesis-rows.json": [("hypo000001", "fine sediment flux", "from the API", ["api"]), ("hypo000002", "boundary layer", "", [])],
    "w3c-annotation.jsonld": [("http://example.org/anno/w3c0000001", "fine sediment flux", "a W3C comment", ["w3c-tag"])],
    "w3c-collection.jsonld": [("urn:uuid:w3c0000002", "boundary layer", "plain string body", [])],
}
for name, value in JSON_FIXTURES.items():
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")
    FIXTURES[name] = {"annotations": [{"id": i, "exact": e, "comment": c, "tags": t} for i, e, c, t in JSON_EXPECTED[name]],
                      "diagnostics": [], "target": None, "targetType": None}

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(FIXTURES, f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")
print(f"wrote {len(FIXTURES)} fixtures")
