"""Review: a person (or ``auto``) accepts, corrects, links or rejects each extracted mention. The
public entry that the CLI and the web app call, re-exporting the queue reads
(:mod:`~chiso.services.review.queue`), the decisions (:mod:`~chiso.services.review.decisions`),
auto-review (:mod:`~chiso.services.review.auto`) and the suggestions they show
(:mod:`~chiso.services.review.suggestions`)."""

from __future__ import annotations

from chiso.services.review.auto import AUTO_MARGIN, auto
from chiso.services.review.decisions import accept, create_indicator_from, edit, reject, reopen, undo
from chiso.services.review.queue import count_pending, get_mention, pending
from chiso.services.review.suggestions import suggest, suggest_commitments

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
