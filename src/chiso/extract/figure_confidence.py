"""How far a reader may trust a figure without looking: the confidence scale, in one place.

``chiso review auto --min-confidence 0.9`` accepts a figure at or above 0.9 unseen, so the
scale is anchored on what a reviewer would accept without reading the sentence:

- **0.92**: a counted noun of the vocabulary (:data:`COUNTED_NOUNS`), a sign (%, đồng, USD) or a
  measurement unit, in a clean context: "13 cơ sở dữ liệu", "100% công an", "18/19 cơ sở dữ
  liệu", "780.000 tài khoản định danh", "50 tiện ích", "13 databases";
- **0.95**: the same with a qualifier: "trên 67 triệu tài khoản", "more than 67 million accounts";
- **+0.01** each for a ratio or range, a scale word and a period;
- **0.75**: a noun phrase the vocabulary does not know ("12 bức tranh sơn mài"), 0.80 qualified;
- **−0.10**: a spelled number ("ba bộ") or an order of magnitude ("hàng triệu");
- **−0.20**: a label-ish context: a label word ("Kế hoạch", "số") or a proper name right before the
  number, or an unknown capitalised unit ("78 October");
- **at most 0.60**: a unit that reads as a time span ("28 năm", "3 tháng", "5 years"): a duration
  or an age as often as a count;
- **0.40**: a bare number with no unit ("4821"); a qualifier, ratio or range adds 0.05; never above
  0.50.

Everything is clamped to [0.05, 0.98] and rounded to 3 decimals, so 0.9 is 0.9 and not
0.8999999999999999. The anchors were chosen on the seeds and tests/corpus/figures (run of
2026-11-22): every gold figure with a known unit in a clean context lands at ≥ 0.9.
"""

from __future__ import annotations

from typing import Final

from chiso.extract.vocab import CAPITALISED_UNITS, COUNT_NOUNS, COUNTED_NOUNS_EXTRA, KNOWN_UNIT_HEADS

#: Counted nouns and measurement units a reviewer accepts unseen: the extractor's known heads, the
#: nouns spelled numbers may count, measurement units written with capitals ("Mbps", "TB") and a
#: few more. Lowercase; multi-word entries match the start of a Vietnamese unit phrase
#: ("tài khoản định danh") or the head of an English one ("internet users" -> "users").
COUNTED_NOUNS: Final = frozenset(
    w.lower() for w in (*KNOWN_UNIT_HEADS, *COUNT_NOUNS.split("|"), *CAPITALISED_UNITS, *COUNTED_NOUNS_EXTRA)
)
_LONGEST: Final = max(w.count(" ") + 1 for w in COUNTED_NOUNS)


def is_counted_noun(unit: str, head: str | None) -> bool:
    """The unit (or its head) is a counted noun or measurement unit of the vocabulary."""
    if head is not None and head.lower() in COUNTED_NOUNS:
        return True
    words = unit.lower().replace("/", " ").split()
    if unit.isascii() and words and words[-1] in COUNTED_NOUNS:
        return True  # English: the plural head ends the phrase ("mobile connections")
    return any(" ".join(words[:k]) in COUNTED_NOUNS for k in range(min(len(words), _LONGEST), 0, -1))


#: Unit heads that measure time: "28 năm" is as often a duration or an age as a count.
TIME_SPAN_HEADS: Final = frozenset(
    {
        "năm",
        "tháng",
        "tuần",
        "ngày",
        "giờ",
        "phút",
        "giây",
        "quý",
        "thập kỷ",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minutes",
        "decades",
    }
)

KNOWN: Final = 0.92
QUALIFIED_BONUS: Final = 0.03
UNKNOWN: Final = 0.75
UNKNOWN_QUALIFIED_BONUS: Final = 0.05
SMALL_BONUS: Final = 0.01
SPELLED_PENALTY: Final = 0.10
LABEL_PENALTY: Final = 0.20
TIME_SPAN_CAP: Final = 0.60
BARE: Final = 0.40
BARE_BONUS: Final = 0.05
BARE_CAP: Final = 0.50


def figure_confidence(
    *,
    unit: str | None,
    head: str | None,
    known: bool,
    qualified: bool,
    ratio_or_range: bool,
    scaled: bool,
    spelled: bool,
    has_period: bool,
    label_context: bool,
) -> float:
    """The confidence of one figure on the scale above, in [0.05, 0.98], 3 decimals."""
    if unit is None:
        c = BARE + (BARE_BONUS if qualified else 0.0) + (BARE_BONUS if ratio_or_range else 0.0)
        c = min(c, BARE_CAP)
    else:
        known = known or is_counted_noun(unit, head)
        if known:
            c = KNOWN + (QUALIFIED_BONUS if qualified else 0.0)
        else:
            c = UNKNOWN + (UNKNOWN_QUALIFIED_BONUS if qualified else 0.0)
        c += SMALL_BONUS * (ratio_or_range + (scaled and not spelled) + has_period)
        if unit[:1].isupper() and not unit.isupper() and not known:
            label_context = True  # "78 October": a capitalised word is a name more often than a unit
        first_word = unit.split(maxsplit=1)[0].lower()
        if (head or unit).lower() in TIME_SPAN_HEADS or first_word in TIME_SPAN_HEADS:
            c = min(c, TIME_SPAN_CAP)
    if spelled:
        c -= SPELLED_PENALTY
    if label_context:
        c -= LABEL_PENALTY
    return round(max(0.05, min(0.98, c)), 3)


__all__ = ["COUNTED_NOUNS", "TIME_SPAN_HEADS", "figure_confidence", "is_counted_noun"]
