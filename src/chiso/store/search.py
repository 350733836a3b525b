"""Search through the index of migration 0007: reports (title and text), indicators (slug,
names in both languages) and commitments (title, owner), found without diacritics.

A query is its folded terms (:func:`chiso.store.folding.terms`: letters and digits only, so no
character the reader types is FTS or tsquery syntax), all of which must be words of the row, the
last one only its start (the word being typed), newest rows first. Only the last is a prefix: an
FTS5 prefix term reads every matching row before the first is returned (four of them over words
of every report took 60 ms at 10x the data), a whole word streams its rows newest first. Each kind is paged in SQL and counted up to :data:`COUNT_CAP`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import Session

from chiso.store.models import Commitment, Indicator, Report

#: counting stops here: "1,000+" says enough, and counting every row of a common word is slow
COUNT_CAP = 1000
#: the d of a term spelt both ways (SQLite indexes đ as đ) for at most this many d's
_MAX_D_VARIANTS = 4

#: PostgreSQL: the folded document of each kind, exactly as migration 0007's index has it
_PG_DOCUMENT = {
    "report": "left(coalesce(report.title, '') || ' ' || report.text, 200000)",
    "indicator": "indicator.slug || ' ' || indicator.name_vi || ' ' || indicator.name_en",
    "commitment": "commitment.title || ' ' || coalesce(commitment.owner, '')",
}
_MODELS: dict[str, Any] = {"report": Report, "indicator": Indicator, "commitment": Commitment}


@dataclass(frozen=True, slots=True)
class Found:
    """A page of one kind's hits and how many there are, up to :data:`COUNT_CAP` + 1."""

    rows: Sequence[Any]
    count: int

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def _spellings(term: str) -> list[str]:
    """``term`` with each of its first d's as d and as đ."""
    at = [i for i, c in enumerate(term) if c == "d"][:_MAX_D_VARIANTS]
    out = []
    for choice in product("dđ", repeat=len(at)):
        chars = list(term)
        for i, c in zip(at, choice, strict=True):
            chars[i] = c
        out.append("".join(chars))
    return out


def fts5_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every term quoted, the last as a prefix, a d spelt both ways."""
    parts = []
    for n, term in enumerate(terms, 1):
        star = "*" if n == len(terms) else ""
        spelt = [f'"{s}"{star}' for s in _spellings(term)]
        parts.append(spelt[0] if len(spelt) == 1 else "(" + " OR ".join(spelt) + ")")
    return " AND ".join(parts)


def tsquery(terms: Sequence[str]) -> str:
    """A tsquery: every term, the last as a prefix (the terms are letters and digits only)."""
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


def _pg_condition(kind: str, terms: Sequence[str]) -> ColumnElement[bool]:
    return text(  # type: ignore[return-value]
        f"to_tsvector('simple'::regconfig, chiso_fold({_PG_DOCUMENT[kind]})) "
        "@@ to_tsquery('simple'::regconfig, :q)"
    ).bindparams(q=tsquery(terms))


def _sqlite_ids(session: Session, kind: str, terms: Sequence[str], *, limit: int, offset: int) -> Found:
    """Straight from the FTS table, which walks its rowids newest first by itself: joined to
    the table, SQLite collected every match (a common word: most reports) before the page."""
    fts, q = f"{kind}_search", fts5_query(terms)
    ids = list(
        session.scalars(
            text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC LIMIT :n OFFSET :o"),
            {"q": q, "n": limit, "o": offset},
        )
    )
    count = session.scalar(
        text(f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH :q LIMIT :cap)"),
        {"q": q, "cap": COUNT_CAP + 1},
    )
    model = _MODELS[kind]
    by_id = {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))} if ids else {}
    return Found([by_id[i] for i in ids if i in by_id], int(count or 0))


def find(session: Session, kind: str, terms: Sequence[str], *, limit: int, offset: int = 0) -> Found:
    """A page of the ``kind`` (report | indicator | commitment) rows matching every term,
    newest first; commitments merged into another are left out (they redirect there)."""
    if not terms:
        return Found([], 0)
    model = _MODELS[kind]
    postgres = session.connection().dialect.name == "postgresql"
    if not postgres and kind != "commitment":
        return _sqlite_ids(session, kind, terms, limit=limit, offset=offset)
    if postgres:
        cond = _pg_condition(kind, terms)
    else:
        fts = f"{kind}_search"
        matched = select(text("rowid")).select_from(text(fts)).where(text(f"{fts} MATCH :q"))
        cond = model.id.in_(matched.params(q=fts5_query(terms)))
    if kind == "commitment":
        cond = cond & Commitment.merged_into_id.is_(None)
    # PostgreSQL: ordered by id + 0, not by the primary key's index. Walking that index newest
    # first and folding each row until a page is found was the planner's choice (it guesses 2 %
    # of rows match any query); for a word no row has, that folded all 100,000 reports (130 s).
    # The GIN index finds the rows first, then the page is sorted from them.
    order = (model.id + 0).desc() if postgres else model.id.desc()
    rows = list(session.scalars(select(model).where(cond).order_by(order).limit(limit).offset(offset)))
    capped = select(model.id).where(cond).limit(COUNT_CAP + 1).subquery()
    return Found(rows, int(session.scalar(select(func.count()).select_from(capped)) or 0))


__all__ = ["COUNT_CAP", "Found", "find", "fts5_query", "tsquery"]
