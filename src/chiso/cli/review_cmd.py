"""``chiso review``: the review queue (interactive) and its non-interactive decisions."""

from __future__ import annotations

import sys
import unicodedata
from typing import TYPE_CHECKING

import click
import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from chiso.cli import _lang
from chiso.cli._common import (
    ActorOption,
    FormatOption,
    ListFormat,
    actor_name,
    console,
    db,
    emit,
    fmt_number,
    parse_date,
)
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Column, show_table
from chiso.errors import ChisoError, InputError
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso.services import review
    from chiso.services.database import Database
    from chiso.services.review import schemas as review_schemas
    from chiso.services.review.schemas import AutoResult, Decision, ReviewItem
else:
    review, review_schemas = lazy("chiso.services.review"), lazy("chiso.services.review.schemas")

review_app = typer.Typer(
    help="Review extracted figures and deadlines: accept, correct, link, reject. Without a subcommand: the interactive queue.",
    invoke_without_command=True,
)

QUALIFIERS = ("exact", "more_than", "at_least", "about", "nearly", "less_than", "at_most")
MEASURES = ("cumulative", "flow", "stock", "rate", "share", "count_of_total")
#: a mention's kind as a person reads it (the JSON keeps the code)
KIND_WORDS = {"figure": N_("Figure"), "deadline": N_("Deadline")}


def _stdin_is_terminal() -> bool:
    """Whether a person types the keys. Piped input would be read as keys and Enter accepts, so
    ``echo | chiso review`` used to accept mentions nobody looked at."""
    return sys.stdin.isatty()


def _key(prompt: str) -> str:
    """One key in a terminal; a line (Enter for the default) when the keys are typed as lines
    (the tests drive the queue that way, with :func:`_stdin_is_terminal` stubbed)."""
    if sys.stdin.isatty():
        console.print(prompt, end=" ")
        ch = click.getchar()
        console.print(ch if ch.isprintable() else "")
        return "a" if ch in ("\r", "\n") else ch.lower()
    answer: str = typer.prompt(prompt, default="a", show_default=False)
    return answer.strip().lower()[:1] or "a"


def _choice(label: str, choices: tuple[str, ...], default: str) -> str:
    answer: str = typer.prompt(f"{label} ({'|'.join(choices)})", default=default)
    if answer.strip() not in choices:
        raise InputError("cli_choose_one", field=label, choices=", ".join(choices), value=answer)
    return answer.strip()


def describe_decision(d: Decision) -> str:
    if d.action == "accepted" and d.kind == "figure":
        how = (
            _("new point")
            if d.observation_created
            else _("copy of a story already counted ({n} sources)").format(n=d.source_count)
            if d.syndicated_copy
            else _("corroborates ({n} sources)").format(n=d.source_count)
        )
        observation = _("observation {id}").format(id=d.observation_id)
        return f"#{d.mention_id} → [bold]{escape(d.indicator or '')}[/bold] ({escape(observation)}, {escape(how)})"
    if d.action == "accepted":
        how = _("new commitment") if d.commitment_created else _("linked")
        commitment = _("commitment {id}").format(id=d.commitment_id)
        return f"#{d.mention_id} → {escape(commitment)} ({escape(how)})"
    return f"#{d.mention_id} {d.action}"


