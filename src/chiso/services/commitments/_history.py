"""A commitment as known on a past day: when it was first stated, and the due-date moves of its
history (:class:`~chiso.track.status.Step`) that :func:`chiso.track.status.known_on` undoes. Read inside a
caller's unit of work, in one statement whatever the number of commitments
(:func:`chiso.store.commitments.history`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from sqlalchemy.orm import Session

from chiso.store import commitments as commitment_store
from chiso.track.status import Step


def history(s: Session, ids: Collection[int]) -> tuple[dict[int, date], dict[int, list[Step]]]:
    """Per commitment: the day it was first stated (the earliest publication of a report that
    states it: its mentions, the reports its ``created`` and ``linked`` events came from; absent
    when none carries a date, and the caller falls back on the day it was made), and its
    confirmed due-date moves, each dated by the day it became known (its report's publication,
    else the day it was recorded)."""
    stated: dict[int, date] = {}
    moved: dict[int, list[Step]] = defaultdict(list)
    for r in commitment_store.history(s, ids):
        cid = r.commitment_id
        if not r.moved:
            if cid not in stated or r.day < stated[cid]:
                stated[cid] = r.day
        else:
            moved[cid].append(Step(known_on=r.day, old_due_start=r.old_due_start, old_due_end=r.old_due_end))
    return stated, moved


__all__ = ["history"]
