"""The story index: syndicated and lightly edited copies of one report, found through MinHash bands.

A new report joins the story of an earlier one when the two texts share most of their word
3-grams (:func:`chiso.ingest.similarity.same_story`, containment >= 0.5). Comparing a new text
with every stored one does not scale, so candidates come from an index and only they are
compared:

* **Signature.** A MinHash of the text's set of word 3-grams (the shingles ``same_story``
  compares): :func:`chiso.ingest.similarity.signature`, pure and streaming; two texts agree on
  a slot with probability equal to their Jaccard similarity J.
* **Bands.** The 160 slots are cut into ``BANDS = 40`` bands of ``ROWS = 4``; each band is
  hashed to one signed 64-bit number and stored as a row ``(report_id, band, hash)`` of
  ``story_band``, indexed on ``(band, hash)``. Two reports are candidates when they share at
  least one band: probability ``1 - (1 - J**4) ** 40``:

  ========================================  =====  ===================
  pair                                        J    candidate
  ========================================  =====  ===================
  the three test sites' copies of a story   0.94+  1.0
  syndicated copy (tests/ingest/stories)     0.89  1.0
  edited copy (a paragraph dropped)          0.71  0.999994
  the two copies with each other             0.63  0.999
  J = 0.6 / 0.5 / 0.4                               0.996 / 0.92 / 0.65
  containment 0.5, equal sizes               0.33  0.39
  most alike distinct stories (53 corpus     0.066 7.6e-4
  docs in tests/corpus, 1378 pairs)
  mean pair of that corpus                   0.003 3e-9
  ========================================  =====  ===================

  So copies are found, and a new report typically meets no false candidate at all: with
  100,000 stored reports about 100,000 x 3e-9 = 3e-4 of them per insert (at most ~76 if every
  stored report were as close as the closest distinct pair we have). Measured on the reports
  bench/ingest.py generates, which share their figure phrasings (J ~ 0.05 on average, 0.09 at
  most): 0.08 chance candidates per insert while 2,000 were stored. A lookup is 40 searches of
  the ``(band, hash)`` index (SQLite: covering-index searches, see the test) and short posting
  lists, instead of a scan of every stored signature; the index costs 40 rows per report.
* **Confirmation.** Candidates are ranked by the number of bands they share (copies share
  many; chance hits one) and at most ``MAX_CANDIDATES`` of them are checked with
  ``same_story(new_text, candidate_text)`` (:mod:`chiso.services.reports.stories`, which hands
  the check to this module as a :data:`StoryPicker`); the first that passes gives the story. A false
  group therefore needs a chance band hit *and* a 50% shingle containment.

Why not bands of the SimHash? Its threshold is 16 differing bits out of 64. An exact-match
band scheme needs 17 bands to be sure one band of a 16-bit-distant pair is untouched
(pigeonhole), i.e. bands of 3-4 bits; unrelated reports (about 32 bits apart) then share a
4-bit band with probability 1/16 each, so a pair collides on some band with probability
1 - (15/16)**17 ~ 0.67: the "index" returns most of the table. Permuted tables (Manku et al.
2007) are practical up to about 3-4 bits of distance, not 16. And at 16 bits two unrelated
hashes already fall within the threshold with probability ~2e-5, i.e. two false pairs per
insert at 100,000 reports. (``report.simhash`` is no longer filled: nothing reads it.)

Limits: a short excerpt of a long story (containment 1.0 but J ~ 0.2) is found only with
probability ~6%; two copies stored at the same moment by two PostgreSQL writers may start two
stories (SQLite writers queue on ``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import cast

from sqlalchemy import Select, Table, and_, bindparam, desc, func, or_, select
from sqlalchemy.orm import Session

from chiso.store.models import Report, StoryBand

#: Candidates checked with ``same_story`` per new report, best ranked first.
MAX_CANDIDATES = 8

#: A candidate for the story of a new text: (report id, its story id, its text).
Candidate = tuple[int, int | None, str]
#: Given the candidates, best ranked first, the story the new text joins (None: it starts one).
#: The comparison of texts is the caller's: the store holds rows, not the similarity rules.
StoryPicker = Callable[[Sequence[Candidate]], int | None]

_TABLE = cast(Table, StoryBand.__table__)


def index_report(session: Session, report_id: int, bands: Sequence[int]) -> None:
    """Add a stored report's bands to the index (inside the caller's unit of work)."""
    if not bands:
        return
    # Plain integers only, so they go to the driver as they are: SQLAlchemy's per-row parameter
    # processing cost more than the inserts (bench/ingest.py). PostgreSQL takes the 40 rows as
    # two arrays in one statement (psycopg's executemany sends one message per row); SQLite's
    # executemany is a loop in C already.
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_PG_INSERT, (report_id, list(range(len(bands))), list(bands)))
    else:
        connection.exec_driver_sql(_INSERT, [(report_id, i, h) for i, h in enumerate(bands)])


_INSERT = "INSERT INTO story_band (report_id, band, hash) VALUES (?, ?, ?)"
_PG_INSERT = (
    "INSERT INTO story_band (report_id, band, hash)"
    " SELECT %s, b, h FROM unnest(%s::integer[], %s::bigint[]) AS t(b, h)"
)


@functools.cache
def _lookup(bands: int) -> Select[int, int]:
    """The candidate query for ``bands`` bands, built once: OR of ``(band = :b<i> AND hash = :h<i>)``
    for every band.

    SQLite answers it with one index search per band (a row-value IN list made it scan the
    table), and one statement shape means one cached compilation.
    """
    shared = func.count().label("shared")
    hit = or_(
        *(
            and_(StoryBand.band == bindparam(f"b{i}"), StoryBand.hash == bindparam(f"h{i}"))
            for i in range(bands)
        )
    )
    return (
        select(StoryBand.report_id, shared)
        .where(hit)
        .group_by(StoryBand.report_id)
        .order_by(desc(shared), StoryBand.report_id)
        .limit(bindparam("limit"))
    )


def candidates(session: Session, bands: Sequence[int], *, limit: int = MAX_CANDIDATES) -> list[int]:
    """Ids of reports sharing at least one band, most shared bands first (then oldest first)."""
    if not bands:
        return []  # no words, no signature
    params: dict[str, int] = {"limit": limit}
    for i, h in enumerate(bands):
        params[f"b{i}"] = i
        params[f"h{i}"] = h
    return [int(row[0]) for row in session.execute(_lookup(len(bands)), params).all()]


def ranked_candidates(session: Session, bands: Sequence[int]) -> list[Candidate]:
    """The :func:`candidates` with their story ids and texts, in the same order, for the check
    of a :data:`StoryPicker`."""
    ids = candidates(session, bands)
    if not ids:
        return []
    stored = {
        rid: (story, other)
        for rid, story, other in session.execute(
            select(Report.id, Report.story_id, Report.text).where(Report.id.in_(ids))
        )
    }
    return [(rid, *stored[rid]) for rid in ids if rid in stored]


def find_story(session: Session, bands: Sequence[int], pick: StoryPicker) -> int | None:
    """The story (id of its first report) that ``pick`` confirms among the candidates of the
    band index, or None for a new story."""
    ranked = ranked_candidates(session, bands)
    return pick(ranked) if ranked else None


__all__ = [
    "MAX_CANDIDATES",
    "Candidate",
    "StoryPicker",
    "candidates",
    "find_story",
    "index_report",
    "ranked_candidates",
]
