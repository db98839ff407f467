"""WAL checkpoints run beside the turns, not inside one (persistence/checkpoint.py)."""
from __future__ import annotations

import sqlite3
import time
from typing import Any

from persistence import Store, generate_key
from persistence.checkpoint import Checkpointer


def test_the_checkpointer_copies_the_log_into_the_database_file(tmp_path):
    path = tmp_path / "wal.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (b BLOB)")
    conn.execute("INSERT INTO t VALUES (?)", (b"x" * 1_000_000,))
    assert path.stat().st_size < 100_000  # all of it still in the write-ahead log
    checkpointer = Checkpointer(path, "FULL", every=0.01)
    checkpointer.start()
    try:
        deadline = time.monotonic() + 10
        while path.stat().st_size < 1_000_000 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        checkpointer.stop()
    assert path.stat().st_size >= 1_000_000
    assert conn.execute("SELECT length(b) FROM t").fetchone() == (1_000_000,)
    conn.close()


async def test_a_file_store_leaves_checkpoints_to_the_checkpointer(tmp_path):
    store = await Store.open(f"sqlite:///{tmp_path / 'b.db'}", data_key=generate_key())
    try:
        async with store.turn("tg:1", 1) as t:
            t.enqueue([{"kind": "say", "text": "hello"}])
        raw = store._backend._conn.connection.dbapi_connection
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)
        assert store._backend._checkpointer is not None
    finally:
        await store.close()
    assert store._backend._checkpointer is None


async def test_a_relaxed_turn_commits_and_leaves_the_connection_as_durable_as_before(tmp_path):
    url, key = f"sqlite:///{tmp_path / 'r.db'}", generate_key()
    store = await Store.open(url, data_key=key)
    raw = store._backend._conn.connection.dbapi_connection
    full = raw.execute("PRAGMA synchronous").fetchone()
    seen: list[tuple[int]] = []
    flush = store._q.flush

    def watching(conn: Any, writes: Any) -> list[int]:  # the level the writes commit at
        seen.append(raw.execute("PRAGMA synchronous").fetchone())
        return flush(conn, writes)

    store._q.flush = watching
    async with store.turn("tg:2", relaxed=True) as t:
        t.set_conversation({"state": "checkin"}, "checkin", "v1")
    async with store.turn("tg:3") as t:
        t.set_conversation({"state": "checkin"}, "checkin", "v1")
    assert seen == [(1,), (2,)]  # NORMAL for the relaxed turn only, FULL for the next
    assert raw.execute("PRAGMA synchronous").fetchone() == full == (2,)
    await store.close()
    store = await Store.open(url, data_key=key)
    async with store.turn("tg:2") as t:
        assert t.conversation == {"state": "checkin"}
    await store.close()
