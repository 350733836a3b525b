"""Observations: accepted figures as indicator time series with provenance, and their conflicts.

An accepted figure mention supports exactly one observation. The same value for the same
indicator and date from several reports is one observation with several sources; a newer
report repeating an old "đến nay" figure joins the old point instead of making a new one.

Two values for the same indicator and date are compared as intervals (a stated value covers
what rounding and its qualifier allow), so "hơn 67 triệu" and "67,2 triệu" agree while
"67 triệu" and "62 triệu" conflict.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from chiso.errors import NotFoundError
from chiso.services import audit
from chiso.services.observation_schemas import (
    ConflictOut,
    IndicatorBrief,
    LatestOut,
    ObservationOut,
    SeriesOut,
    SourceOut,
)
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention, Observation, Report

# --- comparing two stated values ---------------------------------------------------------------

#: the most a rounded figure is taken to stray from its true value (relative); "67 triệu" covers
#: 66.5-67.5 million by its digits, but "100" should not cover 50-150, so the half-step is capped.
MAX_ROUNDING = 0.02
#: how far "khoảng"/"about" and "gần"/"nearly" reach (relative) beyond rounding
APPROXIMATE = 0.05

Verdict = Literal["same", "agree", "conflict"]


@dataclass(frozen=True, slots=True)
class Stated:
    """A value as a report states it: number, optional upper bound, qualifier and denominator."""

    value: float
    qualifier: str = "exact"
    value_max: float | None = None
    of_total: float | None = None


def _step(v: float) -> float:
    """The rounding step the written digits suggest: 67e6 -> 1e6, 67.2e6 -> 1e5, 85.3 -> 0.1."""
    a = abs(v)
    if a == 0 or not math.isfinite(a):
        return 0.0
    d = Decimal(repr(a)).normalize()
    exponent = d.as_tuple().exponent
    return float(Decimal(10) ** exponent) if isinstance(exponent, int) else 0.0


def tolerance(v: float) -> float:
    return min(_step(v) / 2, MAX_ROUNDING * abs(v))


def interval(s: Stated) -> tuple[float, float]:
    """The true values a stated figure is compatible with."""
    v, tol = s.value, tolerance(s.value)
    approx = max(tol, APPROXIMATE * abs(v))
    if s.value_max is not None:
        return (v - tol, s.value_max + tolerance(s.value_max))
    q = s.qualifier or "exact"
    if q in ("more_than", "at_least"):
        return (v - tol, math.inf)
    if q in ("less_than", "at_most"):
        return (-math.inf, v + tol)
    if q == "about":
        return (v - approx, v + approx)
    if q == "nearly":
        return (v - approx, v + tol)
    return (v - tol, v + tol)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def compare(a: Stated, b: Stated) -> Verdict:
    """``same`` when both state the same thing, ``agree`` when both can be true, else ``conflict``."""
    if (
        _close(a.value, b.value)
        and _close(a.value_max, b.value_max)
        and _close(a.of_total, b.of_total)
        and (a.qualifier or "exact") == (b.qualifier or "exact")
    ):
        return "same"
    if a.of_total is not None and b.of_total is not None and not _close(a.of_total, b.of_total):
        return "conflict"
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    # Strict: "67 triệu" (66.5-67.5) and "68 triệu" (67.5-68.5) only touch, so they conflict.
    return "agree" if lo_a < hi_b and lo_b < hi_a else "conflict"


def stated(o: Observation) -> Stated:
    return Stated(value=o.value, qualifier=o.qualifier, value_max=o.value_max, of_total=o.of_total)


# --- from an accepted mention to an observation (inside the caller's unit of work) ----------------

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class ObservationDates:
    as_of: date | None
    period_start: date | None
    period_end: date | None
    ref_date: date
    #: the date is the publication date standing in for "đến nay"/"so far", not one the text gives
    inferred: bool


def observation_dates(mention: Mention, report: Report) -> ObservationDates:
    """The dates an observation takes from its mention; the publication date only when the text
    gives none of its own (a "đến nay" figure stands as of the day it was published)."""
    if mention.period_start is not None or mention.period_end is not None:
        ref = mention.as_of or mention.period_end or mention.period_start
        assert ref is not None
        return ObservationDates(mention.as_of, mention.period_start, mention.period_end, ref, inferred=False)
    published = report.published_on
    if mention.as_of is not None:
        # The extractor resolves "đến nay" to the publication date; a written date has digits.
        inferred = mention.as_of == published and not _DIGIT.search(mention.period_text or "")
        return ObservationDates(mention.as_of, None, None, mention.as_of, inferred=inferred)
    if published is not None:
        return ObservationDates(published, None, None, published, inferred=True)
    return ObservationDates(None, None, None, report.added_at.date(), inferred=True)


def _lock_indicator(session: Session, indicator_id: int) -> None:
    """Serialise writers of one indicator's series (PostgreSQL row lock; SQLite writers already
    queue on BEGIN IMMEDIATE), so that two accepts cannot both create the same point."""
    session.execute(select(Indicator.id).where(Indicator.id == indicator_id).with_for_update())


def _same_point(o: Observation, s: Stated, is_target: bool) -> bool:
    return o.is_target == is_target and compare(stated(o), s) == "same"


def find_or_create(
    session: Session,
    indicator_id: int,
    s: Stated,
    dates: ObservationDates,
    *,
    is_target: bool = False,
) -> tuple[Observation, bool]:
    """The observation these values and dates belong to, created when there is none yet."""
    _lock_indicator(session, indicator_id)
    candidates = session.scalars(
        select(Observation)
        .where(Observation.indicator_id == indicator_id, Observation.ref_date <= dates.ref_date)
        .order_by(Observation.ref_date.desc(), Observation.id)
    ).all()
    for o in candidates:
        if (o.as_of, o.period_start, o.period_end) == (
            dates.as_of,
            dates.period_start,
            dates.period_end,
        ) and _same_point(o, s, is_target):
            return o, False
    if dates.inferred and not is_target:
        # A newer report repeating the latest earlier figure word for word is not a new point.
        earlier = [
            o
            for o in candidates
            if o.ref_date < dates.ref_date and not o.is_target and o.period_start is None
        ]
        if earlier and any(
            _same_point(o, s, is_target) for o in earlier if o.ref_date == earlier[0].ref_date
        ):
            return next(
                o for o in earlier if o.ref_date == earlier[0].ref_date and _same_point(o, s, is_target)
            ), False
    o = Observation(
        indicator_id=indicator_id,
        value=s.value,
        value_max=s.value_max,
        qualifier=s.qualifier or "exact",
        of_total=s.of_total,
        as_of=dates.as_of,
        period_start=dates.period_start,
        period_end=dates.period_end,
        ref_date=dates.ref_date,
        is_target=is_target,
        created_at=audit.now(),
    )
    session.add(o)
    session.flush()
    return o, True


def observe(session: Session, mention: Mention, indicator_id: int) -> tuple[Observation, bool]:
    """Make ``mention`` (a figure being accepted) support an observation of the indicator.

    Runs inside the caller's unit of work; returns the observation and whether it is new.
    """
    assert mention.value is not None, "only figures with a value become observations"
    s = Stated(mention.value, mention.qualifier or "exact", mention.value_max, mention.of_total)
    o, created = find_or_create(
        session, indicator_id, s, observation_dates(mention, mention.report), is_target=mention.is_target
    )
    mention.observation_id = o.id
    mention.indicator_id = indicator_id
    return o, created


def detach(session: Session, mention: Mention) -> int | None:
    """Take ``mention`` off its observation; delete the observation when nothing else supports it.

    Returns the id of a deleted observation.
    """
    oid = mention.observation_id
    mention.observation_id = None
    if oid is None:
        return None
    session.flush()
    others = session.scalar(select(Mention.id).where(Mention.observation_id == oid).limit(1))
    if others is None:
        o = session.get(Observation, oid)
        if o is not None:
            session.delete(o)
            session.flush()
            return oid
    return None


# --- reading ------------------------------------------------------------------------------------


def brief(ind: Indicator) -> IndicatorBrief:
    return IndicatorBrief.model_validate(ind)


def _source(m: Mention) -> SourceOut:
    r = m.report
    return SourceOut(
        mention_id=m.id,
        report_id=r.id,
        title=r.title,
        publisher=r.publisher,
        url=r.url,
        published_on=r.published_on,
        licence=r.licence,
        quote=m.quote,
        start=m.start,
        end=m.end,
    )


def _source_key(src: SourceOut) -> tuple[date, int, int]:
    return (src.published_on or date.min, src.report_id, src.mention_id)


def to_out(o: Observation, ind: Indicator) -> ObservationOut:
    sources = sorted((_source(m) for m in o.mentions if m.state == "accepted"), key=_source_key)
    return ObservationOut(
        id=o.id,
        indicator=ind.slug,
        indicator_name_vi=ind.name_vi,
        indicator_name_en=ind.name_en,
        unit=ind.unit,
        value=o.value,
        value_max=o.value_max,
        qualifier=o.qualifier,
        of_total=o.of_total,
        as_of=o.as_of,
        period_start=o.period_start,
        period_end=o.period_end,
        ref_date=o.ref_date,
        is_target=o.is_target,
        source_count=len(sources),
        sources=sources,
    )


def _load(s: Session, indicator: str | None = None) -> tuple[dict[int, Indicator], list[Observation]]:
    ind_q = select(Indicator)
    if indicator is not None:
        ind_q = ind_q.where(Indicator.slug == indicator)
    indicators = {i.id: i for i in s.scalars(ind_q)}
    if indicator is not None and not indicators:
        raise NotFoundError(f"no indicator with slug {indicator!r} (see `chiso indicator list`)")
    q = (
        select(Observation)
        .options(selectinload(Observation.mentions).selectinload(Mention.report))
        .order_by(Observation.indicator_id, Observation.ref_date, Observation.value, Observation.id)
    )
    if indicator is not None:
        q = q.where(Observation.indicator_id.in_(list(indicators)))
    return indicators, list(s.scalars(q))


def _ordered(indicators: dict[int, Indicator], obs: Iterable[Observation]) -> list[ObservationOut]:
    out = [to_out(o, indicators[o.indicator_id]) for o in obs if o.indicator_id in indicators]
    out.sort(key=lambda x: (x.indicator, x.ref_date, x.is_target, x.value, x.id))
    return out


def list_observations(db: Database, indicator: str | None = None) -> list[ObservationOut]:
    """Every observation (of one indicator when a slug is given) with its sources."""
    with db.reading() as s:
        indicators, obs = _load(s, indicator)
        return _ordered(indicators, obs)


def series(db: Database, slug: str) -> SeriesOut:
    """One indicator's points in date order, each with the quotes and reports that support it."""
    with db.reading() as s:
        indicators, obs = _load(s, slug)
        (ind,) = indicators.values()
        return SeriesOut(indicator=brief(ind), points=_ordered(indicators, obs))


