"""Every figure says when it holds, and where that came from: one pass over the text's lines.

A reporter reads a time where it stands and carries it forward:

- a figure's own line first (:mod:`chiso.extract.figure_dating` picks the time that governs its
  clause): ``time_source = "sentence"``;
- else the context: the sentences before it in its paragraph (the last time that opened a clause
  or dated a figure: "Năm 2023, tỉnh ... . Trong đó, X chiếm 41%"), the sentence that introduces
  a list (for the list's items), the heading above it, the lead (the first paragraph's opening
  time): ``time_source = "context"``. A paragraph break ends the paragraph's context; a heading
  sets the section's (and a heading without a time clears it); the lead's holds to the end;
- else the publication date, as of which a report states what it does not date:
  ``time_source = "published"``.

``time_quote``/``time_start``/``time_end`` locate the phrase that dated the figure. One pass:
sentences, figures and time expressions are each walked once, in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from chiso.extract.figure_dating import (
    Marks,
    TimeReading,
    adjacent_after,
    compared,
    is_base,
    is_event_date,
    is_frame,
    placed,
    reading,
    same_period_shift,
    shift_reading,
)
from chiso.extract.text import Sentence
from chiso.extract.types import Figure, Precision, TimeExpr, TimeSource, new_figure, new_time_expr

_BULLET_RE: Final = re.compile(r"(?:[-•*+–]\s|(?:[a-zđ]|[0-9]{1,2}|[ivxIVX]{1,4})[).]\s)")
#: an introduction whose list items are obligations or goals ("Các địa phương phải bảo đảm:")
_OBLIGATION_RE: Final = re.compile(
    r"(?<![\w])(?:phải|bảo\s+đảm|đảm\s+bảo|phấn\s+đấu|mục\s+tiêu|cần\s+đạt|"
    r"must|shall|targets?|aims?\s+to|goals?|will)(?![\w])",
    re.IGNORECASE,
)
_HEADING_MAX: Final = 160
_NOT_HEADING_END: Final = frozenset(".!?…;,:")


# Not frozen (never changed after it is built, nor hashed): a frozen dataclass's __init__ costs
# about 0.1 µs a field more, and one is built for most lines that hold a figure or a time.
@dataclass(slots=True)
class _Ctx:
    """A carried time, already placed (first/last final), and whether a plan set it."""

    t: TimeExpr
    plan: bool
    #: the time as written, before its year was settled: a plan under it places it again
    raw: TimeExpr


@dataclass(slots=True)
class _State:
    lead: _Ctx | None = None
    lead_done: bool = False
    seen_body: bool = False
    section: _Ctx | None = None
    para: _Ctx | None = None
    list_ctx: _Ctx | None = None
    list_open: bool = False
    list_obligation: bool = False
    prev_end: int = 0
    started: bool = False

    def context(self, in_list: bool) -> _Ctx | None:
        if in_list and self.list_ctx is not None:
            return self.list_ctx
        return self.para or self.section or self.lead


def date_figures(
    text: str,
    sents: Sequence[Sentence],
    figures: list[Figure],
    times: Sequence[TimeExpr],
    published: date | None,
    marks: Marks | None = None,
) -> list[Figure]:
    """``figures`` (left to right) with their time, its source and the phrase that dated them.
    ``marks``: the text's plan words when the caller has them (``find_figures`` does)."""
    out: list[Figure] = []
    st = _State()
    mk = marks if marks is not None else Marks.of(text)
    fi = ti = 0
    n_f, n_t = len(figures), len(times)
    for s in sents:
        lo = s.start
        while lo < s.end:
            nl = text.find("\n", lo, s.end)
            hi = s.end if nl < 0 else nl
            while ti < n_t and times[ti].start < lo:
                ti += 1
            tj = ti
            while tj < n_t and times[tj].start < hi:
                tj += 1
            fj = fi
            while fj < n_f and figures[fj].start < hi:
                fj += 1
            # the first character settles most lines without copying the line
            if hi > lo and not (text[lo].isspace() and text[lo:hi].isspace()):
                if fj > fi or tj > ti:
                    out.extend(_unit(text, lo, hi, figures[fi:fj], times[ti:tj], published, st, mk))
                else:  # most lines: only the bookkeeping, without slicing two empty lists
                    _unit(text, lo, hi, (), (), published, st, mk)
            else:
                out.extend(figures[fi:fj])
            fi, ti = fj, tj
            lo = hi + 1
    out.extend(_published(f, published) for f in figures[fi:])
    return out


