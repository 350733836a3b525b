"""Every figure a report states: "trên 67 triệu tài khoản", "18/19 cơ sở dữ liệu", "USD 1.2 billion".

How it works, and why it is fast: one compiled regex finds number candidates (digits, spelled
numbers with a scale, "hàng triệu"); every check after that is an anchored regex match on a
few characters around the candidate. The label filter (:mod:`chiso.extract.labels`) drops
names, dates and codes; :mod:`chiso.extract.timex` supplies the time expressions that become a
figure's period (and whose digits are never figures themselves).

>>> from chiso.extract.text import sentences
>>> t = "Đến nay đã kích hoạt trên 67 triệu tài khoản."
>>> [(f.quote, f.value, f.qualifier, f.unit) for f in find_figures(t, sentences(t), published=None, lang="vi")]
[('trên 67 triệu tài khoản', 67000000.0, 'more_than', 'tài khoản')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Final

from chiso.extract.figure_units import (
    change_after,
    change_before,
    currency_after,
    currency_before,
    is_target,
    qualifier_before,
    rate_after,
    sign_after,
    unit_phrase,
)
from chiso.extract.labels import in_spans, is_year, label_reason, noise_spans, unit_sign_after
from chiso.extract.numbers import (
    DIGITS,
    SCALE_RUN,
    VI_SPELLED,
    parse_digits,
    read_en_spelled,
    read_number,
    read_scale,
    read_vi_spelled,
    scale_value,
)
from chiso.extract.text import Sentence
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Figure, Lang, Qualifier, TimeExpr
from chiso.extract.vocab import EN_ORDER_OF_MAGNITUDE, VI_STANDALONE_SPELLED

_SCALE_WORDS = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
_CANDIDATE_RE: Final = re.compile(
    rf"""
      (?<![\w.,/])(?<![0-9][-–])(?P<num>{DIGITS})
    | (?<![\w])(?P<hang>hàng(?:\s(?:chục|trăm))?\s(?:{_SCALE_WORDS}|chục|trăm))(?![\w])
    | (?<![\w])(?P<vsp>{VI_SPELLED})(?=\s{_SCALE_WORDS}(?![\w]))
    | (?<![\w])(?P<vsa>hai|ba|bốn|sáu|bảy|tám|chín|mười)(?=\s)
    | (?<![\w])(?P<ensp>(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|
                       forty|fifty|a\shundred|one\shundred|a\sthousand|a\smillion|one\smillion)
                    (?:\s(?:thousand|million|billion|trillion))?)(?![\w])
    | (?<![\w])(?P<enmag>dozens|hundreds|thousands|millions|billions)\s(?:of\s)(?=\w)
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: "18/19", "16/1", "15/12/2025": what follows a number's digits when it is a ratio or a date.
_SLASH_RE: Final = re.compile(r"/([0-9]+)(/[0-9]+)?(?![0-9])")
#: "16-1", "6-2026", "10-15", "2021-2025": a dash between numbers (no spaces) or a spaced en dash.
_DASH_RE: Final = re.compile(r"(?:-|–|—|\s[–—-]\s)([0-9]+(?:[.,][0-9]+)*)(?![0-9])")
_DOTTED_DATE_RE: Final = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}")
#: "từ 10 đến 15 triệu", "between 10 and 15 million", "from 10 to 15".
_RANGE_WORD_RE: Final = re.compile(rf"\s+(?:đến|tới|to|and)\s+({DIGITS})((?:{SCALE_RUN})?)", re.IGNORECASE)
_RANGE_LEAD_RE: Final = re.compile(r"(?<![\w])(?:từ|khoảng\s+từ|between|from)\s+$", re.IGNORECASE)
#: "18 trên 19 tỉnh", "18 of 19 provinces", "18 out of 19".
_RATIO_WORD_RE: Final = re.compile(
    r"\s+(?:trên|of|out\s+of)\s+([0-9]+)(?![0-9.,%]|\s*(?:%|triệu|tỷ|nghìn|million|billion))"
)
_WORD_AFTER_RE: Final = re.compile(r"\s+([^\W\d_]+)")
_COUNT_NOUN_RE: Final = re.compile(
    r"\s+(?:tỉnh|thành phố|bộ|ngành|cơ sở dữ liệu|doanh nghiệp|nhiệm vụ|giải pháp|đơn vị|lần|người|"
    r"nhóm|trung tâm|nền tảng|dự án|cấp độ|mục tiêu|tiện ích|đột phá|hệ thống|cơ quan|xã|huyện|"
    r"provinces|ministries|databases|companies|businesses|times|people|centres|centers|platforms|"
    r"projects|agencies|services|systems)(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Core:
    """The number itself: where it is written, what it is worth, and what was glued to it."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    of: float | None = None
    scaled: bool = False
    spelled: bool = False
    about: bool = False


def _time_expressions(text: str, published: date | None, lang: Lang) -> list[TimeExpr]:
    """The time expressions of ``text``; one line to switch their source."""
    return find_time_expressions(text, published, lang)


def find_figures(text: str, sents: list[Sentence], *, published: date | None, lang: Lang) -> list[Figure]:
    """Every figure in ``text`` (NFC, normalised spaces), left to right, non-overlapping."""
    noise = noise_spans(text)
    noise_starts = [s for s, _ in noise]
    times = _time_expressions(text, published, lang)
    time_spans = [(t.start, t.end) for t in times]
    time_starts = [t.start for t in times]
    sent_starts = [s.start for s in sents]
    out: list[Figure] = []
    consumed = 0
    for m in _CANDIDATE_RE.finditer(text):
        pos = m.start()
        if pos < consumed or in_spans(noise, noise_starts, pos) or in_spans(time_spans, time_starts, pos):
            continue
        core = _core(text, m, lang)
        if core is None:
            continue
        fig = _figure(text, core, m, lang, published, sents, sent_starts, times, time_starts)
        if fig is not None:
            out.append(fig)
            consumed = fig.end
        else:
            consumed = core.end
    return out


def _core(text: str, m: re.Match[str], lang: Lang) -> _Core | None:
    """Read the number at a candidate, or None when it is a date, a label or not a number."""
    start = m.start()
    if (g := m.group("num")) is not None:
        return _digit_core(text, start, start + len(g), lang)
    if (g := m.group("hang")) is not None:
        return _Core(start, m.end(), scale_value(g[4:]), scaled=True, spelled=True, about=True)
    if m.group("vsp") is not None:
        n = read_vi_spelled(text, start)
        return _Core(start, n.end, n.value, scaled=n.scaled, spelled=True) if n and n.scaled else None
    if m.group("vsa") is not None:
        n = read_vi_spelled(text, start)
        if n is None or not (n.scaled or _COUNT_NOUN_RE.match(text, n.end)):
            return None
        if not n.scaled and m.group("vsa").lower() not in VI_STANDALONE_SPELLED:
            return None
        return _Core(start, n.end, n.value, scaled=n.scaled, spelled=True)
    if m.group("ensp") is not None:
        n = read_en_spelled(text, start)
        if n is None or not (n.scaled or _COUNT_NOUN_RE.match(text, n.end)):
            return None
        return _Core(start, n.end, n.value, scaled=n.scaled, spelled=True)
    if (g := m.group("enmag")) is not None:
        return _Core(
            start, m.end() - 1, EN_ORDER_OF_MAGNITUDE[g.lower()], scaled=True, spelled=True, about=True
        )
    return None


def _digit_core(text: str, start: int, dend: int, lang: Lang) -> _Core | None:
    tok = text[start:dend]
    if _DOTTED_DATE_RE.fullmatch(tok):
        return None  # 15.12.2025
    if (sl := _SLASH_RE.match(text, dend)) is not None:
        return _slash(text, start, dend, sl)
    if (da := _DASH_RE.match(text, dend)) is not None:
        handled, core = _dash(text, start, dend, da, lang)
        if handled:
            return core
    n = read_number(text, start, lang)
    if n is None:
        return None
    has_sign = unit_sign_after(text, n.end) or currency_after(text, n.end) is not None
    has_sign = has_sign or currency_before(text, start) is not None
    if label_reason(text, start, dend, has_scale=n.scaled, has_unit_sign=has_sign):
        return None
    if not n.scaled and not has_sign and is_year(text, start, dend, _lower_word_after(text, n.end)):
        return None
    value, end = n.value, n.end
    # ranges in words: "từ 10 đến 15 triệu", "between 10 and 15 million"
    if (r := _RANGE_WORD_RE.match(text, end)) is not None and _RANGE_LEAD_RE.search(
        text, max(0, start - 16), start
    ):
        hi = parse_digits(r.group(1), lang)
        if label_reason(text, r.start(1), r.end(1), has_scale=False, has_unit_sign=False) == "age":
            return None  # "từ 18 đến 25 tuổi" is an age bracket
        if hi is not None:
            mult = scale_value(r.group(2)) if r.group(2) else 1.0
            lo_v = value if n.scaled else value * mult
            hi_v = hi * mult
            if hi_v > lo_v:
                lead = _RANGE_LEAD_RE.search(text, max(0, start - 16), start)
                begin = lead.start() if lead else start  # the quote reads "từ 10 đến 15 triệu"
                return _Core(begin, r.end(), lo_v, value_max=hi_v, scaled=n.scaled or mult != 1.0)
    # ratios in words: "18 trên 19 tỉnh"
    if not n.scaled and tok.isdigit() and (rw := _RATIO_WORD_RE.match(text, end)) is not None:
        den = int(rw.group(1))
        if den >= value > 0:
            return _Core(start, rw.end(), value, of=float(den))
    return _Core(start, end, value, scaled=n.scaled)


def _slash(text: str, start: int, dend: int, sl: re.Match[str]) -> _Core | None:
    """ "18/19 cơ sở dữ liệu" is a ratio; "Chiều 16/1", "ngày 6/12", "15/12/2025", "6/2025" are dates."""
    tok = text[start:dend]
    if sl.group(2) is not None or not tok.isdigit():
        return None
    a, b = int(tok), int(sl.group(1))
    if len(sl.group(1)) == 4 or b == 0 or a > b:
        return None  # "6/2025" month/year; "57/2024" a numbered document; a>b no ratio
    if label_reason(text, start, dend, has_scale=False, has_unit_sign=False):
        return None
    looks_date = 1 <= a <= 31 and 1 <= b <= 12
    if looks_date and not _lower_word_after(text, sl.end()):
        return None
    return _Core(start, sl.end(), float(a), of=float(b))


def _dash(text: str, start: int, dend: int, da: re.Match[str], lang: Lang) -> tuple[bool, _Core | None]:
    """ "10-15%" is a range; "16-1", "6-2026", "2021-2025" are dates. (handled, core)."""
    tok, other = text[start:dend], da.group(1)
    if tok.isdigit() and other.isdigit():
        if len(other) == 4 or len(tok) == 4:
            return True, None  # "6-2026", "2021-2025", "I-2026"
        if label_reason(text, start, dend, has_scale=False, has_unit_sign=False):
            return True, None
    lo, hi = parse_digits(tok, lang), parse_digits(other, lang)
    if lo is None or hi is None:
        return True, None
    mult, end = read_scale(text, da.end())
    if mult == 1.0 and not unit_sign_after(text, da.end()) and not _lower_word_after(text, da.end()):
        return True, None  # a bare "16-1": a date or a score, not a figure
    if (
        tok.isdigit()
        and other.isdigit()
        and mult == 1.0
        and int(tok) <= 31
        and 1 <= int(other) <= 12
        and int(other) < int(tok)
    ):
        return True, None  # "ngày 16-1 tới": day-month
    if hi * mult <= lo * mult:
        return True, None
    return True, _Core(start, end, lo * mult, value_max=hi * mult, scaled=mult != 1.0)


def _lower_word_after(text: str, pos: int) -> bool:
    """A lowercase word follows (a counted noun may): "5/9 tỉnh" yes, "Quốc khánh 2/9." no."""
    w = _WORD_AFTER_RE.match(text, pos)
    return bool(w) and w is not None and w.group(1)[0].islower() and w.group(1).lower() not in _NOT_NOUNS


#: lowercase words after a number that show it is not counting anything
_NOT_NOUNS: Final = frozenset(
    {
        "và",
        "hoặc",
        "của",
        "tại",
        "với",
        "là",
        "đã",
        "sẽ",
        "để",
        "năm",
        "tháng",
        "the",
        "and",
        "of",
        "in",
        "to",
    }
)


def _figure(
    text: str,
    core: _Core,
    m: re.Match[str],
    lang: Lang,
    published: date | None,
    sents: list[Sentence],
    sent_starts: list[int],
    times: list[TimeExpr],
    time_starts: list[int],
) -> Figure | None:
    start, end = core.start, core.end
    value, value_max = core.value, core.value_max
    unit: str | None = None
    head: str | None = None
    known = False
    # currency written before: "USD 1.2 billion", "$5 million"
    if (cb := currency_before(text, start)) is not None:
        unit, start = cb
        head, known = unit, True
    sign = sign_after(text, end)
    if sign is not None and unit is None:
        unit, end = sign
        head, known = unit, True
    elif (ca := currency_after(text, end)) is not None and unit is None:
        unit, end = ca
        head, known = unit, True
    if unit is None:
        phrase = unit_phrase(text, end, lang)
        if phrase is not None:
            unit, head, end, known = phrase
    if unit is not None and (rate := rate_after(text, end)) is not None:
        per, end = rate
        unit = f"{unit}/{per}"
    qualifier: Qualifier = "about" if core.about else "exact"
    if (q := qualifier_before(text, start)) is not None and not core.about:
        qualifier, start = q
    change = change_before(text, start) or change_after(text, end)
    sent = _sentence(sents, sent_starts, core.start)
    s_lo = sent.start if sent else max(0, start - 200)
    s_hi = sent.end if sent else min(len(text), end + 200)
    target = is_target(text, s_lo, start)
    period, as_of, p_start, p_end, horizon = _period(
        times, time_starts, s_lo, s_hi, core.start, end, published
    )
    target = target or horizon
    if unit is None and core.of is None and value_max is None and qualifier == "exact" and core.spelled:
        return None  # "ba" with nothing around it is a word, not a number
    conf = _confidence(unit is not None, known, qualifier != "exact", core, period is not None)
    return Figure(
        start=start,
        end=end,
        quote=text[start:end],
        value=value,
        qualifier=qualifier,
        unit=unit,
        unit_head=head,
        of=core.of,
        value_max=value_max,
        change=change,
        target=target,
        period=period,
        as_of=as_of,
        period_start=p_start,
        period_end=p_end,
        confidence=conf,
    )


def _sentence(sents: list[Sentence], starts: list[int], pos: int) -> Sentence | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and sents[i].start <= pos < sents[i].end:
        return sents[i]
    return None


def _period(
    times: list[TimeExpr],
    starts: list[int],
    s_lo: int,
    s_hi: int,
    fstart: int,
    fend: int,
    published: date | None,
) -> tuple[str | None, date | None, date | None, date | None, bool]:
    """The time expression a figure belongs to: the nearest before it in its sentence, else after.

    Returns (period text, as_of, period_start, period_end, is a future horizon). "đến nay" and
    "tính đến ngày 15/12/2025" are as-of dates; "năm 2025" and "6 tháng đầu năm 2025" periods;
    "đến năm 2030" (by/until, ending after publication) a horizon that makes the figure a target.
    """
    i = bisect_right(starts, fstart) - 1
    chosen: TimeExpr | None = None
    if i >= 0 and times[i].start >= s_lo and times[i].end <= fstart:
        chosen = times[i]
    elif i + 1 < len(times) and fend <= times[i + 1].start < s_hi:
        chosen = times[i + 1]
    if chosen is None:
        return None, None, None, None, False
    t = chosen
    horizon = (
        t.relation in ("by", "until") and published is not None and t.last is not None and t.last > published
    )
    if t.relation == "as_of" or (t.precision == "day" and t.relation == "in"):
        return t.text, t.last, None, None, horizon
    if t.relation == "since":
        return t.text, None, t.first, None, horizon
    if t.relation in ("by", "until"):
        return t.text, None, None, t.last, horizon
    return t.text, None, t.first, t.last, horizon


def _confidence(has_unit: bool, known: bool, qualified: bool, core: _Core, has_period: bool) -> float:
    """How much a reader can trust this is a figure worth tracking, in [0, 1].

    Weights chosen on the seeds and tests/corpus/figures (run of 2026-11-22): a bare number
    with no unit sits at 0.3, a qualified figure with a known unit above 0.9.
    """
    c = 0.3
    if has_unit:
        c += 0.3 if known else 0.2
    if qualified:
        c += 0.1
    if core.of is not None or core.value_max is not None:
        c += 0.15
    if has_period:
        c += 0.1
    if core.scaled and not core.spelled:
        c += 0.1
    if core.spelled:
        c -= 0.1
    return max(0.05, min(0.98, c))


__all__ = ["find_figures"]
