"""Use cases for commitments, the public entry the CLI, the web app and the other services import.

Helpers that run *inside* a caller's unit of work take a ``Session`` and never commit
(:func:`create_from_mention`, :func:`link_mention`, :func:`suggest_commitments`,
:func:`propose_progress`); use cases take a :class:`~chiso.store.db.Database`, open one unit of
work and return the models of :mod:`chiso.services.commitments.schemas`. They live by concept in
:mod:`~chiso.services.commitments.board` (the deadline board and one commitment),
:mod:`~chiso.services.commitments.actions` (creating, linking, editing, resolving, reopening),
:mod:`~chiso.services.commitments.proposals` (evidence and due changes proposed, confirmed, rejected)
:mod:`~chiso.services.commitments.merge` (one promise made twice: merged, or listed as likely)
and :mod:`~chiso.services.commitments.owners` (who keeps promises, and who made a new one).
"""

from __future__ import annotations

from chiso.services.commitments.actions import (
    RESOLVE_CHOICES,
    create_from_mention,
    edit,
    link_mention,
    reopen,
    resolve,
    suggest_commitments,
)
from chiso.services.commitments.board import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    STATUS_FILTERS,
    board_heads,
    board_page,
    get_commitment,
    has_open,
    list_deadlines,
)
from chiso.services.commitments.merge import find_duplicates, merge, merged_target
from chiso.services.commitments.owners import (
    owner_key,
    owner_scorecard,
    owners_csv,
    owners_scorecard,
    suggest_owner,
)
from chiso.services.commitments.proposals import (
    PROGRESS_MATCH,
    SYSTEM_ACTOR,
    PlannedProposal,
    confirm_event,
    list_proposals,
    match_progress,
    propose_progress,
    record_proposals,
    reject_event,
)

__all__ = [
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "PROGRESS_MATCH",
    "RESOLVE_CHOICES",
    "STATUS_FILTERS",
    "SYSTEM_ACTOR",
    "PlannedProposal",
    "board_heads",
    "board_page",
    "confirm_event",
    "create_from_mention",
    "edit",
    "find_duplicates",
    "get_commitment",
    "has_open",
    "link_mention",
    "list_deadlines",
    "list_proposals",
    "match_progress",
    "merge",
    "merged_target",
    "owner_key",
    "owner_scorecard",
    "owners_csv",
    "owners_scorecard",
    "propose_progress",
    "record_proposals",
    "reject_event",
    "reopen",
    "resolve",
    "suggest_commitments",
    "suggest_owner",
]
