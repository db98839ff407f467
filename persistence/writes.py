"""What a turn collected to write: the typed seam between ``Turn`` (store.py) and its SQL
(``Queries.flush``). A turn fills it while its block runs; the flush writes it in one
transaction (on SQLite, in its own savepoint of a group commit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class ConversationWrite:
    state: bytes  # the engine's state as JSON, sealed at the flush
    flow_id: str
    flow_version: str


@dataclass(frozen=True, slots=True)
class OutboxWrite:
    payload: bytes  # JSON, sealed at the flush
    priority: int
    chat_id: str | None


@dataclass(frozen=True, slots=True)
class LogWrite:
    """An urge-log or check-in entry: a 0-10 value in the clear, details (JSON) sealed."""

    at: datetime
    value: int | None
    details: bytes | None


@dataclass(frozen=True, slots=True)
class PlanWrite:
    """A plan version; ``amend``: it rewrites the stored ``version`` (the same sitting)."""

    substance: str
    sections: dict[str, Any]
    version: int
    at: datetime
    amend: bool = False


@dataclass(frozen=True, slots=True)
class JobWrite:
    """``schedule`` (kind, due_at, payload), ``cancel`` (kind) or ``complete`` (job_id)."""

    op: Literal["schedule", "cancel", "complete"]
    kind: str = ""
    due_at: datetime | None = None
    payload: dict[str, Any] | None = None
    job_id: int = 0


@dataclass(slots=True)
class TurnWrites:
    """One turn's writes, and what the load found that the flush must check against."""

    user_key: str
    update_id: int | None
    user_id: int | None  # None: a new user, inserted by the flush
    user_rev: int  # users.rev when loaded: the flush commits only if it is unchanged (SQLite)
    conversation_rev: int
    had_conversation: bool
    seen_at: datetime
    claim_until: datetime | None  # the turn's messages are born leased until then
    profile: dict[str, Any] = field(default_factory=dict)
    conversation: ConversationWrite | None = None
    outbox: list[OutboxWrite] = field(default_factory=list)
    jobs: list[JobWrite] = field(default_factory=list)
    plans: list[PlanWrite] = field(default_factory=list)
    urges: list[LogWrite] = field(default_factory=list)
    checkins: list[LogWrite] = field(default_factory=list)
    safety: list[tuple[datetime, str]] = field(default_factory=list)
    transcript: list[tuple[datetime, str, str]] = field(default_factory=list)
    # drop-off counts (persistence/stats.py): (week, flow, state, entered, moved on)
    counts: list[tuple[date, str, str, int, int]] = field(default_factory=list)
