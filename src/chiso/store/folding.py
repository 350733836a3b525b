"""Text folded for search: without diacritics, đ as d, lower case; one character for one.

"tai khoan" must find "tài khoản" and "dien tu" "điện tử". Unicode decomposition strips the
tones and the hats but leaves đ alone (it is a letter of its own, not d with a mark), so đ/Đ are
mapped by hand. Each character of an NFC text folds to exactly one character, so an offset into
the folded text is an offset into the original: the page marks the hit in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Vietnamese's one letter that is not a base letter with marks. Only it: SQLite's tokenizer
#: strips the marks it can decompose and no more, and the query finds đ by spelling d both ways
#: (:mod:`chiso.store.search`); folding ø or ł here would fold the query but not the index.
_OWN_LETTERS = {"đ": "d", "Đ": "d"}

#: a search term: the characters SQLite's unicode61 tokenizer keeps in a token (letters and
#: digits); everything else separates terms, so no FTS syntax ever reaches the index
_TERM = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    """One character folded to one character."""
    if c in _OWN_LETTERS:
        return _OWN_LETTERS[c]
    base = unicodedata.normalize("NFD", c)[:1] or c
    low = base.lower()
    return low if len(low) == 1 else base


class _Table(dict[int, str]):
    """``str.translate``'s table, filled as characters are met (a loop in C over the text)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_TABLE = _Table()


def fold(text: str) -> str:
    """``text`` (NFC) folded character by character: as long as ``text``."""
    return text.translate(_TABLE)


def terms(q: str) -> list[str]:
    """The folded search terms of what a reader typed (any normal form), without repeats."""
    seen: dict[str, None] = {}
    for term in _TERM.findall(fold(unicodedata.normalize("NFC", q))):
        seen.setdefault(term, None)
    return list(seen)


__all__ = ["fold", "fold_char", "terms"]
