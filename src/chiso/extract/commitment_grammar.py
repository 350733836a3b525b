"""The word lists of :mod:`chiso.extract.commitments` compiled per language: triggers (as a
trie), past markers, vague horizons, nouns a year only labels, programme names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chiso.extract.retrie import trie_pattern
from chiso.extract.time_vocab import (
    EN_PAST_MARKERS,
    EN_PROGRAMMES,
    EN_TRIGGERS,
    EN_VAGUE,
    EN_YEAR_LABEL_NOUNS,
    VI_PAST_MARKERS,
    VI_PROGRAMMES,
    VI_TRIGGERS,
    VI_VAGUE,
    VI_YEAR_LABEL_NOUNS,
)
from chiso.extract.types import Lang


def _words(words: dict[str, float]) -> str:
    """The trigger words as a trie (see :mod:`chiso.extract.retrie`), any run of spaces between words."""
    return trie_pattern(w.lower() for w in words).replace(r"\ ", r"\s+")


@dataclass(frozen=True, slots=True)
class Grammar:
    triggers: re.Pattern[str]
    weights: dict[str, float]
    past: re.Pattern[str]
    vague: re.Pattern[str]
    label_before: re.Pattern[str]
    programme: re.Pattern[str]


def _grammar(trig: dict[str, float], past: str, vague: str, labels: str, programmes: str) -> Grammar:
    return Grammar(
        triggers=re.compile(rf"(?<!\w)(?:{_words(trig)})(?!\w)", re.IGNORECASE),
        weights={" ".join(k.lower().split()): v for k, v in trig.items()},
        past=re.compile(rf"(?<!\w)(?:{past})(?!\w)", re.IGNORECASE),
        vague=re.compile(rf"(?<!\w)(?:{vague})(?!\w)", re.IGNORECASE),
        # "nhiệm vụ năm 2026", and a numbered document's year: "Chỉ thị 06 năm 2024"
        label_before=re.compile(rf"(?<!\w)(?:{labels})(?:\s+(?:số\s+)?\d+[\w/.-]*)?\s*$", re.IGNORECASE),
        programme=re.compile(rf"(?<!\w)(?:{programmes})(?!\w)", re.IGNORECASE),
    )


GRAMMARS: dict[Lang, Grammar] = {
    "vi": _grammar(VI_TRIGGERS, VI_PAST_MARKERS, VI_VAGUE, VI_YEAR_LABEL_NOUNS, VI_PROGRAMMES),
    "en": _grammar(EN_TRIGGERS, EN_PAST_MARKERS, EN_VAGUE, EN_YEAR_LABEL_NOUNS, EN_PROGRAMMES),
}


__all__ = ["GRAMMARS", "Grammar"]
