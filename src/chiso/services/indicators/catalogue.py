"""Use cases for indicators: the shipped catalogue, a user's own, edits, and suggestions.

Every change a person makes (add, edit, import) is audited in the same unit of work, with the
fields before and after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from chiso.catalog import programme_vi
from chiso.catalog.loader import (
    MEASURES,
    Catalog,
    IndicatorSpec,
    MatchRules,
    canonical_programme,
    dump_catalog,
    load_catalog,
    parse_catalog,
    shipped_catalog,
)
from chiso.catalog.matching import invalidate, suggest_indicators
from chiso.errors import ConflictError, InputError
from chiso.services import audit
from chiso.services.indicators.schemas import (
    ImportResult,
    IndicatorChanges,
    IndicatorIn,
    IndicatorOut,
    MatchReasonOut,
    SuggestionOut,
)
from chiso.services.schemas import Out
from chiso.store import indicators as indicator_store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention

#: the fields an edit may change and the audit log records
_FIELDS = (
    "slug",
    "name_vi",
    "name_en",
    "unit",
    "short_unit",
    "decimals",
    "measure",
    "owner",
    "programme",
    "description",
    "description_vi",
)
#: the optional fields an edit clears with an empty text
_CLEARABLE = ("short_unit", "owner", "programme", "description", "description_vi")


def _row(spec: IndicatorSpec, origin: str) -> Indicator:
    return Indicator(
        slug=spec.slug,
        name_vi=spec.name_vi,
        name_en=spec.name_en,
        unit=spec.unit,
        short_unit=spec.short_unit,
        decimals=spec.decimals,
        measure=spec.measure,
        owner=spec.owner,
        programme=spec.programme,
        description=spec.description,
        description_vi=spec.description_vi,
        match_rules=spec.match.as_json(),
        origin=origin,
        created_at=audit.now(),
    )


def _spec(ind: Indicator) -> IndicatorSpec:
    """An indicator row as a catalogue entry (for export and for validating edits)."""
    return IndicatorSpec.model_validate(
        {
            **{f: getattr(ind, f) for f in _FIELDS},
            "match": MatchRules.model_validate(ind.match_rules or {}),
        }
    )


def _snapshot(ind: Indicator) -> dict[str, Any]:
    return {**{f: getattr(ind, f) for f in _FIELDS}, "match_rules": ind.match_rules}


def _programme(programme: str | None) -> indicator_store.Programme:
    """The indicators a programme filter asks for: every one when none is given."""
    return canonical_programme(programme) if programme else indicator_store.EVERY


def ensure_catalog(db: Database) -> int:
    """Insert the shipped indicators a database lacks; returns how many were added.

    Idempotent, and never touches an indicator that exists (a person may have edited it).
    """
    catalog = shipped_catalog()
    for attempt in range(2):
        try:
            with db.transaction() as s:
                have = indicator_store.slugs(s)
                missing = [spec for spec in catalog.indicators if spec.slug not in have]
                for spec in missing:
                    s.add(_row(spec, "catalog"))
                if missing:
                    audit.record(
                        s,
                        actor="chiso",
                        action="indicator.catalog",
                        entity="indicator",
                        entity_id=None,
                        after={"added": [spec.slug for spec in missing]},
                    )
                return len(missing)
        except IntegrityError:
            # Another process inserted some of them at the same moment: look again.
            if attempt:
                raise
    return 0  # pragma: no cover


def list_indicators(db: Database, programme: str | None = None) -> list[IndicatorOut]:
    """Indicators by programme then slug; ``programme`` accepts either language ("Đề án 06")."""
    with db.reading() as s:
        listed = indicator_store.listed(s, _programme(programme))
        return [IndicatorOut.model_validate(i) for i in listed]


class IndicatorPageOut(Out):
    """One page of the indicator list: indicators with data first (catalogue order within each
    half), how many there are, how many have data, and every programme for the filter."""

    indicators: list[IndicatorOut]
    #: the slugs of this page that have at least one observed (not target) point
    with_data_here: list[str]
    total: int
    with_data: int
    programmes: list[str]


def page_indicators(
    db: Database, programme: str | None = None, *, limit: int = 100, offset: int = 0
) -> IndicatorPageOut:
    """A page of the indicator list, read in SQL: one narrow query ranks every indicator (its id
    and whether it has data, an ``EXISTS`` through ``ix_observation_indicator_date``) and only the
    page's indicators are loaded whole. At 10,000 indicators the list used to validate every one
    of them twice to show 100 (issue 16)."""
    with db.reading() as s:
        ranked = indicator_store.ranked(s, _programme(programme))
        ordered = [i for i, h in ranked if h] + [i for i, h in ranked if not h]
        with_data = {i for i, h in ranked if h}
        ids = ordered[offset : offset + limit]
        rows = indicator_store.by_id(s, ids)
        page = [IndicatorOut.model_validate(rows[i]) for i in ids]
        programmes = indicator_store.programmes(s)
    return IndicatorPageOut(
        indicators=page,
        with_data_here=[i.slug for i in page if i.id in with_data],
        total=len(ranked),
        with_data=len(with_data),
        programmes=sorted(programmes, key=lambda p: p.casefold()),
    )


def get_indicator(db: Database, slug: str) -> IndicatorOut:
    """One indicator by slug (or numeric id)."""
    with db.reading() as s:
        return IndicatorOut.model_validate(lookups.indicator_by_slug(s, slug))


def add_indicator(db: Database, indicator: IndicatorIn, actor: str) -> IndicatorOut:
    """Create a person's own indicator; a slug already in use is a conflict."""
    with db.transaction() as s:
        if indicator_store.slug_taken(s, indicator.slug):
            raise ConflictError("indicator_exists", slug=indicator.slug)
        row = _row(indicator, "user")
        s.add(row)
        s.flush()
        audit.record(
            s, actor=actor, action="indicator.add", entity="indicator", entity_id=row.id, after=_snapshot(row)
        )
        invalidate(s)
        return IndicatorOut.model_validate(row)


