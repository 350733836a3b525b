"""Words for time expressions and commitments: heuristics as data, each with its reason.

``timex.py`` builds its regexes from the time words here; ``commitments.py`` uses the
trigger, past-event and vagueness lists. Every entry is lower case (patterns are compiled
with IGNORECASE) unless it says otherwise. Longer phrases come before their prefixes
because a regex alternation takes the first branch that matches, not the longest.
"""

from __future__ import annotations

from chiso.extract.types import TimeRelation

# --- time expressions -----------------------------------------------------------------

#: English month names (matched case-sensitively: "May" the month, not "may" the verb).
EN_MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip

#: Quarter numerals as Vietnamese reports write them ("quý I-2026", "quý 1/2026").
ROMAN: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

#: Spelled-out counts for "6 tháng đầu năm" / "the first nine months of".
COUNT_WORDS: dict[str, int] = {
    "sáu": 6, "chín": 9, "ba": 3, "mười": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11,
}  # fmt: skip

#: English ordinals for quarters and halves ("the first quarter", "second half").
EN_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

#: Year offsets from the publication year. "năm trước" after a count ("5 năm trước") means
#: "five years ago", which the resolver rejects by looking at the preceding word.
VI_YEAR_OFFSETS: dict[str, int] = {
    "nay": 0,
    "này": 0,
    "sau": 1,
    "tới": 1,
    "tiếp theo": 1,
    "ngoái": -1,
    "trước": -1,
    "qua": -1,
}
EN_YEAR_OFFSETS: dict[str, int] = {
    "this year": 0,
    "the year": 0,
    "next year": 1,
    "the coming year": 1,
    "last year": -1,
    "the previous year": -1,
}
#: Month and quarter offsets ("tháng tới", "quý này", "next month").
VI_UNIT_OFFSETS: dict[str, int] = {"tới": 1, "sau": 1, "này": 0, "trước": -1, "qua": -1}
EN_UNIT_OFFSETS: dict[str, int] = {"next": 1, "this": 0, "last": -1, "the coming": 1, "the current": 0}

#: A relation word before the time, with what it means for the thing dated. Longest first.
#: "hết"/"end of" alone mean "by the end of"; "đến" alone is a horizon ("đến năm 2030");
#: "tính đến" is a stock-taking date ("tính đến ngày 15/12/2025" -> as_of).
VI_RELATIONS: tuple[tuple[str, TimeRelation], ...] = (
    (r"tính\s+(?:đến|tới)(?:\s+hết)?", "as_of"),
    (r"chậm\s+nhất(?:\s+(?:là|vào|đến|trong))?(?:\s+(?:đến\s+)?hết)?(?:\s+là)?", "by"),
    (r"muộn\s+nhất(?:\s+là)?(?:\s+hết)?", "by"),
    (r"không\s+muộn\s+hơn", "by"),
    (r"không\s+quá", "by"),
    (r"hạn\s+chót(?:\s+là)?", "by"),
    (r"trước\s+hết", "by"),  # "trước hết năm" is rare; listed so "trước" does not split it
    (r"trước", "by"),
    (r"(?:đến|tới)\s+hết", "until"),
    (r"hết", "by"),
    (r"(?:đến|tới)", "until"),
    (r"kể\s+từ", "since"),
    (r"từ", "since"),
    (r"trong\s+suốt", "in"),
    (r"trong", "in"),
    (r"vào", "in"),
)
EN_RELATIONS: tuple[tuple[str, TimeRelation], ...] = (
    (r"no\s+later\s+than(?:\s+the\s+end\s+of)?", "by"),
    (r"not\s+later\s+than(?:\s+the\s+end\s+of)?", "by"),
    (r"by\s+the\s+end\s+of", "by"),
    (r"by\s+end[-\s]of", "by"),
    (r"before\s+the\s+end\s+of", "by"),
    (r"until\s+the\s+end\s+of", "until"),
    (r"as\s+(?:of|at)\s+the\s+end\s+of", "as_of"),
    (r"as\s+(?:of|at)", "as_of"),
    (r"at\s+the\s+end\s+of", "in"),
    (r"by", "by"),
    (r"before", "by"),
    (r"until|till|through", "until"),
    (r"since", "since"),
    (r"from|starting(?:\s+in)?", "since"),
    (r"in|during|within|on", "in"),
)