def _render(item: ReviewItem, remaining: int) -> None:
    m = item.mention
    sentence = Text(item.sentence)
    sentence.stylize(
        "bold reverse cyan" if m.kind == "figure" else "bold reverse magenta",
        item.quote_start,
        item.quote_end,
    )
    published = item.report.published_on or _("undated")
    meta = " · ".join(str(x) for x in (item.report.publisher, published, item.report.url) if x)
    report_title = item.report.title or _("report {id}").format(id=item.report.id)
    kind = _(KIND_WORDS[m.kind])
    title = f"[bold]#{m.id}[/bold] {kind} · {escape(report_title)}"
    pending = _("{n} pending").format(n=remaining)
    console.print(
        Panel(sentence, title=title, subtitle=f"{escape(meta)}  ({escape(pending)})" if meta else None)
    )
    confidence = _("confidence")
    if m.kind == "figure":
        value = fmt_number(m.value) + (f"–{fmt_number(m.value_max)}" if m.value_max is not None else "")
        value += f"/{fmt_number(m.of_total)}" if m.of_total is not None else ""
        when = m.as_of or (f"{m.period_start}…{m.period_end}" if m.period_end or m.period_start else "—")
        if m.time_quote:
            # The phrase that dated it: what a person checks before accepting the date.
            dated_by = _("dated by “{quote}”").format(quote=m.time_quote)
            when = f"{when} ({escape(dated_by)})"
        flags = " · " + _("target") if m.is_target else ""
        flags += " · " + _("change") if m.is_change else ""
        value_label, unit_label, as_of_label = _("value"), _("unit"), _("as of")
        console.print(
            f"{value_label} [bold]{value}[/bold]  {m.qualifier or 'exact'}  {unit_label} [bold]{escape(m.unit or '—')}[/bold]  "
            f"{as_of_label} {when}{flags}  ({confidence} {m.confidence:.2f})",
            soft_wrap=True,
        )
        table = Table(header_style="bold", box=None)
        # The slug stays whole (it is what --indicator takes); the name may be cut, the reasons wrap.
        table.add_column("#", no_wrap=True)
        table.add_column(_("Indicator"), no_wrap=True, overflow="ellipsis", max_width=44)
        table.add_column(_("Score"), no_wrap=True)
        table.add_column(_("Why"), overflow="fold", ratio=1)
        for i, s in enumerate(item.suggestions, 1):
            name = Text(s.slug) + Text(f"\n{s.name_vi}", style="dim")
            table.add_row(str(i), name, f"{s.score:.2f}", Text("; ".join(s.reasons)))
        console.print(table if item.suggestions else "[dim]" + _("(no suggestion)") + "[/dim]")
        keys = "[bold]Enter/a[/bold] " + _("accept #1")
    else:
        due = _("due")
        console.print(
            f"{due} [bold]{m.due_start or '…'} → {m.due_end or '…'}[/bold] ({m.precision})  "
            f"{escape(m.commitment_text or '')}  ({confidence} {m.confidence:.2f})",
            soft_wrap=True,
        )
        table = Table(header_style="bold", box=None)
        table.add_column("#", no_wrap=True)
        table.add_column(_("Commitment"), overflow="fold", ratio=1)
        table.add_column(_("Score"), no_wrap=True)
        table.add_column(_("Why"), overflow="fold", ratio=1)
        for i, c in enumerate(item.commitment_suggestions, 1):
            table.add_row(
                str(i), Text(f"{c.commitment_id}: {c.title}"), f"{c.score:.2f}", Text("; ".join(c.reasons))
            )
        if item.commitment_suggestions:
            console.print(table)
            # `a` takes the top suggestion, as for figures: a new commitment is a deliberate `n`.
            keys = "[bold]Enter/a[/bold] " + _("link to #1") + " · [bold]n[/bold] " + _("new commitment")
        else:
            keys = "[bold]Enter/a[/bold] " + _("new commitment")
    n = len(item.suggestions if m.kind == "figure" else item.commitment_suggestions)
    keys += f" · [bold]1–{n}[/bold] " + _("pick") if n else ""
    keys += " · [bold]n[/bold] " + _("new indicator") if m.kind == "figure" else ""
    keys += "".join(f" · [bold]{key}[/bold] " + _(word) for key, word in KEYS)
    console.print(keys, soft_wrap=True)


#: the keys every item takes, after its own
KEYS = (("e", N_("edit")), ("r", N_("reject")), ("s", N_("skip")), ("q", N_("quit")))


def _slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words)[:60] or "indicator"


