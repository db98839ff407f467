"""The store the app calls: ``Store`` and the ``Turn`` it hands out. See ``persistence`` docs."""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy.engine import Connection

from . import crypto
from .backend import PgBackend, SqliteBackend, Tx, is_transient
from .crypto import Cipher
from .db import (
    DEFAULT_URL,
    describe,
    make_pg_engine,
    make_sqlite_engine,
    normalise_url,
    refuse_emptied,
    sqlite_path,
)
from .errors import DataKeyError, StoreError, StoreUnavailable, TurnError, reason
from .migrate import check_schema, seed_new_sqlite
from .queries import PROFILE_FIELDS, ROLES, Loaded, Queries
from .stats import CountRow, read_counts, week_of
from .writes import ConversationWrite, JobWrite, LogWrite, OutboxWrite, PlanWrite, TurnWrites

log = logging.getLogger("persistence")
T = TypeVar("T")

# The task that has a turn open (a task it starts inherits the value but is another task).
_in_turn: contextvars.ContextVar[Any] = contextvars.ContextVar("between_in_turn", default=None)
_CATEGORY = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,63}$")
_KEY_CHECK = "key_check"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class _Backoff:
    """Waits between attempts on transient errors: short at first (SQLite: milliseconds, another
    local writer is about to finish), doubling up to 2 s, until ``retry_for`` has passed."""

    __slots__ = ("_store", "_start", "_delay", "_warned")

    def __init__(self, store: Store) -> None:
        self._store = store
        self._start = asyncio.get_running_loop().time()
        self._delay = store._backend.first_retry_delay
        self._warned = False

    async def wait(self, e: BaseException, what: str) -> None:
        store = self._store
        now = asyncio.get_running_loop().time()
        if now + self._delay - self._start > store.retry_for:
            raise StoreUnavailable(
                f"the {store.where} did not answer for {store.retry_for:.0f}s ({reason(e)}); {what}"
            ) from e
        if not self._warned and now - self._start >= 1.0:
            self._warned = True
            log.warning(
                "database busy or unreachable for %.1fs (%s); still retrying",
                now - self._start,
                type(e).__name__,
            )
        else:
            log.debug(
                "database busy or unreachable (%s); retrying in %.3fs",
                type(e).__name__,
                self._delay,
            )
        await asyncio.sleep(self._delay)
        self._delay = min(self._delay * 2, 2.0)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A message to send. ``payload`` is the output's JSON as enqueued."""

    id: int
    user_key: str
    chat_id: str | None
    priority: int
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    leased_until: datetime | None = None  # our claim ends then (``Store.extend_lease`` keeps it)


@dataclass(frozen=True, slots=True)
class Job:
    """A due timer or reminder, leased to whoever claimed it."""

    id: int
    user_key: str
    kind: str
    due_at: datetime
    payload: dict[str, Any]


