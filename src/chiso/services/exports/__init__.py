"""Exports: observations with their provenance as CSV, XLSX and JSON, and imports of the same.

The package's public surface is :mod:`~chiso.services.exports.tables`'s ``__all__``, handed on whole
(one list of names, kept beside the code it names).
"""

from __future__ import annotations

from chiso.services.exports.tables import *  # noqa: F403
from chiso.services.exports.tables import __all__ as __all__
