"""Recording observations from accepted figure mentions, inside the caller's unit of work. An
accepted figure mention supports exactly one observation: the same value for the same indicator
and date from several reports is one observation with several sources, and a newer report
repeating an old "đến nay" figure joins the old point instead of making a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from chiso.errors import InputError
from chiso.services import audit
from chiso.services.alerts import events as alert_events
from chiso.services.observations.conflicts import stated
from chiso.store import observations as store
from chiso.store.models import Mention, Observation, Report
from chiso.track.series import Stated, compare

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
    """The dates an observation takes from its mention: as_of, else its period (a flow keeps it,
    drawn at its end), else the publication date when the text gives none of its own (a "đến
    nay" figure stands as of the day it was published). Never the day of review: a figure of
    an undated report with no date of its own is refused."""
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
    raise undated_error(report.id)


def undated_error(report_id: int) -> InputError:
    """What accepting a mention of an undated report answers (:mod:`chiso.services.reports.dates`
    gives a report its date)."""
    return InputError("report_undated", id=report_id)


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
    # Two accepts must not both create the same point: writers of one series queue here.
    store.lock_indicator(session, indicator_id)
    candidates = store.up_to(session, indicator_id, dates.ref_date)
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
    alert_events.observation_recorded(session, o)
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
    if not store.is_supported(session, oid):
        o = session.get(Observation, oid)
        if o is not None:
            session.delete(o)
            session.flush()
            return oid
    return None


__all__ = ["ObservationDates", "detach", "find_or_create", "observation_dates", "observe"]
