"""The indicator catalogue: shipped definitions (YAML) and matching mentions to indicators.

:mod:`chiso.catalog.loader` reads and validates catalogue files; :mod:`chiso.catalog.matching`
ranks indicators for a figure mention and learns from the links people make.
"""

from chiso.catalog.loader import (
    MEASURES,
    PROGRAMMES,
    Catalog,
    IndicatorSpec,
    MatchRules,
    Measure,
    canonical_programme,
    dump_catalog,
    load_catalog,
    parse_catalog,
    programme_vi,
    shipped_catalog,
)

__all__ = [
    "MEASURES",
    "PROGRAMMES",
    "Catalog",
    "IndicatorSpec",
    "MatchRules",
    "Measure",
    "canonical_programme",
    "dump_catalog",
    "load_catalog",
    "parse_catalog",
    "programme_vi",
    "shipped_catalog",
]
