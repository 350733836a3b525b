"""Atom 1.0 feeds that need no account: an indicator's new observations, a commitment's events,
and deadlines (upcoming, overdue, resolved) of a programme or of an owner. Made with feedgen;
every entry has its id, title, updated, author and link, and ids are stable URNs
(``urn:chiso:observation:12``) so that a reader never sees an entry twice.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from chiso.errors import NotFoundError
from chiso.i18n import N_, gettext
from chiso.services.alerts.messages import one_line
from chiso.store import alerts as store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Commitment
from chiso.track.owners import owner_slug
from chiso.track.status import standing

#: entries per feed
LIMIT = 50
ATOM_TYPE = "application/atom+xml"

_EVENT_WORDS: dict[str, str] = {
    "created": N_("Created"),
    "linked": N_("Stated again"),
    "due_changed": N_("Due date moved"),
    "evidence": N_("Evidence"),
    "resolved": N_("Resolved"),
    "reopened": N_("Reopened"),
    "edited": N_("Edited"),
    "merged": N_("Merged"),
    "status_changed": N_("Status changed"),
}
_STANDING_WORDS: dict[str, str] = {
    "overdue": N_("Overdue"),
    "due_soon": N_("Due soon"),
    "upcoming": N_("Upcoming"),
    "met": N_("met"),
    "met_late": N_("met late"),
    "missed": N_("missed"),
    "dropped": N_("dropped"),
}
_TARGET = N_("Target")
_NO_DEADLINE = N_("no deadline")
_DEADLINES = N_("Deadlines")


#: what XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF)
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """``value`` on one line with what XML cannot hold left out (a name typed with a control
    character must not break the feed)."""
    return one_line(_NOT_XML.sub("", value))


def _moment(d: datetime | date | None) -> datetime:
    if isinstance(d, datetime):
        return d if d.tzinfo else d.replace(tzinfo=UTC)
    if isinstance(d, date):
        return datetime.combine(d, time(0), tzinfo=UTC)
    return datetime(2000, 1, 1, tzinfo=UTC)


def _num(v: float | None) -> str:
    return f"{v:,.10g}" if v is not None else "?"


def _feed(
    *, fid: str, title: str, page: str, self_url: str, lang: str, subtitle: str | None = None
) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(fid)
    fg.title(_text(title))
    fg.author({"name": "chiso"})
    fg.link(href=page, rel="alternate", type="text/html")
    fg.link(href=self_url, rel="self", type=ATOM_TYPE)
    fg.language(lang)
    fg.generator("chiso")
    if subtitle:
        fg.subtitle(_text(subtitle))
    return fg


def _entry(
    fg: FeedGenerator, *, eid: str, title: str, updated: datetime, link: str, summary: str | None
) -> None:
    fe = fg.add_entry(order="append")
    fe.id(eid)
    fe.title(_text(title) or eid)
    fe.updated(updated)
    fe.published(updated)
    fe.link(href=link, rel="alternate", type="text/html")
    fe.author({"name": "chiso"})
    if summary:
        fe.summary(_text(summary))


def _done(fg: FeedGenerator, stamps: Sequence[datetime], fallback: datetime) -> bytes:
    fg.updated(max(stamps) if stamps else fallback)
    body: bytes = fg.atom_str(pretty=True)
    return body


def indicator_feed(db: Database, slug: str, *, base: str, lang: str) -> bytes:
    """The newest observations of an indicator, each linked to a report stating it."""
    with db.reading() as s:
        ind = lookups.indicator_by_slug(s, slug)
        rows = store.recent_observations(s, ind.id, LIMIT)
        reports = store.report_links(s, {r.report_id for r in rows if r.report_id is not None})
        name = ind.name_en if lang == "en" else ind.name_vi
        unit, created, slug = ind.unit, ind.created_at, ind.slug
    page = f"{base}/indicators/{slug}"
    fg = _feed(
        fid=f"urn:chiso:indicator:{slug}",
        title=f"{name} · chiso",
        page=page,
        self_url=f"{base}/feeds/indicators/{slug}.atom",
        lang=lang,
        subtitle=unit,
    )
    stamps: list[datetime] = []
    for r in rows:
        value = _num(r.value) + (f"–{_num(r.value_max)}" if r.value_max is not None else "")
        title = f"{value} {unit} ({r.ref_date.isoformat()})"
        if r.is_target:
            title = f"{gettext(lang, _TARGET)}: {title}"
        report = reports.get(r.report_id) if r.report_id is not None else None
        link = report.url if report is not None and report.url else f"{page}#observation-{r.id}"
        when = _moment(r.created_at)
        stamps.append(when)
        summary = report.title if report is not None and report.title else None
        _entry(fg, eid=f"urn:chiso:observation:{r.id}", title=title, updated=when, link=link, summary=summary)
    return _done(fg, stamps, _moment(created))


def commitment_feed(db: Database, commitment_id: int, *, base: str, lang: str) -> bytes:
    """The events of a commitment: created, stated again, due date moved, evidence, resolved..."""
    with db.reading() as s:
        c = lookups.get(s, Commitment, commitment_id)
        title, created = c.title, c.created_at
        events = store.commitment_events(s, c.id, LIMIT)
        items: list[dict[str, Any]] = [
            {
                "id": e.id,
                "kind": e.kind,
                "state": e.state,
                "at": e.at,
                "note": e.note,
                "old": e.old_due_end or e.old_due_start,
                "new": e.new_due_end or e.new_due_start,
                "status": e.status,
                "on": e.on_date,
            }
            for e in events
        ]
    page = f"{base}/commitments/{commitment_id}"
    fg = _feed(
        fid=f"urn:chiso:commitment:{commitment_id}",
        title=f"{title} · chiso",
        page=page,
        self_url=f"{base}/feeds/commitments/{commitment_id}.atom",
        lang=lang,
    )
    stamps: list[datetime] = []
    for e in items:
        words = [gettext(lang, _EVENT_WORDS.get(e["kind"], e["kind"]))]
        if e["kind"] == "due_changed" and e["new"] is not None:
            words.append(f"{e['old'] or '?'} → {e['new']}")
        if e["status"]:
            words.append(gettext(lang, _STANDING_WORDS.get(e["status"], e["status"])))
        if e["state"] == "proposed":
            words.append(f"({gettext(lang, 'proposed')})")
        when = _moment(e["at"])
        stamps.append(when)
        _entry(
            fg,
            eid=f"urn:chiso:commitment-event:{e['id']}",
            title=" · ".join(words),
            updated=when,
            link=f"{page}#event-{e['id']}",
            summary=e["note"],
        )
    return _done(fg, stamps, _moment(created))


def _deadline_entries(
    fg: FeedGenerator, rows: Sequence[Commitment], *, base: str, lang: str, today: date
) -> list[datetime]:
    stamps: list[datetime] = []
    for c in rows:
        st = standing(
            status=c.status, due_start=c.due_start, due_end=c.due_end, on=today, resolved_on=c.resolved_on
        )
        deadline = c.due_end or c.due_start
        when = deadline.isoformat() if deadline else gettext(lang, _NO_DEADLINE)
        word = gettext(lang, _STANDING_WORDS.get(st.status, st.status))
        # an entry changes when its standing does: updated is the latest of its creation, its
        # resolution and (for an open one) the day it became due soon or overdue
        moments = (
            [_moment(c.created_at), _moment(c.resolved_on)] if c.resolved_on else [_moment(c.created_at)]
        )
        if deadline is not None and c.status == "open" and deadline <= today:
            moments.append(_moment(deadline))
        updated = max(moments)
        stamps.append(updated)
        owner = f" — {c.owner}" if c.owner else ""
        _entry(
            fg,
            eid=f"urn:chiso:deadline:{c.id}",
            title=f"[{word}] {c.title} ({when})",
            updated=updated,
            link=f"{base}/commitments/{c.id}",
            summary=f"{c.title}{owner}",
        )
    return stamps


def deadlines_feed(db: Database, *, programme: str | None, base: str, lang: str, today: date) -> bytes:
    """Deadlines (newest deadline first), of one programme when given, with their standing today."""
    programme = _text(programme or "") or None
    with db.reading() as s:
        rows = store.deadline_rows(s, programme=programme, limit=LIMIT)
        query = f"?programme={quote(programme)}" if programme else ""
        fg = _feed(
            fid="urn:chiso:deadlines" + (f":{owner_slug(programme) or 'programme'}" if programme else ""),
            title=" · ".join(x for x in (gettext(lang, _DEADLINES), programme, "chiso") if x),
            page=f"{base}/deadlines{query}",
            self_url=f"{base}/feeds/deadlines.atom{query}",
            lang=lang,
        )
        stamps = _deadline_entries(fg, rows, base=base, lang=lang, today=today)
    return _done(fg, stamps, _moment(today))


def owner_slugs(db: Database, commitment_ids: Collection[int]) -> list[str]:
    """The slugs of these commitments' owners (each once, sorted)."""
    with db.reading() as s:
        texts = store.commitment_owners(s, commitment_ids)
    return sorted({owner_slug(o) for o in texts} - {""})


