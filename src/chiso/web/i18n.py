"""The two UI languages: choosing one, translating UI strings, formatting numbers and dates.

UI strings are written in English in the templates (``{{ t("Reports") }}``) and looked up in
:data:`VI`, a plain dict; a missing Vietnamese entry shows the English (a test lists them).
Numbers and dates follow the locale through Babel: 67.000.000 and 16/01/2026 in Vietnamese,
67,000,000 and 16 Jan 2026 in English. Page contexts keep raw values; only templates format.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Final, Literal

import babel
from babel.dates import DateTimePattern, format_datetime, parse_pattern
from babel.numbers import NumberPattern
from babel.numbers import parse_pattern as parse_number_pattern
from starlette.requests import Request

Locale = Literal["vi", "en"]
LOCALES: Final[tuple[Locale, ...]] = ("vi", "en")
DEFAULT_LOCALE: Final[Locale] = "vi"
COOKIE: Final = "chiso_lang"

#: English UI string -> Vietnamese. Keys are exactly what templates pass to ``t()``.
VI: Final[dict[str, str]] = {
    # chrome
    "Dashboard": "Tổng quan",
    "Indicators": "Chỉ số",
    "Reports": "Báo cáo",
    "Review": "Duyệt",
    "Deadlines": "Hạn chót",
    "Search": "Tìm kiếm",
    "Add report": "Thêm báo cáo",
    "Sign in": "Đăng nhập",
    "Sign out": "Đăng xuất",
    "Signed in as": "Đang đăng nhập:",
    "Language": "Ngôn ngữ",
    "Skip to content": "Chuyển đến nội dung",
    "Track the figures and deadlines that public reports announce.": "Theo dõi số liệu và thời hạn mà các báo cáo công khai công bố.",
    "API": "API",
    "Search reports and indicators": "Tìm báo cáo và chỉ số",
    # errors
    "Error": "Lỗi",
    "Page not found": "Không tìm thấy trang",
    "Bad request": "Yêu cầu không hợp lệ",
    "Not allowed": "Không được phép",
    "Please sign in": "Vui lòng đăng nhập",
    "Too large": "Quá lớn",
    "Conflict": "Xung đột",
    "Something went wrong": "Đã có lỗi xảy ra",
    "Service unavailable": "Dịch vụ tạm thời không sẵn sàng",
    "Back to the dashboard": "Quay lại trang tổng quan",
    "Go back": "Quay lại",
    # reports
    "Published": "Ngày đăng",
    "Publisher": "Nguồn",
    "Title": "Tiêu đề",
    "Figures": "Số liệu",
    "Figure": "Số liệu",
    "Deadline": "Hạn",
    "Pending": "Chờ duyệt",
    "pending": "chờ duyệt",
    "accepted": "đã nhận",
    "rejected": "đã loại",
    "Accepted": "Đã nhận",
    "Rejected": "Đã loại",
    "No reports yet.": "Chưa có báo cáo nào.",
    "Untitled report": "Báo cáo không tên",
    "Open the original": "Mở bản gốc",
    "Also published by": "Cũng được đăng bởi",
    "An older version of the extractor read this report": "Báo cáo này được một phiên bản cũ của bộ trích xuất đọc",
    "now": "hiện nay",
    "Read it again": "Đọc lại",
    "Accepted and rejected mentions stay as they are.": "Các mục đã chấp nhận hay bác bỏ được giữ nguyên.",
    "Mentions": "Các đề cập",
    "Click a highlighted figure or deadline to review it.": "Bấm vào số liệu hoặc hạn được tô màu để duyệt.",
    "Keyboard": "Bàn phím",
    "next pending": "mục chờ tiếp theo",
    "previous pending": "mục chờ trước",
    "accept": "nhận",
    "reject": "loại",
    "Accept": "Nhận",
    "Reject": "Loại",
    "Edit": "Sửa",
    "Save": "Lưu",
    "Cancel": "Huỷ",
    "Change indicator": "Đổi chỉ số",
    "From": "Từ",
    "New indicator": "Chỉ số mới",
    "Name (Vietnamese)": "Tên (tiếng Việt)",
    "Name (English)": "Tên (tiếng Anh)",
    "Slug": "Mã",
    "Measure": "Loại số đo",
    "Programme": "Chương trình",
    "Create and accept": "Tạo và nhận",
    "Accept as a new commitment": "Nhận thành cam kết mới",
    "Link to this commitment": "Gắn vào cam kết này",
    "Suggested indicators": "Chỉ số gợi ý",
    "No suggestion yet.": "Chưa có gợi ý.",
    "Indicator": "Chỉ số",
    "Value": "Giá trị",
    "Qualifier": "Mức",
    "Unit": "Đơn vị",
    "As of": "Tính đến",
    "Period": "Kỳ",
    "Due": "Hạn",
    "Commitment": "Cam kết",
    "indicator": "chỉ số",
    "commitment": "cam kết",
    "Quote": "Trích dẫn",
    "Confidence": "Độ tin cậy",
    "State": "Trạng thái",
    "Target": "Mục tiêu",
    "Decided by": "Người duyệt",
    "Sign in to review.": "Đăng nhập để duyệt.",
    "Report": "Báo cáo",
    "Close": "Đóng",
    "Previous": "Trước",
    "Next": "Tiếp",
    # add report
    "Paste the text": "Dán nội dung",
    "or upload a file": "hoặc tải tệp lên",
    "Text, HTML or PDF.": "Văn bản, HTML hoặc PDF.",
    "Source URL": "Đường dẫn gốc",
    "Publication date": "Ngày đăng",
    "Add and read": "Thêm và đọc",
    "Sign in and add": "Đăng nhập và thêm",
    "Your session has ended. Sign in below to add the report: your text is kept (a file must be chosen again).": "Phiên đăng nhập đã hết. Hãy đăng nhập ngay dưới đây để thêm báo cáo: nội dung đã dán vẫn được giữ (tệp thì cần chọn lại).",
    "Paste text or choose a file.": "Hãy dán nội dung hoặc chọn tệp.",
    "optional": "không bắt buộc",
    # suggested indicators in words (web/match_words.py)
    "strong match": "khớp rõ",
    "good match": "khớp khá",
    "weak match": "khớp yếu",
    "an editor matched a similar figure to it before": "biên tập viên đã từng gắn một số liệu tương tự vào chỉ số này",
    "next to the figure: {terms}": "cạnh số liệu có {terms}",
    "the sentence mentions {terms}": "câu có nhắc đến {terms}",
    "same unit: {terms}": "cùng đơn vị: {terms}",
    "a similar unit: {terms}": "đơn vị gần giống: {terms}",
    "a different unit: {terms}": "đơn vị khác: {terms}",
    "on the same subject: {terms}": "cùng chủ đề: {terms}",
    "the text says {terms}, which this indicator leaves out": "văn bản có {terms}, điều chỉ số này không tính",
    "fits how it is counted ({measure}): {shapes}": "hợp với cách tính ({measure}): {shapes}",
    "does not fit how it is counted ({measure}): {shapes}": "không hợp với cách tính ({measure}): {shapes}",
    "a change, not a level": "là mức tăng giảm, không phải con số hiện có",
    "outside the usual range ({low}–{high})": "nằm ngoài khoảng thường gặp ({low}–{high})",
    "the figure is for {terms}, not the whole country": "số liệu của {terms}, không phải của cả nước",
    "a figure as of a date": "số liệu tính đến một ngày",
    "a figure for a period": "số liệu trong một kỳ",
    "per unit of time": "tính theo đơn vị thời gian",
    "not per unit of time": "không tính theo đơn vị thời gian",
    "out of a total": "trên một tổng số",
    "no total given": "không có tổng số",
    "a percentage": "là tỷ lệ phần trăm",
    "not a percentage": "không phải tỷ lệ phần trăm",
    "exactly": "đúng",
    "more than": "hơn",
    "at least": "ít nhất",
    "about": "khoảng",
    "nearly": "gần",
    "less than": "dưới",
    "at most": "tối đa",
    # review queue
    "Review queue": "Hàng chờ duyệt",
    "Nothing to review. Every mention has been decided.": "Không còn gì để duyệt. Mọi đề cập đã được quyết định.",
    "mentions waiting": "đề cập đang chờ",
    "in": "trong",
    # search
    "No results.": "Không có kết quả.",
    "Type at least two characters.": "Nhập ít nhất hai ký tự.",
    "results": "kết quả",
    # sign-in
    "Name": "Tên",
    "Password": "Mật khẩu",
    "Wrong name or password.": "Sai tên hoặc mật khẩu.",
    # account
    "Your account": "Tài khoản của bạn",
    "editor": "biên tập viên",
    "admin": "quản trị viên",
    "Your password is changed. Every other session of this account has ended.": "Đã đổi mật khẩu. Mọi phiên đăng nhập khác của tài khoản này đã kết thúc.",
    "The token is revoked.": "Đã thu hồi token.",
    "Change your password": "Đổi mật khẩu",
    "Current password": "Mật khẩu hiện tại",
    "New password": "Mật khẩu mới",
    "New password, again": "Nhập lại mật khẩu mới",
    "Change password": "Đổi mật khẩu",
    "API tokens": "Token API",
    "Label": "Nhãn",
    "Last used": "Dùng lần cuối",
    "Action": "Thao tác",
    "Revoked": "Đã thu hồi",
    "Revoke": "Thu hồi",
    "No API tokens. An admin makes them with the command": "Chưa có token API. Quản trị viên tạo token bằng lệnh",
    "Viewing is open to everyone; changing anything needs an editor's account.": "Ai cũng xem được; muốn thay đổi cần tài khoản biên tập viên.",
    # dashboard
    "Latest": "Mới nhất",
    "Change": "Thay đổi",
    "Trend": "Xu hướng",
    "Sources": "Nguồn",
    "source": "nguồn",
    "sources": "nguồn",
    "since": "so với",
    "no earlier point": "chưa có điểm trước",
    "Overdue": "Quá hạn",
    "Due soon": "Sắp đến hạn",
    "Awaiting review": "Chờ duyệt",
    "Other programmes": "Chương trình khác",
    "No figures tracked yet. Add a report and accept its figures to start a series.": "Chưa theo dõi số liệu nào. Hãy thêm báo cáo và nhận các số liệu để bắt đầu chuỗi.",
    "Nothing overdue.": "Không có cam kết quá hạn.",
    "Nothing due in the next 30 days.": "Không có cam kết đến hạn trong 30 ngày tới.",
    "Every mention has been reviewed.": "Mọi đề cập đã được duyệt.",
    "days late": "ngày trễ",
    "days left": "ngày còn lại",
    "due today": "hạn hôm nay",
    "indicators tracked": "chỉ số đang theo dõi",
    "without data yet": "chưa có số liệu",
    "all": "tất cả",
    "All indicators": "Tất cả chỉ số",
    "See all": "Xem tất cả",
    "The board": "Bảng hạn",
    "points": "điểm",
    "as of": "tính đến",
    "Open the review queue": "Mở hàng chờ duyệt",
    "in this programme": "trong chương trình này",
    "Figures and deadlines from public reports, each traced to its quote.": "Số liệu và thời hạn từ các báo cáo công khai, mỗi con số đều dẫn về câu trích.",
    # indicator pages
    "All programmes": "Mọi chương trình",
    "Owner": "Cơ quan chủ trì",
    "Show": "Xem",
    "No data yet": "Chưa có số liệu",
    "Observations": "Quan sát",
    "Date": "Ngày",
    "Download CSV": "Tải CSV",
    "Download JSON": "Tải JSON",
    "Conflicts": "Mâu thuẫn",
    "contradiction": "giá trị mâu thuẫn",
    "cumulative_decrease": "chuỗi lũy kế giảm",
    "Targets": "Mục tiêu",
    "target": "mục tiêu",
    "Target set by": "Mục tiêu đặt bởi",
    "due": "hạn",
    "Observed": "Số liệu",
    "Stated target": "Mục tiêu được nêu",
    "Click a point to open its quote in the report. Tab to the table below to browse the points with the keyboard.": "Bấm vào một điểm để mở câu trích trong báo cáo. Dùng Tab xuống bảng bên dưới để duyệt các điểm bằng bàn phím.",
    "The chart needs JavaScript; the table below holds every point.": "Biểu đồ cần JavaScript; bảng bên dưới có mọi điểm.",
    "No observations yet. Accept a figure for this indicator in a report to start the series.": "Chưa có quan sát nào. Hãy nhận một số liệu của chỉ số này trong báo cáo để bắt đầu chuỗi.",
    "Cite as": "Trích dẫn",
    "Each row of the CSV and JSON downloads carries its source: publisher, publication date, URL, quote and licence.": "Mỗi dòng của tệp CSV và JSON đều ghi nguồn: đơn vị đăng, ngày đăng, URL, câu trích và giấy phép.",
    "cumulative": "lũy kế",
    "flow": "phát sinh trong kỳ",
    "stock": "tồn tại thời điểm",
    "rate": "tốc độ",
    "share": "tỷ lệ",
    "count_of_total": "số trên tổng",
    "No indicators match.": "Không có chỉ số phù hợp.",
    "with data": "có số liệu",
    "open quote": "mở câu trích",
    # deadline board and commitments
    "Deadline board": "Bảng theo dõi thời hạn",
    "overdue": "quá hạn",
    "due soon": "sắp đến hạn",
    "upcoming": "sắp tới",
    "met": "đã hoàn thành",
    "met late": "hoàn thành muộn",
    "missed": "không đạt",
    "dropped": "đã bỏ",
    "open": "đang mở",
    "resolved": "đã kết thúc",
    "Status": "Trạng thái",
    "Any status": "Mọi trạng thái",
    "Any owner": "Mọi cơ quan",
    "Any programme": "Mọi chương trình",
    "Filter": "Lọc",
    "Reset": "Đặt lại",
    "today": "hôm nay",
    "No commitments match.": "Không có cam kết phù hợp.",
    "No date": "Chưa có ngày",
    "Board as of": "Bảng tính đến ngày",
    "met on": "hoàn thành ngày",
    "resolved on": "kết thúc ngày",
    "History": "Lịch sử",
    "Stated in": "Được nêu trong",
    "Created": "Tạo",
    "Stated again": "Được nêu lại",
    "Due date moved": "Dời hạn",
    "Evidence": "Bằng chứng",
    "Resolved": "Kết thúc",
    "Reopened": "Mở lại",
    "Edited": "Sửa",
    "proposed": "đề xuất",
    "confirmed": "đã xác nhận",
    "Precision": "Độ chính xác",
    "day": "ngày",
    "month": "tháng",
    "quarter": "quý",
    "half": "nửa năm",
    "year": "năm",
    "evidence items": "bằng chứng",
    "waiting for a person": "chờ người duyệt",
    "Board": "Bảng hạn",
    "All commitments": "Tất cả cam kết",
    "No history yet.": "Chưa có lịch sử.",
    "by": "bởi",
    "30 days earlier": "30 ngày trước",
    "30 days later": "30 ngày sau",
    # the time of a figure and undated reports (issues 11 and 12)
    "Dated by": "Xác định thời điểm theo",
    "from the text around it": "từ đoạn văn xung quanh",
    "the publication date (the text gives no time)": "ngày đăng (văn bản không nêu thời điểm)",
    "Compared with": "So với",
    "Date of the figure": "Thời điểm của số liệu",
    "Period start": "Đầu kỳ",
    "Period end": "Cuối kỳ",
    "Correct the date here before accepting; the point is drawn at it.": "Sửa thời điểm ở đây trước khi chấp nhận; điểm dữ liệu được vẽ tại thời điểm này.",
    "Undated": "Chưa có ngày đăng",
    "No publication date was found.": "Không tìm thấy ngày đăng.",
    "Nothing in this report can be accepted until it has one: “so far” and dates without a year are read from it.": "Chưa thể chấp nhận số liệu nào của báo cáo này cho đến khi có ngày đăng: “đến nay” và các ngày không ghi năm được hiểu theo ngày đăng.",
    "Set the date": "Ghi ngày đăng",
    "The report has its publication date now and was read again with it; decisions stay.": "Báo cáo đã có ngày đăng và đã được đọc lại theo ngày này; các quyết định duyệt được giữ nguyên.",
    "The report is read again with it; decisions stay.": "Báo cáo sẽ được đọc lại theo ngày này; các quyết định duyệt được giữ nguyên.",
    "This report has no publication date: give it above the text before accepting.": "Báo cáo này chưa có ngày đăng: hãy nhập ngày ở phía trên văn bản trước khi chấp nhận.",
    # one promise, one commitment (merging duplicates)
    "Merged": "Gộp",
    "Merge": "Gộp",
    "Merged from": "Gộp từ",
    "Merge a duplicate into this commitment": "Gộp một cam kết trùng vào cam kết này",
    "The other commitment (its number)": "Cam kết kia (số của nó)",
    "Its history and quotes move here; its page then leads here.": "Lịch sử và câu trích của nó chuyển về đây; trang của nó sẽ dẫn về đây.",
    "Possible duplicates": "Có thể trùng nhau",
    "Commitments that may be one promise made twice: the same owner and programme, much the same words, due dates close together.": "Những cam kết có thể là một lời hứa được ghi hai lần: cùng cơ quan và chương trình, lời lẽ gần giống nhau, hạn gần nhau.",
    "Shared words": "Từ trùng nhau",
    "due dates apart (days)": "hạn cách nhau (ngày)",
    "No likely duplicates.": "Không thấy cam kết nào có vẻ trùng.",
    # syndicated copies count once
    "a copy of a story already counted": "bản sao của một tin đã được tính",
    # the board on a past day
    "As known on": "Theo những gì biết đến ngày",
    "only the promises stated by then, with the due dates and statuses they had then.": "chỉ gồm các cam kết đã được nêu đến ngày đó, với hạn và trạng thái của chúng vào lúc ấy.",
}


def translate(locale: str, text: str) -> str:
    """The UI string in ``locale`` (English strings are their own translation)."""
    if locale == "vi":
        return VI.get(text, text)
    return text


def negotiate(request: Request) -> Locale:
    """The cookie's choice, else the best of Accept-Language, else Vietnamese."""
    cached = _as_locale(getattr(request.state, "locale", None))
    if cached is not None:
        return cached
    chosen = _choose(request.cookies.get(COOKIE), request.headers.get("accept-language", ""))
    request.state.locale = chosen
    return chosen


