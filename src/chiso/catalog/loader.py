"""Reading and validating an indicator catalogue (YAML), with errors that name file and line.

The catalogue is data at a boundary: it is parsed into Pydantic models (:class:`IndicatorSpec`)
before anything else sees it. Every error is one :class:`~chiso.errors.InputError` whose message
starts with ``FILE:LINE:`` so that a person can jump to the line, e.g.::

    my.yaml:14: indicator 'x': measure must be one of cumulative, flow, stock, rate, share, count_of_total

A file is either a list of indicators or a mapping with an ``indicators`` list (and an optional
``version``), the shape :func:`dump_catalog` writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chiso.errors import InputError

Measure = Literal["cumulative", "flow", "stock", "rate", "share", "count_of_total"]
MEASURES: tuple[Measure, ...] = ("cumulative", "flow", "stock", "rate", "share", "count_of_total")

#: canonical programme name -> (Vietnamese name, other spellings people use)
PROGRAMMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Project 06": ("Đề án 06", ("de an 06", "project06", "đa 06")),
    "Resolution 57": ("Nghị quyết 57", ("nq 57", "nq57", "resolution 57-nq/tw", "nghị quyết 57-nq/tw")),
    "National Data Center": ("Trung tâm dữ liệu quốc gia", ("national data centre", "ndc", "ttdlqg")),
    "Online public services": ("Dịch vụ công trực tuyến", ("online public service", "dvctt", "dịch vụ công")),
    "Decision 766": ("Quyết định 766", ("qđ 766", "766", "quyết định 766/qđ-ttg")),
}

SHIPPED = "indicators.yaml"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


_PROGRAMME_ALIASES: dict[str, str] = {}
for _canon, (_vi, _others) in PROGRAMMES.items():
    for _alias in (_canon, _vi, *_others):
        _PROGRAMME_ALIASES[_fold(_alias)] = _canon


def canonical_programme(name: str | None) -> str | None:
    """``"Đề án 06"`` and ``"project 06"`` both mean ``"Project 06"``; unknown names are kept as written."""
    if name is None or not name.strip():
        return None
    return _PROGRAMME_ALIASES.get(_fold(name), " ".join(name.split()))


def programme_vi(name: str | None) -> str | None:
    """The Vietnamese name of a known programme (None for a user's own)."""
    if name is None:
        return None
    entry = PROGRAMMES.get(canonical_programme(name) or "")
    return entry[0] if entry else None


def _phrases(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = " ".join(unicodedata.normalize("NFC", str(v)).split())
        if v and v not in out:
            out.append(v)
    return out


class MatchRules(BaseModel):
    """How mentions are recognised as this indicator (see :mod:`chiso.catalog.matching`)."""

    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    range: tuple[float, float] | None = None
    #: whose figures the indicator's series holds: the country's (every shipped indicator) or one
    #: province's, city's or district's own; a national indicator never takes a local figure strongly
    scope: Literal["national", "local"] = "national"

    @field_validator("words", "units", "context", "exclude", mode="before")
    @classmethod
    def _list_of_phrases(cls, v: Any) -> Any:
        if v is None:
            return []
        if isinstance(v, str):
            return [v]
        return v

    @field_validator("words", "units", "context", "exclude")
    @classmethod
    def _clean(cls, v: list[str]) -> list[str]:
        return _phrases(v)

    @field_validator("range")
    @classmethod
    def _ordered(cls, v: tuple[float, float] | None) -> tuple[float, float] | None:
        if v is not None and v[0] > v[1]:
            raise ValueError(f"range must be [min, max] with min <= max, got [{v[0]:g}, {v[1]:g}]")
        return v

    def as_json(self) -> dict[str, Any]:
        """The shape stored in ``Indicator.match_rules``."""
        d: dict[str, Any] = {k: list(getattr(self, k)) for k in ("words", "units", "context", "exclude")}
        if self.range is not None:
            d["range"] = [self.range[0], self.range[1]]
        if self.scope != "national":
            d["scope"] = self.scope
        return d


class IndicatorSpec(BaseModel):
    """One indicator as a catalogue file states it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    slug: str = Field(pattern=SLUG_PATTERN, max_length=120)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit: str = Field(min_length=1, max_length=120)
    short_unit: str | None = Field(default=None, max_length=40)
    decimals: int = Field(default=0, ge=0, le=6)
    measure: Measure
    owner: str | None = None
    programme: str | None = Field(default=None, max_length=120)
    #: what the number means, in English; ``description_vi`` in Vietnamese
    description: str | None = None
    description_vi: str | None = None
    match: MatchRules = Field(default_factory=MatchRules)

    @field_validator("name_vi", "name_en", "unit", "short_unit", "owner", "description", "description_vi")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return unicodedata.normalize("NFC", " ".join(v.split())) if v is not None else None

    @field_validator("programme")
    @classmethod
    def _programme(cls, v: str | None) -> str | None:
        return canonical_programme(v)

    @model_validator(mode="after")
    def _unit_is_a_match_unit(self) -> IndicatorSpec:
        # The display unit always counts as a unit the indicator is stated in.
        if not any(_fold(u) == _fold(self.unit) for u in self.match.units):
            self.match.units.append(self.unit)
        return self


@dataclass(frozen=True, slots=True)
class Catalog:
    """Indicators read from one file, each with the line it starts on."""

    source: str
    indicators: tuple[IndicatorSpec, ...]
    lines: tuple[int, ...]

    def by_slug(self) -> dict[str, IndicatorSpec]:
        return {i.slug: i for i in self.indicators}


# --- errors with line numbers ----------------------------------------------------------------


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _mapping_get(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _node_at(node: yaml.Node, loc: Sequence[int | str]) -> yaml.Node:
    """The node a Pydantic error location points at (for its line): the key of a bad field,
    the mapping itself for a missing one."""
    for i, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = _mapping_get(node, part)
            if found is None:
                return node
            if i == len(loc) - 1:
                return found[0]
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _message(err: Any) -> str:
    """A Pydantic error said the way a person editing YAML needs it."""
    loc = ".".join(str(p) for p in err["loc"]) or "indicator"
    kind = err["type"]
    if kind == "literal_error" and err["loc"][-1:] == ("measure",):
        return f"measure must be one of {', '.join(MEASURES)} (got {err.get('input')!r})"
    if kind == "missing":
        return f"{loc} is required"
    if kind == "extra_forbidden":
        return f"unknown field {loc!r}"
    if kind == "string_pattern_mismatch" and loc == "slug":
        return f"slug must be lowercase letters, digits and single hyphens (got {err.get('input')!r})"
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    return f"{loc}: {msg}"


def _dup_keys(node: yaml.Node, source: str) -> None:
    """YAML quietly keeps the last of two equal keys; a catalogue refuses them."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    raise InputError(
                        "catalogue_key_twice", source=source, line=_line(k), key=k.value, first=seen[k.value]
                    )
                seen[k.value] = _line(k)
            _dup_keys(v, source)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _dup_keys(item, source)


def parse_catalog(text: str, source: str = "<catalogue>") -> Catalog:
    """Validate a catalogue's YAML text; ``source`` names it in error messages."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputError("catalogue_empty", source=source)
        _dup_keys(root, source)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise InputError(
            "catalogue_yaml_invalid_at", source=source, line=line, problem=exc.problem or exc.context
        ) from None
    except yaml.YAMLError as exc:
        raise InputError("catalogue_yaml_invalid", source=source, problem=exc) from None
    finally:
        loader.dispose()

    items_node: yaml.Node = root
    items: Any = data
    if isinstance(data, dict):
        assert isinstance(root, yaml.MappingNode)
        unknown = sorted(set(map(str, data)) - {"version", "indicators"})
        if unknown:
            found = _mapping_get(root, unknown[0])
            raise InputError(
                "catalogue_unknown_key",
                source=source,
                line=_line(found[0] if found else root),
                key=unknown[0],
            )
        if data.get("version", 1) != 1:
            raise InputError(
                "catalogue_version_unsupported", source=source, line=_line(root), version=data.get("version")
            )
        found = _mapping_get(root, "indicators")
        if found is None:
            raise InputError("catalogue_no_indicators", source=source, line=_line(root))
        items_node, items = found[1], data["indicators"]
    if items is None:
        items = []
    if not isinstance(items, list) or not isinstance(items_node, yaml.SequenceNode):
        raise InputError("catalogue_indicators_not_list", source=source, line=_line(items_node))

    specs: list[IndicatorSpec] = []
    lines: list[int] = []
    first_line: dict[str, int] = {}
    for raw, node in zip(items, items_node.value, strict=True):
        line = _line(node)
        if not isinstance(raw, dict):
            raise InputError("catalogue_indicator_not_mapping", source=source, line=line)
        slug = raw.get("slug")
        who = f"indicator {slug!r}" if isinstance(slug, str) else f"indicator #{len(specs) + 1}"
        try:
            spec = IndicatorSpec.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            at = _line(_node_at(node, err["loc"]))
            more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
            raise InputError(
                "catalogue_indicator_invalid",
                source=source,
                line=at,
                who=who,
                problem=_message(err),
                more=more,
            ) from None
        if spec.slug in first_line:
            raise InputError(
                "catalogue_duplicate_slug", source=source, line=line, who=who, first=first_line[spec.slug]
            )
        first_line[spec.slug] = line
        specs.append(spec)
        lines.append(line)
    return Catalog(source=source, indicators=tuple(specs), lines=tuple(lines))


def load_catalog(path: str | Path) -> Catalog:
    """Read and validate a catalogue file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError("catalogue_unreadable", path=p, reason=exc.strerror or exc) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("catalogue_not_utf8", path=p, reason=exc.reason, byte=exc.start) from None
    return parse_catalog(text, source=str(p))


@lru_cache(maxsize=1)
def shipped_catalog() -> Catalog:
    """The catalogue chiso ships (read once per process; it cannot change while running)."""
    text = resources.files("chiso.catalog").joinpath(SHIPPED).read_text(encoding="utf-8")
    return parse_catalog(text, source=SHIPPED)


def dump_catalog(specs: Iterable[IndicatorSpec]) -> str:
    """YAML that :func:`parse_catalog` reads back into the same indicators."""
    items: list[dict[str, Any]] = []
    for spec in specs:
        d = spec.model_dump(exclude_none=True)
        match = spec.match.as_json()
        d["match"] = match
        items.append(d)
    return yaml.safe_dump(
        {"version": 1, "indicators": items},
        allow_unicode=True,
        sort_keys=False,
        width=110,
        default_flow_style=None,
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
