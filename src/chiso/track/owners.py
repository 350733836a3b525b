"""The slug of a commitment's owner: the one rule every page, filter and feed that names an
owner in a URL uses (``/owners/bo-cong-an``, ``/deadlines?owner_slug=bo-cong-an``, an owner's
Atom feed).

The text is put in NFC, its diacritics dropped (``đ`` becomes ``d``), lowercased, and every run
of anything but ASCII letters and digits becomes one hyphen: ``"Bộ Công an"`` is ``bo-cong-an``,
``"UBND TP.HCM"`` is ``ubnd-tp-hcm``. A text with no letter or digit has the empty slug.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def owner_slug(text: str) -> str:
    """``"Bộ Công an"`` -> ``"bo-cong-an"``: lowercase ASCII, words joined by single hyphens."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("đ", "d").replace("Đ", "D").lower()
    return _NOT_WORD.sub("-", plain).strip("-")


__all__ = ["owner_slug"]
