"""Time expressions: one grammar for figure periods and commitment deadlines.

``find_time_expressions(text, published, lang)`` scans NFC text with one compiled regex
per language and resolves each hit against the publication date into a
:class:`~chiso.extract.types.TimeExpr`: the first and last day it covers, a precision and
how it relates to what it dates ("trước ngày 1/7" -> by, "tính đến ngày 15/12/2025" ->
as_of, "từ năm 2024" -> since, "đến năm 2030" -> until, else in).

Resolution rules (the ones a reader would apply):
- a month covers its first..last day, a quarter its three months, a half six, a year all of it;
- vague parts get documented windows (time_vocab): "đầu năm"/"early 2026" the first quarter,
  "cuối năm"/"late" the fourth, "giữa năm"/"mid" June..July; "đầu/giữa/cuối tháng 9", "early/mid/late
  May" days 1-10, 11-20, 21-end; "đầu/giữa/cuối quý" one month; such times say ``vague``;
- spans are one expression: "từ ngày 2/5 đến hết ngày 12/5", "ngày 11 và 12/6", "từ tháng 3 đến
  tháng 11", "năm 2024 và đầu năm 2025", "from March to June 2026", "2022-23" (an English fiscal
  year, April to March), "giai đoạn 2021-2025";
- "1.8" is 1 August after "ngày" or after "từ/kể từ/trước/đến" when a comma, "tới" or the end follows;
- a day, month or quarter written without a year takes the year that puts it nearest to the
  publication date, or, after "tính đến" the last one begun, after "trước/chậm nhất/đến/by/until"
  or before "tới" the first one not yet over; both readings stay on ``readings``;
- "năm nay/năm sau/tháng tới/next year" count from the publication year or month;
- without a publication date, relative expressions resolve to ``first = last = None``.

The calendar arithmetic behind these rules is :mod:`chiso.extract.time_calendar`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from chiso.extract import time_calendar as cal
from chiso.extract.time_patterns import EN_PATTERN, EN_RELATION_TABLE, VI_PATTERN, VI_RELATION_TABLE
from chiso.extract.time_vocab import (
    COUNT_WORDS,
    EN_MONTHS,
    EN_ORDINALS,
    EN_UNIT_OFFSETS,
    EN_YEAR_OFFSETS,
    ROMAN,
    VI_UNIT_OFFSETS,
    VI_YEAR_OFFSETS,
)
from chiso.extract.types import Lang, TimeExpr, TimeRelation, new_time_expr

_COUNT_BEFORE = re.compile(r"\d\s*$")
# what may follow "1.8" for it to be 1 August after "từ/kể từ/trước/đến" (not "từ 1.8 triệu")
_DOT_DATE_NEXT = re.compile(r"\s*(?:[,;:.!?)\]]|$|(?:đến|tới|và|hoặc|trở\s+đi|sắp\s+tới)(?!\w)|[A-ZĐ])")


_EN_RANGE_HEAD = re.compile(r"(?:from|starting(?:\s+in)?|between)\s", re.IGNORECASE)
_EN_MONTH_DET = re.compile(r"(?<!\w)(?:its|their|this)\s+$", re.IGNORECASE)
_UPCOMING = re.compile(r"(?<!\w)tới$", re.IGNORECASE)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


_LOWER_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
_BARE_YEAR_OK_NEXT = frozenset({"đến", "tới", "trở", "và"})
_EN_NOT_PLURAL = frozenset(
    {"was", "is", "has", "as", "its", "this", "thus", "plus", "levels", "targets", "goals"}
)


def _bare_year_ok(text: str, m: re.Match[str], rel_given: bool, lang: Lang) -> bool:
    """A bare "2030" is a year after a relation word, unless a noun follows ("từ 2000 người")."""
    if not rel_given:
        return False
    nxt = _LOWER_WORD_AFTER.match(text, m.end())
    if nxt is None or text[m.end() : nxt.start(1)].strip():
        return True  # punctuation or the end follows
    word = nxt.group(1)
    if lang == "en":  # "in 2000 households": a count before a plural noun
        return word[0].isupper() or not word.endswith("s") or word in _EN_NOT_PLURAL
    return word[0].isupper() or word.lower() in _BARE_YEAR_OK_NEXT


# --- per-language resolution ----------------------------------------------------------


def _resolve_vi(
    m: re.Match[str], text: str, published: date | None, rel: TimeRelation, has_pre: bool
) -> cal.Range | None:
    g = m.group
    kind = m.lastgroup
    if kind == "now":
        return published, published, "day", True
    if kind == "tet":
        if g("tq") is None and g("ty") is None and not has_pre:
            return None  # a bare "Tết" may be another festival ("Tết Độc lập")
        return cal.resolve_tet(int(g("ty")) if g("ty") else None, published, rel)
    if kind == "dwords":
        return cal.resolve_day(int(g("wy")) if g("wy") else None, int(g("wm")), int(g("wd")), published, rel)
    if kind == "iso":
        return cal.resolve_day(int(g("iy")), int(g("im")), int(g("id")), published, rel)
    if kind == "date":
        if g("dl1"):  # "ngày 11 và 12/6", "ngày 11-12/6", "từ ngày 10 đến 12/3": days of one month
            if g("dw") is None or g("rd2"):
                return None
            y = _int(g("y"))
            return cal.day_span((int(g("dl1")), int(g("m")), y), (int(g("d")), int(g("m")), y), published)
        if g("rd2"):
            if not has_pre and g("dw") is None:
                return None  # "18/19 - 20/21": ratios, unless "từ"/"ngày" makes them days
            return cal.day_span(
                (int(g("d")), int(g("m")), _int(g("y"))),
                (int(g("rd2")), int(g("rm2")), _int(g("ryb"))),
                published,
            )
        if g("dyr"):  # "dịp 2/9 năm sau"
            y, _ = cal.year_from(g("dyr"), published, VI_YEAR_OFFSETS)
            if y is None:
                return None, None, "day", True
            return cal.resolve_day(y, int(g("m")), int(g("d")), published, rel)
        if g("y") is None and g("dw") is None:
            if rel not in ("by", "until", "since", "as_of"):
                return None  # "18/19 cơ sở dữ liệu", "1.5": a ratio or a decimal, not a date
            if g("s") == "." and not _DOT_DATE_NEXT.match(text, m.end()):
                return None  # "từ 1.8 triệu": a number; "kể từ 1.8, ...", "từ 1.8 tới": 1 August
        return cal.resolve_day(int(g("y")) if g("y") else None, int(g("m")), int(g("d")), published, rel)
    if kind == "range":
        a, b = (g("ry1"), g("ry2")) if g("ry1") else (g("ry3"), g("ry4"))
        return cal.school_year(int(a), int(b)) if g("sy") else cal.year_span(int(a), int(b))
    if kind == "vision":
        return cal.whole_year(int(g("vy")), False)
    if kind == "nmonths":
        nm = g("nm").lower()
        n = int(nm) if nm.isdigit() else COUNT_WORDS[nm]
        if not 1 <= n <= 12 or (g("nmpos") is None and g("nmy") is None):
            return None
        y, relative = cal.year_from(g("nmy"), published, VI_YEAR_OFFSETS)
        if y is not None and not cal.valid_year(y):
            return None
        if y is None:
            return None, None, cal.prec_for_months(n), relative
        m1, m2 = (13 - n, 12) if (g("nmpos") or "").lower() == "cuối" else (1, n)
        return *cal.months_range(y, m1, m2), cal.prec_for_months(n), relative
    if kind == "half":
        y, relative = cal.year_from(g("hy"), published, VI_YEAR_OFFSETS)
        if y is not None and not cal.valid_year(y):
            return None
        if y is None:
            return None, None, "half", relative
        h = 1 if g("hpos").lower() == "đầu" else 2
        return *cal.months_range(y, 6 * h - 5, 6 * h), "half", relative
    if kind == "month":
        if g("rmm3"):
            return cal.month_span(int(g("mm")), int(g("my")), int(g("rmm3")), _int(g("rmy3")), published)
        return cal.resolve_month(int(g("my")), int(g("mm")), published, rel, False)
    if kind == "monthx":
        if g("rmm2"):
            y2, _ = cal.year_from(g("rmy") or g("rmyr"), published, VI_YEAR_OFFSETS)
            return cal.month_span(
                int(g("mx")), None, int(g("rmm2")), y2 if g("rmy") or g("rmyr") else None, published
            )
        if g("mro"):
            if published is None:
                return None, None, "month", True
            y, mo = cal.shift_month(published, VI_UNIT_OFFSETS[g("mro").lower()])
            return *cal.month_range(y, mo), "month", True
        if g("mxy"):
            y, _ = cal.year_from(g("mxy"), published, VI_YEAR_OFFSETS)
            return (
                cal.resolve_month(y, int(g("mx")), published, rel, True) if y else (None, None, "month", True)
            )
        if g("mxn") and published is not None:  # "tháng 5 tới": the next May that has not begun
            mo = int(g("mx"))
            return cal.resolve_month(published.year + (mo <= published.month), mo, published, rel, True)
        return cal.resolve_month(None, int(g("mx")), published, rel, True)
    if kind == "quarter":
        if g("qro"):
            if published is None:
                return None, None, "quarter", True
            y, mo = cal.shift_month(published, 3 * VI_UNIT_OFFSETS[g("qro").lower()])
            q = (mo - 1) // 3 + 1
            return *cal.months_range(y, 3 * q - 2, 3 * q), "quarter", True
        q = ROMAN[g("q").lower()]
        if g("qy"):
            return cal.resolve_quarter(int(g("qy")), q, published, rel, False)
        if g("qyr"):
            y, _ = cal.year_from(g("qyr"), published, VI_YEAR_OFFSETS)
            return cal.resolve_quarter(y, q, published, rel, True) if y else (None, None, "quarter", True)
        return cal.resolve_quarter(None, q, published, rel, True)
    if kind == "part":
        y, relative = cal.year_from(g("py"), published, VI_YEAR_OFFSETS)
        return cal.resolve_part(g("ppos").lower(), y, relative)
    if kind == "year":
        if g("ya2"):  # "năm 2024 và đầu năm 2025"
            y1, y2 = int(g("yy")), int(g("ya2"))
            if not (cal.valid_year(y1) and y2 == y1 + 1):
                return None
            return date(y1, 1, 1), cal.resolve_part(g("yapos").lower(), y2, False)[1], "quarter", False
        if g("yy"):
            return cal.whole_year(int(g("yy")), False)
        if _COUNT_BEFORE.search(text, max(0, m.start("year") - 8), m.start("year")):
            return None  # "5 năm trước" is "five years ago", "3 năm tới" a duration
        y, relative = cal.year_from(g("yro"), published, VI_YEAR_OFFSETS)
        return cal.whole_year(y, relative)
    if kind == "bare":
        return cal.whole_year(int(g("bare")), False) if _bare_year_ok(text, m, has_pre, "vi") else None
    return None


def _resolve_en(
    m: re.Match[str], text: str, published: date | None, rel: TimeRelation, has_pre: bool
) -> cal.Range | None:
    g = m.group
    kind = m.lastgroup
    if kind == "now":
        return published, published, "day", True
    if kind == "later":
        if published is None:
            return None, None, "year", True
        return published + timedelta(days=1), date(published.year, 12, 31), "year", True
    if kind == "dmy":
        return cal.resolve_day(
            int(g("y1")) if g("y1") else None, EN_MONTHS[g("mo1")], int(g("d1")), published, rel
        )
    if kind == "mdy":
        return cal.resolve_day(
            int(g("y2")) if g("y2") else None, EN_MONTHS[g("mo2")], int(g("d2")), published, rel
        )
    if kind == "iso":
        return cal.resolve_day(int(g("iy")), int(g("im")), int(g("id")), published, rel)
    if kind == "date":
        if g("y") is None or g("s") == ".":
            return None  # "3/5 provinces": a ratio
        # English reports from Vietnam keep the day-first order of their sources
        return cal.resolve_day(int(g("y")), int(g("m")), int(g("d")), published, rel)
    if kind == "range":
        a, b = (g("ry1"), g("ry2")) if g("ry1") else (g("ry3"), g("ry4"))
        return cal.school_year(int(a), int(b)) if g("sy") else cal.year_span(int(a), int(b))
    if kind == "fy2":
        a = int(g("fa"))
        if g("fsy"):
            return cal.school_year(a, a + 1) if int(g("fb")) == (a + 1) % 100 else None
        return cal.fiscal_year(a, int(g("fb")))
    if kind == "nmonths":
        nm = g("nm").lower()
        n = int(nm) if nm.isdigit() else COUNT_WORDS.get(nm, 0)
        if not 1 <= n <= 12:
            return None
        y, relative = cal.year_from(g("nmy"), published, EN_YEAR_OFFSETS)
        if y is not None and not cal.valid_year(y):
            return None
        return (
            (*cal.months_range(y, 1, n), cal.prec_for_months(n), relative)
            if y
            else (None, None, cal.prec_for_months(n), relative)
        )
    if kind == "half":
        h = EN_ORDINALS[g("hw").lower()] if g("hw") else int(g("hn"))
        if g("hy") is None and g("hw") is None and not has_pre:
            return None  # a bare "H1" is too often a heading or a code
        y, relative = cal.year_from(g("hy"), published, EN_YEAR_OFFSETS)
        if y is not None and not cal.valid_year(y):
            return None
        return (
            (*cal.months_range(y, 6 * h - 5, 6 * h), "half", relative)
            if y
            else (None, None, "half", relative)
        )
    if kind == "quarter":
        q = EN_ORDINALS[g("qw").lower()] if g("qw") else int(g("qn"))
        if g("qy") and g("qy").isdigit():
            return cal.resolve_quarter(int(g("qy")), q, published, rel, False)
        if g("qy"):
            y, _ = cal.year_from(g("qy"), published, EN_YEAR_OFFSETS)
            return cal.resolve_quarter(y, q, published, rel, True) if y else (None, None, "quarter", True)
        return cal.resolve_quarter(None, q, published, rel, True)
    if kind == "month":
        mo = EN_MONTHS[g("mo3")]
        if g("emo2"):
            if not has_pre and not g("emy2"):
                return None  # "March - June" alone may be a list; "from March to June 2026" is a span
            return cal.month_span(mo, _int(g("my")), EN_MONTHS[g("emo2")], _int(g("emy2")), published)
        if g("my"):
            return cal.resolve_month(int(g("my")), mo, published, rel, False)
        if g("mrel"):
            y, _ = cal.year_from(g("mrel"), published, EN_YEAR_OFFSETS)
            return cal.resolve_month(y, mo, published, rel, True) if y else (None, None, "month", True)
        if has_pre or _EN_MONTH_DET.search(text, max(0, m.start() - 8), m.start()):
            return cal.resolve_month(None, mo, published, rel, True)
        return None  # a bare "May" may be the verb's capital; "in May", "its October session" are months
    if kind == "part" and (g("mo4") or g("mo5")):  # "early May", "the end of June 2026"
        mo = EN_MONTHS[g("mo4") or g("mo5")]
        if g("mpy") or g("mpy2"):
            return cal.resolve_month(int(g("mpy") or g("mpy2")), mo, published, rel, False)
        if g("mprel"):
            y, _ = cal.year_from(g("mprel"), published, EN_YEAR_OFFSETS)
            return cal.resolve_month(y, mo, published, rel, True) if y else (None, None, "month", True)
        return cal.resolve_month(None, mo, published, rel, True)
    if kind == "part":
        pos = (g("pp") or g("pp2") or "end").lower()
        word = g("py") or g("py2") or g("py3")
        y, relative = cal.year_from(word, published, EN_YEAR_OFFSETS)
        return cal.resolve_part(pos, y, relative)
    if kind == "unitrel":
        off = EN_UNIT_OFFSETS[" ".join(g("uo").lower().split())]
        if published is None:
            return None, None, "year", True
        unit = g("unit").lower()
        if unit == "year":
            return cal.whole_year(published.year + off, True)
        if unit == "month":
            y, mo = cal.shift_month(published, off)
            return *cal.month_range(y, mo), "month", True
        y, mo = cal.shift_month(published, 3 * off)
        q = (mo - 1) // 3 + 1
        return *cal.months_range(y, 3 * q - 2, 3 * q), "quarter", True
    if kind == "fy":
        return cal.whole_year(int(g("fyy")), False)
    if kind == "bare":
        return cal.whole_year(int(g("bare")), False) if _bare_year_ok(text, m, has_pre, "en") else None
    return None


_GRAMMARS: dict[Lang, tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], TimeRelation], ...]]] = {
    "vi": (VI_PATTERN, VI_RELATION_TABLE),
    "en": (EN_PATTERN, EN_RELATION_TABLE),
}


def _relation(pre: str | None, table: tuple[tuple[re.Pattern[str], TimeRelation], ...]) -> TimeRelation:
    if pre is None:
        return "in"
    for pat, rel in table:
        if pat.fullmatch(pre):
            return rel
    return "in"


_SPANS = frozenset({"range", "fy2"})
#: groups that make a hit a span between two times ("từ ngày 2/5 đến hết ngày 12/5", "from
#: March to June 2026", "năm 2024 và đầu năm 2025"): a period, never a start
_SPAN_GROUPS: dict[Lang, tuple[str, ...]] = {"vi": ("rd2", "dl1", "rmm2", "rmm3", "ya2"), "en": ("emo2",)}
#: for each kind that may be written without its year, the groups that would hold the year
_YEAR_GROUPS: dict[Lang, dict[str, tuple[str, ...]]] = {
    "vi": {
        "dwords": ("wy",),
        "date": ("y", "ryb", "dyr"),
        "monthx": ("mxy", "mro", "mxn", "rmy", "rmyr"),
        "quarter": ("qy", "qyr", "qro"),
    },
    "en": {
        "dmy": ("y1",),
        "mdy": ("y2",),
        "month": ("my", "mrel", "emy2"),
        "quarter": ("qy",),
        "part": ("py", "py2", "py3", "mpy", "mprel", "mpy2"),
    },
}


#: kinds that may be vague ("cuối tháng 6/2026", "cuối năm", "early May")
_VAGUE_KINDS: dict[Lang, frozenset[str]] = {
    "vi": frozenset({"month", "monthx", "quarter", "part"}),
    "en": frozenset({"part"}),
}


#: kinds that _expr refines (a vague window, or two readings of a time without its year)
_REFINED: dict[Lang, frozenset[str]] = {
    lang: frozenset(_YEAR_GROUPS[lang]) | _VAGUE_KINDS[lang] for lang in ("vi", "en")
}


#: for the commonest kinds, the group holding a written year and the one holding a vague
#: position word: a year and no position, and the hit needs no refining
_WRITTEN_YEAR: dict[Lang, dict[str, tuple[str, str | None]]] = {
    "vi": {"date": ("y", None), "dwords": ("wy", None), "month": ("my", "mpos"), "quarter": ("qy", "qpos")},
    "en": {"dmy": ("y1", None), "mdy": ("y2", None), "month": ("my", None), "quarter": ("qy", None)},
}


def _is_span(m: re.Match[str], kind: str | None, lang: Lang) -> bool:
    return kind in _SPANS or any(m.group(n) for n in _SPAN_GROUPS[lang])


def _vague_window(m: re.Match[str], kind: str, lang: Lang) -> tuple[str | None, str]:
    """The position word of a vague part of a month or quarter and which it is, else (None, "")."""
    g = m.group
    if lang == "vi":
        if kind == "month" and not g("rmm3"):
            return g("mpos"), "month"
        if kind == "monthx" and not g("rmm2"):
            return g("mxpos") or g("mropos"), "month"
        if kind == "quarter":
            return g("qpos"), "quarter"
    elif kind == "part" and (g("mo4") or g("mo5")):
        return g("pp") or g("pp2"), "month"
    return None, ""


def _expr(
    m: re.Match[str], got: cal.Range, rel: TimeRelation, published: date | None, lang: Lang
) -> TimeExpr:
    """The TimeExpr of one resolved hit: a vague part narrowed to its window, and for a time
    written without its year both readings, the default one picked by the relation."""
    first, last, precision, relative = got
    kind = m.lastgroup or ""
    vague = False
    if kind in _VAGUE_KINDS[lang]:
        vague = kind == "part"
        pos, unit = _vague_window(m, kind, lang)
        if pos is not None and first is not None:
            pos = " ".join(pos.lower().split())
            first, last = cal.month_part(first, pos) if unit == "month" else cal.quarter_part(first, pos)
            precision, vague = "month", True
    readings = None
    years = _YEAR_GROUPS[lang].get(kind)
    if years is not None and published is not None and first is not None and last is not None:
        written = m.group(*years)
        if not (any(written) if isinstance(written, tuple) else written):
            readings = cal.readings(first, last, published)
            if rel == "as_of":
                first, last = readings[0], readings[1]
            elif rel == "by" or _UPCOMING.search(
                m.group(0)
            ):  # "trước ngày 30/6", "kể từ 1.8 tới": the coming one
                first, last = readings[2], readings[3]
            elif rel == "until":  # "Đến cuối tháng 8, ... đã cấp": a level as often as a horizon
                first, last = cal.pick(readings, published, "in")
    return new_time_expr(
        m.start(), m.end(), m.group(0), first, last, precision, rel, relative, readings, vague
    )


def find_time_expressions(
    text: str, published: date | None, lang: Lang, *, first_by: int | None = None
) -> list[TimeExpr]:
    """Every time expression in ``text`` (NFC), left to right, non-overlapping.

    The span includes a leading relation word ("trước ngày 1/7", "tính đến ngày 15/12/2025",
    "by June 2026"), which sets ``relation``. Unresolvable relative expressions (no
    publication date) keep ``first``/``last`` None.

    ``first_by``: only the first expression, and only if it starts at or before this offset
    (a figure's period cue asks for the expression it opens; scanning on is wasted work).
    """
    lang = "en" if lang == "en" else "vi"
    pattern, table = _GRAMMARS[lang]
    resolve = _resolve_en if lang == "en" else _resolve_vi
    refined = _REFINED[lang]
    written_year = _WRITTEN_YEAR[lang]
    relations: dict[str | None, TimeRelation] = {None: "in"}  # per call: a report repeats its few words
    out: list[TimeExpr] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = pattern.search(text, pos)
        if m is None or (first_by is not None and m.start() > first_by):
            break
        pre = m.group("pre")
        rel = relations.get(pre) or relations.setdefault(pre, _relation(pre, table))
        kind = m.lastgroup
        if kind == "now":
            rel = "as_of"
        elif kind == "vision":
            rel = "until"
        elif rel == "since" and _is_span(m, kind, lang):
            rel = "in"  # "từ năm 2021 đến năm 2025" is a period, not a start
        try:
            got = resolve(m, text, published, rel, pre is not None)
        except (ValueError, OverflowError):
            got = None  # a calendar the resolvers did not guard (a typo'd date): no time, no crash
        if got is None:
            pos = m.start() + 1  # a rejected hit may hide a shorter one inside it
            continue
        if kind in refined and not (
            (fast := written_year.get(kind)) and m.group(fast[0]) and not (fast[1] and m.group(fast[1]))
        ):
            out.append(_expr(m, got, rel, published, lang))
        else:  # most hits: nothing to narrow or read twice
            out.append(new_time_expr(m.start(), m.end(), m.group(0), *got[:3], rel, got[3], None, False))
        if first_by is not None:
            break
        pos = m.end()
    return out


__all__ = ["find_time_expressions"]