class Turn:
    """One update of one user, inside one transaction. Obtain it from ``Store.turn``.

    Reads (``profile``, ``conversation``) were loaded when the block began; writes are
    collected in ``writes`` and written together, with the update id, when the block ends
    without an exception. Do no network I/O inside the block: the user's lock is held until
    it ends (on PostgreSQL a pooled connection too).
    """

    __slots__ = (
        "user_key",
        "update_id",
        "duplicate",
        "profile",
        "conversation",
        "flow_id",
        "flow_version",
        "rev",
        "conversation_at",
        "writes",
        "outbox_ids",
        "outbox_items",
        "_payloads",
        "_store",
        "_tx",
        "_closed",
    )

    def __init__(
        self,
        store: Store,
        tx: Tx,
        user_key: str,
        update_id: int | None,
        loaded: Loaded,
        lease: float | None = None,
    ) -> None:
        self._store = store
        self._tx = tx
        self.user_key = user_key
        self.update_id = update_id
        self.duplicate = loaded.duplicate
        self.profile = loaded.profile
        self.conversation = loaded.conversation
        self.flow_id = loaded.flow_id
        self.flow_version = loaded.flow_version
        self.rev = loaded.rev
        self.conversation_at = loaded.conversation_at  # when the conversation last changed (UTC)
        # With a ``lease``, the turn's messages are born claimed by its caller (no claiming
        # transaction after the commit), unless older messages of the user still wait (they
        # must go first: then the messages are claimed in order, as usual).
        claim_until = (
            None if lease is None or loaded.waiting else store._now() + timedelta(seconds=lease)
        )
        self.writes = TurnWrites(
            user_key,
            update_id,
            loaded.user_id,
            loaded.user_rev,
            loaded.rev,
            loaded.flow_id is not None,
            loaded.seen_at,
            claim_until,
        )
        self.outbox_ids: list[int] = []  # filled when the turn commits, in the order enqueued
        self.outbox_items: list[OutboxItem] = []  # after the commit: claimed messages, to send
        # what each enqueued message's JSON was made from, when it was made here (to_json()):
        # nobody else holds it, so the claimed items after the commit need not parse it again
        self._payloads: list[dict[str, Any] | None] = []
        self._closed = False

    def _writable(self) -> TurnWrites:
        if self._closed:
            raise TurnError("this turn has ended; start a new `store.turn(...)`")
        if self.duplicate:
            raise TurnError(
                f"update {self.update_id} was already processed: a duplicate turn must do nothing"
            )
        return self.writes

    def _readable(self) -> bool:
        """Whether a read has anything to read (a duplicate turn reads nothing)."""
        if self._closed:
            raise TurnError("this turn has ended")
        return not self.duplicate

    # -- conversation ------------------------------------------------------------------------
    def set_conversation(self, state: dict[str, Any], flow_id: str, flow_version: str) -> None:
        """Save the engine's state (sealed), pinned to ``flow_version``."""
        w = self._writable()
        if not isinstance(state, dict):
            raise TypeError("conversation state must be a dict")
        w.conversation = ConversationWrite(_dumps(state), flow_id, flow_version)  # JSON now
        self.conversation = state
        self.flow_id = flow_id
        self.flow_version = flow_version

    # -- profile -------------------------------------------------------------------------------
    def update_profile(self, **fields: Any) -> None:
        """Change profile fields (``PROFILE_FIELDS``). ``consent=True`` stamps ``consent_at``."""
        w = self._writable()
        unknown = set(fields) - set(PROFILE_FIELDS)
        if unknown:
            raise TypeError(
                f"unknown profile field(s) {sorted(unknown)}; known: {', '.join(PROFILE_FIELDS)}"
            )
        if "role" in fields and fields["role"] not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        for flag in ("training_notes", "keep_transcript", "active"):
            if flag in fields:
                fields[flag] = bool(fields[flag])
        if "consent" in fields and fields["consent"] is not None:
            fields["consent"] = bool(fields["consent"])
            if "consent_at" not in fields:
                fields["consent_at"] = self._store._now()
        if fields.get("consent_at") is not None and fields["consent_at"].tzinfo is None:
            raise ValueError("consent_at must be an aware datetime")
        for f in ("reminders", "preferences"):
            if fields.get(f) is not None:
                _dumps(fields[f])
        w.profile.update(fields)
        self.profile.update(fields)

    # -- outbox --------------------------------------------------------------------------------
    def enqueue(
        self, payloads: Iterable[Any], *, priority: int = 0, chat_id: str | None = None
    ) -> None:
        """Queue messages (JSON dicts, or outputs with ``to_json()``), sent in this order.

        ``priority`` 0 is an interactive reply, 1 a reminder (sent after pending replies).
        """
        w = self._writable()
        if priority not in (0, 1):
            raise ValueError("priority must be 0 (reply) or 1 (reminder)")
        chat = None if chat_id is None else str(chat_id)
        for p in payloads:
            made_here = hasattr(p, "to_json")
            if made_here:
                p = p.to_json()
            if not isinstance(p, dict):
                raise TypeError("an outbox payload must be a dict (or have to_json())")
            w.outbox.append(OutboxWrite(_dumps(p), priority, chat))
            self._payloads.append(p if made_here else None)

    # -- jobs ----------------------------------------------------------------------------------
    def now(self) -> datetime:
        """The store's clock (UTC): what due times are measured against."""
        return self._store._now()

    def schedule(self, kind: str, due_at: datetime, payload: dict[str, Any] | None = None) -> None:
        """Fire a ``kind`` job at ``due_at`` (replacing this user's pending one of that kind)."""
        w = self._writable()
        if due_at.tzinfo is None:
            raise ValueError("due_at must be an aware datetime")
        if payload is not None:
            _dumps(payload)
        w.jobs.append(JobWrite("schedule", kind, due_at, payload))

    def cancel(self, kind: str) -> None:
        self._writable().jobs.append(JobWrite("cancel", kind))

    def complete_job(self, job_id: int) -> None:
        """This turn handles job ``job_id``: it is deleted on commit, and if another worker
        already did so the whole turn rolls back (``JobGone``) — a job fires once."""
        self._writable().jobs.append(JobWrite("complete", job_id=job_id))

    # -- plans ---------------------------------------------------------------------------------
    async def save_plan(
        self, substance: str, sections: dict[str, Any], *, amend: bool = False
    ) -> int:
        """Save a new version of the plan for ``substance``; returns its version (1, 2, ...).
        It is written with the rest of the turn.

        ``amend``: rewrite the newest version instead (saves of one sitting make one version).
        """
        w = self._writable()
        if not substance or not isinstance(substance, str):
            raise ValueError("a plan needs a substance")
        _dumps(sections)
        index = self._store._q.cipher.index
        ours = [p for p in w.plans if index(p.substance) == index(substance)]
        newest = (
            max(p.version for p in ours)
            if ours
            else await self._store._in_tx(
                self._tx, self._store._q.plan_version, w.user_id, substance
            )
        )
        now = self._store._now()
        if not amend or not newest:
            w.plans.append(PlanWrite(substance, dict(sections), newest + 1, now))
            return newest + 1
        pending = next((p for p in ours if p.version == newest), None)
        if pending is not None:  # saved earlier in this turn: that write carries the new text
            w.plans.remove(pending)
        w.plans.append(
            PlanWrite(substance, dict(sections), newest, now, pending.amend if pending else True)
        )
        return newest

    async def current_plan(self, substance: str | None = None) -> dict[str, Any] | None:
        """The newest plan for ``substance`` (or the newest of any), or None; one saved
        earlier in this turn counts."""
        if not self._readable():
            return None
        index = self._store._q.cipher.index
        for p in reversed(self.writes.plans):
            if substance is None or index(p.substance) == index(substance):
                return {
                    "substance": p.substance,
                    "version": p.version,
                    "sections": json.loads(_dumps(p.sections)),
                    "created_at": p.at,
                }
        if self.writes.user_id is None:
            return None
        return await self._store._in_tx(
            self._tx, self._store._q.current_plan, self.writes.user_id, substance
        )

    async def history(self, days: float) -> dict[str, Any]:
        """This user's urge-log and check-in entries of the last ``days`` days (see
        Store.history)."""
        if not self._readable() or self.writes.user_id is None:
            return {"urges": [], "checkins": []}
        since = self._store._now() - timedelta(days=days)
        return await self._store._in_tx(
            self._tx, self._store._q.history, None, since, self.writes.user_id
        )

    # -- logs ----------------------------------------------------------------------------------
    def log_urge(
        self, *, intensity: int | None = None, at: datetime | None = None, **details: Any
    ) -> None:
        """An urge-surfing entry: 0-10 intensity in the clear, everything else sealed."""
        w = self._writable()
        w.urges.append(
            LogWrite(
                at or self._store._now(), _score(intensity), _dumps(details) if details else None
            )
        )

    def log_checkin(
        self, *, score: int | None = None, at: datetime | None = None, **details: Any
    ) -> None:
        """A check-in: a 0-10 score in the clear, everything else sealed."""
        w = self._writable()
        w.checkins.append(
            LogWrite(at or self._store._now(), _score(score), _dumps(details) if details else None)
        )

    def safety_event(self, category: str) -> None:
        """Record that the safety screen fired: a category such as ``self_harm``, and the time."""
        w = self._writable()
        if not isinstance(category, str) or not _CATEGORY.match(category):
            raise ValueError("a safety category is a short lowercase code (never the message text)")
        w.safety.append((self._store._now(), category))

    def count_states(self, rows: Iterable[tuple[date, str, str, int, int]]) -> None:
        """Add to the drop-off counts (week, flow, state, entered, moved on): numbers only."""
        self._writable().counts.extend(rows)

    def append_transcript(self, role: str, text: str) -> bool:
        """Keep a chat line if the user opted in (``keep_transcript``); returns whether it was
        kept."""
        w = self._writable()
        if not self.profile.get("keep_transcript"):
            return False
        if role not in ("user", "bot", "note"):
            raise ValueError("transcript role must be 'user', 'bot' or 'note'")
        w.transcript.append((self._store._now(), role, str(text)))
        return True

    def committed(self, ids: list[int]) -> None:
        """After the commit: the new outbox ids, and the messages born claimed, to send now."""
        self._closed = True
        self.outbox_ids = ids
        claim_until = self.writes.claim_until
        if claim_until is not None:
            now = self._store._now()
            self.outbox_items = [
                OutboxItem(
                    id,
                    self.user_key,
                    o.chat_id,
                    o.priority,
                    json.loads(o.payload) if made is None else made,
                    0,
                    now,
                    claim_until,
                )
                for id, o, made in zip(ids, self.writes.outbox, self._payloads, strict=True)
            ]


