"""Indicator use cases: the shipped catalogue, a person's own indicators, edits, import/export."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from chiso.catalog.loader import load_catalog, shipped_catalog
from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.services import audit
from chiso.services.indicators.catalogue import (
    add_indicator,
    edit_indicator,
    ensure_catalog,
    export_catalog,
    get_indicator,
    import_catalog,
    list_indicators,
    suggestions_for,
)
from chiso.services.indicators.schemas import IndicatorChanges, IndicatorIn
from chiso.store.db import Database
from chiso.store.models import Indicator
from tests.catalog.helpers import Fig, add_report

N = len(shipped_catalog().indicators)


def _mine(**kw: object) -> IndicatorIn:
    data: dict[str, object] = {
        "slug": "school-accounts", "name_vi": "Tài khoản trường học", "name_en": "School accounts",
        "unit": "tài khoản", "measure": "flow", "programme": "Đề án 06",
        "match": {"words": ["trường học"], "range": [1, 1_000_000]},
    }  # fmt: skip
    data.update(kw)
    return IndicatorIn.model_validate(data)


def test_ensure_catalog_is_idempotent(database: Database) -> None:
    assert ensure_catalog(database) == N
    assert ensure_catalog(database) == 0
    assert len(list_indicators(database)) == N


def test_ensure_catalog_never_overwrites_a_persons_edit(database: Database) -> None:
    ensure_catalog(database)
    edit_indicator(database, "vneid-utilities", {"name_en": "VNeID features"}, "lan")
    with database.transaction() as s:
        s.delete(s.scalars(select(Indicator).where(Indicator.slug == "vneid-accesses")).one())
    assert ensure_catalog(database) == 1  # the missing one comes back...
    assert get_indicator(database, "vneid-utilities").name_en == "VNeID features"  # ...the edit stays


def test_list_by_programme_in_either_language(database: Database) -> None:
    ensure_catalog(database)
    p06 = list_indicators(database, programme="Đề án 06")
    assert p06
    assert {i.programme for i in p06} == {"Project 06"}
    assert [i.slug for i in p06] == sorted(i.slug for i in p06)
    assert list_indicators(database, programme="project 06") == p06
    assert list_indicators(database, programme="Nothing") == []


def test_get_by_slug_or_id_and_not_found(database: Database) -> None:
    ensure_catalog(database)
    ind = get_indicator(database, "ndc-records-synchronised")
    assert ind.unit == "bản ghi"
    assert ind.origin == "catalog"
    assert get_indicator(database, str(ind.id)).slug == ind.slug
    with pytest.raises(NotFoundError, match="no indicator 'nope'"):
        get_indicator(database, "nope")


def test_add_is_audited_and_refuses_a_slug_in_use(database: Database) -> None:
    out = add_indicator(database, _mine(), "lan")
    assert (out.origin, out.programme) == ("user", "Project 06")
    assert out.match_rules["units"] == ["tài khoản"]
    (event,) = audit.history(database, entity="indicator")
    assert (event.actor, event.action, event.entity_id) == ("lan", "indicator.add", out.id)
    assert event.after is not None
    assert event.after["slug"] == "school-accounts"
    with pytest.raises(ConflictError):
        add_indicator(database, _mine(), "lan")


def test_edit_records_only_what_changed(database: Database) -> None:
    add_indicator(database, _mine(), "lan")
    out = edit_indicator(
        database, "school-accounts",
        IndicatorChanges(name_en="Accounts of schools", match={"words": ["trường học", "học sinh"]}), "minh",
    )  # fmt: skip
    assert out.name_en == "Accounts of schools"
    assert out.match_rules["words"] == ["trường học", "học sinh"]
    event = audit.history(database, entity="indicator")[0]
    assert (event.actor, event.action) == ("minh", "indicator.edit")
    assert event.before is not None
    assert event.after is not None
    assert set(event.before) == {"name_en", "match_rules"}
    assert event.before["name_en"] == "School accounts"
    assert event.after["name_en"] == "Accounts of schools"


def test_edit_with_no_change_records_nothing(database: Database) -> None:
    add_indicator(database, _mine(), "lan")
    edit_indicator(database, "school-accounts", {"name_en": "School accounts"}, "lan")
    assert [e.action for e in audit.history(database, entity="indicator")] == ["indicator.add"]


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [({"measure": "total"}, InputError, "measure"), ({"colour": "red"}, InputError, "colour"),
     ({"slug": "Bad Slug"}, InputError, "slug"), ({"decimals": 9}, InputError, "decimals")],
)  # fmt: skip
def test_bad_edits_change_nothing(
    database: Database, changes: dict[str, object], error: type, message: str
) -> None:
    add_indicator(database, _mine(), "lan")
    with pytest.raises(error, match=message):
        edit_indicator(database, "school-accounts", changes, "lan")
    assert get_indicator(database, "school-accounts").measure == "flow"


def test_renaming_onto_another_slug_is_a_conflict(database: Database) -> None:
    ensure_catalog(database)
    add_indicator(database, _mine(), "lan")
    with pytest.raises(ConflictError):
        edit_indicator(database, "school-accounts", {"slug": "vneid-utilities"}, "lan")
    assert edit_indicator(database, "school-accounts", {"slug": "school-e-ids"}, "lan").slug == "school-e-ids"


def test_export_import_round_trip(database: Database, tmp_path: Path) -> None:
    ensure_catalog(database)
    add_indicator(database, _mine(), "lan")
    path = tmp_path / "all.yaml"
    assert export_catalog(database, path) == N + 1
    first = path.read_text(encoding="utf-8")
    # Importing what was exported changes nothing.
    result = import_catalog(database, path, "lan")
    assert (result.added, result.updated, len(result.unchanged)) == ([], [], N + 1)
    # A person edits the file: one changed, one new.
    edited = first.replace("name_en: School accounts", "name_en: Schools") + (
        "- slug: my-new\n  name_vi: Mới\n  name_en: New\n  unit: cái\n  measure: stock\n"
    )
    path.write_text(edited, encoding="utf-8")
    result = import_catalog(database, path, "lan")
    assert (result.added, result.updated) == (["my-new"], ["school-accounts"])
    assert get_indicator(database, "school-accounts").name_en == "Schools"
    again = tmp_path / "again.yaml"
    export_catalog(database, again)
    assert load_catalog(again).indicators == load_catalog(path).indicators
    # and exporting twice writes the same bytes
    export_catalog(database, path)
    assert path.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")


def test_export_into_a_fresh_database_is_lossless(database: Database, tmp_path: Path) -> None:
    ensure_catalog(database)
    edit_indicator(database, "vneid-utilities", {"description": "Đổi · changed"}, "lan")
    path = tmp_path / "c.yaml"
    export_catalog(database, path)
    cat = load_catalog(path)
    assert cat.by_slug()["vneid-utilities"].description == "Đổi · changed"
    assert [i.slug for i in cat.indicators] == [i.slug for i in shipped_catalog().indicators]


def test_a_bad_import_changes_nothing(database: Database, tmp_path: Path) -> None:
    ensure_catalog(database)
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- {slug: fine-one, name_vi: A, name_en: A, unit: x, measure: flow}\n"
        "- {slug: bad-one, name_vi: B, name_en: B, unit: x, measure: sideways}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=rf"{path}:2: indicator 'bad-one': measure must be one of"):
        import_catalog(database, path, "lan")
    assert len(list_indicators(database)) == N


def test_suggestions_for_a_stored_mention(database: Database) -> None:
    ensure_catalog(database)
    text = "Đến nay ứng dụng VNeID đã có 48 tiện ích."
    with database.transaction() as s:
        (m,) = add_report(s, text, [Fig("48 tiện ích", 48, "tiện ích")])
        mention_id = m.id
    found = suggestions_for(database, mention_id, limit=3)
    assert len(found) == 3
    assert found[0].slug == "vneid-utilities"
    assert found[0].score >= 0.9
    assert found[0].reasons
    with pytest.raises(NotFoundError):
        suggestions_for(database, 999_999)
