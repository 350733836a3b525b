"""Who made a promise: the shipped vocabulary of owners (ministries, ministerial and government
agencies, the 34 provinces and centrally-run cities, with their abbreviations, English names and
the names of the provinces merged into them in 2025) and a pure matcher that finds them in text.

The vocabulary (``owners.yaml``, shipped in the package) is read once per process, as the
indicator catalogue is (:func:`shipped_owners`); the matcher (:func:`find_owners`,
:func:`suggest_owner`, :func:`owner_named`) takes it as an argument and does no I/O.

Matching is on words, after NFC, case folding and moving old-style tone marks (``hoá`` is
``hóa``): diacritics count (``Bộ Công an`` is not ``Bo Cong an``), and case counts where it is the
only thing telling a name from a word: an alias written in capitals (``BCA``, ``NHNN``, ``MIC``)
matches only in capitals, a bare place name (``Lâm Đồng``, ``Hue``) only capitalised. The longest
form wins (``UBND tỉnh Lâm Đồng`` over ``Lâm Đồng``), then the leftmost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Final, Literal

import yaml

from chiso.catalog.match_text import _TOKEN, fold
from chiso.catalog.place import AMBIGUOUS_NAMES
from chiso.errors import InputError

OwnerKind = Literal["government", "ministry", "ministerial_agency", "government_agency", "province", "city"]
OWNER_KINDS: Final[tuple[OwnerKind, ...]] = (
    "government", "ministry", "ministerial_agency", "government_agency", "province", "city"
)  # fmt: skip

SHIPPED = "owners.yaml"

#: what people write before a province's or a city's name (the People's Committee, the place)
_COMMITTEE: Final = ("UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân")


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class Owner:
    """One owner of promises: its stored (Vietnamese) name, English name and kind, the other ways
    reports write it, and, for a body merged away, what it was merged into and a note."""

    name: str
    name_en: str
    kind: OwnerKind
    aliases: tuple[str, ...] = ()
    merged_into: str | None = None
    note: str | None = None
    place: str | None = None
    place_en: str | None = None
    former: tuple[str, ...] = ()

    def forms(self) -> list[tuple[str, bool]]:
        """Every way of writing this owner, each with whether its case must match."""
        out: list[tuple[str, bool]] = [(self.name, False), (self.name_en, False)]
        out += [(a, a.upper() == a and any(ch.isalpha() for ch in a)) for a in self.aliases]
        if self.place is not None:
            units = ("tỉnh",) if self.kind == "province" else ("thành phố", "TP", "TP.")
            out += _place_forms(self.place, units)
            if self.place_en:
                en = self.place_en
                noun = "province" if self.kind == "province" else "city"
                out += [
                    (f"{en} People's Committee", False),
                    (f"People's Committee of {en}", False),
                    (f"{en} {noun}", False),
                    (f"{en} {noun.capitalize()}", False),
                    (f"{noun} of {en}", False),
                    (en, True),
                ]
            for old in self.former:
                out += _place_forms(old, ("tỉnh",))
        return out


def _place_forms(place: str, units: tuple[str, ...]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for unit in units:
        out += [(f"{c} {unit} {place}", False) for c in _COMMITTEE]
        out.append((f"{unit} {place}", False))
    out += [(f"{c} {place}", False) for c in _COMMITTEE]
    if fold(place) not in AMBIGUOUS_NAMES:
        out.append((place, True))
    return out


Tokens = tuple[str, ...]


def _shape(token: str) -> str:
    """What case tells of a word: all capitals, capitalised, or neither."""
    if token.isupper():
        return "U"
    return "T" if token[:1].isupper() else "l"


@dataclass(frozen=True, slots=True)
class _Form:
    owner: int
    #: the case shape each word must have (None: any case)
    shape: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class OwnerVocabulary:
    """The owners, and every form of them indexed by its folded words."""

    owners: tuple[Owner, ...]
    index: dict[Tokens, list[_Form]] = field(repr=False)
    longest: int

    def by_name(self) -> dict[str, Owner]:
        return {o.name: o for o in self.owners}


def _words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` (NFC) with their offsets."""
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def build_vocabulary(owners: list[Owner] | tuple[Owner, ...]) -> OwnerVocabulary:
    """Index ``owners``' forms; a form two owners share is refused (it could not tell them apart)."""
    index: dict[Tokens, list[_Form]] = {}
    claimed: dict[Tokens, str] = {}
    longest = 1
    for i, owner in enumerate(owners):
        for text, case in owner.forms():
            raw = tuple(w for _, _, w in _words(_clean(text)))
            if not raw:
                continue
            key = tuple(fold(w) for w in raw)
            if claimed.get(key, owner.name) != owner.name:
                raise InputError(
                    "owner_form_twice", source=SHIPPED, form=text, first=claimed[key], second=owner.name
                )
            claimed[key] = owner.name
            form = _Form(i, tuple(_shape(w) for w in raw) if case else None)
            if form not in index.setdefault(key, []):
                index[key].append(form)
            longest = max(longest, len(key))
    return OwnerVocabulary(tuple(owners), index, longest)


def _owner(raw: dict[str, Any], source: str, n: int) -> Owner:
    unknown = set(raw) - {
        "name", "name_en", "kind", "aliases", "merged_into", "note", "place", "place_en", "former"
    }  # fmt: skip
    if unknown or not raw.get("name") or not raw.get("name_en") or raw.get("kind") not in OWNER_KINDS:
        raise InputError("owner_entry_invalid", source=source, n=n, owner=raw.get("name", "?"))
    kind: OwnerKind = raw["kind"]

    def texts(key: str) -> tuple[str, ...]:
        return tuple(_clean(v) for v in raw.get(key) or ())

    def one(key: str) -> str | None:
        value = raw.get(key)
        return _clean(value) if value else None

    return Owner(
        name=_clean(raw["name"]),
        name_en=_clean(raw["name_en"]),
        kind=kind,
        aliases=texts("aliases"),
        merged_into=one("merged_into"),
        note=one("note"),
        place=one("place"),
        place_en=one("place_en"),
        former=texts("former"),
    )


