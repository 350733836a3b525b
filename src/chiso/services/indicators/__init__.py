"""indicators: the public entry (re-exported from its modules)."""

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
    "suggestions_for",
]
