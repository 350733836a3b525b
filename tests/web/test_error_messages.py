"""Error messages in the Vietnamese UI: the table (chiso.web.messages), every web-reachable raise
site, the pages that show them, and the CLI's and the API's English left as it is."""

from __future__ import annotations

import ast
import html
import re
import unicodedata
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chiso.errors import InputError
from chiso.ingest.files import read_bytes, read_pasted
from chiso.services.schemas import ReportDetail
from chiso.store.db import Database
from chiso.web import messages
from chiso.web.messages import MESSAGES, translate_error, vietnamese
from tests.web.helpers import add, first

SRC = Path(messages.__file__).resolve().parents[1]  # src/chiso
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


# -- the table, row by row -------------------------------------------------------------------

ROWS = [
    # adding a report
    ("paste the report's text or choose a file", "hãy dán nội dung báo cáo hoặc chọn một tệp"),
    (
        "the publication date must be YYYY-MM-DD, got '16/03/2025'",
        "ngày đăng phải có dạng YYYY-MM-DD (đã nhập '16/03/2025')",
    ),
    (
        "báo-cáo.png: binary file (not text, HTML or PDF)",
        "báo-cáo.png: tệp nhị phân (không phải văn bản, HTML hay PDF)",
    ),
    ("empty.txt: file is empty", "empty.txt: tệp trống"),
    ("blank.txt: file is empty (only whitespace)", "blank.txt: tệp trống (chỉ có khoảng trắng)"),
    (
        "head.txt: file is empty (header only)",
        "head.txt: tệp trống (chỉ có phần thông tin đầu, không có nội dung)",
    ),
    ("pasted text: text is empty", "nội dung đã dán đang trống"),
    (
        "pasted text: text is 1.5 MB, over the 195.3 KB limit",
        "nội dung đã dán có dung lượng 1,5 MB, vượt quá giới hạn 195,3 KB",
    ),
    (
        "big report: 2024.pdf: file is 25.3 MB, over the 20 MB limit",
        "big report: 2024.pdf: tệp có dung lượng 25,3 MB, vượt quá giới hạn 20 MB",
    ),
    ("the request is over the 200,000 bytes limit", "yêu cầu vượt quá giới hạn 200.000 byte"),
    (
        "scan.pdf: PDF has no text layer (scanned image?); run OCR first",
        "scan.pdf: tệp PDF không có lớp văn bản (ảnh quét?); hãy nhận dạng chữ (OCR) trước",
    ),
    ("x.pdf: not a PDF (no %PDF- header)", "x.pdf: không phải tệp PDF (thiếu phần đầu %PDF-)"),
    ("locked.pdf: PDF is password-protected", "locked.pdf: tệp PDF được bảo vệ bằng mật khẩu"),
    (
        "a.txt: starts with a utf-16 byte-order mark but is not valid utf-16",
        "a.txt: bắt đầu bằng dấu thứ tự byte (BOM) của utf-16 nhưng không phải utf-16 hợp lệ",
    ),
    (
        "a.txt: header date '2025-13-45' is not a date (use YYYY-MM-DD)",
        "a.txt: ngày '2025-13-45' ở phần thông tin đầu không phải là ngày hợp lệ (hãy dùng dạng YYYY-MM-DD)",
    ),
    (
        "page.html: no article text found in the HTML page",
        "page.html: không tìm thấy nội dung bài viết trong trang HTML",
    ),
    # review and commitments
    (
        "mention 12 is already accepted by ana at 2026-01-16 14:05; reopen it first (`chiso review reopen 12`)",
        "đề cập 12 đã ở trạng thái “đã nhận”, do ana quyết định lúc 16/01/2026 14:05; hãy mở lại đề cập trước",
    ),
    (
        "mention 7 is already rejected; reopen it first (`chiso review reopen 7`)",
        "đề cập 7 đã ở trạng thái “đã loại”; hãy mở lại đề cập trước",
    ),
    (
        "mention 7 is pending already; there is nothing to undo",
        "đề cập 7 đang chờ duyệt; không có gì để hoàn tác",
    ),
    ("no mention with id 99999", "không tìm thấy đề cập có mã 99999"),
    ("no indicator 'khong-co' (see `chiso indicator list`)", "không tìm thấy chỉ số 'khong-co'"),
    ("value: not a number: 'sáu mươi'", "Giá trị: không phải là số: 'sáu mươi'"),
    ("as_of: a date is YYYY-MM-DD, got '15/3'", "Tính đến: ngày phải có dạng YYYY-MM-DD (đã nhập '15/3')"),
    ("due_start cannot be edited on a figure mention", "không thể sửa Hạn từ ở đề cập loại số liệu"),
    ("mention 3 is a figure, not a deadline", "đề cập 3 là số liệu, không phải thời hạn"),
    ("mention 3 is already linked to commitment 8", "đề cập 3 đã được gắn với cam kết 8"),
    ("commitment 4 was already merged into commitment 2", "cam kết 4 đã được gộp vào cam kết 2"),
    ("commitment 4 cannot be merged into itself", "không thể gộp cam kết 4 vào chính nó"),
    (
        "give a commitment or ask for a new one, not both",
        "hãy chọn một cam kết hoặc yêu cầu tạo cam kết mới, không chọn cả hai",
    ),
    (
        "the new indicator is not valid: slug: String should match pattern '^[a-z0-9]+$'; name_vi: Field required",
        "chỉ số mới không hợp lệ: Mã: không đúng định dạng '^[a-z0-9]+$'; Tên (tiếng Việt): bắt buộc phải có",
    ),
    (
        "cannot use that edit: Input should be 'exact', 'more_than' or 'at_most'",
        "không dùng được nội dung sửa này: phải là 'exact', 'more_than' hoặc 'at_most'",
    ),
    # signing in, the app
    ("biên-tập is not an editor", "biên-tập không phải là biên tập viên"),
    ("nothing at /khong/co/trang", "không có trang nào tại /khong/co/trang"),
    ("DELETE is not allowed on /reports", "không được dùng phương thức DELETE tại /reports"),
    (
        "title: String should have at most 500 characters; limit: Input should be greater than or equal to 1",
        "Tiêu đề: tối đa 500 ký tự; Số dòng: phải lớn hơn hoặc bằng 1",
    ),
    ("no UI language 'fr' (vi or en)", "không có ngôn ngữ giao diện 'fr' (chỉ có vi hoặc en)"),
    ("Part exceeded maximum size of 1024KB.", "một phần dữ liệu gửi lên vượt quá 1024 KB"),
]