#: The first words of time expressions and of relation words: timex.py gates its scan on them
#: (keep in step with the patterns; a word missing here makes its expressions invisible).
VI_CORE_STARTS: tuple[str, ...] = (
    "tết", "tính", "đến", "tới", "hiện", "ngày", "dịp", "sáng", "chiều", "trưa", "tối", "đêm", "rạng", "hôm", "giai",
    "thời", "niên", "năm", "tầm", "sáu", "chín", "ba", "mười", "nửa", "tháng", "quý", "đầu", "giữa", "cuối",
)  # fmt: skip
VI_RELATION_STARTS: tuple[str, ...] = (
    "chậm",
    "muộn",
    "không",
    "hạn",
    "trước",
    "hết",
    "kể",
    "từ",
    "trong",
    "vào",
)
EN_CORE_STARTS: tuple[str, ...] = (
    "as", "to", "so", "later", "the", "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
    "early", "mid", "late", "end", "start", "beginning", "middle", "year", "next", "this", "last",
    "fiscal", "financial", "from", "between",
)  # fmt: skip
EN_RELATION_STARTS: tuple[str, ...] = (
    "no", "not", "by", "before", "until", "at", "till", "through", "since", "starting", "in", "during", "within", "on",
)  # fmt: skip

#: Windows of vague times, so a reader gets a span and a precision, never a made-up exact day.
#: A month's thirds follow how Vietnamese administration counts ten-day periods ("thượng tuần,
#: trung tuần, hạ tuần"): "đầu tháng 9" / "early May" = days 1-10, "giữa tháng" / "mid-May" =
#: 11-20, "cuối tháng" / "late May" / "the end of May" = 21 to the month's last day.
MONTH_PART_DAYS: dict[str, tuple[int, int]] = {
    "đầu": (1, 10), "giữa": (11, 20), "cuối": (21, 31),
    "early": (1, 10), "beginning": (1, 10), "start": (1, 10),
    "mid": (11, 20), "middle": (11, 20), "late": (21, 31), "end": (21, 31),
}  # fmt: skip
#: A quarter's part is one of its months: "đầu quý II" = April, "giữa quý" the middle month,
#: "cuối quý III" = September (the month a quarter's reports and deadlines fall in).
QUARTER_PART_MONTH: dict[str, int] = {"đầu": 0, "giữa": 1, "cuối": 2}
#: A year's part: "đầu năm"/"early 2026" = the first quarter (reports say "đầu năm" up to about
#: March), "giữa năm"/"mid-2026" = June-July (either side of the half-year), "cuối năm"/"late
#: 2025"/"year-end" = the fourth quarter.
YEAR_PART_MONTHS: dict[str, tuple[int, int]] = {
    "đầu": (1, 3), "early": (1, 3), "start": (1, 3), "beginning": (1, 3),
    "giữa": (6, 7), "mid": (6, 7), "middle": (6, 7),
    "cuối": (10, 12), "late": (10, 12), "end": (10, 12),
}  # fmt: skip
#: A fiscal year written "2022-23" / "FY2022-23" in English reports: April to March, the year of
#: India, the United Kingdom, Japan and most Commonwealth budgets, which write it this way (the
#: United States writes "FY2023", read as a calendar year here).
FISCAL_YEAR_START_MONTH = 4

#: Words meaning "now" (as_of the publication date).
VI_NOW = r"(?:tính\s+)?(?:đến|tới)\s+(?:nay|thời\s+điểm\s+này|thời\s+điểm\s+hiện\s+tại|hiện\s+tại)|hiện\s+nay|hiện\s+tại|hiện\s+giờ"
EN_NOW = r"as\s+(?:of|at)\s+(?:today|now|present)|to\s+date|so\s+far\s+this\s+year"

#: Words before a bare "16/1" that make it a date, not a ratio ("Chiều 16/1", "sáng 5/9").
VI_DAY_WORDS = r"ngày|sáng|chiều|trưa|tối|đêm|rạng\s+sáng|hôm|dịp"

#: The first day of the lunar new year (Tết Nguyên đán), which reports use as a deadline
#: ("trước Tết Nguyên đán 2026"). Lunar, so a table; extend it before 2036.
TET: dict[int, tuple[int, int]] = {
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}  # fmt: skip

