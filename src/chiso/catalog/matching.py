"""Ranked indicator suggestions for a figure mention, and learning from people's links.

Each indicator is scored on evidence a person can check, and every piece of evidence becomes a
reason (Vietnamese first, as the reports are):

- **unit**: the counted phrase ("tài khoản định danh cho tổ chức, doanh nghiệp") against the
  indicator's units; a phrase fully explained by the indicator's vocabulary counts most.
- **words** near the figure (the clause before it, the quote, a few words after) and, weaker,
  anywhere in its sentence; **context** words in the sentence or the one before.
- **exclude** words near the figure ("người nước ngoài" is not an organisation's account).
- **measure and period**: a figure "đến nay" (as of a date) fits a cumulative total, "riêng năm
  2025" a flow, "lượt/ngày" a rate, "18/19" a count of a total, "%" a share.
- **value range**: a value outside the indicator's plausible range counts against it.
- **learned examples**: a person's earlier link of a similar unit phrase and context
  (:class:`~chiso.store.models.MatchExample`) outweighs the rules.

The evidence adds up to a raw score that a logistic curve maps to [0, 1]; the constants were
chosen on the seed reports so that a mention whose unit, words and period all agree scores
above 0.9 and one that agrees on its unit alone stays near 0.5 (see tests/catalog).

Matchers are compiled once per session (cached in ``session.info``) and rebuilt when indicators or
examples are added there, so ranking every mention of a report costs one compile.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from chiso.store.models import Indicator, MatchExample, Mention

# --- text: tokens and phrases ----------------------------------------------------------------

# Old-style tone placement ("hoá", "thuỷ") folded to the new style ("hóa", "thủy") so either spelling matches.
_TONE_FOLD = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
# Only at the end of a syllable ("hoá" but not "khoản"), and never in "qu" ("quý" keeps its mark).
_TONE_RE = re.compile(
    "|".join(("(?<!q)" if k.startswith("u") else "") + k + r"(?![^\W\d_])" for k in _TONE_FOLD)
)
_TOKEN = re.compile(r"[%/]|[^\W_]+(?:[.,'’&-][^\W_]+)*")
_NUMBER = re.compile(r"^\d[\d.,]*$")

#: words that carry no topic: left out when comparing contexts of learned examples
_STOP = frozenset({"và", "của", "các", "đã", "được", "với", "cho", "trong", "là", "có", "những", "này", "đó", "một", "để", "theo", "từ", "tại", "trên", "hơn", "khoảng", "gần", "đến", "nay", "hiện", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "the", "of", "and", "to", "in", "a", "an", "for", "on", "with", "by", "over", "more", "than", "about", "nearly", "million", "billion", "thousand"})  # fmt: skip

Tokens = tuple[str, ...]


def fold(text: str) -> str:
    """NFC, case-folded, old-style tone marks moved: the form every comparison uses."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _TONE_RE.sub(lambda m: _TONE_FOLD[m.group(0)], text)


def tokens(text: str) -> Tokens:
    return tuple(_TOKEN.findall(fold(text)))


def _find(haystack: Tokens, needle: Tokens, start: int = 0) -> int:
    """Index of the first occurrence of ``needle`` in ``haystack`` at or after ``start``, else -1."""
    n = len(needle)
    if n == 0:
        return -1
    first = needle[0]
    for i in range(start, len(haystack) - n + 1):
        if haystack[i] == first and haystack[i : i + n] == needle:
            return i
    return -1


def _contains(haystack: Tokens, needle: Tokens) -> bool:
    return _find(haystack, needle) >= 0


_GRAM = 6


class Words:
    """A stretch of tokens with every phrase of up to six words indexed, so that testing each
    indicator's phrases against it is a set lookup rather than a scan."""

    __slots__ = ("grams", "tokens")

    def __init__(self, ts: Tokens) -> None:
        self.tokens = ts
        self.grams = frozenset(ts[i : i + n] for n in range(1, _GRAM + 1) for i in range(len(ts) - n + 1))

    def has(self, phrase: Tokens) -> bool:
        return phrase in self.grams if len(phrase) <= _GRAM else _contains(self.tokens, phrase)


# --- the neighbourhood of a mention ----------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’)\]]|$)|\n")
_CLAUSE_CUT = re.compile(r"[;:(\[]")
_RIGHT_STOP = re.compile(r"[;:.()\[\]\n]|\s(?:và|and)\s|\d")
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
    )


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