def parse_owners(text: str, source: str = "<owners>") -> OwnerVocabulary:
    """The vocabulary in a YAML text: ``{version: 1, owners: [...]}``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError("catalogue_yaml_invalid", source=source, problem=exc) from None
    if not isinstance(data, dict) or not isinstance(data.get("owners"), list):
        raise InputError("owners_not_list", source=source)
    owners = [
        _owner(raw if isinstance(raw, dict) else {}, source, n) for n, raw in enumerate(data["owners"], 1)
    ]
    names = {o.name for o in owners}
    for o in owners:
        if o.merged_into is not None and o.merged_into not in names:
            raise InputError("owner_entry_invalid", source=source, n=owners.index(o) + 1, owner=o.name)
    return build_vocabulary(owners)


@lru_cache(maxsize=1)
def shipped_owners() -> OwnerVocabulary:
    """The vocabulary chiso ships (read once per process)."""
    text = resources.files("chiso.catalog").joinpath(SHIPPED).read_text(encoding="utf-8")
    return parse_owners(text, source=SHIPPED)


@dataclass(frozen=True, slots=True)
class OwnerMatch:
    """An owner named in a text: offsets into the text's NFC form, and the words as written."""

    owner: Owner
    start: int
    end: int
    text: str


def find_owners(text: str, vocabulary: OwnerVocabulary) -> list[OwnerMatch]:
    """Every owner named in ``text``, left to right, the longest form at each place, no two
    overlapping."""
    nfc = unicodedata.normalize("NFC", text).replace("’", "'")
    words = _words(nfc)
    folded = [fold(w) for _, _, w in words]
    shapes = [_shape(w) for _, _, w in words]
    out: list[OwnerMatch] = []
    i = 0
    while i < len(words):
        found: tuple[int, _Form] | None = None
        for n in range(min(vocabulary.longest, len(words) - i), 0, -1):
            for form in vocabulary.index.get(tuple(folded[i : i + n]), ()):
                if form.shape is None or form.shape == tuple(shapes[i : i + n]):
                    found = (n, form)
                    break
            if found:
                break
        if found is None:
            i += 1
            continue
        n, form = found
        start, end = words[i][0], words[i + n - 1][1]
        out.append(OwnerMatch(vocabulary.owners[form.owner], start, end, nfc[start:end]))
        i += n
    return out


def owner_named(text: str, vocabulary: OwnerVocabulary) -> Owner | None:
    """The owner ``text`` is one whole form of (``"BCA"``, ``"Ministry of Public Security"``), else None."""
    clean = _clean(text)
    found = find_owners(clean, vocabulary)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(clean):
        return found[0].owner
    return None


#: where a suggestion came from, most telling first
OwnerSource = Literal["sentence", "title", "publisher", "report"]


@dataclass(frozen=True, slots=True)
class OwnerSuggestion:
    owner: Owner
    source: OwnerSource
    #: the words that named it
    text: str


_THE_GOVERNMENT: Final = frozenset({"government"})


def _pick(found: list[OwnerMatch]) -> OwnerMatch | None:
    """The first named body that is not the Government (which assigns: "Thủ tướng giao Bộ Công an
    chủ trì"), else the first."""
    for m in found:
        if m.owner.kind not in _THE_GOVERNMENT:
            return m
    return found[0] if found else None


def suggest_owner(
    vocabulary: OwnerVocabulary,
    *,
    sentence: str,
    title: str | None = None,
    publisher: str | None = None,
    text: str | None = None,
) -> OwnerSuggestion | None:
    """The owner of a promise: named in its own sentence, else in the report's title, else the
    publisher (a ministry's own portal), else the body the report names most often (ties: the
    first named). In each, a body the Government tasks wins over the Government."""
    sources: tuple[tuple[OwnerSource, str | None], ...] = (
        ("sentence", sentence),
        ("title", title),
        ("publisher", publisher),
    )
    for source, words in sources:
        if not words:
            continue
        best = _pick(find_owners(words, vocabulary))
        if best is not None:
            return OwnerSuggestion(best.owner, source, best.text)
    if text:
        found = find_owners(text, vocabulary)
        counts: dict[str, int] = {}
        for m in found:
            if m.owner.kind not in _THE_GOVERNMENT:
                counts[m.owner.name] = counts.get(m.owner.name, 0) + 1
        if counts:
            top = max(counts.values())
            best = next(m for m in found if counts.get(m.owner.name) == top)
            return OwnerSuggestion(best.owner, "report", best.text)
    return None


_SENTENCE_END = re.compile(r"[.!?…;]\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``start..end`` (from the last sentence end before it to
    the first after it)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right_m = _SENTENCE_END.search(text, end)
    right = right_m.start() + 1 if right_m else len(text)
    return text[left:right]


__all__ = [
    "OWNER_KINDS",
    "Owner",
    "OwnerKind",
    "OwnerMatch",
    "OwnerSource",
    "OwnerSuggestion",
    "OwnerVocabulary",
    "build_vocabulary",
    "find_owners",
    "owner_named",
    "parse_owners",
    "sentence_around",
    "shipped_owners",
    "suggest_owner",
]
