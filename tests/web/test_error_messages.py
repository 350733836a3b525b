"""Error messages in the Vietnamese UI: representative errors in both languages, every code a
person can meet through the web UI, the pages that show them, and the API's English."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, ValidationError

from chiso import error_messages
from chiso.error_messages import HINTS, MESSAGES, translations, validation_problems
from chiso.errors import (
    ChisoError,
    ConflictError,
    EncodingError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    TooLargeError,
)
from chiso.ingest.files import read_bytes, read_pasted
from chiso.services.schemas import ReportDetail
from chiso.store.db import Database
from tests.test_error_codes import ERRORS
from tests.web.helpers import add, first

SRC = Path(error_messages.__file__).resolve().parent  # src/chiso
HX = {"HX-Request": "true"}
VI = {"Accept-Language": "vi"}
EN = {"Accept-Language": "en"}
#: A letter only Vietnamese writes: a translation must contain at least one.
_VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def _error_message(page: str) -> str:
    """The text app.js puts in the toast, or the form's alert: what a person reads."""
    found = re.search(r'class="(?:error-message|flash error)"[^>]*>(.*?)</p>', page, re.S)
    assert found, "no error message on the page"
    return html.unescape(found.group(1)).strip()


def _problems(model: type[BaseModel], data: dict[str, Any]) -> list[dict[str, Any]]:
    """What Pydantic says about ``data``, as a ``problems`` parameter."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return validation_problems(caught.value.errors())


class _NewIndicator(BaseModel):
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+$")]
    name_vi: str


class _Edit(BaseModel):
    qualifier: Literal["exact", "more_than", "at_most"]


class _Query(BaseModel):
    title: Annotated[str, Field(max_length=500)]
    limit: Annotated[int, Field(ge=1)]


# -- representative errors, in English (as raised: the CLI and the API) and in Vietnamese -------

ROWS: list[tuple[ChisoError, str, str]] = [
    # adding a report
    (
        InputError("report_text_missing"),
        "paste the report's text or choose a file",
        "hãy dán nội dung báo cáo hoặc chọn một tệp",
    ),
    (
        InputError("published_format", value="16/03/2025"),
        "the publication date must be YYYY-MM-DD, got '16/03/2025'",
        "ngày đăng phải có dạng YYYY-MM-DD (đã nhập '16/03/2025')",
    ),
    (
        InputError("binary_file", name="báo-cáo.png"),
        "báo-cáo.png: binary file (not text, HTML or PDF)",
        "báo-cáo.png: tệp nhị phân (không phải văn bản, HTML hay PDF)",
    ),
    (InputError("empty", name="empty.txt", what="file"), "empty.txt: file is empty", "empty.txt: tệp trống"),
    (
        InputError("empty_whitespace", name="blank.txt", what="file"),
        "blank.txt: file is empty (only whitespace)",
        "blank.txt: tệp trống (chỉ có khoảng trắng)",
    ),
    (
        InputError("empty_header_only", name="head.txt", what="file"),
        "head.txt: file is empty (header only)",
        "head.txt: tệp trống (chỉ có phần thông tin đầu, không có nội dung)",
    ),
    (InputError("pasted_empty"), "pasted text: text is empty", "nội dung đã dán đang trống"),
    (
        TooLargeError("pasted_too_large", size="1.5 MB", limit="195.3 KB"),
        "pasted text: text is 1.5 MB, over the 195.3 KB limit",
        "nội dung đã dán có dung lượng 1,5 MB, vượt quá giới hạn 195,3 KB",
    ),
    (
        TooLargeError("too_large", name="big report: 2024.pdf", what="file", size="25.3 MB", limit="20 MB"),
        "big report: 2024.pdf: file is 25.3 MB, over the 20 MB limit",
        "big report: 2024.pdf: tệp có dung lượng 25,3 MB, vượt quá giới hạn 20 MB",
    ),
    (
        TooLargeError("request_too_large", limit="200,000 bytes"),
        "the request is over the 200,000 bytes limit",
        "yêu cầu vượt quá giới hạn 200.000 byte",
    ),
    (
        InputError("pdf_no_text_layer", name="scan.pdf"),
        "scan.pdf: PDF has no text layer (scanned image?); run OCR first",
        "scan.pdf: tệp PDF không có lớp văn bản (ảnh quét?); hãy nhận dạng chữ (OCR) trước",
    ),
    (
        InputError("not_pdf", name="x.pdf"),
        "x.pdf: not a PDF (no %PDF- header)",
        "x.pdf: không phải tệp PDF (thiếu phần đầu %PDF-)",
    ),
    (
        InputError("pdf_encrypted", name="locked.pdf"),
        "locked.pdf: PDF is password-protected",
        "locked.pdf: tệp PDF được bảo vệ bằng mật khẩu",
    ),
    (
        EncodingError("bad_byte_order_mark", name="a.txt", codec="utf-16"),
        "a.txt: starts with a utf-16 byte-order mark but is not valid utf-16",
        "a.txt: bắt đầu bằng dấu thứ tự byte (BOM) của utf-16 nhưng không phải utf-16 hợp lệ",
    ),
    (
        InputError("header_date_invalid", name="a.txt", value="2025-13-45"),
        "a.txt: header date '2025-13-45' is not a date (use YYYY-MM-DD)",
        "a.txt: ngày '2025-13-45' ở phần thông tin đầu không phải là ngày hợp lệ (hãy dùng dạng YYYY-MM-DD)",
    ),
    (
        InputError("html_no_article", name="pasted text"),
        "pasted text: no article text found in the HTML page",
        "nội dung đã dán: không tìm thấy nội dung bài viết trong trang HTML",
    ),
    # review and commitments
    (
        ConflictError("mention_already_decided", id=12, state="accepted", who="ana", when="2026-01-16 14:05"),
        "mention 12 is already accepted by ana at 2026-01-16 14:05; reopen it first (`chiso review reopen 12`)",
        "đề cập 12 đã ở trạng thái “đã nhận”, do ana quyết định lúc 16/01/2026 14:05; hãy mở lại đề cập trước",
    ),
    (
        ConflictError("mention_already_decided", id=7, state="rejected", who=None, when=None),
        "mention 7 is already rejected; reopen it first (`chiso review reopen 7`)",
        "đề cập 7 đã ở trạng thái “đã loại”; hãy mở lại đề cập trước",
    ),
    (
        ConflictError("mention_already_pending", id=7),
        "mention 7 is pending already; there is nothing to undo",
        "đề cập 7 đang chờ duyệt; không có gì để hoàn tác",
    ),
    (
        NotFoundError("no_such_id", what="mention", id=99999),
        "no mention with id 99999",
        "không tìm thấy đề cập có mã 99999",
    ),
    (
        NotFoundError("no_such_indicator", slug="khong-co"),
        "no indicator 'khong-co' (see `chiso indicator list`)",
        "không tìm thấy chỉ số 'khong-co'",
    ),
    (
        InputError("report_undated", id=12),
        "report 12 has no publication date; give it first (`chiso report date 12 YYYY-MM-DD`)",
        "báo cáo 12 chưa có ngày đăng; hãy nhập ngày đăng trước",
    ),
    (
        InputError("not_a_number", field="value", value="sáu mươi"),
        "value: not a number: 'sáu mươi'",
        "Giá trị: không phải là số: 'sáu mươi'",
    ),
    (
        InputError("field_date_format", field="as_of", value="15/3"),
        "as_of: a date is YYYY-MM-DD, got '15/3'",
        "Tính đến: ngày phải có dạng YYYY-MM-DD (đã nhập '15/3')",
    ),
    (
        InputError("field_not_editable", field="due_start", kind="figure"),
        "due_start cannot be edited on a figure mention",
        "không thể sửa Hạn từ ở đề cập loại số liệu",
    ),
    (
        InputError("mention_not_deadline", id=3, kind="figure"),
        "mention 3 is a figure, not a deadline",
        "đề cập 3 là số liệu, không phải thời hạn",
    ),
    (
        ConflictError("mention_already_linked", id=3, commitment=8),
        "mention 3 is already linked to commitment 8",
        "đề cập 3 đã được gắn với cam kết 8",
    ),
    (
        ConflictError("commitment_already_merged", id=4, commitment=2),
        "commitment 4 was already merged into commitment 2",
        "cam kết 4 đã được gộp vào cam kết 2",
    ),
    (
        InputError("commitment_merge_itself", id=4),
        "commitment 4 cannot be merged into itself",
        "không thể gộp cam kết 4 vào chính nó",
    ),
    (
        InputError("commitment_or_new"),
        "give a commitment or ask for a new one, not both",
        "hãy chọn một cam kết hoặc yêu cầu tạo cam kết mới, không chọn cả hai",
    ),
    (
        InputError("new_indicator_invalid", problems=_problems(_NewIndicator, {"slug": "Bad Slug"})),
        "the new indicator is not valid: slug: String should match pattern '^[a-z0-9]+$'; name_vi: Field required",
        "chỉ số mới không hợp lệ: Mã: không đúng định dạng '^[a-z0-9]+$'; Tên (tiếng Việt): bắt buộc phải có",
    ),
    (
        InputError("edit_invalid", problems=[{**_problems(_Edit, {"qualifier": "about"})[0], "field": ""}]),
        "cannot use that edit: Input should be 'exact', 'more_than' or 'at_most'",
        "không dùng được nội dung sửa này: phải là 'exact', 'more_than' hoặc 'at_most'",
    ),
    # signing in, the app
    (
        PermissionDeniedError("not_an_editor", user="biên-tập"),
        "biên-tập is not an editor",
        "biên-tập không phải là biên tập viên",
    ),
    (
        ChisoError("nothing_at", path="/khong/co/trang"),
        "nothing at /khong/co/trang",
        "không có trang nào tại /khong/co/trang",
    ),
    (
        ChisoError("method_not_allowed", method="DELETE", path="/reports"),
        "DELETE is not allowed on /reports",
        "không được dùng phương thức DELETE tại /reports",
    ),
    (
        ChisoError("invalid_fields", problems=_problems(_Query, {"title": "x" * 501, "limit": 0})),
        "title: String should have at most 500 characters; limit: Input should be greater than or equal to 1",
        "Tiêu đề: tối đa 500 ký tự; Số dòng: phải lớn hơn hoặc bằng 1",
    ),
    (
        NotFoundError("no_such_language", code="fr"),
        "no UI language 'fr' (vi or en)",
        "không có ngôn ngữ giao diện 'fr' (chỉ có vi hoặc en)",
    ),
    (
        ChisoError("multipart_part_too_large", kb="1024"),
        "Part exceeded maximum size of 1024KB.",
        "một phần dữ liệu gửi lên vượt quá 1024 KB",
    ),
    (
        ChisoError("sign_ins_locked", what="account", minutes=1),
        "too many failed sign-ins for this account: try again in 1 minute",
        "tài khoản này đã đăng nhập sai quá nhiều lần: thử lại sau 1 phút",
    ),
    (
        ChisoError("sign_ins_locked", what="address", minutes=15),
        "too many failed sign-ins for this address: try again in 15 minutes",
        "địa chỉ này đã đăng nhập sai quá nhiều lần: thử lại sau 15 phút",
    ),
]


@pytest.mark.parametrize(("error", "english", "vietnamese"), ROWS, ids=[e for _, e, _ in ROWS])
def test_each_error_reads_in_both_languages(error: ChisoError, english: str, vietnamese: str) -> None:
    assert error.message == english  # the CLI and the API, as before
    assert error.render("en") == english
    assert error.render("vi", hint=False) == vietnamese  # the web: no command line to run
    # The CLI in Vietnamese keeps the hint, translated.
    assert error.render("vi").startswith(vietnamese)


# -- every code a person can meet through the web UI ------------------------------------------

_ERRORS = ERRORS  # every class of the error tree (tests/test_error_codes.py)

#: Where the errors a person meets in the web UI are made: file -> the functions (None: all).
#: Not here: feeds, URL fetching, imports, the CLI's batch and the API-only routes — the web UI
#: never calls them (they have Vietnamese too: tests/test_error_codes.py).
REACHABLE: dict[str, tuple[str, ...] | None] = {
    "ingest/files.py": ("_dispatch", "read_pasted", "text_document", "_header_date"),
    "ingest/decode.py": ("decode_text", "_checked"),
    "ingest/html.py": ("read_html",),
    "ingest/pdf.py": ("read_pdf", "_opened"),
    "services/reports/add.py": ("prepare_report", "_check_storable", "get_report"),
    "services/reports/reextract.py": ("reextract_report", "reextract_in"),
    "services/reports/dates.py": ("set_published",),
    "services/review/decisions.py": None,
    "services/observations/recording.py": ("undated_error",),
    "services/review/queue.py": ("pending",),
    "services/commitments/actions.py": ("_deadline_mention", "create_from_mention", "link_mention"),
    "services/commitments/board.py": ("list_deadlines", "get_commitment"),
    "services/commitments/merge.py": ("merge", "_follow"),
    "services/observations/_points.py": ("_indicator_row",),
    "services/users/accounts.py": ("_check_rate", "change_own_password"),
    "store/db.py": ("_database_error",),
    "store/lookups.py": None,
    "web/app.py": ("_core_router",),
    "web/deps.py": None,
    "web/security.py": None,
    "web/errors.py": None,
    "web/error_pages.py": None,
    "web/pages/auth.py": None,
    "web/pages/reports.py": None,
    "web/pages/review.py": None,
    "web/pages/commitment_merge.py": None,
}


def _codes_made_under(node: ast.AST) -> set[str]:
    found: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and n.args:
            f = n.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            first_arg = n.args[0]
            if name in _ERRORS and isinstance(first_arg, ast.Constant) and isinstance(first_arg.value, str):
                found.add(first_arg.value)
    return found


def _reachable_codes() -> set[str]:
    out: set[str] = set()
    for rel, functions in REACHABLE.items():
        tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
        roots: list[ast.AST] = (
            [tree]
            if functions is None
            else [
                d
                for d in ast.walk(tree)
                if isinstance(d, ast.FunctionDef | ast.AsyncFunctionDef) and d.name in functions
            ]
        )
        if functions is not None:
            assert {getattr(r, "name", "") for r in roots} == set(functions), f"{rel}: a function moved"
        for root in roots:
            out |= _codes_made_under(root)
    return out


REACHABLE_CODES = sorted(_reachable_codes())


def test_the_walk_finds_the_web_codes() -> None:
    # The walk reads the raise sites, not a list kept by hand: spot-check that it sees them.
    assert {"binary_file", "no_such_id", "mention_already_decided", "csrf_failed", "invalid_fields"} <= set(
        REACHABLE_CODES
    )
    assert {"multipart_part_too_large", "nothing_at", "server_error", "sign_ins_locked"} <= set(
        REACHABLE_CODES
    )


@pytest.mark.parametrize("code", REACHABLE_CODES)
def test_every_web_reachable_code_reads_in_vietnamese(code: str) -> None:
    assert code in MESSAGES, f"{code}: not a registered code"
    template = MESSAGES[code]
    vietnamese = translations("vi").gettext(template)
    words = re.sub(r"\{[^}]*\}", "", vietnamese)
    if any(ch.isalpha() for ch in words):  # "{problems}" has no words of its own
        assert vietnamese != template, f"{code}: no Vietnamese"
        assert _VIETNAMESE.search(words), f"{code}: not Vietnamese: {vietnamese!r}"
    # The web shows no command line: the CLI's hints are apart, and the message itself names no flag.
    assert "`chiso" not in template, code
    assert "`chiso" not in vietnamese, code
    assert not re.search(r"(?<![\w-])--\w", vietnamese), code


def test_the_readers_errors_read_in_vietnamese() -> None:
    # Straight from the readers: what they raise renders in Vietnamese, the names kept.
    cases = [
        lambda: read_pasted("   ", max_bytes=1000),
        lambda: read_pasted("chữ " * 500, max_bytes=1000),
        lambda: read_bytes(b"", name="rỗng.txt", max_bytes=1000),
        lambda: read_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10, name="ảnh.png", max_bytes=1000),
        lambda: read_bytes(b"%PDF-1.4 broken", name="hỏng.pdf", max_bytes=1000),
        lambda: read_bytes(b"not a pdf", name="giả.pdf", max_bytes=1000),
        lambda: read_bytes(b"title: x\n---\n", name="đầu.txt", max_bytes=1000),
        lambda: read_bytes("date: 31/02/2025\n---\nNội dung".encode(), name="ngày.txt", max_bytes=1000),
    ]
    for make in cases:
        with pytest.raises(InputError) as caught:
            make()
        shown = caught.value.render("vi", hint=False)
        assert shown != caught.value.message, caught.value.message
        assert _VIETNAMESE.search(shown), shown
        for kept in re.findall(r"[\w-]+\.(?:txt|pdf|png)\b", caught.value.message):
            assert kept in shown, (kept, shown)


def test_hints_are_only_for_the_command_line() -> None:
    for code, hint in HINTS.items():
        assert code in MESSAGES
        assert "chiso" in hint or "--" in hint, code


# -- through the app --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "hãy dán nội dung báo cáo hoặc chọn một tệp"),
        ("en", "paste the report's text or choose a file"),
    ],
)
def test_add_report_with_an_empty_paste(signed_in: TestClient, lang: str, expected: str) -> None:
    r = signed_in.post("/reports/new", data={"text": "   "}, headers={"Accept-Language": lang})
    assert r.status_code == 400
    assert _error_message(r.text) == expected
    assert 'action="/reports/new"' in r.text  # the form again


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "ảnh.png: tệp nhị phân (không phải văn bản, HTML hay PDF)"),
        ("en", "ảnh.png: binary file (not text, HTML or PDF)"),
    ],
)
def test_add_report_with_a_binary_upload(signed_in: TestClient, lang: str, expected: str) -> None:
    signed_in.cookies.set("chiso_lang", lang)  # the cookie's choice wins over Accept-Language
    r = signed_in.post(
        "/reports/new",
        data={"text": ""},
        files={"file": ("ảnh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")},
        headers={"Accept-Language": "vi" if lang == "en" else "en"},
    )
    assert r.status_code == 400
    assert _error_message(r.text) == expected
    assert f'<html lang="{lang}">' in r.text


def test_add_report_with_a_bad_date_in_vietnamese(signed_in: TestClient) -> None:
    r = signed_in.post(
        "/reports/new", data={"text": "Có 60 triệu tài khoản.", "published": "16/03/2025"}, headers=VI
    )
    assert r.status_code == 400
    assert _error_message(r.text) == "ngày đăng phải có dạng YYYY-MM-DD (đã nhập '16/03/2025')"


def test_a_404_page_in_vietnamese(client: TestClient) -> None:
    r = client.get("/khong/co/trang", headers=VI)
    assert r.status_code == 404
    assert "Không tìm thấy trang" in r.text  # the title, as before
    assert _error_message(r.text) == "không có trang nào tại /khong/co/trang"
    r = client.get("/reports/99999", headers=VI)
    assert r.status_code == 404
    assert _error_message(r.text) == "không tìm thấy báo cáo có mã 99999"


def test_a_422_page_names_the_field_in_vietnamese(client: TestClient) -> None:
    r = client.get("/reports?limit=0", headers=VI)
    assert r.status_code == 422
    assert _error_message(r.text) == "Số dòng: phải lớn hơn hoặc bằng 1"


def test_an_htmx_conflict_reads_in_vietnamese(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    assert signed_in.post(f"/mentions/{mid}/reject", headers={**HX, **VI}).status_code == 200
    r = signed_in.post(f"/mentions/{mid}/reject", headers={**HX, **VI})
    assert r.status_code == 409
    shown = _error_message(r.text)  # what app.js puts in the toast
    assert shown.startswith(f"đề cập {mid} đã ở trạng thái “đã loại”, do biên-tập quyết định lúc ")
    assert shown.endswith("; hãy mở lại đề cập trước")
    r = signed_in.post(f"/mentions/{mid}/reopen", headers={**HX, **VI})
    assert r.status_code == 200
    r = signed_in.post(f"/mentions/{mid}/reopen", headers={**HX, **VI})
    assert r.status_code == 409
    assert _error_message(r.text) == f"đề cập {mid} đang chờ duyệt; không có gì để hoàn tác"


def test_signing_in_and_csrf_refusals_read_in_vietnamese(client: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    r = client.post(f"/mentions/{mid}/reject", headers={**HX, **VI})
    assert r.status_code == 401
    assert _error_message(r.text).startswith("hãy đăng nhập bằng tài khoản biên tập viên")


def test_csrf_refusal_reads_in_vietnamese(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    del signed_in.headers["X-CSRF-Token"]
    r = signed_in.post(f"/mentions/{mid}/reject", headers={**HX, **VI})
    assert r.status_code == 403
    assert _error_message(r.text) == (
        "biểu mẫu đã hết hạn hoặc không được gửi từ trang này: hãy tải lại trang rồi thử lại"
    )


def test_the_json_api_keeps_english(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    assert signed_in.post(f"/api/mentions/{mid}/reject", headers=VI).status_code == 200
    r = signed_in.post(f"/api/mentions/{mid}/reject", headers=VI)
    assert r.status_code == 409
    body = r.json()
    assert set(body) == {"ok", "error", "status", "code", "params"}
    assert body["code"] == "mention_already_decided"
    assert body["params"]["state"] == "rejected"
    assert body["ok"] is False
    assert body["status"] == 409
    assert body["error"].startswith(f"mention {mid} is already rejected by biên-tập at ")
    assert body["error"].endswith(f"; reopen it first (`chiso review reopen {mid}`)")
    r = signed_in.get("/api/reports/99999", headers=VI)
    assert r.json() == {
        "ok": False,
        "error": "no report with id 99999",
        "status": 404,
        "code": "no_such_id",
        "params": {"what": "report", "id": 99999},
    }
    r = signed_in.get("/api/no/such/thing", headers=VI)
    assert r.json() == {
        "ok": False,
        "error": "nothing at /api/no/such/thing",
        "status": 404,
        "code": "nothing_at",
        "params": {"path": "/api/no/such/thing"},
    }
    # A page asked for as JSON is the API too.
    r = signed_in.get("/reports/99999?format=json", headers=VI)
    assert r.json()["error"] == "no report with id 99999"


@pytest.fixture
def detail(database: Database) -> ReportDetail:
    return add(database)