def edit_indicator(
    db: Database, slug: str, changes: IndicatorChanges | dict[str, Any], actor: str
) -> IndicatorOut:
    """Change some fields of an indicator; the whole result is validated like a catalogue entry.
    ``None`` leaves a field as it is; an empty text clears an optional one (owner, programme, ...).

    The audit event holds the changed fields only, before and after.
    """
    try:
        patch = changes if isinstance(changes, IndicatorChanges) else IndicatorChanges.model_validate(changes)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise InputError("field_invalid", field=".".join(map(str, err["loc"])), msg=err["msg"]) from None
    with db.transaction() as s:
        ind = lookups.indicator_by_slug(s, slug)
        current = _spec(ind).model_dump()
        update = {
            k: None if k in _CLEARABLE and isinstance(v, str) and not v.strip() else v
            for k, v in patch.model_dump(exclude_none=True).items()
        }
        try:
            merged = IndicatorSpec.model_validate({**current, **update})
        except ValidationError as exc:
            err = exc.errors()[0]
            raise InputError(
                "indicator_field_invalid", slug=ind.slug, field=".".join(map(str, err["loc"])), msg=err["msg"]
            ) from None
        if merged.slug != ind.slug and indicator_store.slug_taken(s, merged.slug):
            raise ConflictError("indicator_exists", slug=merged.slug)
        before_all = _snapshot(ind)
        _apply(ind, merged)
        after_all = _snapshot(ind)
        changed = [k for k in after_all if after_all[k] != before_all[k]]
        if changed:
            audit.record(
                s,
                actor=actor,
                action="indicator.edit",
                entity="indicator",
                entity_id=ind.id,
                before={k: before_all[k] for k in changed},
                after={k: after_all[k] for k in changed},
            )
            invalidate(s)
        s.flush()
        return IndicatorOut.model_validate(ind)


def _apply(ind: Indicator, spec: IndicatorSpec) -> None:
    for f in _FIELDS:
        setattr(ind, f, getattr(spec, f))
    ind.match_rules = spec.match.as_json()


def import_catalog(db: Database, path: str | Path, actor: str) -> ImportResult:
    """Add or update indicators from a catalogue file, all or nothing.

    The file is validated first (errors name its line); then new slugs are added as the user's,
    existing ones updated where they differ (audited), and equal ones left alone.
    """
    return _import(db, load_catalog(path), actor)


def import_catalog_text(db: Database, text: str, actor: str, *, source: str = "<catalogue>") -> ImportResult:
    """:func:`import_catalog` from the YAML text itself (an upload, an API request body)."""
    return _import(db, parse_catalog(text, source=source), actor)


def _import(db: Database, catalog: Catalog, actor: str) -> ImportResult:
    result = ImportResult(source=catalog.source)
    with db.transaction() as s:
        existing = indicator_store.by_slug(s)
        for spec in catalog.indicators:
            ind = existing.get(spec.slug)
            if ind is None:
                row = _row(spec, "user")
                s.add(row)
                s.flush()
                audit.record(
                    s,
                    actor=actor,
                    action="indicator.import",
                    entity="indicator",
                    entity_id=row.id,
                    after=_snapshot(row),
                )
                result.added.append(spec.slug)
                continue
            before = _snapshot(ind)
            _apply(ind, spec)
            after = _snapshot(ind)
            changed = [k for k in after if after[k] != before[k]]
            if not changed:
                result.unchanged.append(spec.slug)
                continue
            audit.record(
                s,
                actor=actor,
                action="indicator.import",
                entity="indicator",
                entity_id=ind.id,
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
            result.updated.append(spec.slug)
        invalidate(s)
    return result


def export_catalog(db: Database, path: str | Path, programme: str | None = None) -> int:
    """Write indicators as a catalogue file that :func:`import_catalog` reads back; returns how many."""
    n, text = export_catalog_text(db, programme)
    p = Path(path)
    try:
        p.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError("file_unwritable", path=p, reason=exc.strerror or exc) from None
    return n


def export_catalog_text(db: Database, programme: str | None = None) -> tuple[int, str]:
    """The indicators (of one programme when given) as catalogue YAML, and how many there are."""
    with db.reading() as s:
        rows = indicator_store.in_id_order(s, _programme(programme))
        specs = [_spec(i) for i in rows]
    return len(specs), "# chiso indicator catalogue (chiso indicator export)\n" + dump_catalog(specs)


def suggestions_for(db: Database, mention_id: int, *, limit: int = 5) -> list[SuggestionOut]:
    """Ranked indicators for a figure mention (none for a deadline)."""
    with db.reading() as s:
        mention = lookups.get(s, Mention, mention_id)
        found = suggest_indicators(s, mention, text=mention.report.text, limit=limit)
        return [
            SuggestionOut(
                indicator_id=x.indicator_id,
                slug=x.slug,
                name_vi=x.name_vi,
                name_en=x.name_en,
                score=x.score,
                reasons=list(x.reasons),
                evidence=[MatchReasonOut(code=r.code, terms=list(r.terms)) for r in x.evidence],
            )
            for x in found
        ]


__all__ = [
    "MEASURES",
    "IndicatorPageOut",
    "add_indicator",
    "edit_indicator",
    "ensure_catalog",
    "export_catalog",
    "export_catalog_text",
    "get_indicator",
    "import_catalog",
    "import_catalog_text",
    "list_indicators",
    "page_indicators",
    "programme_vi",
    "suggestions_for",
]
