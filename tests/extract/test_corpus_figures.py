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


def _extract(doc: str) -> tuple[str, list[Figure]]:
    header, body = read_doc(DOCS / f"{doc}.txt")
    published = date.fromisoformat(header["date"])
    lang = header.get("lang", "vi")
    result = extract(body, published=published, lang="en" if lang == "en" else "vi")
    return body, list(result.figures)


_ATTRS = ("change", "target", "value_max", "as_of", "period_start", "period_end")


@pytest.mark.parametrize(
    "gold", [g for g in _gold() if any(k in g for k in _ATTRS)], ids=lambda g: f"{g['doc']}:{g['quote']}"
)
def test_gold_attributes(gold: dict[str, Any]) -> None:
    """change, target, ranges and periods, where the gold states them, are what the extractor says."""
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
