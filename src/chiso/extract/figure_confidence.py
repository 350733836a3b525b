"""How far a reader may trust a figure without looking: the confidence scale, in one place.

``chiso review auto --min-confidence 0.9`` accepts a figure at or above 0.9 unseen, so the
scale is anchored on what a reviewer would accept without reading the sentence:

==============================================================  ==========
figure                                                          confidence
==============================================================  ==========
a known counted noun or a sign (%, đồng, USD) in a clean          0.92
context: "13 cơ sở dữ liệu", "100% công an", "18/19 cơ sở dữ
liệu", "780.000 tài khoản định danh", "50 tiện ích"
the same with a qualifier: "trên 67 triệu tài khoản"              0.95
each of a ratio or range, a scale word, a period                 +0.01
a noun phrase the vocabulary does not know: "8 di ảnh màu"        0.75
(+0.05 with a qualifier)
a spelled number ("ba bộ") or an order of magnitude              −0.10
("hàng triệu")
a label-ish context: a label word ("Kế hoạch", "số") or a        −0.20
proper name right before, or a capitalised unit ("78 October")
a unit that reads as a time span ("28 năm", "3 tháng", "5       at most 0.60
years"): a duration or an age as often as a count
a bare number with no unit: "4821"                                0.40
(a qualifier, ratio or range adds 0.05; never above 0.50)
==============================================================  ==========

Everything is clamped to [0.05, 0.98] and rounded to 3 decimals, so 0.9 is 0.9 and not
0.8999999999999999. The anchors were chosen on the seeds and tests/corpus/figures (run of
2026-11-22): every gold figure with a known unit in a clean context lands at ≥ 0.9.
"""

from __future__ import annotations

from typing import Final

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
        if known:
            c = KNOWN + (QUALIFIED_BONUS if qualified else 0.0)
        else:
            c = UNKNOWN + (UNKNOWN_QUALIFIED_BONUS if qualified else 0.0)
        c += SMALL_BONUS * (ratio_or_range + (scaled and not spelled) + has_period)
        if unit[:1].isupper() and not unit.isupper() and not known:
            label_context = True  # "78 October": a capitalised word is a name more often than a unit
        if (head or unit).lower() in TIME_SPAN_HEADS:
            c = min(c, TIME_SPAN_CAP)
    if spelled:
        c -= SPELLED_PENALTY
    if label_context:
        c -= LABEL_PENALTY
    return round(max(0.05, min(0.98, c)), 3)


__all__ = ["TIME_SPAN_HEADS", "figure_confidence"]
