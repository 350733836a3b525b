"""The speed gates in front of the extractor's scans must never change what a scan finds.

A gate (a set of first letters, a trie of first words, ``str.find`` for literal words) only lets
``re`` skip text faster; these tests run each gated scan beside its plain form over every corpus
and demo text, in lowercase and as written, and over cases picked to sit on a gate's edge.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from chiso.extract import figure_candidates, figure_dating
from chiso.extract.text import matching_view, normalise
from tests.corpus.scoring import read_doc

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    matching_view(normalise(read_doc(p)[1]))
    for d in ("tests/corpus/figures/docs", "tests/corpus/deadlines/docs")
    for p in sorted((ROOT / d).glob("*.txt"))
] + [
    matching_view(normalise(p.read_text(encoding="utf-8")))
    for p in sorted((ROOT / "src/chiso/demo/reports").glob("*.txt"))
]
EDGES = [
    "Tính đến nay, riêng năm 2025 và 6 tháng đầu năm 2026; quý IV; giai đoạn 2021-2025.",
    "Mục tiêu năm nay: phấn đấu đạt 80%, dự kiến cuối năm; kế hoạch đặt ra từ đầu tháng 3.",
    "As of June 2025, so far this year; by the end of 2026 the target is 30%; plans to reach 5 million.",
    "hai triệu, Hai mươi ba bộ, ba bộ, HAI triệu, mười tỉnh, Three ministries, two million, Millions of",
    "thousands of people; hundreds; Dozens of; trillion; millionaire; billions; 3 trăm; hàng chục nghìn",
    "đầu năm, sáng 16/1, chiều ngày 5, nửa đầu năm, từ ngày 1/7, vào cuối quý",
]


def test_there_are_texts_to_compare() -> None:
    assert len(TEXTS) >= 50


def test_one_word_scan_finds_the_target_words_the_sentence_scan_finds() -> None:
    """figure_dating scans target, plan and perfective words in one trie over the whole text; the
    target words it finds in each sentence are those figure_units.target_marks finds there."""
    from chiso.extract.figure_units import is_reached_target, target_marks
    from chiso.extract.text import sentences

    for text in [*TEXTS, *EDGES, "Bộ sẽ đạt; the plans will reach; had been, has been; vượt mục tiêu"]:
        marks = figure_dating.Marks.of(text)
        for s in sentences(text):
            mine = [m for m in marks.targets_in(s.start, s.end) if not is_reached_target(text, m[0])]
            assert mine == target_marks(text, s.start, s.end), s.text


def test_plan_words_are_found_as_a_plain_alternation_finds_them() -> None:
    def alt(words: object) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]

    plain = re.compile(rf"\b(?:{alt(figure_dating._MARK_WORDS)})(?!\w)")
    assert figure_dating._MARK_RE.pattern != plain.pattern
    # hits inside a word, next to a real one, a phrase that starts inside a word, at a span's edge
    inside = ["xsẽ sẽ, chưađã đã; hoặcdự kiến dự kiến; rewill will; _đã đã", "đã", "sẽđã", "1sẽ"]
    for text in [*TEXTS, *EDGES, *inside]:
        low = text.lower()
        want = [m.span() for m in plain.finditer(low)]
        assert [
            m.span() for m in figure_dating._word_hits(figure_dating._MARK_RE, low, [(0, len(low))])
        ] == want
        # in stretches, as Marks.of scans the sentences it is asked about
        cuts = [(0, len(low) // 3), (len(low) // 3, len(low) // 2 + 1), (len(low) // 2 + 1, len(low))]
        assert [m.span() for m in figure_dating._word_hits(figure_dating._MARK_RE, low, cuts)] == [
            m.span() for a, b in cuts for m in plain.finditer(low, a, b)
        ]


_ANCHOR_PLAIN = {
    "vi": re.compile(r"(?<![\w])(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm|chục|mươi)(?![\w])"),
    "en": re.compile(
        r"(?<![\w])(?:[Mm]illions?|[Bb]illions?|[Tt]housands?|[Tt]rillion|[Qq]uadrillion|[Hh]undreds?|[Dd]ozens?)(?![\w])"
    ),
}
_STANDALONE_PLAIN = {
    "vi": re.compile(r"(?<![\w])(?:[Hh]ai|[Bb]a|[Bb]ốn|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười)(?= )"),
    # English words are whole words ("Forty-five" starts with "Forty")
    "en": re.compile(
        r"(?<![\w])(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|"
        r"[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|"
        r"[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety)(?![\w])"
    ),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_word_anchors_found_with_find_are_the_regex_matches(lang: str) -> None:
    for text in [*TEXTS, *EDGES]:
        anchors = figure_candidates.word_starts(text, figure_candidates._ANCHOR_WORDS[lang], whole=True)
        assert anchors == [m.start() for m in _ANCHOR_PLAIN[lang].finditer(text)]
        alone = figure_candidates.word_starts(
            text, figure_candidates._STANDALONE_WORDS[lang], whole=lang == "en"
        )
        assert alone == [m.start() for m in _STANDALONE_PLAIN[lang].finditer(text)]


def test_edges_hold_what_the_gates_must_let_through() -> None:
    vi = figure_candidates.word_starts(EDGES[3], figure_candidates._ANCHOR_WORDS["vi"], whole=True)
    # "HAI triệu" too; "triệu" only lowercase; "mươi" anchors "Hai mươi ba bộ"
    assert [EDGES[3][i : i + 5] for i in vi] == ["triệu", "mươi ", "triệu"]
    en = figure_candidates.word_starts(EDGES[4], figure_candidates._ANCHOR_WORDS["en"], whole=True)
    assert "millionaire" not in [EDGES[4][i : i + 11] for i in en]
    low = EDGES[1].lower()
    marks = [m.group(0) for m in figure_dating._MARK_RE.finditer(low)]
    assert marks == ["mục tiêu", "phấn đấu", "dự kiến", "kế hoạch đặt ra"]


def test_word_before_a_scale_word_reads_a_bounded_slice() -> None:
    """Issue 16: with no space before a scale word, the word before it was lowercased from the
    start of the text (quadratic over a long spaceless text). The slice is now bounded, whatever
    the text's length: the work per anchor is a constant, checked here by the slice it reads."""
    for n in (10, 1_000, 1_000_000):
        text = "-" * n + "triệu"
        assert len(figure_candidates._word_before(text, n)) <= figure_candidates._PREV_WORD_MAX
        assert figure_candidates.word_candidates(text, "vi") == []
    text = "Có hai triệu người"
    assert figure_candidates._word_before(text, text.index("triệu")) == "hai"
    glued = "x" * 40 + "hai triệu"  # the word is cut by the bound, so it is not read as "hai"
    assert figure_candidates._word_before(glued, glued.index("triệu")) != "hai"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_scanning_the_lowercased_text_finds_the_same_words(lang: str) -> None:
    """One scan of ``text.lower()`` per word stands for one scan per case form: same hits."""
    lists = [
        (figure_candidates._ANCHOR_WORDS[lang], True),
        (figure_candidates._STANDALONE_WORDS[lang], lang == "en"),
        (figure_candidates._MULTIPLE_WORDS[lang], True),
        (figure_candidates._FRACTION_WORDS[lang], False),
    ]
    for text in [
        *TEXTS,
        *EDGES,
        "HAI triệu, Hai mươi, hAI bộ; GẤP đôi, Gấp đôi; TWO thirds of, Two thirds of",
    ]:
        low = text.lower()
        assert len(low) == len(text)
        for words, whole in lists:
            plain = figure_candidates.word_starts(text, words, whole)
            assert figure_candidates.word_starts(text, words, whole, low=low) == plain


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_standalone_scan_finds_what_one_scan_per_form_finds(lang: str) -> None:
    """Capitalised Vietnamese forms are found by one regex, the rest by str.find: same hits."""
    for text in [*TEXTS, *EDGES, "Hai bộ, HAI bộ, Gấp đôi, XGấp, Gấpx, Ba Ba bộ, Mười tỉnh"]:
        low = text.lower() if lang == "en" else None
        plain = sorted(
            [
                *(
                    (at, "vi" if lang == "vi" else "ensp")
                    for at in figure_candidates.word_starts(
                        text, figure_candidates._STANDALONE_WORDS[lang], whole=lang == "en"
                    )
                ),
                *(
                    (at, "mult")
                    for at in figure_candidates.word_starts(
                        text, figure_candidates._MULTIPLE_WORDS[lang], whole=True
                    )
                ),
            ]
        )
        assert figure_candidates.standalone_starts(text, lang, low) == plain  # type: ignore[arg-type]


