"""Ranking indicators for figure mentions: own sentences, learning, and the seed report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from chiso.catalog.matching import build_matcher, learn, neighbourhood, suggest_indicators, tokens
from chiso.services.audit import now
from chiso.services.indicators.catalogue import ensure_catalog
from chiso.store.db import Database
from chiso.store.models import Indicator, MatchExample
from tests.catalog.helpers import Fig, add_report

# (sentence, figure, expected top slug): written for these tests, not copied from any report.
OWN = [
    ("Tính đến cuối tháng 3, cả nước đã kích hoạt 70,2 triệu tài khoản định danh điện tử.",
     Fig("70,2 triệu tài khoản định danh điện tử", 70.2e6, "tài khoản định danh điện tử", period="tính đến cuối tháng 3"),
     "vneid-activated-accounts"),
    ("Trong năm 2024, công an các tỉnh cấp mới 9 triệu tài khoản định danh điện tử.",
     Fig("9 triệu tài khoản định danh điện tử", 9e6, "tài khoản định danh điện tử", period="năm 2024",
         period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)),
     "vneid-new-accounts-year"),
    ("Ứng dụng VNeID hiện có 45 tiện ích phục vụ người dân.",
     Fig("45 tiện ích", 45, "tiện ích"), "vneid-utilities"),
    ("Cổng Dịch vụ công quốc gia đã có 4,5 triệu tài khoản đăng ký.",
     Fig("4,5 triệu tài khoản", 4.5e6, "tài khoản"), "public-service-portal-accounts"),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình của tỉnh đạt 55,6%.",
     Fig("55,6%", 55.6, "%"), "online-public-services-full-process-share"),
    ("Đến tháng 5, cả nước đã cấp 87 triệu thẻ căn cước công dân gắn chip.",
     Fig("87 triệu thẻ căn cước công dân gắn chip", 87e6, "thẻ căn cước công dân"), "chip-id-cards-issued"),
    ("Trung tâm dữ liệu quốc gia đã đồng bộ 120 triệu bản ghi từ các cơ sở dữ liệu chuyên ngành.",
     Fig("120 triệu bản ghi", 120e6, "bản ghi"), "ndc-records-synchronised"),
    ("Hệ thống ghi nhận trung bình 2,5 triệu lượt truy cập mỗi ngày vào VNeID.",
     Fig("2,5 triệu lượt truy cập", 2.5e6, "lượt truy cập"), "vneid-daily-accesses"),
    ("Tổng cộng đã có 1,2 tỷ lượt truy cập ứng dụng VNeID.",
     Fig("1,2 tỷ lượt truy cập", 1.2e9, "lượt truy cập"), "vneid-accesses"),
    # the extractor may cut the quote at the unit's head: the words after it still count
    ("Năm nay đã có thêm 56.000 tài khoản định danh cho người nước ngoài đang sinh sống tại Việt Nam.",
     Fig("56.000 tài khoản định danh", 56000, "tài khoản định danh"), "vneid-foreigner-accounts"),
    ("Các cơ quan đã tiếp nhận 3,1 triệu hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia trong quý I.",
     Fig("3,1 triệu hồ sơ trực tuyến", 3.1e6, "hồ sơ"), "online-applications-received"),
    ("Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 81%.",
     Fig("81%", 81, "%"), "digitised-records-share"),
    ("Năm 2026 phải tháo gỡ dứt điểm 4 điểm nghẽn về chuyển đổi số.",
     Fig("4 điểm nghẽn", 4, "điểm nghẽn"), "digital-transformation-bottlenecks"),
    ("Điểm dịch vụ công trực tuyến theo Bộ chỉ số tại Quyết định 766 đạt 14,2 điểm.",
     Fig("14,2 điểm", 14.2, "điểm"), "decision-766-online-services-score"),
    ("So far more than 70 million VNeID accounts have been activated.",
     Fig("more than 70 million VNeID accounts", 70e6, "VNeID accounts"), "vneid-activated-accounts"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fig", "slug"), OWN, ids=[row[2] + f"-{i}" for i, row in enumerate(OWN)])
def test_own_sentences_rank_the_right_indicator_first(
    database: Database, text: str, fig: Fig, slug: str
) -> None:
    ensure_catalog(database)
    with database.transaction() as s:
        (m,) = add_report(s, text, [fig])
        found = suggest_indicators(s, m, text=text)
    assert found[0].slug == slug, [(x.slug, x.score, x.reasons) for x in found[:3]]
    assert all(0.0 <= x.score <= 1.0 for x in found)
    assert [x.score for x in found] == sorted((x.score for x in found), reverse=True)
    assert found[0].reasons


def test_reasons_name_the_words_the_unit_and_the_period(database: Database) -> None:
    ensure_catalog(database)
    text = "Đến nay đã kích hoạt 71 triệu tài khoản."
    with database.transaction() as s:
        (m,) = add_report(s, text, [Fig("71 triệu tài khoản", 71e6, "tài khoản", period="đến nay")])
        top = suggest_indicators(s, m, text=text)[0]
    assert top.slug == "vneid-activated-accounts"
    joined = " · ".join(top.reasons)
    assert "'kích hoạt'" in joined
    assert "đơn vị 'tài khoản'" in joined
    assert "cumulative, as-of date" in joined
    assert top.score >= 0.9


def test_a_change_is_not_a_level(database: Database) -> None:
    ensure_catalog(database)
    text = "Số tài khoản đã kích hoạt tăng 15% so với cùng kỳ."
    with database.transaction() as s:
        (m,) = add_report(s, text, [Fig("15%", 15, "%", change=True)])
        found = suggest_indicators(s, m, text=text)
    assert all(x.score < 0.9 for x in found)


def test_deadlines_get_no_indicator(database: Database) -> None:
    ensure_catalog(database)
    text = "Chậm nhất quý II phải hoàn thành."
    with database.transaction() as s:
        (m,) = add_report(s, text, [Fig("quý II", 2)])
        m.kind = "deadline"
        assert suggest_indicators(s, m, text=text) == []


def test_no_indicators_no_suggestions(database: Database) -> None:
    text = "Đã kích hoạt 71 triệu tài khoản."
    with database.transaction() as s:
        (m,) = add_report(s, text, [Fig("71 triệu tài khoản", 71e6, "tài khoản")])
        assert suggest_indicators(s, m, text=text) == []


def test_learning_ranks_a_persons_indicator_first_for_similar_mentions(database: Database) -> None:
    ensure_catalog(database)
    first = "Năm ngoái ngành công an đã cấp 500.000 tài khoản định danh cho tổ chức, doanh nghiệp."
    later = "Trong quý I, có thêm 120.000 tài khoản định danh cho tổ chức, doanh nghiệp được cấp."
    with database.transaction() as s:
        mine = Indicator(slug="enterprise-e-ids", name_vi="Định danh doanh nghiệp", name_en="Enterprise e-IDs",
                         unit="tài khoản", measure="flow", origin="user", created_at=now(), match_rules={})  # fmt: skip
        s.add(mine)
        (a,) = add_report(
            s,
            first,
            [Fig("500.000 tài khoản định danh cho tổ chức, doanh nghiệp", 5e5, "tài khoản định danh")],
        )
        before = suggest_indicators(s, a, text=first)
        assert before[0].slug == "vneid-organisation-accounts"
        learn(s, a, mine.id)
    with database.transaction() as s:
        (b,) = add_report(
            s,
            later,
            [Fig("120.000 tài khoản định danh cho tổ chức, doanh nghiệp", 1.2e5, "tài khoản định danh")],
        )
        found = suggest_indicators(s, b, text=later)
        assert found[0].slug == "enterprise-e-ids", [(x.slug, x.score) for x in found[:3]]
        assert any("đã học" in r for r in found[0].reasons)
        assert found[0].score >= 0.9
        assert found[1].score < found[0].score - 0.2
        examples = s.query(MatchExample).all()
        assert [(e.indicator_id, e.mention_id) for e in examples] == [(mine.id, a.id)]
        assert examples[0].unit == "tài khoản định danh cho tổ chức doanh nghiệp"


def test_a_new_decision_on_the_same_mention_replaces_the_lesson(database: Database) -> None:
    ensure_catalog(database)
    text = "Đến nay đã kích hoạt 71 triệu tài khoản."
    with database.transaction() as s:
        (m,) = add_report(s, text, [Fig("71 triệu tài khoản", 71e6, "tài khoản")])
        ids = {i.slug: i.id for i in s.query(Indicator)}
        learn(s, m, ids["vneid-new-accounts-year"])
        learn(s, m, ids["vneid-activated-accounts"])
        rows = s.query(MatchExample).all()
        assert [r.indicator_id for r in rows] == [ids["vneid-activated-accounts"]]


def test_learning_with_a_generic_unit_needs_the_context_to_agree(database: Database) -> None:
    """Linking one "tài khoản" figure must not drag every other "tài khoản" figure along."""
    ensure_catalog(database)
    with database.transaction() as s:
        ids = {i.slug: i.id for i in s.query(Indicator)}
        t1 = "Đến nay đã kích hoạt 71 triệu tài khoản."
        (a,) = add_report(s, t1, [Fig("71 triệu tài khoản", 71e6, "tài khoản", period="đến nay")])
        learn(s, a, ids["vneid-activated-accounts"])
        t2 = "Riêng năm 2026 đã cấp mới 6 triệu tài khoản."
        (b,) = add_report(s, t2, [Fig("6 triệu tài khoản", 6e6, "tài khoản", period="năm 2026")])
        assert suggest_indicators(s, b, text=t2)[0].slug == "vneid-new-accounts-year"


def test_matcher_is_compiled_once_per_session_and_rebuilt_after_changes(database: Database) -> None:
    ensure_catalog(database)
    with database.transaction() as s:
        first = build_matcher(s)
        assert build_matcher(s) is first
        s.add(
            Indicator(slug="x-new", name_vi="x", name_en="x", unit="cái", measure="stock", created_at=now())
        )
        s.flush()
        again = build_matcher(s)
        assert again is not first
        assert any(i.slug == "x-new" for i in again.indicators)


def test_neighbourhood_extends_a_cut_unit_with_its_complement() -> None:
    text = "Đã cấp 56.000 tài khoản định danh cho người nước ngoài và 3 triệu tài khoản khác."

    class M:
        id, kind, value, unit_head, of_total, is_change = 1, "figure", 56000.0, None, None, False
        period_text = as_of = period_start = period_end = None
        quote, unit = "56.000 tài khoản định danh", "tài khoản định danh"
        start = text.index(quote)
        end = start + len(quote)

    nb = neighbourhood(M(), text)
    assert nb.tail == tokens("tài khoản định danh cho người nước ngoài")


def test_old_and_new_tone_marks_match() -> None:
    assert tokens("số hoá") == tokens("số hóa")
    assert tokens("Thuỷ") == tokens("thủy")


# --- the seed report ------------------------------------------------------------------------------

SEED = "001_5f9a72008c0e1dbd"
EXPECTED = {
    "trên 67 triệu tài khoản": "vneid-activated-accounts",
    "50 tiện ích": "vneid-utilities",
    "hơn 500 triệu lượt truy cập": "vneid-accesses",
    "trên 3 triệu lượt/ngày": "vneid-daily-accesses",
    "780.000 tài khoản định danh cho tổ chức, doanh nghiệp": "vneid-organisation-accounts",
    "trên 82.000 tài khoản định danh cho người nước ngoài": "vneid-foreigner-accounts",
    "18/19 cơ sở dữ liệu": "mps-databases-completed",
    "hơn 215 triệu bản ghi": "ndc-records-synchronised",
    "247 triệu thông tin": "ndc-information-shared",
    "13 cơ sở dữ liệu": "ndc-databases-connected",
    "100% công an các đơn vị": "police-units-steering-committee-57-share",
    "hơn 7 triệu tài khoản": "vneid-new-accounts-year",
}
#: what `chiso review auto --min-confidence 0.9` needs: a top score this high and a clear gap below it
AUTO_SCORE = 0.9
AUTO_GAP = 0.2


def _seed_figures(shared: Path) -> tuple[str, list[Fig]]:
    text = (shared / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    figs = []
    for line in (shared / "eval" / "seeds-gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g["doc"] == SEED and g["kind"] == "figure":
            figs.append(
                Fig(g["quote"], g["value"], g.get("unit"), of=g.get("of"), period=g.get("period") or None)
            )
    return text, figs


def test_seed_report_figures_match_their_indicators_with_auto_review_confidence(
    database: Database, shared_dir: Path
) -> None:
    ensure_catalog(database)
    text, figs = _seed_figures(shared_dir)
    assert {f.quote for f in figs} >= set(EXPECTED)
    with database.transaction() as s:
        mentions = add_report(s, text, figs)
        matcher = build_matcher(s)
        got = {m.quote: matcher.suggest(m, text) for m in mentions}
    for quote, slug in EXPECTED.items():
        top, second = got[quote][0], got[quote][1]
        detail = [(x.slug, x.score) for x in got[quote][:3]]
        assert top.slug == slug, (quote, detail)
        assert top.score >= AUTO_SCORE, (quote, detail)
        assert second.score <= top.score - AUTO_GAP, (quote, detail)
    # the flow "riêng năm 2025" is not the running total
    cumulative = (
        next(x for x in got["hơn 7 triệu tài khoản"] if x.slug == "vneid-activated-accounts")
        if any(x.slug == "vneid-activated-accounts" for x in got["hơn 7 triệu tài khoản"])
        else None
    )
    assert cumulative is None or cumulative.score < 0.5


def test_seed_report_end_to_end_through_the_extractor(database: Database, shared_dir: Path) -> None:
    """The same expectations when the mentions come from ``add_report`` (the real extractor)."""
    from chiso.ingest.files import read_path
    from chiso.services.indicators.catalogue import suggestions_for
    from chiso.services.reports import add as reports

    ensure_catalog(database)
    doc = read_path(shared_dir / "seeds" / f"{SEED}.txt", max_bytes=10_000_000)
    added = reports.add_report(database, doc, published=date(2026, 1, 16))
    detail = reports.get_report(database, added.report_id)
    top: dict[str, tuple[str, float, float]] = {}
    for m in detail.mentions:
        if m.kind == "figure":
            found = suggestions_for(database, m.id, limit=2)
            top[m.quote] = (found[0].slug, found[0].score, found[1].score)
    for quote, slug in EXPECTED.items():
        # the extractor may quote less than the gold ("100%", "780.000 tài khoản định danh")
        key = next((q for q in top if quote.startswith(q) or q.startswith(quote)), None)
        assert key is not None, (quote, sorted(top))
        got_slug, score, runner_up = top[key]
        assert got_slug == slug, (quote, top[key])
        assert score >= AUTO_SCORE, (quote, top[key])
        assert runner_up <= score - AUTO_GAP, (quote, top[key])


@pytest.mark.parametrize(
    ("phrase", "found"),
    [("kích hoạt", True), ("tài khoản định danh cho tổ chức doanh nghiệp", True),
     ("đã kích hoạt 71 triệu tài khoản định danh cho tổ chức", True), ("tổ chức kích hoạt", False), ("", False)],
)  # fmt: skip
def test_indexed_words_find_the_same_phrases_as_a_scan(phrase: str, found: bool) -> None:
    from chiso.catalog.match_text import Words

    ts = tokens("Đến nay đã kích hoạt 71 triệu tài khoản định danh cho tổ chức, doanh nghiệp.")
    assert Words(ts).has(tokens(phrase)) is found
