"""Progress on commitments and undated reports (issue 12.3): evidence is never dated the day of
review. An undated report proposes nothing until it is given its date; evidence with no date of
its own and no dated report cannot be confirmed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from chiso.errors import InputError
from chiso.services import commitments
from chiso.services.reports import dates as report_dates
from chiso.store.db import Database
from chiso.store.models import CommitmentEvent, Report
from tests.services.test_commitments import (
    CENTRE_DL,
    DATA_CENTRE,
    DONE_VI,
    ONLINE,
    ONLINE_DL,
    add_report,
    create,
    propose,
)


@pytest.fixture
def centre(database: Database) -> int:
    _, (m_centre, _) = add_report(
        database, f"{DATA_CENTRE} {ONLINE}", date(2026, 1, 20), (CENTRE_DL, ONLINE_DL)
    )
    return create(database, m_centre)


def test_an_undated_report_proposes_nothing_until_dated(database: Database, centre: int) -> None:
    report_id, _ = add_report(database, DONE_VI, None)
    assert propose(database, report_id) == 0
    assert commitments.list_proposals(database) == []
    out = report_dates.set_published(database, report_id, date(2026, 8, 6), actor="lan")
    assert out.proposals == 1
    (proposal,) = commitments.list_proposals(database)
    assert (proposal.commitment_id, proposal.on_date) == (centre, date(2026, 8, 6))


def test_evidence_without_any_date_is_not_confirmed_today(database: Database, centre: int) -> None:
    report_id, _ = add_report(database, DONE_VI, date(2026, 8, 6))
    assert propose(database, report_id) == 1
    (proposal,) = commitments.list_proposals(database)
    with database.transaction() as s:  # as a proposal made before this fix could be stored
        s.execute(update(CommitmentEvent).where(CommitmentEvent.id == proposal.id).values(on_date=None))
        s.execute(update(Report).where(Report.id == report_id).values(published_on=None))
    with pytest.raises(InputError, match=f"event {proposal.id} has no date"):
        commitments.confirm_event(database, proposal.id, "lan")
    with database.transaction() as s:
        s.execute(update(Report).where(Report.id == report_id).values(published_on=date(2026, 8, 7)))
    out = commitments.confirm_event(database, proposal.id, "lan")
    assert (out.status, out.resolved_on) == ("met", date(2026, 8, 7))  # the report's date, not today's
