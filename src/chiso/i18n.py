"""The two languages of chiso's words for people, from gettext catalogues (no web, no CLI here).

English is the msgid language: code and templates are written in English and each language's
catalogue, ``locale/{vi,en}/LC_MESSAGES/chiso.po``, maps them to what a person reads. The
``.po`` files are committed; their compiled ``.mo`` twins are built at install time
(``hatch_build.py``, ``make catalogues``) and loaded here, once per language.

Translating::

    from chiso.i18n import N_, gettext

    gettext("vi", "Reports")            # "Báo cáo"
    LABELS = {"met": N_("met")}         # marked for extraction, translated when shown
    gettext(lang, LABELS["met"])

Only literal arguments of ``_()`` and ``N_()`` (and ``ngettext``'s two) are extracted into
``locale/chiso.pot``; a call like ``gettext(lang, LABELS[x])`` translates a string that was
marked where it was written. A msgid a catalogue lacks reads as the English.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Final

from chiso.extract.types import Lang

LANGS: Final[tuple[Lang, ...]] = ("vi", "en")
DEFAULT_LANG: Final[Lang] = "vi"
#: The UI's strings; error messages have their own domain, ``errors`` (:mod:`chiso.error_messages`).
DOMAIN: Final = "chiso"
#: ``<lang>/LC_MESSAGES/<domain>.{po,mo}`` and the templates ``<domain>.pot``
LOCALE_DIR: Final = Path(__file__).parent / "locale"


class CatalogueMissingError(RuntimeError):
    """A language's ``.mo`` was never compiled: the install step that builds it did not run."""


def as_lang(value: object) -> Lang | None:
    """``value`` when it names one of chiso's languages, else None."""
    if value == "vi":
        return "vi"
    if value == "en":
        return "en"
    return None


@lru_cache(maxsize=4 * len(LANGS))
def translations(lang: Lang, domain: str = DOMAIN) -> _gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` in ``domain`` (read once per process)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo"
    try:
        with path.open("rb") as fp:
            return _gettext.GNUTranslations(fp)
    except FileNotFoundError:
        raise CatalogueMissingError(
            f"{path} is missing: compile the catalogues with `make catalogues` "
            "(or reinstall chiso: `pip install -e .` compiles them)"
        ) from None


def gettext(lang: str, msgid: str) -> str:
    """``msgid`` (English) in ``lang``; the English itself when the catalogue lacks it or
    ``lang`` is none of :data:`LANGS`."""
    known = as_lang(lang)
    return msgid if known is None else translations(known).gettext(msgid)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in ``lang`` (Vietnamese has one form)."""
    known = as_lang(lang)
    if known is None:
        return singular if n == 1 else plural
    return translations(known).ngettext(singular, plural, n)


def N_(msgid: str) -> str:  # noqa: N802 - the name extraction tools look for
    """Marks ``msgid`` for extraction where it is defined (at import time) without translating it:
    the language is known only when the string is shown, through :func:`gettext`."""
    return msgid


def lang_from_locale(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of the POSIX locale: the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    (their precedence for messages). ``vi_VN.UTF-8`` is Vietnamese, ``en_US.UTF-8`` English;
    ``C``, ``POSIX``, unset or any other language is Vietnamese, chiso's first language."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            return as_lang(code) or DEFAULT_LANG
    return DEFAULT_LANG


__all__ = [
    "DEFAULT_LANG",
    "DOMAIN",
    "LANGS",
    "LOCALE_DIR",
    "N_",
    "CatalogueMissingError",
    "Lang",
    "as_lang",
    "gettext",
    "lang_from_locale",
    "ngettext",
    "translations",
]