def _new_indicator(database: Database, item: ReviewItem, actor: str) -> Decision:
    m = item.mention
    unit = m.unit_head or m.unit or ""
    slug = typer.prompt("slug", default=_slugify(unit))
    name_vi = typer.prompt(_("name (vi)"), default=unit or slug)
    name_en = typer.prompt(_("name (en)"), default=name_vi)
    measure = _choice(_("measure"), MEASURES, "cumulative")
    draft = review_schemas.IndicatorDraft(
        slug=slug, name_vi=name_vi, name_en=name_en, unit=unit or None, measure=measure
    )
    return review.create_indicator_from(database, m.id, draft, actor=actor)


def _edit(database: Database, item: ReviewItem, actor: str) -> Decision:
    m = item.mention
    if m.kind == "deadline":
        due = typer.prompt(_("due (YYYY-MM-DD)"), default=str(m.due_end or ""))
        text = typer.prompt(_("action"), default=m.commitment_text or "")
        return review.edit(
            database,
            m.id,
            review_schemas.MentionEdit(due_end=parse_date(due, "due"), commitment_text=text),
            actor=actor,
        )
    raw = typer.prompt(_("value"), default=fmt_number(m.value).replace(".", ""))
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise InputError("cli_value_not_number", value=raw) from None
    qualifier = _choice(_("qualifier"), QUALIFIERS, m.qualifier or "exact")
    unit = typer.prompt(_("unit"), default=m.unit or "")
    as_of = typer.prompt(
        _("as of (YYYY-MM-DD, blank = keep)"), default=str(m.as_of or ""), show_default=bool(m.as_of)
    )
    fields: dict[str, object] = {"value": value, "qualifier": qualifier, "unit": unit or None}
    if as_of and as_of != str(m.as_of or ""):
        fields["as_of"] = parse_date(as_of, "as of")
    return review.edit(database, m.id, review_schemas.MentionEdit.model_validate(fields), actor=actor)


def _step(database: Database, item: ReviewItem, key: str, actor: str) -> Decision | None:
    """Carry out one key on one item; None means skip."""
    m = item.mention
    choices = item.suggestions if m.kind == "figure" else item.commitment_suggestions
    if key == "a":
        if m.kind == "figure":
            if not item.suggestions:
                raise InputError("cli_no_suggestion_to_accept")
            return review.accept(database, m.id, indicator=item.suggestions[0].slug, actor=actor)
        if item.commitment_suggestions:
            return review.accept(
                database, m.id, commitment_id=item.commitment_suggestions[0].commitment_id, actor=actor
            )
        return review.accept(database, m.id, new_commitment=True, actor=actor)
    if key == "n" and m.kind == "deadline":
        return review.accept(database, m.id, new_commitment=True, actor=actor)
    if key.isdigit():
        i = int(key)
        if not 1 <= i <= len(choices):
            raise InputError("cli_no_suggestion", key=key)
        if m.kind == "figure":
            return review.accept(database, m.id, indicator=item.suggestions[i - 1].slug, actor=actor)
        return review.accept(
            database, m.id, commitment_id=item.commitment_suggestions[i - 1].commitment_id, actor=actor
        )
    if key == "n" and m.kind == "figure":
        return _new_indicator(database, item, actor)
    if key == "e":
        return _edit(database, item, actor)
    if key == "r":
        return review.reject(database, m.id, actor=actor)
    if key == "s":
        return None
    raise InputError("cli_unknown_key", key=key)