#: (measure, shape) -> score change; shapes: as_of, period (time) and rate, of, percent (form)
_MEASURE_FIT: dict[str, dict[str, float]] = {
    "cumulative": {"as_of": 0.1, "period": -0.1, "rate": -0.25},
    "flow": {"period": 0.12, "as_of": -0.1, "rate": -0.1},
    "stock": {"as_of": 0.1, "period": -0.05, "rate": -0.25},
    "rate": {"rate": 0.15, "no_rate": -0.2},
    "share": {"percent": 0.1, "no_percent": -0.2, "as_of": 0.03},
    "count_of_total": {"of": 0.15, "no_of": -0.1, "as_of": 0.03},
}


# --- compiled indicators and examples --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Compiled:
    id: int
    slug: str
    name_vi: str
    name_en: str
    measure: str
    words: tuple[tuple[str, Tokens], ...]
    units: tuple[tuple[str, Tokens], ...]
    context: tuple[tuple[str, Tokens], ...]
    exclude: tuple[tuple[str, Tokens], ...]
    range: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class _Example:
    indicator_id: int
    mention_id: int | None
    unit: Tokens
    context: frozenset[str]


def _phrases(values: Any) -> tuple[tuple[str, Tokens], ...]:
    out: list[tuple[str, Tokens]] = []
    if isinstance(values, str):
        values = [values]
    for v in values or ():
        t = tokens(str(v))
        if t and all(t != o for _, o in out):
            out.append((str(v), t))
    return tuple(out)


def _compile(ind: Indicator) -> _Compiled:
    rules = ind.match_rules or {}
    units = _phrases(rules.get("units"))
    if not any(u == tokens(ind.unit) for _, u in units):
        units = (*units, *_phrases([ind.unit]))
    rng = rules.get("range")
    span: tuple[float, float] | None = None
    if isinstance(rng, list | tuple) and len(rng) == 2 and all(isinstance(x, int | float) for x in rng):
        span = (float(rng[0]), float(rng[1]))
    return _Compiled(
        id=ind.id,
        slug=ind.slug,
        name_vi=ind.name_vi,
        name_en=ind.name_en,
        measure=ind.measure,
        words=_phrases(rules.get("words")),
        units=units,
        context=_phrases(rules.get("context")),
        exclude=_phrases(rules.get("exclude")),
        range=span,
    )


def _content(ts: Iterable[str]) -> frozenset[str]:
    return frozenset(t for t in ts if t not in _STOP and not _NUMBER.match(t) and t not in {"%", "/"})


