"""Stories: syndicated and lightly edited copies of one report.

A new report joins the story of an earlier one when the two texts share most of their word
3-grams (:func:`chiso.ingest.similarity.same_story`, containment >= 0.5). The candidates come
from the band index (:mod:`chiso.store.stories`, where the numbers behind it are measured); here
each is confirmed on the two texts before a report joins its story.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from chiso.ingest.similarity import same_story
from chiso.store.stories import Candidate, StoryPicker


def first_story(text: str, ranked: Sequence[Candidate]) -> int | None:
    """The story of the first candidate ``(report id, story id, text)`` that ``same_story``
    confirms as a copy of ``text``, or None."""
    for rid, story, other in ranked:
        if same_story(text, other):
            return int(story if story is not None else rid)
    return None


def picker(text: str) -> StoryPicker:
    """The confirmation the store runs on the candidates it finds for ``text`` (when storing it,
    :func:`chiso.store.reports.insert_report`)."""
    return functools.partial(first_story, text)


__all__ = ["first_story", "picker"]
