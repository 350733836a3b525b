"""Scoring and ranking: each indicator and learned example compiled to token phrases, and the
:class:`Matcher` that scores every indicator for a figure mention on its neighbourhood and ranks
them with the reasons a person can check."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from chiso.catalog.match_text import _NUMBER, _STOP, Tokens, _find, tokens
from chiso.catalog.neighbourhood import _LINKING, MentionLike, Neighbourhood, _time_shape, neighbourhood
from chiso.store.models import Indicator, MatchExample

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
    #: "national" (Vietnam's series, every shipped indicator) or "local" (a province's own)
    scope: str = "national"


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
        scope="local" if rules.get("scope") == "local" else "national",
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
class Reason:
    """One piece of evidence for (or, with a ``⚠``, against) an indicator, language-free.

    ``code`` says what was seen (:data:`REASON_CODES`); ``terms`` are what it was seen on: the
    report's or the catalogue's own words, a measure and the figure's shapes, or numbers. ``text``
    is the terse bilingual line the command line prints. Interfaces for people word the code in
    their language (the web app: ``chiso.web.match_words``).
    """

    code: str
    terms: tuple[str, ...] = ()
    text: str = ""

    def __str__(self) -> str:
        return self.text


#: every Reason code: words / words_in_sentence / context / excluded (terms: phrases), unit /
#: unit_similar / unit_differs (terms: the unit phrase), learned (terms: the mention learned from),
#: measure_fits / measure_clashes (terms: the measure, then shapes: as_of, period, rate, no_rate,
#: of, no_of, percent, no_percent), change, out_of_range (terms: low, high), local_figure (terms:
#: the words that name the province, city or district the figure covers).
REASON_CODES = frozenset(
    {
        "local_figure",
        "learned",
        "words",
        "words_in_sentence",
        "unit",
        "unit_similar",
        "unit_differs",
        "context",
        "excluded",
        "measure_fits",
        "measure_clashes",
        "change",
        "out_of_range",
    }
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One ranked indicator for a mention: a score in [0, 1] and the reasons for it (``reasons``
    as the command line prints them, ``evidence`` the same reasons as codes and terms)."""

    indicator_id: int
    slug: str
    name_vi: str
    name_en: str
    score: float
    reasons: tuple[str, ...]
    evidence: tuple[Reason, ...] = ()


#: (measure, shape) -> score change; shapes: as_of, period (time) and rate, of, percent (form)
_MEASURE_FIT: dict[str, dict[str, float]] = {
    "cumulative": {"as_of": 0.1, "period": -0.1, "rate": -0.25},
    "flow": {"period": 0.12, "as_of": -0.1, "rate": -0.1},
    "stock": {"as_of": 0.1, "period": -0.05, "rate": -0.25},
    "rate": {"rate": 0.15, "no_rate": -0.2},
    "share": {"percent": 0.1, "no_percent": -0.2, "as_of": 0.03},
    "count_of_total": {"of": 0.15, "no_of": -0.1, "as_of": 0.03},
}