def _example(row: MatchExample) -> _Example:
    return _Example(
        indicator_id=row.indicator_id,
        mention_id=row.mention_id,
        unit=tokens(row.unit or ""),
        context=_content(tokens(row.context)),
    )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One ranked indicator for a mention: a score in [0, 1] and the reasons for it."""

    indicator_id: int
    slug: str
    name_vi: str
    name_en: str
    score: float
    reasons: tuple[str, ...]


# Logistic map from evidence to score: centre 0.45, slope 6 (chosen on the seed reports: unit
# alone ≈ 0.5, unit + words + period ≈ 0.9-0.98, a contradicted candidate < 0.2).
_CENTRE = 0.45
_SLOPE = 6.0


def _squash(raw: float) -> float:
    return 1.0 / (1.0 + math.exp(-_SLOPE * (raw - _CENTRE)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _unit_sim(a: Tokens, b: Tokens) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


@dataclass(slots=True)
class Matcher:
    """Every indicator and learned example of a database, compiled for ranking many mentions."""

    indicators: tuple[_Compiled, ...]
    examples: list[_Example] = field(default_factory=list)
    signature: tuple[Any, ...] = ()

    def suggest(self, m: MentionLike, text: str, *, limit: int = 5) -> list[Suggestion]:
        if m.kind != "figure" or not self.indicators:
            return []
        nb = neighbourhood(m, text)
        time_shape, time_seen = _time_shape(m, nb)
        learned = self._learned(m, nb)
        best_other = max(learned.values(), default=(0.0, None))[0]
        scored: list[Suggestion] = []
        for ind in self.indicators:
            raw, reasons = self._evidence(ind, m, nb, time_shape, time_seen)
            sim, example = learned.get(ind.id, (0.0, None))
            if sim > 0:
                raw += 1.0 * sim
                reasons.insert(
                    0, f"đã học · learned from mention #{example}" if example else "đã học · learned"
                )
            if best_other > sim:
                # A person linked a similar mention to another indicator.
                raw -= 0.5 * (best_other - sim)
            scored.append(
                Suggestion(
                    indicator_id=ind.id,
                    slug=ind.slug,
                    name_vi=ind.name_vi,
                    name_en=ind.name_en,
                    score=round(_squash(raw), 3),
                    reasons=tuple(reasons),
                )
            )
        scored.sort(key=lambda s: (-s.score, s.slug))
        return scored[:limit]

    def _learned(self, m: MentionLike, nb: Neighbourhood) -> dict[int, tuple[float, int | None]]:
        """The best similarity of the mention to each indicator's examples (its own are ignored)."""
        ctx = _content(nb.near)
        out: dict[int, tuple[float, int | None]] = {}
        generic = len(nb.tail) <= 2
        for ex in self.examples:
            if ex.mention_id is not None and ex.mention_id == m.id:
                continue
            us = _unit_sim(nb.tail, ex.unit)
            if us < 0.5:
                continue
            cs = _jaccard(ctx, ex.context)
            # A short unit ("tài khoản") says little on its own: the context has to agree too.
            sim = us * (0.3 + 0.7 * cs) if generic else us * (0.6 + 0.4 * cs)
            if sim > out.get(ex.indicator_id, (0.0, None))[0]:
                out[ex.indicator_id] = (sim, ex.mention_id)
        return out

    def _evidence(
        self, ind: _Compiled, m: MentionLike, nb: Neighbourhood, time_shape: str | None, time_seen: str
    ) -> tuple[float, list[str]]:
        raw = 0.0
        reasons: list[str] = []

        # words: near ones count fully, the rest of the sentence at a third
        near_hits = [(p, t) for p, t in ind.words if nb.near_words.has(t)]
        far_hits = [(p, t) for p, t in ind.words if (p, t) not in near_hits and nb.sentence_words.has(t)]
        weights = sorted((0.15 + 0.05 * min(len(t), 3) for _, t in near_hits), reverse=True)
        weights += sorted((0.3 * (0.15 + 0.05 * min(len(t), 3)) for _, t in far_hits), reverse=True)
        words_score = min(0.45, sum(w * 0.5**i for i, w in enumerate(weights)))
        raw += words_score
        if near_hits:
            reasons.append("từ khoá " + ", ".join(f"'{p}'" for p, _ in near_hits[:3]))
        elif far_hits:
            reasons.append("từ khoá trong câu " + ", ".join(f"'{p}'" for p, _ in far_hits[:2]))
        else:
            raw -= 0.2  # the unit alone does not say which indicator

        # unit: how much of the counted phrase the indicator's units and words explain
        unit_score, unit_reason = self._unit(ind, nb, near_hits)
        raw += unit_score
        if unit_reason:
            reasons.insert(0, unit_reason)

        ctx_hits = [p for p, t in ind.context if nb.wide_words.has(t)]
        if ctx_hits:
            raw += min(0.15, 0.06 * len(ctx_hits))
            reasons.append("ngữ cảnh " + ", ".join(f"'{p}'" for p in ctx_hits[:2]))

        excluded = [p for p, t in ind.exclude if nb.near_words.has(t)]
        if excluded:
            raw -= 0.45 + 0.1 * (len(excluded) - 1)
            reasons.append("⚠ loại trừ · excluded " + ", ".join(f"'{p}'" for p in excluded[:2]))

        raw += self._measure(ind, m, nb, time_shape, time_seen, reasons)

        if m.is_change:
            raw -= 0.15
            reasons.append("⚠ mức thay đổi · a change, not a level")

        if ind.range is not None and m.value is not None:
            lo, hi = ind.range
            if lo <= m.value <= hi:
                raw += 0.05
            else:
                raw -= 0.25
                reasons.append(f"⚠ ngoài khoảng · outside {lo:,.0f}–{hi:,.0f}")
        return raw, reasons

    @staticmethod
    def _unit(
        ind: _Compiled, nb: Neighbourhood, near_hits: Sequence[tuple[str, Tokens]]
    ) -> tuple[float, str]:
        tail = nb.tail
        if not tail:
            return 0.0, ""
        if tail == ("%",):
            if any(u[0] == "%" or u == ("percent",) for _, u in ind.units):
                return 0.5, "đơn vị '%'"
            return -0.35, "⚠ đơn vị '%' khác · unit differs"
        best: tuple[float, str] | None = None
        for phrase, u in ind.units:
            at = _find(tail, u)
            if at < 0:
                continue
            covered = set(range(at, at + len(u)))
            # words of the indicator inside the phrase ("tổ chức", "doanh nghiệp") explain it too
            for _, w in near_hits:
                j = _find(tail, w)
                while j >= 0:
                    covered.update(range(j, j + len(w)))
                    j = _find(tail, w, j + 1)
            significant = [i for i, t in enumerate(tail) if t not in _LINKING]
            explained = len(covered & set(significant))
            coverage = explained / max(1, len(significant))
            score = (0.15 + 0.35 * coverage) * (1.0 if at == 0 else 0.8)
            if coverage >= 0.75:
                # a long phrase fully explained ("tài khoản định danh cho tổ chức") says more than "tài khoản"
                score += 0.1 * min(1.0, max(0, explained - 2) / 4)
            if best is None or score > best[0]:
                best = (score, phrase)
        if best is not None:
            return best[0], f"đơn vị '{best[1]}'"
        if any(u[:2] == tail[:2] for _, u in ind.units):
            return 0.1, f"đơn vị gần giống · similar unit '{' '.join(tail[:2])}'"
        return -0.35, f"⚠ đơn vị khác · unit '{' '.join(tail)}' differs"

    @staticmethod
    def _measure(
        ind: _Compiled,
        m: MentionLike,
        nb: Neighbourhood,
        time_shape: str | None,
        time_seen: str,
        reasons: list[str],
    ) -> float:
        fit = _MEASURE_FIT.get(ind.measure, {})
        shapes: list[tuple[str, str]] = []
        if time_shape:
            shapes.append((time_shape, time_seen))
        if nb.per_time:
            shapes.append(("rate", "per unit of time"))
        elif ind.measure == "rate":
            shapes.append(("no_rate", "not per unit of time"))
        if m.of_total is not None:
            shapes.append(("of", f"x/{m.of_total:g}"))
        elif ind.measure == "count_of_total":
            shapes.append(("no_of", "no total"))
        if nb.percent:
            shapes.append(("percent", "%"))
        elif ind.measure == "share":
            shapes.append(("no_percent", "not a percentage"))
        delta = 0.0
        agreed: list[str] = []
        clashed: list[str] = []
        for shape, seen in shapes:
            d = fit.get(shape, 0.0)
            delta += d
            label = {"as_of": "as-of date", "period": "period"}.get(shape, seen)
            if d > 0:
                agreed.append(f"{label} ({seen})" if shape in ("as_of", "period") and seen else label)
            elif d < 0:
                clashed.append(f"{label} ({seen})" if shape in ("as_of", "period") and seen else label)
        if agreed:
            reasons.append(f"{ind.measure}, " + ", ".join(agreed))
        if clashed:
            reasons.append(f"⚠ {ind.measure} ≠ " + ", ".join(clashed))
        return delta


