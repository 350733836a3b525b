"""Every figure a report states: "trên 67 triệu tài khoản", "18/19 cơ sở dữ liệu", "USD 1.2 billion".

How it works, and why it is fast: :mod:`chiso.extract.figure_candidates` finds where numbers may
start (digit runs, and numbers in words by the scale word or counted noun after them); every check after that is a set lookup on the few words before the
candidate (:mod:`chiso.extract.figure_context`) or an anchored regex match after it. The label
filter (:mod:`chiso.extract.labels`) drops names, dates and codes. Target words, plan words and
perfective markers come from one scan of the text (:class:`chiso.extract.figure_dating.Marks`);
when each figure holds, from :func:`chiso.extract.figure_time.date_figures`, one pass over the
sentences with the whole text's time expressions (``extract`` finds them once for everything);
confidence from :mod:`chiso.extract.figure_confidence`. ``extract`` marks figures inside a dated
commitment as targets (:func:`in_commitments`).

>>> from chiso.extract.text import sentences
>>> t = "Đến nay đã kích hoạt trên 67 triệu tài khoản."
>>> [(f.quote, f.value, f.qualifier, f.unit) for f in find_figures(t, sentences(t), published=None, lang="vi")]
[('trên 67 triệu tài khoản', 67000000.0, 'more_than', 'tài khoản')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from chiso.extract.figure_candidates import ENMAG_RE, GLUED_CODE_ENDS, HANG_RE, candidates, glued_code
from chiso.extract.figure_confidence import figure_confidence
from chiso.extract.figure_context import start_of_words, words_before
from chiso.extract.figure_dating import Marks
from chiso.extract.figure_periods import time_expressions
from chiso.extract.figure_time import date_figures
from chiso.extract.figure_units import (
    DENOMINATOR_STARTS,
    QUALIFIER_AFTER_STARTS,
    change_after,
    change_before,
    counts_a_noun,
    currency_before,
    denominator_after,
    glued_unit,
    is_reached_target,
    is_target,
    paren_unit,
    qualifier_after,
    qualifier_before,
    rate_after,
    restates,
    unit_phrase,
    unit_sign,
)
from chiso.extract.labels import age_after, is_year, label_context, label_reason, noise_end, time_unit_after
from chiso.extract.numbers import (
    DIGITS,
    SCALE_RUN,
    parse_digits,
    read_en_spelled,
    read_number,
    read_scale,
    read_vi_spelled,
    scale_value,
)
from chiso.extract.spelled import read_fraction, read_multiple
from chiso.extract.text import Sentence
from chiso.extract.types import Deadline, Figure, Lang, Qualifier, TimeExpr, new_figure
from chiso.extract.vocab import (
    COUNT_NOUNS,
    EN_ORDER_OF_MAGNITUDE,
    EN_UNIT_STOPS,
    VI_UNIT_STOPS,
    YEAR_MAX,
    YEAR_MIN,
)

_COUNT_NOUN_RE: Final = re.compile(rf"\s+(?:{COUNT_NOUNS})(?![\w])", re.IGNORECASE)
#: "18/19", "16/1", "15/12/2025": what follows a number's digits when it is a ratio or a date.
_SLASH_RE: Final = re.compile(r"/([0-9]+(?:[.,][0-9]{3})*)(/[0-9]+)?(?![0-9])")
_MONEY_SIGNS: Final = frozenset("$€£₹")
_CODES_BEFORE: Final = frozenset({"usd", "vnd", "vnđ", "eur", "rs", "rs.", "inr", "gbp"})
_RATIO_PART_RE: Final = re.compile(r"[0-9]+|[0-9]{1,3}(?:[.,][0-9]{3})+")
#: words before "46/193" that make it a rank out of a field, not a label or a date
_RANK_WORDS: Final = frozenset({"hạng", "thứ", "ranked", "ranks", "rank", "ranking"})
#: "16-1", "6-2026", "10-15", "2021-2025": a dash between numbers (no spaces) or a spaced en dash.
_DASH_RE: Final = re.compile(r"(?:-|–|—|\s[–—-]\s)([0-9]+(?:[.,][0-9]+)*)(?![0-9])")
_DOTTED_DATE_RE: Final = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}")
#: "từ 10 đến 15 triệu", "between 10 and 15 million", "from 10 to 15".
_RANGE_WORD_RE: Final = re.compile(rf"\s+(?:đến|tới|to|and)\s+({DIGITS})((?:{SCALE_RUN})?)", re.IGNORECASE)
_RANGE_LEADS: Final = frozenset({"từ", "between", "from"})
_RATIO_WORDS: Final = (" trên ", " of ", " out of ")
#: "18 trên 19 tỉnh", "18 of 19 provinces", "18 out of 19".
_RATIO_WORD_RE: Final = re.compile(
    r"\s+(?:trên|of|out\s+of)\s+([0-9]+)(?![0-9.,%]|\s*(?:%|triệu|tỷ|nghìn|million|billion))"
)
_WORD_AFTER_RE: Final = re.compile(r"\s+([^\W\d_]+)")


# Not frozen: a frozen dataclass's __init__ sets each field through object.__setattr__ (about
# 0.1 µs a field, 1.2 µs for these twelve), and one is built per number candidate; it is never
# changed after it is built, nor hashed.
@dataclass(slots=True)
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
    #: the words before ``start`` (see :func:`words_before`), when already read
    words: tuple[str, ...] | None = None
    #: a percent, points or currency right after the number (unit, end), when already read
    sign: tuple[str, int] | None = None
    #: a multiple in words ("gấp đôi", "tripled"): a change, counted in times
    multiple: bool = False
    #: ``sign`` was read at ``end`` already (None then means there is none: no second look)
    sign_read: bool = False


#: what may follow a bare number that is not a scale, a percent, a ratio or a range
_PLAIN_END: Final = frozenset({"", " ", "\n", ",", ".", ";", ":", ")"})
_SCALE_PREFIXES: Final = (
    "triệu",
    "tỷ",
    "tỉ",
    "nghìn",
    "ngàn",
    "trăm",
    "chục",
    "million",
    "billion",
    "thousand",
)
#: date words that make the next bare integer a date or year whatever follows ("năm 2025 có")
_HARD_DATE_CUES: Final = frozenset({"năm", "ngày", "tháng", "quý", "sáng", "chiều", "tối", "trưa", "lúc"})
_QUICK_DATE_CUES: Final = frozenset({"năm", "ngày", "tháng"})


@dataclass(slots=True)
class _SentenceState:
    """What a sentence's figures share, computed once and only when the sentence holds a figure."""

    sent: Sentence | None
    #: where the whole text's time expressions start (shared by every sentence)
    time_starts: list[int]
    #: the whole text's target, plan and perfective words (shared by every sentence)
    words: Marks
    marks: list[tuple[int, int]] | None = None
    has_time: bool = False


