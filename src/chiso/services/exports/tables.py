"""Observations out to CSV, XLSX or JSON and back in, without losing anything.

One row per (observation, source): the value with its qualifier and dates, and the report and
quote that state it, with the licence it is under (the report's, else its publisher's, else the
settings' default), an absolute permalink to the quote in the reader, and the day the report was
read (its access date, as a citation gives it). Importing an export into an empty database and exporting again gives the
same rows but for the permalinks, which point into the database exported from (a report or
quote gets new ids in another): every other column is stored (a source whose report is not in the database becomes a small
report holding its quotes, marked ``source_kind="import"``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from chiso.config import DEFAULT_BASE_URL
from chiso.errors import InputError
from chiso.services import audit, observations
from chiso.services.observations.schemas import ExportFormat, ImportResult
from chiso.store import exports as stored_exports
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention, Report

COLUMNS: tuple[str, ...] = (
    "indicator",
    "value",
    "value_max",
    "qualifier",
    "of",
    "as_of",
    "period_start",
    "period_end",
    "target",
    "source_url",
    "report_title",
    "publisher",
    "published_on",
    "quote",
    "licence",
    # where the quote is read in chiso's reader (absolute), and the day the report was read
    "permalink",
    "accessed_on",
    # provenance of the point's date: where it came from (sentence | context | published) and the
    # phrase that dated it ("tính đến ngày 30/9")
    "time_source",
    "dated_by",
)
_TIME_SOURCES = ("sentence", "context", "published")
_NUMBERS = ("value", "value_max", "of")
_DATES = ("as_of", "period_start", "period_end", "published_on")
_QUALIFIERS = ("exact", "more_than", "at_least", "about", "nearly", "less_than", "at_most")
IMPORT_VERSION = "import"
#: ``report.source_kind`` of a report made here from imported quotes
IMPORTED_SOURCE = "import"


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else v


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def permalink(base_url: str, report_id: int, mention_id: int) -> str:
    """The absolute address of a quote in the reader (its mark is ``#m<mention id>``)."""
    return f"{base_url.rstrip('/')}/reports/{report_id}#m{mention_id}"


def rows(
    db: Database,
    indicator: str | None = None,
    *,
    base_url: str | None = None,
    default_licence: str | None = None,
) -> list[dict[str, Any]]:
    """The export rows, in a stable order (indicator, date, value, then source).

    ``base_url`` is where this chiso is served (the permalinks' start; by default ``chiso web``'s
    own address); ``default_licence`` the licence of a source whose report and publisher name none."""
    base_url = base_url or DEFAULT_BASE_URL
    out: list[dict[str, Any]] = []
    for o in observations.list_observations(db, indicator):
        base = {
            "indicator": o.indicator,
            "value": _num(o.value),
            "value_max": _num(o.value_max),
            "qualifier": o.qualifier,
            "of": _num(o.of_total),
            "as_of": _iso(o.as_of),
            "period_start": _iso(o.period_start),
            "period_end": _iso(o.period_end),
            "target": o.is_target,
        }
        empty: dict[str, Any] = {
            "source_url": None,
            "report_title": None,
            "publisher": None,
            "published_on": None,
            "quote": None,
            "licence": None,
            "permalink": None,
            "accessed_on": None,
            "time_source": None,
            "dated_by": None,
        }
        sources = [
            {
                "source_url": src.url,
                "report_title": src.title,
                "publisher": src.publisher,
                "published_on": _iso(src.published_on),
                "quote": src.quote,
                "licence": src.licence or default_licence,
                "permalink": permalink(base_url, src.report_id, src.mention_id),
                "accessed_on": _iso(src.accessed_on),
                "time_source": src.time_source,
                "dated_by": src.time_quote,
            }
            for src in o.sources
        ] or [empty]
        out.extend({**base, **src} for src in sources)
    out.sort(key=lambda r: tuple("" if r[c] is None else str(r[c]) for c in COLUMNS))
    return out


def format_of(path: Path, fmt: str | None = None) -> ExportFormat:
    name = (fmt or path.suffix.lstrip(".")).lower()
    if name not in ("csv", "xlsx", "json"):
        raise InputError("table_unknown_format", name=path.name)
    return name  # type: ignore[return-value]


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


#: A cell that starts with one of these is a formula to a spreadsheet that opens the CSV (OWASP's
#: "CSV injection"). Such text is written with a leading apostrophe, and so is text that already
#: starts with one, so that the import can take exactly one off and the round trip stays lossless.
_FORMULA_STARTS = frozenset("=+-@\t\r'")
#: Characters an XLSX (XML 1.0) cell cannot hold; openpyxl refuses them. Dropped on export.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_text(v: Any) -> str:
    """Text for a spreadsheet cell that a spreadsheet will never run as a formula."""
    s = _text(v)
    return "'" + s if s[:1] in _FORMULA_STARTS else s


def _uncell_text(s: str) -> str:
    """The inverse of :func:`_cell_text` for text read back from an export."""
    return s[1:] if len(s) > 1 and s[0] == "'" and s[1] in _FORMULA_STARTS else s


def render(data: list[dict[str, Any]], fmt: ExportFormat) -> bytes:
    """Export rows as the bytes of a CSV, XLSX or JSON file."""
    if fmt == "json":
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in data:
            w.writerow([_text(r[c]) if c in _NUMBERS else _cell_text(r[c]) for c in COLUMNS])
        return buf.getvalue().encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "observations"
    ws.append(list(COLUMNS))
    for r in data:
        # Dates stay ISO text: spreadsheet date cells come back as datetimes in the reader's zone.
        # Text goes through _cell_text as in the CSV: openpyxl stores any "=..." string as a formula.
        ws.append(
            [
                r[c] if c in _NUMBERS or c == "target" else _XML_ILLEGAL.sub("", _cell_text(r[c]))
                for c in COLUMNS
            ]
        )
    # A fixed timestamp keeps two exports of the same data alike.
    wb.properties.created = wb.properties.modified = datetime(2000, 1, 1)
    buf_b = io.BytesIO()
    wb.save(buf_b)
    return buf_b.getvalue()


def export_observations(
    db: Database,
    path: Path,
    *,
    fmt: str | None = None,
    indicator: str | None = None,
    base_url: str | None = None,
    default_licence: str | None = None,
) -> int:
    """Write every observation (of one indicator when given) with its sources; returns the row count."""
    kind = format_of(path, fmt)
    data = rows(db, indicator, base_url=base_url, default_licence=default_licence)
    path.write_bytes(render(data, kind))
    return len(data)


# --- import --------------------------------------------------------------------------------------


def _read_rows(path: Path, fmt: ExportFormat) -> list[dict[str, Any]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("table_unreadable", path=path, reason=exc.strerror) from None
    return parse(raw, fmt, name=path.name)


def parse(raw: bytes, fmt: ExportFormat, *, name: str = "<input>") -> list[dict[str, Any]]:
    """The raw rows of an export file (values still as written)."""
    if fmt == "json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError("table_json_invalid", name=name, reason=exc) from None
        if isinstance(data, dict):
            data = data.get("observations", data.get("rows"))
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InputError("table_json_not_list", name=name)
        return data
    if fmt == "csv":
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("table_not_utf8", name=name) from None
        return [
            {k: _uncell_text(v) if isinstance(v, str) and k not in _NUMBERS else v for k, v in r.items()}
            for r in csv.DictReader(io.StringIO(text))
        ]
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError("table_xlsx_unreadable", name=name, reason=exc) from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = [str(h) if h is not None else "" for h in next(it, ())]
    out = [
        {k: _uncell_text(v) if isinstance(v, str) else v for k, v in zip(header, r, strict=False)}
        for r in it
        if any(v not in (None, "") for v in r)
    ]
    wb.close()
    return out


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def _clean(r: dict[str, Any], line: int) -> dict[str, Any]:
    """One row, checked and typed; errors name the row (header = row 1)."""
    missing = [c for c in ("indicator", "value") if c not in r]
    if missing:
        raise InputError(
            "table_missing_columns", line=line, missing=", ".join(missing), expected=", ".join(COLUMNS)
        )
    out: dict[str, Any] = {}
    for c in COLUMNS:
        v = r.get(c)
        v = None if _blank(v) else v
        if c in _NUMBERS and v is not None:
            try:
                v = float(str(v).strip()) if not isinstance(v, int | float) else float(v)
            except ValueError:
                raise InputError("table_row_not_number", line=line, field=c, value=v) from None
            if not math.isfinite(v):
                raise InputError("table_row_not_finite", line=line, field=c)
        elif c == "permalink":
            v = None  # a link into the database exported from, not data to store
        elif c in (*_DATES, "accessed_on") and v is not None:
            if isinstance(v, datetime):
                v = v.date()
            elif not isinstance(v, date):
                try:
                    v = date.fromisoformat(str(v).strip())
                except ValueError:
                    raise InputError("table_row_bad_date", line=line, field=c, value=v) from None
        elif c == "target":
            v = v is True or str(v).strip().lower() in ("true", "1", "yes")
        elif v is not None:
            v = str(v)
        out[c] = v
    if out["indicator"] is None or out["value"] is None:
        raise InputError("table_row_incomplete", line=line)
    if out["time_source"] is not None and out["time_source"] not in _TIME_SOURCES:
        raise InputError(
            "table_row_choice",
            line=line,
            field="time_source",
            choices=", ".join(_TIME_SOURCES),
            value=out["time_source"],
        )
    out["qualifier"] = out["qualifier"] or "exact"
    if out["qualifier"] not in _QUALIFIERS:
        raise InputError(
            "table_row_choice",
            line=line,
            field="qualifier",
            choices=", ".join(_QUALIFIERS),
            value=out["qualifier"],
        )
    if not any(out[c] for c in _DATES):
        # Never the day of the import: a point without a date is no point on a time series.
        raise InputError("table_row_undated", line=line)
    return out


def _source_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["source_url"], r["report_title"], r["publisher"], r["published_on"], r["licence"], r["accessed_on"])


def _import_report(s: Session, key: tuple[Any, ...], quotes: list[str]) -> Report:
    """The report a source row points at: the stored one with that URL holding every quote, else a
    small report made of the quotes themselves."""
    url, title, publisher, published, licence, accessed = key
    if url:
        for report in stored_exports.reports_at(s, url):
            if all(q in report.text for q in quotes):
                return report
    text = "\n\n".join(dict.fromkeys(quotes)) or (title or url or "")
    sha = hashlib.sha256(("import\n" + "\n".join(map(str, key)) + "\n" + text).encode("utf-8")).hexdigest()
    found = stored_exports.report_with_sha(s, sha)
    if found is not None:
        return found
    report = Report(
        sha256=sha,
        url=url,
        title=title,
        publisher=publisher,
        published_on=published,
        added_at=audit.now(),
        # the day the exported report was read stays its access date
        fetched_at=datetime(accessed.year, accessed.month, accessed.day, tzinfo=UTC) if accessed else None,
        lang="vi",
        text=text,
        source_kind=IMPORTED_SOURCE,
        extractor_version=IMPORT_VERSION,
        licence=licence,
    )
    s.add(report)
    s.flush()
    report.story_id = report.id
    return report


def _indicators(db: Database, slugs: Iterable[str]) -> None:
    """Load the shipped catalogue when the file names indicators this database does not have."""
    with db.reading() as s:
        known = stored_exports.known_slugs(s, slugs)
    if set(slugs) - known:
        from chiso.services.indicators import ensure_catalog

        ensure_catalog(db)


def import_observations(
    db: Database, path: Path, *, fmt: str | None = None, actor: str = "cli"
) -> ImportResult:
    """Read an export (CSV, XLSX or JSON) into the database, all rows or none."""
    kind = format_of(path, fmt)
    return import_rows(db, _read_rows(path, kind), actor=actor, name=path.name)


def import_rows(
    db: Database, raw: list[dict[str, Any]], *, actor: str = "cli", name: str = "<input>"
) -> ImportResult:
    data = [_clean(r, i + 2) for i, r in enumerate(raw)]
    if data:
        _indicators(db, {r["indicator"] for r in data})
    result = ImportResult(rows=len(data), observations_created=0, sources_added=0, unchanged=0)
    with db.transaction() as s:
        by_source: dict[tuple[Any, ...], list[str]] = {}
        for r in data:
            if r["quote"] is not None:
                by_source.setdefault(_source_key(r), []).append(r["quote"])
        reports = {k: _import_report(s, k, quotes) for k, quotes in by_source.items()}
        ids: dict[str, int] = {}
        for r in data:
            slug = r["indicator"]
            if slug not in ids:
                ind = stored_exports.indicator_by_slug(s, slug)
                if ind is None:
                    # Unknown to the catalogue: keep the data under a placeholder a person can edit.
                    ind = Indicator(
                        slug=slug, name_vi=slug, name_en=slug, unit="", measure="stock", origin="user",
                        match_rules={}, created_at=audit.now(),
                    )  # fmt: skip
                    s.add(ind)
                    s.flush()
                    result.indicators_created.append(slug)
                ids[slug] = ind.id
            report = reports.get(_source_key(r)) if r["quote"] is not None else None
            ref = r["as_of"] or r["period_end"] or r["period_start"] or r["published_on"]
            assert ref is not None, "_clean refuses a row without a date"
            stated = observations.Stated(r["value"], r["qualifier"], r["value_max"], r["of"])
            dates = observations.ObservationDates(
                r["as_of"], r["period_start"], r["period_end"], ref, inferred=False
            )
            obs, created = observations.find_or_create(s, ids[slug], stated, dates, is_target=r["target"])
            result.observations_created += created
            if report is None:
                result.unchanged += not created
                continue
            start = report.text.find(r["quote"])
            end = start + len(r["quote"])
            m = stored_exports.figure_at(s, report.id, start, end)
            if m is not None and m.observation_id == obs.id:
                result.unchanged += 1
                continue
            if m is None:
                m = Mention(report_id=report.id, kind="figure", start=start, end=end, quote=r["quote"],
                            extractor_version=IMPORT_VERSION, confidence=1.0)  # fmt: skip
                s.add(m)
            elif m.state != "pending":
                raise InputError(
                    "table_quote_conflict", name=name, quote=r["quote"], id=report.id, state=m.state
                )
            m.value, m.value_max, m.qualifier, m.of_total = (
                r["value"],
                r["value_max"],
                r["qualifier"],
                r["of"],
            )
            m.as_of, m.period_start, m.period_end, m.is_target = (
                r["as_of"],
                r["period_start"],
                r["period_end"],
                r["target"],
            )
            m.time_source, m.time_quote = r["time_source"], r["dated_by"]
            if m.time_quote is not None and m.time_quote in report.text:
                m.time_start = report.text.find(m.time_quote)
                m.time_end = m.time_start + len(m.time_quote)
            m.state, m.decided_at, m.decided_by = "accepted", audit.now(), actor
            m.indicator_id, m.observation_id = ids[slug], obs.id
            s.flush()
            result.sources_added += 1
        audit.record(
            s,
            actor=actor,
            action="observation.import",
            entity="observation",
            entity_id=None,
            after={"file": name, **result.model_dump(mode="json")},
        )
    return result


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
