"""The seeds gate of issue 3, in-process: figures P = R = 1.0 and qualifier, unit and `of` all right.

The same rules as ../shared/eval/score.py (value equal, span overlapping the gold quote, one to
one, optional gold counting neither way); the seed texts hold no-break spaces, so spans are
compared on the NFC text as read (normalisation keeps every offset).
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chiso.extract import extract
from tests.corpus.scoring import read_doc


def _gold(shared: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for line in (shared / "eval" / "seeds-gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            if g["kind"] == "figure":
                out.setdefault(g["doc"], []).append(g)
    return out


def test_seed_figures_are_exact(shared_dir: Path) -> None:
    problems: list[str] = []
    for doc, golds in sorted(_gold(shared_dir).items()):
        header, body = read_doc(shared_dir / "seeds" / f"{doc}.txt")
        published = date.fromisoformat(header["date"]) if header.get("date") else date(2026, 1, 16)
        result = extract(body, published=published, lang="auto")
        assert len(result.text) == len(body)
        preds = list(result.figures)
        used: set[int] = set()
        for g in golds:
            quote = unicodedata.normalize("NFC", g["quote"])
            at = body.find(quote)
            assert at >= 0, quote
            hit = next(
                (
                    i
                    for i, p in enumerate(preds)
                    if i not in used
                    and p.start < at + len(quote)
                    and at < p.end
                    and p.value == pytest.approx(g["value"])
                ),
                None,
            )
            if hit is None:
                if not g.get("optional"):
                    problems.append(f"{doc}: missed {quote!r}")
                continue
            used.add(hit)
            p = preds[hit]
            if g.get("optional"):
                continue
            if p.qualifier != g.get("qualifier", "exact"):
                problems.append(f"{doc}: qualifier {p.qualifier} for {quote!r}")
            unit, gunit = (p.unit or "").lower(), (g.get("unit") or "").lower()
            if gunit and not (unit and (unit.startswith(gunit) or gunit.startswith(unit))):
                problems.append(f"{doc}: unit {p.unit!r} for {quote!r}")
            if "of" in g and p.of != g["of"]:
                problems.append(f"{doc}: of {p.of} for {quote!r}")
        problems += [f"{doc}: extra {p.quote!r}" for i, p in enumerate(preds) if i not in used]
    assert problems == []


def test_seed_periods(shared_dir: Path) -> None:
    """The gold's periods: "đến nay"/"hiện nay" are the publication date, "năm 2025" the year."""
    _, body = read_doc(shared_dir / "seeds" / "001_5f9a72008c0e1dbd.txt")
    result = extract(body, published=date(2026, 1, 16), lang="vi")
    by_quote = {f.quote: f for f in result.figures}
    assert by_quote["trên 67 triệu tài khoản"].as_of == date(2026, 1, 16)
    assert by_quote["100%"].as_of == date(2026, 1, 16)
    seven = by_quote["hơn 7 triệu tài khoản"]
    assert (seven.period_start, seven.period_end) == (date(2025, 1, 1), date(2025, 12, 31))


def test_seed_target(shared_dir: Path) -> None:
    _, body = read_doc(shared_dir / "seeds" / "000_ac99201630fb7883.txt")
    (six,) = [f for f in extract(body, published=date(2026, 1, 16), lang="vi").figures if f.value == 6]
    assert six.target
    assert six.unit == "điểm nghẽn"
