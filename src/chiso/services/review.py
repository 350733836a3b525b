"""Review: a person (or ``auto``) accepts, corrects, links or rejects each extracted mention. The
public entry that the CLI and the web app call, re-exporting the queue reads
(:mod:`~chiso.services.review_queue`), the decisions (:mod:`~chiso.services.review_decisions`),
auto-review (:mod:`~chiso.services.review_auto`) and the suggestions they show
(:mod:`~chiso.services.review_suggestions`)."""

from __future__ import annotations

from chiso.services.review_auto import AUTO_MARGIN, auto
from chiso.services.review_decisions import accept, create_indicator_from, edit, reject, reopen, undo
from chiso.services.review_queue import count_pending, get_mention, pending
from chiso.services.review_suggestions import suggest, suggest_commitments

__all__ = [
    "AUTO_MARGIN",
    "accept",
    "auto",
    "count_pending",
    "create_indicator_from",
    "edit",
    "get_mention",
    "pending",
    "reject",
    "reopen",
    "suggest",
    "suggest_commitments",
    "undo",
]