def test_sentence_boundaries_with_one_leading_set_are_the_three_branch_ones() -> None:
    """text._BOUNDARY opens with one character set (the closing mark or the newline) so ``re``
    skips to it; the three branches it stands for find the same boundaries."""
    from chiso.extract.text import _BOUNDARY

    plain = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-ZÀ-Ỹ0-9Đ])|\n\s*\n|\n(?=\s*[-•*])")
    edges = [
        "Một. Hai! Ba? Bốn… Năm.\n\nSáu.\n- bảy\n  • tám\n\n\n9 tỉnh.",
        'Nói: "Xong." Rồi (ĐÃ) xong.) Tiếp\n\t\nhết\n*x\n-\n',
        "780.000 người. tp. HCM.\n",
        ".\n\n",
        "\n",
        "!",
    ]
    for text in [*TEXTS, *EDGES, *edges]:
        assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]


#: digits on the edge of the Vietnamese grammar's digit gate: years, spans, dates, counts of months
_DIGIT_EDGES = [
    "năm 2025; 2021-2025; 2021 – 2025; 2026-01-15; 20251; 1999 người; 2030.",
    "15/1, 1.8, 1-8, 01/02/2026, 123/4, 12.5%, 7,5 triệu, 3.512/5.904 thủ tục",
    "6 tháng đầu năm, 9 THÁNG năm 2025, 12  Tháng cuối năm, 6 tháng, 10 thángx, 3 năm",
    "Q1/2026, T5/2026, H1 2026, FY2025, 5 tỷ, 67 triệu tài khoản, 0.5 điểm",
    "từ 1.8, trước 30/6, đến 2030, (2024), “15/1”, -2025, /2025, x2025",
]


