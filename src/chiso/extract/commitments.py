"""Dated commitments: a future-facing plan, target or obligation together with its time.

For each time expression (from :mod:`chiso.extract.timex`) we look in its clause for a
commitment trigger ("dự kiến", "phấn đấu", "chậm nhất", "plans to", "by", ...), decide on
which side of the time the action is written, and cut the action into the deadline's
``text``. Two word orders cover almost every report:

- trigger TIME action: "dự kiến trong tháng 6-2026 sẽ vận hành ...", "Đến năm 2030, phấn đấu ...";
- trigger action TIME: "yêu cầu các địa phương hoàn thành ... trước ngày 1/7", "plans to launch X by June 2026".

Several times in one clause split it: each time owns the words up to the next one, so
"quý I/2026 hoàn thành A, tháng 6/2026 hoàn thành B" gives two deadlines.

What is left out, and why:
- ``as_of`` times (a stock-taking date is no due date), and ``since`` times unless a trigger
  commits to a start still ahead ("sẽ áp dụng từ ngày 1/7/2026", "will publish ... starting next year");
- a dateline ("Ngày 15/1, tại Hà Nội, ...", "Chiều 16/1, Bộ Công an tổ chức ..."): the event
  already happened; in such a sentence only a "trước/chậm nhất/by" time can still be a deadline;
- a past marker ("đã", "vừa", "was", "had") between the trigger and the time;
- vague or recurring horizons ("trong năm 2026 và những năm tiếp theo", "thời gian tới");
- a year that only labels a noun ("nhiệm vụ năm 2026", "Luật ... năm 2025").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from chiso.extract.commitment_grammar import GRAMMARS, Grammar
from chiso.extract.text import Sentence
from chiso.extract.time_vocab import (
    ACTION_TRIGGERS,
    AUXILIARIES,
    EFFECT_TRIGGERS,
    NAME_TRIGGERS,
    RELATION_TRIGGER_WEIGHT,
    SECOND_ACTION_VERBS,
    STILL_BINDING,
)
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Deadline, Lang, TimeExpr

# How a time's own relation word reads as a trigger ("chậm nhất hết quý I-2026" -> "chậm nhất").
_PREFIX_TRIGGER = re.compile(
    r"^(?:tầm\s+nhìn|chậm\s+nhất|muộn\s+nhất|không\s+muộn\s+hơn|không\s+quá|hạn\s+chót|trước|hết|đến|tới"
    r"|no\s+later\s+than|not\s+later\s+than|by|before|until)(?!\w)",
    re.IGNORECASE,
)
# what may stand before an effective date that opens its clause ("Cũng từ ngày 1/9, ...")
_OPENS_CLAUSE = re.compile(
    r"[\s\-–—•*]*(?:(?:cũng|và|đặc\s+biệt|ngoài\s+ra|riêng|theo\s+đó|also|and|meanwhile)(?!\w)[\s,]*)?",
    re.IGNORECASE,
)
_SINCE_WORD = re.compile(r"(?:kể\s+từ|từ|sau|from|starting(?:\s+in)?|since)(?!\w)", re.IGNORECASE)


def _since_word(text: str) -> str:
    m = _SINCE_WORD.match(text)
    return m.group(0) if m else text


_CLAUSE_BREAK = re.compile(r";|:\s|\n")
# what may follow a time that closes its action ("... trước ngày 1/7, ...", "... by 2030.")
# (or one noun the time qualifies, then the clause's end: "... at its October session.")
_CLOSES = re.compile(r"\s*(?:[,;.!?)\]”\"]|$|(?:và|and)(?!\w))|\s+[^\W\d_]+\s*(?:[;.!?]|$)", re.IGNORECASE)
_LEAD_JUNK = re.compile(rf"[\s,;:–—-]*(?:(?:{AUXILIARIES})(?!\w)\s*)*", re.IGNORECASE)
_PUNCT = " \n,;:.!?–—-"
_CONJUNCTIONS = frozenset({"và", "and", "hoặc", "or"})
_WORD = re.compile(r"\w+")
_NUMBER_NEXT = re.compile(r"\s+\d")
_DATELINE_GAP = 3  # a time this close to the sentence start is a dateline ("Chiều 16/1, ...")
_PROGRAMME_REACH = 80  # how far before a span of years a programme's name may start
_SPAN_TO = re.compile(r"(?:đến|tới)(?:\s+hết)?|to|until|through", re.IGNORECASE)
_LEFT_REACH = 250  # how far before a time a trigger may stand (one long clause)
_NEAR = 60  # beyond this the trigger may belong to another thought: lower confidence
_RIGHT_PEEK = 40  # where "sẽ"/"will" may stand after a leading time ("Trong quý II, Bộ sẽ ...")


_SECOND_VERBS = "|".join(r"\s+".join(v.split()) for v in SECOND_ACTION_VERBS)
_SECOND_ACTION = re.compile(rf",?\s+(?:và|and)\s+(?:{_SECOND_VERBS})(?!\w)", re.IGNORECASE)


def _first_action(text: str, lo: int, hi: int) -> int:
    """Where the action that starts at ``lo`` ends when "và"/"and" opens a second one before ``hi``."""
    second = _SECOND_ACTION.search(text, lo, hi)
    return second.start() if second is not None else hi


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Shrink [lo, hi) past leading punctuation and auxiliaries and trailing "và"/punctuation."""
    lead = _LEAD_JUNK.match(text, lo, hi)
    if lead:
        lo = lead.end()
    seg = text[lo:hi].rstrip(_PUNCT)
    head, _, last = seg.rpartition(" ")
    if head and last.lower() in _CONJUNCTIONS:
        seg = head.rstrip(_PUNCT)
    return lo, lo + len(seg)


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    out, lo = [], sent.start
    for m in _CLAUSE_BREAK.finditer(sent.text):
        out.append((lo, sent.start + m.start()))
        lo = sent.start + m.end()
    out.append((lo, sent.end))
    return out