def _score(value: int | None) -> int | None:
    if value is None:
        return None
    value = int(value)
    if not 0 <= value <= 10:
        raise ValueError("scores and intensities are 0-10")
    return value


class _TurnContext:
    __slots__ = ("_store", "_user_key", "_update_id", "_turn", "_token", "_relaxed", "_lease")

    def __init__(
        self,
        store: Store,
        user_key: str,
        update_id: int | None,
        relaxed: bool = False,
        lease: float | None = None,
    ) -> None:
        self._store = store
        self._user_key = user_key
        self._update_id = update_id
        self._relaxed = relaxed
        self._lease = lease
        self._turn: Turn | None = None
        self._token: contextvars.Token[Any] | None = None

    async def __aenter__(self) -> Turn:
        store = self._store
        store._outside_turn("store.turn")
        if not isinstance(self._user_key, str) or not self._user_key:
            raise ValueError("user_key must be a non-empty string such as 'tg:12345'")
        backoff: _Backoff | None = None
        while True:
            tx: Tx | None = None
            try:
                tx = await store._backend.begin(self._user_key, self._relaxed)
                loaded = await tx.load(store._q, self._user_key, self._update_id)
                break
            except Exception as e:
                if tx is not None:
                    await _quiet_rollback(tx)
                if isinstance(e, StoreError) or not is_transient(e):
                    raise
                backoff = backoff or _Backoff(store)
                await backoff.wait(e, "the update was not processed")
        self._turn = Turn(store, tx, self._user_key, self._update_id, loaded, self._lease)
        self._token = _in_turn.set(asyncio.current_task())
        return self._turn

    async def __aexit__(
        self, et: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        t = self._turn
        assert t is not None and self._token is not None
        _in_turn.reset(self._token)
        try:
            if et is not None or t.duplicate:
                await _quiet_rollback(t._tx)
                return False
            try:
                ids = await t._tx.commit_turn(self._store._q, t.writes)
            except Exception as e:
                if not isinstance(e, StoreError) and is_transient(e):
                    raise StoreUnavailable(
                        f"the {self._store.where} failed while saving the turn ({reason(e)}); "
                        f"it was rolled back (if the failure hit COMMIT itself, it may have "
                        f"landed: the update id makes a retry safe)"
                    ) from e
                raise
            t.committed(ids)
            return False
        finally:
            t._closed = True


def _key_path(path: Path, key_file_dir: Any) -> Path:
    """Where a SQLite database's key file is: beside it, or in ``key_file_dir``."""
    return Path(key_file_dir or path.parent) / (path.name + ".key")


async def _quiet_rollback(tx: Tx) -> None:
    try:
        await tx.rollback()
    except Exception as e:  # the connection is gone: the server rolls back by itself
        log.warning("rollback failed (%s)", type(e).__name__)


class Store:
    """Durable conversations, outbox, plans and logs. Open with ``await Store.open(url)``."""

    def __init__(
        self,
        backend: Any,
        queries: Queries,
        where: str,
        *,
        retry_for: float,
        clock: Callable[[], datetime],
    ) -> None:
        self._backend = backend
        self._q = queries
        self.where = where
        self.dialect: str = backend.name
        self.retry_for = retry_for
        self._now = clock
        self._closed = False

    def now(self) -> datetime:
        """The store's clock (UTC): what turns, jobs and leases are timed by."""
        return self._now()

    @property
    def retry_for(self) -> float:
        """Seconds a transient failure (a busy or unreachable database) is retried."""
        return self._retry_for

    @retry_for.setter
    def retry_for(self, seconds: float) -> None:
        self._retry_for = seconds
        if isinstance(self._backend, SqliteBackend):
            self._backend.retry_for = seconds

    # -- lifecycle -------------------------------------------------------------------------------
    @classmethod
    async def open(
        cls,
        url: str | None = None,
        data_key: str | None = None,
        key_file_dir: str | Path | None = None,
        *,
        sqlite_synchronous: str = "FULL",
        busy_timeout: float = 5.0,
        retry_for: float = 10.0,
        pool_size: int = 5,
        clock: Callable[[], datetime] | None = None,
    ) -> Store:
        """Open the store at ``url`` (default ``sqlite+aiosqlite:///between.db``).

        SQLite: the schema is migrated automatically; with no ``data_key`` a key file
        ``<database file>.key`` (mode 0600) beside the database, or in ``key_file_dir``, is used
        or created. PostgreSQL: the schema must be current (``between db upgrade``) and
        ``data_key`` is required. Raises ``StoreUnavailable``, ``SchemaError``, ``DataKeyError``.
        """
        u = normalise_url(url or DEFAULT_URL)
        where = describe(u)
        given_key = crypto.parse_key(data_key) if data_key else None  # malformed: fail first
        clock = clock or _utcnow
        sqlite = u.get_backend_name() == "sqlite"
        if sqlite:
            path = sqlite_path(u)
            if path is not None and not path.parent.is_dir():
                raise StoreUnavailable(
                    f"cannot open the {where}: the directory {path.parent} does not exist",
                    transient=False,
                )
            if path is not None:
                refuse_emptied(path, _key_path(path, key_file_dir), where)
                if not path.exists():
                    seed_new_sqlite(path)
            engine = make_sqlite_engine(
                u, synchronous=sqlite_synchronous, busy_timeout=busy_timeout
            )
            backend: Any = SqliteBackend(engine, sqlite_synchronous, retry_for, where)
        else:
            path = None
            if not data_key:
                raise DataKeyError(
                    f"{crypto.KEY_ENV} is not set. With PostgreSQL the data key must be given "
                    f"(it encrypts what clients write); make one with: python -m persistence.keygen"
                )
            pg_engine = make_pg_engine(u, pool_size=pool_size, pool_timeout=retry_for)
            backend = PgBackend(pg_engine, where)

        # a migration that seals stored data needs the key (the key file is only created after)
        migration_key = given_key
        key_file = _key_path(path, key_file_dir) if sqlite and path is not None else None
        if given_key is None and key_file is not None and key_file.exists():
            migration_key = crypto.read_key_file(key_file)

        def setup(conn: Connection) -> bytes | None:
            check_schema(conn, where, sqlite_auto=sqlite, data_key=migration_key)
            check = Queries.read_meta(conn, _KEY_CHECK)
            conn.commit()
            return check

        try:
            try:
                check = await backend.start(setup)
            except StoreError:
                raise
            except Exception as e:
                verb = "open" if sqlite else "reach"
                raise StoreUnavailable(
                    f"cannot {verb} the {where}: {reason(e)}", transient=is_transient(e)
                ) from e
            key = given_key or cls._resolve_key(
                sqlite, path, key_file_dir, check is not None, where
            )
            cipher = Cipher(key)
            queries = Queries(cipher, clock, backend.dialect)
            if check is None:
                check = await backend.run(Queries.write_meta_once, _KEY_CHECK, cipher.check_value())
            cipher.verify_check_value(check)
            await backend.ready()
        except BaseException:
            try:
                await backend.close()
            except Exception:
                pass
            raise
        log.info("store open: %s", where)
        return cls(backend, queries, where, retry_for=retry_for, clock=clock)

    @staticmethod
    def _resolve_key(
        sqlite: bool, path: Path | None, key_file_dir: Any, has_check: bool, where: str
    ) -> bytes:
        if not sqlite:  # pragma: no cover - refused earlier
            raise DataKeyError(f"{crypto.KEY_ENV} is not set")
        if path is None:
            log.info("in-memory database: using a throw-away data key")
            return crypto.parse_key(crypto.generate_key())
        key_path = _key_path(path, key_file_dir)
        if key_path.exists():
            return crypto.read_key_file(key_path)
        if has_check:
            raise DataKeyError(
                f"the {where} was written with a data key, but {crypto.KEY_ENV} is not set and the "
                f"key file {key_path} does not exist. Set {crypto.KEY_ENV} or restore the key file."
            )
        key = crypto.create_key_file(key_path)
        log.warning(
            "generated a new data key for the %s and saved it in %s (mode 0600). Back it up: "
            "without it nothing clients wrote can be read. Or set %s instead.",
            where,
            key_path,
            crypto.KEY_ENV,
        )
        return key

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._backend.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    # -- turns ---------------------------------------------------------------------------------
    def turn(
        self,
        user_key: str,
        update_id: int | None = None,
        *,
        relaxed: bool = False,
        lease: float | None = None,
    ) -> _TurnContext:
        """``async with store.turn(user_key, update_id) as t:`` — one update, one transaction.

        ``relaxed``: its commit need not reach the disk, only the operating system (or the
        database server): for turns that hold nothing a client wrote and that are done again
        if lost (a reminder: its job is deleted in the same transaction).

        ``lease``: seconds the turn's messages are leased to the caller, which sends them right
        after the commit (``t.outbox_items``); None: they wait to be claimed (outbox_pending)."""
        if self._closed:
            raise StoreError("the store is closed")
        return _TurnContext(self, user_key, update_id, relaxed, lease)

    async def _in_tx(self, tx: Tx, fn: Callable[..., T], *args: Any) -> T:
        try:
            return await tx.run(fn, *args)
        except Exception as e:
            if not isinstance(e, StoreError) and is_transient(e):
                raise StoreUnavailable(
                    f"the {self.where} failed during the turn ({reason(e)})"
                ) from e
            raise

    def _outside_turn(self, what: str) -> None:
        if self._closed:
            raise StoreError("the store is closed")
        task = _in_turn.get()
        if task is not None and task is asyncio.current_task():
            raise TurnError(
                f"{what} cannot be called inside a `store.turn()` block; use the turn's methods"
            )

    async def _run(
        self, fn: Callable[..., T], *args: Any, write: bool = True, relaxed: bool = False
    ) -> T:
        """One whole transaction outside turns, retried on transient errors. ``relaxed``: its
        commit need not reach the disk, only the operating system (or the database server)."""
        return await self._retried(
            getattr(fn, "__name__", "this"),
            lambda: self._backend.run(fn, *args, write=write, relaxed=relaxed),
        )

    async def _retried(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """``await call()`` (one whole transaction outside turns), again on transient errors."""
        self._outside_turn(what)
        backoff: _Backoff | None = None
        while True:
            try:
                return await call()
            except Exception as e:
                if isinstance(e, StoreError) or not is_transient(e):
                    raise
                backoff = backoff or _Backoff(self)
                await backoff.wait(e, "nothing was changed")

    # -- outbox ----------------------------------------------------------------------------------
    async def outbox_pending(
        self, limit: int = 100, *, lease: float = 60.0, user_key: str | None = None
    ) -> list[OutboxItem]:
        """Messages to send now, in sending order, claimed for ``lease`` seconds.

        Oldest first, interactive replies (priority 0) before reminders (1), a user's messages
        strictly in the order they were queued. A returned message is not returned again until
        its lease ends (so several senders never send it twice), unless ``mark_failed`` sets
        another time. Messages of inactive users are left out. ``user_key`` claims only that
        user's messages (the terminal chat, on opening).
        """
        until = self._now() + timedelta(seconds=lease) if lease > 0 else None
        rows = await self._run(self._q.claim_outbox, limit, lease, user_key, until)
        return [
            OutboxItem(
                r.id,
                r.user_key,
                r.chat_id,
                r.priority,
                self._q.open_outbox(r),
                r.attempts,
                r.created_at,
                until,
            )
            for r in rows
        ]

    async def extend_lease(self, items: list[OutboxItem], lease: float) -> list[OutboxItem]:
        """Keep claimed messages that are still being worked on: those of ``items`` still ours
        (no other sender claimed them after our lease ran out, none was sent or rescheduled) are
        leased ``lease`` seconds from now and returned with their new lease; do not send the
        others. The lease's end is the claim's token: another claim sets a later one."""
        if not items:
            return []
        until = self._now() + timedelta(seconds=lease)
        held: dict[datetime | None, list[int]] = {}
        for item in items:
            held.setdefault(item.leased_until, []).append(item.id)
        kept = set(await self._run(self._q.extend_lease, held, until, relaxed=True))
        return [replace(item, leased_until=until) for item in items if item.id in kept]

    async def due_jobs(
        self,
        limit: int = 100,
        *,
        lease: float = 60.0,
        user_key: str | None = None,
        first: str | None = None,
        kind: str | None = None,
        after_sent: str | None = None,
    ) -> list[Job]:
        """Jobs due now, claimed for ``lease`` seconds; handle each in a turn that calls
        ``t.complete_job(job.id)``. ``user_key`` claims only that user's (the terminal chat);
        jobs of kind ``first`` come before the others, however late those are; ``kind``: only
        jobs of that kind; jobs of kind ``after_sent`` wait while their user has messages in the
        outbox (a timed step counts from when its announcement went: ``start_wait``)."""
        rows = await self._run(
            self._q.claim_jobs, limit, lease, self._now(), user_key, first, kind, after_sent
        )
        return [
            Job(
                r.id,
                r.user_key,
                r.kind,
                self._q.hot.ts_out(r.due_at),
                (json.loads(r.payload) if isinstance(r.payload, str) else r.payload) or {},
            )
            for r in rows
        ]

    async def next_job_at(self) -> datetime | None:
        """When the earliest job is due (to sleep until then), or None."""
        value = await self._run(self._q.next_job_at, write=False)
        return self._q.hot.ts_out(value) if value is not None else None

    async def mark_sent(self, ids: Iterable[int]) -> int:
        """Forget sent messages (they are deleted). The deletion survives a crash of this process
        but not necessarily a power cut (the commit skips the disk flush): then a message is sent
        again when its lease ends, at worst twice, never lost. A turn's own commit is flushed."""
        ids = list(ids)
        if not ids:
            return 0
        backend = self._backend  # (PostgreSQL: one round trip; SQLite: on the driver, inline)
        return await self._retried("mark_sent", lambda: backend.mark_sent(ids))

    async def mark_failed(self, id: int, retry_at: datetime | None) -> None:
        """Try message ``id`` again at ``retry_at`` (later messages of the user wait for it), or
        drop it for good with ``retry_at=None``."""
        if retry_at is None:
            log.warning("dropping outbox message %d after a permanent failure", id)
        await self._run(self._q.mark_failed, id, retry_at)

    async def set_active(self, user_key: str, active: bool) -> int:
        """Mark a user reachable or not (blocked the bot). Going inactive drops their pending
        messages; returns how many were dropped."""
        return await self._run(self._q.set_active, user_key, bool(active))

    # -- flow versions ---------------------------------------------------------------------------
    async def ensure_flow_version(self, hash: str, sources: dict[str, str]) -> bool:
        """Keep a loaded flow set (file path -> text) under its hash; True if it was new."""
        return await self._run(self._q.ensure_flow_version, hash, dict(sources))

    async def load_flow_version(self, hash: str) -> dict[str, str] | None:
        return await self._run(self._q.load_flow_version, hash, write=False)

    async def state_counts(self, weeks: int | None = None) -> list[CountRow]:
        """The drop-off counts (persistence/stats.py) of the last ``weeks`` ISO weeks, or all."""
        since = week_of(self._now()) - timedelta(weeks=weeks - 1) if weeks else None
        return await self._run(read_counts, since, write=False)

    async def stats(self, days: int = 7) -> dict[str, int]:
        """Counts for staff (never anything a client wrote): users, conversations per flow,
        crisis screens per category in the last ``days`` days, messages waiting to be sent."""
        return await self._run(self._q.stats, days, write=False)

    async def history(self, user_key: str, days: float) -> dict[str, Any]:
        """A user's entries of the last ``days`` days, oldest first, decrypted:
        ``{"urges": [{"at", "intensity", "details"}], "checkins": [{"at", "score", "details"}]}``
        (empty lists for an unknown user)."""
        since = self._now() - timedelta(days=days)
        return await self._run(self._q.history, user_key, since, write=False)

    # -- data rights -----------------------------------------------------------------------------
    async def export_user(self, user_key: str) -> dict[str, Any] | None:
        """Everything stored about a user, decrypted, as JSON-ready data (None if unknown)."""
        data = await self._run(self._q.export_user, user_key, write=False)
        return None if data is None else _jsonable(data)

    async def delete_user(self, user_key: str) -> dict[str, int]:
        """Delete every row of the user in every table; returns rows deleted per table."""
        self._outside_turn("delete_user")
        tx = await self._backend.begin(user_key)  # waits for a turn of this user in flight
        try:
            counts: dict[str, int] = {}

            def go(conn: Connection) -> None:
                counts.update(self._q.delete_user(conn, user_key))

            await tx.commit(go)
        except BaseException:
            await _quiet_rollback(tx)
            raise
        if counts.get("users"):
            log.info("deleted a user's data (%d rows)", sum(counts.values()))
        return counts

    async def start_wait(self, item_id: int, kind: str, seconds: float) -> bool:
        """Outbox item ``item_id`` is a timed step's wait, reached once the messages before it
        were sent: in one transaction it goes and its user's ``kind`` job becomes due ``seconds``
        from now (claimed with ``due_jobs(after_sent=kind)``, the job waits for its user's
        messages, so a late announcement moves the step too). False if the item was gone."""
        return await self._run(self._q.start_wait, item_id, kind, seconds)

    async def erase_user(self, user_key: str, job_id: int) -> dict[str, int]:
        """Carry out erase job ``job_id`` (queued by a /delete turn, kind ``ERASE_JOB``): in ONE
        transaction every row of the user in every table goes, but for that job and a blank
        users row, which hold nothing of theirs; returns rows deleted per table. Send the
        goodbye after it, then call ``forget_user``. Raises JobGone when the job is gone (done
        before). After a crash the job is due again and this runs again."""
        self._outside_turn("erase_user")
        tx = await self._backend.begin(user_key)  # waits for a turn of this user in flight
        counts: dict[str, int] = {}
        try:

            def go(conn: Connection) -> None:
                counts.update(self._q.erase_user(conn, user_key, job_id))

            await tx.commit(go)
        except BaseException:
            await _quiet_rollback(tx)
            raise
        log.info("erased a user's data (%d rows)", sum(counts.values()))
        return counts

    async def forget_user(self, user_key: str, job_id: int) -> bool:
        """The goodbye after ``erase_user`` went: the erase job and the blank users row go too
        (the row stays if the user has written again meanwhile). True if it went."""
        return await self._run(self._q.forget_user, user_key, job_id)

    async def purge_stale(self, days: float | None, *, updates_days: float = 3.0) -> int:
        """Retention: delete conversations untouched for ``days`` (None: keep them), forget
        processed update ids older than ``updates_days``, and prune the flow versions no
        conversation uses once the newest is a day old (``Queries.prune_superseded``).
        Returns conversations deleted."""
        return await self._run(self._q.purge_stale, days, updates_days)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