# --- commitments ----------------------------------------------------------------------

#: Commitment triggers with a base confidence: how surely the word marks a future obligation.
#: Explicit deadline words score highest; "sẽ"/"will" lowest because they also narrate
#: scheduled events. Left out on purpose: "triển khai", "xây dựng", "đạt" (they describe work
#: done as often as work planned), "giao" (matches "giao dịch"), "chỉ đạo" (every "Ban Chỉ đạo").
VI_TRIGGERS: dict[str, float] = {
    "chậm nhất": 0.92, "muộn nhất": 0.9, "không muộn hơn": 0.9, "hạn chót": 0.9,
    "dự kiến": 0.85, "phấn đấu": 0.88, "bảo đảm": 0.82, "đảm bảo": 0.82,
    "hoàn thành": 0.8, "hoàn thiện": 0.75, "đặt mục tiêu": 0.88, "mục tiêu": 0.85,
    "lên kế hoạch": 0.82, "kế hoạch": 0.75, "yêu cầu": 0.8, "đề nghị": 0.72,
    "cần": 0.68, "phải": 0.75, "sẽ": 0.7, "hướng tới": 0.75, "dự định": 0.8, "có kế hoạch": 0.82,
    # an effective date, a time limit, an assignment, a roadmap ("có hiệu lực từ ngày 1/7",
    # "có thời hạn đến hết ngày 30/6", "được giao ... trình trong quý III", "theo lộ trình, ...")
    "chỉ tiêu": 0.8, "có hiệu lực": 0.85, "áp dụng": 0.75, "thời hạn": 0.85, "được giao": 0.78, "lộ trình": 0.75,
}  # fmt: skip
EN_TRIGGERS: dict[str, float] = {
    "no later than": 0.92, "deadline": 0.9, "plans to": 0.85, "plan to": 0.85, "planned to": 0.8,
    "planning to": 0.85, "aims to": 0.85, "aim to": 0.85, "aiming to": 0.85, "targets": 0.85,
    "target": 0.85, "is expected to": 0.8, "are expected to": 0.8, "expected to": 0.8,
    "is set to": 0.8, "are set to": 0.8, "is due to": 0.78, "are due to": 0.78, "scheduled to": 0.8,
    "must": 0.82, "shall": 0.82, "should": 0.7, "will": 0.72, "seeks to": 0.8, "intends to": 0.82,
    "pledged to": 0.82, "committed to": 0.82, "required to": 0.82, "ordered": 0.72,
    "takes effect": 0.85, "take effect": 0.85, "comes into force": 0.85, "come into force": 0.85,
    "comes into effect": 0.85, "come into effect": 0.85, "goes into effect": 0.85,
    "expect": 0.72, "expects": 0.72, "effective": 0.8, "applies": 0.75, "apply": 0.75,
    "asked": 0.7, "requested": 0.7, "requires": 0.8, "require": 0.8, "urged": 0.7, "asks": 0.7, "orders": 0.72, "goal": 0.82, "to complete": 0.75, "to finish": 0.75,
}  # fmt: skip

#: Triggers that are the action's own verb: the commitment text keeps them ("hoàn thành kho dữ liệu mở").
ACTION_TRIGGERS: frozenset[str] = frozenset({"hoàn thành", "hoàn thiện", "to complete", "to finish"})

#: Triggers whose action is their subject, before them ("Quy định mới có hiệu lực từ ngày 1/7",
#: "A new rule ... takes effect on July 1").
EFFECT_TRIGGERS: frozenset[str] = frozenset({
    "có hiệu lực", "áp dụng", "takes effect", "take effect", "effective", "applies", "apply", "comes into force", "come into force",
    "comes into effect", "come into effect", "goes into effect",
})  # fmt: skip

#: Verbs that open a second action after "và"/"and": "vận hành Trung tâm số 1 và bắt tay xây dựng
#: Trung tâm số 2" dates the first action only, while "doanh nghiệp nhỏ và vừa" or "bộ, ngành và
#: địa phương" join nouns inside one action.
SECOND_ACTION_VERBS: tuple[str, ...] = (
    "bắt tay", "bắt đầu", "triển khai", "hoàn thành", "hoàn thiện", "xây dựng", "tổ chức", "ban hành",
    "cung cấp", "vận hành", "kết nối", "thực hiện", "tiến hành", "chuẩn bị", "tiếp tục", "mở rộng",
    "nâng cấp", "khởi công", "đưa vào", "đưa ra", "áp dụng", "sẽ", "launch", "start", "begin",
    "complete", "build", "deploy", "roll out", "connect", "open", "expand", "introduce", "will",
)  # fmt: skip