#: a national indicator for a province's, city's or district's figure: at most a weak match, whatever
#: else agrees (an editor's earlier link included): its value is not the country's.
_LOCAL_CAP = 0.4
_LOCAL_PENALTY = 1.0
#: nothing but a short counted phrase ("%", "tài khoản") agrees: a unit alone does not say which
#: indicator ("78% dân số" and "78% dịch vụ công" share it), so no strong match on it, even learned.
_UNIT_ONLY_CAP = 0.55
_UNIT_ONLY_LEARNED_CAP = 0.8

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
    """Every indicator and learned example of a database, compiled for ranking many mentions.

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
    """

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
                    0,
                    Reason(
                        "learned",
                        (str(example),) if example else (),
                        f"đã học · learned from mention #{example}" if example else "đã học · learned",
                    ),
                )
            if best_other > sim:
                # A person linked a similar mention to another indicator.
                raw -= 0.5 * (best_other - sim)
            score = _squash(raw)
            if (
                not any(r.code in ("words", "words_in_sentence", "context") for r in reasons)
                and len(nb.tail) <= 2
            ):
                score = min(score, _UNIT_ONLY_LEARNED_CAP if sim > 0 else _UNIT_ONLY_CAP)
            if nb.place is not None and nb.place[0] == "local" and ind.scope == "national":
                score = min(_squash(raw - _LOCAL_PENALTY), _LOCAL_CAP)
                seen = nb.place[1]
                reasons.insert(
                    0, Reason("local_figure", (seen,), f"⚠ số liệu địa phương · a local figure ('{seen}')")
                )
            scored.append(
                Suggestion(
                    indicator_id=ind.id,
                    slug=ind.slug,
                    name_vi=ind.name_vi,
                    name_en=ind.name_en,
                    score=round(score, 3),
                    reasons=tuple(r.text for r in reasons),
                    evidence=tuple(reasons),
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
    ) -> tuple[float, list[Reason]]:
        raw = 0.0
        reasons: list[Reason] = []

        # words: near ones count fully, the rest of the sentence at a third
        near_hits = [(p, t) for p, t in ind.words if nb.near_words.has(t)]
        far_hits = [(p, t) for p, t in ind.words if (p, t) not in near_hits and nb.sentence_words.has(t)]
        weights = sorted((0.15 + 0.05 * min(len(t), 3) for _, t in near_hits), reverse=True)
        weights += sorted((0.3 * (0.15 + 0.05 * min(len(t), 3)) for _, t in far_hits), reverse=True)
        words_score = min(0.45, sum(w * 0.5**i for i, w in enumerate(weights)))
        raw += words_score
        if near_hits:
            near = tuple(p for p, _ in near_hits[:3])
            reasons.append(Reason("words", near, "từ khoá " + ", ".join(f"'{p}'" for p in near)))
        elif far_hits:
            far = tuple(p for p, _ in far_hits[:2])
            reasons.append(
                Reason("words_in_sentence", far, "từ khoá trong câu " + ", ".join(f"'{p}'" for p in far))
            )
        else:
            raw -= 0.2  # the unit alone does not say which indicator

        # unit: how much of the counted phrase the indicator's units and words explain
        unit_score, unit_reason = self._unit(ind, nb, near_hits)
        raw += unit_score
        if unit_reason is not None:
            reasons.insert(0, unit_reason)

        ctx_hits = [p for p, t in ind.context if nb.wide_words.has(t)]
        if ctx_hits:
            raw += min(0.15, 0.06 * len(ctx_hits))
            ctx = tuple(ctx_hits[:2])
            reasons.append(Reason("context", ctx, "ngữ cảnh " + ", ".join(f"'{p}'" for p in ctx)))

        excluded = [p for p, t in ind.exclude if nb.near_words.has(t)]
        if excluded:
            raw -= 0.45 + 0.1 * (len(excluded) - 1)
            ex = tuple(excluded[:2])
            reasons.append(Reason("excluded", ex, "⚠ loại trừ · excluded " + ", ".join(f"'{p}'" for p in ex)))

        raw += self._measure(ind, m, nb, time_shape, time_seen, reasons)

        if m.is_change:
            raw -= 0.15
            reasons.append(Reason("change", (), "⚠ mức thay đổi · a change, not a level"))

        if ind.range is not None and m.value is not None:
            lo, hi = ind.range
            if lo <= m.value <= hi:
                raw += 0.05
            else:
                raw -= 0.25
                reasons.append(
                    Reason(
                        "out_of_range",
                        (f"{lo:g}", f"{hi:g}"),
                        f"⚠ ngoài khoảng · outside {lo:,.0f}–{hi:,.0f}",
                    )
                )
        return raw, reasons

    @staticmethod
    def _unit(
        ind: _Compiled, nb: Neighbourhood, near_hits: Sequence[tuple[str, Tokens]]
    ) -> tuple[float, Reason | None]:
        tail = nb.tail
        if not tail:
            return 0.0, None
        if tail == ("%",):
            if any(u[0] == "%" or u == ("percent",) for _, u in ind.units):
                return 0.5, Reason("unit", ("%",), "đơn vị '%'")
            return -0.35, Reason("unit_differs", ("%",), "⚠ đơn vị '%' khác · unit differs")
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
            return best[0], Reason("unit", (best[1],), f"đơn vị '{best[1]}'")
        if any(u[:2] == tail[:2] for _, u in ind.units):
            near = " ".join(tail[:2])
            return 0.1, Reason("unit_similar", (near,), f"đơn vị gần giống · similar unit '{near}'")
        whole = " ".join(tail)
        return -0.35, Reason("unit_differs", (whole,), f"⚠ đơn vị khác · unit '{whole}' differs")

    @staticmethod
    def _measure(
        ind: _Compiled,
        m: MentionLike,
        nb: Neighbourhood,
        time_shape: str | None,
        time_seen: str,
        reasons: list[Reason],
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
        agreed_shapes: list[str] = []
        clashed_shapes: list[str] = []
        for shape, seen in shapes:
            d = fit.get(shape, 0.0)
            delta += d
            label = {"as_of": "as-of date", "period": "period"}.get(shape, seen)
            if d > 0:
                agreed.append(f"{label} ({seen})" if shape in ("as_of", "period") and seen else label)
                agreed_shapes.append(shape)
            elif d < 0:
                clashed.append(f"{label} ({seen})" if shape in ("as_of", "period") and seen else label)
                clashed_shapes.append(shape)
        if agreed:
            reasons.append(
                Reason("measure_fits", (ind.measure, *agreed_shapes), f"{ind.measure}, " + ", ".join(agreed))
            )
        if clashed:
            reasons.append(
                Reason(
                    "measure_clashes",
                    (ind.measure, *clashed_shapes),
                    f"⚠ {ind.measure} ≠ " + ", ".join(clashed),
                )
            )
        return delta


__all__ = ["REASON_CODES", "Matcher", "Reason", "Suggestion"]