def _unit(
    text: str,
    lo: int,
    hi: int,
    figs: Sequence[Figure],
    times: Sequence[TimeExpr],
    published: date | None,
    st: _State,
    mk: Marks,
) -> list[Figure]:
    """Date the figures of one line of one sentence, then update the context it leaves."""
    while lo < hi and text[lo].isspace():
        lo += 1
    first_unit = not st.started
    st.started = True
    para_break = text.find("\n", st.prev_end, lo) >= 0
    line_start = first_unit or para_break
    bullet = line_start and _BULLET_RE.match(text, lo) is not None
    stripped_end = text[hi - 1] if hi > lo else ""
    heading = (
        line_start
        and not bullet
        and hi - lo <= _HEADING_MAX
        and stripped_end not in _NOT_HEADING_END
        and _line_ends(text, hi)
    )
    in_list = False
    if para_break or first_unit:
        if st.list_open and bullet:
            in_list = True
        else:
            st.list_open = False
            if st.seen_body and not heading:
                st.lead_done = True
            st.para = None
    elif st.list_open and bullet:
        in_list = True
    st.prev_end = hi
    if not figs and not times:  # most lines: only the bookkeeping
        if heading:
            st.section = st.para = None
        else:
            st.seen_body = True
        if stripped_end == ":" and not in_list:
            _open_list(text, lo, hi, st)
        return []

    good: list[TimeExpr] = []
    bases: list[TimeExpr] = []
    if figs or heading:
        for t in times:
            if figs and any(f.start < t.end and t.start < f.end for f in figs):
                continue  # a date read inside a figure's quote
            if is_base(text, t, lo):
                bases.append(t)
            elif not is_event_date(text, t, lo):
                good.append(t)
        frames = [t for t in good if is_frame(text, t, lo)]
    else:  # a line with times and no figure: only its last opening time matters
        frames = []
        for t in reversed(times):
            if is_frame(text, t, lo) and not is_base(text, t, lo) and not is_event_date(text, t, lo):
                frames.append(t)
                break
    unit_plan = mk.is_future(lo, hi)

    if heading:
        st.section = _ctx(good[-1], published, plan=unit_plan) if good else None
        st.para = None

    out: list[Figure] = []
    last_sentence_ctx: _Ctx | None = None
    for k, f in enumerate(figs):
        next_start = figs[k + 1].start if k + 1 < len(figs) else hi
        prev_end = figs[k - 1].end if k else lo
        gov = _governing(text, f, good, next_start, mk)
        base = _base_of(bases, prev_end, next_start)
        future = mk.is_future(lo, f.start)
        cmp = compared(text, lo, f.start)
        obliged = in_list and st.list_obligation and not mk.is_perfective(lo, f.start)
        # where a time without a year falls: a plan word anywhere in the figure's clause counts,
        # and so does an obligation list or a "by" date with nothing done ("trước ngày 30/11")
        ahead = future or f.target or obliged or mk.has_plan_after(f.end, next_start)
        if gov is not None:
            ahead = ahead or (gov.relation == "by" and not mk.is_perfective(lo, next_start))
            # placed once: read from the placed time, the reading places nothing again
            g = _placed_expr(gov, published, future=ahead)
            r = reading(g, published, future=ahead, target=f.target or obliged)
            target = _target(f, gov, r, future, lo, mk) or obliged
            r = _as_base(text, f, r, cmp)
            if target:
                r = _annual(text, lo, f.end, r)
            out.append(_with(f, g, r, "sentence", target, base))
            if not cmp:
                last_sentence_ctx = _Ctx(g, ahead, gov)
            continue
        nw = mk.now_word(lo, f.start)
        if nw is not None and published is not None:
            t_now = TimeExpr(nw[0], nw[1], text[nw[0] : nw[1]], published, published, "day", "as_of", True)
            r = TimeReading(published, None, None, "day", False, True)
            target = f.target and mk.is_future(nw[1], f.start)
            out.append(_with(f, t_now, r, "sentence", target, base))
            last_sentence_ctx = _Ctx(t_now, False, t_now)
            continue
        ctx = st.context(in_list)
        perfective = mk.is_perfective(lo, f.start)
        plan = ((ctx is not None and ctx.plan) or future or f.target or obliged) and not perfective
        if (
            ctx is not None
            and not (perfective and _after(ctx.t, published))
            and not (plan and ctx.t.relation == "as_of")  # a status date does not date a plan
            and not _rate(f)
        ):
            t = ctx.t if plan == ctx.plan else _placed_expr(ctx.raw, published, future=plan)
            r = reading(t, published, future=plan, target=f.target or plan)
            target = f.target or (r.horizon and not perfective) or obliged
            r = _as_base(text, f, r, cmp)
            out.append(_with(f, t, r, "context", target, base))
            continue
        # "will train 50,000 workers", an item of a list under "phải:"
        plan = (future or (in_list and st.list_obligation)) and not perfective
        out.append(_published(f, published, base, target=f.target or plan))

    if frames:
        st.para = _ctx(frames[-1], published, plan=unit_plan)
    elif last_sentence_ctx is not None:
        st.para = last_sentence_ctx
    if not heading:
        st.seen_body = True
        if not st.lead_done and frames and st.lead is None:
            st.lead = st.para
    if stripped_end == ":" and not in_list:
        _open_list(text, lo, hi, st)
    return out


