"""Store benchmark: durable turns through ``Store.turn`` against the raw sqlite3 floor.

    python bench/store_bench.py [--quick] [--pg URL] [--no-pg] [--profile]

Prints one figure per line, ``name: value unit``. What is measured:

* ``raw_sqlite_*`` — the floor on this machine: plain ``sqlite3`` doing one turn's work (read the
  conversation, upsert it, insert the update id and two outbox messages, COMMIT) on minimal
  tables, WAL, with ``synchronous=FULL`` (fsync per commit) and ``NORMAL``.
* ``naive_sqla_aiosqlite_*`` — the same turn written the obvious way: SQLAlchemy ORM session over
  aiosqlite on the store's schema (what the issue measured at ~1.2 ms).
* ``store_sqlite_*`` / ``store_pg_*`` — ``Store.turn`` with a realistic state (~600 bytes of
  JSON, sealed) and two outbox messages (a Say and an Ask), sequentially (latency) and with 8
  concurrent users (throughput).
* ``*_statements_per_turn`` / ``*_round_trips_per_turn`` — counted at the driver, through
  SQLAlchemy's pool ``connect`` event (sqlite3 trace callback, asyncpg query logger), so the
  statements the store runs on the driver cursor are counted too.
* ``*_users_*`` — per-turn latency with 1,000 and 100,000 stored users (``--quick``: 10,000).

PostgreSQL comes from ``--pg``, BENCH_DATABASE_URL or TEST_DATABASE_URL (default
postgresql://root@127.0.0.1:5432/test); a scratch database is created there and dropped.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import secrets
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from persistence import Store, generate_key, upgrade_async  # noqa: E402
from persistence.crypto import aad  # noqa: E402
from persistence.db import normalise_url  # noqa: E402

STATE = {
    "v": 1,
    "flow": "talk",
    "version": "9f2c" * 16,
    "state": "reflect_2",
    "rev": 7,
    "vars": {
        "situation": "Friday after work, everyone goes to the pub and I end up staying until closing",
        "feeling": "I feel I can't stop once I've had the second pint, and then I hate myself in the morning",
        "importance": 7,
        "confidence": 4,
        "good_things": "it helps me unwind and I feel part of the group",
        "not_so_good": "I spend too much and I miss Saturday with my daughter",
    },
    "started_at": "2030-01-01T12:00:00+00:00",
}
OUTPUTS = [
    {"kind": "say", "text": "You feel you can't stop once you've had the second pint, and the next "
     "morning is hard on you.", "tag": "reflection.simple"},
    {"kind": "ask", "text": "What would you like Friday evening to look like?", "input": "text",
     "buttons": [["Not sure yet", "unsure:7"], ["Back to the menu", "menu:7"]], "rev": 7,
     "tag": "question.open"},
]


def out(name: str, value: float | str, unit: str = "") -> None:
    if isinstance(value, float):
        value = f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    print(f"{name}: {value}{(' ' + unit) if unit else ''}", flush=True)


def summary(prefix: str, lat: list[float], wall: float) -> None:
    lat = sorted(lat)
    out(f"{prefix}_turns_per_s", len(lat) / wall, "turns/s")
    out(f"{prefix}_p50", lat[len(lat) // 2] * 1e6, "us")
    out(f"{prefix}_p99", lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1e6, "us")


def fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".key"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()


# -- the floor: raw sqlite3 ----------------------------------------------------------------------

def raw_sqlite(tmp: Path, sync: str, n: int) -> None:
    path = tmp / f"raw_{sync}.db"
    fresh(path)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute(f"PRAGMA synchronous={sync}")
    c.execute("CREATE TABLE conversations (user_key TEXT PRIMARY KEY, state BLOB, rev INTEGER)")
    c.execute("CREATE TABLE processed_updates (update_id INTEGER PRIMARY KEY)")
    c.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, user_key TEXT, payload BLOB)")
    # the same bytes the store writes: JSON plus 33 bytes of AES-GCM framing
    state = json.dumps(STATE).encode() + os.urandom(33)
    payloads = [json.dumps(o).encode() + os.urandom(33) for o in OUTPUTS]
    lat = []
    t0 = time.perf_counter()
    for i in range(n):
        t = time.perf_counter()
        key = f"tg:{i % 100}"
        c.execute("BEGIN IMMEDIATE")
        c.execute("SELECT state, rev FROM conversations WHERE user_key = ?", (key,)).fetchone()
        c.execute("INSERT INTO processed_updates VALUES (?)", (i,))
        c.execute(
            "INSERT INTO conversations VALUES (?, ?, 1) ON CONFLICT(user_key) DO UPDATE "
            "SET state = excluded.state, rev = rev + 1",
            (key, state),
        )
        c.executemany("INSERT INTO outbox (user_key, payload) VALUES (?, ?)", [(key, p) for p in payloads])
        c.execute("COMMIT")
        lat.append(time.perf_counter() - t)
    summary(f"raw_sqlite_{sync.lower()}", lat, time.perf_counter() - t0)
    c.close()


# -- the obvious way: SQLAlchemy ORM + aiosqlite -----------------------------------------------

async def naive_sqla(tmp: Path, sync: str, n: int) -> None:
    from datetime import datetime, timezone

    from sqlalchemy import event, select
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from persistence.crypto import Cipher
    from persistence.models import ConversationRow, OutboxMessage, ProcessedUpdate, User

    path = tmp / f"naive_{sync}.db"
    fresh(path)
    await upgrade_async(f"sqlite:///{path}")
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}")

    @event.listens_for(engine.sync_engine, "connect")
    def pragmas(dbapi_conn: Any, _rec: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={sync}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    cipher = Cipher(os.urandom(32))
    Session = async_sessionmaker(engine, expire_on_commit=False)

    async def turn(key: str, update_id: int) -> None:
        now = datetime.now(timezone.utc)
        async with Session() as s, s.begin():
            user = (await s.execute(select(User).where(User.user_key == key))).scalar_one_or_none()
            if user is None:
                user = User(user_key=key, created_at=now, seen_at=now, role="client",
                            training_notes=False, keep_transcript=False, active=True)
                s.add(user)
                await s.flush()
            if await s.get(ProcessedUpdate, update_id) is not None:
                return
            conv = await s.get(ConversationRow, user.id)
            if conv is not None:
                cipher.open_json(conv.state, aad("conversation", user.id))
            s.add(ProcessedUpdate(update_id=update_id, user_id=user.id, at=now))
            blob = cipher.seal_json(STATE, aad("conversation", user.id))
            if conv is None:
                s.add(ConversationRow(user_id=user.id, flow_id="talk", flow_version="v", state=blob, rev=1, updated_at=now))
            else:
                conv.state, conv.rev, conv.updated_at = blob, conv.rev + 1, now
            for o in OUTPUTS:
                s.add(OutboxMessage(user_id=user.id, priority=0, attempts=0, created_at=now,
                                    payload=cipher.seal_json(o, aad("outbox", user.id))))

    for i in range(200):
        await turn(f"tg:{i % 100}", 10_000_000 + i)
    count = [0]

    def hit(*_a: Any) -> None:
        count[0] += 1

    # SQLAlchemy's event hooks see everything the ORM sends (BEGIN is the driver's, implicit)
    event.listen(engine.sync_engine, "before_cursor_execute", hit)
    event.listen(engine.sync_engine, "commit", hit)
    for i in range(200):
        await turn(f"tg:{i % 100}", 20_000_000 + i)
    event.remove(engine.sync_engine, "before_cursor_execute", hit)
    event.remove(engine.sync_engine, "commit", hit)
    out(f"naive_sqla_aiosqlite_{sync.lower()}_statements_per_turn", count[0] / 200, "")
    lat = []
    t0 = time.perf_counter()
    for i in range(n):
        t = time.perf_counter()
        await turn(f"tg:{i % 100}", i)
        lat.append(time.perf_counter() - t)
    summary(f"naive_sqla_aiosqlite_{sync.lower()}", lat, time.perf_counter() - t0)
    await engine.dispose()


# -- the store -------------------------------------------------------------------------------------

class Counter:
    """Counts what reaches the database driver.

    The turn's statements run on the driver's cursor (see persistence.queries.Hot), below
    SQLAlchemy's execute events, so they are counted at the driver: SQLite's trace callback
    (every statement, BEGIN and COMMIT included) and, for asyncpg, each call that makes one
    round trip (a prepared statement's execution, a simple query such as BEGIN or the turn's
    script, a prepare). Prepared statements are cached per connection, so in steady state
    preparing costs nothing.
    """

    def __init__(self) -> None:
        self.n = 0
        self._undo: list[Callable[[], None]] = []

    def attach(self, store: Store) -> None:
        if store.dialect == "sqlite":  # the writer and the reader (a turn loads on it)
            backend = store._backend
            for conn in (backend._conn, backend._reader):
                if conn is None:
                    continue
                raw = conn.connection.dbapi_connection
                raw.set_trace_callback(self._hit)
                self._undo.append(lambda raw=raw: raw.set_trace_callback(None))
            return
        # at asyncpg itself: the turn talks to it directly (persistence.pgturn), the rest
        # through SQLAlchemy's adapter, whose statements are asyncpg prepared statements
        import asyncpg
        from asyncpg.prepared_stmt import PreparedStatement

        self._patch(asyncpg.Connection, "_execute", is_async=True)  # fetch*, execute with args
        self._patch(asyncpg.Connection, "execute", is_async=True, simple=True)  # BEGIN, scripts
        self._patch(asyncpg.Connection, "_prepare", is_async=True)  # (cached: first time only)
        for name in ("fetch", "fetchrow", "fetchval", "executemany"):
            self._patch(PreparedStatement, name, is_async=True)

    def _patch(self, cls: Any, name: str, is_async: bool = False, only_if_tx: bool = False,
               simple: bool = False) -> None:
        if not hasattr(cls, name):
            return
        orig = getattr(cls, name)
        counter = self

        if is_async:
            async def wrapped(self_: Any, *a: Any, **k: Any) -> Any:
                if not simple or len(a) == 1:  # execute(sql, *args) goes on to _execute
                    counter.n += 1
                return await orig(self_, *a, **k)
        else:
            def wrapped(self_: Any, *a: Any, **k: Any) -> Any:
                if not only_if_tx or getattr(self_, "_transaction", None) is not None:
                    counter.n += 1
                return orig(self_, *a, **k)

        setattr(cls, name, wrapped)
        self._undo.append(lambda: setattr(cls, name, orig))

    def detach(self) -> None:
        for undo in reversed(self._undo):
            undo()
        self._undo.clear()

    def _hit(self, *_a: Any) -> None:
        self.n += 1


async def seq_turns(store: Store, n: int, users: int, base: int, offset: int = 0) -> tuple[list[float], float]:
    lat = []
    t0 = time.perf_counter()
    for i in range(n):
        t = time.perf_counter()
        async with store.turn(f"tg:{offset + (i * 7919) % users}", base + i) as turn:
            state = dict(turn.conversation or STATE)
            state["rev"] = turn.rev + 1
            turn.set_conversation(state, "talk", STATE["version"])
            turn.enqueue(OUTPUTS)
        lat.append(time.perf_counter() - t)
    return lat, time.perf_counter() - t0


async def concurrent_turns(store: Store, n: int, tasks: int, base: int) -> float:
    async def worker(k: int) -> None:
        for i in range(n // tasks):
            async with store.turn(f"tg:c{k}", base + k * 1_000_000 + i) as turn:
                turn.set_conversation(STATE, "talk", STATE["version"])
                turn.enqueue(OUTPUTS)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(tasks)))
    return (n // tasks * tasks) / (time.perf_counter() - t0)


async def store_bench(prefix: str, open_store: Callable[[], Awaitable[Store]], n: int, profile: bool) -> None:
    store = await open_store()
    try:
        await seq_turns(store, 300, 100, 1)  # warm up: users exist, statements prepared
        lat, wall = await seq_turns(store, n, 100, 1_000_000)
        summary(prefix, lat, wall)
        counter = Counter()
        counter.attach(store)
        try:
            await seq_turns(store, 200, 100, 3_000_000)
        finally:
            counter.detach()
        name = "statements" if store.dialect == "sqlite" else "round_trips"
        out(f"{prefix}_{name}_per_turn", counter.n / 200, "")
        if store.dialect == "sqlite":
            out(f"{prefix}_thread_hops_per_turn", 1.0, "")
        elif prefix == "store_pg":
            out("pg_round_trips_per_turn", counter.n / 200, "round trips (a turn, sequential)")
        out(f"{prefix}_8_users_concurrent_turns_per_s", await concurrent_turns(store, n, 8, 100_000_000), "turns/s")
        stats = getattr(store._backend, "stats", None)
        before = (stats.flushes, stats.turns) if stats else (0, 0)
        out(f"{prefix}_200_users_concurrent_turns_per_s",
            await concurrent_turns(store, max(n, 2000), 200, 200_000_000), "turns/s")
        if stats and stats.flushes > before[0]:
            out(f"{prefix}_200_users_turns_per_flush",
                (stats.turns - before[1]) / (stats.flushes - before[0]), "turns per group commit")
        if profile:
            await phases(prefix, store)
    finally:
        await store.close()


async def phases(prefix: str, store: Store) -> None:
    """Where a turn's time goes (wall time per phase, measured by wrapping the store's parts)."""
    from collections import defaultdict

    import persistence.queries as q

    acc: dict[str, float] = defaultdict(float)
    originals = {}

    def wrap(obj: Any, name: str, label: str) -> None:
        orig = getattr(obj, name)
        originals[(obj, name)] = orig

        def timed(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return orig(*a, **k)
            finally:
                acc[label] += time.perf_counter() - t

        setattr(obj, name, timed)

    import persistence.backend as b

    wrap(q.Queries, "load", "load_sql_and_decrypt")
    wrap(q.Queries, "flush", "flush_sql_and_encrypt")
    if store.dialect == "sqlite":
        from sqlalchemy.engine import Connection

        wrap(Connection, "begin", "begin_immediate")
        wrap(Connection, "commit", "commit")
    else:  # the turn's two round trips are in the rest (persistence.pgturn)
        wrap(q.Queries, "loaded", "decode_and_open")
        wrap(b, "script", "seal_and_write_script")
    try:
        n = 2000
        lat, wall = await seq_turns(store, n, 100, 200_000_000)
        total = sum(lat)
        for label, v in sorted(acc.items()):
            out(f"{prefix}_phase_{label}", v / n * 1e6, "us")
        out(f"{prefix}_phase_rest_python_asyncio_pool_thread_hop",
            (total - sum(acc.values())) / n * 1e6, "us")
    finally:
        for (obj, name), orig in originals.items():
            setattr(obj, name, orig)


# -- 1,000 vs 100,000 users -----------------------------------------------------------------------

async def prefill(store: Store, users: int) -> None:
    """Users with a live conversation and two days of update ids each, written in bulk."""
    from datetime import datetime, timezone

    q = store._q
    cipher = q.cipher
    now = datetime.now(timezone.utc)
    state = json.dumps(STATE).encode()

    def rows(start: int, stop: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
        u, c, p = [], [], []
        for i in range(start, stop):
            uid = i + 1
            u.append((uid, f"tg:{i}", now, now, "client", False, False, True))
            c.append((uid, "talk", STATE["version"], cipher.seal(state, aad("conversation", uid)), 1, now))
            p.extend(((50_000_000 + i * 2 + k, uid, now) for k in range(2)))
        return u, c, p

    if store.dialect == "sqlite":
        h = q.hot

        def go(conn: Any) -> None:
            raw = conn.connection.dbapi_connection
            for start in range(0, users, 10_000):
                u, c, p = rows(start, min(users, start + 10_000))
                raw.executemany(
                    "INSERT INTO users (id, user_key, created_at, seen_at, role, training_notes, keep_transcript, active) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(r[0], r[1], h.ts(r[2]), h.ts(r[3]), *r[4:]) for r in u])
                raw.executemany(
                    "INSERT INTO conversations (user_id, flow_id, flow_version, state, rev, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [(*r[:5], h.ts(r[5])) for r in c])
                raw.executemany("INSERT INTO processed_updates (update_id, user_id, at) VALUES (?, ?, ?)",
                                [(a, b, h.ts(d)) for a, b, d in p])

        await store._backend.run(go)
    else:
        async with store._backend.engine.connect() as aconn:
            raw = await aconn.get_raw_connection()
            pg = raw.driver_connection
            for start in range(0, users, 20_000):
                u, c, p = rows(start, min(users, start + 20_000))
                await pg.copy_records_to_table("users", records=u, columns=[
                    "id", "user_key", "created_at", "seen_at", "role", "training_notes", "keep_transcript", "active"])
                await pg.copy_records_to_table("conversations", records=c, columns=[
                    "user_id", "flow_id", "flow_version", "state", "rev", "updated_at"])
                await pg.copy_records_to_table("processed_updates", records=p, columns=["update_id", "user_id", "at"])
            await pg.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), $1)", users + 1)
            await pg.execute("ANALYZE")


async def size_bench(prefix: str, open_store: Callable[[int], Awaitable[Store]], sizes: list[int], n: int) -> None:
    """Per-turn latency by number of stored users. The stores are measured interleaved (one
    turn on each in turn) so that noise from the rest of the machine falls on all alike."""
    stores = [await open_store(users) for users in sizes]
    try:
        for store, users in zip(stores, sizes):
            await prefill(store, users)
            await seq_turns(store, 300, users, 300_000_000)  # warm up
        lat: list[list[float]] = [[] for _ in sizes]
        for i in range(n):
            for k, (store, users) in enumerate(zip(stores, sizes)):
                t = time.perf_counter()
                async with store.turn(f"tg:{(i * 7919) % users}", 301_000_000 + i) as turn:
                    state = dict(turn.conversation or STATE)
                    state["rev"] = turn.rev + 1
                    turn.set_conversation(state, "talk", STATE["version"])
                    turn.enqueue(OUTPUTS)
                lat[k].append(time.perf_counter() - t)
        means = []
        for users, xs in zip(sizes, lat):
            xs.sort()
            label = f"{users // 1000}k"
            out(f"{prefix}_{label}_users_p50", xs[len(xs) // 2] * 1e6, "us")
            out(f"{prefix}_{label}_users_p99", xs[int(len(xs) * 0.99)] * 1e6, "us")
            means.append(statistics.fmean(xs))
            out(f"{prefix}_{label}_users_mean", means[-1] * 1e6, "us")
        out(f"{prefix}_{sizes[-1] // 1000}k_vs_{sizes[0] // 1000}k_users_mean_ratio", f"{means[-1] / means[0]:.3f}")
    finally:
        for store in stores:
            await store.close()


# -- PostgreSQL scratch database -----------------------------------------------------------------

async def pg_admin(url: str, *sql: str) -> None:
    import asyncpg

    dsn = normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        for s in sql:
            await conn.execute(s)
    finally:
        await conn.close()


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer turns, 10,000 instead of 100,000 users")
    ap.add_argument("--pg", default=os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
                    or "postgresql://root@127.0.0.1:5432/test")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--profile", action="store_true", help="also print where a turn's time goes")
    args = ap.parse_args()
    logging.getLogger("persistence").setLevel(logging.ERROR)  # "generated a new data key" x many
    n = 100 if args.quick else 5000
    sizes = [1_000, 10_000] if args.quick else [1_000, 100_000]

    out("cpus", str(os.cpu_count()))
    model = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), platform.processor())
    out("cpu_model", model)
    out("python", platform.python_version())
    out("sqlite", sqlite3.sqlite_version)

    tmp = Path(tempfile.mkdtemp(prefix="between-bench-"))
    try:
        await run_all(args, tmp, n, sizes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


async def run_all(args: argparse.Namespace, tmp: Path, n: int, sizes: list[int]) -> None:
    for sync in ("FULL", "NORMAL"):
        raw_sqlite(tmp, sync, n)
    for sync in ("FULL", "NORMAL"):
        await naive_sqla(tmp, sync, n)
    for sync in ("FULL", "NORMAL"):
        path = tmp / f"store_{sync}.db"

        async def open_sqlite(path: Path = path, sync: str = sync) -> Store:
            return await Store.open(f"sqlite:///{path}", sqlite_synchronous=sync)

        fresh(path)
        await store_bench(f"store_sqlite_{sync.lower()}", open_sqlite, n, args.profile)
    async def open_sizes(users: int) -> Store:
        path = tmp / f"users_{users}.db"
        fresh(path)
        return await Store.open(f"sqlite:///{path}")

    await size_bench("store_sqlite_full", open_sizes, sizes, n)

    if not args.no_pg:
        name = f"between_bench_{secrets.token_hex(3)}"
        try:
            await pg_admin(args.pg, f'CREATE DATABASE "{name}"')
        except Exception as e:
            out("postgresql", f"skipped ({type(e).__name__}: {e})")
            return
        url = normalise_url(args.pg).set(database=name).render_as_string(hide_password=False)
        key = generate_key()
        scratch = [name]
        try:
            await upgrade_async(url)

            async def open_pg() -> Store:
                return await Store.open(url, data_key=key, pool_size=8)

            await store_bench("store_pg", open_pg, n, args.profile)

            async def open_pg_sizes(users: int) -> Store:
                db = f"{name}_{users}"
                await pg_admin(args.pg, f'CREATE DATABASE "{db}"')
                scratch.append(db)
                u = normalise_url(args.pg).set(database=db).render_as_string(hide_password=False)
                await upgrade_async(u)
                return await Store.open(u, data_key=key, pool_size=8)

            await size_bench("store_pg", open_pg_sizes, sizes, n)
        finally:
            for db in scratch:
                await pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


if __name__ == "__main__":
    asyncio.run(main())
