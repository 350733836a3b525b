"""Builders shared by the ingest tests: legacy Vietnamese bytes and small PDFs."""

from __future__ import annotations

import unicodedata

# Windows-1258 has the base vowels (ă â ê ô ơ ư) precomposed but writes the five tones
# as combining marks after them; Python's codec only encodes that decomposed form.
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Encode text as Windows-1258 the way legacy Vietnamese software wrote it."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def _pdf_escape(text: str) -> bytes:
    return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def minimal_pdf(lines: list[str] | None) -> bytes:
    """A one-page PDF written by hand; ``None`` gives a page with a grey box and no text."""
    if lines is None:
        content = b"0.5 g 72 72 400 600 re f"
    else:
        ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
        ops += [b"(" + _pdf_escape(line) + b") Tj T*" for line in lines]
        ops.append(b"ET")
        content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
