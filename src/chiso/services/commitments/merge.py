"""One promise, one commitment: merging two commitments that are the same promise, finding the
pairs that probably are, and following a merged commitment to the one it was merged into.

A merge moves the other commitment's history (its events) and the mentions stating it to the
kept one, in one transaction with one audit entry; the other stays as a row whose
``merged_into_id`` points at the kept one, so that its old address still leads somewhere.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations

from sqlalchemy.orm import Session

from chiso.errors import ConflictError, InputError
from chiso.services import audit
from chiso.services.commitments._records import _event, _out, _snapshot
from chiso.services.commitments.schemas import CommitmentOut, DuplicatePair
from chiso.store import commitments as commitment_store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Mention
from chiso.track.actions import action_overlap, action_words, date_closeness
from chiso.track.status import RESOLVED, resolution

#: Two titles sharing at least this much of their action words (both ways, averaged) may be one
#: promise stated twice. Chosen on the restatements of tests/services/test_commitment_merge.py
#: (one outlet's words against another's); a person decides every merge, so a false pair costs
#: a glance and a missed one leaves a promise on the board twice.
DUPLICATE_WORDS = 0.5
#: Due dates further apart than this are two promises, not one restated (a postponement by more
#: than a year is a new promise in all but name, and is proposed as a due change anyway).
DUPLICATE_DAYS = 366
#: A chain of merges longer than this is a loop in the data, not a redirect.
_MAX_HOPS = 20


def merged_target(db: Database, commitment_id: int) -> int | None:
    """The commitment ``commitment_id`` was merged into (following chains), or None when it
    was not merged. Raises NotFoundError for an unknown id."""
    with db.reading() as s:
        return _follow(s, commitment_id)


def _follow(s: Session, commitment_id: int) -> int | None:
    target: int | None = None
    step = lookups.get(s, Commitment, commitment_id).merged_into_id
    for _ in range(_MAX_HOPS - 1):
        if step is None:
            return target
        target = step
        step = commitment_store.merged_into(s, target)
    return target if step is None else step


def merge(db: Database, keep_id: int, other_id: int, *, actor: str) -> CommitmentOut:
    """Merge commitment ``other_id`` into ``keep_id``: the same promise stated twice.

    The other's events and mentions move to the kept one, and commitments merged into the
    other before now point at the kept one. The kept one keeps its title and due dates, fills
    an empty owner, programme or target from the other, and takes the other's resolution when
    it is still open itself (``met`` becomes ``met_late`` against the kept due date). One
    transaction, one audit entry (``commitment.merge``).
    """
    if keep_id == other_id:
        raise InputError("commitment_merge_itself", id=keep_id)
    with db.transaction() as s:
        keep, other = lookups.get(s, Commitment, keep_id), lookups.get(s, Commitment, other_id)
        for c in (keep, other):
            if c.merged_into_id is not None:
                raise ConflictError("commitment_already_merged", id=c.id, commitment=c.merged_into_id)
        before = {"kept": _snapshot(keep), "merged": {**_snapshot(other), "id": other.id}}
        events_moved = commitment_store.move_links(s, CommitmentEvent, other.id, keep.id)
        mentions_moved = commitment_store.move_links(s, Mention, other.id, keep.id)
        commitment_store.redirect_merged(s, other.id, keep.id)
        s.expire(keep, ["events"])
        s.expire(other, ["events"])
        for name in ("owner", "programme", "target_indicator_id", "target_value"):
            if getattr(keep, name) is None and getattr(other, name) is not None:
                setattr(keep, name, getattr(other, name))
        if keep.status == "open" and other.status in RESOLVED and other.resolved_on is not None:
            requested = "met" if other.status in ("met", "met_late") else other.status
            keep.status = resolution(requested, on=other.resolved_on, due_end=keep.due_end)
            keep.resolved_on = other.resolved_on
        other.merged_into_id = keep.id
        _event(keep, "merged", actor=actor, status=keep.status, note=f"#{other.id} {other.title}")
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="commitment.merge",
            entity="commitment",
            entity_id=keep.id,
            before=before,
            after={
                **_snapshot(keep),
                "merged_id": other.id,
                "events_moved": events_moved,
                "mentions_moved": mentions_moved,
            },
        )
        return _out(keep, date.today())


def _same(a: str | None, b: str | None) -> bool:
    # A commitment made by a quick accept has no owner yet: unknown is no disagreement.
    return a is None or b is None or a.casefold().strip() == b.casefold().strip()


def _dates_meet(a: Commitment, b: Commitment) -> bool:
    if a.due_end is None or b.due_end is None:
        return True
    a_start, b_start = a.due_start or a.due_end, b.due_start or b.due_end
    if a_start <= b.due_end and b_start <= a.due_end:
        return True  # the ranges overlap
    return abs((a.due_end - b.due_end).days) <= DUPLICATE_DAYS


def find_duplicates(db: Database, *, on: date | None = None) -> list[DuplicatePair]:
    """Pairs of commitments that are probably one promise, most alike first.

    A pair has the same owner and programme (or one of them unknown), titles sharing at least
    :data:`DUPLICATE_WORDS` of their action words and due dates that overlap or lie within
    :data:`DUPLICATE_DAYS`. Merged commitments are left out. Only titles sharing a word are
    compared (an index from word to commitments), so the check stays cheap on a large board.
    """
    day = on or date.today()
    with db.reading() as s:
        rows = commitment_store.unmerged(s)
        by_id = {c.id: c for c in rows}
        index: dict[str, list[int]] = defaultdict(list)
        for c in rows:
            for w in action_words(c.title):
                index[w].append(c.id)
        candidates: set[tuple[int, int]] = set()
        for ids in index.values():
            candidates.update(combinations(ids, 2))
        pairs: list[DuplicatePair] = []
        for a_id, b_id in sorted(candidates):
            a, b = by_id[a_id], by_id[b_id]
            if not (_same(a.owner, b.owner) and _same(a.programme, b.programme) and _dates_meet(a, b)):
                continue
            words = (action_overlap(a.title, b.title) + action_overlap(b.title, a.title)) / 2
            if words < DUPLICATE_WORDS:
                continue
            close = date_closeness(a.due_end, b.due_end, horizon_days=DUPLICATE_DAYS)
            pairs.append(
                DuplicatePair(
                    first=_out(a, day),
                    second=_out(b, day),
                    score=round(0.75 * words + 0.25 * close, 3),
                    words=round(words, 3),
                    days_apart=abs((a.due_end - b.due_end).days) if a.due_end and b.due_end else None,
                )
            )
        pairs.sort(key=lambda p: (-p.score, p.first.id, p.second.id))
        return pairs


__all__ = ["DUPLICATE_DAYS", "DUPLICATE_WORDS", "find_duplicates", "merge", "merged_target"]
