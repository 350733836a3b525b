"""The one language the CLI speaks to a person in, and ``_()`` to translate into it.

``chiso --lang vi|en`` chooses it, else ``CHISO_LANG``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``en_US.UTF-8`` is English), else Vietnamese. The root callback sets it
once per invocation; ``--format json`` and ``csv`` output never goes through it.

Labels defined at import time (table headers, status words) are marked with
:func:`chiso.i18n.N_` and translated where they are printed (:mod:`chiso.cli.tables` translates
column headers itself).
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from enum import StrEnum

from chiso.i18n import Lang, as_lang, gettext, lang_from_locale


class LangChoice(StrEnum):
    vi = "vi"
    en = "en"


_current: ContextVar[Lang | None] = ContextVar("chiso_cli_lang", default=None)


def choose(option: str | None) -> Lang:
    """``--lang`` (Typer fills it from ``CHISO_LANG`` too) when given, else the locale's."""
    return as_lang(option) or lang_from_locale()


def use(lang: Lang | None) -> None:
    """Speak ``lang`` from now on in this invocation (None: choose again from the environment)."""
    _current.set(lang)


def current() -> Lang:
    chosen = _current.get()
    return chosen if chosen is not None else choose(os.environ.get("CHISO_LANG"))


def _(msgid: str) -> str:
    """``msgid`` in the CLI's language."""
    return gettext(current(), msgid)


__all__ = ["LangChoice", "_", "choose", "current", "use"]
