"""Indicators: the catalogue in the database (add, edit, import, export, list and page) and the
suggestions for a mention; the package's public surface."""

from __future__ import annotations

from chiso.services.indicators.catalogue import (
    IndicatorPageOut,
    add_indicator,
    edit_indicator,
    ensure_catalog,
    export_catalog,
    get_indicator,
    import_catalog,
    list_indicators,
    page_indicators,
    programme_vi,
    suggestions_for,
)

__all__ = [
    "IndicatorPageOut",
    "add_indicator",
    "edit_indicator",
    "ensure_catalog",
    "export_catalog",
    "get_indicator",
    "import_catalog",
    "list_indicators",
    "page_indicators",
    "programme_vi",
    "suggestions_for",
]