@pytest.mark.parametrize(("english", "expected"), ROWS, ids=[e[:40] for e, _ in ROWS])
def test_each_row_reads_in_vietnamese(english: str, expected: str) -> None:
    assert translate_error("vi", english) == expected
    assert translate_error("en", english) == english  # the English UI shows it as raised


def test_unknown_messages_stay_english_and_never_half_translated() -> None:
    assert translate_error("vi", "a message nobody wrote a row for") == "a message nobody wrote a row for"
    # One part unknown: the whole message stays English rather than half Vietnamese.
    mixed = "title: String should have at most 500 characters; something new"
    assert translate_error("vi", mixed) == mixed
    # An id that differs from the one the row repeats is not the message the row knows.
    odd = "mention 7 is already rejected; reopen it first (`chiso review reopen 8`)"
    assert translate_error("vi", odd) == odd
    assert translate_error("vi", "") == ""


def test_the_table_is_well_formed() -> None:
    slot = re.compile(r"\{(\w+)\}")
    for english, viet in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", viet), english
        assert set(slot.findall(viet)) <= set(slot.findall(english)), english
        words = slot.sub("", viet)
        if any(ch.isalpha() for ch in words):  # "{field}: {msg}" has no words of its own
            assert _VIETNAMESE.search(words), f"not Vietnamese: {viet!r}"


# -- every raise site a person can reach through the web UI ----------------------------------

_ERRORS = {
    "ChisoError",
    "InputError",
    "EncodingError",
    "TooLargeError",
    "FetchError",
    "BlockedAddressError",
    "NotFoundError",
    "ConflictError",
    "PermissionDeniedError",
    "DatabaseError",
    "DatabaseBusyError",
    "SignInRequiredError",
    "CsrfError",
}

