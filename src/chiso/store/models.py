"""SQLAlchemy 2 models: the tables of DESIGN.md's data model.

Kept apart from the API schemas (Pydantic) on purpose: these are storage, not contracts.
Every schema change is an Alembic revision in ``chiso/store/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Named constraints so that migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, always in UTC and always with its zone, on every database.

    PostgreSQL keeps the zone (``timestamptz``); SQLite stores text without one and hands back
    naive datetimes, which the API then printed without an offset although its schema promises
    one. Written as UTC, read back as UTC-aware: the same values on both databases.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, datetime: UtcDateTime()}


class Report(Base):
    """One text as published by one outlet. The same text twice is one report (by sha256)."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    final_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))
    author: Mapped[str | None] = mapped_column(String(300))
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    fetched_at: Mapped[datetime | None]
    added_at: Mapped[datetime]
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    #: file | url | paste | feed | demo
    source_kind: Mapped[str] = mapped_column(String(16), default="file")
    #: 64-bit SimHash of word shingles, stored signed so it fits BIGINT on PostgreSQL; no longer
    #: filled (stories are found through StoryBand), so not indexed since migration 0003
    simhash: Mapped[int | None] = mapped_column(BigInteger)
    #: near-duplicate group: the id of the first report of the same story (itself for the first)
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    licence: Mapped[str | None] = mapped_column(String(200))
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feed.id", ondelete="SET NULL"))
    #: set when the report was retracted: still readable, but it supports no point, link or evidence
    retracted_at: Mapped[datetime | None]
    retracted_by: Mapped[str | None] = mapped_column(String(120))
    retracted_reason: Mapped[str | None] = mapped_column(Text)

    mentions: Mapped[list[Mention]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Mention.start"
    )


class RawDocument(Base):
    """The bytes a report was read from (HTML page, PDF), kept so every number stays traceable."""

    __tablename__ = "raw_document"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    content_type: Mapped[str | None] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)


class Indicator(Base):
    """A tracked quantity, e.g. ``vneid-activated-accounts``."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(120))
    short_unit: Mapped[str | None] = mapped_column(String(40))
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    #: cumulative | flow | stock | rate | share | count_of_total
    measure: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str | None] = mapped_column(Text)
    programme: Mapped[str | None] = mapped_column(String(120), index=True)
    #: in English (as the shipped catalogue writes it); ``description_vi`` in Vietnamese
    description: Mapped[str | None] = mapped_column(Text)
    description_vi: Mapped[str | None] = mapped_column(Text)
    #: {"words": [...], "units": [...], "context": [...], "exclude": [...]}
    match_rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: catalog | user | learned
    origin: Mapped[str] = mapped_column(String(16), default="catalog")
    created_at: Mapped[datetime]


class PublisherLicence(Base):
    """The licence a publisher's reports are under when a report names none of its own."""

    __tablename__ = "publisher_licence"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name as reports carry it (``report.publisher``)
    publisher: Mapped[str] = mapped_column(String(300), unique=True)
    licence: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]


class Commitment(Base):
    """A dated promise tracked on the deadline board."""

    __tablename__ = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text, index=True)
    programme: Mapped[str | None] = mapped_column(String(120))
    due_start: Mapped[date | None] = mapped_column(Date)
    due_end: Mapped[date | None] = mapped_column(Date, index=True)
    precision: Mapped[str] = mapped_column(String(10))
    target_indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"))
    target_value: Mapped[float | None] = mapped_column(Float)
    #: open | met | met_late | missed | dropped
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    #: set when this commitment was merged into another (the same promise): it redirects there
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("commitment.id", ondelete="SET NULL"))
    #: the open display status (upcoming | due_soon | overdue) the worker last recorded, to
    #: record each change once as a ``status_changed`` event (None: not yet looked at)
    last_display_status: Mapped[str | None] = mapped_column(String(10))

    events: Mapped[list[CommitmentEvent]] = relationship(
        back_populates="commitment", cascade="all, delete-orphan", order_by="CommitmentEvent.id"
    )


class CommitmentEvent(Base):
    """History of a commitment: created, due date moved, evidence offered or confirmed, resolved."""

    __tablename__ = "commitment_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    #: created | due_changed | evidence | resolved | reopened | status_changed
    kind: Mapped[str] = mapped_column(String(16))
    #: proposed | confirmed | rejected (evidence and due changes wait for a person)
    state: Mapped[str] = mapped_column(String(10), default="confirmed")
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("mention.id", ondelete="SET NULL"))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"))
    on_date: Mapped[date | None] = mapped_column(Date)
    old_due_start: Mapped[date | None] = mapped_column(Date)
    old_due_end: Mapped[date | None] = mapped_column(Date)
    new_due_start: Mapped[date | None] = mapped_column(Date)
    new_due_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(10))
    #: status_changed: the display status before (``status`` holds the one after)
    old_status: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(120))

    commitment: Mapped[Commitment] = relationship(back_populates="events")


