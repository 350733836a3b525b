"""`chiso report add <url>` end to end against a local server: the report with its metadata,
figures and archived page; the address guard; one story told by three sites; corroboration;
a batch with a failing URL."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from bench.ingest import make_report
from sqlalchemy import func, select

from chiso.config import load_settings
from chiso.services import observations, review
from chiso.services.indicators.catalogue import ensure_catalog
from chiso.services.reports import add as reports
from chiso.services.reports.batch import add_many
from chiso.store.db import Database
from chiso.store.models import AuditEvent, Mention, RawDocument, Report, StoryBand
from tests.ingest_e2e import site
from tests.ingest_e2e.conftest import Cli, LocalServer


def _count(db: Database, model: type[object]) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


def _nothing_stored(db: Database) -> None:
    assert [_count(db, m) for m in (Report, Mention, RawDocument, StoryBand)] == [0, 0, 0, 0]


def test_a_news_page_becomes_a_clean_report(cli: Cli, server: LocalServer) -> None:
    url = server.page("/thoi-su/cong-dich-vu-cong.html", site.daily())
    result = cli("report", "add", url, "--allow-private")
    assert result.code == 0, result.err
    report_id = int(result.out.strip().splitlines()[-1])
    assert "Đã thêm báo cáo" in result.err

    detail = reports.get_report(cli.db, report_id)
    assert detail.title == site.TITLE
    assert detail.published_on == site.PUBLISHED
    assert detail.publisher == "Nhật báo Sông Hồng"
    assert detail.author == "Thu Hà"
    assert detail.url == url
    assert detail.final_url == url
    assert detail.source_kind == "url"
    assert detail.fetched_at is not None
    assert all(p in detail.text for p in site.PARAGRAPHS)
    assert [c for c in site.CHROME if c in detail.text] == []  # menus, ads, captions, related lists
    figures = {(m.value, m.unit, m.as_of) for m in detail.mentions if m.kind == "figure"}
    assert (1_200_000, "hồ sơ trực tuyến", date(2025, 10, 31)) in figures
    assert (86, "%", date(2025, 10, 31)) in figures
    assert any(m.value == 1047 for m in detail.mentions)
    (deadline,) = [m for m in detail.mentions if m.kind == "deadline"]
    assert deadline.due_end == date(2026, 6, 30)
    for m in detail.mentions:
        assert detail.text[m.start : m.end] == m.quote

    with cli.db.reading() as s:  # the raw page is archived, checksummed
        raw = s.get(RawDocument, report_id)
        assert raw is not None
        assert raw.body == site.daily()
        assert raw.content_type == "text/html; charset=utf-8"
    assert _count(cli.db, StoryBand) > 0

    again = cli("report", "add", url, "--allow-private")  # the same URL again is the same report
    assert again.code == 0
    assert int(again.out.strip().splitlines()[-1]) == report_id
    assert "Đã có, là báo cáo" in again.err
    assert reports.count_reports(cli.db) == 1


def test_a_loopback_url_is_refused_without_permission(cli: Cli, server: LocalServer) -> None:
    url = server.page("/p.html", site.daily())
    result = cli("report", "add", url)
    assert result.code == 1
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "refused: 127.0.0.1 is a loopback address" in lines[0]
    assert server.requests == []  # refused before connecting
    _nothing_stored(cli.db)


def test_a_redirect_to_loopback_is_refused_and_nothing_is_stored(
    cli: Cli, server: LocalServer, public_name: str
) -> None:
    port = server.base.rsplit(":", 1)[1]
    server.page("/internal", site.daily())
    server.redirect("/moved", f"http://127.0.0.1:{port}/internal")
    start = f"http://{public_name}:{port}/moved"
    result = cli("report", "add", start)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert f"redirected to http://127.0.0.1:{port}/internal" in lines[0]
    assert "loopback address" in lines[0]
    assert [path for path, _ in server.requests] == ["/moved"]  # the internal page was never asked for
    _nothing_stored(cli.db)
    with cli.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0

    # The same page through a public name that does not redirect is fine without any permission.
    server.page("/public", site.daily())
    ok = cli("report", "add", f"http://{public_name}:{port}/public")
    assert ok.code == 0, ok.err


def _add_three_sites(cli: Cli, server: LocalServer) -> dict[str, int]:
    ids: dict[str, int] = {}
    for n, (publisher, build) in enumerate(site.SITES.items()):
        url = server.page(f"/site{n}/bai-viet.html", build())
        result = cli("report", "add", url, "--allow-private")
        assert result.code == 0, result.err
        ids[publisher] = int(result.out.strip().splitlines()[-1])
    return ids


def test_one_story_on_three_sites_is_one_story(cli: Cli, server: LocalServer) -> None:
    other = cli(
        "report",
        "add",
        server.page("/khac.html", site.daily(site.OTHER_PARAGRAPHS, site.OTHER_TITLE)),
        "--allow-private",
    )
    assert other.code == 0, other.err
    other_id = int(other.out.strip().splitlines()[-1])
    ids = _add_three_sites(cli, server)
    first = next(iter(ids.values()))
    assert len(set(ids.values())) == 3  # three reports: each outlet keeps its own
    for rid in ids.values():
        detail = reports.get_report(cli.db, rid)
        assert detail.story_id == first
        assert {r.publisher for r in detail.also_published_by} == set(ids) - {detail.publisher}
        assert other_id not in {r.id for r in detail.also_published_by}
    assert reports.get_report(cli.db, other_id).also_published_by == []

    shown = cli("report", "show", str(first))
    assert shown.code == 0
    assert "Cũng được đăng bởi" in shown.out
    for publisher, rid in ids.items():
        if rid != first:
            assert f"#{rid} {publisher}" in " ".join(shown.out.split())


def test_the_same_figure_in_two_copies_is_one_observation_with_two_sources(
    cli: Cli, server: LocalServer
) -> None:
    """Both quotes are kept as sources of one point; a syndicated copy adds no corroboration
    (issue 12, item 6: the corroboration count is the number of distinct stories)."""
    ids = list(_add_three_sites(cli, server).values())[:2]
    ensure_catalog(cli.db)
    mention_ids = []
    for rid in ids:
        (m,) = [
            m
            for m in reports.get_report(cli.db, rid).mentions
            if m.value == 1_200_000 and m.as_of == date(2025, 10, 31)
        ]
        mention_ids.append(m.id)
    first = review.accept(cli.db, mention_ids[0], indicator="online-applications-received", actor="thu")
    second = review.accept(cli.db, mention_ids[1], indicator="online-applications-received", actor="quan")
    assert first.observation_created
    assert not second.observation_created
    assert second.observation_id == first.observation_id
    assert second.syndicated_copy
    assert second.source_count == 1
    (obs,) = observations.list_observations(cli.db, "online-applications-received")
    assert obs.value == 1_200_000
    assert obs.as_of == date(2025, 10, 31)
    assert sorted(src.report_id for src in obs.sources) == sorted(ids)


def test_a_batch_with_one_failing_url_stores_the_rest(cli: Cli, server: LocalServer) -> None:
    good = [server.page(f"/b/{n}.html", build()) for n, build in enumerate((site.daily, site.provincial))]
    other = server.page("/b/other.html", site.portal(site.OTHER_PARAGRAPHS, site.OTHER_TITLE))
    missing = server.url("/b/khong-co.html")
    result = cli("report", "add", good[0], missing, good[1], other, "--workers", "2", "--allow-private")
    assert result.code == 1  # something failed: the exit status says so
    flat = " ".join(result.out.split())
    assert "3 thêm mới, 0 đã có, 1 lỗi" in flat
    assert "server answered 404" in flat
    assert reports.count_reports(cli.db) == 3
    with cli.db.reading() as s:
        urls = set(s.scalars(select(Report.url)))
    assert urls == {*good, other}
    stored = {r.url: r for r in reports.list_reports(cli.db)}
    assert stored[good[0]].story_id == stored[good[1]].story_id  # the copies found each other
    assert stored[other].story_id != stored[good[0]].story_id


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_batch_of_only_failures_stores_nothing(cli: Cli, server: LocalServer, workers: str) -> None:
    result = cli(
        "report", "add", server.url("/nope-1"), server.url("/nope-2"), "--workers", workers, "--allow-private"
    )
    assert result.code == 1
    assert "0 thêm mới, 0 đã có, 2 lỗi" in " ".join(result.out.split())
    _nothing_stored(cli.db)


def test_a_large_batch_in_chunks_keeps_its_order(cli: Cli, tmp_path: Path) -> None:
    rng = random.Random(3)
    paths = []
    for i in range(70):  # more chunks than the workers are given ahead of the storing process
        path = tmp_path / f"r{i:02d}.txt"
        path.write_text(make_report(rng, i), encoding="utf-8")
        paths.append(str(path))
    items = add_many(cli.db, paths, settings=load_settings(), workers=2)
    assert [i.source for i in items] == paths
    ids = [i.result.report_id for i in items if i.result is not None]
    assert ids == sorted(ids)
    assert len(ids) == 70


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_malformed_redirect_fails_its_source_alone(cli: Cli, server: LocalServer, workers: str) -> None:
    """Issue 12, item 16: ``Location: http:\\\\127.0.0.1:1\\x`` crashed the whole batch."""
    good = server.page("/m/good.html", site.daily())
    bad = server.redirect("/m/bad.html", "http:\\\\127.0.0.1:1\\x")
    result = cli("report", "add", bad, good, "--workers", workers, "--allow-private")
    assert result.code == 1
    flat = " ".join(result.out.split())
    assert "1 thêm mới, 0 đã có, 1 lỗi" in flat
    assert "invalid URL" in " ".join((result.out + result.err).split())
    assert [r.url for r in reports.list_reports(cli.db)] == [good]


def test_extract_of_a_malformed_redirect_is_one_line(
    cli: Cli, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHISO_ALLOW_PRIVATE_URLS", "1")
    bad = server.redirect("/m/bad.html", "http:\\\\127.0.0.1:1\\x")
    result = cli("extract", bad)
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert "the server sent an invalid URL" in result.err


def test_an_unexpected_failure_of_one_source_spares_the_others(
    cli: Cli, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a remote source makes go wrong, the batch goes on (a crash cost all of it)."""
    from chiso.services.reports import batch

    good = server.page("/u/good.html", site.daily())
    odd = server.url("/u/odd.html")
    real = batch.read_source

    def reading(source: str, **kw: object) -> object:
        if source == odd:
            raise RuntimeError("a surprise in a reader")
        return real(source, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "read_source", reading)
    items = add_many(cli.db, [odd, good], settings=load_settings(), allow_private=True, workers=1)
    assert [i.error for i in items] == [f"{odd}: could not be read (RuntimeError)", None]
    assert [r.url for r in reports.list_reports(cli.db)] == [good]
