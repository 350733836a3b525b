"""Files, stdin bytes and pasted text: bad inputs give one-line typed errors; encodings read back exactly."""

from __future__ import annotations

import io
import os
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from chiso.errors import EncodingError, InputError, TooLargeError
from chiso.ingest import Document, read_bytes, read_pasted, read_path, read_stream
from tests.ingest.helpers import cp1258, minimal_pdf

MB = 1024 * 1024
LIMIT = 20 * MB

# Written for these tests; a short report in the style of a ministry's news item.
VI_TEXT = (
    "Bộ Công an cho biết đến hết tháng 10, cả nước đã có hơn 62 triệu tài khoản định danh điện tử "
    "được kích hoạt. Trung tâm dữ liệu quốc gia tiếp tục đồng bộ thêm 3,1 triệu bản ghi mỗi tuần.\n"
)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path so error messages show the short relative names a user types."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- bad inputs: (file name, how to make it, exception, exact message) ------------------


def _sparse(path: Path, size: int) -> None:
    # A sparse file: the size check must refuse it without reading 25 MB.
    with path.open("wb") as fh:
        fh.truncate(size)


BAD_FILES: list[tuple[str, object, type[Exception], str]] = [
    ("report.txt", None, InputError, "report.txt: no such file"),
    ("docs", "dir", InputError, "docs/: is a directory, not a file"),
    (
        "photo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        InputError,
        "photo.png: binary file (not text, HTML or PDF)",
    ),
    ("data.bin", bytes(range(256)) * 4, InputError, "data.bin: binary file (not text, HTML or PDF)"),
    (
        "archive.zip",
        b"PK\x03\x04" + b"x" * 100,
        InputError,
        "archive.zip: binary file (not text, HTML or PDF)",
    ),
    ("empty.txt", b"", InputError, "empty.txt: file is empty"),
    ("blank.txt", b"  \n\t\r\n \xc2\xa0\n", InputError, "blank.txt: file is empty (only whitespace)"),
    ("bom-only.txt", b"\xef\xbb\xbf", InputError, "bom-only.txt: file is empty (only whitespace)"),
    (
        "header-only.txt",
        b"title: Nothing here\ndate: 2025-01-02\n---\n\n",
        InputError,
        "header-only.txt: file is empty (header only)",
    ),
    ("big.txt", ("sparse", int(25.3 * MB)), TooLargeError, "big.txt: file is 25.3 MB, over the 20 MB limit"),
    ("fake.pdf", b"just some words, not a PDF", InputError, "fake.pdf: not a PDF (no %PDF- header)"),
    (
        "scan.pdf",
        minimal_pdf(None),
        InputError,
        "scan.pdf: PDF has no text layer (scanned image?); run OCR first",
    ),
    (
        "broken.pdf",
        b"%PDF-1.4\n1 0 obj garbage",
        InputError,
        "broken.pdf: not a readable PDF (damaged or truncated)",
    ),
    (
        "bad-bom.txt",
        b"\xff\xfeA\x00\x00\xd8",
        EncodingError,
        "bad-bom.txt: starts with a utf-16 byte-order mark but is not valid utf-16",
    ),
    (
        "bad-date.txt",
        b"title: T\ndate: 31/13/2025\n---\nBody text.\n",
        InputError,
        "bad-date.txt: header date '31/13/2025' is not a date (use YYYY-MM-DD)",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "error", "message"), BAD_FILES, ids=[row[0] for row in BAD_FILES]
)
def test_bad_file_gives_one_line_typed_error(
    in_tmp: Path, name: str, content: object, error: type[Exception], message: str
) -> None:
    path = Path(name)
    if content == "dir":
        path.mkdir()
    elif isinstance(content, tuple):
        _sparse(path, content[1])
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(error) as info:
        read_path(path, max_bytes=LIMIT)
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_directory_given_with_trailing_slash_is_shown_once(in_tmp: Path) -> None:
    (in_tmp / "docs").mkdir()
    with pytest.raises(InputError, match=r"^docs/: is a directory, not a file$"):
        read_path(Path("docs/"), max_bytes=LIMIT)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(in_tmp: Path) -> None:
    path = Path("secret.txt")
    path.write_text("words", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"^secret.txt: permission denied$"):
            read_path(path, max_bytes=LIMIT)
    finally:
        path.chmod(0o600)


def test_size_is_checked_before_reading(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path("big.txt")
    _sparse(path, 21 * MB)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although stat() said it is too large")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(TooLargeError, match=r"^big.txt: file is 21 MB, over the 20 MB limit$"):
        read_path(path, max_bytes=LIMIT)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "stdin: input is empty"),
        (b"x" * (2 * MB), "stdin: input is 2 MB, over the 1 MB limit"),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "stdin: binary file (not text, HTML or PDF)"),
        # NULs at alternate positions that do not decode into words stay binary
        (b"".join(bytes([c, 0]) for c in range(1, 32)) * 8, "stdin: binary file (not text, HTML or PDF)"),
        (b"".join(bytes([0, c]) for c in range(1, 32)) * 8, "stdin: binary file (not text, HTML or PDF)"),
    ],
)
def test_bad_stdin_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(data, max_bytes=MB)
    assert str(info.value) == message


