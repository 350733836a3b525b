"""The time grammar's two compiled patterns (Vietnamese, English) and their relation tables.

:mod:`chiso.extract.timex` scans with them and resolves each hit; the words they are built from
are data in :mod:`chiso.extract.time_vocab`. Group names are the resolvers' contract: a hit's
``lastgroup`` names its kind ("date", "month", "quarter", ...), and the other named groups hold its
parts (a written year, a vague position word, the second end of a span).
"""

from __future__ import annotations

import re

from chiso.extract.retrie import trie_pattern
from chiso.extract.time_vocab import (
    EN_CORE_STARTS,
    EN_MONTHS,
    EN_NOW,
    EN_RELATION_STARTS,
    EN_RELATIONS,
    VI_CORE_STARTS,
    VI_DAY_WORDS,
    VI_NOW,
    VI_RELATION_STARTS,
    VI_RELATIONS,
)
from chiso.extract.types import TimeRelation

_MONTHS = "(?-i:" + "|".join(sorted(EN_MONTHS, key=len, reverse=True)) + ")"
_VI_REL = "|".join(f"(?:{p})" for p, _ in VI_RELATIONS)
_EN_REL = "|".join(f"(?:{p})" for p, _ in EN_RELATIONS)
VI_RELATION_TABLE: tuple[tuple[re.Pattern[str], TimeRelation], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r) for p, r in VI_RELATIONS
)
EN_RELATION_TABLE: tuple[tuple[re.Pattern[str], TimeRelation], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r) for p, r in EN_RELATIONS
)
_VI_YREL = r"nay|này|sau|tới|tiếp\s+theo|ngoái|trước|qua"
_EN_YREL = r"this\s+year|the\s+year|next\s+year|the\s+coming\s+year|last\s+year|the\s+previous\s+year|year"
# a numeric date: d/m[/yyyy], d-m[-yyyy], d.m.yyyy; never inside a longer number or code
_NUM_DATE = r"(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?:(?P=s)(?P<y>\d{4}))?(?![\d/]|[.,-]\d)"
_VI_TO = r"\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?"  # "tháng 3 đến (hết) tháng 11"
_VI_MPOS = r"đầu|giữa|cuối"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)"


def _gate(words: list[str] | tuple[str, ...], digits: str = r"\d") -> str:
    """A case-sensitive lookahead of the words an expression may start with.

    Python's ``re`` finds no literal prefix in a big case-insensitive alternation, so it
    would try every branch at every word; this gate lets it skip most words at C speed
    (about 4x faster on news text, see the bench in tests/extract/test_deadline_properties.py).
    ``digits``: how an expression that starts with a digit goes on.
    """
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.upper())}
    # as a trie: one branch per letter, not per word form (the gate runs at every word start)
    return rf"(?={digits}|(?-i:{trie_pattern(forms)})(?!\w)|(?-i:T|H|Q|FY)\d)"


#: A Vietnamese expression that starts with a digit (no relation word before it) is a year or
#: a span of years ("2025", "2021-2025", "2026-01-15": four digits), a date ("15/1", "1.8") or a
#: count of months ("6 tháng đầu năm"); every other branch starts with a word. Most digits in a
#: report start none of these ("67 triệu", "12,5%"), and each one let through costs a try of
#: every branch: this gate makes the grammar's scan 15% (news) to 20% (dense) faster.
#: tests/extract/test_scan_gates.py matches with and without it at every position. A new branch
#: that may open with a digit must be let through here too.
_VI_DIGIT_STARTS = r"\d(?:\d{3}(?!\d)|\d?(?:[/.-]\d|\s+tháng))"
_VI_GATE = _gate([*VI_CORE_STARTS, *VI_RELATION_STARTS], _VI_DIGIT_STARTS)
_VI_CORE_GATE = _gate(VI_CORE_STARTS)
_EN_GATE = _gate([*EN_CORE_STARTS, *EN_MONTHS, *EN_RELATION_STARTS])
_EN_CORE_GATE = _gate([*EN_CORE_STARTS, *EN_MONTHS])

