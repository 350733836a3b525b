"""Settings, read when asked for (never at import time)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: ``chiso web``'s own address, the permalinks' base when nothing else says where chiso is served
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def default_database_url() -> str:
    path = user_data_path("chiso", appauthor=False, ensure_exists=True) / "chiso.sqlite3"
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    """Process-wide settings; every field can be set as ``CHISO_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CHISO_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    max_input_bytes: int = DEFAULT_MAX_BYTES
    # Fetching URLs that resolve to private or loopback addresses is refused unless allowed.
    allow_private_urls: bool = False
    #: Seconds a write waits for another writer (SQLite) before it is refused as "busy".
    busy_timeout: float = 10.0
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    secret_key: str | None = None
    #: Set behind TLS (a shared server): the session cookie is then sent over HTTPS only.
    secure_cookies: bool = False
    assets_dir: Path | None = None
    #: The address people reach the web app at (``https://chiso.example.org``), when a proxy
    #: stands in front of it: embed codes, export permalinks, citations and the links in alerts
    #: point there. Unset, the web app uses the request's address, the CLI ``DEFAULT_BASE_URL``
    #: and alerts give paths.
    public_url: str | None = None
    actor: str = "cli"
    #: The licence exports cite for a report when neither it nor its publisher has one
    #: ("CC-BY-4.0", "© Báo Nhân Dân", ...).
    default_licence: str | None = None
    #: The task queue of `chiso worker`: ``redis://host:port/db`` (a server, several workers),
    #: ``sqlite:///path`` or nothing (a SQLite file beside a SQLite database, else in the user
    #: data directory), ``memory`` (one process, tests).
    queue_url: str | None = None
    #: How often a new feed is polled, in seconds (each feed keeps its own ``poll_every``).
    feed_poll_every: int = 3600
    #: Seconds a worker may hold a feed it polls before another may take it (a killed worker's
    #: lease runs out after this).
    worker_lease: float = 900.0
    #: Seconds before a failed job's first retry (each next one waits twice as long).
    worker_retry_delay: float = 30.0
    #: Alerts by e-mail: the SMTP server (none set: e-mail notifications wait, unsent).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "chiso@localhost"
    smtp_starttls: bool = True
    smtp_timeout: float = 20.0
    #: Webhooks to loopback or private addresses are refused unless allowed (as fetching URLs).
    allow_private_webhooks: bool = False
    webhook_timeout: float = 10.0
    #: Webhooks sent at once by one delivery run.
    webhook_workers: int = 8
    #: A failed delivery is tried again after base * 2**(attempts - 1) seconds, at most this often.
    alert_retry_base_seconds: float = 60.0
    alert_max_attempts: int = 8
    #: "Due in N days": the daily scan tells subscribers this many days before a deadline.
    alert_due_days: int = 7


def load_settings(**overrides: object) -> Settings:
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]


__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MAX_BYTES", "Settings", "default_database_url", "load_settings"]
