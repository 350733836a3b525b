"""A suggested indicator in a journalist's words: how strong the match is, and why, in the UI's language.

The matcher's score ranks indicators for one figure; it is not a value of the figure, so pages
never print it as a percentage beside an indicator's name ("Share of services fully online · 92%"
read as the share itself). They show a strength in words instead, and the matcher's reasons
(language-free codes and terms from :mod:`chiso.catalog.ranking`) worded here through
:func:`chiso.i18n.gettext`: no mention ids, no raw codes such as ``more_than``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from chiso.i18n import N_, gettext
from chiso.services.indicators.schemas import MatchReasonOut
from chiso.web import i18n

Strength = Literal["strong", "good", "weak"]

#: (lowest score, strength): 0.9 is what ``chiso review auto`` accepts without a person by
#: default; 0.6 is above a unit-only match (≈ 0.5 on the seed reports, see catalog/ranking.py).
STRENGTHS: Final[tuple[tuple[float, Strength], ...]] = ((0.9, "strong"), (0.6, "good"), (0.0, "weak"))

STRENGTH_LABELS: Final[dict[Strength, str]] = {
    "strong": N_("strong match"),
    "good": N_("good match"),
    "weak": N_("weak match"),
}

#: code -> English sentence; {terms} is the words the matcher saw, quoted; {measure} and
#: {shapes} describe how the indicator is counted and what the figure looks like.
REASONS: Final[dict[str, str]] = {
    "learned": N_("an editor matched a similar figure to it before"),
    "words": N_("next to the figure: {terms}"),
    "words_in_sentence": N_("the sentence mentions {terms}"),
    "unit": N_("same unit: {terms}"),
    "unit_similar": N_("a similar unit: {terms}"),
    "unit_differs": N_("a different unit: {terms}"),
    "context": N_("on the same subject: {terms}"),
    "excluded": N_("the text says {terms}, which this indicator leaves out"),
    "measure_fits": N_("fits how it is counted ({measure}): {shapes}"),
    "measure_clashes": N_("does not fit how it is counted ({measure}): {shapes}"),
    "change": N_("a change, not a level"),
    "out_of_range": N_("outside the usual range ({low}–{high})"),
    "local_figure": N_("the figure is for {terms}, not the whole country"),
}

#: reasons that count against the indicator (shown with a warning sign)
AGAINST: Final = frozenset(
    {"local_figure", "unit_differs", "excluded", "measure_clashes", "change", "out_of_range"}
)

SHAPES: Final[dict[str, str]] = {
    "as_of": N_("a figure as of a date"),
    "period": N_("a figure for a period"),
    "rate": N_("per unit of time"),
    "no_rate": N_("not per unit of time"),
    "of": N_("out of a total"),
    "no_of": N_("no total given"),
    "percent": N_("a percentage"),
    "no_percent": N_("not a percentage"),
}

#: how an indicator is counted, for people (the Vietnamese comes from i18n's measure entries)
MEASURES_EN: Final[dict[str, str]] = {
    "cumulative": "running total",
    "flow": "amount in a period",
    "stock": "level at a date",
    "rate": "rate",
    "share": "share",
    "count_of_total": "count out of a total",
}


@dataclass(frozen=True, slots=True)
class Explained:
    """One reason as a person reads it."""

    text: str
    against: bool


def strength(score: float) -> Strength:
    return next(name for floor, name in STRENGTHS if score >= floor)


def strength_label(score: float, locale: str) -> str:
    return gettext(locale, STRENGTH_LABELS[strength(score)])


def measure_label(measure: str, locale: str) -> str:
    if locale == "vi":
        return gettext(locale, measure)
    return MEASURES_EN.get(measure, measure.replace("_", " "))


def _quoted(terms: Iterable[str]) -> str:
    return ", ".join(f"“{t}”" for t in terms)


def _number(raw: str, locale: str) -> str:
    try:
        return i18n.format_number(float(raw), locale)
    except ValueError:
        return raw


def explain(reason: MatchReasonOut, locale: str) -> Explained | None:
    """The reason in the UI's language, or None for a code this version does not know."""
    template = REASONS.get(reason.code)
    if template is None:
        return None
    terms = list(reason.terms)
    fields = {"terms": _quoted(terms), "measure": "", "shapes": "", "low": "", "high": ""}
    if reason.code in ("measure_fits", "measure_clashes") and terms:
        fields["measure"] = measure_label(terms[0], locale)
        fields["shapes"] = ", ".join(gettext(locale, SHAPES.get(s, s)) for s in terms[1:])
    elif reason.code == "out_of_range" and len(terms) == 2:
        fields["low"], fields["high"] = (_number(t, locale) for t in terms)
    text = gettext(locale, template).format(**fields)
    return Explained(text=text, against=reason.code in AGAINST)


def explain_all(reasons: Iterable[MatchReasonOut], locale: str) -> list[Explained]:
    return [e for e in (explain(r, locale) for r in reasons) if e is not None]


__all__ = [
    "AGAINST",
    "MEASURES_EN",
    "REASONS",
    "SHAPES",
    "STRENGTHS",
    "STRENGTH_LABELS",
    "Explained",
    "explain",
    "explain_all",
    "measure_label",
    "strength",
    "strength_label",
]