def _open_list(text: str, lo: int, hi: int, st: _State) -> None:
    """A line ending with a colon introduces a list: its time and its obligation govern the items."""
    st.list_open = True
    st.list_ctx = st.para or st.section or st.lead
    st.list_obligation = _OBLIGATION_RE.search(text, lo, hi) is not None


def _line_ends(text: str, hi: int) -> bool:
    j = hi
    while j < len(text) and text[j] in " \t":
        j += 1
    return j >= len(text) or text[j] == "\n"


def _governing(text: str, f: Figure, good: list[TimeExpr], next_start: int, mk: Marks) -> TimeExpr | None:
    """The time that governs ``f`` in its line: written right after it, else the nearest before
    it, else the first after it with no other figure in between, when it dates a state ("in",
    "as of") and no plan word stands between ("ba bộ còn lại dự kiến xong trong quý I": the
    quarter dates the plan, not the count)."""
    before: TimeExpr | None = None
    after: TimeExpr | None = None
    for t in good:
        if t.end <= f.start:
            before = t
        elif t.start >= f.end:
            if t.start >= next_start:
                break
            if adjacent_after(text, f.end, t):
                return t
            if t.relation in ("in", "as_of") and not mk.is_future(f.end, t.start):
                after = t
            break
    return before if before is not None else after


def _base_of(bases: list[TimeExpr], lo: int, hi: int) -> str | None:
    for t in bases:
        if lo <= t.start < hi:
            return t.text
    return None


#: "bằng 27% chỉ tiêu năm (chỉ tiêu 46.000 lao động)": a goal for the whole year, whatever
#: part of the year the sentence reports on.
_ANNUAL_RE: Final = re.compile(
    r"(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)\s+(?:cả\s+)?năm(?!\s+\d)|\b(?:annual|full-year|full\s+year)\b",
    re.IGNORECASE,
)


def _annual(text: str, lo: int, fend: int, r: TimeReading) -> TimeReading:
    """A goal named as the year's is due at the end of the year its sentence speaks of."""
    end = r.period_end or r.as_of
    if end is None or r.precision == "year" or _ANNUAL_RE.search(text, lo, fend) is None:
        return r
    return TimeReading(None, None, date(end.year, 12, 31), "year", r.horizon, False)