def _best(points: Sequence[ObservationOut]) -> ObservationOut:
    """The point to show for one date: the best corroborated, then the most recently added."""
    return max(points, key=lambda p: (p.source_count, p.id))


def latest(db: Database) -> list[LatestOut]:
    """Per indicator with data: the latest value, its date, the change since the previous date."""
    with db.reading() as s:
        indicators, obs = _load(s)
        by_ind: dict[str, list[ObservationOut]] = defaultdict(list)
        for p in _ordered(indicators, obs):
            if not p.is_target:
                by_ind[p.indicator].append(p)
        briefs = {i.slug: brief(i) for i in indicators.values()}
    rows: list[LatestOut] = []
    for slug in sorted(by_ind):
        points = by_ind[slug]
        dates = sorted({p.ref_date for p in points})
        last = _best([p for p in points if p.ref_date == dates[-1]])
        prev = _best([p for p in points if p.ref_date == dates[-2]]) if len(dates) > 1 else None
        rows.append(
            LatestOut(
                indicator=briefs[slug],
                observation_id=last.id,
                value=last.value,
                value_max=last.value_max,
                qualifier=last.qualifier,
                ref_date=last.ref_date,
                as_of=last.as_of,
                period_start=last.period_start,
                period_end=last.period_end,
                source_count=last.source_count,
                points=len(dates),
                previous_value=prev.value if prev else None,
                previous_date=prev.ref_date if prev else None,
                change=(last.value - prev.value) if prev else None,
            )
        )
    return rows


