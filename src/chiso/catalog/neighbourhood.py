"""The neighbourhood of a figure mention: the words around it that matching reads (the clause before,
the quote, the counted phrase after, its sentence and the one before) and the time it speaks of
(an as-of date or a period)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from chiso.catalog.match_text import _NUMBER, Tokens, Words, _contains, _find, fold, tokens
from chiso.catalog.place import Place, place_of

_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’)\]]|$)|\n")
_CLAUSE_CUT = re.compile(r"[;:(\[]")
_RIGHT_STOP = re.compile(r"[;:.()\[\]\n]|\s(?:và|and)\s|\d")
# the figure's own clause to the right, for its place: "..., trong đó Hà Nội ..." is another subject
_RIGHT_CLAUSE_STOP = re.compile(r"[,;:.()\[\]\n]|\s(?:và|and|trong đó|including)\s|\d")
_LINKING = frozenset({"cho", "của", "dành", "thuộc", "for", "of", "to", "from"})
_LEFT_WINDOW = 12
_RIGHT_WINDOW = 6
_TAIL_MAX = 9


class MentionLike(Protocol):
    """What matching reads from a mention (an ORM :class:`Mention` row fits)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def unit_head(self) -> str | None: ...
    @property
    def of_total(self) -> float | None: ...
    @property
    def is_change(self) -> bool: ...
    @property
    def period_text(self) -> str | None: ...
    @property
    def as_of(self) -> date | None: ...
    @property
    def period_start(self) -> date | None: ...
    @property
    def period_end(self) -> date | None: ...


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        # a full stop between digits (780.000) does not end a sentence
        if m.group(0) == "." and 0 < m.start() < len(text) - 1 and text[m.start() + 1].isdigit():
            continue
        s = m.end()
    e = len(text)
    for m in _SENTENCE_END.finditer(text, end):
        if m.group(0) == "." and m.start() + 1 < len(text) and text[m.start() + 1].isdigit():
            continue
        e = m.end()
        break
    return s, e


def _mention_in(text: str, m: MentionLike) -> tuple[int, int]:
    """The mention's span in ``text``: its offsets, or where its quote occurs when they disagree."""
    if 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.quote:
        return m.start, m.end
    at = text.find(m.quote) if m.quote else -1
    return (at, at + len(m.quote)) if at >= 0 else (-1, -1)


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """The words around one figure that matching looks at."""

    quote: Tokens
    #: the clause before the figure (at most twelve words) + the quote + a few words after
    near: Tokens
    #: the whole sentence
    sentence: Tokens
    #: the sentence and the one before it
    wide: Tokens
    #: everything left of the figure in its sentence (for period cues such as "Đến nay,")
    left_all: Tokens
    #: the counted phrase: the unit as written in the quote, extended by "cho/của ..." after it
    tail: Tokens
    percent: bool
    per_time: bool
    #: the place the figure covers and the words that said so (:func:`chiso.catalog.place.place_of`),
    #: None when nothing in its clause, sentence or the one before names a place
    place: tuple[Place, str] | None = None
    near_words: Words = field(init=False, repr=False, compare=False)
    sentence_words: Words = field(init=False, repr=False, compare=False)
    wide_words: Words = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "near_words", Words(self.near))
        object.__setattr__(self, "sentence_words", Words(self.sentence))
        object.__setattr__(self, "wide_words", Words(self.wide))


def neighbourhood(m: MentionLike, text: str) -> Neighbourhood:
    quote = tokens(m.quote)
    start, end = _mention_in(text, m)
    if start < 0:
        left_all: Tokens = ()
        right: Tokens = ()
        sentence = quote
        wide = quote
        left_near: Tokens = ()
        place = place_of(quote, (), ())
    else:
        s, e = _sentence_bounds(text, start, end)
        left_text = text[s:start]
        left_all = tokens(left_text)
        cut = max((mm.end() for mm in _CLAUSE_CUT.finditer(left_text)), default=0)
        left_near = tokens(left_text[cut:])[-_LEFT_WINDOW:]
        # "... tổ chức, doanh nghiệp và trên 82.000 tài khoản ...": a figure joined to the one
        # before by "và"/"and" starts its own clause (the words before belong to the other figure).
        for i in range(len(left_near) - 1, max(len(left_near) - 4, -1), -1):
            if left_near[i] in {"và", "and"}:
                left_near = left_near[i + 1 :]
                break
        right_text = text[end:e]
        stop = _RIGHT_STOP.search(right_text)
        right = tokens(right_text[: stop.start()] if stop else right_text)[:_RIGHT_WINDOW]
        sentence = tokens(text[s:e])
        ps, _ = _sentence_bounds(text, max(s - 2, 0), max(s - 1, 0)) if s > 1 else (s, s)
        wide = tokens(text[ps:e])
        own_right = _RIGHT_CLAUSE_STOP.search(right_text)
        clause = (
            left_near
            + quote
            + tokens(right_text[: own_right.start()] if own_right else right_text)[:_RIGHT_WINDOW]
        )
        place = place_of(
            clause, left_all[: len(left_all) - len(left_near)], wide[: len(wide) - len(sentence)]
        )
        if place is None:
            place = _headline_place(text, ps)
    tail = _unit_tail(m, quote, right)
    qf = fold(m.quote)
    unit = fold(m.unit or "")
    percent = unit.startswith("%") or "%" in qf or "phần trăm" in qf or "percent" in qf
    per_time = "/" in unit or any(
        _contains(tokens(m.quote) + right, tokens(w))
        for w in ("mỗi ngày", "một ngày", "per day", "a day", "mỗi tháng", "per month")
    )
    return Neighbourhood(
        quote=quote,
        near=left_near + quote + right,
        sentence=sentence,
        wide=wide,
        left_all=left_all,
        tail=tail,
        percent=percent,
        per_time=per_time,
        place=place,
    )