# --- building, caching and the public API -----------------------------------------------------

_CACHE_KEY = "chiso.catalog.matcher"


def _signature(session: Session) -> tuple[Any, ...]:
    """Changes when an indicator or an example is added or removed (one cheap query)."""
    row = session.execute(
        select(
            select(func.count(Indicator.id)).scalar_subquery(),
            select(func.max(Indicator.id)).scalar_subquery(),
            select(func.count(MatchExample.id)).scalar_subquery(),
            select(func.max(MatchExample.id)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def build_matcher(session: Session) -> Matcher:
    """Compile every indicator and example once; reuse the result for a batch of mentions."""
    sig = _signature(session)
    cached = session.info.get(_CACHE_KEY)
    if isinstance(cached, Matcher) and cached.signature == sig:
        return cached
    indicators = tuple(_compile(i) for i in session.scalars(select(Indicator).order_by(Indicator.id)))
    examples = [_example(e) for e in session.scalars(select(MatchExample).order_by(MatchExample.id))]
    matcher = Matcher(indicators=indicators, examples=examples, signature=sig)
    session.info[_CACHE_KEY] = matcher
    return matcher


def invalidate(session: Session) -> None:
    """Forget the compiled matcher (call after editing an indicator's rules in this session)."""
    session.info.pop(_CACHE_KEY, None)


def suggest_indicators(session: Session, mention: Mention, *, text: str, limit: int = 5) -> list[Suggestion]:
    """Indicators for a figure mention, best first; ``text`` is its report's text."""
    return build_matcher(session).suggest(mention, text, limit=limit)


def learn(session: Session, mention: Mention, indicator_id: int) -> None:
    """Keep a person's link of ``mention`` to an indicator as an example for later mentions.

    Runs inside the caller's unit of work and never commits. A new decision on the same mention
    replaces the earlier lesson.
    """
    if mention.kind != "figure":
        return
    text = mention.report.text if mention.report is not None else mention.quote
    nb = neighbourhood(mention, text)
    if mention.id is not None:
        session.execute(delete(MatchExample).where(MatchExample.mention_id == mention.id))
    session.add(
        MatchExample(
            indicator_id=indicator_id,
            mention_id=mention.id,
            unit=" ".join(nb.tail) or None,
            context=" ".join(nb.near),
            created_at=datetime.now(UTC),
        )
    )
    invalidate(session)


__all__ = [
    "Matcher",
    "MentionLike",
    "Neighbourhood",
    "Suggestion",
    "build_matcher",
    "fold",
    "invalidate",
    "learn",
    "neighbourhood",
    "suggest_indicators",
    "tokens",
]
