"""Progress on commitments: statements that something is done, or that its date moved.

``find_progress(text, published, lang)`` finds, clause by clause,

- **completions**: "đã vận hành chính thức Trung tâm dữ liệu quốc gia số 1", "đã hoàn thành
  việc số hóa hồ sơ", "X đã chính thức đi vào hoạt động", "the ministry has launched X",
  "the portal went live", "X was completed";
- **postponements**: "lùi sang quý III", "hoãn đến tháng 9/2026", "gia hạn đến hết năm 2026",
  "postponed to September 2026", "pushed back to Q3", with the new due range resolved by
  :func:`chiso.extract.timex.find_time_expressions`.

Each comes with its quote and offsets (code points into the NFC text), the action it is about
(for matching against tracked commitments) and a confidence. What is left out, and why:

- a clause with a plan or obligation word before the verb ("dự kiến", "phấn đấu", "sẽ",
  "will", "plans to"): a promise, not progress;
- negation ("chưa", "not", "yet to") and "đã và đang" (still under way);
- reporting verbs after "đã" ("đã chỉ ra", "đã nhấn mạnh"): someone said something, nothing
  was completed.

Pure: no I/O, no database. Deciding *which* commitment a statement is about is the service
layer's job (:func:`chiso.track.actions.action_overlap`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from chiso.extract.text import Sentence, detect_language, matching_view, normalise, sentences
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Lang, Precision, TimeExpr

# --- vocabulary (heuristics as data) --------------------------------------------------------

#: Words before the verb that make a clause a plan or obligation, not progress.
VI_FUTURE = r"dự\s+kiến|phấn\s+đấu|sẽ|bảo\s+đảm|đảm\s+bảo|chậm\s+nhất|kế\s+hoạch|mục\s+tiêu|cần|phải|yêu\s+cầu|đề\s+nghị|nhằm|để|nếu|khi\s+nào"
EN_FUTURE = (
    r"will|would|shall|plans?\s+to|aims?\s+to|expect(?:s|ed)?\s+to|intends?\s+to|to\s+be|should|must|if|once"
)
#: Plan words after the verb: "đã đặt mục tiêu vận hành X", "has launched a plan to digitise X"
#: restate a promise, they do not report it kept. Named plans ("theo Kế hoạch 02") and a met
#: target ("đã hoàn thành mục tiêu") are no plan words; "bàn giao" (hand over) is done.
VI_PLAN_AFTER = re.compile(
    r"(?<!\w)(?:(?:đặt|đề\s+ra|xác\s+định|đưa\s+ra)(?:\s+ra)?\s+mục\s+tiêu|(?:lên|có)\s+kế\s+hoạch|dự\s+kiến|"
    r"phấn\s+đấu|sẽ|phải|cam\s+kết|lộ\s+trình|(?<!bàn\s)giao\s+(?:cho|các|nhiệm\s+vụ))(?!\w)",
    re.IGNORECASE,
)
EN_PLAN_AFTER = re.compile(
    r"\b(?:plans?|goals?|targets?|roadmap|strateg(?:y|ies)|pledges?|bid|drive|campaigns?|programm?es?|"
    r"initiatives?|schemes?|deadline)\s+(?:to|for)\b|\bwill\b",
    re.IGNORECASE,
)

#: "đã"/"vừa" then a verb; after it, what was done. Reporting verbs are no completion.
VI_DONE = re.compile(r"(?<!\w)(?P<aux>(?:đã|vừa)(?:\s+chính\s+thức)?(?:\s+được)?)\s+(?=\w)", re.IGNORECASE)
VI_REPORTING = re.compile(
    r"(?:chỉ\s+ra|nêu|cho\s+biết|nhấn\s+mạnh|phát\s+biểu|chỉ\s+đạo|đề\s+nghị|yêu\s+cầu|đề\s+xuất|báo\s+cáo|"
    r"thông\s+tin|khẳng\s+định|ghi\s+nhận|đánh\s+giá|tham\s+dự|dự|có|và\s+đang|đang|nói|cam\s+kết|hứa|quyết\s+tâm|"
    r"đặt\s+ra|xác\s+định|lên\s+kế\s+hoạch|qua)(?!\w)",
    re.IGNORECASE,
)
#: Completion verbs that make a statement surer (anything else after "đã" scores lower).
VI_STRONG = re.compile(
    r"(?:hoàn\s+thành|hoàn\s+tất|vận\s+hành|khánh\s+thành|khai\s+trương|ra\s+mắt|đưa\s+vào|đi\s+vào\s+hoạt\s+động|"
    r"triển\s+khai|cung\s+cấp|ban\s+hành|kết\s+nối|giải\s+quyết|xử\s+lý\s+xong|xóa\s+bỏ|đạt|thông\s+qua|phê\s+duyệt|"
    r"khai\s+thác|số\s+hóa|xây\s+dựng\s+xong|hoàn\s+thiện)(?!\w)",
    re.IGNORECASE,
)
#: Verbs that tell completion without saying what (the thing done is the clause's subject).
VI_INTRANSITIVE = re.compile(
    r"(?:(?:chính\s+thức\s+)?đi\s+vào\s+(?:hoạt\s+động|vận\s+hành|sử\s+dụng)|hoàn\s+thành|hoàn\s+tất|xong|"
    r"được\s+\w+)(?:\s+\w+)?\W*$",
    re.IGNORECASE,
)
#: Leading words of an action that say "finish" rather than what: dropped when more follows.
VI_FINISH = re.compile(r"^(?:hoàn\s+thành|hoàn\s+tất|làm\s+xong|xong)(?:\s+việc)?\s+", re.IGNORECASE)
VI_NEGATION = re.compile(r"(?<!\w)(?:chưa|không|chẳng)(?!\w)", re.IGNORECASE)

EN_DONE = re.compile(
    r"(?<![\w-])(?P<aux>(?:has|have|had)\s+(?:now\s+|officially\s+|finally\s+|successfully\s+|already\s+)*(?:been\s+)?|"
    r"(?:was|were|is\s+now|are\s+now)\s+(?:officially\s+|successfully\s+|finally\s+)*|)"
    r"(?P<verb>launched|completed|finished|opened|commissioned|inaugurated|introduced|rolled\s+out|"
    r"put\s+into\s+(?:operation|service)|(?:begun|began|started)\s+operat\w+|gone\s+live|went\s+live|"
    r"c(?:o|a)me\s+into\s+(?:operation|service|force)|delivered|achieved|reached|resolved|connected|"
    r"digiti[sz]ed|issued|adopted|deployed|live|operational|in\s+operation)(?![\w-])",
    re.IGNORECASE,
)
#: Verbs that need an auxiliary to mean completion ("is live", not "live"; "is now operational").
EN_NEEDS_AUX = frozenset({"live", "operational", "in operation"})
#: Past forms that read as adjectives or plans when "be/to/will" comes right before them.
EN_NOT_PAST = re.compile(r"(?:\bbe|\bbeing|\bto|\bwill|\bwould|\bnot|\byet)\s+$", re.IGNORECASE)
EN_NEGATION = re.compile(r"\b(?:not|never|yet\s+to|has\s+yet|have\s+yet|failed\s+to)\b", re.IGNORECASE)

VI_POSTPONE = re.compile(
    r"(?<!\w)(?P<verb>lùi|dời|hoãn|gia\s+hạn|điều\s+chỉnh)"
    r"(?:\s+(?:lại|thời\s+hạn|thời\s+gian|tiến\s+độ|mốc))*(?!\w)",
    re.IGNORECASE,
)
#: Words right before the new time in a postponement ("lùi sang", "hoãn đến", "dời lại tới").
VI_TO = re.compile(r"(?:sang|đến|tới|vào|lại)\s*$", re.IGNORECASE)
EN_POSTPONE = re.compile(
    r"(?<![\w-])(?P<verb>postponed|postpone|pushed\s+back|push\s+back|delayed|delay|deferred|defer|"
    r"moved\s+back|rescheduled|put\s+off|slipped|pushed|extended|shifted)(?![\w-])",
    re.IGNORECASE,
)
EN_TO = re.compile(r"(?:to|until|till|into|for|by|at\s+least\s+until)\s*$", re.IGNORECASE)
#: How far after the postponement verb the new time may be (characters): "lùi thời hạn hoàn
#: thành việc cấp ... sang quý III" keeps the object between them.
POSTPONE_REACH = 160


def _gate(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """Every place any of ``patterns`` can match, in one pass over a whole text (group names
    dropped, so that patterns sharing one can be joined)."""
    bodies = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in patterns]
    return re.compile("|".join(f"(?:{b})" for b in bodies), re.IGNORECASE)


#: A sentence can state progress only where a completion or postponement trigger matches in it.
#: Matched over the whole text these find every match the clause-by-clause finders can (a clause
#: cuts lookaheads short, never adds matches), so sentences without one are skipped unread: most
#: of a report, and the time expressions they would have needed.
_TRIGGERS: dict[Lang, re.Pattern[str]] = {
    "vi": _gate(VI_DONE, VI_POSTPONE),
    "en": _gate(EN_DONE, EN_POSTPONE),
}

_CLAUSE = re.compile(r"[;:!?]|,(?=\s)|\s[–—-]\s|\((?=\s*\w)|\)")
_LEADING = re.compile(
    r"^(?:và|nhưng|tuy\s+nhiên|đồng\s+thời|bên\s+cạnh\s+đó|theo\s+đó|cụ\s+thể|hiện|đến\s+nay|and|but|however|meanwhile)\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")

# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Completion:
    """A statement that something was done, e.g. "đã vận hành chính thức Trung tâm dữ liệu ..."."""

    start: int
    end: int
    quote: str
    #: what was done, trimmed of the auxiliary and of time expressions
    action: str
    #: the words that made it a completion ("đã", "has launched", "went live")
    trigger: str
    confidence: float = 0.5
    kind: Literal["completion"] = field(default="completion", init=False)


@dataclass(frozen=True, slots=True)
class Postponement:
    """A statement that a date moved, e.g. "lùi sang quý III", with the new due range."""

    start: int
    end: int
    quote: str
    #: what was postponed (the clause's subject and the verb's object)
    action: str
    #: the postponement verb ("lùi", "hoãn", "postponed")
    trigger: str
    due_start: date | None
    due_end: date | None
    precision: Precision
    #: the new time as written ("quý III", "tháng 9/2026", "to Q3 2026")
    time_text: str
    confidence: float = 0.5
    kind: Literal["postponement"] = field(default="postponement", init=False)


Progress = Completion | Postponement


# --- helpers --------------------------------------------------------------------------------


def _clauses(text: str, start: int, end: int, times: list[TimeExpr]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CLAUSE.finditer(text, start, end):
        if any(t.start <= m.start() < t.end for t in times):
            continue  # "May 2, 2026" is one time, not two clauses
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for a, b in out:
        while a < b and not (text[a].isalnum()):
            a += 1
        while b > a and not (text[b - 1].isalnum()):
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _without(text: str, offset: int, times: list[TimeExpr]) -> str:
    """``text`` (starting at ``offset`` of the full text) with time expressions cut out."""
    parts: list[str] = []
    pos = 0
    for t in times:
        a, b = t.start - offset, t.end - offset
        if b <= 0 or a >= len(text):
            continue
        parts.append(text[pos : max(a, 0)])
        pos = min(b, len(text))
    parts.append(text[pos:])
    return " ".join(" ".join(parts).split())


def _clean(action: str) -> str:
    action = " ".join(action.split()).strip(" ,.;:-–")
    while True:
        trimmed = _LEADING.sub("", action)
        if trimmed == action:
            return action
        action = trimmed


def _content_words(text: str) -> int:
    return len(_WORD.findall(text))


def _shift_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28)


def _new_due(t: TimeExpr, published: date | None) -> tuple[date | None, date | None] | None:
    """The new due range a postponement gives: the time's range, moved to the future when
    written without a year ("lùi sang quý III" in January 2026 is Q3 2026, not Q3 2025)."""
    first, last = t.first, t.last
    if last is None:
        return None
    if t.relative and published is not None and t.precision != "year":
        while last < published:
            first = _shift_years(first, 1) if first else None
            last = _shift_years(last, 1)
    by = t.relation == "by" or re.search(r"(?<!\w)(?:hết|end)(?!\w)", t.text, re.IGNORECASE)
    return (None if by else first), last


def _future_time(times: list[TimeExpr], a: int, b: int, published: date | None) -> bool:
    """A clause dated after its publication tells a plan, whatever its verb says."""
    return published is not None and any(
        a <= t.start < b and t.first is not None and t.first > published for t in times
    )


# --- finders --------------------------------------------------------------------------------


def _vi_completions(text: str, a: int, b: int, times: list[TimeExpr]) -> list[Completion]:
    clause = text[a:b]
    if VI_NEGATION.search(clause):
        return []
    for m in VI_DONE.finditer(clause):
        before, after = clause[: m.start()], clause[m.end() :]
        if VI_REPORTING.match(after) or re.search(rf"(?<!\w)(?:{VI_FUTURE})(?!\w)", before, re.IGNORECASE):
            continue
        if VI_PLAN_AFTER.search(after):
            continue
        passive = "được" in m.group("aux").lower()
        obj = _without(after, a + m.end(), times)
        if _content_words(VI_FINISH.sub("", obj)) >= 2:
            obj = VI_FINISH.sub("", obj)
        # "X đã chính thức đi vào hoạt động": the thing done is the subject, not the object
        if passive or VI_INTRANSITIVE.match(obj) or _content_words(obj) < 3:
            action = _clean(f"{_without(before, a, times)} {obj}")
        else:
            action = _clean(obj)
        if _content_words(action) < 2:
            continue
        confidence = 0.8 if VI_STRONG.match(after) or passive else 0.55
        # one completion per clause: the first "đã" governs it
        return [Completion(a, b, clause, action, m.group(0).strip(), confidence)]
    return []


def _en_completions(text: str, a: int, b: int, times: list[TimeExpr]) -> list[Completion]:
    clause = text[a:b]
    if EN_NEGATION.search(clause):
        return []
    for m in EN_DONE.finditer(clause):
        aux = m.group("aux").strip()
        verb = " ".join(m.group("verb").lower().split())
        before, after = clause[: m.start()], clause[m.end() :]
        if verb in EN_NEEDS_AUX and not aux:
            continue
        # "to be launched", "will launched"; a clause that starts "Launched ..." is a label
        if not aux and (EN_NOT_PAST.search(before) or not before.strip()):
            continue
        if re.search(rf"\b(?:{EN_FUTURE})\b", before, re.IGNORECASE) or EN_PLAN_AFTER.search(after):
            continue
        passive = bool(re.search(r"\b(?:was|were|been|is|are)\b", aux, re.IGNORECASE)) or "live" in verb
        obj = _without(after, a + m.end(), times)
        if passive or _content_words(obj) < 2:
            action = _clean(f"{_without(before, a, times)} {m.group('verb')} {obj}")
        else:
            action = _clean(f"{m.group('verb')} {obj}")
        if _content_words(action) < 2:
            continue
        return [Completion(a, b, clause, action, m.group(0).strip(), 0.75 if aux else 0.6)]
    return []


def _postponements(
    text: str, a: int, b: int, times: list[TimeExpr], published: date | None, lang: Lang
) -> list[Postponement]:
    clause = text[a:b]
    pattern, to = (VI_POSTPONE, VI_TO) if lang == "vi" else (EN_POSTPONE, EN_TO)
    negation = VI_NEGATION if lang == "vi" else EN_NEGATION
    for m in pattern.finditer(clause):
        if negation.search(clause[: m.start()]):
            continue
        verb_end = a + m.end()
        for t in times:
            if t.start < verb_end or t.start - verb_end > POSTPONE_REACH or t.end > b:
                continue
            gap = text[verb_end : t.start]
            written = t.text
            # the connective is either in the gap ("lùi sang", "postponed to") or the time's own
            # relation word ("hoãn đến tháng 9", "delayed until June")
            if not (to.search(gap) or t.relation in ("until", "by")):
                continue
            due = _new_due(t, published)
            if due is None:
                continue
            subject = _without(clause[: m.start()], a, times)
            obj = to.sub("", gap)
            end = t.end
            if _content_words(obj) < 2:
                # "hoãn đến tháng 9/2026 việc vận hành X": the object follows the time
                obj = f"{obj} {_without(text[t.end : b], t.end, times)}"
                end = b
            action = _clean(f"{subject} {_without(obj, verb_end, [])}")
            action = re.sub(
                r"(?<!\w)(?:thời\s+hạn|việc|kế\s+hoạch|has\s+been|have\s+been|was|were|will\s+be|is|are|been|bị|được|sẽ|đã)(?!\w)",
                " ",
                action,
                flags=re.IGNORECASE,
            )
            action = _clean(action)
            start = a if subject else a + m.start()
            return [
                Postponement(
                    start,
                    end,
                    text[start:end],
                    action,
                    " ".join(m.group("verb").split()),
                    due[0],
                    due[1],
                    t.precision,
                    written,
                    0.8 if _content_words(action) >= 2 else 0.5,
                )
            ]
    return []


def find_progress(text: str, published: date | None, lang: Lang | Literal["auto"] = "auto") -> list[Progress]:
    """Every completion and postponement statement in ``text``, left to right.

    ``text`` is normalised to NFC first (offsets point into the normalised text, so pass the
    stored report text, which already is). ``published`` resolves relative times.
    """
    view = matching_view(normalise(text))
    language: Lang = detect_language(view) if lang == "auto" else lang
    return progress_in(view, sentences(view), published, language)


def progress_in(
    view: str,
    sents: Sequence[Sentence],
    published: date | None,
    language: Lang,
    times: Sequence[TimeExpr] | None = None,
) -> list[Progress]:
    """:func:`find_progress` over text already prepared: the matching view, its sentences and,
    when the caller has them (``chiso.extract.extract_with_progress``), the whole text's time
    expressions, which are then not looked for again sentence by sentence."""
    out: list[Progress] = []
    triggers = [m.start() for m in _TRIGGERS[language].finditer(view)]
    starts = [t.start for t in times] if times is not None else []
    for sentence in sents:
        i = bisect_left(triggers, sentence.start)
        if i == len(triggers) or triggers[i] >= sentence.end:
            continue  # no completion or postponement word: nothing to find here
        if times is not None:
            lo = bisect_left(starts, sentence.start)
            here = [t for t in times[lo : bisect_left(starts, sentence.end, lo)] if t.end <= sentence.end]
        else:
            here = _sentence_times(sentence, published, language)
        for a, b in _clauses(view, sentence.start, sentence.end, here):
            found: list[Progress] = list(_postponements(view, a, b, here, published, language))
            if not found and not _future_time(here, a, b, published):
                finder = _vi_completions if language == "vi" else _en_completions
                found.extend(finder(view, a, b, here))
            out.extend(found)
    return out


def _sentence_times(sentence: Sentence, published: date | None, language: Lang) -> list[TimeExpr]:
    """The time expressions of one sentence, with offsets into the whole text."""
    # replace, not a new TimeExpr: the two readings of a yearless date and the vague flag go along
    return [
        replace(t, start=t.start + sentence.start, end=t.end + sentence.start)
        for t in find_time_expressions(sentence.text, published, language)
    ]


__all__ = ["Completion", "Postponement", "Progress", "find_progress", "progress_in"]
