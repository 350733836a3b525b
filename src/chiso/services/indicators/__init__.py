"""Indicators: the catalogue in the database (add, edit, import, export, list and page) and the
suggestions for a mention.

The package's public surface is :mod:`~chiso.services.indicators.catalogue`'s ``__all__``, handed on whole
(one list of names, kept beside the code it names).
"""

from __future__ import annotations

from chiso.services.indicators.catalogue import *  # noqa: F403
from chiso.services.indicators.catalogue import __all__ as __all__
