"""A PostgreSQL turn in two round trips.

1. **Lock and load**, one prepared statement outside any transaction: ``pg_try_advisory_lock``
   on the user's lock id (a session lock, held past the statement), the user and their
   conversation, whether the update id was handled, and a few outbox ids taken from the
   sequence while the lock is held (so one user's messages keep their order across workers).
   When another worker holds the user's lock, the turn waits for it (``pg_advisory_lock``) and
   loads again: two more round trips, only then.
2. **Write, commit, unlock**, one simple-query message: ``BEGIN``; the version check (the
   load's snapshot is taken at the start of its statement, a moment before the lock, so it
   may miss a commit of the previous holder: ``users.rev`` must still be what was loaded,
   else the statement divides by zero and nothing is written, ``TurnConflict``); the update
   id, the conversation and the outbox rows; ``COMMIT``; ``pg_advisory_unlock``. A simple
   query carries no parameters, so the values are written as literals here: integers,
   timestamps and sealed bytes (hex) can hold no quote, and the few short strings (flow id,
   version, chat id) are quoted as PostgreSQL's ``quote_literal`` does, which is exact while
   ``standard_conforming_strings`` is on (checked at start; off: every turn takes the
   ordinary path).

A turn that writes anything else (profile, plans, logs, jobs, a new user, more messages than
ids taken) commits the ordinary way: ``BEGIN``, the store's SQL, ``COMMIT`` and unlock.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .crypto import Cipher, aad
from .queries import SEEN_EVERY, Hot
from .writes import ConversationWrite, TurnWrites

IDS_PER_TURN = 4  # outbox ids a load takes (a reply is one to three messages)


def renumber(sql: str, shift: int, count: int) -> str:
    """``$1``..``$count`` of ``sql`` as ``$(1+shift)``..: to nest it in a larger statement."""
    for n in range(count, 0, -1):
        sql = sql.replace(f"${n}::", f"${n + shift}::")
    return sql


class PgTurnSql:
    """The two statements of a turn, for one schema."""

    def __init__(self, hot: Hot) -> None:
        load = renumber(hot.load.sql, 1, len(hot.load.keys))
        self.load_keys = hot.load.keys
        ids = (
            f"(SELECT array_agg(nextval(pg_get_serial_sequence('outbox', 'id'))) "
            f"FROM generate_series(1, {IDS_PER_TURN}))"
        )
        handled = "EXISTS (SELECT 1 FROM processed_updates WHERE update_id = $2::BIGINT)"
        body = f"FROM (SELECT 1) AS one LEFT JOIN LATERAL ({load}) AS l ON true"
        # the lock is the statement's first column: taken before the row is read out
        self.lock_and_load = (
            f"SELECT pg_try_advisory_lock($1::BIGINT), {handled}, {ids}, l.* {body}"
        )
        self.load = f"SELECT $1::BIGINT IS NOT NULL, {handled}, {ids}, l.* {body}"

    def args(self, lock: int, user_key: str, update_id: int | None) -> list[Any]:
        params = {"key": user_key, "uid": update_id}
        return [lock, *(params[k] for k in self.load_keys)]


def literal(value: Any) -> str:
    """A value as SQL text for a simple query (see the module docstring)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("timestamps are aware")
        return f"'{value.isoformat()}'::timestamptz"
    if isinstance(value, date):
        return f"'{value.isoformat()}'::date"
    if isinstance(value, bytes):
        return f"'\\x{value.hex()}'::bytea"
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("a NUL character cannot be stored")
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for {type(value).__name__}")


def fits(w: TurnWrites, ids: list[int]) -> bool:
    """Whether the turn's writes can go in the two-round-trip script."""
    return (
        w.user_id is not None
        and not w.profile
        and not w.jobs
        and not w.plans
        and not w.urges
        and not w.checkins
        and not w.safety
        and not w.transcript
        and len(w.outbox) <= len(ids)
    )


def script(
    cipher: Cipher, w: TurnWrites, now: datetime, lock: int, ids: list[int], relaxed: bool
) -> str:
    """BEGIN; the version check; the turn's writes; COMMIT; unlock (``fits(w, ids)``)."""
    uid = w.user_id
    assert uid is not None
    u, n = literal(uid), literal(now)
    parts = ["BEGIN"]
    if relaxed:  # its commit does not wait for the server's disk
        parts.append("SET LOCAL synchronous_commit = off")
    seen = f", seen_at = {n}" if now - w.seen_at >= SEEN_EVERY else ""
    parts.append(
        f"WITH v AS (UPDATE users SET rev = rev + 1{seen} WHERE id = {u} "
        f"AND rev = {literal(w.user_rev)} RETURNING 1) "
        "SELECT 1 / (SELECT count(*)::int FROM v)"
    )
    if w.update_id is not None:
        parts.append(
            "INSERT INTO processed_updates (update_id, user_id, at) "
            f"VALUES ({literal(w.update_id)}, {u}, {n})"
        )
    op = w.conversation
    if isinstance(op, ConversationWrite):
        state = literal(cipher.seal(op.state, aad("conversation", uid)))
        f, v, r = literal(op.flow_id), literal(op.flow_version), literal(w.conversation_rev + 1)
        if w.had_conversation:
            parts.append(
                f"UPDATE conversations SET flow_id = {f}, flow_version = {v}, "
                f"state = {state}, rev = {r}, updated_at = {n} WHERE user_id = {u}"
            )
        else:
            parts.append(
                "INSERT INTO conversations (user_id, flow_id, flow_version, state, rev, "
                f"updated_at) VALUES ({u}, {f}, {v}, {state}, {r}, {n})"
            )
    if w.outbox:
        a = aad("outbox", uid)
        leased = literal(w.claim_until)
        rows = ", ".join(
            f"({literal(id)}, {u}, {literal(o.chat_id)}, {literal(o.priority)}, "
            f"{literal(cipher.seal(o.payload, a))}, {n}, 0, {leased})"
            for id, o in zip(ids, w.outbox, strict=False)
        )
        parts.append(
            "INSERT INTO outbox (id, user_id, chat_id, priority, payload, created_at, "
            f"attempts, retry_at) VALUES {rows}"
        )
    if w.counts:  # drop-off counts (persistence/stats.py), sorted: locked in one order
        rows = ", ".join(f"({', '.join(literal(v) for v in row)})" for row in w.counts)
        parts.append(
            "INSERT INTO state_counts (week, flow_id, state_id, entered, moved_on) "
            f"VALUES {rows} ON CONFLICT (week, flow_id, state_id) DO UPDATE SET "
            "entered = state_counts.entered + excluded.entered, "
            "moved_on = state_counts.moved_on + excluded.moved_on"
        )
    parts += ["COMMIT", f"SELECT pg_advisory_unlock({literal(lock)})"]
    return ";\n".join(parts)
