"""The CLI starts without the heavy libraries: `chiso --version` spent ~0.9 s importing
SQLAlchemy, FastAPI, httpx and the services before it printed a line (issue 12 #14).

Checked by what a fresh interpreter has imported, not by the clock (the machine is shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "sqlalchemy",
    "fastapi",
    "starlette",
    "trafilatura",
    "httpx",
    "pypdf",
    "pypdfium2",
    "alembic",
    "jinja2",
)

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
"""


def _imported(body: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(body=body)], capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


#: what the services' schemas and the catalogue need: only commands that use them load them
SCHEMAS = ("pydantic", "pydantic_settings", "yaml")


def test_importing_the_cli_imports_no_heavy_library() -> None:
    loaded = _imported("import chiso.cli")
    assert "typer" in loaded  # the probe sees what the import pulled in
    assert loaded.isdisjoint(HEAVY + SCHEMAS), sorted(loaded & set(HEAVY + SCHEMAS))


# (a subcommand's --help loads pydantic inside Typer itself: typer/_adapters.py)
@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_load_no_schema(args: list[str]) -> None:
    body = f"from chiso.cli import app\ntry:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
    loaded = _imported(body)
    assert loaded.isdisjoint(SCHEMAS), sorted(loaded & set(SCHEMAS))


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["report", "--help"],
        ["extract", "{path}", "--published", "2026-01-16"],
        ["extract", "{path}", "--format", "table"],
    ],
)
def test_commands_that_need_no_database_import_none_of_it(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Đến nay có hơn 67 triệu tài khoản được kích hoạt.\n", encoding="utf-8")
    argv = [a.format(path=path) for a in args]
    body = (
        "from chiso.cli import app\n"
        f"try:\n    app({argv!r})\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
    )
    loaded = _imported(body)
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
