"""What a notification says, in its subscriber's language: an e-mail's subject and body, and the
paths of what it is about. Built from the event's language-free payload when it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chiso.i18n import N_, gettext

_HEADLINES: dict[str, str] = {
    "observation": N_("New figure for {indicator}: {value} ({date})"),
    "conflict": N_("Conflicting figures for {indicator} on {date}: {value} and {other}"),
    "cumulative_decrease": N_(
        "A cumulative figure falls for {indicator}: {value} on {date} after {other} on {other_date}"
    ),
    "due_moved": N_("Deadline moved from {old} to {new}: {title}"),
    "due_soon": N_("Due on {date}: {title}"),
    "overdue": N_("Deadline passed unmet ({date}): {title}"),
    "resolved": N_("Commitment resolved ({status}): {title}"),
}
_STATUS: dict[str, str] = {
    "met": N_("met"),
    "met_late": N_("met late"),
    "missed": N_("missed"),
    "dropped": N_("dropped"),
}
_DUE_TODAY = N_("Due today: {title}")
_NO_DATE = N_("no date")
_WHY = N_("You receive this because you subscribed to alerts on chiso.")
_MANAGE = N_("Manage your alerts: {url}")
_SEE = N_("Details: {url}")


@dataclass(frozen=True, slots=True)
class Wording:
    subject: str
    body: str


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) as one space: what goes in a
    header cannot start another."""
    return " ".join(text.split())


def _num(v: Any) -> str:
    return f"{v:,.10g}" if isinstance(v, int | float) else "?"


def _value(p: dict[str, Any]) -> str:
    v = _num(p.get("value"))
    if p.get("value_max") is not None:
        v += "–" + _num(p["value_max"])
    unit = p.get("unit")
    return f"{v} {unit}" if unit else v


def path_of(p: dict[str, Any]) -> str | None:
    """The page the event is about."""
    if p.get("commitment") is not None:
        return f"/commitments/{int(p['commitment'])}"
    if p.get("indicator"):
        return f"/indicators/{p['indicator']}"
    return None


def headline(kind: str, p: dict[str, Any], lang: str) -> str:
    name = p.get("indicator_name_en") if lang == "en" else p.get("indicator_name_vi")
    nodate = gettext(lang, _NO_DATE)
    fields = {
        "indicator": name or p.get("indicator") or "",
        "value": _value(p),
        "date": p.get("ref_date") or p.get("due_end") or p.get("due_start") or nodate,
        "other": _num(p.get("other_value")),
        "other_date": p.get("other_ref_date") or nodate,
        "title": p.get("title") or "",
        "old": p.get("old_due_end") or p.get("old_due_start") or nodate,
        "new": p.get("due_end") or p.get("due_start") or nodate,
        "status": gettext(lang, _STATUS.get(str(p.get("status")), str(p.get("status") or ""))),
    }
    if kind == "due_soon" and p.get("days_left") == 0:
        template = _DUE_TODAY
    else:
        template = _HEADLINES.get(kind, "{title}")
    return one_line(gettext(lang, template).format(**fields))


def wording(kind: str, payload: dict[str, Any], lang: str, *, base_url: str) -> Wording:
    """An e-mail's subject (one line) and plain-text body."""
    head = headline(kind, payload, lang)
    lines = [head, ""]
    path = path_of(payload)
    if path is not None:
        lines.append(gettext(lang, _SEE).format(url=base_url + path))
        lines.append("")
    lines.append("-- ")
    lines.append(gettext(lang, _WHY))
    lines.append(gettext(lang, _MANAGE).format(url=base_url + "/account/alerts"))
    return Wording(subject=one_line("chiso: " + head)[:250], body="\n".join(lines) + "\n")


__all__ = ["Wording", "headline", "one_line", "path_of", "wording"]