def test_the_digit_gate_lets_through_every_time_that_starts_with_a_digit() -> None:
    """time_patterns lets a digit start a Vietnamese time only as a year, a date or a count of
    months; with the plain ``\\d`` gate the grammar matches the same at every position."""
    from chiso.extract import time_patterns

    pattern = time_patterns.VI_PATTERN
    assert time_patterns._VI_GATE in pattern.pattern
    plain_gate = time_patterns._gate([*time_patterns.VI_CORE_STARTS, *time_patterns.VI_RELATION_STARTS])
    plain = re.compile(pattern.pattern.replace(time_patterns._VI_GATE, plain_gate), pattern.flags)
    assert plain.pattern != pattern.pattern

    def at_each(p: re.Pattern[str], text: str) -> list[tuple[int, int, str | None, tuple[str | None, ...]]]:
        return [
            (m.start(), m.end(), m.lastgroup, m.groups()) for i in range(len(text)) if (m := p.match(text, i))
        ]

    for text in [*TEXTS, *EDGES, *_DIGIT_EDGES]:
        assert at_each(pattern, text) == at_each(plain, text)
    hits = [m.group(0) for t in _DIGIT_EDGES for m in pattern.finditer(t)]
    for want in ("2021-2025", "2026-01-15", "15/1", "01/02/2026", "6 tháng đầu năm", "9 THÁNG năm 2025"):
        assert want in hits


def test_words_ending_in_a_space_are_found_where_a_plain_regex_finds_them() -> None:
    """word_starts looks for "hai " as "hai" and then checks the space: same hits as ``\\b`` and
    the word with its space, non-overlapping, over every corpus text and at the edges."""
    words = figure_candidates._VI_STANDALONE_LOWER
    assert all(w.endswith(" ") for w in words)
    # the shortcut skips by the word's length after a miss: exact when no word is its own border
    assert all(not any(w[:-1].endswith(w[:k]) for k in range(1, len(w) - 1)) for w in words)
    extra = ["hai hai ba  ba", "khai ba\tba ", "hai", " ba", "bốn\nbốn sáu ", "_ba ba_ ba ", "Hai hai ba"]
    for text in [*TEXTS, *EDGES, *extra]:
        plain = sorted(m.start() for w in words for m in re.finditer(rf"\b{re.escape(w)}", text))
        assert figure_candidates.word_starts(text, words, whole=False) == plain, text[:60]


def test_only_one_character_lowercases_to_two() -> None:
    """figure_dating lowercases only the spans it scans, unless the text holds "İ"."""
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1] == ["\u0130"]


def test_mark_words_in_lowered_spans_are_those_of_the_lowered_text() -> None:
    """Marks.of lowers each span (and the character before it), not the whole text: the same
    hits as one scan of the whole lowercased text, over every corpus text's sentences, whole
    texts, and edges (a span led by a letter, a final sigma, "İ")."""
    from chiso.extract.text import sentences

    def plain(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        low = text.lower()
        if len(low) != len(text):
            return [
                (m.start(), m.end(), m.group(0).lower())
                for m in figure_dating._word_hits(figure_dating._MARK_IC_RE, text, spans)
            ]
        return [
            (m.start(), m.end(), m.group(0))
            for m in figure_dating._word_hits(figure_dating._MARK_RE, low, spans)
        ]

    extra = ["ΣΑΣ sẽ đạt; ΟΔΟΣ will", "İstanbul sẽ đạt 5%, will reach", "xsẽ sẽ; Sẽ SẼ sẼ", "Dự Kiến đạt"]
    for text in [*TEXTS, *EDGES, *extra]:
        whole = [(0, len(text))]
        assert list(figure_dating._mark_hits(text, whole)) == plain(text, whole)
        spans = [(s.start, s.end) for s in sentences(text)]
        assert list(figure_dating._mark_hits(text, spans)) == plain(text, spans), text[:60]
        inner = [(a + 1, b) for a, b in spans if b > a + 1]  # a span that starts inside a word
        assert list(figure_dating._mark_hits(text, inner)) == plain(text, inner), text[:60]
