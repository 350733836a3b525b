"""Dated commitments (work in progress)."""

from __future__ import annotations

from datetime import date

from chiso.extract.text import Sentence
from chiso.extract.types import Deadline, Lang


def find_deadlines(text: str, sents: list[Sentence], *, published: date | None, lang: Lang) -> list[Deadline]:
    return []
