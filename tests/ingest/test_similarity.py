"""Story fingerprints and checksums: copies of one story share their shingles, different stories
do not; the streaming MinHash is the set-based one migration 0002 froze, bit for bit, in
memory that does not grow with the text."""

from __future__ import annotations

import importlib.util
import tracemalloc
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chiso
from chiso.extract.text import normalise
from chiso.ingest.similarity import (
    BANDS,
    band_hashes,
    containment,
    content_sha256,
    same_story,
    shingles,
    signature,
)
from tests.ingest.stories import EDITED, EN_STORY, OTHERS, STORY, SYNDICATED

COPIES = [("syndicated", SYNDICATED), ("edited", EDITED)]
DIFFERENT = [*OTHERS.items(), ("english", EN_STORY)]


def _migration_0002() -> ModuleType:
    path = Path(chiso.__file__).parent / "store/migrations/versions/0002_story_index.py"
    spec = importlib.util.spec_from_file_location("chiso_migration_0002", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FROZEN = _migration_0002()


@pytest.mark.parametrize(("label", "copy"), COPIES, ids=[c[0] for c in COPIES])
def test_copies_are_one_story(label: str, copy: str) -> None:
    assert same_story(STORY, copy)
    assert containment(STORY, copy) > 0.9
    # and their bands meet in the story index
    assert set(band_hashes(normalise(STORY))) & set(band_hashes(normalise(copy)))


def test_two_copies_of_one_story_are_one_story_with_each_other() -> None:
    assert same_story(SYNDICATED, EDITED)


@pytest.mark.parametrize(("label", "other"), DIFFERENT, ids=[d[0] for d in DIFFERENT])
def test_different_stories_are_not(label: str, other: str) -> None:
    # Keep a margin: the threshold must not sit right above a different story.
    assert containment(STORY, other) < 0.5 - 0.3
    assert not same_story(STORY, other)
    assert not set(band_hashes(normalise(STORY))) & set(band_hashes(normalise(other)))


def test_normalisation_and_case_do_not_change_the_fingerprints() -> None:
    variant = unicodedata.normalize("NFD", STORY.upper()).replace(" ", "\u00a0", 5)
    assert band_hashes(normalise(variant)) == band_hashes(normalise(STORY))
    assert containment(variant, STORY) == 1.0
    assert content_sha256(unicodedata.normalize("NFD", STORY)) == content_sha256(STORY)


def test_sha256_is_hex_of_utf8() -> None:
    assert content_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_shingles() -> None:
    assert shingles("Hơn 62 triệu, tài khoản!") == ["hơn 62 triệu", "62 triệu tài", "triệu tài khoản"]
    assert shingles("hai từ") == ["hai từ"]
    assert shingles("  ") == []
    assert band_hashes("") == []
    assert containment("", STORY) == 0.0


TEXTS = [STORY, SYNDICATED, EDITED, EN_STORY, *OTHERS.values(), "một", "hai từ", "", "  \n "]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_streaming_minhash_is_the_frozen_set_based_one(text: str) -> None:
    norm = normalise(text)
    assert band_hashes(norm) == FROZEN.band_hashes(norm)


@settings(max_examples=200, deadline=None)  # timing is not what it checks: a loaded CI must not fail it
@given(st.text(min_size=0, max_size=400))
def test_streaming_minhash_is_the_frozen_one_on_any_text(text: str) -> None:
    norm = normalise(text)
    bands = band_hashes(norm)
    assert bands == FROZEN.band_hashes(norm)
    assert len(bands) in (0, BANDS)
    assert all(-(2**63) <= h < 2**63 for h in bands)


def test_long_texts_are_read_in_slices_without_changing_the_signature(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from chiso.ingest import similarity

    text = normalise(" ".join([STORY, SYNDICATED, EN_STORY] * 3))
    whole = signature(text)
    monkeypatch.setattr(similarity, "_SLICE", 37)  # many slice edges, each at whitespace
    assert signature(text) == whole
    assert FROZEN.band_hashes(text) == band_hashes(text)


def test_fingerprint_memory_does_not_grow_with_the_text() -> None:
    """The MinHash keeps two words and 160 bins, not the text's shingles: five times the text
    costs about the same memory (issue 16: shingling doubled a 20 MB report's peak)."""
    base = normalise(" ".join([STORY, SYNDICATED, EN_STORY, *OTHERS.values()]))
    small, large = base * 20, base * 100

    def peak(text: str) -> int:
        tracemalloc.start()
        band_hashes(text)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small_peak, large_peak = peak(small), peak(large)
    # the same bound for both: a slice being lowercased and its words, whatever the text's length
    assert large_peak < 1.5 * small_peak + 100_000, (small_peak, large_peak)
