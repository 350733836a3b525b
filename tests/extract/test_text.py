"""Text at the door: what is stored and quoted (NFC) versus what the extractors read."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from chiso.extract import extract
from chiso.extract.text import detect_language, matching_view, normalise, sentences


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (unicodedata.normalize("NFD", "Bộ Công an"), "Bộ Công an"),
        ("67\u00a0triệu", "67\u00a0triệu"),  # odd spaces are what the report says
        ("a\rb\u2028c\u2029d", "a\nb\nc\nd"),  # every line break is a newline, one for one
    ],
)
def test_normalise_is_nfc_with_plain_line_breaks(raw: str, stored: str) -> None:
    assert normalise(raw) == stored


def test_matching_view_has_the_same_length_and_plain_spaces() -> None:
    text = normalise("hơn\u00a062\u202ftriệu\u2009tài\tkhoản\u200b.")
    view = matching_view(text)
    assert len(view) == len(text)
    assert view == "hơn 62 triệu tài khoản ."


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", " "])
def test_quotes_keep_the_report_s_own_spaces(space: str) -> None:
    text = f"Đến nay đã kích hoạt trên 67{space}triệu tài khoản."
    result = extract(text, published=date(2026, 1, 16), lang="vi")
    (figure,) = result.figures
    assert result.text == unicodedata.normalize("NFC", text)
    assert figure.quote == f"trên 67{space}triệu tài khoản"
    assert result.text[figure.start : figure.end] == figure.quote
    assert figure.value == 67_000_000


def test_sentences_cover_the_text_in_order() -> None:
    text = "Đến nay có 50 tiện ích. Số tài khoản là 67 triệu.\n\nEnglish follows. It has 3 parts."
    found = sentences(text)
    assert [s.text for s in found] == [
        "Đến nay có 50 tiện ích.",
        "Số tài khoản là 67 triệu.",
        "English follows.",
        "It has 3 parts.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bộ Công an đã hoàn thành xây dựng 18/19 cơ sở dữ liệu.", "vi"),
        ("The ministry has completed 18 of 19 databases and connected them to the centre.", "en"),
        ("Ứng dụng VNeID (Vietnam's digital ID app) đã có 50 tiện ích.", "vi"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_a_sentence_built_by_its_slots_is_the_constructor_s() -> None:
    """text._new_sentence sets Sentence's slots directly (for speed): same fields, in order, and
    the same object as the constructor builds."""
    import inspect
    from dataclasses import fields

    from chiso.extract.text import Sentence, _new_sentence

    assert list(inspect.signature(_new_sentence).parameters) == [f.name for f in fields(Sentence)]
    got, want = _new_sentence(4, 9, "Một."), Sentence(4, 9, "Một.")
    assert (got, hash(got), repr(got)) == (want, hash(want), repr(want))
    assert sentences("Một. Hai.") == [Sentence(0, 4, "Một."), Sentence(5, 9, "Hai.")]