VI_PATTERN = re.compile(
    rf"""(?<![\w/.,-]){_VI_GATE}
    (?:(?P<pre>{_VI_REL})\s+)?{_VI_CORE_GATE}
    (?:
      (?P<now>{VI_NOW})
    | (?P<tet>tết(?P<tq>\s+(?:nguyên\s+đán|âm\s+lịch|cổ\s+truyền))?(?:\s+(?:năm\s+)?(?P<ty>\d{{4}}))?)
    | (?P<dwords>(?:(?:{VI_DAY_WORDS})\s+)?ngày\s+(?P<wd>\d{{1,2}})\s+tháng\s+(?P<wm>\d{{1,2}})(?:\s+năm\s+(?P<wy>\d{{4}}))?)
    | (?P<iso>{_ISO})
    | (?P<date>(?:(?P<dw>{VI_DAY_WORDS})\s+(?:ngày\s+)?(?:(?P<dl1>\d{{1,2}})\s*(?:và|[-–]|đến|tới)\s*)?)?{_NUM_DATE}
        (?:(?:\s*(?:đến|tới)\s*(?:hết\s+)?|\s+[-–—]\s+)(?:ngày\s+)?(?P<rd2>\d{{1,2}})(?P<rs2>[/.])(?P<rm2>\d{{1,2}})(?:(?P=rs2)(?P<ryb>\d{{4}}))?(?![\d/]|[.,-]\d)
        |\s+(?:sắp\s+tới|tới|này)(?!\w)|\s+năm\s+(?P<dyr>{_VI_YREL}))?)
    | (?P<range>(?:(?:giai\s+đoạn|thời\s+kỳ|niên\s+độ|(?P<sy>năm\s+học))\s+)?(?:năm\s+)?(?P<ry1>\d{{4}})\s*[-–—]\s*(?:năm\s+)?(?P<ry2>\d{{4}})
        |năm\s+(?P<ry3>\d{{4}})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<ry4>\d{{4}}))
    | (?P<vision>tầm\s+nhìn\s+(?:đến|tới)\s+năm\s+(?P<vy>\d{{4}}))
    | (?P<nmonths>(?P<nm>\d{{1,2}}|sáu|chín|ba|mười)\s+tháng\s+(?:(?P<nmpos>đầu|cuối)\s+)?năm(?:\s+(?P<nmy>\d{{4}}|{_VI_YREL}))?)
    | (?P<half>nửa\s+(?P<hpos>đầu|cuối|sau)\s+năm(?:\s+(?P<hy>\d{{4}}|{_VI_YREL}))?)
    | (?P<month>(?:(?P<mpos>{_VI_MPOS})\s+)?(?:tháng\s*|\bT)(?P<mm>\d{{1,2}})(?:\s?[/.-]\s?|\s+năm\s+)(?P<my>\d{{4}})
        (?:{_VI_TO}tháng\s+(?P<rmm3>\d{{1,2}})(?:(?:\s?[/.-]\s?|\s+năm\s+)(?P<rmy3>\d{{4}}))?)?)
    | (?P<monthx>(?:(?P<mxpos>{_VI_MPOS})\s+)?tháng\s+(?P<mx>\d{{1,2}})
        (?:{_VI_TO}tháng\s+(?P<rmm2>\d{{1,2}})(?:(?:\s?[/.-]\s?|\s+năm\s+)(?P<rmy>\d{{4}})|\s+năm\s+(?P<rmyr>{_VI_YREL}))?
        |\s+năm\s+(?P<mxy>{_VI_YREL})|\s+(?P<mxn>sắp\s+tới|tới)(?!\w))?|(?:(?P<mropos>{_VI_MPOS})\s+)?tháng\s+(?P<mro>tới|sau|này|trước|qua))
    | (?P<quarter>(?:(?P<qpos>đầu|giữa|cuối)\s+)?quý\s+(?P<q>iv|i{{1,3}}|[1-4])(?:(?:\s?[/.-]\s?|\s+năm\s+)(?P<qy>\d{{4}})|\s+năm\s+(?P<qyr>{_VI_YREL}))?
        |quý\s+(?P<qro>tới|sau|này|trước|qua))
    | (?P<part>(?P<ppos>đầu|giữa|cuối)\s+năm(?:\s+(?P<py>\d{{4}}|{_VI_YREL}))?)
    | (?P<year>năm\s+(?:(?P<yy>\d{{4}})(?:\s+và\s+(?P<yapos>đầu|giữa)\s+năm\s+(?P<ya2>\d{{4}}))?|(?P<yro>{_VI_YREL})))
    | (?P<bare>(?:19|20)\d{{2}})
    )
    (?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)

EN_PATTERN = re.compile(
    rf"""(?<![\w/.,-]){_EN_GATE}
    (?:(?P<pre>{_EN_REL})\s+)?(?:the\s+)?{_EN_CORE_GATE}
    (?:
      (?P<now>{EN_NOW})
    | (?P<later>later\s+this\s+year|later\s+in\s+the\s+year|the\s+rest\s+of\s+the\s+year)
    | (?P<dmy>(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mo1>{_MONTHS})\.?(?:,?\s+(?P<y1>\d{{4}}))?)
    | (?P<mdy>(?P<mo2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?(?![\d,.]\d|\s*(?:million|billion|trillion|thousand|percent|per\s+cent|%)))
    | (?P<iso>{_ISO})
    | (?P<date>{_NUM_DATE})
    | (?P<fy2>(?:(?:fiscal(?:\s+year)?|financial\s+year|FY)\s*)?(?P<fa>\d{{4}})[-/–](?P<fb>\d{{2}})(?![\d/]|[.,-]\d)(?:\s+(?P<fsy>(?:school|academic)\s+year))?)
    | (?P<range>(?:(?P<ry1>\d{{4}})\s*[-–—]\s*(?P<ry2>\d{{4}})|(?:from|between)\s+(?P<ry3>\d{{4}})\s+(?:to|and|until|through)\s+(?P<ry4>\d{{4}}))(?:\s+(?:period|(?P<sy>(?:school|academic)\s+year)))?)
    | (?P<nmonths>first\s+(?P<nm>\w+)\s+months\s+of\s+(?:the\s+)?(?P<nmy>\d{{4}}|{_EN_YREL}))
    | (?P<half>(?:(?P<hw>first|second)\s+half|(?-i:H)(?P<hn>[12]))(?:\s*(?:of\s+)?(?:the\s+)?[/-]?\s*(?P<hy>\d{{4}}|{_EN_YREL}))?)
    | (?P<quarter>(?:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|(?-i:Q)(?P<qn>[1-4]))(?:\s*(?:of\s+)?(?:the\s+)?[/-]?\s*(?P<qy>\d{{4}}|{_EN_YREL}))?)
    | (?P<month>(?P<mo3>{_MONTHS})\.?(?:,?\s+(?:of\s+)?(?:(?P<my>\d{{4}})|(?P<mrel>{_EN_YREL})))?
        (?:\s*(?:to|until|through|[-–])\s*(?P<emo2>{_MONTHS})(?:,?\s+(?P<emy2>\d{{4}}))?)?)
    | (?P<part>(?P<pp>early|mid|late|end|start)[-\s](?:(?P<py>\d{{4}}|{_EN_YREL})|(?P<mo4>{_MONTHS})(?:,?\s+(?:of\s+)?(?:(?P<mpy>\d{{4}})|(?P<mprel>{_EN_YREL})))?)
        |(?P<pp2>beginning|start|middle|end)\s+of\s+(?:the\s+)?(?:(?P<py2>\d{{4}}|{_EN_YREL})|(?P<mo5>{_MONTHS})(?:,?\s+(?P<mpy2>\d{{4}}))?)
        |year[-\s]end(?:\s+(?P<py3>\d{{4}}))?)
    | (?P<unitrel>(?P<uo>next|this|last|the\s+coming|the\s+current)\s+(?P<unit>year|month|quarter))
    | (?P<fy>(?:fiscal\s+year|FY)\s*(?P<fyy>\d{{4}}))
    | (?P<bare>(?:19|20)\d{{2}})
    )
    (?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)


__all__ = ["EN_PATTERN", "EN_RELATION_TABLE", "VI_PATTERN", "VI_RELATION_TABLE"]
