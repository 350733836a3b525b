"""``chiso demo``: a fresh demo database, then the web UI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from platformdirs import user_data_path
from rich.text import Text

from chiso.cli._common import console, state
from chiso.cli._lazy import lazy

if TYPE_CHECKING:
    from chiso.services import database as databases
    from chiso.services import demo, users
else:
    demo, users = lazy("chiso.services.demo"), lazy("chiso.services.users")
    databases = lazy("chiso.services.database")

DEMO_EDITOR = "demo"


def demo_command(
    ctx: typer.Context,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web UI after loading."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to serve the demo on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to serve the demo on."),
) -> None:
    """Load the demo reports into a fresh database and serve them at http://HOST:PORT."""
    url = state(ctx).db_url
    if url is None:
        # The demo never touches the user's own database: it gets a file of its own, made anew.
        path = user_data_path("chiso", appauthor=False, ensure_exists=True) / "demo.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    database = databases.open_database(url)
    with console.status("Đang nạp dữ liệu mẫu · loading the demo…"):
        result = demo.load_demo(database)
    password = users.generate_password()
    users.add_user(database, DEMO_EDITOR, "editor", password, actor="demo")
    database.dispose()
    console.print(
        f"[green]Dữ liệu mẫu · demo:[/green] {result.reports} báo cáo · reports, "
        f"{result.figures} số liệu · figures, {result.accepted} đã duyệt tự động · auto-accepted, "
        f"{result.commitments} cam kết · commitments → {url}",
        soft_wrap=True,
    )
    console.print(
        f"Biên tập viên mẫu · demo editor: [bold]{DEMO_EDITOR}[/bold] / mật khẩu · password: [bold]{password}[/bold]",
        soft_wrap=True,
    )
    # The demo has a database of its own: say how the CLI reaches it (a new user's `chiso report
    # list` in another terminal otherwise reads the default, empty database and shows nothing).
    console.print("Dùng CLI trên dữ liệu mẫu · to use the CLI on the demo:", soft_wrap=True)
    console.print(Text(f"  export CHISO_DATABASE_URL={url}"), soft_wrap=True)
    if serve:
        from chiso.cli.web_cmd import serve as serve_web

        serve_web(url, host, port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