def find_figures(
    text: str,
    sents: list[Sentence],
    *,
    published: date | None,
    lang: Lang,
    times: Sequence[TimeExpr] | None = None,
) -> list[Figure]:
    """Every figure in ``text`` (NFC, normalised spaces), left to right, non-overlapping.

    ``times``: the whole text's time expressions when the caller has them (``extract`` finds them
    once for the deadlines); period cues then reuse them instead of running timex again, and
    :func:`chiso.extract.figure_time.date_figures` dates every figure from them in one pass.
    """
    if times is None:
        times = time_expressions(text, published, lang)
    time_starts = [t.start for t in times]
    found = list(candidates(text, lang))
    # plan and target words are asked about only in sentences with a candidate or a time
    asked = _sentences_at(sents, [c[0] for c in found], time_starts)
    words = Marks.of(text, [(s.start, s.end) for s in asked])
    out: list[Figure] = []
    consumed = 0
    si = 0
    state = _SentenceState(None, time_starts, words)
    for pos, dend, kind in found:
        if pos < consumed:
            continue
        if kind == "num" and (skip := noise_end(text, pos, dend)) is not None:
            consumed = skip
            continue
        core = _core(text, pos, dend, kind, lang)
        if core is None:
            continue
        while si < len(sents) and sents[si].end <= pos:
            si += 1
        sent = sents[si] if si < len(sents) and sents[si].start <= pos else None
        if state.sent is not sent:
            state = _SentenceState(sent, time_starts, words)
        fig = _figure(text, core, lang, published, state, consumed)
        if fig is not None and fig.start >= consumed:
            if (
                out
                and fig.qualifier == "exact"
                and out[-1].qualifier != "exact"
                and restates(text, out[-1].end, fig.start)
            ):
                fig = replace(fig, qualifier=out[-1].qualifier)
            out.append(fig)
            consumed = fig.end
        else:
            consumed = core.end
    a_starts = [s.start for s in asked]
    if any(not _within(asked, a_starts, f.start) for f in out):
        words = Marks.of(text)  # a figure led from outside its candidate's sentence (rare): all of it
    return date_figures(text, sents, out, times, published, words)


