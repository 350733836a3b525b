"""search index: reports, indicators and commitments found without diacritics

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:00:00

"tai khoan" finds "tài khoản" and "dien tu" "điện tử", through an index instead of a LIKE over
every report's text.

* SQLite: an external-content FTS5 table per kind (``report_search``, ``indicator_search``,
  ``commitment_search``; rowid = the row's id) with ``unicode61 remove_diacritics 2``, which
  folds case and strips every mark Unicode can decompose. External content keeps no second copy
  of the texts, and triggers keep the index current on every write, whichever path writes (the
  bulk insert of a report, the ORM, a migration): nothing in the application has to remember
  it. The tokenizer leaves đ as it is (not a d with a mark), so the query spells each d both
  ways (chiso.store.search). A batch-mode migration that rebuilds one of these tables later
  drops its triggers with it and must create them again.
* PostgreSQL: a GIN index over ``to_tsvector('simple', chiso_fold(...))`` per kind, an
  expression index kept current by PostgreSQL itself. ``chiso_fold`` is ``translate`` over a
  table of every Latin letter with marks (đ included) and ``lower``: immutable, so it can be
  indexed, and no extension needed (``unaccent`` is not immutable and not always installed).
  Its table holds the Latin letters Vietnamese and Western European text use (:data:`_RANGES`),
  not every one: SQLite and the query fold the rarer ones too, PostgreSQL's index does not.
  A report's first 200,000 characters are indexed: a tsvector holds at most 1 MB, and a longer
  text would make its insert fail.

The folding is a frozen copy of chiso.store.folding (migrations import no application code).
"""

from __future__ import annotations

import unicodedata

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: SQLite: table -> (content table, indexed columns)
_FTS = {
    "report_search": ("report", ("title", "text")),
    "indicator_search": ("indicator", ("slug", "name_vi", "name_en")),
    "commitment_search": ("commitment", ("title", "owner")),
}

#: PostgreSQL: index -> (table, the folded document)
_PG = {
    "ix_report_search": ("report", "left(coalesce(title, '') || ' ' || text, 200000)"),
    "ix_indicator_search": ("indicator", "slug || ' ' || name_vi || ' ' || name_en"),
    "ix_commitment_search": ("commitment", "title || ' ' || coalesce(owner, '')"),
}


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[:1] or c
    low = base.lower()
    return low if len(low) == 1 else base


#: Latin-1, Latin Extended-A, Ơ ơ Ư ư, and the Vietnamese block of Latin Extended Additional.
#: Not every Latin letter with marks: ``translate`` looks each character up in this string one by
#: one, and the whole of both Latin Extended blocks (490 letters) took 1.25 ms per KB of text
#: on every insert; these 257 take 0.7.
_RANGES = [*range(0xC0, 0x180), *range(0x1A0, 0x1B1), *range(0x1EA0, 0x1EFA)]


def _translate_map() -> tuple[str, str]:
    """Every letter with marks of :data:`_RANGES` and the ASCII letter it folds to."""
    pairs = [
        (c, _fold_char(c))
        for c in map(chr, _RANGES)
        if _fold_char(c) != c and _fold_char(c).isascii() and _fold_char(c).isalpha()
    ]
    return "".join(a for a, _ in pairs), "".join(b for _, b in pairs)


def _sqlite_triggers(name: str, table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {name}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        # OF the indexed columns: a report's story_id, set right after its insert, and a
        # commitment's status do not index the text again
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        src, dst = _translate_map()
        op.execute(
            "CREATE FUNCTION chiso_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
            f"AS $$ SELECT lower(translate($1, '{src}', '{dst}')) $$"
        )
        for index, (table, document) in _PG.items():
            op.execute(
                f"CREATE INDEX {index} ON {table} USING gin "
                f"(to_tsvector('simple'::regconfig, chiso_fold({document})))"
            )
        return
    for name, (table, columns) in _FTS.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {name} USING fts5({', '.join(columns)}, content='{table}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        for trigger in _sqlite_triggers(name, table, columns):
            op.execute(trigger)
        op.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for index in _PG:
            op.execute(f"DROP INDEX {index}")
        op.execute("DROP FUNCTION chiso_fold(text)")
        return
    for name in _FTS:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER {name}_{suffix}")
        op.execute(f"DROP TABLE {name}")
