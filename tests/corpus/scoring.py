"""Score ``chiso.extract`` in-process against a gold JSONL, with the rules of shared/eval/score.py.

A gold line: {"doc": NAME, "kind": "figure"|"deadline", "quote": ..., "value": ..., "qualifier": ...,
"unit": ..., "of": ..., "due_start": ..., "due_end": ..., "optional": bool}; a figure may say when it
holds ("as_of", "period_start"/"period_end", or "due_end" for a target) and whether it is a
"target" (time and target are scored as score.py does: :func:`time_ok`). Documents are
``DOCS/NAME.txt`` with an optional header of ``key: value`` lines closed by ``---``
(``date`` is the publication date, ``lang`` the language).
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from chiso.extract import extract


def read_doc(path: Path) -> tuple[dict[str, str], str]:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    lines = text.split("\n")
    if "---" in lines[:8]:
        cut = lines.index("---")
        header = {}
        for line in lines[:cut]:
            if ":" in line:
                k, v = line.split(":", 1)
                header[k.strip()] = v.strip()
        return header, "\n".join(lines[cut + 1 :])
    return {}, text


def _spans(body: str, quote: str) -> list[tuple[int, int]]:
    out, i = [], body.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = body.find(quote, i + 1)
    return out


def _same(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _unit_ok(pred: str | None, gold: str | None) -> bool:
    p = unicodedata.normalize("NFC", pred or "").strip().lower()
    g = unicodedata.normalize("NFC", gold or "").strip().lower()
    if not g:
        return True
    return bool(p) and (p.startswith(g) or g.startswith(p))


def time_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
    """Does the predicted figure hold when the gold one does? (score.py's rule, word for word.)

    "due_end": the prediction's period_end or as_of is it; "period_start"/"period_end": both
    equal; "as_of": the prediction's as_of is it (with no period start), or its period has no start
    and ends on it ("by D"). Empty as_of and period are wrong wherever the gold has a time.
    """
    if g.get("due_end"):
        return g["due_end"] in (p.get("period_end"), p.get("as_of"))
    if g.get("period_start"):
        return bool(p.get("period_start") == g["period_start"] and p.get("period_end") == g.get("period_end"))
    if not p.get("period_start") and p.get("period_end"):
        return bool(p["period_end"] == g.get("as_of"))
    return bool(p.get("as_of") == g.get("as_of") and not p.get("period_start"))


@dataclass
class Score:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, fp, fn = self.counts[f"{kind}_tp"], self.counts[f"{kind}_fp"], self.counts[f"{kind}_fn"]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def ratio(self, ok: str, total: str) -> float:
        return self.counts[ok] / self.counts[total] if self.counts[total] else 1.0

    def summary(self) -> str:
        fp, fr, ff = self.prf("figure")
        dp, dr, df = self.prf("deadline")
        return (
            f"figures P={fp:.3f} R={fr:.3f} F1={ff:.3f} qualifier={self.ratio('qualifier_ok', 'figure_tp'):.3f} "
            f"unit={self.ratio('unit_ok', 'figure_tp'):.3f} of={self.ratio('of_ok', 'of_total'):.3f}; "
            f"time={self.ratio('time_ok', 'time_total'):.3f} target={self.ratio('target_ok', 'target_total'):.3f}; "
            f"deadlines P={dp:.3f} R={dr:.3f} F1={df:.3f} due={self.ratio('due_ok', 'deadline_tp'):.3f}"
        )


def score(gold_path: Path, docs: Path, *, default_date: date | None = None) -> Score:
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold[g["doc"]].append(g)
    s = Score()
    c = s.counts
    for doc in sorted(gold):
        header, body = read_doc(docs / f"{doc}.txt")
        published = date.fromisoformat(header["date"]) if header.get("date") else default_date
        lang = header.get("lang", "auto")
        result = extract(body, published=published, lang=lang if lang in ("vi", "en") else "auto")  # type: ignore[arg-type]
        assert result.text == body, f"{doc}: the corpus document is not NFC with plain spaces"
        preds = [m.to_dict() for m in result.mentions]
        for kind in ("figure", "deadline"):
            golds = [g for g in gold[doc] if g["kind"] == kind]
            cands = [p for p in preds if p["kind"] == kind]
            used: set[int] = set()
            for g in golds:
                gspans = _spans(body, unicodedata.normalize("NFC", g["quote"]))
                if not gspans:
                    s.errors.append(f"{doc}: gold quote not in body: {g['quote']!r}")
                hit = None
                for i, p in enumerate(cands):
                    if i in used or not any(p["start"] < e and st < p["end"] for st, e in gspans):
                        continue
                    if kind == "figure" and not _same(p["value"], g["value"]):
                        continue
                    hit = i
                    break
                if hit is None:
                    if not g.get("optional"):
                        c[f"{kind}_fn"] += 1
                        s.errors.append(
                            f"{doc}: MISSED {kind} {g['quote']!r} = {g.get('value', g.get('due_end'))}"
                        )
                    continue
                used.add(hit)
                p = cands[hit]
                if g.get("optional"):
                    continue
                c[f"{kind}_tp"] += 1
                if kind == "figure":
                    if p["qualifier"] == g.get("qualifier", "exact"):
                        c["qualifier_ok"] += 1
                    else:
                        s.errors.append(
                            f"{doc}: qualifier {p['qualifier']!r} != {g.get('qualifier')!r} for {g['quote']!r}"
                        )
                    if _unit_ok(p["unit"], g.get("unit")):
                        c["unit_ok"] += 1
                    else:
                        s.errors.append(f"{doc}: unit {p['unit']!r} != {g.get('unit')!r} for {g['quote']!r}")
                    if "of" in g:
                        c["of_total"] += 1
                        c["of_ok"] += int(_same(p["of"], g["of"]) if g["of"] is not None else p["of"] is None)
                    if any(k in g for k in ("as_of", "period_start", "due_end", "target")):
                        c["target_total"] += 1
                        if bool(p.get("target")) == bool(g.get("target")):
                            c["target_ok"] += 1
                        else:
                            s.errors.append(
                                f"{doc}: target {bool(p.get('target'))} != {bool(g.get('target'))} for {g['quote']!r}"
                            )
                    if any(k in g for k in ("as_of", "period_start", "due_end")):
                        c["time_total"] += 1
                        if time_ok(p, g):
                            c["time_ok"] += 1
                        else:
                            got = p.get("as_of") or f"{p.get('period_start')}..{p.get('period_end')}"
                            want = (
                                g.get("due_end")
                                or g.get("as_of")
                                or f"{g.get('period_start')}..{g.get('period_end')}"
                            )
                            s.errors.append(
                                f"{doc}: time {got} != {want} for {g['quote']!r} ({p.get('time_quote')!r})"
                            )
                else:
                    ok = (p["due_end"] or "") == g["due_end"] and (
                        not g.get("due_start") or (p["due_start"] or "") == g["due_start"]
                    )
                    c["due_ok"] += int(ok)
                    if not ok:
                        s.errors.append(
                            f"{doc}: due {p['due_start']}..{p['due_end']} != {g.get('due_start')}..{g['due_end']} for {g['quote']!r}"
                        )
            for i, p in enumerate(cands):
                if i not in used:
                    c[f"{kind}_fp"] += 1
                    s.errors.append(
                        f"{doc}: EXTRA {kind} {p['quote']!r} = {p.get('value', p.get('due_end'))}"
                    )
    return s