class Observation(Base):
    """A value of an indicator at a date or over a period, supported by accepted mentions."""

    __tablename__ = "observation"
    # is_target last: "has an observed point" is answered from the index alone (migration 0008)
    __table_args__ = (Index("ix_observation_indicator_date", "indicator_id", "ref_date", "is_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(12), default="exact")
    of_total: Mapped[float | None] = mapped_column(Float)
    as_of: Mapped[date | None] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    #: the date the point is drawn at: as_of, else period_end, else the report's publication date
    ref_date: Mapped[date] = mapped_column(Date)
    is_target: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    mentions: Mapped[list[Mention]] = relationship(back_populates="observation")


class Mention(Base):
    """A figure or a deadline found in a report, with its exact quote and offsets."""

    __tablename__ = "mention"
    __table_args__ = (
        # Also the index for searches by report (it leads with report_id).
        UniqueConstraint("report_id", "kind", "start", "end", name="uq_mention_span"),
        Index("ix_mention_state_kind", "state", "kind"),
        # A new mention has no links: only linked ones are indexed (every search is by a value).
        *(
            Index(
                f"ix_mention_{column}",
                column,
                postgresql_where=sql_text(f"{column} IS NOT NULL"),
                sqlite_where=sql_text(f"{column} IS NOT NULL"),
            )
            for column in ("indicator_id", "commitment_id", "observation_id")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    #: figure | deadline
    kind: Mapped[str] = mapped_column(String(10))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    # figures
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(12))
    unit: Mapped[str | None] = mapped_column(Text)
    unit_head: Mapped[str | None] = mapped_column(String(200))
    of_total: Mapped[float | None] = mapped_column(Float)
    is_change: Mapped[bool] = mapped_column(Boolean, default=False)
    is_target: Mapped[bool] = mapped_column(Boolean, default=False)
    period_text: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[date | None] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    #: where the time came from (sentence | context | published) and the phrase that dated the
    #: figure, with its offsets into the report's text (None when the time is the publication date)
    time_source: Mapped[str | None] = mapped_column(String(10))
    time_quote: Mapped[str | None] = mapped_column(Text)
    time_start: Mapped[int | None] = mapped_column(Integer)
    time_end: Mapped[int | None] = mapped_column(Integer)
    #: day | month | quarter | half | year
    time_precision: Mapped[str | None] = mapped_column(String(10))
    #: the comparison base as written ("so với cùng kỳ năm 2024"), never the figure's own time
    base_period: Mapped[str | None] = mapped_column(Text)
    # deadlines
    due_start: Mapped[date | None] = mapped_column(Date)
    due_end: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str | None] = mapped_column(String(10))
    commitment_text: Mapped[str | None] = mapped_column(Text)
    trigger: Mapped[str | None] = mapped_column(String(80))
    # review
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    #: pending | accepted | rejected
    state: Mapped[str] = mapped_column(String(10), default="pending")
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"))
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitment.id", ondelete="SET NULL"))
    observation_id: Mapped[int | None] = mapped_column(ForeignKey("observation.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(120))
    extractor_version: Mapped[str] = mapped_column(String(32))

    report: Mapped[Report] = relationship(back_populates="mentions")
    observation: Mapped[Observation | None] = relationship(back_populates="mentions")


class MatchExample(Base):
    """A person's decision kept as a lesson: this unit phrase and context meant that indicator."""

    __tablename__ = "match_example"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("mention.id", ondelete="SET NULL"))
    unit: Mapped[str | None] = mapped_column(Text)
    context: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class AuditEvent(Base):
    """Who decided what, when, with the state before and after."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    #: editor | admin
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    #: raised when the person signs out, changes their password or is disabled: every session
    #: cookie carries the version it was made with, and an older one no longer signs anyone in
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: a disabled account cannot sign in and its tokens stop working; nothing it did is removed
    disabled_at: Mapped[datetime | None]


class SignInFailure(Base):
    """A failed sign-in, kept for the rate limit (per account name and per address)."""

    __tablename__ = "sign_in_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_sign_in_failure_name_at", "name", "at"),
        Index("ix_sign_in_failure_address_at", "address", "at"),
    )


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    #: sha256 of the token; the token itself is shown once
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    #: a revoked token is kept (the audit log names it) but no longer signs anyone in
    revoked_at: Mapped[datetime | None]


class Feed(Base):
    __tablename__ = "feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime]
    last_polled_at: Mapped[datetime | None]
    #: the worker's schedule (``chiso worker``): polled every ``poll_every`` seconds, next at
    #: ``next_poll_at`` (None: at once)
    poll_every: Mapped[int] = mapped_column(Integer, default=3600, server_default="3600")
    next_poll_at: Mapped[datetime | None]
    #: the lease of the worker polling it: no other takes the feed before ``locked_until``
    #: (a killed worker's lease runs out); ``locked_by`` is the job holding it (its retries too)
    locked_until: Mapped[datetime | None]
    locked_by: Mapped[str | None] = mapped_column(String(64))
    #: the worker's last poll of it: when it ended, what it found (machine words:
    #: ``new=2 items=10 not_modified=0 failed=0``) and why it failed, if it did
    last_run_at: Mapped[datetime | None]
    last_result: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItem(Base):
    __tablename__ = "feed_item"
    __table_args__ = (UniqueConstraint("feed_id", "guid", name="uq_feed_item_guid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feed.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime]
    #: the reason a fetch of this item failed, to retry or show
    error: Mapped[str | None] = mapped_column(Text)


class JobRun(Base):
    """A periodic job of the worker (``chiso worker``): when it is due next, and its last run."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    next_run_at: Mapped[datetime | None]
    last_run_at: Mapped[datetime | None]
    last_result: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    runs: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StoryBand(Base):
    """One band of a report's MinHash signature (``chiso.store.stories``): reports sharing a
    ``(band, hash)`` are candidates for one story, confirmed on their texts before grouping."""

    __tablename__ = "story_band"
    __table_args__ = (Index("ix_story_band_band_hash", "band", "hash", "report_id"),)

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)


class AlertSubscription(Base):
    """A person's wish to hear about an indicator, a commitment, a programme or an owner, by
    e-mail and/or webhook (migration 0008)."""

    __tablename__ = "alert_subscription"
    __table_args__ = (
        UniqueConstraint("user_id", "target_kind", "target_key", name="uq_alert_subscription_target"),
        Index("ix_alert_subscription_target", "target_kind", "target_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    #: indicator | commitment | programme | owner
    target_kind: Mapped[str] = mapped_column(String(12))
    #: an indicator's slug, a commitment's id, a programme's or an owner's slug
    target_key: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320))
    webhook_url: Mapped[str | None] = mapped_column(Text)
    webhook_secret: Mapped[str | None] = mapped_column(String(200))
    #: the language of the e-mails (vi | en)
    lang: Mapped[str] = mapped_column(String(8), default="vi")
    created_at: Mapped[datetime]


class AlertEvent(Base):
    """Something subscribers may hear about, recorded in the transaction of the change (the
    outbox's source). ``dedupe`` makes the periodic deadline scan idempotent."""

    __tablename__ = "alert_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    #: observation | conflict | cumulative_decrease | due_moved | due_soon | overdue | resolved
    kind: Mapped[str] = mapped_column(String(24))
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"))
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitment.id", ondelete="SET NULL"))
    dedupe: Mapped[str | None] = mapped_column(String(120), unique=True)
    #: language-free facts (slugs, ids, values, dates); words are chosen when it is sent
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AlertNotification(Base):
    """The outbox: one event to one subscription by one channel, until it is sent or given up."""

    __tablename__ = "alert_notification"
    __table_args__ = (Index("ix_alert_notification_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("alert_event.id", ondelete="CASCADE"), index=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("alert_subscription.id", ondelete="CASCADE"), index=True
    )
    #: email | webhook
    channel: Mapped[str] = mapped_column(String(8))
    #: pending | sent | failed (given up after the last attempt)
    state: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


#: migration 0007's search index: FTS5 tables (and their shadow tables) on SQLite, expression
#: indexes on PostgreSQL. No model describes them (Alembic cannot), so comparing the models with
#: the database leaves them out (:func:`not_search_index`).
SEARCH_INDEX_PREFIXES = ("report_search", "indicator_search", "commitment_search", "ix_report_search",
                         "ix_indicator_search", "ix_commitment_search")  # fmt: skip


def not_search_index(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's ``include_name``: everything but the search index."""
    return not (type_ in {"table", "index"} and name is not None and name.startswith(SEARCH_INDEX_PREFIXES))


__all__ = [
    "SEARCH_INDEX_PREFIXES",
    "AlertEvent",
    "AlertNotification",
    "AlertSubscription",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Commitment",
    "CommitmentEvent",
    "Feed",
    "FeedItem",
    "Indicator",
    "JobRun",
    "MatchExample",
    "Mention",
    "Observation",
    "PublisherLicence",
    "RawDocument",
    "Report",
    "StoryBand",
    "User",
    "not_search_index",
]
