"""``chiso worker``: run the jobs of the task queue (feeds on their schedules, stale reports,
commitments' status changes, the deadline scan and the alerts' delivery) and show how they went."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import typer

from chiso.cli._common import Column, FormatOption, ListFormat, console, db, emit
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso import config, worker
    from chiso.services import worker as jobs
else:
    worker, jobs, config = lazy("chiso.worker"), lazy("chiso.services.worker"), lazy("chiso.config")

worker_app = typer.Typer(
    help=(
        "The worker: polls each feed on its schedule, re-reads stale reports, records deadline"
        " changes, sends the alerts."
    ),
    no_args_is_help=True,
)


@worker_app.command("run")
def run(
    ctx: typer.Context,
    threads: int = typer.Option(2, "--threads", min=1, max=64, help="Jobs run at once by this worker."),
    periodic: bool = typer.Option(
        True, "--periodic/--no-periodic", help="Run the minute tick that enqueues the due polls and jobs."
    ),
) -> None:
    """Run the jobs until Ctrl+C. On a server: CHISO_QUEUE_URL=redis://host:port/db, on any
    number of machines sharing the database; on a laptop `chiso serve` runs it already."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("huey", "chiso"):
        logging.getLogger(name).setLevel(logging.INFO)
    jobs_ = worker.build(db(ctx), config.load_settings())
    console.print(_("Worker started ({n} threads); Ctrl+C to stop").format(n=threads))
    worker.run(jobs_, threads=threads, periodic=periodic)


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


def _every(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 3600 else f"{seconds // 3600} h"


@worker_app.command("status")
def status(ctx: typer.Context, fmt: ListFormat = FormatOption) -> None:
    """The periodic jobs' and the feeds' last runs: when, what they did, why they failed."""
    state = jobs.worker_status(db(ctx))
    if fmt is ListFormat.json:
        typer.echo(state.model_dump_json(indent=2))
        return
    emit(
        [
            {
                "name": j.name,
                "last_run": _when(j.last_run_at),
                "next_run": _when(j.next_run_at),
                "runs": j.runs,
                "failures": j.failures,
                "result": j.last_error or j.last_result or "",
            }
            for j in state.jobs
        ],
        fmt,
        title=_("Jobs"),
        columns=[
            Column("name", N_("Job"), max_width=22),
            Column("last_run", N_("Last run"), "date"),
            Column("next_run", N_("Next run"), "date"),
            Column("runs", N_("Runs"), "number"),
            Column("failures", N_("Failed"), "number"),
            Column("result", N_("Result"), "text"),
        ],
    )
    if fmt is ListFormat.csv:
        return
    emit(
        [
            {
                "id": f.id,
                "every": _every(f.poll_every),
                "last_run": _when(f.last_run_at) + (" *" if f.running else ""),
                "next_run": _when(f.next_poll_at),
                # the error names the feed's URL, shown beside it already
                "result": (f.last_error or "").removeprefix(f"{f.url}: ") or f.last_result or "",
                "url": f.url,
            }
            for f in state.feeds
        ],
        fmt,
        title=_("Feeds"),
        columns=[
            Column("id", "id", "id"),
            Column("every", N_("Every"), max_width=8),
            Column("last_run", N_("Last run"), "date"),
            Column("next_run", N_("Next poll"), "date"),
            Column("result", N_("Result"), max_width=40),
            Column("url", N_("URL"), "text"),
        ],
    )


@worker_app.command("every")
def every(
    ctx: typer.Context,
    feed_id: int = typer.Argument(..., help="The feed's id (see `chiso feed list`)."),
    minutes: int = typer.Argument(..., help="Poll it every this many minutes."),
) -> None:
    """Poll a feed every MINUTES minutes (its next poll at the worker's next tick)."""
    feed = jobs.set_poll_every(db(ctx), feed_id, minutes * 60)
    console.print(_("feed {id}: polled every {minutes} minutes").format(id=feed.id, minutes=minutes))


def register(app: typer.Typer) -> None:
    app.add_typer(worker_app, name="worker")


__all__ = ["every", "register", "run", "status", "worker_app"]
