"""exports: the public entry (re-exported from its modules)."""

from __future__ import annotations

from chiso.services.exports.tables import (
    COLUMNS,
    IMPORTED_SOURCE,
    export_observations,
    format_of,
    import_observations,
    import_rows,
    parse,
    render,
    rows,
)

__all__ = [
    "COLUMNS",
    "IMPORTED_SOURCE",
    "export_observations",
    "format_of",
    "import_observations",
    "import_rows",
    "parse",
    "render",
    "rows",
]
