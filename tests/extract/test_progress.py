"""Progress statements: completions and postponements, with quotes, offsets, actions and new dates.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.extract.progress import Completion, Postponement, find_progress

PUB = date(2026, 5, 10)


@pytest.mark.parametrize(
    ("text", "lang", "action", "trigger"),
    [
        ("Sáng 9/5, Bộ Công an đã vận hành chính thức Trung tâm dữ liệu quốc gia số 1 tại Hòa Lạc.", "vi",
         "vận hành chính thức Trung tâm dữ liệu quốc gia số 1 tại Hòa Lạc", "đã"),
        ("Trung tâm dữ liệu quốc gia số 1 đã chính thức đi vào hoạt động từ ngày 1/5/2026.", "vi",
         "Trung tâm dữ liệu quốc gia số 1 đi vào hoạt động", "đã chính thức"),
        ("Đến nay, các địa phương đã hoàn thành việc cấp căn cước cho người dân vùng sâu.", "vi",
         "cấp căn cước cho người dân vùng sâu", "đã"),
        ("Hệ thống cấp phép trực tuyến đã được đưa vào sử dụng trên toàn quốc.", "vi",
         "Hệ thống cấp phép trực tuyến đưa vào sử dụng trên toàn quốc", "đã được"),
        ("Tỉnh vừa hoàn tất số hóa hồ sơ đất đai của 12 huyện.", "vi",
         "số hóa hồ sơ đất đai của 12 huyện", "vừa"),
        ("Các bộ đã cung cấp dịch vụ công toàn trình theo Kế hoạch 07.", "vi",
         "cung cấp dịch vụ công toàn trình theo Kế hoạch 07", "đã"),
        ("Nhà thầu đã bàn giao hệ thống quản lý hộ tịch điện tử.", "vi",
         "bàn giao hệ thống quản lý hộ tịch điện tử", "đã"),
        ("The ministry has launched the national e-invoice portal.", "en",
         "launched the national e-invoice portal", "has launched"),
        ("The new licensing system went live on May 2, 2026.", "en",
         "The new licensing system went live", "went live"),
        ("Digital land records for all districts were completed in April.", "en",
         "Digital land records for all districts completed", "were completed"),
        ("The data exchange platform is now operational in every province.", "en",
         "The data exchange platform operational in every province", "is now operational"),
        ("Last week the city opened its one-stop online service centre.", "en",
         "opened its one-stop online service centre", "opened"),
    ],
)  # fmt: skip
def test_completions(text: str, lang: str, action: str, trigger: str) -> None:
    (got,) = find_progress(text, PUB, lang)  # type: ignore[arg-type]
    assert isinstance(got, Completion)
    assert (got.action, got.trigger) == (action, trigger)
    assert text[got.start : got.end] == got.quote
    assert action.split()[-1] in got.quote
    assert 0 < got.confidence <= 1


@pytest.mark.parametrize(
    ("text", "lang", "action", "due_start", "due_end", "precision"),
    [
        # no year: the next such quarter after publication, not the one just past
        ("Việc khai trương cổng dịch vụ mới được lùi sang quý III.", "vi",
         "khai trương cổng dịch vụ mới", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
        ("Việc khai trương cổng dịch vụ mới được lùi sang quý I.", "vi",
         "khai trương cổng dịch vụ mới", date(2027, 1, 1), date(2027, 3, 31), "quarter"),
        ("Bộ quyết định hoãn đến tháng 9/2026 việc vận hành hệ thống cấp phép.", "vi",
         "Bộ quyết định vận hành hệ thống cấp phép", date(2026, 9, 1), date(2026, 9, 30), "month"),
        # "hết": an end date only, as for the original deadline
        ("Thời hạn số hóa hồ sơ hộ tịch được gia hạn đến hết năm 2026.", "vi",
         "số hóa hồ sơ hộ tịch", None, date(2026, 12, 31), "year"),
        ("Dự án cầu cảng bị dời lại sang tháng 12/2026.", "vi",
         "Dự án cầu cảng", date(2026, 12, 1), date(2026, 12, 31), "month"),
        ("The opening of the second data centre has been postponed to September 2026.", "en",
         "The opening of the second data centre", date(2026, 9, 1), date(2026, 9, 30), "month"),
        ("Officials pushed back the rollout of digital land records to Q3 2026.", "en",
         "Officials the rollout of digital land records", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
        ("The e-invoice mandate was delayed until the end of 2026.", "en",
         "The e-invoice mandate", None, date(2026, 12, 31), "year"),
    ],
)  # fmt: skip
def test_postponements(
    text: str, lang: str, action: str, due_start: date | None, due_end: date, precision: str
) -> None:
    (got,) = find_progress(text, PUB, lang)  # type: ignore[arg-type]
    assert isinstance(got, Postponement)
    assert (got.action, got.due_start, got.due_end, got.precision) == (action, due_start, due_end, precision)
    assert text[got.start : got.end] == got.quote
    assert got.time_text in got.quote


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bộ trưởng đã chỉ ra 6 điểm nghẽn cần tháo gỡ.", "vi"),  # reporting, not completing
        ("Các đơn vị chưa hoàn thành việc kết nối dữ liệu.", "vi"),  # negation
        ("Dự kiến sẽ hoàn thành việc kết nối dữ liệu trong tháng 7.", "vi"),  # a plan
        ("Bộ phấn đấu đến năm 2027 đã số hóa toàn bộ hồ sơ.", "vi"),  # a target
        ("Ngành đã và đang triển khai nhiều giải pháp.", "vi"),  # still under way
        ("Hệ thống không bị lùi tiến độ.", "vi"),  # no new time
        ("The portal will be launched in June.", "en"),
        ("The agency has yet to complete the upgrade.", "en"),
        ("The ministry plans to have launched the service by June.", "en"),
        ("The schedule was not postponed to September.", "en"),
        ("Launched in 2019, the programme covers ten provinces.", "en"),
        # a promise retold in the past tense is still a promise
        ("Trước đó, Bộ đã đặt mục tiêu vận hành Trung tâm dữ liệu số 5.", "vi"),
        ("Tỉnh đã giao các sở hoàn thành số hóa hồ sơ đất đai.", "vi"),
        ("The ministry has launched a plan to digitise land records.", "en"),
        # dated after publication: a plan, whatever the verb
        ("Hệ thống đã hoàn thành vào tháng 12/2026.", "vi"),
        ("The new portal was completed by December 2026.", "en"),
        ("", "vi"),
    ],
)
def test_not_progress(text: str, lang: str) -> None:
    assert find_progress(text, PUB, lang) == []  # type: ignore[arg-type]


def test_auto_language_and_offsets_in_a_longer_text() -> None:
    text = (
        "Theo báo cáo, năm nay ngành có nhiều kết quả. "
        "Sáng 9/5, Bộ đã khai trương Cổng dịch vụ công số 2. "
        "Việc kết nối dữ liệu đất đai được lùi sang tháng 11/2026."
    )
    done, moved = find_progress(text, PUB)
    assert isinstance(done, Completion)
    assert isinstance(moved, Postponement)
    assert done.quote == text[done.start : done.end] == "Bộ đã khai trương Cổng dịch vụ công số 2"
    assert moved.due_end == date(2026, 11, 30)


def test_without_a_publication_date_relative_times_are_skipped() -> None:
    assert find_progress("Việc khai trương cổng dịch vụ mới được lùi sang quý III.", None, "vi") == []


def test_pure() -> None:
    # The extraction core pulls in no database, web or network library.
    code = "import sys, chiso.extract.progress; print(sorted({'sqlalchemy', 'httpx', 'fastapi'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


words = st.sampled_from(
    [
        "đã",
        "hoàn",
        "thành",
        "lùi",
        "sang",
        "quý",
        "III",
        "tháng",
        "9/2026",
        "hoãn",
        "đến",
        ",",
        ".",
        "và",
        "dữ",
        "liệu",
    ]
)


@given(st.lists(words, max_size=30), st.sampled_from(["vi", "en"]))
def test_quotes_always_match_offsets(tokens: list[str], lang: str) -> None:
    text = " ".join(tokens)
    for p in find_progress(text, PUB, lang):  # type: ignore[arg-type]
        assert text[p.start : p.end] == p.quote
        assert p.action
        if isinstance(p, Postponement):
            assert p.due_end is not None
            assert p.due_start is None or p.due_start <= p.due_end


def _corpus_texts() -> list[str]:
    from pathlib import Path

    from tests.corpus.scoring import read_doc

    root = Path(__file__).resolve().parents[2]
    texts = [
        read_doc(p)[1]
        for d in ("tests/corpus/figures/docs", "tests/corpus/deadlines/docs")
        for p in sorted((root / d).glob("*.txt"))
    ]
    return texts + [
        p.read_text(encoding="utf-8") for p in sorted((root / "src/chiso/demo/reports").glob("*.txt"))
    ]


def test_one_reading_finds_what_extract_and_find_progress_find_apart() -> None:
    # extract_with_progress shares sentences and the whole text's time expressions; the
    # statements must be those that find_progress finds sentence by sentence.
    from chiso.extract import extract, extract_with_progress

    texts = _corpus_texts()
    found = 0
    for text in texts:
        for published in (PUB, None):
            extraction, progress = extract_with_progress(text, published=published)
            assert extraction == extract(text, published=published)
            assert progress == find_progress(text, published)
            found += len(progress)
    assert len(texts) > 50
    assert found > 50  # the corpora do state progress: the comparison is not between empty lists


def test_sentence_times_keep_both_readings_and_the_vague_flag() -> None:
    """Found sentence by sentence (find_progress alone), a time keeps what the whole-text pass
    gives it: the past and next reading of a day without its year, and the vague flag."""
    from chiso.extract.progress import _sentence_times
    from chiso.extract.text import sentences
    from chiso.extract.timex import find_time_expressions

    text = "Mở đầu. Tính đến 14/9, xã đã xong 12 hồ sơ; đầu tháng 10 sẽ xong phần còn lại."
    published = date(2026, 3, 2)
    whole = find_time_expressions(text, published, "vi")
    apart = [t for s in sentences(text) for t in _sentence_times(s, published, "vi")]
    assert apart == whole
    assert any(t.readings is not None for t in apart)
    assert any(t.vague for t in apart)