#: Where the messages a person meets in the web UI are made: file -> the functions (None: all).
#: Not here: feeds, URL fetching, imports, users, the CLI's batch and the API-only routes — the
#: web UI never calls them (their messages stay English).
REACHABLE: dict[str, tuple[str, ...] | None] = {
    "ingest/files.py": (
        "_dispatch",
        "read_pasted",
        "decode_text",
        "text_document",
        "_header_date",
        "_checked",
    ),
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
    "store/db.py": ("_database_error",),
    "store/lookups.py": ("get", "indicator_by_slug"),
    "web/app.py": ("_core_router",),
    "web/deps.py": None,
    "web/security.py": None,
    "web/errors.py": None,
    "web/pages/reports.py": None,
    "web/pages/review.py": None,
    "web/pages/commitment_merge.py": None,
}

#: Each message expression at those sites (as ``ast.unparse`` writes it) -> messages it makes.
SAMPLES: dict[str, list[str]] = {
    "f'{shown}: {what} is {format_size(len(data))}, over the {format_size(max_bytes)} limit'": [
        "báo cáo.txt: file is 250.5 KB, over the 195.3 KB limit",
        "stdin: input is 2 MB, over the 1 MB limit",
    ],
    "f'{shown}: {what} is empty'": ["empty.txt: file is empty"],
    "f'{shown}: not a PDF (no %PDF- header)'": ["report.pdf: not a PDF (no %PDF- header)"],
    "f'pasted text: text is {format_size(size)}, over the {format_size(max_bytes)} limit'": [
        "pasted text: text is 300.2 KB, over the 195.3 KB limit"
    ],
    "'pasted text: text is empty'": ["pasted text: text is empty"],
    "f'{name}: binary file (not text, HTML or PDF)'": ["x.png: binary file (not text, HTML or PDF)"],
    "f'{name}: cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)'": [
        "old.txt: cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)"
    ],
    "f'{name}: starts with a {codec} byte-order mark but is not valid {codec}'": [
        "a.txt: starts with a utf-16 byte-order mark but is not valid utf-16"
    ],
    "f'{name}: {what} is empty' + (' (only whitespace)' if text.strip() == '' else ' (header only)')": [
        "blank.txt: file is empty (only whitespace)",
        "head.txt: file is empty (header only)",
        "pasted text: text is empty (header only)",
    ],
    "f'{name}: header date {value!r} is not a date (use YYYY-MM-DD)'": [
        "pasted text: header date '31/02/2025' is not a date (use YYYY-MM-DD)"
    ],
    "f'{name}: no article text found in the HTML page'": [
        "page.html: no article text found in the HTML page",
        "pasted text: no article text found in the HTML page",
    ],
    "f'{name}: PDF has no pages'": ["empty.pdf: PDF has no pages"],
    "f'{name}: PDF has no text layer (scanned image?); run OCR first'": [
        "scan.pdf: PDF has no text layer (scanned image?); run OCR first"
    ],
    "f'{name}: page {numbers} of the PDF splits words into letters, so its figures cannot be read safely; export the report to PDF again or paste its text'": [
        "in.pdf: page 2 of the PDF splits words into letters, so its figures cannot be read safely; "
        "export the report to PDF again or paste its text",
        "in.pdf: page 1, 2, 3, 4, 5 … of the PDF splits words into letters, so its figures cannot be "
        "read safely; export the report to PDF again or paste its text",
    ],
    "f'{name}: PDF is password-protected'": ["locked.pdf: PDF is password-protected"],
    "f'{name}: not a readable PDF (damaged or truncated)'": [
        "cut.pdf: not a readable PDF (damaged or truncated)"
    ],
    "'the report has no text'": ["the report has no text"],
    "'the text contains a NUL character (\\\\0): it is binary, not text'": [
        "the text contains a NUL character (\\0): it is binary, not text"
    ],
    "f'{name}: contains a NUL character (\\\\0)'": ["publisher: contains a NUL character (\\0)"],
    "f'{name}: at most {limit} characters (this one has {len(value)})'": [
        "publisher: at most 300 characters (this one has 301)"
    ],
    "f'no report with id {report_id}'": ["no report with id 404"],
    "f'report {report_id}: its stored text changes when normalised again, so offsets would move; add it again instead'": [
        "report 12: its stored text changes when normalised again, so offsets would move; add it again instead"
    ],
    "f'report {report_id} was made by an import from its quotes; there is no text to read again'": [
        "report 7 was made by an import from its quotes; there is no text to read again"
    ],
    "f'mention {m.id} is already {m.state}{who}{when}; reopen it first (`chiso review reopen {m.id}`)'": [
        "mention 12 is already accepted by biên-tập at 2026-01-16 14:05; reopen it first (`chiso review reopen 12`)",
        "mention 12 is already rejected; reopen it first (`chiso review reopen 12`)",
    ],
    "f'no mention with id {mention_id}'": ["no mention with id 99999"],
    "'a figure needs a value'": ["a figure needs a value"],
    "f'deadline mention {m.id} needs a due date: set due_end (or due_start)'": [
        "deadline mention 7 needs a due date: set due_end (or due_start)"
    ],
    "f'deadline mention {m.id}: due_start is after due_end'": ["deadline mention 7: due_start is after due_end"],
    "f'no indicator with slug {slug!r} (see `chiso indicator list`)'": [
        "no indicator with slug 'khong-co' (see `chiso indicator list`)"
    ],
    "'give an indicator or a commitment, not both'": ["give an indicator or a commitment, not both"],
    "'nothing to edit'": ["nothing to edit"],
    "f'{field} cannot be edited on a {m.kind} mention'": [
        "due_start cannot be edited on a figure mention",
        "value cannot be edited on a deadline mention",
    ],
    "f'mention {m.id} is a figure: link it to an indicator, not a commitment'": [
        "mention 5 is a figure: link it to an indicator, not a commitment"
    ],
    "f'mention {m.id} is a deadline: link it to a commitment, not an indicator'": [
        "mention 6 is a deadline: link it to a commitment, not an indicator"
    ],
    "f'the new indicator is not valid: {problems}'": [
        "the new indicator is not valid: unit: String should have at least 1 character"
    ],
    "f'mention {m.id} is a deadline; only figures make indicators'": [
        "mention 6 is a deadline; only figures make indicators"
    ],
    "f'an indicator with slug {spec.slug!r} already exists'": [
        "an indicator with slug 'vneid-activated-accounts' already exists"
    ],
    "f'mention {m.id} is pending already; there is nothing to undo'": [
        "mention 5 is pending already; there is nothing to undo"
    ],
    "f'no indicator suggested for mention {m.id}; name one (--indicator SLUG)'": [
        "no indicator suggested for mention 5; name one (--indicator SLUG)"
    ],
    "f'kind must be figure or deadline, got {kind!r}'": ["kind must be figure or deadline, got 'target'"],
    "f'mention {mention.id} is a {mention.kind}, not a deadline'": ["mention 5 is a figure, not a deadline"],
    "f'mention {mention.id} is already linked to commitment {mention.commitment_id}'": [
        "mention 6 is already linked to commitment 2"
    ],
    "'a commitment needs a title'": ["a commitment needs a title"],
    "f'commitment {commitment_id} was merged into commitment {commitment.merged_into_id}; link to that one'": [
        "commitment 3 was merged into commitment 1; link to that one"
    ],
    "'give a commitment or ask for a new one, not both'": [
        "give a commitment or ask for a new one, not both"
    ],
    "f'commitment {keep_id} cannot be merged into itself'": ["commitment 4 cannot be merged into itself"],
    "f'commitment {c.id} was already merged into commitment {c.merged_into_id}'": [
        "commitment 4 was already merged into commitment 2"
    ],
    "f'not a commitment id: {other!r}'": ["not a commitment id: 'abc'"],
    "f'no {WHAT[model]} with id {ident}'": [
        "no commitment with id 77",
        "no indicator with id 77",
        "no mention with id 99999",
    ],
    "f\"unknown status {status!r}; use one of {', '.join(_STATUS_FILTERS)}\"": [
        "unknown status 'late'; use one of overdue, due_soon, upcoming, met, met_late, missed, dropped, open, resolved"
    ],
    "f'no indicator {slug!r} (see `chiso indicator list`)'": [
        "no indicator 'khong-co' (see `chiso indicator list`)"
    ],
    "f'database error: {exc.orig}'": ["database error: disk I/O error"],
    "'the database is busy, try again'": ["the database is busy, try again"],
    "f'no asset named {name}'": ["no asset named package.json"],
    "f'no UI language {code!r} (vi or en)'": ["no UI language 'fr' (vi or en)"],
    "'sign in as an editor (or send an API token) to change anything'": [
        "sign in as an editor (or send an API token) to change anything"
    ],
    "f'{user.name} is not an editor'": ["khách is not an editor"],
    "'the API token is not valid'": ["the API token is not valid"],
    "'the form has expired or did not come from this site: reload the page and try again'": [
        "the form has expired or did not come from this site: reload the page and try again"
    ],
    "f'nothing at {request.url.path}'": ["nothing at /reports/abc"],
    # the 422 message: the validation errors of the form or query, "; "-joined
    "'; '.join(parts) or 'invalid request'": [
        "invalid request",
        "title: String should have at most 500 characters",
        "publisher: String should have at most 300 characters; url: String should have at most 2000 characters",
        "name: Field required; password: Field required",
        "limit: Input should be less than or equal to 500",
        "offset: Input should be greater than or equal to 0",
        "view: Input should be 'panel' or 'row'",
        "kind: Input should be 'figure' or 'deadline'",
        "on: Input should be a valid date or datetime, input is too short",
        "on: Input should be a valid date or datetime, invalid character in year",
        "limit: Input should be a valid integer, unable to parse string as an integer",
    ],
    "'something went wrong on our side; it has been logged'": [
        "something went wrong on our side; it has been logged"
    ],
    "f'the request is over the {_mb(limit)} limit'": [
        "the request is over the 20.1 MB limit",
        "the request is over the 210,000 bytes limit",
    ],
    "f'{request.method} is not allowed on {request.url.path}'": ["PUT is not allowed on /reports/new"],
    # an HTTPException from Starlette or FastAPI reading a form it cannot parse
    "str(exc.detail)": [
        "There was an error parsing the body",
        "Part exceeded maximum size of 1024KB.",
        "Field exceeded maximum size of 1024KB.",
        "Invalid multipart data.",
        "Missing boundary in multipart.",
    ],
    '"paste the report\'s text or choose a file"': ["paste the report's text or choose a file"],
    "f'the publication date must be YYYY-MM-DD, got {value!r}'": [
        "the publication date must be YYYY-MM-DD, got '16/03/2025'"
    ],
    "'nothing changed'": ["nothing changed"],
    "\"the publication date must be YYYY-MM-DD, got ''\"": [
        "the publication date must be YYYY-MM-DD, got ''"
    ],
    "f'report {report_id} has no publication date; give it first (`chiso report date {report_id} YYYY-MM-DD`)'": [
        "report 12 has no publication date; give it first (`chiso report date 12 YYYY-MM-DD`)"
    ],
    "f'the period starts ({m.period_start}) after it ends ({m.period_end})'": [
        "the period starts (2025-12-31) after it ends (2025-01-01)"
    ],
    "f\"{where}: {first.get('msg', 'invalid')}\"": [
        "slug: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'",
        "name_vi: String should have at least 1 character",
        "measure: Input should be 'cumulative', 'flow', 'stock', 'rate', 'share' or 'count_of_total'",
    ],
    "f'not a commitment id: {value!r}'": ["not a commitment id: 'abc'"],
    "f\"cannot use that edit: {(exc.errors()[0]['msg'] if hasattr(exc, 'errors') else exc)}\"": [
        "cannot use that edit: Input should be 'exact', 'more_than', 'at_least', 'about', 'nearly', 'less_than' or 'at_most'"
    ],
    "f'{name}: not a number: {raw!r}'": ["value: not a number: 'sáu mươi'", "of_total: not a number: '1/2'"],
    "f'{name}: a date is YYYY-MM-DD, got {raw!r}'": ["as_of: a date is YYYY-MM-DD, got '15/3/2025'"],
}