def test_stream_is_read_only_up_to_the_limit() -> None:
    stream = io.BytesIO(b"y" * (3 * MB))
    with pytest.raises(TooLargeError, match=r"^stdin: input is over the 1 MB limit$"):
        read_stream(stream, max_bytes=MB)
    assert stream.tell() == MB + 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "pasted text: text is empty"), (" \n\u00a0\t", "pasted text: text is empty")],
)
def test_bad_paste(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_pasted(text, max_bytes=LIMIT)
    assert str(info.value) == message


def test_paste_over_limit() -> None:
    with pytest.raises(TooLargeError, match=r"^pasted text: text is 1.5 MB, over the 1 MB limit$"):
        read_pasted("ệ" * (MB // 2), max_bytes=MB)  # 3 bytes each in UTF-8


# -- encodings: every form reads back as the same NFC text -----------------------------

NFC_TEXT = unicodedata.normalize("NFC", VI_TEXT)

ENCODED: list[tuple[str, bytes, str]] = [
    ("utf-8", VI_TEXT.encode("utf-8"), "utf-8"),
    ("utf-8 BOM", VI_TEXT.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16 LE BOM", VI_TEXT.encode("utf-16"), "utf-16"),
    ("utf-16 BE BOM", b"\xfe\xff" + VI_TEXT.encode("utf-16-be"), "utf-16"),
    ("utf-32 BOM", VI_TEXT.encode("utf-32"), "utf-32"),
    ("NFD utf-8", unicodedata.normalize("NFD", VI_TEXT).encode("utf-8"), "utf-8"),
    ("windows-1258", cp1258(VI_TEXT), "cp1258"),
    ("windows-1258 CRLF", cp1258(VI_TEXT).replace(b"\n", b"\r\n"), "cp1258"),
    ("utf-8 CRLF", VI_TEXT.replace("\n", "\r\n").encode(), "utf-8"),
    # Without a byte-order mark (issue 12, item 21: refused as binary for its NULs)
    ("utf-16 LE no BOM", VI_TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE no BOM", VI_TEXT.encode("utf-16-be"), "utf-16-be"),
    ("utf-16 LE no BOM CRLF", VI_TEXT.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le"),
]


@pytest.mark.parametrize(("label", "data", "encoding"), ENCODED, ids=[row[0] for row in ENCODED])
def test_encodings_read_back_as_nfc(in_tmp: Path, label: str, data: bytes, encoding: str) -> None:
    path = Path("report.txt")
    path.write_bytes(data)
    doc = read_path(path, max_bytes=LIMIT)
    assert doc.text == NFC_TEXT  # CRLF line ends read as LF, as in Python's text mode
    assert doc.encoding == encoding
    assert doc.raw == data  # the bytes as read are archived (since migration 0008)
    assert doc.source_kind == "file"


def test_bo_cong_an_in_windows_1258_reads_back_exactly() -> None:
    data = cp1258("Bộ Công an")
    assert data == b"B\xf4\xf2 C\xf4ng an"  # ô then the combining dot below (0xF2)
    doc = read_bytes(data, name="legacy.txt", max_bytes=LIMIT)
    assert doc.text == "Bộ Công an"
    assert unicodedata.is_normalized("NFC", doc.text)


def test_cp1252_english_is_detected() -> None:
    text = "The ministry said “more than 60 million” accounts were active — a record.\n" * 3
    doc = read_bytes(text.encode("cp1252"), name="en.txt", max_bytes=LIMIT)
    assert doc.text == text


def test_odd_spaces_are_kept_as_written() -> None:
    # The stored text is what the report says; the extractor reads through odd spaces itself.
    doc = read_bytes("hơn\u00a062\u202ftriệu\u2009tài khoản\n".encode(), max_bytes=LIMIT)
    assert doc.text == "hơn\u00a062\u202ftriệu\u2009tài khoản\n"


def test_lone_cr_becomes_lf() -> None:
    doc = read_bytes(b"line one\rline two\r\nline three\n", max_bytes=LIMIT)
    assert doc.text == "line one\nline two\nline three\n"


def test_vietnamese_mislabelled_as_latin_1() -> None:
    doc = read_bytes(cp1258(VI_TEXT), max_bytes=LIMIT, content_type="text/plain; charset=iso-8859-1")
    assert (doc.text, doc.encoding) == (NFC_TEXT, "cp1258")


def test_declared_charset_is_used() -> None:
    doc = read_bytes(
        "Số liệu: 45 %".encode("utf-16-le"), max_bytes=LIMIT, content_type="text/plain; charset=utf-16-le"
    )
    assert doc.text == "Số liệu: 45 %"


# -- header lines ----------------------------------------------------------------------


def test_header_becomes_metadata_and_is_stripped(in_tmp: Path) -> None:
    path = Path("corpus.txt")
    path.write_text(
        "title: Hơn 62 triệu tài khoản định danh\n"
        "url: https://example.gov.vn/tin/123\n"
        "date: 2025-11-03\n"
        "publisher: Cổng thông tin Bộ Công an\n"
        "lang: vi-VN\n"
        "---\n\n" + VI_TEXT,
        encoding="utf-8",
    )
    doc = read_path(path, max_bytes=LIMIT)
    assert doc == Document(
        text=NFC_TEXT,
        title="Hơn 62 triệu tài khoản định danh",
        publisher="Cổng thông tin Bộ Công an",
        published_on=date(2025, 11, 3),
        lang="vi",
        url="https://example.gov.vn/tin/123",
        encoding="utf-8",
        source_kind="file",
        # the file as read is archived, header included (since migration 0008)
        content_type="text/plain; charset=utf-8",
        raw=path.read_bytes(),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kết quả: đạt 95% kế hoạch.\n---\nPhần sau.\n",  # a colon in prose is not a header
        "title: only a first line and no closing rule\nBody.\n",
        "title: x\nthis line is prose\n---\nBody.\n",
    ],
)
def test_no_header_means_all_body(text: str) -> None:
    doc = read_bytes(text.encode(), max_bytes=LIMIT)
    assert doc.text == text
    assert doc.title is None


def test_header_in_dd_mm_yyyy() -> None:
    doc = read_bytes(b"date: 16/1/2026\n---\nBody.\n", max_bytes=LIMIT)
    assert doc.published_on == date(2026, 1, 16)
    assert doc.text == "Body.\n"


# -- dispatch by sniffing ----------------------------------------------------------------


def test_pdf_is_dispatched_by_magic_not_name(in_tmp: Path) -> None:
    path = Path("download")  # no extension, as browsers sometimes save them
    path.write_bytes(minimal_pdf(["Report on digital transformation", "Coverage reached 98 percent."]))
    doc = read_path(path, max_bytes=LIMIT)
    assert "Coverage reached 98 percent." in doc.text
    assert doc.raw == path.read_bytes()
    assert doc.content_type == "application/pdf"


def test_text_mentioning_the_pdf_magic_stays_text() -> None:
    doc = read_bytes(b"Files start with %PDF-1.7 as their first bytes.\n", name="notes.txt", max_bytes=LIMIT)
    assert doc.text == "Files start with %PDF-1.7 as their first bytes.\n"


def test_pdf_with_junk_before_the_header() -> None:
    doc = read_bytes(
        b"\r\n\x00junk" + minimal_pdf(["A report with forty two words in it."]), name="r.pdf", max_bytes=LIMIT
    )
    assert "forty two words" in doc.text


def test_html_is_dispatched_by_sniffing() -> None:
    page = (
        "<!DOCTYPE html><html lang='vi'><head><title>Tin</title></head><body><article>"
        "<p>Đến nay cả nước đã có hơn 62 triệu tài khoản định danh điện tử được kích hoạt, "
        "theo số liệu mới nhất của cơ quan quản lý.</p>"
        "<p>Trung tâm dữ liệu quốc gia cũng đồng bộ thêm hàng triệu bản ghi mỗi tuần trong năm nay.</p>"
        "</article></body></html>"
    ).encode()
    doc = read_bytes(page, name="saved-page", max_bytes=LIMIT)
    assert "62 triệu tài khoản" in doc.text
    assert "<p>" not in doc.text
    assert doc.raw == page
    assert doc.lang == "vi"


def test_paste_kind() -> None:
    doc = read_pasted(unicodedata.normalize("NFD", "Bộ Công an\u00a0báo cáo."), max_bytes=LIMIT)
    assert doc.text == "Bộ Công an\u00a0báo cáo."
    assert doc.source_kind == "paste"


def test_permission_denied_on_open(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root (CI containers) reads any file, so simulate the denial where it happens.
    path = Path("secret.txt")
    path.write_text("words", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputError, match=r"^secret.txt: permission denied$"):
        read_path(path, max_bytes=LIMIT)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_html_without_a_bom_is_read_as_html(codec: str) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Bản tin</title></head><body><article>"
        f"<p>{VI_TEXT}</p><p>Hết quý II/2025, cả nước đã có thêm 2 triệu hồ sơ trực tuyến.</p>"
        "</article></body></html>"
    )
    doc = read_bytes(page.encode(codec), name="trang", max_bytes=LIMIT)
    assert doc.content_type == "text/html"
    assert "<p>" not in doc.text
    assert "2 triệu hồ sơ trực tuyến" in doc.text