def owner_names(db: Database, slug: str) -> list[str]:
    """The owner texts (as written) whose slug is ``slug``."""
    with db.reading() as s:
        return [o for o in store.owner_texts(s) if owner_slug(o) == slug]


def owner_feed(db: Database, slug: str, *, base: str, lang: str, today: date) -> bytes:
    """The deadlines of one owner (every spelling of its name with this slug)."""
    names = owner_names(db, slug)
    if not names:
        raise NotFoundError("no_such_owner", slug=slug)
    with db.reading() as s:
        rows = store.deadline_rows(s, owners=names, limit=LIMIT)
        fg = _feed(
            fid=f"urn:chiso:owner:{slug}",
            title=f"{names[0]} · {gettext(lang, _DEADLINES)} · chiso",
            page=f"{base}/deadlines?owner={quote(names[0])}",
            self_url=f"{base}/feeds/owners/{slug}.atom",
            lang=lang,
        )
        stamps = _deadline_entries(fg, rows, base=base, lang=lang, today=today)
    return _done(fg, stamps, _moment(today))


__all__ = [
    "ATOM_TYPE",
    "LIMIT",
    "commitment_feed",
    "deadlines_feed",
    "indicator_feed",
    "owner_feed",
    "owner_names",
    "owner_slugs",
]