def _fmt(p: ObservationOut) -> str:
    words = {
        "exact": "",
        "more_than": "> ",
        "at_least": "≥ ",
        "about": "~",
        "nearly": "≈< ",
        "less_than": "< ",
        "at_most": "≤ ",
    }
    v = f"{p.value:,.10g}" + (f"–{p.value_max:,.10g}" if p.value_max is not None else "")
    v += f"/{p.of_total:,.10g}" if p.of_total is not None else ""
    return f"{words.get(p.qualifier, p.qualifier + ' ')}{v} (#{p.id}, {p.source_count} nguồn)"


def _as_stated(p: ObservationOut) -> Stated:
    return Stated(p.value, p.qualifier, p.value_max, p.of_total)


def find_conflicts(points: Sequence[ObservationOut], measure: dict[str, str]) -> list[ConflictOut]:
    """Contradictions at one date, and cumulative series that go down (pure: for tests and callers)."""
    out: list[ConflictOut] = []
    groups: dict[tuple[str, date | None, date | None, date | None], list[ObservationOut]] = defaultdict(list)
    for p in points:
        if not p.is_target:
            groups[(p.indicator, p.as_of, p.period_start, p.period_end)].append(p)
    for (slug, *_), group in groups.items():
        clashing = {
            x.id: x
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if compare(_as_stated(a), _as_stated(b)) == "conflict"
            for x in (a, b)
        }
        if clashing:
            members = sorted(clashing.values(), key=lambda x: (x.value, x.id))
            out.append(
                ConflictOut(
                    kind="contradiction",
                    indicator=slug,
                    indicator_name_vi=members[0].indicator_name_vi,
                    ref_date=members[0].ref_date,
                    message="giá trị mâu thuẫn · contradicting values: "
                    + "; ".join(_fmt(m) for m in members),
                    observations=members,
                )
            )
    by_ind: dict[str, list[ObservationOut]] = defaultdict(list)
    for p in points:
        if not p.is_target and measure.get(p.indicator) == "cumulative":
            by_ind[p.indicator].append(p)
    for slug, pts in by_ind.items():
        pts.sort(key=lambda x: (x.ref_date, x.id))
        highest: ObservationOut | None = None  # the earlier point with the highest floor
        for p in pts:
            if highest is not None and highest.ref_date < p.ref_date:
                floor = interval(_as_stated(highest))[0]
                if interval(_as_stated(p))[1] < floor:
                    out.append(
                        ConflictOut(
                            kind="cumulative_decrease",
                            indicator=slug,
                            indicator_name_vi=p.indicator_name_vi,
                            ref_date=p.ref_date,
                            message=(
                                f"chuỗi lũy kế giảm · cumulative series goes down: {_fmt(highest)} "
                                f"on {highest.ref_date} then {_fmt(p)} on {p.ref_date}"
                            ),
                            observations=[highest, p],
                        )
                    )
                    continue
            if highest is None or interval(_as_stated(p))[0] > interval(_as_stated(highest))[0]:
                highest = p
    out.sort(key=lambda c: (c.indicator, c.ref_date, c.kind))
    return out


def conflicts(db: Database, *, indicator: str | None = None) -> list[ConflictOut]:
    """Values that cannot all be true: a real contradiction for one indicator and date (rounding
    and qualifiers taken into account), or a cumulative series that goes down."""
    with db.reading() as s:
        indicators, obs = _load(s, indicator)
        points = _ordered(indicators, obs)
        measure = {i.slug: i.measure for i in indicators.values()}
    return find_conflicts(points, measure)


__all__ = [
    "ObservationDates",
    "Stated",
    "compare",
    "conflicts",
    "detach",
    "find_conflicts",
    "find_or_create",
    "interval",
    "latest",
    "list_observations",
    "observation_dates",
    "observe",
    "series",
    "tolerance",
]
