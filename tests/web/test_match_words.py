"""Issue 12 item 8: a suggested indicator shows how strong the match is in words, and why in a
journalist's words in the UI's language; the JSON API keeps the reasons as language-free codes.

Before the fix the panel and the queue printed "Tài khoản … · 100%" (read as a value of the
figure) and reasons such as "đã học · learned from mention #5" and "cumulative, as-of date".
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from chiso.catalog.ranking import REASON_CODES
from chiso.i18n import gettext
from chiso.services.indicators.schemas import MatchReasonOut
from chiso.store.db import Database
from chiso.web import match_words
from tests.browser.tracked_data import World, build

VI = {"Accept-Language": "vi"}
EN = {"Accept-Language": "en"}

#: what must never reach a person: a score as a percentage after a name, the matcher's own lines
RAW = [
    re.compile(r"\d+%</small>"),
    re.compile(r"· \d+%"),
    re.compile(r"learned from mention"),
    re.compile(r"đã học ·"),
    re.compile(r"#\d+ ·"),
    re.compile(r"as-of date"),
    re.compile(r"\bcumulative,"),
    re.compile(r">[^<]*\b(count_of_total|more_than|at_least|less_than|at_most)\b"),  # in text, not values
]


@pytest.fixture
def world(database: Database) -> World:
    return build(database)


def _clean(html: str) -> None:
    for pattern in RAW:
        assert not pattern.search(html), f"{pattern.pattern!r} shown: …{_around(html, pattern)}…"


def _around(html: str, pattern: re.Pattern[str]) -> str:
    m = pattern.search(html)
    assert m is not None
    return html[max(0, m.start() - 120) : m.end() + 40]


@pytest.mark.parametrize(
    ("headers", "strength", "learned", "unit"),
    [
        (VI, "khớp rõ", "biên tập viên đã từng gắn một số liệu tương tự vào chỉ số này", "cùng đơn vị:"),
        (EN, "strong match", "an editor matched a similar figure to it before", "same unit:"),
    ],
)
def test_the_panel_words_the_match(
    signed_in: TestClient, world: World, headers: dict[str, str], strength: str, learned: str, unit: str
) -> None:
    html = signed_in.get(f"/mentions/{world.pending_mention_id}/panel", headers=headers).text
    _clean(html)
    assert f'class="match match-strong">{strength}<' in html
    assert learned in html
    assert unit in html


@pytest.mark.parametrize(("headers", "strength"), [(VI, "khớp rõ"), (EN, "strong match")])
def test_the_queue_words_the_match(
    signed_in: TestClient, world: World, headers: dict[str, str], strength: str
) -> None:
    html = signed_in.get("/review", headers=headers).text
    _clean(html)
    option = re.search(r"<option value=\"vneid-activated-accounts\">([^<]*)</option>", html)
    assert option is not None
    assert option.group(1).endswith(f" · {strength}")
    assert strength in html


def test_the_edit_form_words_qualifiers_and_measures(signed_in: TestClient, world: World) -> None:
    vi = signed_in.get(f"/mentions/{world.pending_mention_id}/panel", headers=VI).text
    assert '<option value="more_than" selected>hơn</option>' in vi
    assert '<option value="count_of_total">số trên tổng</option>' in vi
    en = signed_in.get(f"/mentions/{world.pending_mention_id}/panel", headers=EN).text
    assert '<option value="more_than" selected>more than</option>' in en
    assert '<option value="cumulative" selected>running total</option>' in en


def test_the_json_keeps_codes_not_words(signed_in: TestClient, world: World) -> None:
    data = signed_in.get("/api/review").json()
    item = next(i for i in data["items"] if i["mention"]["id"] == world.pending_mention_id)
    top = item["suggestions"][0]
    assert isinstance(top["score"], float)
    codes = [e["code"] for e in top["evidence"]]
    assert codes, top
    assert set(codes) <= REASON_CODES
    assert "learned" in codes
    assert "unit" in codes


def test_every_reason_code_has_words_in_both_languages() -> None:
    assert set(match_words.REASONS) == REASON_CODES
    for english in [
        *match_words.REASONS.values(),
        *match_words.SHAPES.values(),
        *match_words.STRENGTH_LABELS.values(),
    ]:
        assert gettext("vi", english) != english, english
    for measure in match_words.MEASURES_EN:
        assert gettext("vi", measure) != measure, measure


@pytest.mark.parametrize(
    ("score", "expected"),
    [(1.0, "strong"), (0.9, "strong"), (0.89, "good"), (0.6, "good"), (0.59, "weak"), (0.0, "weak")],
)
def test_strength_bands(score: float, expected: str) -> None:
    assert match_words.strength(score) == expected


@pytest.mark.parametrize(
    ("reason", "locale", "expected", "against"),
    [
        (
            MatchReasonOut(code="learned", terms=["31"]),
            "en",
            "an editor matched a similar figure to it before",
            False,
        ),
        (MatchReasonOut(code="words", terms=["kích hoạt"]), "vi", "cạnh số liệu có “kích hoạt”", False),
        (
            MatchReasonOut(code="measure_fits", terms=["cumulative", "as_of"]),
            "en",
            "fits how it is counted (running total): a figure as of a date",
            False,
        ),
        (
            MatchReasonOut(code="measure_clashes", terms=["share", "no_percent"]),
            "vi",
            "không hợp với cách tính (tỷ lệ): không phải tỷ lệ phần trăm",
            True,
        ),
        (
            MatchReasonOut(code="out_of_range", terms=["0", "120000000"]),
            "vi",
            "nằm ngoài khoảng thường gặp (0–120.000.000)",
            True,
        ),
    ],
)
def test_reasons_in_words(reason: MatchReasonOut, locale: str, expected: str, against: bool) -> None:
    got = match_words.explain(reason, locale)
    assert got == match_words.Explained(text=expected, against=against)


def test_an_unknown_code_is_left_out() -> None:
    assert match_words.explain(MatchReasonOut(code="from-a-newer-version"), "en") is None
