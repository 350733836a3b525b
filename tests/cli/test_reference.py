"""docs/cli.md is generated from the Typer app and must not drift from it.

The committed file must equal what ``python -m chiso.cli.reference`` prints; every command has help
text and a section; a known command's section names every one of its options; and nothing in the
output depends on the machine it was generated on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from platformdirs import user_data_path
from typer.core import TyperGroup

from chiso.cli import app
from chiso.cli.reference import main, render_reference

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "cli.md"
REGENERATE = "make docs"


@pytest.fixture(scope="module")
def reference() -> str:
    return render_reference()


def _sections(text: str) -> dict[str, str]:
    """Command path -> the section's text, from the ``## chiso …`` / ``### chiso …`` headings."""
    sections: dict[str, str] = {}
    for block in re.split(r"^(?=#{2,4} chiso\b)", text, flags=re.MULTILINE)[1:]:
        heading, _, body = block.partition("\n")
        sections[heading.lstrip("#").strip()] = body
    return sections


def _table_names(section: str) -> list[str]:
    """The first-column names of a section's parameter table, e.g. ``--format`` and ``-f``."""
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([^`]+)`", row.split(" | ")[0])]


def _all_commands() -> list[tuple[str, typer.core.TyperCommand | TyperGroup]]:
    """Every command, walked here through click's own objects (not through the generator)."""
    root = typer.main.get_command(app)
    found: list[tuple[str, typer.core.TyperCommand | TyperGroup]] = []

    def walk(cmd: object, path: str) -> None:
        assert isinstance(cmd, typer.core.TyperCommand | TyperGroup), path
        found.append((path, cmd))
        if isinstance(cmd, TyperGroup):
            for name, sub in cmd.commands.items():
                if not sub.hidden:
                    walk(sub, f"{path} {name}")

    walk(root, "chiso")
    return found


def test_committed_reference_matches_the_code(reference: str) -> None:
    assert DOC.is_file(), f"{DOC.relative_to(ROOT)} is missing: run `{REGENERATE}` and commit it"
    committed = DOC.read_text(encoding="utf-8")
    assert committed == reference, (
        f"{DOC.relative_to(ROOT)} is out of date with the CLI: run `{REGENERATE}` "
        "(.venv/bin/python -m chiso.cli.reference --write docs/cli.md) and commit the result"
    )


def test_every_command_has_help_and_a_section(reference: str) -> None:
    commands = _all_commands()
    sections = _sections(reference)
    # The app has a few dozen commands; a walk that finds only the root would prove nothing.
    assert len(commands) > 40
    assert {"chiso report add", "chiso commitment resolve", "chiso db upgrade"} <= {p for p, _ in commands}
    for path, cmd in commands:
        help_text = (cmd.help or "").strip()
        assert help_text, f"`{path}` has no help text (give it a docstring or help=)"
        assert path in sections, f"`{path}` has no section in the reference"
        first_line = help_text.splitlines()[0]
        assert first_line in sections[path], f"the help of `{path}` is not in its section"
        assert f"```\n{path} [OPTIONS]" in sections[path], f"`{path}` has no usage line"
    # ...and no section for a command that no longer exists.
    assert set(sections) == {p for p, _ in commands}


def test_every_option_and_argument_has_help() -> None:
    missing = [
        f"{path} {param.opts[0]}"
        for path, cmd in _all_commands()
        for param in cmd.params
        if not param.hidden and param.name != "help" and not (getattr(param, "help", None) or "").strip()
    ]
    assert missing == [], f"parameters without help text: {missing}"


def test_report_add_lists_every_option(reference: str) -> None:
    cmd = dict(_all_commands())["chiso report add"]
    section = _sections(reference)["chiso report add"]
    listed = _table_names(section)
    expected = [
        "sources...",
        "--from",
        "--title",
        "--url",
        "--publisher",
        "--published",
        "--allow-private",
        "--workers",
    ]
    assert listed == expected
    # Every parameter click knows of is in the table, with its help.
    for param in cmd.params:
        if isinstance(param, typer.core.TyperOption):
            assert set(param.opts) <= set(listed), param.name
        else:
            assert isinstance(param, typer.core.TyperArgument)
            assert f"{param.name}..." in listed, param.name
        assert param.help, f"`chiso report add {param.name}` has no help"
        assert param.help in section, param.name
    assert "| `--workers` | int (≥ 1) | — |" in section
    assert "| `--allow-private` | flag | off |" in section
    assert "| `--from` | path | — |" in section


def test_types_defaults_and_required_values_are_rendered(reference: str) -> None:
    sections = _sections(reference)
    assert "| `--port` | int (1–65535) | `8000` | Port to listen on. |" in sections["chiso serve"]
    resolve = sections["chiso commitment resolve"]
    assert "| `commitment_id` | int | required |" in resolve
    assert "| `--status` | str | required |" in resolve
    assert "| `--format`, `-f` | table\\|json\\|csv | `table` |" in sections["chiso report list"]
    assert "| `--serve`, `--no-serve` | flag | `--serve` |" in sections["chiso demo"]
    assert "Environment: `CHISO_DATABASE_URL`" in sections["chiso"]
    assert "chiso report add [OPTIONS] [sources]..." in sections["chiso report add"]


def test_reference_does_not_depend_on_the_machine(
    reference: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "37")
    monkeypatch.setenv("CHISO_DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    monkeypatch.setenv("CHISO_ACTOR", "someone")
    monkeypatch.chdir(tmp_path)
    again = render_reference()
    assert again == reference
    for local in (str(tmp_path), str(Path.home()), os.getcwd(), str(user_data_path("chiso"))):
        assert local not in again


def test_machine_paths_in_defaults_become_descriptions() -> None:
    data_file = user_data_path("chiso", appauthor=False) / "chiso.sqlite3"
    toy = typer.Typer(help="Toy.")

    @toy.command("run")
    def run(
        db: Path = typer.Option(data_file, "--db", help="The database."),
        home: str = typer.Option(str(Path.home()), "--home", help="Where to look."),
        name: str = typer.Option("plain", "--name", help="A plain default."),
    ) -> None:
        """Run."""

    @toy.command("other")
    def other() -> None:
        """Another command, so that the toy is a group."""

    text = render_reference(toy)
    assert str(data_file) not in text
    assert str(Path.home()) not in text
    assert "| `--db` | path | `chiso.sqlite3` in the user data directory | The database. |" in text
    assert "| `--home` | str | the home directory | Where to look. |" in text
    assert "| `--name` | str | `plain` |" in text


def test_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str], reference: str) -> None:
    target = tmp_path / "docs" / "cli.md"
    assert main(["--check", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "missing" in err
    assert REGENERATE in err

    assert main(["--write", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == reference
    assert main(["--check", str(target)]) == 0
    assert capsys.readouterr().err == ""

    target.write_text(reference.replace("chiso report add", "chiso report append", 1), encoding="utf-8")
    assert main(["--check", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "out of date" in err
    assert REGENERATE in err


def test_module_runs_and_prints_the_reference(reference: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "chiso.cli.reference"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == reference
