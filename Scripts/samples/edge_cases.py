"""Hand-made PDFs for the fingerprint edge cases of docs/formats.md, "The PDF fingerprint".

Each file is written byte by byte so that its trailer is exactly what the
case needs: no /ID, an all-zero /ID, a 20-byte /ID, a literal-string /ID
with escapes, /ID only in a cross-reference stream, incremental updates,
a hybrid file, junk before the header, a broken startxref.
"""
import os


def pdf_string_literal(data: bytes) -> bytes:
    """Encodes bytes as a PDF literal string using every kind of escape."""
    out = bytearray(b"(")
    for i, b in enumerate(data):
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b == 0x0A:
            out += b"\\n"
        elif b == 0x0D:
            out += b"\\r"
        elif b < 0x20 or b >= 0x7F:
            out += b"\\%03o" % b
        else:
            out.append(b)
        if i == 7:
            out += b"\\\n"  # a line continuation: adds no byte
    out += b")"
    return bytes(out)


class Writer:
    """A minimal PDF writer: one page of Helvetica text."""

    def __init__(self, text: str, header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"):
        self.buf = bytearray(header)
        self.offsets = {}
        content = b"BT /F1 14 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
        self.objects = {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            5: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        }

    def write_objects(self, numbers=None, base=0):
        for n in numbers or sorted(self.objects):
            self.offsets[n] = len(self.buf) - base
            self.buf += b"%d 0 obj\n" % n + self.objects[n] + b"\nendobj\n"

    def xref_table(self, numbers, base=0):
        """A classic table for `numbers` (one subsection per run)."""
        start = len(self.buf) - base
        self.buf += b"xref\n"
        if 0 in numbers:
            self.buf += b"0 1\n0000000000 65535 f \n"
        for n in sorted(x for x in numbers if x):
            self.buf += b"%d 1\n%010d 00000 n \n" % (n, self.offsets[n])
        return start

    def trailer(self, entries: bytes, xref_start: int):
        self.buf += b"trailer\n<< " + entries + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_start

    def xref_stream(self, number, entries: bytes, prev=None, base=0):
        """An uncompressed cross-reference stream (W [1 4 1]) as object `number`."""
        self.offsets[number] = len(self.buf) - base
        size = number + 1
        rows = bytearray(b"\x00\x00\x00\x00\x00\xff")
        for n in range(1, size):
            rows += b"\x01" + self.offsets[n].to_bytes(4, "big") + b"\x00"
        extra = b" /Prev %d" % prev if prev is not None else b""
        self.buf += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 1] /Length %d " % (number, size, len(rows))
                     + entries + extra + b" >>\nstream\n" + bytes(rows) + b"\nendstream\nendobj\n")
        return self.offsets[number]


ID_A = bytes.fromhex("5c1d0a6e8a4f4b2fb2b0c1e2d3f40516")
ID_B = bytes.fromhex("99887766554433221100ffeeddccbbaa")


def hexs(b: bytes) -> bytes:
    return b"<" + b.hex().encode() + b">"


def simple(text, trailer_extra: bytes):
    w = Writer(text)
    w.write_objects()
    start = w.xref_table([0, 1, 2, 3, 4, 5])
    w.trailer(b"/Size 6 /Root 1 0 R " + trailer_extra, start)
    return bytes(w.buf)


