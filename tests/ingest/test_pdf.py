"""PDF reports: the text layer is read; scans, damaged and locked files give one-line errors."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from chiso.errors import InputError
from chiso.ingest.pdf import read_pdf
from tests.ingest.helpers import minimal_pdf

LINES = [
    "Report on online public services",
    "By October, 4,100 procedures were offered online.",
    "Target: 80 percent by 2026.",
]


def _with_metadata(pdf: bytes, *, password: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": "Online services report", "/Author": "Office of Government"})
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_text_layer() -> None:
    pdf = minimal_pdf(LINES)
    doc = read_pdf(pdf, name="report.pdf")
    assert [line.strip() for line in doc.text.splitlines()] == LINES
    assert doc.raw == pdf
    assert doc.content_type == "application/pdf"
    assert doc.published_on is None  # a file's creation date is not its publication date


def test_metadata() -> None:
    doc = read_pdf(_with_metadata(minimal_pdf(LINES)), name="report.pdf")
    assert (doc.title, doc.author) == ("Online services report", "Office of Government")


def test_encrypted_with_empty_user_password_is_read() -> None:
    doc = read_pdf(_with_metadata(minimal_pdf(LINES), password=""), name="report.pdf")
    assert "4,100 procedures" in doc.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (minimal_pdf(None), "scan.pdf: PDF has no text layer (scanned image?); run OCR first"),
        (minimal_pdf(["p. 1"]), "scan.pdf: PDF has no text layer (scanned image?); run OCR first"),
        (_with_metadata(minimal_pdf(LINES), password="secret"), "scan.pdf: PDF is password-protected"),
        (minimal_pdf(LINES)[:200], "scan.pdf: not a readable PDF (damaged or truncated)"),
        (b"%PDF-1.7\n", "scan.pdf: not a readable PDF (damaged or truncated)"),
    ],
    ids=["image only", "page number only", "password", "truncated", "header only"],
)
def test_unusable_pdfs(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_pdf(data, name="scan.pdf")
    assert str(info.value) == message
