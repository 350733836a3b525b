"""Who keeps promises: each owner's commitments counted by how they ended (met on time, met
late, missed, dropped) or stand (overdue, still open) on a day, the share kept on time, and the
median delays, ranked; and the owner a new commitment's sentence and report suggest.

Owners are free text on a commitment. Spellings of one owner are gathered under one *key*, its
slug (:func:`chiso.track.owners.owner_slug`): a text that is one whole form of an owner in the
shipped vocabulary ("BCA", "Ministry of Public Security") counts under that owner's name's slug
(``bo-cong-an``), any other text under its own slug.

The numbers, for day D (default today), over the commitments not merged into another:

- ``made``: every commitment of the owner (dropped ones included);
- ``met`` (on time), ``met_late``, ``missed``, ``dropped``: resolved so by D;
- ``open``: not resolved by D (``overdue`` among them: its deadline has passed);
- ``due_or_decided`` = met + met_late + missed + overdue: the promises whose outcome is known or
  whose time is up (a dropped promise and one not yet due are neither kept nor broken);
- ``kept_on_time`` = met / due_or_decided (None when due_or_decided is 0);
- ``median_days_late``: the median of (resolved - deadline) in days among those met late;
  ``median_days_overdue``: the median of (D - deadline) among those overdue on D, kept apart
  (a delay still growing is not a delay that ended).

Ranked by ``kept_on_time`` (owners with none last), then by more commitments made, then by name.
Counting is one ``GROUP BY owner, status`` query; the medians read only the late rows.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from datetime import date
from functools import lru_cache

from chiso.catalog.owners import (
    Owner,
    OwnerVocabulary,
    find_owners,
    owner_named,
    sentence_around,
    shipped_owners,
)
from chiso.catalog.owners import suggest_owner as _suggest_owner
from chiso.errors import NotFoundError
from chiso.services.commitments.schemas import OwnersOut, OwnerStats, OwnerSuggestionOut
from chiso.store import commitments as commitment_store
from chiso.store.commitments import BoardDay, BoardFilter
from chiso.store.db import Database
from chiso.track.owners import owner_slug
from chiso.track.status import RESOLVED, horizon


def vocabulary() -> OwnerVocabulary:
    """The shipped owner vocabulary (read once per process)."""
    return shipped_owners()


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    known = owner_named(text, vocabulary())
    return owner_slug(known.name if known is not None else text)


def owner_key(text: str, vocab: OwnerVocabulary | None = None) -> str:
    """The slug an owner's text counts under: its vocabulary owner's when it names one whole."""
    if vocab is None or vocab is vocabulary():
        return _key(text)  # the shipped vocabulary cannot change while running: remembered
    known = owner_named(text, vocab)
    return owner_slug(known.name if known is not None else text)


@lru_cache(maxsize=1)
def _by_slug() -> dict[str, Owner]:
    return {owner_slug(o.name): o for o in vocabulary().owners}


def owners_of(texts: list[str], slug: str) -> list[str]:
    """The owner texts among ``texts`` that count under ``slug``."""
    return [t for t in texts if owner_key(t) == slug]


def _day(on: date) -> BoardDay:
    bounds = horizon(on)
    return BoardDay(on, bounds.overdue_before, bounds.due_soon_through, RESOLVED)


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _stats(db: Database, on: date, where: BoardFilter) -> tuple[list[OwnerStats], int]:
    day = _day(on)
    with db.reading() as s:
        counted = commitment_store.owner_counts(s, day, where)
        late = commitment_store.owner_lateness(s, day, where)
    keys: dict[str, str] = {}
    counts: dict[str, Counter[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    unowned = 0
    for text, shown, n in counted:
        key = owner_key(text) if text else ""
        if not key:
            unowned += n
            continue
        keys[text or ""] = key
        counts.setdefault(key, Counter())[shown] += n
        spellings.setdefault(key, Counter())[text or ""] += n
    days_late: dict[str, list[int]] = {}
    days_overdue: dict[str, list[int]] = {}
    for text, shown, deadline, resolved in late:
        found = keys.get(text or "")
        if found is None:
            continue
        key = found
        if shown == "met_late" and resolved is not None:
            days_late.setdefault(key, []).append(max((resolved - deadline).days, 0))
        elif shown == "overdue":
            days_overdue.setdefault(key, []).append((on - deadline).days)
    by_slug = _by_slug()
    out: list[OwnerStats] = []
    for key, c in counts.items():
        known = by_slug.get(key)
        written = spellings[key]
        decided = c["met"] + c["met_late"] + c["missed"] + c["overdue"]
        out.append(
            OwnerStats(
                slug=key,
                name=known.name if known else written.most_common(1)[0][0],
                name_en=known.name_en if known else None,
                kind=known.kind if known else None,
                merged_into=known.merged_into if known else None,
                merged_into_slug=owner_slug(known.merged_into) if known and known.merged_into else None,
                note=known.note if known else None,
                spellings=sorted(written, key=str.casefold),
                made=sum(c.values()),
                met=c["met"],
                met_late=c["met_late"],
                missed=c["missed"],
                dropped=c["dropped"],
                overdue=c["overdue"],
                open=c["overdue"] + c["due_soon"] + c["upcoming"],
                due_or_decided=decided,
                kept_on_time=round(c["met"] / decided, 4) if decided else None,
                median_days_late=_median(days_late.get(key, [])),
                median_days_overdue=_median(days_overdue.get(key, [])),
            )
        )
    out.sort(key=lambda o: (o.kept_on_time is None, -(o.kept_on_time or 0), -o.made, o.name.casefold()))
    return out, unowned


def owners_scorecard(db: Database, *, on: date | None = None) -> OwnersOut:
    """Every owner's record on day ``on`` (default today), best kept first."""
    day = on or date.today()
    owners, unowned = _stats(db, day, BoardFilter())
    return OwnersOut(on=day, owners=owners, unowned=unowned)