_RATE_RE: Final = re.compile(
    r"(?:/\s*(?:ngày|tháng|năm|quý|tuần|day|month|year|week)|(?:mỗi|một|hằng|hàng|a|per|each|every)\s+"
    r"(?:ngày|tháng|năm|quý|tuần|day|month|year|week|annum))\b",
    re.IGNORECASE,
)


def _rate(f: Figure) -> bool:
    """A rate per day, month or year ("2,5 triệu đồng/tháng", "$300 million a year") holds now:
    a period carried from an earlier sentence does not date it."""
    return _RATE_RE.search(f.quote) is not None


def _after(t: TimeExpr, published: date | None) -> bool:
    return published is not None and t.first is not None and t.first > published


def _target(f: Figure, gov: TimeExpr, r: TimeReading, future: bool, lo: int, mk: Marks) -> bool:
    """A goal when a plan word governs the figure or its time is a future horizon; a level stated
    as of now or a past date is not ("tăng từ 4,1% hiện nay lên 9%": 4,1 is today's level)."""
    if gov.relation == "as_of" and r.level_now:
        if gov.start >= f.end:
            return False
        return f.target and mk.is_future(gov.end, f.start)
    if r.level_now and not f.target and not future:
        return False
    return f.target or r.horizon or (future and not mk.is_perfective(lo, f.start))


def _as_base(text: str, f: Figure, r: TimeReading, cmp: bool) -> TimeReading:
    """A figure that is the comparison's base holds at the same period, earlier: "up from 7,900 a
    year earlier", "compared with 870 MW in the same period of 2024"."""
    if not cmp:
        return r
    ref = r.period_end or r.as_of
    years = same_period_shift(text, f.end, ref.year if ref else None)
    return shift_reading(r, years) if years else r


def _ctx(t: TimeExpr, published: date | None, *, plan: bool) -> _Ctx:
    return _Ctx(_placed_expr(t, published, future=plan), plan, t)


def _placed_expr(t: TimeExpr, published: date | None, *, future: bool) -> TimeExpr:
    """``t`` with its year settled for this reading (relative no more: it is not moved again)."""
    if not t.relative:
        return t
    first, last = placed(t, published, future=future)
    # new_time_expr, not dataclasses.replace (which walks the fields on every call)
    return new_time_expr(
        t.start, t.end, t.text, first, last, t.precision, t.relation, False, t.readings, t.vague
    )


def _with(
    f: Figure, t: TimeExpr, r: TimeReading, source: TimeSource, target: bool, base: str | None
) -> Figure:
    return stamped(f, target, t.text, r.as_of, r.period_start, r.period_end, source, t, r.precision, base)


def _published(
    f: Figure, published: date | None, base: str | None = None, *, target: bool | None = None
) -> Figure:
    """No time in the text: the figure holds as of the publication date, and says so."""
    return stamped(
        f,
        f.target if target is None else target,
        None,
        published,
        None,
        None,
        "published",
        None,
        "day" if published is not None else None,
        base,
    )


def stamped(
    f: Figure,
    target: bool,
    period: str | None,
    as_of: date | None,
    period_start: date | None,
    period_end: date | None,
    source: TimeSource,
    t: TimeExpr | None,
    precision: Precision | None,
    base: str | None,
) -> Figure:
    """``f`` with its time, built by :func:`new_figure` (``dataclasses.replace`` walks the fields
    each time and cost a third of this pass; test_figure_time checks that no field is lost)."""
    return new_figure(
        f.start,
        f.end,
        f.quote,
        f.value,
        f.qualifier,
        f.unit,
        f.unit_head,
        f.of,
        f.value_max,
        f.change,
        target,
        period,
        as_of,
        period_start,
        period_end,
        f.confidence,
        source,
        t.text if t is not None else None,
        t.start if t is not None else None,
        t.end if t is not None else None,
        precision,
        base,
    )


__all__ = ["date_figures", "stamped"]
