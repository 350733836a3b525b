"""The slug of an owner's (or a programme's) name as written in a commitment: the key of its
Atom feed (``/feeds/owners/{slug}.atom``), of its page and of a subscription to it.

Diacritics go ("Bộ Công an" -> ``bo-cong-an``, đ -> d), letters are lowered, and every run of
anything else becomes one hyphen. Pure: two spellings that differ only in marks, case or
punctuation are one owner.
"""

from __future__ import annotations

import unicodedata

#: the longest slug kept (a name is a few words; a longer one is cut at a hyphen)
MAX_SLUG = 120

_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss"})


def owner_slug(text: str | None) -> str:
    """``text`` as a URL slug (empty when it has no letter or digit)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    out: list[str] = []
    hyphen = False
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch.isascii() and ch.isalnum():
            if hyphen and out:
                out.append("-")
            hyphen = False
            out.append(ch.lower())
        else:
            hyphen = True
    slug = "".join(out)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


__all__ = ["MAX_SLUG", "owner_slug"]
