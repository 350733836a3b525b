"""Storing a report on PostgreSQL in two statements (used only by
:func:`chiso.store.reports.insert_report`).

:func:`chiso.store.reports.insert_report` writes the same rows on both databases, but on
PostgreSQL each statement is a round trip to the server, and each round trip and each row's
trigger and executor start cost CPU on both sides (bench/ingest.py: storing there was half as
fast as on SQLite). Inside the caller's unit of work, still one transaction per report:

1. :func:`lookup`, one SELECT: the report already stored with this text or URL, the new
   report's id from its sequence (so that a report starting a story names itself without an
   UPDATE), whether any commitment is open, and the story candidates of the band index
   (:mod:`chiso.store.stories`) ranked as :func:`~chiso.store.stories.candidates` ranks
   them, with their texts for the confirmation (the caller's :data:`~chiso.store.stories.StoryPicker`).
2. :func:`write`, one INSERT with data-modifying CTEs: the report row, its mentions (all rows
   as one JSON parameter, unpacked by the server), its story-index rows (one array) and its
   audit event.

Statements go to psycopg directly: SQLAlchemy's statement and per-row parameter processing
cost more than the statements themselves.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from chiso.store.stories import MAX_CANDIDATES, StoryPicker

# psycopg prepares a statement it runs repeatedly, and the server may then keep one generic plan
# for it until the next ANALYZE: every search here is shaped so that an index is the plan even
# for an empty table. (A plan made while the tables were small scanned all of story_band per
# report with a hash join, and all of report for ``sha256 = … OR url = …``.) So the text-or-URL
# check is two index searches, and the candidate search is a lateral subquery per band, kept
# apart by OFFSET 0. Element n of the bands array is band n - 1.
_LOOKUP = """
SELECT
  (SELECT min(id) FROM (SELECT id FROM report WHERE sha256 = %(sha)s
                        UNION ALL SELECT id FROM report WHERE url = %(url)s) AS same),
  nextval(pg_get_serial_sequence('report', 'id')),
  EXISTS (SELECT 1 FROM commitment WHERE status = 'open'),
  (SELECT json_agg(json_build_array(r.id, r.story_id, r.text) ORDER BY c.shared DESC, c.report_id)
   FROM (SELECT hit.report_id, count(*) AS shared
         FROM unnest(%(bands)s::bigint[]) WITH ORDINALITY AS q(hash, n),
              LATERAL (SELECT sb.report_id FROM story_band sb
                       WHERE sb.band = q.n - 1 AND sb.hash = q.hash OFFSET 0) AS hit
         GROUP BY hit.report_id
         ORDER BY shared DESC, hit.report_id
         LIMIT %(limit)s) AS c
   JOIN report r ON r.id = c.report_id)
"""


@dataclass(frozen=True, slots=True)
class Lookup:
    """What :func:`lookup` found."""

    existing: int | None  #: id of the report already stored with this text or URL
    story: int | None  #: the story the new text is a copy of (None: it starts one)
    next_id: int  #: the id the new report is to get
    has_open: bool  #: whether any commitment is open


@contextmanager
def _cursor(session: Session, what: str) -> Iterator[psycopg.Cursor[Any]]:
    """A psycopg cursor in the session's transaction; driver errors become SQLAlchemy's, so that
    a duplicate caught by a unique index is an IntegrityError here as on the ORM path."""
    conn = cast(psycopg.Connection[Any], session.connection().connection.driver_connection)
    try:
        with conn.cursor() as cur:
            yield cur
    except psycopg.Error as exc:
        raise DBAPIError.instance(what, None, exc, psycopg.Error) from exc


def _array(values: Sequence[int]) -> str:
    """Integers as an array literal: cheaper than psycopg's adaptation of a list, element by element."""
    return "{" + ",".join(map(str, values)) + "}"


def lookup(session: Session, *, sha: str, url: str | None, bands: Sequence[int], pick: StoryPicker) -> Lookup:
    """Everything storing needs to know before writing, in one statement; ``pick`` confirms the
    story among the candidates found."""
    params = {"sha": sha, "url": url or None, "bands": _array(bands), "limit": MAX_CANDIDATES}
    with _cursor(session, "report lookup") as cur:
        cur.execute(_LOOKUP, params)
        row = cur.fetchone()
    assert row is not None
    existing, next_id, has_open, candidates = row
    return Lookup(
        existing=existing,
        story=pick([tuple(c) for c in candidates]) if candidates else None,
        next_id=int(next_id),
        has_open=bool(has_open),
    )


@functools.cache
def _write_sql(report_keys: tuple[str, ...], mention_columns: tuple[str, ...]) -> str:
    report_cols = ", ".join(f'"{k}"' for k in report_keys)
    report_marks = ", ".join(f"%({k})s" for k in report_keys)
    mention_cols = ", ".join(f'"{k}"' for k in mention_columns)
    # Data-modifying CTEs all run, to completion, whether or not the main statement reads them;
    # the foreign keys are checked at the end of the statement, with the report row in place.
    # Mentions travel as one JSON array of mention rows (absent keys are NULL): psycopg's
    # executemany sends, and the server runs, one INSERT per row.
    return f"""
WITH new_report AS (
  INSERT INTO report ({report_cols}) VALUES ({report_marks})
), new_mentions AS (
  INSERT INTO mention (report_id, state, extractor_version, {mention_cols})
  SELECT %(id)s::integer, 'pending', %(extractor_version)s, {mention_cols}
  FROM json_populate_recordset(NULL::mention, %(mentions)s::json)
), new_bands AS (
  INSERT INTO story_band (report_id, band, hash)
  SELECT %(id)s::integer, n - 1, h FROM unnest(%(bands)s::bigint[]) WITH ORDINALITY AS b(h, n)
)
INSERT INTO audit_event (at, actor, action, entity, entity_id, after)
SELECT %(at)s, %(actor)s, 'report.add', 'report', %(id)s::integer, %(after)s::json WHERE %(audited)s
"""


def write(
    session: Session,
    *,
    report: dict[str, Any],
    mentions: Sequence[Mapping[str, object]],
    mention_columns: tuple[str, ...],
    bands: Sequence[int],
    actor: str,
    audit_after: dict[str, object] | None,
) -> None:
    """The report (with its ``id``), its mentions, its story-index rows and, unless
    ``audit_after`` is None, its ``report.add`` audit event, in one statement."""
    params = dict(report)
    params.update(
        mentions=json.dumps(mentions),
        bands=_array(bands),
        at=report["added_at"],
        actor=actor,
        after=json.dumps(audit_after),
        audited=audit_after is not None,
    )
    with _cursor(session, "report insert") as cur:
        cur.execute(_write_sql(tuple(report), mention_columns), params)


__all__ = ["Lookup", "lookup", "write"]