def _sentences_at(sents: Sequence[Sentence], *positions: list[int]) -> list[Sentence]:
    """The sentences (in order) that hold one of ``positions`` (each list sorted)."""
    starts = [s.start for s in sents]
    keep = bytearray(len(sents))
    for ps in positions:
        for p in ps:
            i = bisect_right(starts, p) - 1
            if i >= 0 and p < sents[i].end:
                keep[i] = 1
    return [s for s, k in zip(sents, keep, strict=True) if k]


def _within(sents: list[Sentence], starts: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < sents[i].end


def _core(text: str, start: int, dend: int, kind: str, lang: Lang) -> _Core | None:
    """Read the number at a candidate, or None when it is a date, a label or not a number."""
    if kind == "num":
        return _digit_core(text, start, dend, lang)
    if kind == "hang" and (h := HANG_RE.match(text, start)):  # "hàng triệu": an order of magnitude
        return _Core(start, h.end(), scale_value(h.group(0)[4:]), scaled=True, spelled=True, about=True)
    if kind == "enmag" and (e := ENMAG_RE.match(text, start)):  # "millions of"
        word = e.group(0).split()[0].lower()
        return _Core(start, e.end() - 1, EN_ORDER_OF_MAGNITUDE[word], scaled=True, spelled=True, about=True)
    if kind == "frac":  # "two thirds of", "một nửa": a share
        if (fr := read_fraction(text, start, lang)) is None:
            return None
        return _Core(start, fr[1], fr[0], spelled=True, sign=("%", fr[1]))
    if kind == "mult":  # "gấp đôi", "nearly tripled"
        if (mu := read_multiple(text, start, lang)) is None:
            return None
        return _Core(start, mu[1], mu[0], spelled=True, multiple=True)
    n = read_en_spelled(text, start) if kind == "ensp" else read_vi_spelled(text, start)
    if n is None:
        return None
    if not n.scaled and (time_unit_after(text, n.end) or not counts_a_noun(text, start, n.end, kind, lang)):
        return None  # "the first nine months", "after two years": a period, not a count
    return _Core(start, n.end, n.value, scaled=n.scaled, spelled=True)


def _digit_core(text: str, start: int, dend: int, lang: Lang) -> _Core | None:
    tok = text[start:dend]
    nxt = text[dend : dend + 1]
    if nxt in _PLAIN_END and start > 3 and text[start - 1] == " " and text[start - 2] in "mgyMGY":
        # "năm 2025", "tháng 10", "ngày 15" (a tenth of the candidates): the check below without
        # reading the words before; a plain word right before, so it is what words_before ends with
        b = text.rfind(" ", start - 8, start - 1) + 1
        if (
            b
            and text[b : start - 1].lower() in _QUICK_DATE_CUES
            and tok.isdigit()
            and not text.startswith(_SCALE_PREFIXES, dend + 1)
        ):
            return None
    words = words_before(text, start)
    if (
        words
        and words[-1] in _HARD_DATE_CUES
        and nxt in _PLAIN_END
        and tok.isdigit()
        and not text.startswith(_SCALE_PREFIXES, dend + 1)
    ):
        return None  # the common non-figure, decided before any regex: "năm 2025", "ngày 15", "tháng 10"
    if _DOTTED_DATE_RE.fullmatch(tok):
        return None  # 15.12.2025
    if nxt == "/" and (sl := _SLASH_RE.match(text, dend)) is not None:
        return _slash(text, start, dend, sl, words)
    if (nxt in "-–—" or (nxt == " " and text[dend + 1 : dend + 2] in "-–—")) and (
        da := _DASH_RE.match(text, dend)
    ) is not None:
        handled, core = _dash(text, start, dend, da, lang)
        if handled:
            return core
    c = text[start - 1] if start else ""
    money = (
        c in _MONEY_SIGNS
        or (c in GLUED_CODE_ENDS and glued_code(text, start) is not None)
        or (c == " " and bool(words) and words[-1] in _CODES_BEFORE)
    )
    n = read_number(text, start, lang, dend, money=money)
    if n is None:
        return None
    sign = unit_sign(text, n.end)
    has_sign = sign is not None or money
    if label_reason(text, start, dend, has_scale=n.scaled, has_unit_sign=has_sign, words=words):
        return None
    if (
        not n.scaled
        and not has_sign
        and len(tok) == 4  # is_year's own first test, before the look at the word after
        and is_year(text, start, dend, _lower_word_after(text, n.end), words=words)
    ):
        return None
    value, end = n.value, n.end
    # ranges in words: "từ 10 đến 15 triệu", "between 10 and 15 million"
    if words and words[-1] in _RANGE_LEADS and (r := _RANGE_WORD_RE.match(text, end)) is not None:
        lead = start_of_words(text, start, 1)
        hi = parse_digits(r.group(1), lang)
        if label_reason(text, r.start(1), r.end(1), has_scale=False, has_unit_sign=False) == "age":
            return None  # "từ 18 đến 25 tuổi" is an age bracket
        if hi is not None:
            mult = scale_value(r.group(2)) if r.group(2) else 1.0
            lo_v = value if n.scaled else value * mult
            hi_v = hi * mult
            if hi_v > lo_v:  # the quote reads "từ 10 đến 15 triệu"
                return _Core(lead, r.end(), lo_v, value_max=hi_v, scaled=n.scaled or mult != 1.0)
    # ratios in words: "18 trên 19 tỉnh"
    if (
        not n.scaled
        and tok.isdigit()
        and text.startswith(_RATIO_WORDS, end)
        and (rw := _RATIO_WORD_RE.match(text, end)) is not None
    ):
        den = int(rw.group(1))
        if den >= value > 0:
            return _Core(start, rw.end(), value, of=float(den))
    return _Core(start, end, value, scaled=n.scaled, words=words, sign=sign, sign_read=True)


def _slash(text: str, start: int, dend: int, sl: re.Match[str], words: tuple[str, ...]) -> _Core | None:
    """ "18/19 cơ sở dữ liệu" is a ratio; "Chiều 16/1", "ngày 6/12", "15/12/2025", "6/2025" are dates."""
    tok, den = text[start:dend], sl.group(1)
    if sl.group(2) is not None:
        return None
    if tok.isdigit() and den.isdigit():  # the common case: "18/19", "16/1"
        a, b = float(tok), float(den)
    else:  # "3.512/5.904 thủ tục" (vi), "3,512/5,904" (en): thousands separators on both sides
        lang: Lang = "en" if "," in tok + den else "vi"
        a_v, b_v = parse_digits(tok, lang), parse_digits(den, lang)
        if a_v is None or b_v is None or not _RATIO_PART_RE.fullmatch(tok):
            return None
        a, b = a_v, b_v
    if (len(den) == 4 and den.isdigit()) or b == 0 or a > b:
        return None  # "6/2025" month/year; "57/2024" a numbered document; a>b no ratio
    rank = bool(words) and words[-1] in _RANK_WORDS
    if not rank and label_reason(text, start, dend, has_scale=False, has_unit_sign=False, words=words):
        return None
    looks_date = tok.isdigit() and den.isdigit() and 1 <= a <= 31 and 1 <= b <= 12
    if looks_date and not _lower_word_after(text, sl.end()):
        return None
    return _Core(start, sl.end(), a, of=b)


def _dash(text: str, start: int, dend: int, da: re.Match[str], lang: Lang) -> tuple[bool, _Core | None]:
    """ "10-15%" is a range; "16-1", "6-2026", "2021-2025" are dates. (handled, core)."""
    tok, other = text[start:dend], da.group(1)
    money_after = unit_sign(text, da.end()) is not None
    if tok.isdigit() and other.isdigit():
        if (len(other) == 4 or len(tok) == 4) and (
            not money_after or any(YEAR_MIN <= int(x) <= YEAR_MAX for x in (tok, other) if len(x) == 4)
        ):
            return True, None  # "6-2026", "2021-2025", "I-2026"; "3000-5000 đồng" is a range
        if label_reason(text, start, dend, has_scale=False, has_unit_sign=False):
            return True, None
    if age_after(text, da.end()):
        return True, None  # "15-64 tuổi", "aged 15-64": an age band
    lo, hi = parse_digits(tok, lang), parse_digits(other, lang)
    if lo is None or hi is None:
        return True, None
    mult, end = read_scale(text, da.end())
    if mult == 1.0 and not money_after and not _lower_word_after(text, da.end()):
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
_NOT_NOUNS: Final = VI_UNIT_STOPS | EN_UNIT_STOPS | {"năm", "tháng"}


def _figure(
    text: str, core: _Core, lang: Lang, published: date | None, state: _SentenceState, floor: int
) -> Figure | None:
    """The figure around ``core``; its quote never reaches back before ``floor`` (the last figure's end)."""
    start, end = core.start, core.end
    unit: str | None = None
    head: str | None = None
    known = False
    signed = False  # a percent or currency: a level, whatever word stands before it
    words = core.words if core.words is not None else words_before(text, start)
    value = core.value
    # currency written before: "USD 1.2 billion", "$5 million", "VND720 trillion"
    if (cb := currency_before(text, start, words)) is not None and cb[1] >= floor:
        unit, start = cb
        head, known, signed = unit, True, True
        words = words_before(text, start)
    # a sign: "-1.500.000", "âm 2 tỷ", "minus 5 degrees"
    if (
        start >= 1
        and text[start - 1] in "-−"
        and (start == 1 or text[start - 2] in " (\n")
        and start - 1 >= floor
    ):
        value, start = -value, start - 1
        words = words_before(text, start)
    elif words and words[-1] in _NEGATIVE_WORDS and (neg := start_of_words(text, start, 1)) >= floor:
        value, start, words = -value, neg, words[:-1]
    if core.multiple:
        unit = head = "times" if lang == "en" else "lần"
        if text.startswith(" lần", end):
            end += 4
    if unit is None:
        sign = (
            core.sign
            if core.sign is not None or (core.sign_read and end == core.end)
            else unit_sign(text, end)
        )
        if sign is not None:
            unit, end = sign
            head, known, signed = unit, True, True
    if unit is None and text[end : end + 1].isalpha() and (g := glued_unit(text, end)) is not None:
        unit, end = g
        head, known = unit, True
    if unit is None and (phrase := unit_phrase(text, end, lang)) is not None:
        unit, head, end, known = phrase
    if unit is None and text.startswith(("(", " ("), end) and (after := paren_unit(text, end, lang)):
        unit, head, known = after  # "21.305 (chiếm 2,1%) hộ dân": the quote stays "21.305"
    if unit is not None and (rate := rate_after(text, end)) is not None:
        per, end = rate
        unit = f"{unit}/{per}"
    elif (
        unit is not None
        and not signed
        and text.startswith(DENOMINATOR_STARTS, end)
        and (den := denominator_after(text, end)) is not None
    ):
        per, end = den
        unit = f"{unit}/{per}"
    qualifier: Qualifier = "about" if core.about else "exact"
    # "cao hơn 4,1 điểm phần trăm so với": a gap between two values; only a comparative asks
    difference = (
        not core.multiple
        and bool(words)
        and words[-1] in ("hơn", "than")
        and (head in _POINTS or text.startswith((" so với", " than "), end))
    )
    if (
        not core.about
        and (q := qualifier_before(text, start, words, difference=difference)) is not None
        and q[1] >= floor
    ):
        qualifier, start, n_words = q
        words = words[:-n_words]
    if (
        qualifier == "exact"
        and text.startswith(QUALIFIER_AFTER_STARTS, end)
        and (qa := qualifier_after(text, end, words)) is not None
    ):
        qualifier, end, takes_tu = qa
        if takes_tu:
            start, words = start_of_words(text, start, 1), words[:-1]
    if unit is None and core.of is None and core.value_max is None and qualifier == "exact" and core.spelled:
        return None  # "ba" with nothing around it is a word, not a number
    change = core.multiple or change_before(text, start, words) or change_after(text, end)
    s_lo, s_hi = (state.sent.start, state.sent.end) if state.sent else (max(0, start - 200), end)
    if state.marks is None:
        # target words not reached already ("vượt mục tiêu" is a level)
        state.marks = [m for m in state.words.targets_in(s_lo, s_hi) if not is_reached_target(text, m[0])]
        i = bisect_left(state.time_starts, s_lo)
        state.has_time = i < len(state.time_starts) and state.time_starts[i] < s_hi
    target = is_target(text, state.marks, start)
    conf = figure_confidence(
        unit=unit,
        head=head,
        known=known,
        qualified=qualifier != "exact",
        ratio_or_range=core.of is not None or core.value_max is not None,
        scaled=core.scaled,
        spelled=core.spelled,
        has_period=state.has_time,
        label_context=label_context(text, start, words, has_sign=signed),
    )
    # new_figure: Figure(...) at half the cost (one per figure); the time fields are the defaults
    return new_figure(
        start,
        end,
        text[start:end],
        value,
        qualifier,
        unit,
        head,
        core.of,
        core.value_max,
        change,
        target,
        None,
        None,
        None,
        None,
        conf,
        "published",
        None,
        None,
        None,
        None,
        None,
    )


_NEGATIVE_WORDS: Final = frozenset({"âm", "minus", "negative"})
_POINTS: Final = frozenset({"điểm phần trăm", "percentage points"})


def in_commitments(figures: list[Figure], deadlines: Sequence[Deadline]) -> list[Figure]:
    """Figures inside a dated commitment are goals: "Bộ phấn đấu trước ngày 15/12/2026 hoàn thành
    kết nối đủ 19 cơ sở dữ liệu", "plans to connect 19 databases by June 2026". The commitment
    finder has already judged the sentence future-facing (and dropped past events), so a figure
    within its quote is what is promised, not what was reached.

    A figure dated from a day on ("Từ ngày 1/12, 5/9 xã sẽ áp dụng quy trình mới": a period that
    starts and has no end) is the scope of what takes effect then, not a goal due then, now that
    effective dates are commitments too; its dating already judged its target flag.

    One sweep: with the commitments in order of start, a figure lies inside one of those that
    start at or before it exactly when the furthest end among them reaches past the figure.
    """
    spans = sorted((d.start, d.end) for d in deadlines)
    out: list[Figure] = []
    k, reach = 0, -1
    for f in figures:  # left to right
        while k < len(spans) and spans[k][0] <= f.start:
            reach = max(reach, spans[k][1])
            k += 1
        inside = reach >= f.end
        since = f.period_start is not None and f.period_end is None
        out.append(replace(f, target=True) if inside and not f.target and not f.change and not since else f)
    return out


__all__ = ["find_figures", "in_commitments"]
