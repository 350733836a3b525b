"""Syndicated copies are one source: a copy of a story (same ``story_id``) stays among a point's
sources, grouped under the story's first source, but adds no corroboration, in the series, the
dashboard's latest values and the review decision.

Sentences are written for these tests; reports and mentions are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from chiso.services import commitments, observations, review
from chiso.store.db import Database
from chiso.store.models import Report
from tests.review import factory
from tests.review.factory import Fig
from tests.services.test_commitments import CENTRE_DL, DATA_CENTRE, DONE_VI, add_report, create, propose

M = 1_000_000
SLUG = "vneid-activated-accounts"
ORIGINAL = "Theo thông cáo, đến nay cả nước có hơn 67 triệu tài khoản được kích hoạt."
# the same story carried by another outlet (a syndicated copy, lightly edited)
COPY = "Theo thông cáo, đến nay cả nước có hơn 67 triệu tài khoản được kích hoạt rồi."
# another story that states the same value
OTHER = "Một phóng viên khác tự tìm hiểu và cũng thấy hơn 67 triệu tài khoản đã kích hoạt."
HON67 = Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16))


@pytest.fixture
def three(database: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[Database, list[int], list[int]]:
    """Three reports of one value: the original, a copy of its story and an independent story.
    Returns the reports' ids and their mentions' ids."""
    factory.fake_matcher(monkeypatch)
    factory.indicators(database)
    made = [
        factory.report(database, ORIGINAL, [HON67], publisher="Báo Gốc"),
        factory.report(database, COPY, [HON67], publisher="Báo Đăng Lại", published=date(2026, 1, 17)),
        factory.report(database, OTHER, [HON67], publisher="Báo Độc Lập", published=date(2026, 1, 18)),
    ]
    reports = [m.report_id for m in made]
    with database.transaction() as s:
        s.execute(update(Report).where(Report.id.in_(reports[:2])).values(story_id=reports[0]))
        s.execute(update(Report).where(Report.id == reports[2]).values(story_id=reports[2]))
    return database, reports, [m.mention_ids[0] for m in made]


def test_a_copy_adds_no_corroboration_to_the_decision(three: tuple[Database, list[int], list[int]]) -> None:
    db, _reports, (original, copy, other) = three
    first = review.accept(db, original, indicator=SLUG, actor="lan")
    assert (first.source_count, first.syndicated_copy) == (1, False)
    second = review.accept(db, copy, indicator=SLUG, actor="lan")
    assert second.observation_id == first.observation_id
    assert (second.source_count, second.syndicated_copy) == (1, True)
    third = review.accept(db, other, indicator=SLUG, actor="lan")
    assert (third.source_count, third.syndicated_copy) == (2, False)


def test_the_series_counts_stories_and_groups_copies(three: tuple[Database, list[int], list[int]]) -> None:
    db, reports, (original, copy, other) = three
    for mid in (original, copy, other):
        review.accept(db, mid, indicator=SLUG, actor="lan")
    (point,) = observations.series(db, SLUG).points
    assert (point.source_count, point.copies) == (2, 1)
    by_mention = {src.mention_id: src for src in point.sources}
    assert len(by_mention) == 3  # every quote is kept: provenance
    assert (by_mention[copy].copy_of, by_mention[copy].story_id) == (original, reports[0])
    assert by_mention[original].copy_of is None
    assert by_mention[other].copy_of is None
    (listed,) = observations.list_observations(db, SLUG)
    assert listed.source_count == 2
    (latest,) = observations.latest(db, [SLUG])
    assert latest.source_count == 2


def test_copies_only_are_one_source(three: tuple[Database, list[int], list[int]]) -> None:
    db, _reports, (original, copy, _other) = three
    for mid in (original, copy):
        review.accept(db, mid, indicator=SLUG, actor="lan")
    (point,) = observations.series(db, SLUG).points
    assert (point.source_count, point.copies) == (1, 1)
    (latest,) = observations.latest(db, [SLUG])
    assert latest.source_count == 1


def test_a_copy_of_a_completion_story_is_not_second_evidence(database: Database) -> None:
    _, (mid,) = add_report(database, DATA_CENTRE, date(2026, 1, 20), (CENTRE_DL,))
    create(database, mid)
    done, _ = add_report(database, DONE_VI, date(2026, 8, 6))
    assert propose(database, done) == 1
    copy, _ = add_report(database, DONE_VI + " (Bài đăng lại.)", date(2026, 8, 7), story=done)
    assert propose(database, copy) == 0
    assert len(commitments.list_proposals(database)) == 1
