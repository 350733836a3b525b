"""The story index (chiso.store.stories; the confirmation in chiso.services.reports.stories):
copies found through MinHash bands and confirmed on their texts, different reports left alone,
lookups through the (band, hash) index, and old reports indexed by migration 0002."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench.ingest import make_report
from sqlalchemy import func, select, text

from chiso.ingest import similarity
from chiso.ingest.files import read_bytes
from chiso.ingest.html import read_html
from chiso.ingest.similarity import shingles
from chiso.services.reports import add as reports
from chiso.services.reports import stories
from chiso.store import ingest_pg
from chiso.store import stories as story_index
from chiso.store.db import Database, create_db_engine, upgrade
from chiso.store.models import Report, StoryBand
from tests.ingest_e2e import site


def _doc(body: bytes, url: str) -> reports.Document:
    return read_html(body, name=url, url=url)


def _add(db: Database, body: bytes, url: str) -> int:
    return reports.add_report(db, _doc(body, url)).report_id


def _story(db: Database, report_id: int) -> int | None:
    return reports.get_report(db, report_id).story_id


def test_copies_join_the_first_report_and_others_do_not(database: Database) -> None:
    other = _add(database, site.daily(site.OTHER_PARAGRAPHS, site.OTHER_TITLE), "https://a.example/khac")
    ids = [_add(database, build(), f"https://{n}.example/bai") for n, build in enumerate(site.SITES.values())]
    assert [_story(database, rid) for rid in ids] == [ids[0]] * 3
    assert _story(database, other) == other
    edited = site.portal(site.PARAGRAPHS[:-1])  # an edited copy: the last paragraph dropped
    result = reports.add_report(database, _doc(edited, "https://d.example/bai"))
    assert (result.created, result.story_id) == (True, ids[0])  # the add says which story it joined
    with database.reading() as s:
        per_report = set(
            s.execute(select(func.count()).select_from(StoryBand).group_by(StoryBand.report_id)).scalars()
        )
    assert per_report == {similarity.BANDS}


def test_a_candidate_is_confirmed_on_the_texts(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    other = _add(database, site.daily(site.OTHER_PARAGRAPHS, site.OTHER_TITLE), "https://a.example/khac")
    # However the index answers, a text that shares no shingles is not grouped with it.
    monkeypatch.setattr(story_index, "candidates", lambda session, bands, limit=8: [other])
    rid = _add(database, site.daily(), "https://b.example/bai")
    assert _story(database, rid) == rid


def test_a_copy_found_by_the_index_joins_only_when_the_texts_confirm_it(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _add(database, site.daily(), "https://a.example/bai")
    # The same confirmation on both paths (PostgreSQL looks candidates up in its own statement).
    monkeypatch.setattr(stories, "same_story", lambda _a, _b: False)
    unconfirmed = _add(database, site.provincial(), "https://b.example/bai")
    monkeypatch.undo()
    confirmed = _add(database, site.portal(), "https://c.example/bai")
    assert [_story(database, rid) for rid in (first, unconfirmed, confirmed)] == [first, unconfirmed, first]


def test_the_lookup_uses_indexes_on_postgres_even_in_a_generic_plan(database: Database) -> None:
    """psycopg prepares repeated statements and the server may keep a generic plan made while the
    tables were empty: the lookup must search indexes in that plan too."""
    if database.dialect != "postgresql":
        pytest.skip("PostgreSQL's lookup statement")
    _add(database, site.daily(), "https://a.example/bai")
    bands = ingest_pg._array(similarity.band_hashes(_doc(site.provincial(), "x").text))
    sql = ingest_pg._LOOKUP % {"sha": "$1", "url": "$2", "bands": "$3", "limit": "$4"}
    with database.transaction() as s:
        conn = s.connection()
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
        conn.exec_driver_sql(f"PREPARE chiso_lookup (text, text, text, integer) AS {sql}")
        try:
            plan = (
                conn.exec_driver_sql(
                    f"EXPLAIN EXECUTE chiso_lookup ('x', 'https://x.example/', '{bands}', 8)"
                )
                .scalars()
                .all()
            )
        finally:
            conn.exec_driver_sql("DEALLOCATE chiso_lookup")
    text_plan = "\n".join(plan)
    assert "Seq Scan" not in text_plan, text_plan
    assert "ix_story_band_band_hash" in text_plan, text_plan
    assert "uq_report_sha256" in text_plan, text_plan


def test_many_different_reports_stay_apart(database: Database) -> None:
    rng = random.Random(7)
    texts = [make_report(rng, i) for i in range(150)]
    ids = [
        reports.add_report(database, read_bytes(t.encode(), name=f"r{i}.txt", max_bytes=10**6)).report_id
        for i, t in enumerate(texts)
    ]
    with database.reading() as s:
        grouped = s.execute(select(Report.id).where(Report.story_id != Report.id)).all()
        assert grouped == []
        hits = 0
        for t in texts[:50]:
            hits += len(story_index.candidates(s, similarity.band_hashes(t))) - 1  # minus itself
    assert hits <= 2  # chance band hits: ~7e-5 per pair of these texts (bench/ingest.py)
    assert len(ids) == 150


def test_signature_is_a_minhash_of_the_shingles() -> None:
    a, b = site.daily().decode(), site.provincial().decode()
    ta, tb = read_html(a.encode(), name="a").text, read_html(b.encode(), name="b").text
    ga, gb = set(shingles(ta)), set(shingles(tb))
    sa, sb = similarity.signature(ta), similarity.signature(tb)
    assert len(sa) == similarity.SLOTS
    assert similarity.signature(ta) == sa  # the same in every process: no salted hashes
    jaccard = len(ga & gb) / len(ga | gb)
    estimate = sum(x == y for x, y in zip(sa, sb, strict=True)) / similarity.SLOTS
    assert abs(estimate - jaccard) < 0.1
    assert similarity.band_hashes("") == []
    assert len(similarity.band_hashes("một")) == similarity.BANDS  # one word: every bin borrows it
    assert all(-(2**63) <= h < 2**63 for h in similarity.band_hashes(ta))


def test_the_lookup_uses_the_band_index_on_sqlite(sqlite_db: Database) -> None:
    _add(sqlite_db, site.daily(), "https://a.example/bai")
    bands = similarity.band_hashes(_doc(site.provincial(), "x").text)
    params: dict[str, int] = {"limit": 8}
    for i, h in enumerate(bands):
        params[f"b{i}"], params[f"h{i}"] = i, h
    compiled = story_index._lookup(len(bands)).compile(sqlite_db.engine)
    with sqlite_db.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(compiled),
            tuple(compiled.construct_params(params)[k] for k in compiled.positiontup or []),
        ).all()
    details = [row[-1] for row in plan]
    assert any("USING COVERING INDEX ix_story_band_band_hash (band=? AND hash=?)" in d for d in details), (
        details
    )
    assert not any(d.startswith("SCAN story_band") for d in details), details


def test_migration_0002_indexes_the_reports_already_stored(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0001")
    first = _doc(site.daily(), "https://a.example/bai").text
    with engine.begin() as conn:
        for rid, body in ((1, first), (2, "Một bản tin ngắn khác hẳn.")):
            conn.execute(
                text(
                    "INSERT INTO report (id, sha256, text, lang, added_at, source_kind, extractor_version, story_id)"
                    " VALUES (:id, :sha, :text, 'vi', '2025-11-06 00:00:00', 'file', 'old', :id)"
                ),
                {"id": rid, "sha": f"{rid:064d}", "text": body},
            )
    upgrade(engine)
    with engine.connect() as conn:
        counts = dict(
            conn.execute(text("SELECT report_id, count(*) FROM story_band GROUP BY report_id")).all()
        )
    assert counts == {1: similarity.BANDS, 2: similarity.BANDS}
    engine.dispose()
    db = Database.from_url(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    copy = _add(db, site.portal(), "https://c.example/bai")
    assert _story(db, copy) == 1  # a new copy finds the story of a report stored before the index
    db.dispose()