def _as_locale(value: object) -> Locale | None:
    if value == "vi":
        return "vi"
    if value == "en":
        return "en"
    return None


def _choose(cookie: str | None, accept: str) -> Locale:
    chosen = _as_locale(cookie)
    if chosen is not None:
        return chosen
    best: tuple[float, Locale] | None = None
    for part in accept.split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        if lang not in LOCALES:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        as_locale = _as_locale(lang)
        if as_locale is not None and (best is None or q > best[0]):
            best = (q, as_locale)
    return best[1] if best else DEFAULT_LOCALE


# -- formatting ---------------------------------------------------------------------------
#
# Babel parses a locale identifier (and loads its data) and a date pattern on every call; a
# board of 600 commitments formats about 900 dates. The parsed objects are cached per language
# and pattern: pure functions of their argument, so the cache changes no result.


@lru_cache(maxsize=16)
def babel_locale(locale: str) -> babel.Locale:
    """The parsed Babel locale for ``locale`` (cached)."""
    return babel.Locale.parse(locale)


@lru_cache(maxsize=32)
def _date_pattern(pattern: str) -> DateTimePattern:
    return parse_pattern(pattern)


@lru_cache(maxsize=32)
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_number_pattern(pattern)


_DAY_PATTERNS: Final = {"vi": "dd/MM/yyyy"}
_MOMENT_PATTERNS: Final = {"vi": "dd/MM/yyyy HH:mm"}


