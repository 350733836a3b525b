"""Exact and near-duplicate fingerprints of report text.

``content_sha256`` identifies the same text; ``simhash`` groups syndicated or lightly
edited copies of one story: each word 3-gram votes on 64 bits, so copies that share
most of their shingles land a few bits apart while different stories land ~32 apart.
"""

from __future__ import annotations

import hashlib
import re

from chiso.extract.text import normalise

_WORD = re.compile(r"\w+")
_BITS = 64
_MASK = (1 << _BITS) - 1
SHINGLE_SIZE = 3
# _BIT_SET[k] maps a byte to 1 when its bit k is set, else 0 (a bytes.translate table).
_BIT_SET = [bytes((b >> k) & 1 for b in range(256)) for k in range(8)]

#: Largest Hamming distance between two SimHashes still called the same story.
#: Chosen on tests/ingest/test_similarity.py (stories in tests/ingest/stories.py): a
#: syndicated copy (own lead-in and byline, one sentence reworded) is 6 bits from the
#: original, a lightly edited copy (a paragraph and a sentence dropped) 12, and the two
#: copies 16 from each other; different stories on the same topic are 31-35 bits apart.
#: 16 keeps every copy; as two unrelated 64-bit hashes fall within 16 bits with
#: probability ~2e-5, a store with many reports should confirm a candidate with
#: ``same_story()`` on the texts before grouping.
NEAR_DUPLICATE_BITS = 16

#: Share of the shorter text's shingles found in the longer one above which two texts
#: are one story. Same test data: copies 0.95-0.99, different stories 0.10 at most.
SAME_STORY_CONTAINMENT = 0.5


def content_sha256(text: str) -> str:
    """Hex SHA-256 of the normalised text's UTF-8 bytes: the identity of a report's text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> list[str]:
    """Word n-grams of the normalised, lower-cased text (the words themselves when shorter)."""
    words = _WORD.findall(normalise(text).lower())
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def simhash(text: str) -> int:
    """64-bit SimHash of the text's word 3-grams, as a SIGNED integer (fits a BIGINT)."""
    grams = set(shingles(text))
    if not grams:
        return 0
    digests = b"".join(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest() for g in grams)
    half = len(grams) / 2
    value = 0
    # Bit-sliced voting in C: byte j of every digest is the strided slice digests[j::8];
    # translating it through a "bit k set?" table and counting ones tallies one column.
    for j in range(8):
        column = digests[j::8]
        for k in range(8):
            if column.translate(_BIT_SET[k]).count(1) > half:
                value |= 1 << (8 * (7 - j) + k)  # digest read big-endian, as int.from_bytes
    return value - (1 << _BITS) if value >= 1 << (_BITS - 1) else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two 64-bit hashes (signed or unsigned)."""
    return ((a ^ b) & _MASK).bit_count()


def near_duplicate(a: int, b: int, *, max_bits: int = NEAR_DUPLICATE_BITS) -> bool:
    """True when two SimHashes are close enough to be copies of one story."""
    return hamming(a, b) <= max_bits


def containment(a: str, b: str) -> float:
    """Share of the smaller shingle set contained in the other (1.0 when one text holds the other)."""
    sa, sb = set(shingles(a)), set(shingles(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def same_story(a: str, b: str) -> bool:
    """Exact check of a SimHash candidate: do the two texts share most of their shingles?"""
    return containment(a, b) >= SAME_STORY_CONTAINMENT


__all__ = [
    "NEAR_DUPLICATE_BITS",
    "SAME_STORY_CONTAINMENT",
    "containment",
    "content_sha256",
    "hamming",
    "near_duplicate",
    "same_story",
    "shingles",
    "simhash",
]