_HEADLINE_MAX = 200


def _headline_place(text: str, before: int) -> tuple[Place, str] | None:
    """The place a report's headline (its first line, when short and above the figure's sentences)
    names: "Lâm Đồng: đẩy mạnh Đề án 06" makes its unmarked figures the province's. A national
    headline naming a venue ("... tại Hà Nội") only costs a person's look, never a wrong series."""
    cut = text.find("\n")
    if cut < 0 or cut > _HEADLINE_MAX or cut >= before:
        return None
    return place_of((), (), tokens(text[:cut]))


def _unit_tail(m: MentionLike, quote: Tokens, right: Tokens) -> Tokens:
    unit = tokens(m.unit or "")
    if not unit:
        # No unit from the extractor: the words after the last number of the quote.
        last = max((i for i, t in enumerate(quote) if _NUMBER.match(t)), default=-1)
        unit = tuple(
            t
            for t in quote[last + 1 :]
            if t not in {"triệu", "tỷ", "tỉ", "nghìn", "ngàn", "million", "billion", "thousand"}
        )
        if not unit:
            return ()
    at = _find(quote, unit)
    tail = quote[at:] if at >= 0 else unit
    if tail and tail[0] == "%":
        return ("%",)
    if right and right[0] in _LINKING:
        tail = tail + right
    return tail[:_TAIL_MAX]


# --- period and measure --------------------------------------------------------------------

_AS_OF_CUES = tuple(
    tokens(c)
    for c in (
        "đến nay",
        "hiện nay",
        "hiện tại",
        "tính đến",
        "lũy kế",
        "luỹ kế",
        "tổng cộng",
        "tổng số",
        "so far",
        "to date",
        "as of",
        "in total",
    )
)
_PERIOD_CUES = tuple(
    tokens(c)
    for c in (
        "riêng năm",
        "trong năm",
        "năm qua",
        "quý",
        "tháng đầu năm",
        "in 2024",
        "in 2025",
        "in 2026",
        "during",
        "this year",
        "last year",
    )
)
_YEAR = re.compile(r"^(19|20)\d\d$")


def _time_shape(m: MentionLike, nb: Neighbourhood) -> tuple[str | None, str]:
    """("as_of" | "period" | None, how it was seen) for the figure."""
    if m.period_start is not None and m.period_end is not None and m.period_start != m.period_end:
        return "period", f"{m.period_start.isoformat()}…{m.period_end.isoformat()}"
    if m.as_of is not None:
        return "as_of", f"as of {m.as_of.isoformat()}"
    ptext = tokens(m.period_text or "")
    for source in (ptext, nb.left_all):
        best: tuple[int, str, str] | None = None
        for shape, cues in (("as_of", _AS_OF_CUES), ("period", _PERIOD_CUES)):
            for cue in cues:
                at = _find(source, cue)
                while at >= 0:
                    if best is None or at > best[0]:
                        best = (at, shape, " ".join(cue))
                    at = _find(source, cue, at + 1)
        # "năm 2025" (not "đến năm 2030", a horizon) dates a period
        for i, t in enumerate(source):
            if (
                _YEAR.match(t)
                and i > 0
                and source[i - 1] in {"năm", "in"}
                and (i < 2 or source[i - 2] not in {"đến", "by", "until"})
                and (best is None or i > best[0])
            ):
                best = (i, "period", f"{source[i - 1]} {t}")
        if best is not None:
            return best[1], best[2]
    return None, ""


__all__ = ["MentionLike", "Neighbourhood", "neighbourhood"]