def owner_scorecard(db: Database, slug: str, *, on: date | None = None) -> OwnerStats:
    """One owner's record (its slug, as :func:`owner_key` makes it) on day ``on``."""
    day = on or date.today()
    with db.reading() as s:
        texts, _ = commitment_store.owners_and_programmes(s)
    mine = owners_of(texts, slug)
    if not mine:
        raise NotFoundError("no_such_owner", slug=slug)
    owners, _ = _stats(db, day, BoardFilter(owners=mine))
    return owners[0]


#: the columns of ``/owners.csv``
CSV_COLUMNS: tuple[str, ...] = (
    "rank", "slug", "name", "name_en", "kind", "made", "met", "met_late", "missed", "dropped", "overdue",
    "open", "due_or_decided", "kept_on_time", "median_days_late", "median_days_overdue", "merged_into",
)  # fmt: skip


def owners_csv(db: Database, *, on: date | None = None) -> str:
    """The ranking of :func:`owners_scorecard` as CSV (language-free: the stored names, numbers as
    Python writes them, empty for none)."""
    card = owners_scorecard(db, on=on)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rank, o in enumerate(card.owners, 1):
        values = {"rank": rank, **o.model_dump()}
        writer.writerow(["" if values[c] is None else values[c] for c in CSV_COLUMNS])
    return out.getvalue()


def suggest_owner(
    text: str,
    start: int,
    end: int,
    *,
    title: str | None = None,
    publisher: str | None = None,
) -> OwnerSuggestionOut | None:
    """The owner a promise at ``start..end`` of a report's ``text`` names (its sentence, the
    report's title, its publisher, the body the report names most), or None. Pure: the caller
    passes what it read."""
    got = _suggest_owner(
        vocabulary(),
        sentence=sentence_around(text, start, end),
        title=title,
        publisher=publisher,
        text=text,
    )
    if got is None:
        return None
    return OwnerSuggestionOut(
        name=got.owner.name,
        name_en=got.owner.name_en,
        slug=owner_slug(got.owner.name),
        source=got.source,
        words=got.text,
        note=got.owner.note,
    )


__all__ = [
    "CSV_COLUMNS",
    "find_owners",
    "owner_key",
    "owner_scorecard",
    "owners_csv",
    "owners_of",
    "owners_scorecard",
    "suggest_owner",
    "vocabulary",
]
