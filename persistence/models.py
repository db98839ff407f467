"""Typed SQLAlchemy 2 models: the tables of the store.

Indexes are few on purpose: every index is one more B-tree written by every turn. The tables a
turn writes (conversations, processed_updates) have only their primary keys; the rare
maintenance queries (retention purge, flow version prune, deleting a user) scan them instead.
The outbox has two more: (user_id, id), as every turn asks whether older messages of its user
are still waiting (if not, it sends its own at once, without claiming them in a transaction),
and (priority, id), so the sender finds whom to serve next without reading the whole outbox.

Every table that holds something of a user has a ``user_id`` column referencing ``users.id``
with ``ON DELETE CASCADE`` (the store also deletes explicitly, to count). Columns holding what a
client typed are ``LargeBinary`` and sealed by ``persistence.crypto`` (never plain text).
Timestamps are UTC. The schema is created by the Alembic migrations in
``persistence/migrations``; these models must match them (a test compares them).
``ConversationRow`` and ``JobRow`` are rows: the engine's ``Conversation`` and the store's
``Job`` are what the code passes around.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only makes INTEGER PRIMARY KEY an auto-incrementing rowid.
Id = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _user_fk() -> Any:
    return mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


class Meta(Base):
    """Store-wide facts: the data key's check value and id."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('client', 'trainee')", name="role"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_key: Mapped[str] = mapped_column(String(128), unique=True)  # "tg:12345", "cli:alice"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent: Mapped[bool | None] = mapped_column(Boolean)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locale: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default="client")
    training_notes: Mapped[bool] = mapped_column(Boolean, default=False)
    keep_transcript: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    reminders: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # settings only, no client text
    preferences: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # e.g. ratings; no client text
    # raised by every SQLite turn: a turn commits only if it is still what the turn loaded
    rev: Mapped[int] = mapped_column(Integer, server_default="0", default=0)


class FlowVersion(Base):
    """One loaded flow set, by content hash; ``sources`` is zlib-compressed JSON {path: text}."""

    __tablename__ = "flow_versions"
    hash: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sources: Mapped[bytes] = mapped_column(LargeBinary)


class ConversationRow(Base):
    """The one live conversation of a user; ``state`` is the engine's JSON, sealed."""

    __tablename__ = "conversations"
    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    flow_id: Mapped[str] = mapped_column(String(64))
    flow_version: Mapped[str] = mapped_column(String(128))
    state: Mapped[bytes] = mapped_column(LargeBinary)
    rev: Mapped[int] = mapped_column(Integer)  # row version, +1 on every save
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcessedUpdate(Base):
    """Update ids already handled (dedup), written in the turn's transaction."""

    __tablename__ = "processed_updates"
    # On SQLite an INTEGER PRIMARY KEY is the rowid itself: one B-tree to write per turn.
    update_id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = _user_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """A message waiting to be sent; ``payload`` is the output's JSON, sealed. Sent rows are
    deleted."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_user_id", "user_id", "id"),
        Index("ix_outbox_priority", "priority", "id"),
        {"sqlite_autoincrement": True},  # never reuse an id a sender may still hold
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    chat_id: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Plan(Base):
    """Optimal Use Plans, one row per saved version. ``substance_ix`` is a keyed hash for lookup."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint(
            "user_id", "substance_ix", "version", name="uq_plans_user_substance_version"
        ),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    substance_ix: Mapped[bytes] = mapped_column(LargeBinary(16))
    substance: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)
    sections: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UrgeLog(Base):
    __tablename__ = "urge_log"
    __table_args__ = (Index("ix_urge_log_user_id", "user_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    intensity: Mapped[int | None] = mapped_column(SmallInteger)
    details: Mapped[bytes | None] = mapped_column(LargeBinary)


class Checkin(Base):
    __tablename__ = "checkins"
    __table_args__ = (Index("ix_checkins_user_id", "user_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(SmallInteger)
    details: Mapped[bytes | None] = mapped_column(LargeBinary)


class SafetyEvent(Base):
    """That the safety screen fired: the category (sealed: it says what the client disclosed)
    and the time, never the text."""

    __tablename__ = "safety_events"
    __table_args__ = (Index("ix_safety_events_user_id", "user_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    category: Mapped[bytes] = mapped_column(LargeBinary)


class TranscriptLine(Base):
    """Chat lines kept only for users who opted in (``users.keep_transcript``)."""

    __tablename__ = "transcripts"
    __table_args__ = (Index("ix_transcripts_user_id", "user_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[bytes] = mapped_column(LargeBinary)


class JobRow(Base):
    """A timer or reminder, fired once: a timed flow step, a check-in. One per user and kind.

    ``payload`` holds only what the bot needs to act (a conversation revision), never client
    text. ``claimed_until`` is the lease of the worker that took it; the turn that handles the
    job deletes it, so a second worker finds it gone.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", name="uq_jobs_user_id"),
        Index("ix_jobs_due_at", "due_at"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = _user_fk()
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StateCount(Base):
    """Where clients drop off: per ISO week (its Monday), flow and state, how many times the
    state was entered and how many of those went on from it. Counts only, of nobody in
    particular (persistence/stats.py)."""

    __tablename__ = "state_counts"
    week: Mapped[date] = mapped_column(Date, primary_key=True)
    flow_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entered: Mapped[int] = mapped_column(Integer, default=0)
    moved_on: Mapped[int] = mapped_column(Integer, default=0)


# Tables without a user_id column: nothing personal in them.
GLOBAL_TABLES = frozenset({"meta", "flow_versions", "state_counts"})
# Per-user tables in the order they are deleted (children first, users last).
USER_TABLES = (
    "jobs",
    "processed_updates",
    "outbox",
    "conversations",
    "plans",
    "urge_log",
    "checkins",
    "safety_events",
    "transcripts",
)
