"""Licences: under which terms a report's words may be reused, as exports and citations state it.

A report may carry its own licence (``report.licence``: an SPDX-like id such as ``CC-BY-4.0`` or
free text such as ``© Báo Nhân Dân``); a publisher may carry one for all its reports; the
settings name a default (``CHISO_DEFAULT_LICENCE``). The licence that applies is the first of
these that is set (:func:`effective`). Setting either is one transaction with one audit entry.
"""

from __future__ import annotations

import unicodedata

from chiso.errors import InputError
from chiso.services import audit
from chiso.services.schemas import Out
from chiso.store import licences as licence_store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Report

#: the longest licence stored (``report.licence``, ``publisher_licence.licence``)
MAX_LICENCE = 200


class LicenceOut(Out):
    """The licence a report is under and where it comes from."""

    report_id: int
    publisher: str | None = None
    #: the report's own, its publisher's, and the one that applies (with the default)
    report_licence: str | None = None
    publisher_licence: str | None = None
    licence: str | None = None
    #: report | publisher | default | None (no licence known)
    source: str | None = None


class PublisherLicenceOut(Out):
    publisher: str
    licence: str | None = None


def clean(licence: str | None) -> str | None:
    """A licence as stored: NFC, spaces collapsed; empty is none. Longer than
    :data:`MAX_LICENCE` is refused."""
    if licence is None:
        return None
    text = unicodedata.normalize("NFC", " ".join(licence.split()))
    if len(text) > MAX_LICENCE:
        raise InputError("field_too_long", field="licence", most=MAX_LICENCE, n=len(text))
    return text or None


def effective(
    report_licence: str | None, publisher_licence: str | None, default: str | None
) -> tuple[str | None, str | None]:
    """The licence that applies and its source: the report's, else the publisher's, else the
    default (report | publisher | default, or ``(None, None)``)."""
    for value, source in ((report_licence, "report"), (publisher_licence, "publisher"), (default, "default")):
        if value:
            return value, source
    return None, None


def _out(report: Report, publisher_licence: str | None, default: str | None) -> LicenceOut:
    licence, source = effective(report.licence, publisher_licence, default)
    return LicenceOut(
        report_id=report.id,
        publisher=report.publisher,
        report_licence=report.licence,
        publisher_licence=publisher_licence,
        licence=licence,
        source=source,
    )


def report_licence(db: Database, report_id: int, *, default: str | None = None) -> LicenceOut:
    """The licence a report is under (``default``: the settings' ``default_licence``)."""
    with db.reading() as s:
        report = lookups.get(s, Report, report_id)
        return _out(report, licence_store.publisher_licence(s, report.publisher), default)


def set_licence(
    db: Database, report_id: int, licence: str | None, *, actor: str, default: str | None = None
) -> LicenceOut:
    """Set a report's own licence (``None`` or empty: remove it, the publisher's or the default
    applies again), audited."""
    value = clean(licence)
    with db.transaction() as s:
        report = lookups.get(s, Report, report_id)
        before = report.licence
        if before != value:
            report.licence = value
            s.flush()
            audit.record(
                s,
                actor=actor,
                action="report.licence",
                entity="report",
                entity_id=report.id,
                before={"licence": before},
                after={"licence": value},
            )
        return _out(report, licence_store.publisher_licence(s, report.publisher), default)


def set_publisher_licence(
    db: Database, publisher: str, licence: str | None, *, actor: str
) -> PublisherLicenceOut:
    """Set the licence of every report of ``publisher`` that names none (``None`` or empty:
    remove it), audited."""
    name = unicodedata.normalize("NFC", " ".join((publisher or "").split()))
    if not name:
        raise InputError("publisher_required")
    value = clean(licence)
    with db.transaction() as s:
        before = licence_store.set_publisher_licence(s, name, value, audit.now())
        if before != value:
            audit.record(
                s,
                actor=actor,
                action="publisher.licence",
                entity="publisher",
                entity_id=None,
                before={"publisher": name, "licence": before},
                after={"publisher": name, "licence": value},
            )
    return PublisherLicenceOut(publisher=name, licence=value)


def publisher_licences(db: Database) -> list[PublisherLicenceOut]:
    """Every publisher with a licence, by name."""
    with db.reading() as s:
        return [
            PublisherLicenceOut(publisher=p.publisher, licence=p.licence)
            for p in licence_store.publisher_licences(s)
        ]


__all__ = [
    "MAX_LICENCE",
    "LicenceOut",
    "PublisherLicenceOut",
    "clean",
    "effective",
    "publisher_licences",
    "report_licence",
    "set_licence",
    "set_publisher_licence",
]
