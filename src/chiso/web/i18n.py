"""The web's side of the two UI languages: choosing one per request, formatting numbers and dates.

UI strings are written in English in the templates (``{{ _("Reports") }}``) and translated
through the gettext catalogues of :mod:`chiso.i18n`, which the CLI shares; this module keeps
what belongs to a request: the ``chiso_lang`` cookie and Accept-Language.
Numbers and dates follow the locale through Babel: 67.000.000 and 16/01/2026 in Vietnamese,
67,000,000 and 16 Jan 2026 in English. Page contexts keep raw values; only templates format.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Final

import babel
from babel.dates import DateTimePattern, format_datetime, parse_pattern
from babel.numbers import NumberPattern
from babel.numbers import parse_pattern as parse_number_pattern
from starlette.requests import Request

from chiso.i18n import DEFAULT_LANG, LANGS, Lang, as_lang

Locale = Lang
LOCALES: Final[tuple[Locale, ...]] = LANGS
DEFAULT_LOCALE: Final[Locale] = DEFAULT_LANG
COOKIE: Final = "chiso_lang"


def negotiate(request: Request) -> Locale:
    """The cookie's choice, else the best of Accept-Language, else Vietnamese."""
    cached = as_lang(getattr(request.state, "locale", None))
    if cached is not None:
        return cached
    chosen = _choose(request.cookies.get(COOKIE), request.headers.get("accept-language", ""))
    request.state.locale = chosen
    return chosen


def _choose(cookie: str | None, accept: str) -> Locale:
    chosen = as_lang(cookie)
    if chosen is not None:
        return chosen
    best: tuple[float, Locale] | None = None
    for part in accept.split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        if lang not in LOCALES:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        as_locale = as_lang(lang)
        if as_locale is not None and (best is None or q > best[0]):
            best = (q, as_locale)
    return best[1] if best else DEFAULT_LOCALE


# -- formatting ---------------------------------------------------------------------------
#
# Babel parses a locale identifier (and loads its data) and a date pattern on every call; a
# board of 600 commitments formats about 900 dates. The parsed objects are cached per language
# and pattern: pure functions of their argument, so the cache changes no result.


@lru_cache(maxsize=16)
def babel_locale(locale: str) -> babel.Locale:
    """The parsed Babel locale for ``locale`` (cached)."""
    return babel.Locale.parse(locale)


@lru_cache(maxsize=32)
def _date_pattern(pattern: str) -> DateTimePattern:
    return parse_pattern(pattern)


@lru_cache(maxsize=32)
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_number_pattern(pattern)


_DAY_PATTERNS: Final = {"vi": "dd/MM/yyyy"}
_MOMENT_PATTERNS: Final = {"vi": "dd/MM/yyyy HH:mm"}


def format_number(value: float | int | None, locale: str, decimals: int | None = None) -> str:
    """67000000 -> "67.000.000" (vi) or "67,000,000" (en); floats keep up to 2 decimals."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    fmt = "#,##0" + ("." + "#" * decimals if decimals else "")
    # What babel.numbers.format_decimal does, with the pattern parsed once.
    return str(_number_pattern(fmt).apply(value, babel_locale(locale)))


def format_day(value: date | datetime | str | None, locale: str) -> str:
    """16/01/2026 (vi) or 16 Jan 2026 (en)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return _date_pattern(_DAY_PATTERNS.get(locale, "d MMM y")).apply(value, babel_locale(locale))


def format_moment(value: datetime | None, locale: str) -> str:
    """A timestamp to the minute: 16/01/2026 14:05 (vi) or 16 Jan 2026, 14:05 (en)."""
    if value is None:
        return ""
    pattern = _MOMENT_PATTERNS.get(locale, "d MMM y, HH:mm")
    return format_datetime(value, pattern, locale=babel_locale(locale))


#: How each qualifier reads before a number; words where a sign would be unclear.
QUALIFIER_SIGNS: Final[dict[str, dict[str, str]]] = {
    "exact": {"vi": "", "en": ""},
    "more_than": {"vi": "> ", "en": "> "},
    "at_least": {"vi": "≥ ", "en": "≥ "},
    "about": {"vi": "≈ ", "en": "≈ "},
    "nearly": {"vi": "gần ", "en": "nearly "},
    "less_than": {"vi": "< ", "en": "< "},
    "at_most": {"vi": "≤ ", "en": "≤ "},
}


def format_qualified(
    value: float | int | None, qualifier: str | None, locale: str, decimals: int | None = None
) -> str:
    """``> 67.000.000`` for a figure stated as "trên 67 triệu"."""
    if value is None:
        return ""
    sign = QUALIFIER_SIGNS.get(qualifier or "exact", {}).get(locale, "")
    return sign + format_number(value, locale, decimals)


__all__ = [
    "COOKIE",
    "DEFAULT_LOCALE",
    "LOCALES",
    "QUALIFIER_SIGNS",
    "Locale",
    "babel_locale",
    "format_day",
    "format_moment",
    "format_number",
    "format_qualified",
    "negotiate",
]