@review_app.callback(invoke_without_command=True)
def queue(
    ctx: typer.Context,
    report_id: int | None = typer.Option(None, "--report", help="Only this report's mentions."),
    kind: str | None = typer.Option(None, "--kind", help="figure or deadline."),
    actor: str | None = ActorOption,
) -> None:
    """Walk the pending mentions one by one (keys are shown on screen)."""
    if ctx.invoked_subcommand is not None:
        return
    if not _stdin_is_terminal():
        raise InputError("cli_review_needs_terminal")
    database, who = db(ctx), actor_name(actor)
    skipped = decided = 0
    while True:
        items = review.pending(database, report_id=report_id, kind=kind, limit=1, offset=skipped)
        if not items:
            tally = _("{decided} decisions, {skipped} skipped").format(decided=decided, skipped=skipped)
            done = _("Queue done")
            console.print(f"[green]{done}[/green]: {tally}")
            return
        item = items[0]
        _render(item, review.count_pending(database, kind=kind) - skipped)
        key = _key("›")
        if key == "q":
            console.print(
                _("{decided} decisions, {skipped} skipped").format(decided=decided, skipped=skipped)
            )
            return
        try:
            result = _step(database, item, key, who)
        except ChisoError as exc:
            console.print(Text(exc.render(_lang.current()), style="red"), soft_wrap=True)
            continue
        if result is None:
            skipped += 1
        elif result.action != "edited":
            decided += 1
            console.print(f"[green]✓[/green] {describe_decision(result)}", soft_wrap=True)
        else:
            edited = _("#{id} edited").format(id=result.mention_id)
            console.print(f"[green]✓[/green] {edited}", soft_wrap=True)


@review_app.command("list")
def list_(
    ctx: typer.Context,
    report_id: int | None = typer.Option(None, "--report", help="Only this report's mentions."),
    kind: str | None = typer.Option(None, "--kind", help="figure or deadline."),
    limit: int = typer.Option(50, "--limit", min=1, max=10000, help="How many mentions to list."),
    fmt: ListFormat = FormatOption,
) -> None:
    """List pending mentions with their best suggestion."""
    items = review.pending(db(ctx), report_id=report_id, kind=kind, limit=limit)
    if fmt is not ListFormat.table:
        emit(items, fmt, columns=[])
        return
    rows = [
        {
            "id": str(i.mention.id),
            "kind": _(KIND_WORDS[i.mention.kind]),
            "quote": i.mention.quote,
            "best": (i.suggestions[0].slug if i.suggestions else "")
            or (i.commitment_suggestions[0].title if i.commitment_suggestions else ""),
            "score": f"{i.suggestions[0].score:.2f}" if i.suggestions else "",
        }
        for i in items
    ]
    show_table(console, rows, PENDING, title=_("Pending"))


PENDING = (
    Column("id", "id", "id"),
    Column("kind", N_("Kind"), max_width=8),
    Column("best", N_("Suggestion"), max_width=32),
    Column("score", N_("Score"), "number"),
    Column("quote", N_("Quote"), "text"),
)


@review_app.command("accept")
def accept(
    ctx: typer.Context,
    mention_id: int = typer.Argument(..., help="The mention's id (see `chiso review list`)."),
    indicator: str | None = typer.Option(
        None, "--indicator", help="Indicator slug (default: the top suggestion)."
    ),
    commitment: int | None = typer.Option(
        None,
        "--commitment",
        help="Link a deadline to this commitment (default: the top suggested one, else a new one).",
    ),
    new_commitment: bool = typer.Option(
        False, "--new-commitment", help="Make a new commitment even though an existing one is suggested."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Correct the figure's date before accepting: as of YYYY-MM-DD."
    ),
    period_start: str | None = typer.Option(
        None, "--period-start", help="Correct the figure's period before accepting: from YYYY-MM-DD."
    ),
    period_end: str | None = typer.Option(
        None, "--period-end", help="Correct the figure's period before accepting: to YYYY-MM-DD."
    ),
    actor: str | None = ActorOption,
) -> None:
    """Accept a figure as an observation of an indicator, or a deadline as a commitment.

    The figure's point is dated by its own time (as of, else the end of its period), else by the
    report's publication date; --as-of or --period-start/--period-end correct it first.
    """
    dates = {
        "as_of": parse_date(as_of, "--as-of"),
        "period_start": parse_date(period_start, "--period-start"),
        "period_end": parse_date(period_end, "--period-end"),
    }
    given = {k: v for k, v in dates.items() if v is not None}
    d = review.accept(
        db(ctx),
        mention_id,
        indicator=indicator,
        commitment_id=commitment,
        edits=review_schemas.MentionEdit.model_validate(given) if given else None,
        new_commitment=new_commitment,
        actor=actor_name(actor),
    )
    console.print(f"[green]✓[/green] {describe_decision(d)}", soft_wrap=True)


