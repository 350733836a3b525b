"""Codes the services hand to templates that pages show as words (``{{ _(ind.measure) }}``).

The services keep language-free codes (a role, a measure, a conflict's kind, an event's state);
a template translates them where it shows them. Extraction only sees literal strings, so each
code that is also a msgid is marked here, where a new code is added beside its kin.
"""

from __future__ import annotations

from typing import Final

from chiso.i18n import N_

#: a user's role (account page)
ROLES: Final = (N_("viewer"), N_("editor"), N_("admin"))
#: how an indicator is counted (indicator pages; the English page shows the code itself)
MEASURES: Final = (
    N_("cumulative"),
    N_("flow"),
    N_("stock"),
    N_("rate"),
    N_("share"),
    N_("count_of_total"),
)
#: why two observations of one indicator disagree
CONFLICT_KINDS: Final = (N_("contradiction"), N_("cumulative_decrease"))
#: a commitment event's state (history on the commitment page)
EVENT_STATES: Final = (N_("proposed"), N_("confirmed"))

#: what an audit event changed (the history page; chiso.services.audit.ENTITIES)
AUDIT_ENTITIES: Final = (
    N_("api_token"),
    N_("commitment"),
    N_("commitment_event"),
    N_("feed"),
    N_("indicator"),
    N_("mention"),
    N_("observation"),
    N_("report"),
    N_("user"),
)

__all__ = ["AUDIT_ENTITIES", "CONFLICT_KINDS", "EVENT_STATES", "MEASURES", "ROLES"]
