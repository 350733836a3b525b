"""story index: MinHash bands of every report, and the reports already stored indexed

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 17:05:00

``story_band`` holds BANDS rows per report (see ``chiso.store.stories``). Existing reports
are indexed here, in chunks, with the band function the service used when this revision was
written; their story groups (made earlier by SimHash) are kept as they are.

The band function is a frozen copy (a migration must not change when the application's code
does); ``tests/ingest/test_similarity.py`` checks that today's streaming form still gives the
same bands, so reports indexed here and reports added later meet in one index.
"""

from __future__ import annotations

import hashlib
import re
import struct

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CHUNK = 500

# --- the band function as of this revision (frozen) ---------------------------------------------
_SLOTS, _ROWS = 160, 4
_WORD = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1
_LOW = (1 << 56) - 1
_EMPTY = 1 << 56
_BAND = struct.Struct(">4Q")


def _mix(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def _grams(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


def _signature(text: str) -> list[int]:
    grams = _grams(text)
    if not grams:
        return []
    slots = [_EMPTY] * _SLOTS
    for g in grams:
        h = int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big")
        i, v = (h * _SLOTS) >> 64, h & _LOW
        if v < slots[i]:
            slots[i] = v
    out = list(slots)
    for i, v in enumerate(slots):
        attempt, donor = 0, v
        while donor == _EMPTY:
            attempt += 1
            donor = slots[_mix((i << 32) | attempt) % _SLOTS]
        out[i] = donor
    return out


def band_hashes(text: str) -> list[int]:
    sig = _signature(text)
    out: list[int] = []
    for b in range(0, len(sig), _ROWS):
        h = int.from_bytes(hashlib.blake2b(_BAND.pack(*sig[b : b + _ROWS]), digest_size=8).digest(), "big")
        out.append(h - (1 << 64) if h >= 1 << 63 else h)
    return out


def upgrade() -> None:
    story_band = op.create_table(
        "story_band",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_story_band_report_id_report"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "band", name=op.f("pk_story_band")),
    )
    with op.batch_alter_table("story_band", schema=None) as batch_op:
        batch_op.create_index("ix_story_band_band_hash", ["band", "hash", "report_id"], unique=False)
    assert story_band is not None
    _index_existing(story_band)


def _index_existing(story_band: sa.Table) -> None:
    bind = op.get_bind()
    report = sa.table("report", sa.column("id", sa.Integer()), sa.column("text", sa.Text()))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(report.c.id, report.c.text)
            .where(report.c.id > last)
            .order_by(report.c.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            return
        batch: list[dict[str, int]] = []
        for rid, text in rows:
            batch += [{"report_id": rid, "band": i, "hash": h} for i, h in enumerate(band_hashes(text or ""))]
        if batch:
            bind.execute(story_band.insert(), batch)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("story_band", schema=None) as batch_op:
        batch_op.drop_index("ix_story_band_band_hash")
    op.drop_table("story_band")
