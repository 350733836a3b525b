"""Search without diacritics, on SQLite (FTS5) and PostgreSQL (tsvector over chiso_fold): the
three kinds, their counts and pages, every write path kept in the index, and input that must
never be read as FTS or tsquery syntax."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, update

from chiso.services import indicators, search
from chiso.services.commitments import edit as edit_commitment
from chiso.services.commitments.schemas import CommitmentEdit
from chiso.services.reports import add_report
from chiso.services.reports.sources import read_pasted
from chiso.services.search.query import MAX_QUERY
from chiso.store import search as index
from chiso.store.db import Database
from chiso.store.folding import fold, terms
from chiso.store.models import Commitment, Indicator, Report

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _report(db: Database, text: str, title: str | None = None) -> int:
    doc = read_pasted(text, max_bytes=1_000_000)
    return add_report(
        db, doc, title=title, publisher="Tòa soạn", published=date(2025, 3, 20), actor="test"
    ).report_id


def _indicator(db: Database, slug: str, name_vi: str, name_en: str) -> int:
    with db.transaction() as s:
        row = Indicator(
            slug=slug, name_vi=name_vi, name_en=name_en, unit="tài khoản", measure="stock", created_at=NOW
        )
        s.add(row)
        s.flush()
        return row.id


def _commitment(db: Database, title: str, owner: str | None = None) -> int:
    with db.transaction() as s:
        row = Commitment(
            title=title, owner=owner, precision="year", due_end=date(2026, 12, 31), created_at=NOW
        )
        s.add(row)
        s.flush()
        return row.id


def _ids(found: search.SearchResults) -> list[int]:
    return [h.report.id for h in found.reports]


def test_fold_drops_marks_and_d_stroke_one_character_for_one() -> None:
    assert fold("Điện tử TÀI KHOẢN ưu tiên") == "dien tu tai khoan uu tien"
    assert terms(unicodedata.normalize("NFD", "Điện  tử điện")) == ["dien", "tu"]
    assert terms('"tai" *khoan* -NEAR(x)') == ["tai", "khoan", "near", "x"]


@pytest.mark.parametrize(
    "q",
    [
        "tai khoan",
        "TAI KHOAN",
        "tài khoản",
        "Tài Khoản",
        unicodedata.normalize("NFD", "tài khoản"),
        "tai khoản",  # half typed with marks
        "khoan tai",  # every word, in any order
        "tai kho",  # the last word as typed so far
        "dinh danh dien",
    ],
)
def test_a_report_is_found_with_and_without_diacritics(database: Database, q: str) -> None:
    rid = _report(database, "Đã có 60 triệu tài khoản định danh điện tử được kích hoạt.", title="VNeID")
    _report(database, "Một bản tin khác về kinh tế số.")
    found = search.search(database, q)
    assert _ids(found) == [rid]
    assert found.report_count.count == 1
    assert not found.report_count.capped


def test_d_stroke_is_found_as_d_in_text_and_title(database: Database) -> None:
    in_text = _report(database, "Chính phủ điện tử phát triển mạnh.")
    in_title = _report(database, "Một văn bản khác.", title="Đô thị thông minh")
    assert _ids(search.search(database, "dien tu")) == [in_text]
    assert _ids(search.search(database, "do thi")) == [in_title]
    assert _ids(search.search(database, "ĐIỆN TỬ")) == [in_text]


def test_the_snippet_marks_the_hit_in_its_own_spelling(database: Database) -> None:
    _report(database, "Mở đầu. Hệ thống <b>định danh</b> điện tử đã có 60 triệu tài khoản.")
    hit = search.search(database, "dinh danh dien tu").reports[0]
    assert hit.match == "định danh"  # the longest run of the query's words
    hit = search.search(database, "tai khoan").reports[0]
    assert hit.match == "tài khoản"
    assert (hit.before + hit.match + hit.after).startswith("Mở đầu. Hệ thống <b>")


def test_indicators_by_either_name_or_slug_and_commitments_by_title_or_owner(database: Database) -> None:
    _indicator(
        database,
        "vneid-activated-accounts",
        "Tài khoản định danh điện tử được kích hoạt",
        "Activated e-ID accounts",
    )
    _commitment(database, "Hoàn thành Trung tâm dữ liệu quốc gia", owner="Bộ Công an")
    assert [i.slug for i in search.search(database, "tai khoan dinh danh").indicators] == [
        "vneid-activated-accounts"
    ]
    assert [i.slug for i in search.search(database, "activated accounts").indicators] == [
        "vneid-activated-accounts"
    ]
    assert [i.slug for i in search.search(database, "vneid-activated").indicators] == [
        "vneid-activated-accounts"
    ]
    found = search.search(database, "du lieu quoc gia")
    assert [c.title for c in found.commitments] == ["Hoàn thành Trung tâm dữ liệu quốc gia"]
    assert found.commitment_count.count == 1
    assert found.indicator_count.count == 0
    assert [c.owner for c in search.search(database, "bo cong an").commitments] == ["Bộ Công an"]


def test_edits_and_deletes_reach_the_index(database: Database) -> None:
    slug = "e-gov-services"
    _indicator(database, slug, "Dịch vụ công trực tuyến", "Online public services")
    cid = _commitment(database, "Kết nối cơ sở dữ liệu dân cư")
    rid = _report(database, "Tin về chuyển đổi số.")
    indicators.edit_indicator(database, slug, {"name_vi": "Hồ sơ trực tuyến toàn trình"}, actor="test")
    edit_commitment(database, cid, CommitmentEdit(title="Cấp căn cước điện tử"), actor="test")
    assert search.search(database, "dich vu cong").indicators == []
    assert [i.slug for i in search.search(database, "ho so toan trinh").indicators] == [slug]
    assert search.search(database, "dan cu").commitments == []
    assert [c.id for c in search.search(database, "can cuoc").commitments] == [cid]
    with database.transaction() as s:
        s.execute(update(Report).where(Report.id == rid).values(title="Bản tin nông nghiệp"))
    assert _ids(search.search(database, "nong nghiep")) == [rid]
    with database.transaction() as s:
        s.execute(delete(Report).where(Report.id == rid))
    assert _ids(search.search(database, "chuyen doi so")) == []


def test_merged_commitments_are_left_out(database: Database) -> None:
    keep = _commitment(database, "Phủ sóng 5G toàn quốc")
    other = _commitment(database, "Phủ sóng 5G toàn quốc")
    with database.transaction() as s:
        s.execute(update(Commitment).where(Commitment.id == other).values(merged_into_id=keep))
    assert [c.id for c in search.search(database, "phu song").commitments] == [keep]


def test_pages_newest_first_and_a_capped_count(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [_report(database, f"Bản tin số {n} về tài khoản định danh.") for n in range(5)]
    first = search.search(database, "tai khoan", limit=2)
    assert _ids(first) == ids[::-1][:2]
    assert first.report_count.count == 5
    assert _ids(search.search(database, "tai khoan", limit=2, offset=4)) == ids[:1]
    monkeypatch.setattr(index, "COUNT_CAP", 3)
    capped = search.search(database, "tai khoan", limit=2)
    assert capped.report_count.capped
    assert capped.report_count.count == 3


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"tai',
        "tai*",
        "*",
        "-khoan",
        "ta* khoan",
        "tai NEAR khoan",
        "NEAR(tai khoan)",
        "tai OR zzq",
        "tai AND NOT khoan",
        "tai:* & khoan",
        "(tai | khoan) !",
        "'; DROP TABLE report; --",
        "^tai {title}: khoan",
        "\\",
        "%_%",
        "📈 tài",
        "x" * 500,
    ],
)
def test_search_syntax_is_never_read_as_syntax(database: Database, q: str) -> None:
    text = "Có 60 triệu tài khoản."
    rid = _report(database, text)
    found = search.search(database, q)
    words, in_text = terms(q[:MAX_QUERY]), terms(text)
    # found when every word is a word of the text, the last the start of one: OR, NOT, NEAR are
    # words, not operators
    expected = (
        bool(words)
        and sum(map(len, words)) >= 2
        and all(w in in_text for w in words[:-1])
        and any(t.startswith(words[-1]) for t in in_text)
    )
    assert _ids(found) == ([rid] if expected else [])


def test_short_or_empty_queries_search_nothing(database: Database) -> None:
    _report(database, "Có 60 triệu tài khoản.")
    assert search.search(database, "t").too_short
    assert search.search(database, "**").reports == []
    assert not search.search(database, "").too_short


def test_only_the_last_word_may_be_cut_short(database: Database) -> None:
    rid = _report(database, "Có 60 triệu tài khoản định danh.")
    assert _ids(search.search(database, "tai khoa")) == [rid]
    assert _ids(search.search(database, "ta khoan")) == []
