"""docs/web.md's table: every editorial command of the CLI has a page and an API route, and
every route the table names is one the app has (issue 14: parity between CLI and web)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "web.md"
CLI = ROOT / "docs" / "cli.md"

#: The commands that change something an editor or admin decides: each must be a row.
EDITORIAL = {
    "report add", "report date", "report edit", "report retract", "report licence", "report reextract",
    "review accept", "review reject", "review reopen", "review auto",
    "indicator add", "indicator edit", "indicator import", "indicator export",
    "import observations", "export observations",
    "commitment resolve", "commitment reopen", "commitment edit", "commitment proposals",
    "commitment confirm", "commitment reject", "commitment duplicates", "commitment merge",
    "feed add", "feed list", "feed poll", "worker every",
    "user add", "user list", "user password", "user disable", "user enable", "user role",
    "token create", "token list", "token revoke",
}  # fmt: skip

ROUTE = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`")


def _rows() -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """command -> (the page's form routes, the API routes), from the table's rows."""
    rows: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found = re.fullmatch(r"`chiso ([a-z ]+)`", cells[0]) if len(cells) == 4 else None
        if found:
            rows[found.group(1)] = (ROUTE.findall(cells[2]), ROUTE.findall(cells[3]))
    return rows


def _flat(routes: Iterable[object]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (inner := getattr(route, "original_router", None)) is not None:
            yield from _flat(inner.routes)


def _app_routes(app: FastAPI) -> set[tuple[str, str]]:
    return {(m, r.path) for r in _flat(app.routes) for m in r.methods}


def test_every_editorial_command_is_a_row_of_the_table() -> None:
    rows = _rows()
    assert sorted(EDITORIAL - set(rows)) == []
    # and every row names a command that exists
    commands = set(re.findall(r"^#{2,4} chiso ([a-z ]+)$", CLI.read_text(encoding="utf-8"), re.MULTILINE))
    assert sorted(set(rows) - commands) == []


@pytest.mark.parametrize("command", sorted(EDITORIAL))
def test_the_command_has_a_page_and_an_api_route_in_the_app(app: FastAPI, command: str) -> None:
    rows = _rows()
    assert command in rows, f"chiso {command} is not in docs/web.md"
    form, api = rows[command]
    assert form, f"chiso {command}: no page route in docs/web.md"
    assert api, f"chiso {command}: no API route in docs/web.md"
    assert all(path.startswith("/api/") for _, path in api)
    have = _app_routes(app)
    assert [f"{m} {p}" for m, p in form + api if (m, p) not in have] == []
    # a write in the CLI is a write in the browser (a read, like a list, is a GET)
    writes = {m for m, _ in form} - {"GET"}
    if writes:
        assert {m for m, _ in api} - {"GET"}, f"chiso {command}: the page writes but its API only reads"


def test_the_table_notices_a_route_the_app_lacks(app: FastAPI) -> None:
    """The check sees a missing route: a made-up one is not among the app's."""
    assert ("POST", "/review/auto") in _app_routes(app)
    assert ("POST", "/review/never") not in _app_routes(app)