#: Nouns that name a document when a number follows ("Kế hoạch 02", "Mục tiêu 3"), unless the
#: number is a share ("mục tiêu 80% ...").
NAME_TRIGGERS: frozenset[str] = frozenset({"kế hoạch", "mục tiêu", "kế hoạch số"})

#: Base confidence when only the time's own relation word ("trước", "by") marks the deadline.
RELATION_TRIGGER_WEIGHT = 0.72

#: Auxiliaries stripped from the front of a commitment's text ("sẽ vận hành" -> "vận hành").
AUXILIARIES = r"sẽ|phải|cần|được|will|shall|must|should|to|be"

#: A time expression near these narrates the past: the thing already happened
#: ("đã hoàn thành trước ngày 30/6", "had been launched by June 2025").
VI_PAST_MARKERS = r"đã|vừa|từng"
EN_PAST_MARKERS = r"was|were|had|has\s+been|have\s+been|did|launched|completed|held|signed|opened|announced|finished|reached|achieved"

#: Triggers that still bind when the due date has passed by publication ("yêu cầu ... trước
#: ngày 30/6/2025" in a July report is a missed commitment). Others ("hoàn thành", "sẽ")
#: with a past date narrate what happened ("Năm 2024, tỉnh hoàn thành ...").
STILL_BINDING: frozenset[str] = frozenset({
    "chậm nhất", "muộn nhất", "không muộn hơn", "hạn chót", "yêu cầu", "phải", "đề nghị",
    "dự kiến", "phấn đấu", "mục tiêu", "đặt mục tiêu", "kế hoạch", "có kế hoạch", "lên kế hoạch",
    "deadline", "no later than", "must", "required to", "plans to", "plan to", "aims to",
    "aim to", "targets", "target", "shall",
})  # fmt: skip

#: Phrases making a plan vague or recurring: never a deadline ("trong năm 2026 và những năm tiếp theo").
VI_VAGUE = r"từng\s+tháng|hằng\s+(?:tháng|năm|quý)|hàng\s+(?:tháng|năm|quý)|thời\s+gian\s+tới|những\s+năm\s+tiếp\s+theo|các\s+năm\s+tiếp\s+theo|những\s+năm\s+tới|lâu\s+dài"
EN_VAGUE = r"every\s+(?:month|year|quarter)|each\s+(?:month|year|quarter)|monthly|annually|in\s+the\s+coming\s+(?:months|years)|beyond|and\s+the\s+following\s+years"

#: Nouns a bare year only labels ("nhiệm vụ năm 2026" = the 2026 tasks, "Luật ... năm 2025" = a
#: law's name), so the year is no due date.
VI_YEAR_LABEL_NOUNS = r"chỉ\s+thị|nghị\s+quyết|nghị\s+định|quyết\s+định|thông\s+tư|kết\s+luận|công\s+văn|nhiệm\s+vụ|hoạt\s+động|công\s+tác|chương\s+trình|kế\s+hoạch|ngân\s+sách|dự\s+toán|báo\s+cáo|kết\s+quả|tổng\s+kết|sơ\s+kết|nhà\s+nước|cá\s+nhân|quốc\s+gia|hội\s+nghị|giải\s+thưởng|niên\s+giám|luật|đề\s+án"
EN_YEAR_LABEL_NOUNS = (
    r"law|act|budget|report|plan|programme|program|conference|award|decree|resolution|strategy|directive"
)

#: Programmes whose span of years ("Chiến lược ... giai đoạn 2021-2025", "the 2021-2025 strategy")
#: is their life, not a due date.
VI_PROGRAMMES = (
    r"chiến\s+lược|chương\s+trình|kế\s+hoạch|đề\s+án|quy\s+hoạch|dự\s+án|nghị\s+quyết|định\s+hướng"
)
EN_PROGRAMMES = r"strategy|programme|program|plan|masterplan|master\s+plan|roadmap|project|resolution"
