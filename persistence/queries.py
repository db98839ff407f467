"""The store's SQL, written once as functions over a synchronous ``Connection``.

Backends run these in a transaction (``persistence.backend``). Nothing here logs client text;
everything a client typed is sealed with the store's ``Cipher`` before it reaches SQL.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.schema import Table
from sqlalchemy.sql.elements import ColumnElement

from . import models as m
from .compiled import Compiled, cursor
from .crypto import Cipher, aad
from .errors import JobGone, TurnConflict
from .stats import add_counts
from .writes import ConversationWrite, JobWrite, PlanWrite, TurnWrites


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


users = _table(m.User)
convs = _table(m.ConversationRow)
processed = _table(m.ProcessedUpdate)
outbox = _table(m.OutboxMessage)
plans = _table(m.Plan)
urges = _table(m.UrgeLog)
checkins = _table(m.Checkin)
safety = _table(m.SafetyEvent)
transcripts = _table(m.TranscriptLine)
flows = _table(m.FlowVersion)
jobs = _table(m.JobRow)
meta = _table(m.Meta)

log = logging.getLogger("persistence")

PROFILE_FIELDS = (
    "consent",
    "consent_at",
    "locale",
    "country",
    "timezone",
    "role",
    "training_notes",
    "keep_transcript",
    "active",
    "reminders",
    "preferences",
)
ROLES = ("client", "trainee")
FLOW_GRACE = timedelta(days=1)  # older flow versions stay this long after a newer one came
SEEN_EVERY = timedelta(hours=1)  # users.seen_at is refreshed at most this often
ERASE_JOB = "erase"  # a /delete that committed: carried out by Store.erase_user, even if blocked
# The users row that keeps erased users' update ids (no one's data: an update id and a time), so
# that an update Telegram sends again after the erasure stays a no-op. No turn can use "".
NOBODY = ""

# -- the turn's statements -----------------------------------------------------------------------
# Built from the models, compiled once per dialect (``Hot``) and run on the driver's own cursor:
# a turn is a handful of tiny statements, and SQLAlchemy's per-execution machinery (events,
# cache key, result objects, type processors) cost several times more than SQLite itself.


def _values(*cols: str) -> dict[str, Any]:
    return {c: bindparam(c) for c in cols}


_LOAD_COLS = (
    "id",
    "created_at",
    "seen_at",
    *PROFILE_FIELDS,
    "flow_id",
    "flow_version",
    "state",
    "rev",
    "dup",
    "conv_at",
    "waiting",
    "user_rev",
)
_LOAD = (
    select(
        users.c.id,
        users.c.created_at,
        users.c.seen_at,
        *(users.c[f] for f in PROFILE_FIELDS),
        convs.c.flow_id,
        convs.c.flow_version,
        convs.c.state,
        convs.c.rev,
        exists().where(processed.c.update_id == bindparam("uid")).label("dup"),
        convs.c.updated_at,
        exists().where(outbox.c.user_id == users.c.id).label("waiting"),
        users.c.rev,
    )
    .select_from(users.outerjoin(convs, convs.c.user_id == users.c.id))
    .where(users.c.user_key == bindparam("key"))
)
# The last few flow sets' sources and their stored form: each new store of a process (the
# bot's after a reload, the tests' many) is given the same sets again, and writing one out as
# JSON and compressing it takes tens of milliseconds.
_stored: list[tuple[dict[str, str], bytes]] = []
_STORED_KEPT = 4


def _stored_form(sources: dict[str, str]) -> bytes:
    """``sources`` as the flows table keeps them: JSON with sorted keys, compressed. Found again
    by equality, which is quick for the same set (its texts are the very same strings)."""
    for kept, blob in list(_stored):  # a copy: other stores' threads may add to it meanwhile
        if kept == sources:
            return blob
    blob = zlib.compress(json.dumps(sources, ensure_ascii=False, sort_keys=True).encode(), 6)
    _stored.insert(0, (dict(sources), blob))
    del _stored[_STORED_KEPT:]
    return blob


_NEW_USER_COLS = ("user_key", "created_at", "seen_at", "rev", *PROFILE_FIELDS)
_NEW_USER = insert(users).values(_values(*_NEW_USER_COLS)).returning(users.c.id)
_INS_PROCESSED = insert(processed).values(_values("update_id", "user_id", "at"))
_CONV_COLS = ("flow_id", "flow_version", "state", "rev", "updated_at")
_INS_CONV = insert(convs).values(_values("user_id", *_CONV_COLS))
_UPD_CONV = update(convs).where(convs.c.user_id == bindparam("uid_")).values(_values(*_CONV_COLS))
# The same, and the conversation row's bump, when its rev is the turn's version (SQLite, below)
_AT_REV = convs.c.rev == bindparam("rev_")
_UPD_CONV_AT = _UPD_CONV.where(_AT_REV)
_BUMP_CONV = (
    update(convs)
    .where(convs.c.user_id == bindparam("uid_"), _AT_REV)
    .values(rev=convs.c.rev + literal_column("1"))
)
_INS_OUTBOX = insert(outbox).values(
    _values("user_id", "chat_id", "priority", "payload", "created_at", "attempts", "retry_at")
)
_INS_URGE = insert(urges).values(_values("user_id", "at", "intensity", "details"))
_INS_CHECKIN = insert(checkins).values(_values("user_id", "at", "score", "details"))
_INS_SAFETY = insert(safety).values(_values("user_id", "at", "category"))
_INS_TRANSCRIPT = insert(transcripts).values(_values("user_id", "at", "role", "text"))
_UPD_USER_SEEN = (
    update(users).where(users.c.id == bindparam("uid_")).values(seen_at=bindparam("seen_at"))
)
# The version check of a turn (loaded without the write lock on SQLite): it commits only if no
# other process wrote a turn of this user since the load; raising rev tells the others. On
# SQLite a user with a conversation is checked on the conversation row instead (Queries.flush).
_NEXT_REV = users.c.rev + literal_column("1")
_BUMP_REV = (
    update(users)
    .where(users.c.id == bindparam("uid_"), users.c.rev == bindparam("rev_"))
    .values(rev=_NEXT_REV)
)
_BUMP_REV_SEEN = (
    update(users)
    .where(users.c.id == bindparam("uid_"), users.c.rev == bindparam("rev_"))
    .values(rev=_NEXT_REV, seen_at=bindparam("seen_at"))
)

_MAX_PLAN = select(func.max(plans.c.version)).where(
    plans.c.user_id == bindparam("uid"), plans.c.substance_ix == bindparam("ix")
)
_INS_PLAN = insert(plans)
_USER_ID = select(users.c.id).where(users.c.user_key == bindparam("key"))


class Hot:
    """The turn's statements for one dialect, plus the value conversions the driver needs
    (what SQLAlchemy's type processors would do: SQLite keeps UTC timestamps as text)."""

    def __init__(self, dialect: Any) -> None:
        self.sqlite = dialect.name == "sqlite"

        def c(stmt: Any, many: bool = False) -> Compiled:
            return Compiled(stmt, dialect, many)

        self.load = c(_LOAD)
        self.new_user = c(_NEW_USER)
        self.ins_processed = c(_INS_PROCESSED)
        self.ins_conv = c(_INS_CONV)
        self.upd_conv = c(_UPD_CONV)
        self.upd_conv_at = c(_UPD_CONV_AT)
        self.bump_conv = c(_BUMP_CONV)
        self.ins_outbox = c(_INS_OUTBOX, True)
        self.ins_urge = c(_INS_URGE, True)
        self.ins_checkin = c(_INS_CHECKIN, True)
        self.ins_safety = c(_INS_SAFETY, True)
        self.ins_transcript = c(_INS_TRANSCRIPT, True)
        self.upd_seen = c(_UPD_USER_SEEN)
        self.bump_rev = c(_BUMP_REV)
        self.bump_rev_seen = c(_BUMP_REV_SEEN)

    def ts(self, value: datetime | None) -> Any:
        if value is None or not self.sqlite:
            return value
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")

    @staticmethod
    def ts_out(value: Any) -> Any:
        if value is None or not isinstance(value, str):
            return value
        return datetime.fromisoformat(value).replace(tzinfo=UTC)


@dataclass(slots=True)
class Loaded:
    duplicate: bool
    user_id: int | None  # None: a new user (the turn's flush inserts the row)
    profile: dict[str, Any]
    seen_at: datetime
    conversation: dict[str, Any] | None
    flow_id: str | None
    flow_version: str | None
    rev: int
    conversation_at: datetime | None = None  # when the conversation last changed
    waiting: bool = False  # older messages of this user are still in the outbox
    user_rev: int = 0  # users.rev (the version a SQLite turn's commit checks)


def _duplicate_key(e: BaseException) -> bool:
    """A unique key was taken meanwhile (by another process's turn)."""
    orig = getattr(e, "orig", None) or e
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return code == "23505" or "UNIQUE constraint" in str(orig)


def _new_profile(user_key: str, now: datetime) -> dict[str, Any]:
    profile: dict[str, Any] = dict.fromkeys(PROFILE_FIELDS)
    profile.update(
        role="client",
        training_notes=False,
        keep_transcript=False,
        active=True,
        user_key=user_key,
        created_at=now,
    )
    return profile


_HOT: dict[tuple[Any, ...], Hot] = {}


def hot_for(dialect: Any) -> Hot:
    """The turn's statements for ``dialect``, compiled once per process and kind of dialect
    (about 16 ms: a process that opens many stores, as tests and transcripts do, pays it once).
    The compiled text depends on the dialect's class, its parameter style and the server's
    version, so those are the key."""
    key = (type(dialect), dialect.paramstyle, getattr(dialect, "server_version_info", None))
    hot = _HOT.get(key)
    if hot is None:
        hot = _HOT[key] = Hot(dialect)
    return hot


class Queries:
    """The store's SQL for one data key and clock."""

    def __init__(self, cipher: Cipher, clock: Callable[[], datetime], dialect: Any) -> None:
        self.cipher = cipher
        self.now = clock
        self.hot = hot_for(dialect)

    # -- turn ------------------------------------------------------------------------------
    def load(self, conn: Connection, user_key: str, update_id: int | None) -> Loaded:
        """The user, their conversation and whether ``update_id`` was handled, in one read
        (no write: a new user's row is inserted by the turn's flush)."""
        h = self.hot
        cur = cursor(conn)
        cur.execute(h.load.sql, h.load.args({"key": user_key, "uid": update_id}))
        row = cur.fetchone()
        cur.close()
        erased = (
            row is None
            and update_id is not None
            and conn.execute(
                select(processed.c.update_id).where(processed.c.update_id == update_id)
            ).first()
        )
        return self.loaded(row, user_key, update_id, bool(erased))

    def loaded(
        self, row: Any, user_key: str, update_id: int | None, handled: bool = False
    ) -> Loaded:
        """What a turn starts from, from the load's row (None: no such user). ``handled``:
        the update id was handled already, for a user since erased."""
        h = self.hot
        if row is None and handled:
            return Loaded(True, 0, {}, self.now(), None, None, None, 0)  # of a user since erased
        if row is None:
            now = self.now()
            return Loaded(False, None, _new_profile(user_key, now), now, None, None, None, 0)
        r = dict(zip(_LOAD_COLS, row, strict=True))
        uid = r["id"]
        if update_id is not None and r["dup"]:
            return Loaded(True, uid, {}, h.ts_out(r["seen_at"]), None, None, None, 0)
        profile = {f: r[f] for f in PROFILE_FIELDS}
        for f in ("training_notes", "keep_transcript", "active"):
            profile[f] = bool(profile[f])
        if profile["consent"] is not None:
            profile["consent"] = bool(profile["consent"])
        profile["consent_at"] = h.ts_out(profile["consent_at"])
        for f in ("reminders", "preferences"):
            if isinstance(profile[f], str):  # SQLite: text; asyncpg decodes JSON itself
                profile[f] = json.loads(profile[f])
        profile["user_key"] = user_key
        profile["created_at"] = h.ts_out(r["created_at"])
        state = None
        if r["state"] is not None:
            state = json.loads(self.cipher.open(r["state"], aad("conversation", uid)))
        conv_at = h.ts_out(r["conv_at"]) if r["conv_at"] is not None else None
        return Loaded(
            False,
            uid,
            profile,
            h.ts_out(r["seen_at"]),
            state,
            r["flow_id"],
            r["flow_version"],
            r["rev"] or 0,
            conv_at,
            bool(r["waiting"]),
            r["user_rev"] or 0,
        )

    def _new_user(self, cur: Any, w: TurnWrites, now: datetime) -> int:
        """Insert a new user's row (the load found none); on SQLite a row another process
        inserted meanwhile is a conflict (the user key is unique)."""
        h = self.hot
        values = _new_profile(w.user_key, now)  # (the turn's profile changes come after)
        values.update(created_at=h.ts(now), seen_at=h.ts(now), rev=1)
        try:
            cur.execute(h.new_user.sql, h.new_user.args(values))
        except Exception as e:
            if _duplicate_key(e):
                raise TurnConflict() from e
            raise
        uid: int = cur.fetchone()[0]
        return uid

    def flush(self, conn: Connection, w: TurnWrites) -> list[int]:
        """Write everything a turn collected (the caller commits); returns the new outbox ids
        in the order enqueued. On SQLite, raises ``TurnConflict`` when the user changed since
        the load (another process), writing nothing."""
        h = self.hot
        cur = cursor(conn)
        now = self.now()
        ts = h.ts(now)
        seal = self.cipher.seal
        profile = w.profile
        seen = False
        # The version check: the load took no write lock (SQLite), or may have read before the
        # previous holder's commit (PostgreSQL, see persistence.pgturn): commit only if current.
        # On SQLite a user with a conversation is checked on its row (``by_conversation``): the
        # turn writes that row anyway, so the users row is spared a write. Every write of a
        # user's data moves the version a concurrent turn loaded: a turn moves its own (the
        # users row's, the conversation row's, or deletes the row); writers outside turns move
        # both (set_active) or delete the conversation (erasure, retention).
        by_conversation = h.sqlite and w.had_conversation and w.user_id is not None
        if w.user_id is None:
            uid = w.user_id = self._new_user(cur, w, now)
        else:
            uid = w.user_id
            seen = bool(profile) or now - w.seen_at >= SEEN_EVERY
            if by_conversation:
                if seen and not profile:
                    cur.execute(h.upd_seen.sql, h.upd_seen.args({"uid_": uid, "seen_at": ts}))
            else:
                stmt = h.bump_rev_seen if seen else h.bump_rev
                cur.execute(stmt.sql, stmt.args({"uid_": uid, "rev_": w.user_rev, "seen_at": ts}))
                if cur.rowcount != 1:
                    raise TurnConflict()
            seen = False
        if profile:  # rare: the ordinary way
            conn.execute(update(users).where(users.c.id == uid).values(**profile, seen_at=now))
            seen = False
        conv: dict[str, Any] | None = None
        conv_kind = None
        op = w.conversation
        if isinstance(op, ConversationWrite):
            conv_kind = "update" if w.had_conversation else "insert"  # we hold the user's lock
            conv = {
                "uid_": uid,
                "user_id": uid,
                "flow_id": op.flow_id,
                "flow_version": op.flow_version,
                "state": seal(op.state, aad("conversation", uid)),
                "rev": w.conversation_rev + 1,
                "updated_at": ts,
            }
        a = aad("outbox", uid)
        out = [(o.chat_id, o.priority, seal(o.payload, a)) for o in w.outbox]
        leased = h.ts(w.claim_until)
        ids: list[int] = []
        if not h.sqlite:
            try:
                ids = self._pg_flush(cur, uid, ts, w.update_id, seen, conv_kind, conv, out, leased)
            except Exception as e:  # the update handled by another worker since the load
                if _duplicate_key(e):
                    raise TurnConflict() from e
                raise
        else:
            if w.update_id is not None:
                stmt = h.ins_processed
                try:
                    cur.execute(
                        stmt.sql, stmt.args({"update_id": w.update_id, "user_id": uid, "at": ts})
                    )
                except Exception as e:  # handled by another process since the load
                    if _duplicate_key(e):
                        raise TurnConflict() from e
                    raise
            at = {"uid_": uid, "rev_": w.conversation_rev}
            if conv is not None:
                stmt = h.ins_conv
                if conv_kind == "update":
                    stmt = h.upd_conv_at if by_conversation else h.upd_conv
                cur.execute(stmt.sql, stmt.args({**conv, **at} if by_conversation else conv))
            elif by_conversation:  # the conversation stays as it is: its version moves
                cur.execute(h.bump_conv.sql, h.bump_conv.args(at))
            if by_conversation and cur.rowcount != 1:
                raise TurnConflict()
            stmt = h.ins_outbox
            for chat_id, prio, payload in out:  # one by one: the sender needs each row's id
                cur.execute(
                    stmt.sql + " RETURNING id",
                    stmt.args(
                        {
                            "user_id": uid,
                            "chat_id": chat_id,
                            "priority": prio,
                            "payload": payload,
                            "created_at": ts,
                            "attempts": 0,
                            "retry_at": leased,
                        }
                    ),
                )
                ids.append(cur.fetchone()[0])
        if w.jobs:
            self._flush_jobs(conn, uid, w.jobs, now)
        for plan in w.plans:
            self._write_plan(conn, uid, plan)
        self._flush_logs(cur, uid, w)
        if w.counts:
            add_counts(conn, w.counts)
        return ids

    def _flush_logs(self, cur: Any, uid: int, w: TurnWrites) -> None:
        h = self.hot
        seal = self.cipher.seal
        for entries, stmt, purpose, value in (
            (w.urges, h.ins_urge, "urge_log", "intensity"),
            (w.checkins, h.ins_checkin, "checkins", "score"),
        ):
            if entries:
                a = aad(purpose, uid)
                cur.executemany(
                    stmt.sql,
                    [
                        stmt.args(
                            {
                                "user_id": uid,
                                "at": h.ts(e.at),
                                value: e.value,
                                "details": e.details and seal(e.details, a),
                            }
                        )
                        for e in entries
                    ],
                )
        if w.safety:
            a = aad("safety_events", uid)
            stmt = h.ins_safety
            cur.executemany(
                stmt.sql,
                [
                    stmt.args({"user_id": uid, "at": h.ts(at), "category": seal(c.encode(), a)})
                    for at, c in w.safety
                ],
            )
        if w.transcript:
            a = aad("transcripts", uid)
            stmt = h.ins_transcript
            cur.executemany(
                stmt.sql,
                [
                    stmt.args(
                        {
                            "user_id": uid,
                            "at": h.ts(at),
                            "role": role,
                            "text": seal(text.encode(), a),
                        }
                    )
                    for at, role, text in w.transcript
                ],
            )

    @staticmethod
    def _flush_jobs(conn: Connection, uid: int, ops: list[JobWrite], now: datetime) -> None:
        for op in ops:
            if op.op == "complete":
                gone = conn.execute(
                    delete(jobs).where(jobs.c.id == op.job_id, jobs.c.user_id == uid)
                ).rowcount
                if gone != 1:  # another worker handled it first: this turn must not count
                    raise JobGone(f"job {op.job_id} was already handled")
            elif op.op == "cancel":
                conn.execute(delete(jobs).where(jobs.c.user_id == uid, jobs.c.kind == op.kind))
            else:  # schedule: one job per user and kind, the newest wins
                conn.execute(delete(jobs).where(jobs.c.user_id == uid, jobs.c.kind == op.kind))
                conn.execute(
                    insert(jobs).values(
                        user_id=uid,
                        kind=op.kind,
                        due_at=op.due_at,
                        payload=op.payload,
                        claimed_until=None,
                        created_at=now,
                    )
                )

    @staticmethod
    def _pg_flush(
        cur: Any,
        uid: int,
        now: datetime,
        update_id: int | None,
        seen: bool,
        conv_kind: str | None,
        conv: dict[str, Any] | None,
        out: list[tuple[Any, int, bytes]],
        leased: datetime | None = None,
    ) -> list[int]:
        """PostgreSQL: the turn's usual writes as ONE statement (data-modifying CTEs), one
        round trip instead of three or four. The outbox rows go through ``unnest`` so the
        statement's text, and thus its prepared form, depends only on which parts are there.
        Returns the new outbox ids in the order given."""
        params: list[Any] = []

        def p(value: Any, cast: str) -> str:
            params.append(value)
            return f"${len(params)}::{cast}"

        u, n = p(uid, "bigint"), p(now, "timestamptz")
        parts = []
        if update_id is not None:
            parts.append(
                "INSERT INTO processed_updates (update_id, user_id, at) "
                f"VALUES ({p(update_id, 'bigint')}, {u}, {n})"
            )
        if seen:
            parts.append(f"UPDATE users SET seen_at = {n} WHERE id = {u}")
        if conv is not None:
            f, v, st, r = (
                p(conv["flow_id"], "varchar"),
                p(conv["flow_version"], "varchar"),
                p(conv["state"], "bytea"),
                p(conv["rev"], "integer"),
            )
            if conv_kind == "update":
                parts.append(
                    f"UPDATE conversations SET flow_id = {f}, flow_version = {v}, state = {st}, "
                    f"rev = {r}, updated_at = {n} WHERE user_id = {u}"
                )
            else:
                parts.append(
                    "INSERT INTO conversations "
                    "(user_id, flow_id, flow_version, state, rev, updated_at) "
                    f"VALUES ({u}, {f}, {v}, {st}, {r}, {n})"
                )
        if out:
            chats, prios, payloads = (
                p([o[i] for o in out], cast)
                for i, cast in enumerate(("varchar[]", "smallint[]", "bytea[]"))
            )
            parts.append(
                "INSERT INTO outbox "
                "(user_id, chat_id, priority, payload, created_at, attempts, retry_at) "
                f"SELECT {u}, x.chat, x.prio, x.payload, {n}, 0, {p(leased, 'timestamptz')} "
                f"FROM unnest({chats}, {prios}, {payloads}) "
                "WITH ORDINALITY AS x(chat, prio, payload, i) ORDER BY x.i "
                "RETURNING id"
            )
        if not parts:
            return []
        if len(parts) == 1:
            cur.execute(parts[0], params)
            return sorted(row[0] for row in cur.fetchall()) if out else []
        last = f"(SELECT array_agg(id ORDER BY id) FROM w{len(parts) - 1})" if out else "NULL"
        cur.execute(
            "WITH " + ", ".join(f"w{i} AS ({q})" for i, q in enumerate(parts)) + f" SELECT {last}",
            params,
        )
        return list(cur.fetchone()[0] or [])

    # -- plans -----------------------------------------------------------------------------
    def plan_version(self, conn: Connection, uid: int | None, substance: str) -> int:
        """The newest stored version of the user's plan for ``substance`` (0: none)."""
        if uid is None:
            return 0
        ix = self.cipher.index(substance)
        version: int | None = conn.execute(_MAX_PLAN, {"uid": uid, "ix": ix}).scalar()
        return version or 0

    def _write_plan(self, conn: Connection, uid: int, plan: PlanWrite) -> None:
        a = aad("plans", uid)
        if plan.amend:  # the newest version, rewritten: saves of one sitting make one version
            conn.execute(
                update(plans)
                .where(
                    plans.c.user_id == uid,
                    plans.c.substance_ix == self.cipher.index(plan.substance),
                    plans.c.version == plan.version,
                )
                .values(sections=self.cipher.seal_json(plan.sections, a), created_at=plan.at)
            )
            return
        conn.execute(
            _INS_PLAN,
            {
                "user_id": uid,
                "substance_ix": self.cipher.index(plan.substance),
                "substance": self.cipher.seal_text(plan.substance, a),
                "version": plan.version,
                "sections": self.cipher.seal_json(plan.sections, a),
                "created_at": plan.at,
            },
        )

    def current_plan(
        self, conn: Connection, uid: int, substance: str | None
    ) -> dict[str, Any] | None:
        q = select(plans).where(plans.c.user_id == uid)
        if substance is not None:
            q = q.where(plans.c.substance_ix == self.cipher.index(substance))
        row = conn.execute(
            q.order_by(plans.c.created_at.desc(), plans.c.id.desc()).limit(1)
        ).first()
        return None if row is None else self._plan(row)

    def _plan(self, row: Any) -> dict[str, Any]:
        a = aad("plans", row.user_id)
        return {
            "substance": self.cipher.open_text(row.substance, a),
            "version": row.version,
            "sections": self.cipher.open_json(row.sections, a),
            "created_at": row.created_at,
        }

    # -- outbox ----------------------------------------------------------------------------
    def claim_outbox(
        self,
        conn: Connection,
        limit: int,
        lease: float,
        user_key: str | None = None,
        until: datetime | None = None,
    ) -> list[Any]:
        """Pending messages, leased for ``lease`` seconds to whoever asked.

        A user's messages go strictly in order: a message that is leased or waiting to be
        retried holds back every later message of the same user. Interactive replies
        (priority 0) come before reminders (1), except that a reminder queued before a reply of
        the same user goes first (its effective priority is the smallest of its own and every
        later message of that user).
        """
        if conn.dialect.name == "postgresql":  # claimers take turns; the claim is short
            from sqlalchemy import text

            conn.execute(text("SELECT pg_advisory_xact_lock(4242424243)"))
        now = self.now()
        o = outbox
        is_held = case((and_(o.c.retry_at.is_not(None), o.c.retry_at > now), 1), else_=0)
        if user_key is None:
            # First whom to serve: the users of the first ``limit`` messages in (priority, id)
            # order, walking that index, leaving out users with a message held (leased or
            # waiting for a retry: it holds the rest of their queue). The windows below then run
            # over these users' rows only, not the whole outbox: with 10,000 reminders waiting,
            # ~1 ms instead of 80.
            h = outbox.alias("h")
            heads = (
                select(o.c.user_id)
                .where(
                    ~exists().where(
                        h.c.user_id == o.c.user_id, h.c.retry_at.is_not(None), h.c.retry_at > now
                    )
                )
                .order_by(o.c.priority, o.c.id)
                .limit(limit)
            ).scalar_subquery()
            chosen: list[ColumnElement[bool]] = [o.c.user_id.in_(heads)]
        else:
            chosen = [users.c.user_key == user_key]
        eff = func.min(o.c.priority).over(
            partition_by=o.c.user_id, order_by=o.c.id.desc(), rows=(None, 0)
        )
        held = func.max(is_held).over(partition_by=o.c.user_id, order_by=o.c.id, rows=(None, 0))
        sub = (
            select(
                o.c.id,
                o.c.user_id,
                o.c.chat_id,
                o.c.priority,
                o.c.payload,
                o.c.attempts,
                o.c.created_at,
                users.c.user_key,
                eff.label("eff"),
                held.label("held"),
            )
            .select_from(o.join(users, users.c.id == o.c.user_id))
            .where(users.c.active.is_(True), *chosen)
            .subquery()
        )
        rows = conn.execute(
            select(sub).where(sub.c.held == 0).order_by(sub.c.eff, sub.c.id).limit(limit)
        ).all()
        if rows and lease > 0:
            conn.execute(
                update(o)
                .where(o.c.id.in_([r.id for r in rows]))
                .values(retry_at=until or now + timedelta(seconds=lease))
            )
        return list(rows)

    # -- jobs ------------------------------------------------------------------------------
    def claim_jobs(
        self,
        conn: Connection,
        limit: int,
        lease: float,
        now: datetime,
        user_key: str | None = None,
        first: str | None = None,
        kind: str | None = None,
        after_sent: str | None = None,
    ) -> list[Any]:
        """Jobs due by ``now`` that nobody holds, leased to the caller (SKIP LOCKED on PostgreSQL,
        so several workers each take different jobs); those of kind ``first`` before the rest."""
        query = (
            select(jobs.c.id, jobs.c.kind, jobs.c.due_at, jobs.c.payload, users.c.user_key)
            .select_from(jobs.join(users, users.c.id == jobs.c.user_id))
            .where(
                jobs.c.due_at <= now,
                users.c.active.is_(True) | (jobs.c.kind == ERASE_JOB),
                (jobs.c.claimed_until.is_(None)) | (jobs.c.claimed_until < now),
                *(
                    [
                        (jobs.c.kind != after_sent)
                        | ~exists().where(outbox.c.user_id == jobs.c.user_id)
                    ]
                    if after_sent
                    else []
                ),
                *([users.c.user_key == user_key] if user_key else []),
                *([jobs.c.kind == kind] if kind else []),
            )
            .order_by(
                *([case((jobs.c.kind == first, 0), else_=1)] if first else []),
                jobs.c.due_at,
                jobs.c.id,
            )
            .limit(limit)
        )
        if conn.dialect.name == "postgresql":
            query = query.with_for_update(of=jobs, skip_locked=True)
        rows = conn.execute(query).all()
        if rows:
            conn.execute(
                update(jobs)
                .where(jobs.c.id.in_([r.id for r in rows]))
                .values(claimed_until=now + timedelta(seconds=lease))
            )
        return list(rows)

    def next_job_at(self, conn: Connection) -> datetime | None:
        return conn.execute(select(func.min(jobs.c.due_at))).scalar()

    # -- history ---------------------------------------------------------------------------
    def history(
        self, conn: Connection, user_key: str | None, since: datetime, uid: int | None = None
    ) -> dict[str, Any]:
        """A user's urge-log and check-in entries since ``since``, oldest first, opened."""
        if uid is None:
            uid = conn.execute(_USER_ID, {"key": user_key}).scalar()
            if uid is None:
                return {"urges": [], "checkins": []}
        c = self.cipher
        hot = self.hot

        def details(blob: bytes | None, purpose: str) -> dict[str, Any]:
            return {} if blob is None else c.open_json(blob, aad(purpose, uid))

        out: dict[str, Any] = {}
        for name, table, value in (("urges", urges, "intensity"), ("checkins", checkins, "score")):
            rows = conn.execute(
                select(table.c.at, table.c[value], table.c.details)
                .where(table.c.user_id == uid, table.c.at >= since)
                .order_by(table.c.at, table.c.id)
            ).all()
            out[name] = [
                {
                    "at": hot.ts_out(r.at),
                    value: r[1],
                    "details": details(r.details, "urge_log" if name == "urges" else "checkins"),
                }
                for r in rows
            ]
        return out

    def open_outbox(self, row: Any) -> dict[str, Any]:
        return json.loads(self.cipher.open(row.payload, aad("outbox", row.user_id)))

    def mark_failed(self, conn: Connection, id: int, retry_at: datetime | None) -> int:
        if retry_at is None:
            return conn.execute(delete(outbox).where(outbox.c.id == id)).rowcount
        return conn.execute(
            update(outbox)
            .where(outbox.c.id == id)
            .values(attempts=outbox.c.attempts + 1, retry_at=retry_at)
        ).rowcount

    def set_active(self, conn: Connection, user_key: str, active: bool) -> int:
        uid = conn.execute(_USER_ID, {"key": user_key}).scalar()
        if uid is None:
            return 0
        conn.execute(
            update(users).where(users.c.id == uid).values(active=active, rev=users.c.rev + 1)
        )  # a turn loaded before: again (whichever row its version is on, see flush)
        conn.execute(update(convs).where(convs.c.user_id == uid).values(rev=convs.c.rev + 1))
        if not active:  # blocked: nothing more goes out, reminders included (an erasure still runs)
            conn.execute(delete(jobs).where(jobs.c.user_id == uid, jobs.c.kind != ERASE_JOB))
            return conn.execute(delete(outbox).where(outbox.c.user_id == uid)).rowcount
        return 0

    # -- flow versions ---------------------------------------------------------------------
    def ensure_flow_version(self, conn: Connection, hash: str, sources: dict[str, str]) -> bool:
        if conn.execute(select(flows.c.hash).where(flows.c.hash == hash)).first() is not None:
            return False
        blob = _stored_form(sources)
        stmt = _insert_ignore(conn, flows, "hash")
        return (
            conn.execute(stmt, {"hash": hash, "created_at": self.now(), "sources": blob}).rowcount
            == 1
        )

    def load_flow_version(self, conn: Connection, hash: str) -> dict[str, str] | None:
        blob = conn.execute(select(flows.c.sources).where(flows.c.hash == hash)).scalar()
        return None if blob is None else json.loads(zlib.decompress(blob))

    # -- data rights -----------------------------------------------------------------------
    def export_user(self, conn: Connection, user_key: str) -> dict[str, Any] | None:
        u = conn.execute(select(users).where(users.c.user_key == user_key)).first()
        if u is None:
            return None
        uid = u.id
        c = self.cipher

        def rows(table: Any, *order: Any) -> list[Any]:
            return list(
                conn.execute(select(table).where(table.c.user_id == uid).order_by(*order)).all()
            )

        user = {f: u._mapping[f] for f in ("user_key", "created_at", "seen_at", *PROFILE_FIELDS)}
        conv = conn.execute(select(convs).where(convs.c.user_id == uid)).first()
        conversation = None
        if conv is not None:
            conversation = {
                "flow_id": conv.flow_id,
                "flow_version": conv.flow_version,
                "rev": conv.rev,
                "updated_at": conv.updated_at,
                "state": c.open_json(conv.state, aad("conversation", uid)),
            }

        def details(blob: bytes | None, purpose: str) -> dict[str, Any]:
            return {} if blob is None else c.open_json(blob, aad(purpose, uid))

        return {
            "user": user,
            "conversation": conversation,
            "plans": [self._plan(r) for r in rows(plans, plans.c.created_at, plans.c.id)],
            "urges": [
                {"at": r.at, "intensity": r.intensity, "details": details(r.details, "urge_log")}
                for r in rows(urges, urges.c.at, urges.c.id)
            ],
            "checkins": [
                {"at": r.at, "score": r.score, "details": details(r.details, "checkins")}
                for r in rows(checkins, checkins.c.at, checkins.c.id)
            ],
            "safety_events": [
                {"at": r.at, "category": c.open_text(r.category, aad("safety_events", uid))}
                for r in rows(safety, safety.c.at, safety.c.id)
            ],
            "transcript": [
                {"at": r.at, "role": r.role, "text": c.open_text(r.text, aad("transcripts", uid))}
                for r in rows(transcripts, transcripts.c.at, transcripts.c.id)
            ],
            "pending_messages": [
                {"created_at": r.created_at, "payload": self.open_outbox(r)}
                for r in rows(outbox, outbox.c.id)
            ],
            "scheduled": [{"kind": r.kind, "due_at": r.due_at} for r in rows(jobs, jobs.c.due_at)],
            "processed_updates": conn.execute(
                select(func.count()).select_from(processed).where(processed.c.user_id == uid)
            ).scalar_one(),
        }

    def stats(self, conn: Connection, days: int) -> dict[str, int]:
        since = self.now() - timedelta(days=days)
        out = {
            "users": conn.execute(select(func.count()).where(users.c.user_key != NOBODY)).scalar()
            or 0,
            "active_users": conn.execute(
                select(func.count()).where(users.c.active.is_(True))
            ).scalar()
            or 0,
            "trainees": conn.execute(select(func.count()).where(users.c.role == "trainee")).scalar()
            or 0,
            "outbox_waiting": conn.execute(select(func.count()).select_from(outbox)).scalar() or 0,
        }
        for flow_id, count in conn.execute(
            select(convs.c.flow_id, func.count())
            .group_by(convs.c.flow_id)
            .order_by(convs.c.flow_id)
        ):
            out[f"conversations_in_{flow_id}"] = count
        out.update(self._safety_counts(conn, since, days))
        return out

    def _safety_counts(self, conn: Connection, since: datetime, days: int) -> dict[str, int]:
        """Crisis screens per category since ``since``: the categories are sealed, so they are
        opened and counted here (a few a day: no index on them is needed)."""
        counts: Counter[str] = Counter(
            self.cipher.open_text(category, aad("safety_events", uid))
            for uid, category in conn.execute(
                select(safety.c.user_id, safety.c.category).where(safety.c.at >= since)
            )
        )
        return {f"safety_{category}_last_{days}_days": n for category, n in sorted(counts.items())}

    def delete_user(self, conn: Connection, user_key: str) -> dict[str, int]:
        counts = {name: 0 for name in (*m.USER_TABLES, "users")}
        uid = conn.execute(_USER_ID, {"key": user_key}).scalar()
        if uid is None:
            return counts
        for name in m.USER_TABLES:
            table = m.Base.metadata.tables[name]
            counts[name] = conn.execute(delete(table).where(table.c.user_id == uid)).rowcount
        counts["users"] = conn.execute(delete(users).where(users.c.id == uid)).rowcount
        return counts

    def purge_stale(self, conn: Connection, days: float | None, updates_days: float) -> int:
        now = self.now()
        conn.execute(delete(processed).where(processed.c.at < now - timedelta(days=updates_days)))
        gone = 0
        if days is not None:
            stale = convs.c.updated_at < now - timedelta(days=days)
            conn.execute(
                update(users)
                .where(users.c.id.in_(select(convs.c.user_id).where(stale)))
                .values(rev=users.c.rev + 1)
            )  # a turn that loaded one ran again
            gone = conn.execute(delete(convs).where(stale)).rowcount
        self.prune_superseded(conn)
        return gone

    def prune_superseded(self, conn: Connection) -> list[str]:
        """Flow versions no conversation uses, but the newest, once the newest was stored
        ``FLOW_GRACE`` ago: by then a rolling deploy has finished, and no worker still
        starts conversations on an older version. Returns their hashes."""
        newest = conn.execute(
            select(flows.c.hash, flows.c.created_at)
            .order_by(flows.c.created_at.desc(), flows.c.hash)
            .limit(1)
        ).first()
        if newest is None or self.hot.ts_out(newest.created_at) > self.now() - FLOW_GRACE:
            return []
        in_use = select(convs.c.flow_version).distinct()
        pruned = sorted(
            conn.execute(
                select(flows.c.hash).where(flows.c.hash != newest.hash, flows.c.hash.not_in(in_use))
            )
            .scalars()
            .all()
        )
        if pruned:
            conn.execute(delete(flows).where(flows.c.hash.in_(pruned), flows.c.hash.not_in(in_use)))
            log.info("pruned %d flow version(s) no conversation uses", len(pruned))
        return pruned

    def extend_lease(
        self, conn: Connection, held: dict[datetime | None, list[int]], until: datetime
    ) -> list[int]:
        """Lease until ``until`` the messages still leased as given (lease end -> ids); returns
        the ids that were."""
        kept: list[int] = []
        for leased, ids in held.items():
            if leased is None:
                continue
            kept += (
                conn.execute(
                    update(outbox)
                    .where(outbox.c.id.in_(ids), outbox.c.retry_at == leased)
                    .values(retry_at=until)
                    .returning(outbox.c.id)
                )
                .scalars()
                .all()
            )
        return kept

    def start_wait(self, conn: Connection, item_id: int, kind: str, seconds: float) -> bool:
        """Delete outbox item ``item_id`` and make its user's ``kind`` job due ``seconds`` from
        now; False if the item was gone."""
        gone = delete(outbox).where(outbox.c.id == item_id).returning(outbox.c.user_id)
        row = conn.execute(gone).first()
        if row is None:
            return False
        conn.execute(
            update(jobs)
            .where(jobs.c.user_id == row.user_id, jobs.c.kind == kind)
            .values(due_at=self.now() + timedelta(seconds=seconds))
        )
        return True

    # -- erasure (a /delete) ---------------------------------------------------------------
    def erase_user(self, conn: Connection, user_key: str, job_id: int) -> dict[str, int]:
        """Every row of the user in every table but erase job ``job_id``, and the users row
        made blank (as a new user's, Queries.load); JobGone if that job is gone."""
        uid = conn.execute(_USER_ID, {"key": user_key}).scalar()
        held = (
            uid is not None
            and conn.execute(
                select(jobs.c.id).where(jobs.c.id == job_id, jobs.c.user_id == uid)
            ).first()
        )
        if not held:
            raise JobGone(f"erase job {job_id} was already done")
        conn.execute(
            update(processed).where(processed.c.user_id == uid).values(user_id=self._nobody(conn))
        )  # unlinked: only for deduplication
        counts: dict[str, int] = {}
        for name in m.USER_TABLES:
            table = m.Base.metadata.tables[name]
            stmt = delete(table).where(table.c.user_id == uid)
            if name == "jobs":
                stmt = stmt.where(table.c.id != job_id)
            counts[name] = conn.execute(stmt).rowcount
        now = self.now()
        blank: dict[str, Any] = dict.fromkeys(PROFILE_FIELDS)
        blank.update(role="client", training_notes=False, keep_transcript=False, active=True)
        conn.execute(
            update(users)
            .where(users.c.id == uid)
            .values(created_at=now, seen_at=now, rev=users.c.rev + 1, **blank)
        )
        return counts

    def _nobody(self, conn: Connection) -> int:
        uid = conn.execute(_USER_ID, {"key": NOBODY}).scalar()
        if uid is None:
            now = self.now()
            conn.execute(
                _insert_ignore(conn, users, "user_key"),
                {
                    "user_key": NOBODY,
                    "created_at": now,
                    "seen_at": now,
                    "role": "client",
                    "training_notes": False,
                    "keep_transcript": False,
                    "active": False,
                },
            )
            uid = conn.execute(_USER_ID, {"key": NOBODY}).scalar_one()
        return uid

    def forget_user(self, conn: Connection, user_key: str, job_id: int) -> bool:
        """Erase job ``job_id`` is done: delete it, and the users row unless the user has come
        back meanwhile (rows of theirs again). True if the users row went."""
        uid = conn.execute(_USER_ID, {"key": user_key}).scalar()
        if uid is None:
            return False
        conn.execute(delete(jobs).where(jobs.c.id == job_id, jobs.c.user_id == uid))
        for name in m.USER_TABLES:
            table = m.Base.metadata.tables[name]
            if conn.execute(select(table.c.user_id).where(table.c.user_id == uid).limit(1)).first():
                return False
        return conn.execute(delete(users).where(users.c.id == uid)).rowcount == 1

    # -- key check -------------------------------------------------------------------------
    @staticmethod
    def read_meta(conn: Connection, key: str) -> bytes | None:
        return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()

    @staticmethod
    def write_meta_once(conn: Connection, key: str, value: bytes) -> bytes:
        """Insert ``key`` unless present; return the value now stored."""
        conn.execute(_insert_ignore(conn, meta, "key"), {"key": key, "value": value})
        return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one()


def _insert_ignore(conn: Connection, table: Any, key: str) -> Any:
    """INSERT ... ON CONFLICT (key) DO NOTHING, in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing(index_elements=[key])
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing(index_elements=[key])
