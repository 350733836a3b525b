"""The figure quality gate on chiso's own gold corpus (tests/corpus/figures), with a floor that only rises."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chiso.extract import extract
from chiso.extract.types import Figure
from tests.corpus.scoring import read_doc, score

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "figures"
GOLD = CORPUS / "gold.jsonl"
DOCS = CORPUS / "docs"

#: Pinned from the run that wrote the corpus (2026-11-22: P = R = F1 = 1.000 over 45 documents and
#: 141 figures; qualifier, unit and `of` all 1.000). It only rises: lowering it hides a regression.
#: Documents h01-h08 were written after tuning on the rest and scored once before any fix
#: (P = 0.929, R = 1.000, F1 = 0.963 on their 26 figures); the fixes they prompted are rows in
#: test_figures.py / test_labels.py, so they no longer count as unseen.
#: Documents n01-n06 (issue 11 items 10-11: numbers in words, rates per population, glued units and
#: currencies, negatives, bounds written after the figure) were written after tuning on
#: tests/extract/test_numbers_in_sentences.py and scored once before any fix (2026-12-03: 48 figures,
#: P = R = F1 = 1.000, qualifier 0.979: "nhiều hơn gấp đôi so với" lost its bound, now fixed).
F1_FLOOR = 1.0
ATTRIBUTE_FLOOR = 1.0
#: When each figure holds (as_of, period or due date, scored as score.py scores it) and the target
#: flag, over the gold figures that state them (issue 11). Pinned from the run that annotated them
#: (2026-12-03: 192 figures with a time over 55 documents, t01-t10 written for it; time 186/192,
#: target 190/192); they only rise. The misses left are listed by test_time_and_target_floors.
TIME_FLOOR = 0.968
TARGET_FLOOR = 0.989


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_corpus_is_big_enough_and_bilingual() -> None:
    docs = sorted(DOCS.glob("*.txt"))
    langs = [read_doc(p)[0].get("lang") for p in docs]
    assert len(docs) >= 40
    assert langs.count("vi") >= len(docs) / 2
    assert langs.count("en") >= 5


def test_figure_f1_floor() -> None:
    s = score(GOLD, DOCS, default_date=date(2026, 1, 16))
    _, _, f1 = s.prf("figure")
    errors = "\n".join(e for e in s.errors if "deadline" not in e)
    assert f1 >= F1_FLOOR, f"{s.summary()}\n{errors}"
    assert s.ratio("qualifier_ok", "figure_tp") >= ATTRIBUTE_FLOOR, errors
    assert s.ratio("unit_ok", "figure_tp") >= ATTRIBUTE_FLOOR, errors
    assert s.ratio("of_ok", "of_total") >= ATTRIBUTE_FLOOR, errors


def test_time_and_target_floors() -> None:
    s = score(GOLD, DOCS, default_date=date(2026, 1, 16))
    misses = "\n".join(e for e in s.errors if ": time " in e or ": target " in e)
    assert s.counts["time_total"] >= 192, "the gold must keep its time annotations"
    assert s.ratio("time_ok", "time_total") >= TIME_FLOOR, f"{s.summary()}\n{misses}"
    assert s.ratio("target_ok", "target_total") >= TARGET_FLOOR, f"{s.summary()}\n{misses}"


def _extract(doc: str) -> tuple[str, list[Figure]]:
    header, body = read_doc(DOCS / f"{doc}.txt")
    published = date.fromisoformat(header["date"])
    lang = header.get("lang", "vi")
    result = extract(body, published=published, lang="en" if lang == "en" else "vi")
    return body, list(result.figures)


_ATTRS = ("change", "value_max")


@pytest.mark.parametrize(
    "gold", [g for g in _gold() if any(k in g for k in _ATTRS)], ids=lambda g: f"{g['doc']}:{g['quote']}"
)
def test_gold_attributes(gold: dict[str, Any]) -> None:
    """change and ranges, where the gold states them, are what the extractor says (time and target
    are scored with floors: test_time_and_target_floors)."""
    body, figures = _extract(gold["doc"])
    at = body.find(gold["quote"])
    hits = [
        f
        for f in figures
        if f.start < at + len(gold["quote"]) and at < f.end and f.value == pytest.approx(gold["value"])
    ]
    assert hits, f"no figure for {gold['quote']!r}"
    got = hits[0].to_dict()
    for k in _ATTRS:
        if k in gold:
            assert got[k] == gold[k], f"{k}: {got[k]!r} != {gold[k]!r} for {gold['quote']!r}"


UNSEEN = Path(__file__).resolve().parents[1] / "corpus" / "figures_unseen"
#: The unseen batch (u01-u06), written after the time rules were tuned and scored once before any
#: fix (2026-12-03): figures P = 0.971, R = 1.000, F1 = 0.985; time 29/32 = 0.906; target 32/32.
#: Its three time misses became rows in test_figure_time.py and were fixed; the figure misses
#: ("17 million to 18 million" read as two figures, "vượt 10%" read as more than) are the number
#: reader's. Floors pinned after the fixes; they only rise.
UNSEEN_F1_FLOOR = 0.985
UNSEEN_TIME_FLOOR = 1.0
UNSEEN_TARGET_FLOOR = 1.0


def test_unseen_batch_floors() -> None:
    s = score(UNSEEN / "gold.jsonl", UNSEEN / "docs", default_date=date(2026, 1, 16))
    errors = "\n".join(e for e in s.errors if "deadline" not in e)
    assert s.prf("figure")[2] >= UNSEEN_F1_FLOOR, f"{s.summary()}\n{errors}"
    assert s.ratio("time_ok", "time_total") >= UNSEEN_TIME_FLOOR, f"{s.summary()}\n{errors}"
    assert s.ratio("target_ok", "target_total") >= UNSEEN_TARGET_FLOOR, f"{s.summary()}\n{errors}"