def format_number(value: float | int | None, locale: str, decimals: int | None = None) -> str:
    """67000000 -> "67.000.000" (vi) or "67,000,000" (en); floats keep up to 2 decimals."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    fmt = "#,##0" + ("." + "#" * decimals if decimals else "")
    # What babel.numbers.format_decimal does, with the pattern parsed once.
    return str(_number_pattern(fmt).apply(value, babel_locale(locale)))


def format_day(value: date | datetime | str | None, locale: str) -> str:
    """16/01/2026 (vi) or 16 Jan 2026 (en)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return _date_pattern(_DAY_PATTERNS.get(locale, "d MMM y")).apply(value, babel_locale(locale))


def format_moment(value: datetime | None, locale: str) -> str:
    """A timestamp to the minute: 16/01/2026 14:05 (vi) or 16 Jan 2026, 14:05 (en)."""
    if value is None:
        return ""
    pattern = _MOMENT_PATTERNS.get(locale, "d MMM y, HH:mm")
    return format_datetime(value, pattern, locale=babel_locale(locale))


#: How each qualifier reads before a number; words where a sign would be unclear.
QUALIFIER_SIGNS: Final[dict[str, dict[str, str]]] = {
    "exact": {"vi": "", "en": ""},
    "more_than": {"vi": "> ", "en": "> "},
    "at_least": {"vi": "≥ ", "en": "≥ "},
    "about": {"vi": "≈ ", "en": "≈ "},
    "nearly": {"vi": "gần ", "en": "nearly "},
    "less_than": {"vi": "< ", "en": "< "},
    "at_most": {"vi": "≤ ", "en": "≤ "},
}


def format_qualified(
    value: float | int | None, qualifier: str | None, locale: str, decimals: int | None = None
) -> str:
    """``> 67.000.000`` for a figure stated as "trên 67 triệu"."""
    if value is None:
        return ""
    sign = QUALIFIER_SIGNS.get(qualifier or "exact", {}).get(locale, "")
    return sign + format_number(value, locale, decimals)


__all__ = [
    "COOKIE",
    "DEFAULT_LOCALE",
    "LOCALES",
    "QUALIFIER_SIGNS",
    "VI",
    "Locale",
    "babel_locale",
    "format_day",
    "format_moment",
    "format_number",
    "format_qualified",
    "negotiate",
    "translate",
]
