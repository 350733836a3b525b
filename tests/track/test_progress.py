from datetime import date

import pytest

from chiso.track.progress import category_of, method_for, progress

B, L, D = date(2020, 1, 1), date(2022, 1, 1), date(2024, 1, 1)


@pytest.mark.parametrize(
    ("measure", "base", "latest", "target", "category", "method"),
    [
        # CAGR on a level: 10 % a year seen, 10 % a year needed
        ("cumulative", 100, 121, 146.41, "on_track", "cagr"),
        # 10 % seen, 15 % needed: ratio 0.67
        ("cumulative", 100, 121, 174.9, "needs_acceleration", "cagr"),
        # 1 % seen, 10 % needed: ratio 0.1
        ("stock", 100, 102, 146.41, "limited_progress", "cagr"),
        ("flow", 100, 90, 146.41, "moving_away", "cagr"),
        ("cumulative", 100, 150, 146.41, "achieved", "cagr"),
        # a target below the base: falling is progress
        ("count_of_total", 100, 81, 65.61, "on_track", "cagr"),
        ("count_of_total", 100, 110, 65.61, "moving_away", "cagr"),
        ("count_of_total", 100, 60, 65.61, "achieved", "cagr"),
        # shares: percentage points a year, 5 seen and 5 needed
        ("share", 50, 60, 70, "on_track", "linear"),
        ("share", 50, 54, 70, "limited_progress", "linear"),
        ("share", 50, 57, 70, "needs_acceleration", "linear"),
        ("share", 50, 45, 70, "moving_away", "linear"),
        ("share", 50, 70, 70, "achieved", "linear"),
        # no CAGR from zero: linear
        ("cumulative", 0, 50, 100, "on_track", "linear"),
    ],
)
def test_categories(
    measure: str, base: float, latest: float, target: float, category: str, method: str
) -> None:
    got = progress([(L, latest), (B, base)], target=target, due=D, measure=measure)
    assert got is not None
    assert (got.category, got.method) == (category, method)
    assert (got.base_on, got.latest_on, got.base_value, got.latest_value) == (B, L, base, latest)


def test_rates_are_per_year() -> None:
    got = progress([(B, 100), (L, 121)], target=146.41, due=D, measure="cumulative")
    assert got is not None
    assert got.ratio is not None
    assert got.observed_rate == pytest.approx(0.10, abs=1e-3)
    assert got.required_rate == pytest.approx(0.10, abs=1e-3)
    assert got.ratio == pytest.approx(1.0, abs=1e-2)
    linear = progress([(B, 50), (L, 60)], target=70, due=D, measure="share")
    assert linear is not None
    assert linear.observed_rate == pytest.approx(5.0, abs=1e-2)


@pytest.mark.parametrize(
    "points",
    [[], [(B, 100)], [(B, 100), (B, 120)]],
)
def test_too_few_points_say_nothing(points: list[tuple[date, float]]) -> None:
    assert progress(points, target=200, due=D, measure="cumulative") is None


def test_due_before_base_says_nothing() -> None:
    assert progress([(B, 100), (L, 120)], target=200, due=date(2019, 1, 1), measure="cumulative") is None


@pytest.mark.parametrize(
    ("ratio", "category"),
    [(1.2, "on_track"), (0.95, "on_track"), (0.949, "needs_acceleration"), (0.5, "needs_acceleration"),
     (0.49, "limited_progress"), (0.0, "limited_progress"), (-0.01, "moving_away")],
)  # fmt: skip
def test_thresholds(ratio: float, category: str) -> None:
    assert category_of(ratio) == category


@pytest.mark.parametrize(
    ("measure", "method"), [("share", "linear"), ("cumulative", "cagr"), ("rate", "cagr")]
)
def test_method_for(measure: str, method: str) -> None:
    assert method_for(measure) == method


def test_a_huge_growth_over_days_falls_back_to_linear() -> None:
    got = progress(
        [(date(2026, 1, 1), 1.0), (date(2026, 1, 3), 1e6)],
        target=2e6,
        due=date(2026, 12, 31),
        measure="cumulative",
    )
    assert got is not None
    assert got.method == "linear"
    assert got.category == "on_track"


def test_a_target_days_after_the_base_falls_back_to_linear() -> None:
    got = progress(
        [(date(2025, 12, 26), 1000), (date(2026, 1, 9), 1002)],
        target=5000,
        due=date(2026, 1, 11),
        measure="stock",
    )
    assert got is not None
    assert got.method == "linear"
    assert got.category == "limited_progress"