@review_app.command("reject")
def reject(
    ctx: typer.Context,
    mention_id: int = typer.Argument(..., help="The mention's id."),
    reason: str | None = typer.Option(None, "--reason", help="Why (kept in the history)."),
    actor: str | None = ActorOption,
) -> None:
    """Reject a mention."""
    d = review.reject(db(ctx), mention_id, actor=actor_name(actor), reason=reason)
    console.print(f"[green]✓[/green] {describe_decision(d)}")


@review_app.command("reopen")
def reopen(
    ctx: typer.Context,
    mention_id: int = typer.Argument(..., help="The mention's id."),
    actor: str | None = ActorOption,
) -> None:
    """Undo a decision: the mention is pending again and leaves its observation."""
    d = review.reopen(db(ctx), mention_id, actor=actor_name(actor))
    console.print(f"[green]✓[/green] {describe_decision(d)}")


AUTO = (
    Column("id", "#", "id"),
    Column("kind", N_("Kind"), max_width=8),
    Column("target", "→", max_width=32),
    Column("score", N_("Score"), "number"),
    Column("note", N_("Note"), max_width=18),
    Column("quote", N_("Quote"), "text"),
)


def print_auto(result: AutoResult) -> None:
    rows = []
    for d in result.decisions:
        if d.kind == "figure":
            note = (
                _("new")
                if d.observation_created
                else _("copy ({n} sources)").format(n=d.source_count)
                if d.syndicated_copy
                else _("+1 source ({n})").format(n=d.source_count)
            )
        else:
            note = _("new") if d.commitment_created else _("linked")
        rows.append(
            {
                "id": str(d.mention_id),
                "kind": _(KIND_WORDS[d.kind]),
                "quote": d.quote,
                "target": d.indicator
                if d.kind == "figure"
                else _("commitment {id}").format(id=d.commitment_id),
                "score": f"{d.score:.2f}" if d.score is not None else "",
                "note": note,
            }
        )
    show_table(console, rows, AUTO, title=_("Auto review (≥ {min})").format(min=f"{result.min_confidence:g}"))
    reasons = ", ".join(f"{n} {r}" for r, n in sorted(result.skipped_by_reason.items(), key=lambda x: -x[1]))
    tally = _("{accepted}/{considered} accepted; left for a person: {left}").format(
        accepted=len(result.decisions), considered=result.considered, left=len(result.skipped)
    )
    console.print(escape(tally) + (f" ({escape(reasons)})" if reasons else ""), soft_wrap=True)


@review_app.command("auto")
def auto(
    ctx: typer.Context,
    min_confidence: float = typer.Option(
        0.9, "--min-confidence", min=0.0, max=1.0, help="Accept only matches at least this sure."
    ),
    report_id: int | None = typer.Option(None, "--report", help="Only this report's mentions."),
    fmt: ListFormat = FormatOption,
    actor: str | None = typer.Option("auto", "--as", help="Recorded as the decider."),
) -> None:
    """Accept high-confidence matches automatically and print what was done."""
    result = review.auto(db(ctx), min_confidence=min_confidence, actor=actor or "auto", report_id=report_id)
    if fmt is ListFormat.table:
        print_auto(result)
    else:
        emit(result.decisions, fmt, columns=[])


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


__all__ = [
    "AUTO",
    "KEYS",
    "KIND_WORDS",
    "MEASURES",
    "PENDING",
    "QUALIFIERS",
    "accept",
    "auto",
    "describe_decision",
    "list_",
    "print_auto",
    "queue",
    "register",
    "reject",
    "reopen",
    "review_app",
]