def build(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    files = {}
    files["no-id.pdf"] = simple("A PDF without an ID in its trailer.", b"")
    files["zero-id.pdf"] = simple("A PDF whose ID is sixteen zero bytes.", b"/ID [<00000000000000000000000000000000> <00000000000000000000000000000000>]")
    files["id-20-bytes.pdf"] = simple("A PDF with a 20-byte ID.", b"/ID [<0102030405060708090a0b0c0d0e0f1011121314> <a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4>]")
    literal = bytes([0x28, 0x29, 0x5C, 0x0A, 0x0D, 0x41, 0x00, 0xFF, 0x7E, 0x20, 0x09, 0x80, 0x25, 0x2F, 0x3C, 0x3E])
    files["id-literal-escapes.pdf"] = simple("A PDF whose ID is a literal string with escapes.", b"/ID [" + pdf_string_literal(literal) + b" " + pdf_string_literal(literal) + b"]")
    files["id-odd-hex.pdf"] = simple("A PDF whose ID is hex with spaces and an odd digit count.", b"/ID [<0123 4567 89AB cdef\n0123 4567 89ab cde> <0123456789abcdef0123456789abcdef>]")

    # /ID only in a cross-reference stream (no classic trailer at all).
    w = Writer("A PDF whose ID lives in its cross-reference stream.", header=b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    w.write_objects()
    start = w.xref_stream(6, b"/Root 1 0 R /ID [" + hexs(ID_A) + hexs(ID_B) + b"]")
    w.buf += b"startxref\n%d\n%%%%EOF\n" % start
    files["xref-stream-id.pdf"] = bytes(w.buf)

    # Incremental update that keeps ID[0] and changes ID[1] (and the text).
    w = Writer("The original text of an updated PDF.")
    w.write_objects()
    first = w.xref_table([0, 1, 2, 3, 4, 5])
    w.trailer(b"/Size 6 /Root 1 0 R /ID [" + hexs(ID_A) + hexs(ID_A) + b"]", first)
    content = b"BT /F1 14 Tf 72 720 Td (The updated text of an updated PDF.) Tj ET"
    w.objects[5] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    w.write_objects([5])
    second = w.xref_table([0, 5])
    w.trailer(b"/Size 6 /Root 1 0 R /Prev %d /ID [" % first + hexs(ID_A) + hexs(ID_B) + b"]", second)
    files["incremental-update.pdf"] = bytes(w.buf)

    # Incremental update whose newest trailer has no /ID: PDF.js reads only
    # the newest trailer, so the fingerprint falls back to MD5.
    w = Writer("An update dropped the ID.")
    w.write_objects()
    first = w.xref_table([0, 1, 2, 3, 4, 5])
    w.trailer(b"/Size 6 /Root 1 0 R /ID [" + hexs(ID_A) + hexs(ID_A) + b"]", first)
    w.write_objects([4])
    second = w.xref_table([0, 4])
    w.trailer(b"/Size 6 /Root 1 0 R /Prev %d" % first, second)
    files["incremental-drops-id.pdf"] = bytes(w.buf)

    # Hybrid: a classic table plus /XRefStm; the classic trailer's /ID wins.
    w = Writer("A hybrid-reference PDF.", header=b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    w.write_objects()
    stm = w.xref_stream(6, b"/ID [" + hexs(ID_B) + hexs(ID_B) + b"]")
    start = w.xref_table([0, 1, 2, 3, 4, 5])
    w.trailer(b"/Size 7 /Root 1 0 R /XRefStm %d /ID [" % stm + hexs(ID_A) + hexs(ID_B) + b"]", start)
    files["hybrid-xref.pdf"] = bytes(w.buf)

    # Junk before the header: offsets count from %PDF-.
    junk = b"X-Mailer-Junk: this preamble precedes the PDF header\r\n" * 3
    w = Writer("A PDF with junk before its header.", header=junk + b"%PDF-1.4\n")
    base = len(junk)
    w.write_objects(base=base)
    start = w.xref_table([0, 1, 2, 3, 4, 5], base=base)
    w.trailer(b"/Size 6 /Root 1 0 R /ID [" + hexs(ID_B) + hexs(ID_B) + b"]", start)
    files["junk-before-header.pdf"] = bytes(w.buf)

    # startxref points into the middle of an object: PDF.js scans (recovery).
    good = simple("A PDF whose startxref is wrong.", b"/ID [" + hexs(ID_B) + hexs(ID_A) + b"]")
    cut = good.rindex(b"startxref")
    files["bad-startxref.pdf"] = good[:cut] + b"startxref\n17\n%%EOF\n"

    # A crop box away from the origin: user space and page space differ by an offset.
    w = Writer("A page whose crop box does not start at the origin.")
    w.objects[3] = w.objects[3].replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [0 0 612 792] /CropBox [40 60 560 760]")
    w.objects[5] = w.objects[5].replace(b"72 720 Td", b"100 700 Td")
    w.write_objects()
    start = w.xref_table([0, 1, 2, 3, 4, 5])
    w.trailer(b"/Size 6 /Root 1 0 R /ID [" + hexs(ID_A) + hexs(ID_A) + b"]", start)
    files["crop-box-offset.pdf"] = bytes(w.buf)

    files["empty.pdf"] = b""
    files["not-a-pdf.pdf"] = b"This is a plain text file that someone named .pdf.\n"
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    return sorted(files)


if __name__ == "__main__":
    import sys
    print("\n".join(build(sys.argv[1])))
