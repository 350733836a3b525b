"""Observations: corroboration, repeats, dates kept apart from publication, conflicts, series."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.services import observations, review
from chiso.services.observations import Stated, compare
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Fig

M = 1_000_000


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (Stated(67 * M, "more_than"), Stated(67.2 * M), "agree"),  # hơn 67 triệu / 67,2 triệu
        (Stated(67 * M), Stated(67.2 * M), "agree"),  # rounding of "67 triệu"
        (Stated(67 * M), Stated(62 * M), "conflict"),
        (Stated(67 * M, "more_than"), Stated(62 * M), "conflict"),  # 62 is not more than 67
        (Stated(67 * M, "more_than"), Stated(67 * M, "more_than"), "same"),
        (Stated(67 * M), Stated(67 * M, "more_than"), "agree"),
        (Stated(67 * M, "about"), Stated(65 * M), "agree"),
        (Stated(67 * M, "about"), Stated(60 * M), "conflict"),
        (Stated(67 * M, "nearly"), Stated(66.4 * M), "agree"),
        (Stated(67 * M, "nearly"), Stated(68 * M), "conflict"),
        (Stated(67 * M, "less_than"), Stated(60 * M), "agree"),
        (Stated(18, of_total=19), Stated(17, of_total=19), "conflict"),
        (Stated(18, of_total=19), Stated(18, of_total=20), "conflict"),
        (Stated(18, of_total=19), Stated(18, of_total=19), "same"),
        (Stated(85), Stated(85.3), "agree"),  # "85%" rounds "85,3%"
        (Stated(85), Stated(86), "conflict"),
        (Stated(10 * M, value_max=15 * M), Stated(12 * M), "agree"),
        (Stated(10 * M, value_max=15 * M), Stated(20 * M), "conflict"),
        (Stated(3 * M), Stated(3_000_001), "agree"),
    ],
)
def test_compare(a: Stated, b: Stated, verdict: str) -> None:
    assert compare(a, b) == verdict
    assert compare(b, a) == verdict


TEXT_A = "Theo báo cáo tổng kết, cả nước hiện có hơn 67 triệu tài khoản được kích hoạt."
TEXT_B = "Bản tin khác cho biết cả nước hiện có hơn 67 triệu tài khoản được kích hoạt, tăng mạnh."
TEXT_C = "Một nguồn thứ ba viết rằng số tài khoản đã kích hoạt là 62 triệu tài khoản."
TEXT_D = "Một nguồn khác ghi nhận con số 67,2 triệu tài khoản đã được kích hoạt."

HON67 = Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16), period_text="hiện")


@pytest.fixture
def ids(database: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    factory.fake_matcher(monkeypatch)
    return factory.indicators(database)


def _accept_all(db: Database, made: factory.Made, slug: str = "vneid-activated-accounts") -> None:
    for mid in made.mention_ids:
        review.accept(db, mid, indicator=slug, actor="tester")


def test_same_figure_in_two_reports_is_one_observation_with_two_sources(
    database: Database, ids: dict[str, int]
) -> None:
    a = factory.report(database, TEXT_A, [HON67], url="https://a.example/1", publisher="Báo A")
    b = factory.report(database, TEXT_B, [HON67], url="https://b.example/2", publisher="Báo B")
    _accept_all(database, a)
    _accept_all(database, b)
    (obs,) = observations.list_observations(database, "vneid-activated-accounts")
    assert obs.source_count == 2
    assert {s.publisher for s in obs.sources} == {"Báo A", "Báo B"}
    assert obs.qualifier == "more_than"
    assert obs.value == 67 * M
    assert obs.as_of == date(2026, 1, 16)
    assert {s.quote for s in obs.sources} == {"hơn 67 triệu tài khoản"}


def test_newer_report_repeating_an_old_so_far_figure_adds_no_point(
    database: Database, ids: dict[str, int]
) -> None:
    old = factory.report(database, TEXT_A, [HON67], published=date(2026, 1, 16))
    later = Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 2, 20), period_text="hiện")
    new = factory.report(database, TEXT_B, [later], published=date(2026, 2, 20))
    _accept_all(database, old)
    _accept_all(database, new)
    (obs,) = observations.list_observations(database)
    assert obs.source_count == 2
    assert obs.as_of == date(2026, 1, 16)


def test_a_written_date_is_not_replaced_by_the_publication_date(
    database: Database, ids: dict[str, int]
) -> None:
    text = "Tính đến ngày 31/12/2025, có 18/19 cơ sở dữ liệu đã hoàn thành."
    fig = Fig(
        "18/19 cơ sở dữ liệu",
        18,
        unit="cơ sở dữ liệu",
        of_total=19,
        as_of=date(2025, 12, 31),
        period_text="tính đến ngày 31/12/2025",
    )
    made = factory.report(database, text, [fig], published=date(2026, 1, 16))
    review.accept(database, made.mention_ids[0], indicator="mps-databases-completed", actor="tester")
    (obs,) = observations.list_observations(database)
    assert obs.as_of == date(2025, 12, 31)
    assert obs.ref_date == date(2025, 12, 31)
    assert obs.sources[0].published_on == date(2026, 1, 16)
    assert obs.of_total == 19


def test_undated_figure_takes_the_publication_date_as_of(database: Database, ids: dict[str, int]) -> None:
    made = factory.report(database, TEXT_C, [Fig("62 triệu tài khoản", 62 * M)], published=date(2026, 3, 1))
    _accept_all(database, made)
    (obs,) = observations.list_observations(database)
    assert obs.as_of == date(2026, 3, 1)


def test_period_figures_keep_their_period(database: Database, ids: dict[str, int]) -> None:
    text = "Trong năm 2025, trung bình có 3 triệu lượt/ngày truy cập ứng dụng."
    fig = Fig(
        "3 triệu lượt/ngày",
        3 * M,
        unit="lượt/ngày",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    made = factory.report(database, text, [fig])
    review.accept(database, made.mention_ids[0], indicator="vneid-daily-accesses", actor="t")
    (obs,) = observations.list_observations(database)
    assert (obs.as_of, obs.period_start, obs.period_end, obs.ref_date) == (
        None,
        date(2025, 1, 1),
        date(2025, 12, 31),
        date(2025, 12, 31),
    )


def test_conflicts_tell_contradiction_from_rounding(database: Database, ids: dict[str, int]) -> None:
    a = factory.report(database, TEXT_A, [HON67])
    d = factory.report(database, TEXT_D, [Fig("67,2 triệu tài khoản", 67.2 * M, as_of=date(2026, 1, 16))])
    _accept_all(database, a)
    _accept_all(database, d)
    assert len(observations.list_observations(database)) == 2  # two statements, both true
    assert observations.conflicts(database) == []
    c = factory.report(database, TEXT_C, [Fig("62 triệu tài khoản", 62 * M, as_of=date(2026, 1, 16))])
    _accept_all(database, c)
    (conflict,) = observations.conflicts(database)
    assert conflict.kind == "contradiction"
    assert conflict.indicator == "vneid-activated-accounts"
    assert conflict.ref_date == date(2026, 1, 16)
    assert [o.value for o in conflict.observations] == [62 * M, 67 * M, 67.2 * M]
    assert "62,000,000" in conflict.message


def test_a_cumulative_series_going_down_is_flagged(database: Database, ids: dict[str, int]) -> None:
    a = factory.report(database, TEXT_A, [HON67], published=date(2026, 1, 16))
    c = factory.report(
        database,
        TEXT_C,
        [Fig("62 triệu tài khoản", 62 * M, as_of=date(2026, 3, 1))],
        published=date(2026, 3, 1),
    )
    _accept_all(database, a)
    _accept_all(database, c)
    (conflict,) = observations.conflicts(database)
    assert conflict.kind == "cumulative_decrease"
    assert conflict.ref_date == date(2026, 3, 1)
    assert [o.ref_date for o in conflict.observations] == [date(2026, 1, 16), date(2026, 3, 1)]


def test_a_rate_going_down_is_not_a_conflict(database: Database, ids: dict[str, int]) -> None:
    t1 = "Đầu năm có 3 triệu lượt/ngày truy cập."
    t2 = "Cuối quý có 2 triệu lượt/ngày truy cập."
    a = factory.report(
        database, t1, [Fig("3 triệu lượt/ngày", 3 * M, unit="lượt/ngày", as_of=date(2026, 1, 1))]
    )
    b = factory.report(
        database, t2, [Fig("2 triệu lượt/ngày", 2 * M, unit="lượt/ngày", as_of=date(2026, 3, 31))]
    )
    _accept_all(database, a, "vneid-daily-accesses")
    _accept_all(database, b, "vneid-daily-accesses")
    assert observations.conflicts(database) == []


def test_series_and_latest(database: Database, ids: dict[str, int]) -> None:
    early = "Năm ngoái có 50 triệu tài khoản được kích hoạt."
    a = factory.report(
        database,
        early,
        [Fig("50 triệu tài khoản", 50 * M, as_of=date(2025, 6, 30))],
        url="https://a.example/early",
        published=date(2025, 7, 1),
    )
    b = factory.report(database, TEXT_A, [HON67], url="https://b.example/now", title="Tổng kết")
    c = factory.report(database, TEXT_B, [HON67], url="https://c.example/now")
    for made in (a, b, c):
        _accept_all(database, made)
    s = observations.series(database, "vneid-activated-accounts")
    assert s.indicator.measure == "cumulative"
    assert [(p.ref_date, p.value, p.source_count) for p in s.points] == [
        (date(2025, 6, 30), 50 * M, 1),
        (date(2026, 1, 16), 67 * M, 2),
    ]
    src = s.points[1].sources[0]
    assert (src.url, src.title, src.published_on) == ("https://b.example/now", "Tổng kết", date(2026, 1, 16))
    assert TEXT_A[src.start : src.end] == src.quote
    (row,) = observations.latest(database)
    assert row.indicator.slug == "vneid-activated-accounts"
    assert (row.value, row.ref_date, row.source_count, row.points) == (67 * M, date(2026, 1, 16), 2, 2)
    assert (row.previous_value, row.change) == (50 * M, 17 * M)


def test_series_of_unknown_indicator_is_not_found(database: Database) -> None:
    from chiso.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no-such"):
        observations.series(database, "no-such")
