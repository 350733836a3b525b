"""The ``chiso`` command: a thin Typer layer over :mod:`chiso.services`.

Each command is a few lines that call a service and print its result. Errors from the
:mod:`chiso.errors` tree become one line on stderr and exit status 1; usage errors exit 2.
What the CLI prints for a person is in one language (:mod:`chiso.cli._lang`).
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from chiso import __version__
from chiso.cli import _lang
from chiso.cli._common import State, err_console
from chiso.cli._lang import _
from chiso.errors import ChisoError


class _Group(TyperGroup):
    """Translates chiso's errors once, for every subcommand."""

    # typer vendors click privately (typer._click); typer.Context is its public subclass.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ChisoError as exc:
            # The message often quotes data (a file name, a title): printed as text, never markup.
            label = _("Error")
            shown = escape(exc.render(_lang.current()))
            err_console.print(f"[bold red]{label}:[/bold red] {shown}", soft_wrap=True)
            ctx.exit(1)
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.close()
            _lang.use(None)


app = typer.Typer(
    cls=_Group,
    name="chiso",
    help="Chỉ số · track the figures and deadlines that public reports announce.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chiso {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    database: str | None = typer.Option(
        None,
        "--db",
        envvar="CHISO_DATABASE_URL",
        help="Database URL or SQLite path (default: a file in the user data directory).",
    ),
    lang: _lang.LangChoice | None = typer.Option(
        None,
        "--lang",
        envvar="CHISO_LANG",
        help="The language of what chiso prints for people: vi or en (default: the locale's, "
        "LC_ALL, LC_MESSAGES or LANG, else vi). JSON and CSV output have none.",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    _lang.use(_lang.choose(lang.value if lang else None))
    ctx.obj = State(database)


def _register() -> None:
    # Imported here so that `chiso --help` stays quick and each module registers its own commands.
    from chiso.cli import (
        db_cmd,
        deadline_cmd,
        demo_cmd,
        extract_cmd,
        feed_cmd,
        indicator_cmd,
        observation_cmd,
        publish_cmd,
        report_cmd,
        review_cmd,
        user_cmd,
        web_cmd,
        worker_cmd,
    )

    for module in (
        extract_cmd,
        report_cmd,
        db_cmd,
        demo_cmd,
        user_cmd,
        web_cmd,
        review_cmd,
        observation_cmd,
        indicator_cmd,
        deadline_cmd,
        feed_cmd,
        publish_cmd,
        worker_cmd,
    ):
        module.register(app)


_register()


def main() -> None:
    app()


__all__ = ["app", "main"]