# "Kế hoạch 02/KH-UBND", "Mục tiêu 3: ...", "Kế hoạch 15 của UBND" name a document; "mục tiêu
# 1,5 triệu hộ", "mục tiêu 80%" state a goal
_NAME_NUMBER = re.compile(
    r"\s+(?:số\s+)?\d+(?![\d.,]*\d)(?=\s*(?:[/:;)–-]|[,.](?!\d)|$)|\s+[A-ZĐ]|\s+(?:của|về|ngày|năm)(?!\w))"
)
# "Sở Kế hoạch và Đầu tư", "Vụ Kế hoạch - Tài chính": a department, no plan
_ORG_BEFORE = re.compile(r"(?-i:Sở|Bộ|Vụ|Phòng|Cục|Ban|Viện|Trung\s+tâm)\s+$")
_ORG_AFTER = re.compile(r"\s+(?:và|-|–)\s+(?-i:[A-ZĐ])")


def _triggers(g: Grammar, text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Triggers in text[lo:hi], without document names ("Kế hoạch 02" is no plan) or departments."""
    out = []
    for m in g.triggers.finditer(text, lo, hi):
        w = m.group(0)
        if w[0] in "KkMm" and _key(w) in NAME_TRIGGERS and _NAME_NUMBER.match(text, m.end()):
            continue
        if w[0].isupper() and _is_org(text, m):
            continue
        out.append(m)
    return out


def _is_org(text: str, m: re.Match[str]) -> bool:
    """A capitalised trigger inside a department's name ("Sở Kế hoạch và Đầu tư")."""
    return bool(
        _ORG_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _ORG_AFTER.match(text, m.end())
    )


_DEADLINE_WORDS = frozenset({"chậm nhất", "muộn nhất", "không muộn hơn", "no later than", "not later than"})


# a participle after these is no past event: "once completed by 2040", "will be finished by June"
_NOT_PAST_BEFORE = re.compile(r"(?<!\w)(?:once|when|if|after|until|unless|be|being)\s+$", re.IGNORECASE)


def _past(g: Grammar, text: str, lo: int, hi: int) -> bool:
    """A past marker in text[lo:hi] that narrates: not a participle of a plan ("once completed")."""
    if g.past.search(text, lo, hi) is None:
        return False
    return any(
        not _NOT_PAST_BEFORE.search(text, max(0, m.start() - 10), m.start())
        for m in g.past.finditer(text, lo, hi)
    )


def _names_programme(g: Grammar, text: str, lo: int, at: int) -> bool:
    """A programme's name runs up to the span at ``at`` ("Chiến lược chuyển đổi số giai đoạn
    2021-2025"), not "Theo kế hoạch, giai đoạn 2026-2030 thành phố sẽ ..."."""
    last = None
    for m in g.programme.finditer(text, lo, at):
        last = m
    return last is not None and not any(c in ",;:" for c in text[last.end() : at])


def _key(word: str) -> str:
    return " ".join(word.lower().split())


def _deadline(
    text: str,
    t: TimeExpr,
    lo: int,
    hi: int,
    clause: tuple[int, int],
    *,
    dateline: bool,
    inherited: tuple[str, float] | None,
    published: date | None,
    g: Grammar,
) -> Deadline | None:
    """Judge one time expression whose action lies within text[lo:hi] (its share of the clause)."""
    if t.relation == "as_of" or t.last is None:
        return None
    # a time written without its year that the nearest reading puts in the past: a plan means the
    # next one ("Cũng trong tháng 11, Sở sẽ ..." in a January report); kept only if a trigger says so
    swapped = False
    if t.readings is not None and published is not None and t.last < published:
        t = replace(t, first=t.readings[2], last=t.readings[3])
        swapped = True
    if t.last is None:
        return None
    if t.relation == "since" and (published is None or t.first is None or t.first < published):
        return None  # a start already past, or an undated "từ ngày 1/3", is no commitment
    # an effective date opening its clause: "Từ ngày 1/9, người dân ...", "Kể từ 1.8 tới, ..."
    effective = (
        t.relation == "since"
        and not swapped
        and _OPENS_CLAUSE.fullmatch(text, clause[0], t.start) is not None
        and (not t.relative or t.precision in ("day", "month"))
    )
    if dateline and t.relation == "in":
        return None
    if g.vague.search(text, max(clause[0], t.start - 30), min(clause[1], t.end + 40)):
        return None
    if (
        t.precision == "year"
        and t.relation == "in"
        and (t.text[:1].isdigit() or t.text[:3].lower() == "năm")
        and g.label_before.search(text, max(lo, t.start - 40), t.start)
    ):
        return None
    if (
        t.precision == "year"
        and t.first is not None
        and t.first.year < t.last.year
        and _names_programme(g, text, max(clause[0], t.start - _PROGRAMME_REACH), t.start)
    ):
        return None  # "Chiến lược chuyển đổi số giai đoạn 2021-2025": a programme's span, no due date

    own = _PREFIX_TRIGGER.match(t.text)
    if (
        own is not None
        and _key(own.group(0)) == "tầm nhìn"
        and not _OPENS_CLAUSE.fullmatch(text, clause[0], t.start)
    ):
        own = None  # "Quy hoạch ... thời kỳ 2021-2030, tầm nhìn đến năm 2045" names a plan
    if own is None and t.precision == "day" and t.first != t.last:
        own = _SPAN_TO.search(t.text)  # "từ ngày 2/5 đến hết ngày 12/5": a window to act in
    closes = _CLOSES.match(text, t.end, hi) is not None or t.end >= hi
    left_lo = max(lo, t.start - _LEFT_REACH)
    left_trigs = _triggers(g, text, left_lo, t.start)
    # the action sits left of the time when the time closes it and words precede it
    # ("plans to launch X by June 2026"); otherwise it follows ("Đến năm 2030, phấn đấu ...")
    left_words = _WORD.findall(text, left_trigs[0].end() if left_trigs else left_lo, t.start)
    trig: re.Match[str] | None
    # a time between commas after words opens the next clause: "Theo kế hoạch ..., từ ngày
    # 1/1/2027, toàn bộ xe buýt ... phải ..."
    between_commas = text.endswith(", ", 0, t.start) and text.startswith(",", t.end)
    if closes and left_words and not between_commas and not _OPENS_CLAUSE.fullmatch(text, lo, t.start):
        # the first trigger of the last comma-separated chunk that has one: in "25 tỉnh đã hoàn
        # thành X, ba bộ còn lại dự kiến xong trong quý I" the plan is the second chunk's
        comma = text.rfind(", ", left_lo, t.start)
        while left_trigs and comma >= 0 and not any(m.start() > comma for m in left_trigs):
            comma = text.rfind(", ", left_lo, comma)
        trig = next((m for m in left_trigs if m.start() > comma), None) if left_trigs else None
        start = trig.start() if trig else _trim(text, left_lo, t.start)[0]
        a_lo, a_hi = _trim(text, trig.end() if trig else left_lo, t.start)
        end = t.end
        gap = t.start - trig.end() if trig else 0
    else:
        comma = text.rfind(", ", left_lo, t.start)
        trig = left_trigs[-1] if left_trigs and left_trigs[-1].start() > comma else None
        if trig is not None and t.start - trig.end() > _NEAR and own is None:
            trig = None  # too far to govern a time that opens its own action
        a_lo, a_hi = _trim(text, t.end, hi)
        if trig is None and (own is None or _key(own.group(0)) not in _DEADLINE_WORDS):
            # "Trong quý II, Bộ sẽ ...", "Đến năm 2027, phấn đấu ...": the trigger follows the time
            right = _triggers(g, text, t.end, min(hi, t.end + _RIGHT_PEEK))
            trig = right[0] if right else None
            if (
                trig is not None
                and _key(trig.group(0)) in ACTION_TRIGGERS
                and _NUMBER_NEXT.match(text, trig.end())
            ):
                trig = None  # "Năm nay, ngành thuế hoàn thành 99,2% ...": a result, not a plan
            if trig is not None:
                a_lo, a_hi = _trim(text, trig.end(), hi)
        a_hi = _first_action(text, a_lo, a_hi)
        deadline_word = own is not None and _key(own.group(0)) in _DEADLINE_WORDS
        start = trig.start() if trig is not None and trig.start() < t.start and not deadline_word else t.start
        end = a_hi
        gap = abs(t.start - trig.end()) if trig else 0
    if trig is not None and _key(trig.group(0)) in ACTION_TRIGGERS and a_lo == _trim(text, trig.end(), hi)[0]:
        a_lo = trig.start()  # "hoàn thành X": the verb is the action
    if (
        trig is not None
        and _key(trig.group(0)) in EFFECT_TRIGGERS
        and len(_WORD.findall(text, a_lo, a_hi)) <= 2
    ):
        a_lo, a_hi = _trim(text, lo, trig.start())  # "A new rule ... takes effect on July 1": its subject
        start = min(start, a_lo)
    if a_hi - a_lo < 3:
        return None  # no action to speak of

    if trig is not None:
        trigger = text[trig.start() : trig.end()]
        weight = g.weights.get(_key(trigger), RELATION_TRIGGER_WEIGHT)
    elif own is not None:
        trigger, weight = own.group(0), RELATION_TRIGGER_WEIGHT
    elif effective:
        trigger, weight = _since_word(t.text), RELATION_TRIGGER_WEIGHT
    elif inherited is not None:
        # a list sharing one trigger: "quý IV/2025 hoàn thành A, tháng 3/2026 triển khai B"
        trigger, weight = inherited[0], inherited[1] - 0.05
    else:
        return None
    if trig is None and (
        (swapped and t.relation == "since")
        or (
            t.relation == "until"
            and t.past_first is not None
            and _OPENS_CLAUSE.fullmatch(text, clause[0], t.start) is not None
        )
    ):
        return None  # "Đến cuối tháng 8, toàn tỉnh cấp ...": with no plan word, a level at the last August
    if t.relation == "since" and trig is None and not effective:
        return None  # "khi kết thúc ... từ ngày 1/3" narrates; "sẽ áp dụng từ ..." commits to it
    if own is not None and _key(own.group(0)) in _DEADLINE_WORDS:
        trigger, weight = own.group(0), max(weight, 0.92)

    # a past marker between the trigger and the time, or just after the time, means it happened
    if trig is not None and trig.start() < t.start:
        check_lo = trig.start()
    else:  # a time that opens its action: a past word before its comma is another clause's
        check_lo = max(lo, t.start - 20, text.rfind(", ", lo, t.start) + 1)
    if _past(g, text, check_lo, t.start) or g.past.match(text, t.end + 1, min(hi, t.end + 6)):
        return None
    if (end > t.end and trig is None) or (trig is not None and trig.start() > t.end):
        # a leading time whose clause narrates: "By the end of September, 4.2 million had linked ..."
        stop = trig.start() if trig is not None else min(end, t.end + _RIGHT_PEEK + 20)
        if _past(g, text, t.end, stop):
            return None

    conf = weight + (0.05 if t.relation in ("by", "until") else 0.0) - (0.1 if gap > _NEAR else 0.0)
    if published is not None and t.last < published:
        if _key(trigger) not in STILL_BINDING:
            return None  # "Năm 2024, tỉnh hoàn thành ...": an old date narrates the past
        if _past(g, text, max(t.end, trig.end() if trig is not None else t.end), clause[1]):
            return None  # "Năm 2025, tỉnh đặt mục tiêu 8% và đã đạt 8,2%": an old goal, reported met
        conf -= 0.2
    conf = min(0.99, max(0.05, conf))

    start, end = min(start, t.start), max(end, t.end)
    open_start = t.relation in ("by", "until")
    return Deadline(
        start=start,
        end=end,
        quote=text[start:end],
        due_start=None if open_start else t.first,
        due_end=t.last,
        precision=t.precision,
        text=" ".join(text[a_lo:a_hi].split()),
        trigger=trigger,
        confidence=round(conf, 3),
    )


_COLON_LABEL_MAX_WORDS = 14
_ONLY_PUNCT = re.compile(r"[\s.;,)(–—-]*")
# labels of a date that are no task ("Thời gian: 15/4/2026", "Ngày đăng: ...", "Updated: ...")
_NOT_TASK = re.compile(
    r"(?:thời\s+gian(?:\s+tổ\s+chức)?|ngày(?:\s+\w+)?|cập\s+nhật|time|date|updated|published|posted)",
    re.IGNORECASE,
)


def _colon_form(
    text: str,
    label: tuple[int, int],
    clause: tuple[int, int],
    t: TimeExpr,
    published: date | None,
    g: Grammar,
) -> Deadline | None:
    """A plan's task and its date after a colon: "Trình Thủ tướng: tháng 8/2026"."""
    if text[label[1] : label[1] + 1] != ":" or t.last is None or t.relation in ("as_of", "since"):
        return None
    if not (
        _ONLY_PUNCT.fullmatch(text, clause[0], t.start) and _ONLY_PUNCT.fullmatch(text, t.end, clause[1])
    ):
        return None  # more than the date after the colon: the ordinary reading applies
    if published is not None and t.last < published:
        if t.next_first is None:
            return None  # a date already past narrates
        t = replace(t, first=t.next_first, last=t.next_last)
    lo, hi = _trim(text, label[0], label[1])
    words = _WORD.findall(text, lo, hi)
    if (
        not 2 <= len(words) <= _COLON_LABEL_MAX_WORDS
        or _NOT_TASK.fullmatch(text, lo, hi)
        or _past(g, text, lo, hi)
    ):
        return None
    open_start = t.relation in ("by", "until")
    return Deadline(
        start=lo,
        end=t.end,
        quote=text[lo : t.end],
        due_start=None if open_start else t.first,
        due_end=t.last,
        precision=t.precision,
        text=" ".join(text[lo:hi].split()),
        trigger=":",
        confidence=RELATION_TRIGGER_WEIGHT,
    )


def _labels_finer(t: TimeExpr, nxt: TimeExpr) -> bool:
    """A bare year ("năm 2026", no relation word) followed in its clause by a finer time inside it."""
    return (
        t.precision == "year"
        and t.relation == "in"
        and (t.text[:1].isdigit() or t.text[:3].lower() == "năm")
        and nxt.precision != "year"
        and t.first is not None
        and t.last is not None
        and nxt.first is not None
        and nxt.last is not None
        and t.first <= nxt.first
        and nxt.last <= t.last
    )


def find_deadlines(
    text: str,
    sents: list[Sentence],
    *,
    published: date | None,
    lang: Lang,
    times: Sequence[TimeExpr] | None = None,
) -> list[Deadline]:
    """Every dated commitment in ``text`` (normalised), one per action, left to right.

    ``times``: :func:`find_time_expressions` of the whole text, when the caller has it already.
    """
    g = GRAMMARS.get(lang, GRAMMARS["vi"])
    if times is None:
        times = find_time_expressions(text, published, lang)
    out: list[Deadline] = []
    i = 0
    for sent in sents:
        while i < len(times) and times[i].start < sent.start:
            i += 1
        j = i
        while j < len(times) and times[j].end <= sent.end:
            j += 1
        if j == i:
            continue
        here = times[i:j]
        first = here[0]
        dateline = (
            first.start - sent.start <= _DATELINE_GAP
            and first.precision == "day"
            and first.relation == "in"
            and first.first == first.last  # "Từ ngày 15/9 đến hết ngày 15/10, ..." is a window, no dateline
        )
        prev_clause: tuple[int, int] | None = None
        for clause in _clauses(sent):
            inside = [t for t in here if clause[0] <= t.start and t.end <= clause[1]]
            if prev_clause is not None and len(inside) == 1:
                d = _colon_form(text, prev_clause, clause, inside[0], published, g)
                if d is not None:
                    out.append(d)
                    prev_clause = clause
                    continue
            prev_clause = clause
            inherited: tuple[str, float] | None = None
            for k, t in enumerate(inside):
                lo = inside[k - 1].end if k else clause[0]
                hi = inside[k + 1].start if k + 1 < len(inside) else clause[1]
                if k + 1 < len(inside) and _labels_finer(t, inside[k + 1]):
                    continue  # "Kỳ thi ... năm 2026 sẽ diễn ra trong hai ngày 11 và 12/6": the days date it
                d = _deadline(
                    text, t, lo, hi, clause, dateline=dateline, inherited=inherited, published=published, g=g
                )
                if d is not None:
                    out.append(d)
                    inherited = (d.trigger, d.confidence)
        i = j
    return out


__all__ = ["find_deadlines"]
