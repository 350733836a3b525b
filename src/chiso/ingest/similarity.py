"""Fingerprints of report text: the checksum of one text, and the MinHash of a story.

``content_sha256`` identifies the same text. Syndicated and lightly edited copies of one story
share most of their word 3-grams ("shingles"): :func:`band_hashes` turns a text's shingles into
a MinHash signature cut into bands, which the story index (:mod:`chiso.store.stories`)
stores and searches, and :func:`same_story` confirms a candidate on the two texts.

The MinHash is one-permutation hashing: each shingle is hashed once (BLAKE2b, 64 bits), the
top bits pick one of ``SLOTS = 160`` bins and the low 56 bits compete for that bin's minimum;
empty bins borrow a donor's value through a fixed hash sequence ("optimal densification",
Shrivastava 2017), so two texts agree on a slot with probability equal to their Jaccard
similarity. The 160 slots are cut into ``BANDS = 40`` bands of ``ROWS = 4``, each hashed to a
signed 64-bit number. Why these numbers, and why not SimHash: see :mod:`chiso.store.stories`.

Memory. A minimum does not change when a value is seen twice, so the signature is made from
the stream of shingles as they come, never from the set of them: a 20 MB report used to build
a list of its ~3 million words, a set of ~3 million shingle strings and a joined buffer of
their digests (the ingest's peak doubled, 294 -> 649 MB, issue 16). Now the text is lowercased
in slices cut at whitespace (lowercasing never moves a word boundary that is whitespace), each
slice's shingles are hashed in one batch, and between slices only the last two words and the 160
bins are held. The signature is the same as before, bit for
bit: ``tests/ingest/test_similarity.py`` checks it against the set-based form that migration
0002 keeps a frozen copy of.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterator

from chiso.extract.text import normalise

SHINGLE_SIZE = 3
#: MinHash slots, cut into BANDS bands of ROWS slots (SLOTS == BANDS * ROWS).
SLOTS = 160
ROWS = 4
BANDS = SLOTS // ROWS

#: Share of the shorter text's shingles found in the longer one above which two texts are one
#: story. Chosen on tests/ingest/stories.py: copies 0.95-0.99, different stories 0.10 at most.
SAME_STORY_CONTAINMENT = 0.5

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s")
_MASK64 = (1 << 64) - 1
_LOW = (1 << 56) - 1
_EMPTY = 1 << 56  # larger than any 56-bit slot value
_BAND = struct.Struct(">4Q")
#: Characters lowercased at a time; a slice ends at whitespace so that no word is cut.
_SLICE = 1 << 16


def content_sha256(text: str) -> str:
    """Hex SHA-256 of the normalised text's UTF-8 bytes: the identity of a report's text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _word_slices(text: str) -> Iterator[list[str]]:
    """The words of ``text.lower()`` a slice at a time, without making the lowercased copy of the
    whole text."""
    n, start = len(text), 0
    while start < n:
        end = min(start + _SLICE, n)
        if end < n:
            # extend to the next whitespace (a word longer than a slice is still read whole)
            found = _SPACE.search(text, end)
            end = found.start() if found else n
        words = _WORD.findall(text[start:end].lower())
        if words:
            yield words
        start = end


def _gram_slices(text: str, size: int = SHINGLE_SIZE) -> Iterator[list[str]]:
    """The word n-grams of an already normalised text a slice at a time, in order (repeats
    included); the words themselves, joined, when there are fewer than ``size``."""
    carry: list[str] = []
    full = False
    for words in _word_slices(text):
        words = carry + words
        if len(words) >= size:
            full = True
            yield list(map(" ".join, zip(*(words[i:] for i in range(size)), strict=False)))
        carry = words[-(size - 1) :] if len(words) >= size else words
    if carry and not full:
        yield [" ".join(carry)]


def iter_shingles(text: str, size: int = SHINGLE_SIZE) -> Iterator[str]:
    """The word n-grams of an already normalised text, lowercased, in order (repeats included);
    the words themselves, joined, when there are fewer than ``size``."""
    for grams in _gram_slices(text, size):
        yield from grams


def shingles(text: str, size: int = SHINGLE_SIZE) -> list[str]:
    """Word n-grams of the normalised, lower-cased text (the words themselves when shorter)."""
    return list(iter_shingles(normalise(text), size))


def _hash_slices(text: str) -> Iterator[tuple[int, ...]]:
    """64-bit BLAKE2b hashes of a normalised text's shingles, a slice at a time: each slice's
    distinct shingles are hashed and unpacked in one go (per shingle, a Python call and an
    int.from_bytes cost a fifth more than the whole of the old set-based fingerprint)."""
    blake = hashlib.blake2b
    for grams in _gram_slices(text):
        distinct = set(grams)
        digests = b"".join([blake(g.encode("utf-8"), digest_size=8).digest() for g in distinct])
        yield struct.unpack(f">{len(distinct)}Q", digests)


def _mix(x: int) -> int:
    """SplitMix64's finaliser: a fixed, well-spread 64-bit hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def signature(text: str) -> list[int]:
    """The one-permutation MinHash of a normalised text's word 3-grams: SLOTS values (none for
    no words)."""
    slots = [_EMPTY] * SLOTS
    seen = False
    for hashes in _hash_slices(text):
        seen = True
        for h in hashes:
            i = (h * SLOTS) >> 64  # top bits choose the bin
            v = h & _LOW  # low bits compete within it
            if v < slots[i]:
                slots[i] = v
    if not seen:
        return []
    if _EMPTY in slots:
        # Optimal densification: empty bin i takes the value of the first non-empty bin in a
        # sequence that depends on i only, so two texts with the same empty bins agree on it
        # exactly when they agree on the donor.
        out = list(slots)
        for i, v in enumerate(slots):
            if v != _EMPTY:
                continue
            attempt = 0
            donor = _EMPTY
            while donor == _EMPTY:
                attempt += 1
                donor = slots[_mix((i << 32) | attempt) % SLOTS]
            out[i] = donor
        return out
    return slots


def band_hashes(text: str) -> list[int]:
    """BANDS signed 64-bit hashes, one per band of a normalised text's signature (empty for no
    words): what the story index stores."""
    sig = signature(text)
    out: list[int] = []
    blake = hashlib.blake2b
    for b in range(0, len(sig), ROWS):
        h = int.from_bytes(blake(_BAND.pack(*sig[b : b + ROWS]), digest_size=8).digest(), "big")
        out.append(h - (1 << 64) if h >= 1 << 63 else h)  # fits a BIGINT
    return out


def _hashed_set(text: str) -> set[int]:
    # 64-bit hashes rather than the strings: a fifth of the memory, and a collision between two
    # different shingles (2^-64 per pair) would not change a containment of thousands of them.
    return {h for hashes in _hash_slices(normalise(text)) for h in hashes}


def containment(a: str, b: str) -> float:
    """Share of the smaller shingle set contained in the other (1.0 when one text holds the other)."""
    sa, sb = _hashed_set(a), _hashed_set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def same_story(a: str, b: str) -> bool:
    """Do two texts share most of their shingles (the check of a story-index candidate)?"""
    return containment(a, b) >= SAME_STORY_CONTAINMENT


__all__ = [
    "BANDS",
    "ROWS",
    "SAME_STORY_CONTAINMENT",
    "SHINGLE_SIZE",
    "SLOTS",
    "band_hashes",
    "containment",
    "content_sha256",
    "iter_shingles",
    "same_story",
    "shingles",
    "signature",
]
