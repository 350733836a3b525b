"""Error messages in the UI's language: chiso's one-line English messages, read in Vietnamese.

Services and readers raise :class:`~chiso.errors.ChisoError` with one English line; the CLI
prints it and the JSON API returns it, both unchanged. Only the web's HTML edge translates it:
the error page (which is also what an htmx action's toast shows: app.js reads its
``.error-message``) and the add-report form, through the template function ``t_error``. Page
contexts keep the English message, as they keep every other raw value; templates translate.

The design: :data:`MESSAGES` is a table of English *templates*, written as the raise sites write
their f-strings with named slots, each with its Vietnamese template::

    "{name}: binary file (not text, HTML or PDF)": "{name}: tệp nhị phân (không phải văn bản, HTML hay PDF)",

Each English template compiles once into an anchored regular expression. A slot matches any
text without ``"; "`` unless :data:`SLOT_PATTERNS` gives its name another pattern (ids are
digits, ``what`` is one of file, input, text, response); a slot used twice must match the same
text twice; ``[...]`` marks an optional part (``[ by {who}]``), kept in the Vietnamese only when
its slots matched. The captured parts — file names, ids, slugs, URLs, what the person typed — go back into
the Vietnamese unchanged, except:

- words from a closed list (the input's noun, a mention's state or kind): :data:`WORDS`;
- sizes (``1.5 MB`` → ``1,5 MB``), timestamps (``2026-01-16 14:05`` → ``16/01/2026 14:05``);
- form field names (``title`` → ``Tiêu đề``): :data:`FIELDS`;
- a ``msg`` slot, which is itself a message (Pydantic's validation wording) and is translated
  by the same table.

The first row that matches wins, so specific rows come before general ones. A message of
several parts joined by ``"; "`` (a form with several bad fields) is translated part by part.
Whatever does not match in full stays English: a message is never half translated, and an
unknown message never fails.

Why a table of patterns rather than a key on each exception: the raise sites are spread over
the services and the readers, shared with the CLI and the API; matching the finished message
needs no change there and keeps ``ChisoError(message)`` exactly as it is. The cost — a raise
site whose wording changes, or a new one, no longer matches — is caught by
``tests/web/test_error_messages.py``, which walks every raise site a person can reach through the
web UI and checks that each has a Vietnamese rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

#: Slot name -> the regular expression its text must match (default: :data:`DEFAULT_SLOT`).
SLOT_PATTERNS: Final[dict[str, str]] = {
    "id": r"\d+",
    "commitment": r"\d+",
    "n": r"\d+",
    "what": r"file|input|text|response",
    "state": r"pending|accepted|rejected",
    "kind": r"figure|deadline",
    "size": r"\d[\d,]*(?:\.\d+)? (?:MB|KB|bytes)",
    "limit": r"\d[\d,]*(?:\.\d+)? (?:MB|KB|bytes)",
    "when": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",
    "field": r"[A-Za-z_][\w.]*",
    "codec": r"[\w-]+",
    "method": r"[A-Z]+",
    "choices": r"'[^']*'(?:, '[^']*')*",
    "last": r"'[^']*'",
    # a message in a message: a "; "-joined list of problems may follow
    "msg": r".+",
}

#: Any other slot: any text but the separator of a list of problems (shortest first).
DEFAULT_SLOT: Final = r"(?:(?!; ).)+?"

#: English words that fill a slot -> Vietnamese.
WORDS: Final[dict[str, str]] = {
    # what was read (chiso.ingest.files._what)
    "file": "tệp",
    "input": "dữ liệu đầu vào",
    "text": "văn bản",
    "response": "nội dung trả về",
    # a mention's state and kind
    "pending": "chờ duyệt",
    "accepted": "đã nhận",
    "rejected": "đã loại",
    "figure": "số liệu",
    "deadline": "thời hạn",
}

#: The names the readers give input that is not a named file -> Vietnamese.
NAMES: Final[dict[str, str]] = {"pasted text": "nội dung đã dán", "stdin": "đầu vào chuẩn"}

#: Form and query field names a person can meet in a validation message -> their Vietnamese label.
FIELDS: Final[dict[str, str]] = {
    "text": "Nội dung",
    "file": "Tệp",
    "title": "Tiêu đề",
    "publisher": "Nguồn",
    "url": "Đường dẫn gốc",
    "published": "Ngày đăng",
    "name": "Tên",
    "password": "Mật khẩu",
    "next": "Trang tiếp theo",
    "indicator": "Chỉ số",
    "commitment": "Cam kết",
    "reason": "Lý do",
    "view": "Kiểu hiển thị",
    "value": "Giá trị",
    "value_max": "Giá trị tối đa",
    "of_total": "Trên tổng số",
    "qualifier": "Mức",
    "unit": "Đơn vị",
    "as_of": "Tính đến",
    "period_start": "Đầu kỳ",
    "period_end": "Cuối kỳ",
    "due_start": "Hạn từ",
    "due_end": "Hạn đến",
    "commitment_text": "Nội dung cam kết",
    "is_target": "Mục tiêu",
    "slug": "Mã",
    "name_vi": "Tên (tiếng Việt)",
    "name_en": "Tên (tiếng Anh)",
    "measure": "Loại số đo",
    "programme": "Chương trình",
    "owner": "Cơ quan chủ trì",
    "status": "Trạng thái",
    "kind": "Loại",
    "on": "Ngày",
    "q": "Từ khoá",
    "limit": "Số dòng",
    "offset": "Vị trí bắt đầu",
}

#: English message template -> Vietnamese template (see the module docstring). Ordered: the first
#: match wins, so a general row ("{field}: {msg}") comes after the specific ones.
MESSAGES: Final[dict[str, str]] = {
    # -- adding a report: the form (web/pages/reports.py) ---------------------------------
    "paste the report's text or choose a file": "hãy dán nội dung báo cáo hoặc chọn một tệp",
    "the publication date must be YYYY-MM-DD, got {value}": "ngày đăng phải có dạng YYYY-MM-DD (đã nhập {value})",
    "the report has no text": "báo cáo không có nội dung",
    "the text contains a NUL character (\\0): it is binary, not text": "văn bản có ký tự NUL (\\0): đây là dữ liệu nhị phân, không phải văn bản",
    "{name}: contains a NUL character (\\0)": "{name}: có ký tự NUL (\\0)",
    "{name}: at most {most} characters (this one has {n})": "{name}: tối đa {most} ký tự (giá trị này có {n})",
    "the request is over the {limit} limit": "yêu cầu vượt quá giới hạn {limit}",
    # -- reading the pasted text or the uploaded file (chiso.ingest) ------------------------
    "pasted text: text is {size}, over the {limit} limit": "nội dung đã dán có dung lượng {size}, vượt quá giới hạn {limit}",
    "pasted text: text is empty (only whitespace)": "nội dung đã dán đang trống (chỉ có khoảng trắng)",
    "pasted text: text is empty (header only)": "nội dung đã dán đang trống (chỉ có phần thông tin đầu, không có nội dung)",
    "pasted text: text is empty": "nội dung đã dán đang trống",
    "{name}: {what} is {size}, over the {limit} limit": "{name}: {what} có dung lượng {size}, vượt quá giới hạn {limit}",
    "{name}: {what} is empty (only whitespace)": "{name}: {what} trống (chỉ có khoảng trắng)",
    "{name}: {what} is empty (header only)": "{name}: {what} trống (chỉ có phần thông tin đầu, không có nội dung)",
    "{name}: {what} is empty": "{name}: {what} trống",
    "{name}: not a PDF (no %PDF- header)": "{name}: không phải tệp PDF (thiếu phần đầu %PDF-)",
    "too many failed sign-ins for this account: try again in {n} minute[s]": "tài khoản này đã đăng nhập sai quá nhiều lần: thử lại sau {n} phút",
    "too many failed sign-ins for this address: try again in {n} minute[s]": "địa chỉ này đã đăng nhập sai quá nhiều lần: thử lại sau {n} phút",
    "the password must be at least {n} characters": "mật khẩu phải có ít nhất {n} ký tự",
    "the current password is not right": "mật khẩu hiện tại không đúng",
    "the two new passwords are not the same": "hai lần nhập mật khẩu mới không giống nhau",
    "sign in to see your account": "hãy đăng nhập để xem tài khoản của bạn",
    "no token with id {id}": "không có token nào mang id {id}",
    "deadline mention {id} needs a due date: set due_end (or due_start)": "thời hạn (mention {id}) cần có ngày đến hạn: hãy đặt ngày kết thúc (hoặc ngày bắt đầu)",
    "deadline mention {id}: due_start is after due_end": "thời hạn (mention {id}): ngày bắt đầu sau ngày kết thúc",
    "the page cursor is not valid: start again from the first page": "con trỏ trang không hợp lệ: hãy bắt đầu lại từ trang đầu",
    "{name}: PDF is password-protected": "{name}: tệp PDF được bảo vệ bằng mật khẩu",
    "{name}: not a readable PDF (damaged or truncated)": "{name}: không đọc được tệp PDF (tệp bị hỏng hoặc không đầy đủ)",
    "{name}: PDF has no pages": "{name}: tệp PDF không có trang nào",
    "{name}: PDF has no text layer (scanned image?); run OCR first": "{name}: tệp PDF không có lớp văn bản (ảnh quét?); hãy nhận dạng chữ (OCR) trước",
    "{name}: page {pages} of the PDF splits words into letters, so its figures cannot be read safely; export the report to PDF again or paste its text": "{name}: trang {pages} của tệp PDF bị tách chữ thành từng ký tự nên không đọc số liệu an toàn được; hãy xuất lại báo cáo ra PDF hoặc dán nội dung của nó",
    "{name}: no article text found in the HTML page": "{name}: không tìm thấy nội dung bài viết trong trang HTML",
    "{name}: starts with a {codec} byte-order mark but is not valid {codec}": "{name}: bắt đầu bằng dấu thứ tự byte (BOM) của {codec} nhưng không phải {codec} hợp lệ",
    "{name}: binary file (not text, HTML or PDF)": "{name}: tệp nhị phân (không phải văn bản, HTML hay PDF)",
    "{name}: cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)": "{name}: không xác định được bảng mã của văn bản (không phải UTF-8, UTF-16 hay một bảng mã cũ đã biết)",
    "{name}: header date {value} is not a date (use YYYY-MM-DD)": "{name}: ngày {value} ở phần thông tin đầu không phải là ngày hợp lệ (hãy dùng dạng YYYY-MM-DD)",
    # -- not found ---------------------------------------------------------------------------
    "no report with id {id}": "không tìm thấy báo cáo có mã {id}",
    "no mention with id {id}": "không tìm thấy đề cập có mã {id}",
    "no commitment with id {id}": "không tìm thấy cam kết có mã {id}",
    "no indicator with id {id}": "không tìm thấy chỉ số có mã {id}",
    "no indicator with slug {slug} (see `chiso indicator list`)": "không tìm thấy chỉ số có mã {slug}",
    "no indicator {slug} (see `chiso indicator list`)": "không tìm thấy chỉ số {slug}",
    # -- re-reading a report (chiso.services.reports.reextract) --------------------------------------
    "report {id} was made by an import from its quotes; there is no text to read again": "báo cáo {id} được tạo khi nhập dữ liệu, từ các trích dẫn của nó; không có văn bản để đọc lại",
    "report {id}: its stored text changes when normalised again, so offsets would move; add it again instead": "báo cáo {id}: văn bản đã lưu thay đổi khi chuẩn hóa lại nên vị trí các trích dẫn sẽ lệch; hãy thêm lại báo cáo",
    # -- review actions (chiso.services.review.decisions) ------------------------------------
    "mention {id} is already {state}[ by {who}][ at {when}]; reopen it first (`chiso review reopen {id}`)": "đề cập {id} đã ở trạng thái “{state}”[, do {who} quyết định][ lúc {when}]; hãy mở lại đề cập trước",
    "mention {id} is pending already; there is nothing to undo": "đề cập {id} đang chờ duyệt; không có gì để hoàn tác",
    "mention {id} is a figure: link it to an indicator, not a commitment": "đề cập {id} là số liệu: hãy gắn nó với một chỉ số, không phải một cam kết",
    "mention {id} is a deadline: link it to a commitment, not an indicator": "đề cập {id} là thời hạn: hãy gắn nó với một cam kết, không phải một chỉ số",
    "mention {id} is a deadline; only figures make indicators": "đề cập {id} là thời hạn; chỉ số liệu mới tạo được chỉ số",
    "no indicator suggested for mention {id}; name one (--indicator SLUG)": "chưa có chỉ số nào được gợi ý cho đề cập {id}; hãy chọn một chỉ số",
    "give an indicator or a commitment, not both": "hãy chọn một chỉ số hoặc một cam kết, không chọn cả hai",
    "give a commitment or ask for a new one, not both": "hãy chọn một cam kết hoặc yêu cầu tạo cam kết mới, không chọn cả hai",
    "nothing to edit": "không có gì để sửa",
    "nothing changed": "không có gì thay đổi",
    "{field} cannot be edited on a {kind} mention": "không thể sửa {field} ở đề cập loại {kind}",
    "a figure needs a value": "số liệu phải có giá trị",
    "report {id} has no publication date; give it first (`chiso report date {id} YYYY-MM-DD`)": "báo cáo {id} chưa có ngày đăng; hãy nhập ngày đăng trước",
    "the period starts ({start}) after it ends ({end})": "kỳ bắt đầu ({start}) sau khi kết thúc ({end})",
    "the new indicator is not valid: {msg}": "chỉ số mới không hợp lệ: {msg}",
    "an indicator with slug {slug} already exists": "đã có chỉ số mang mã {slug}",
    "kind must be figure or deadline, got {value}": "loại phải là số liệu hoặc thời hạn (nhận được {value})",
    # -- the review forms (web/pages/review.py) ---------------------------------------------
    "not a commitment id: {value}": "không phải mã cam kết: {value}",
    "cannot use that edit: {msg}": "không dùng được nội dung sửa này: {msg}",
    "{field}: not a number: {value}": "{field}: không phải là số: {value}",
    "{field}: a date is YYYY-MM-DD, got {value}": "{field}: ngày phải có dạng YYYY-MM-DD (đã nhập {value})",
    # -- commitments (chiso.services.commitments.actions, commitment_board) -------------------
    "mention {id} is a {kind}, not a deadline": "đề cập {id} là {kind}, không phải thời hạn",
    "mention {id} is already linked to commitment {commitment}": "đề cập {id} đã được gắn với cam kết {commitment}",
    "a commitment needs a title": "cam kết cần có tiêu đề",
    "commitment {id} was merged into commitment {commitment}; link to that one": "cam kết {id} đã được gộp vào cam kết {commitment}; hãy gắn vào cam kết đó",
    "commitment {id} cannot be merged into itself": "không thể gộp cam kết {id} vào chính nó",
    "commitment {id} was already merged into commitment {commitment}": "cam kết {id} đã được gộp vào cam kết {commitment}",
    "unknown status {value}; use one of {choices_text}": "trạng thái {value} không hợp lệ; hãy dùng một trong các giá trị: {choices_text}",
    # -- signing in, permissions, CSRF (web/deps.py, web/security.py) ------------------------
    "sign in as an editor (or send an API token) to change anything": "hãy đăng nhập bằng tài khoản biên tập viên (hoặc gửi mã API) để thay đổi dữ liệu",
    "{user} is not an editor": "{user} không phải là biên tập viên",
    "the API token is not valid": "mã API không hợp lệ",
    "the form has expired or did not come from this site: reload the page and try again": "biểu mẫu đã hết hạn hoặc không được gửi từ trang này: hãy tải lại trang rồi thử lại",
    # -- the web app itself (web/app.py, web/error_pages.py) --------------------------------------
    "no asset named {name}": "không có tệp tài nguyên {name}",
    "no UI language {code} (vi or en)": "không có ngôn ngữ giao diện {code} (chỉ có vi hoặc en)",
    "nothing at {path}": "không có trang nào tại {path}",
    "{method} is not allowed on {path}": "không được dùng phương thức {method} tại {path}",
    "something went wrong on our side; it has been logged": "đã có lỗi ở phía máy chủ; lỗi đã được ghi lại",
    "invalid request": "yêu cầu không hợp lệ",
    "database error: {detail}": "lỗi cơ sở dữ liệu: {detail}",
    "the database is busy, try again": "cơ sở dữ liệu đang bận, hãy thử lại",
    "the request has a value the database cannot use (a number out of range or a NUL character)": "yêu cầu có một giá trị mà cơ sở dữ liệu không dùng được (số vượt giới hạn hoặc ký tự NUL)",
    # -- Starlette and FastAPI, reading a form they cannot parse (a 400) ----------------------
    "There was an error parsing the body": "không đọc được dữ liệu đã gửi",
    "Part exceeded maximum size of {n}KB.": "một phần dữ liệu gửi lên vượt quá {n} KB",
    "Field exceeded maximum size of {n}KB.": "một trường của biểu mẫu vượt quá {n} KB",
    "Invalid multipart data.": "dữ liệu biểu mẫu không hợp lệ",
    "Missing boundary in multipart.": "dữ liệu biểu mẫu thiếu ranh giới (boundary)",
    # -- Pydantic's wording, in validation messages ("{field}: {msg}") -----------------------
    "Field required": "bắt buộc phải có",
    "String should have at most {n} characters": "tối đa {n} ký tự",
    "String should have at most {n} character": "tối đa {n} ký tự",
    "String should have at least {n} characters": "cần ít nhất {n} ký tự",
    "String should have at least {n} character": "cần ít nhất {n} ký tự",
    "String should match pattern {pattern}": "không đúng định dạng {pattern}",
    "Input should be greater than or equal to {number}": "phải lớn hơn hoặc bằng {number}",
    "Input should be less than or equal to {number}": "phải nhỏ hơn hoặc bằng {number}",
    "Input should be greater than {number}": "phải lớn hơn {number}",
    "Input should be less than {number}": "phải nhỏ hơn {number}",
    "Input should be a valid integer, unable to parse string as an integer": "phải là số nguyên",
    "Input should be a valid integer": "phải là số nguyên",
    "Input should be a valid number, unable to parse string as a number": "phải là số",
    "Input should be a valid number": "phải là số",
    "Input should be a valid date or datetime, {reason}": "phải là ngày hợp lệ (YYYY-MM-DD)",
    "Input should be a valid date in the format YYYY-MM-DD, {reason}": "phải là ngày hợp lệ (YYYY-MM-DD)",
    "Input should be a valid date": "phải là ngày hợp lệ (YYYY-MM-DD)",
    "Input should be a valid boolean, unable to interpret input": "phải là có hoặc không",
    "Input should be {choices} or {last}": "phải là {choices} hoặc {last}",
    "Input should be {last}": "phải là {last}",
    # -- last: a field and what is wrong with it ---------------------------------------------
    "{field}: {msg}": "{field}: {msg}",
}

_SLOT = re.compile(r"\{(\w+)\}")
_PART = re.compile(r"\[([^\[\]]*)\]|\{(\w+)\}|([^\[\]{}]+)")
_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class _Row:
    english: str
    pattern: re.Pattern[str]
    vietnamese: str


def _compile(template: str) -> re.Pattern[str]:
    seen: set[str] = set()

    def slots_and_text(text: str) -> str:
        out: list[str] = []
        pos = 0
        for m in _SLOT.finditer(text):
            out.append(re.escape(text[pos : m.start()]))
            name = m.group(1)
            if name in seen:
                out.append(f"(?P={name})")
            else:
                seen.add(name)
                out.append(f"(?P<{name}>{SLOT_PATTERNS.get(name, DEFAULT_SLOT)})")
            pos = m.end()
        out.append(re.escape(text[pos:]))
        return "".join(out)

    out: list[str] = []
    for m in _PART.finditer(template):
        optional, slot, text = m.groups()
        if optional is not None:
            out.append(f"(?:{slots_and_text(optional)})?")
        elif slot is not None:
            out.append(slots_and_text("{" + slot + "}"))
        else:
            out.append(slots_and_text(text))
    return re.compile("".join(out), re.DOTALL)


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    return tuple(_Row(en, _compile(en), vi) for en, vi in MESSAGES.items())


def _size(text: str) -> str:
    """``1,024.5 KB`` -> ``1.024,5 KB``; ``bytes`` -> ``byte``."""
    number, _, unit = text.partition(" ")
    number = number.translate(str.maketrans(",.", ".,"))
    return f"{number} {'byte' if unit == 'bytes' else unit}"


def _when(text: str) -> str:
    day, _, clock = text.partition(" ")
    y, m, d = day.split("-")
    return f"{d}/{m}/{y} {clock}"


def _word(text: str) -> str:
    return WORDS.get(text, text)


def _field(text: str) -> str:
    return FIELDS.get(text, text)


def _name(text: str) -> str:
    return NAMES.get(text, text)


#: How a captured slot is shown in Vietnamese; a converter returning None makes the row fail.
_CONVERT: Final[dict[str, Callable[[str], str | None]]] = {
    "what": _word,
    "state": _word,
    "kind": _word,
    "name": _name,
    "size": _size,
    "limit": _size,
    "when": _when,
    "field": _field,
    "msg": lambda text: _translate(text),
}


def _render(template: str, values: dict[str, str]) -> str:
    def fill(text: str) -> str:
        return _SLOT.sub(lambda m: values[m.group(1)], text)

    out: list[str] = []
    for m in _PART.finditer(template):
        optional, slot, text = m.groups()
        if optional is not None:
            if all(name in values for name in _SLOT.findall(optional)):
                out.append(fill(optional))
        elif slot is not None:
            out.append(values[slot])
        else:
            out.append(text)
    return "".join(out)


def _match(message: str) -> str | None:
    for row in _rows():
        m = row.pattern.fullmatch(message)
        if m is None:
            continue
        values: dict[str, str] = {}
        for name, raw in m.groupdict().items():
            if raw is None:
                continue
            convert = _CONVERT.get(name)
            shown = convert(raw) if convert is not None else raw
            if shown is None:
                break
            values[name] = shown
        else:
            return _render(row.vietnamese, values)
    return None


def _translate(message: str) -> str | None:
    """The Vietnamese of ``message``, or None when it (or any of its ``; `` parts) has none."""
    found = _match(message)
    if found is not None or _SEPARATOR not in message:
        return found
    parts = [_match(part) for part in message.split(_SEPARATOR)]
    if any(p is None for p in parts):
        return None
    return _SEPARATOR.join(p for p in parts if p is not None)


def vietnamese(message: str) -> str | None:
    """The Vietnamese rendering of an English error message, or None when the table has none."""
    return _translate(" ".join(message.split()))


def translate_error(locale: str, message: str) -> str:
    """``message`` in the UI's ``locale``; English (as raised) when there is no translation."""
    if locale != "vi" or not message:
        return message
    return vietnamese(message) or message


__all__ = ["FIELDS", "MESSAGES", "NAMES", "SLOT_PATTERNS", "WORDS", "translate_error", "vietnamese"]
