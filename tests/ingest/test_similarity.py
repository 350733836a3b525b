"""SimHash and checksums: copies of one story are near duplicates, different stories are not."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.ingest.similarity import (
    NEAR_DUPLICATE_BITS,
    containment,
    content_sha256,
    hamming,
    near_duplicate,
    same_story,
    shingles,
    simhash,
)
from tests.ingest.stories import EDITED, EN_STORY, OTHERS, STORY, SYNDICATED

COPIES = [("syndicated", SYNDICATED), ("edited", EDITED)]
DIFFERENT = [*OTHERS.items(), ("english", EN_STORY)]


@pytest.mark.parametrize(("label", "copy"), COPIES, ids=[c[0] for c in COPIES])
def test_copies_are_near_duplicates(label: str, copy: str) -> None:
    assert near_duplicate(simhash(STORY), simhash(copy))
    assert same_story(STORY, copy)


def test_two_copies_of_one_story_are_near_duplicates_of_each_other() -> None:
    assert hamming(simhash(SYNDICATED), simhash(EDITED)) <= NEAR_DUPLICATE_BITS


@pytest.mark.parametrize(("label", "other"), DIFFERENT, ids=[d[0] for d in DIFFERENT])
def test_different_stories_are_not(label: str, other: str) -> None:
    # Keep a margin: the threshold must not sit right under a different story.
    assert hamming(simhash(STORY), simhash(other)) > NEAR_DUPLICATE_BITS + 8
    assert not near_duplicate(simhash(STORY), simhash(other))
    assert not same_story(STORY, other)


def test_normalisation_and_case_do_not_change_the_hash() -> None:
    variant = unicodedata.normalize("NFD", STORY.upper()).replace(" ", "\u00a0", 5)
    assert simhash(variant) == simhash(STORY)
    assert content_sha256(unicodedata.normalize("NFD", STORY)) == content_sha256(STORY)


def test_sha256_is_hex_of_utf8() -> None:
    assert content_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_shingles() -> None:
    assert shingles("Hơn 62 triệu, tài khoản!") == ["hơn 62 triệu", "62 triệu tài", "triệu tài khoản"]
    assert shingles("hai từ") == ["hai từ"]
    assert shingles("  ") == []
    assert simhash("") == 0
    assert containment("", STORY) == 0.0


@given(st.text(min_size=0, max_size=300))
def test_simhash_fits_a_signed_bigint(text: str) -> None:
    value = simhash(text)
    assert -(2**63) <= value < 2**63
    assert hamming(value, value) == 0


@pytest.mark.parametrize(
    ("a", "b", "bits"),
    [(0, 0, 0), (0, -1, 64), (1, 3, 1), (-(2**63), 2**63 - 1, 64), (2**64 - 1, -1, 0)],
)
def test_hamming(a: int, b: int, bits: int) -> None:
    assert hamming(a, b) == bits
