"""The seed reports' gold deadlines: precision and recall 1.0, due dates exact."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from chiso.extract import extract
from chiso.extract.text import normalise

# the seed files are read the way shared/eval/score.py reads them
_DEFAULT = date(2026, 1, 16)


def _body(path: Path) -> tuple[date, str]:
    text = normalise(path.read_text(encoding="utf-8"))
    lines = text.split("\n")
    if "---" in lines[:8]:
        cut = lines.index("---")
        head = dict(line.split(":", 1) for line in lines[:cut] if ":" in line)
        when = head.get("date", "").strip()
        return (date.fromisoformat(when) if when else _DEFAULT), "\n".join(lines[cut + 1 :])
    return _DEFAULT, text


def test_seed_deadlines_exact(shared_dir: Path) -> None:
    gold = [
        json.loads(x)
        for x in (shared_dir / "eval" / "seeds-gold.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    gold = [g for g in gold if g["kind"] == "deadline"]
    docs = sorted({g["doc"] for g in gold} | {p.stem for p in (shared_dir / "seeds").glob("*.txt")})
    found: list[tuple[str, str, str | None, str | None]] = []
    for doc in docs:
        published, body = _body(shared_dir / "seeds" / f"{doc}.txt")
        result = extract(body, published=published, lang="auto")
        for d in result.deadlines:
            assert result.text[d.start : d.end] == d.quote
            found.append(
                (doc, d.quote, d.due_start and d.due_start.isoformat(), d.due_end and d.due_end.isoformat())
            )
    assert len(found) == len(gold), found
    for g in gold:
        hits = [f for f in found if f[0] == g["doc"] and (g["quote"] in f[1] or f[1] in g["quote"])]
        assert len(hits) == 1, (g["quote"], found)
        _, _, due_start, due_end = hits[0]
        assert due_end == g["due_end"]
        assert not g.get("due_start") or due_start == g["due_start"]