def _message_expressions(node: ast.AST) -> list[ast.expr]:
    """The messages made under ``node``: an error's first argument, ``error_response``'s third,
    and what is assigned to a variable named ``message`` (a name passed on is not a new message)."""
    found: list[ast.expr] = []
    for n in ast.walk(node):
        arg: ast.expr | None = None
        if isinstance(n, ast.Call):
            f = n.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in _ERRORS and n.args:
                arg = n.args[0]
            elif name == "error_response" and len(n.args) == 3:
                arg = n.args[2]
        elif isinstance(n, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "message" for t in n.targets
        ):
            arg = n.value
        if arg is not None and not isinstance(arg, ast.Name | ast.Attribute):
            found.append(arg)
    return found


def _reachable_expressions() -> dict[str, ast.expr]:
    out: dict[str, ast.expr] = {}
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
            for expr in _message_expressions(root):
                out[ast.unparse(expr)] = expr
    return out


def _shape(expr: ast.expr) -> str:
    """A regular expression for every message ``expr`` can make (its literal text, anything between)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return re.escape(expr.value)
    if isinstance(expr, ast.JoinedStr):
        return "".join(_shape(v) if isinstance(v, ast.Constant) else ".*" for v in expr.values)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _shape(expr.left) + _shape(expr.right)
    if isinstance(expr, ast.IfExp):
        return f"(?:{_shape(expr.body)}|{_shape(expr.orelse)})"
    if isinstance(expr, ast.BoolOp):
        return "(?:" + "|".join(_shape(v) for v in expr.values) + ")"
    return ".*"


def test_every_web_reachable_message_is_listed() -> None:
    # A new raise site a person can meet in the web UI fails here until it has samples (and so
    # a Vietnamese rendering, below); a removed one fails until its samples go.
    found = _reachable_expressions()
    assert sorted(set(found) - set(SAMPLES)) == [], (
        "new web-reachable messages: add samples and a row to MESSAGES"
    )
    assert sorted(set(SAMPLES) - set(found)) == [], "these messages are no longer raised: drop their samples"
    for source, expr in found.items():
        for sample in SAMPLES[source]:
            assert re.fullmatch(_shape(expr), sample, re.S), f"{sample!r} is not what {source} makes"


@pytest.mark.parametrize(
    "english", [s for samples in SAMPLES.values() for s in samples], ids=lambda s: str(s)[:50]
)
def test_every_web_reachable_message_has_a_vietnamese_rendering(english: str) -> None:
    shown = translate_error("vi", english)
    assert shown != english, f"no Vietnamese for {english!r}"
    assert vietnamese(english) == shown
    assert _VIETNAMESE.search(shown), shown
    assert unicodedata.is_normalized("NFC", shown)
    # What the person gave (file names, ids, slugs, values in quotes) comes back unchanged.
    for kept in re.findall(r"'[^']*'|\b\d{2,}\b|[\w-]+\.(?:txt|pdf|png|html|json)\b", english):
        assert kept in shown, (kept, shown)


def test_the_readers_messages_are_the_ones_the_table_knows() -> None:
    # Straight from the readers: no sample drift between what they raise and the table.
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
        assert translate_error("vi", caught.value.message) != caught.value.message, caught.value.message


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
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False
    assert body["status"] == 409
    assert body["error"].startswith(f"mention {mid} is already rejected by biên-tập at ")
    assert body["error"].endswith(f"; reopen it first (`chiso review reopen {mid}`)")
    r = signed_in.get("/api/reports/99999", headers=VI)
    assert r.json() == {"ok": False, "error": "no report with id 99999", "status": 404}
    r = signed_in.get("/api/no/such/thing", headers=VI)
    assert r.json() == {"ok": False, "error": "nothing at /api/no/such/thing", "status": 404}
    # A page asked for as JSON is the API too.
    r = signed_in.get("/reports/99999?format=json", headers=VI)
    assert r.json()["error"] == "no report with id 99999"


@pytest.fixture
def detail(database: Database) -> ReportDetail:
    return add(database)
