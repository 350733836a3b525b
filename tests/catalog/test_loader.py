"""The catalogue file: the shipped one is valid and complete; bad files fail with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from chiso.catalog.loader import (
    MEASURES,
    canonical_programme,
    dump_catalog,
    load_catalog,
    parse_catalog,
    shipped_catalog,
)
from chiso.errors import InputError

REQUIRED = [
    "vneid-activated-accounts", "vneid-utilities", "vneid-accesses", "vneid-daily-accesses",
    "vneid-organisation-accounts", "vneid-foreigner-accounts", "mps-databases-completed",
    "ndc-records-synchronised", "ndc-information-shared", "online-public-services-full-process-share",
    "vneid-new-accounts-year", "ndc-databases-connected", "police-units-steering-committee-57-share",
    "chip-id-cards-issued", "level-2-e-ids-issued", "online-applications-received",
    "public-service-portal-accounts", "digitised-records-share", "national-population-database-records",
    "digital-transformation-bottlenecks",
]  # fmt: skip


def test_shipped_catalogue_has_what_the_issue_asks() -> None:
    cat = shipped_catalog()
    slugs = [i.slug for i in cat.indicators]
    assert len(slugs) >= 30
    assert len(set(slugs)) == len(slugs)
    assert set(REQUIRED) <= set(slugs)
    programmes = {i.programme for i in cat.indicators}
    assert programmes == {
        "Project 06",
        "Resolution 57",
        "National Data Center",
        "Online public services",
        "Decision 766",
    }
    for ind in cat.indicators:
        assert all((ind.name_vi, ind.name_en, ind.unit, ind.owner, ind.description)), ind.slug
        assert ind.measure in MEASURES
        assert ind.match.words, ind.slug
        assert ind.match.units, ind.slug
        if ind.measure == "share":
            assert "%" in ind.match.units, ind.slug


def test_every_measure_kind_is_used() -> None:
    assert {i.measure for i in shipped_catalog().indicators} == set(MEASURES)


GOOD = """\
version: 1
indicators:
  - slug: my-one
    name_vi: Một
    name_en: One
    unit: cái
    measure: stock
    programme: Đề án 06
    match:
      words: [một]
      range: [0, 10]
"""


def test_a_good_file_parses_and_normalises() -> None:
    cat = parse_catalog(GOOD, "my.yaml")
    (ind,) = cat.indicators
    assert ind.programme == "Project 06"
    assert ind.match.units == ["cái"]  # the display unit is always a match unit
    assert ind.match.range == (0.0, 10.0)
    assert cat.lines == (3,)


def test_a_bare_list_is_a_catalogue_too() -> None:
    text = "- {slug: a, name_vi: A, name_en: A, unit: x, measure: flow}\n"
    assert [i.slug for i in parse_catalog(text).indicators] == ["a"]


BAD = [
    (GOOD.replace("measure: stock", "measure: total"), r"^my\.yaml:7: indicator 'my-one': measure must be one of cumulative, flow"),
    (GOOD.replace("    name_en: One\n", ""), r"^my\.yaml:3: indicator 'my-one': name_en is required"),
    (GOOD.replace("slug: my-one", "slug: My One"), r"^my\.yaml:3: indicator 'My One': slug must be lowercase"),
    (GOOD.replace("range: [0, 10]", "range: [10, 0]"), r"^my\.yaml:11: indicator 'my-one': match\.range: range must be \[min, max\]"),
    (GOOD.replace("    unit: cái\n", "    unit: cái\n    colour: red\n"), r"^my\.yaml:7: indicator 'my-one': unknown field 'colour'"),
    (GOOD + GOOD.split("indicators:\n")[1], r"^my\.yaml:12: indicator 'my-one': duplicate slug \(first defined at line 3\)"),
    (GOOD.replace("    unit: cái\n", "    unit: cái\n    unit: chiếc\n"), r"^my\.yaml:7: key 'unit' appears twice \(first at line 6\)"),
    (GOOD.replace("words: [một]", "words: [một"), r"^my\.yaml:\d+: not valid YAML"),
    ("version: 2\nindicators: []\n", r"^my\.yaml:1: catalogue version 2 is not supported"),
    ("indicator: []\n", r"^my\.yaml:1: unknown top-level key 'indicator'"),
    ("indicators: {a: 1}\n", r"^my\.yaml:1: 'indicators' must be a list"),
    ("", r"^my\.yaml:1: the catalogue is empty"),
    ("indicators:\n  - just a string\n", r"^my\.yaml:2: each indicator must be a mapping"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_files_say_which_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_catalog(text, "my.yaml")


def test_load_names_the_path(tmp_path: Path) -> None:
    p = tmp_path / "mine.yaml"
    p.write_text(GOOD.replace("measure: stock", "measure: nope"), encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{p}:7: "):
        load_catalog(p)
    with pytest.raises(InputError, match="cannot read"):
        load_catalog(tmp_path / "missing.yaml")
    p.write_bytes(b"\xff\xfe bad")
    with pytest.raises(InputError, match="not UTF-8"):
        load_catalog(p)


def test_dump_then_parse_round_trips_the_shipped_catalogue() -> None:
    cat = shipped_catalog()
    again = parse_catalog(dump_catalog(cat.indicators), "dumped.yaml")
    assert [i.model_dump() for i in again.indicators] == [i.model_dump() for i in cat.indicators]


@pytest.mark.parametrize(
    ("name", "canon"),
    [("Đề án 06", "Project 06"), ("project 06", "Project 06"), ("Nghị quyết 57", "Resolution 57"),
     ("Trung tâm dữ liệu quốc gia", "National Data Center"), ("Quyết định 766", "Decision 766"),
     ("  My   own ", "My own"), ("", None), (None, None)],
)  # fmt: skip
def test_programme_names_in_either_language(name: str | None, canon: str | None) -> None:
    assert canonical_programme(name) == canon
