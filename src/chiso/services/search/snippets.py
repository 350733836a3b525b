"""The text around a search hit, the hit marked in the original spelling."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from chiso.store.folding import fold

#: characters of text shown on each side of the hit
SNIPPET = 90


def _hit(folded: str, q: str, terms: Sequence[str]) -> tuple[int, int] | None:
    """Where the whole query starts a word (folded, spaces as any run of spaces), else the
    longest run of its first words, else its first term that starts a word."""
    words = fold(unicodedata.normalize("NFC", q)).split()
    # a substring test first (a loop in C): the hit is often in the title, not the text
    runs = [words[:k] for k in range(len(words), 1, -1) if words[0] in folded] if words else []
    candidates = [r"\s+".join(map(re.escape, run)) for run in runs]
    candidates += [re.escape(t) for t in terms if t in folded]
    for pattern in candidates:
        found = re.search(r"(?<![^\W_])" + pattern, folded)
        if found:
            return found.start(), found.end()
    return None


def snippet(text: str, q: str, terms: Sequence[str] = ()) -> tuple[str, str, str]:
    """``text`` around the first hit of ``q`` (or of one of its folded ``terms``) with some
    words either side, split as (before, hit, after); no hit: the start of the text."""
    text = unicodedata.normalize("NFC", text)
    at = _hit(fold(text), q, terms)  # fold keeps offsets: one character for one
    if at is None:
        return "", "", " ".join(text[: SNIPPET * 2].split()) + ("…" if len(text) > SNIPPET * 2 else "")
    s, e = at
    start, end = max(0, s - SNIPPET), min(len(text), e + SNIPPET)
    before = (
        ("…" if start > 0 else "")
        + " ".join(text[start:s].split())
        + (" " if text[s - 1 : s].isspace() else "")
    )
    after = (" " if text[e : e + 1].isspace() else "") + " ".join(text[e:end].split())
    return before, text[s:e], after + ("…" if end < len(text) else "")


__all__ = ["SNIPPET", "snippet"]
