"""Encryption at rest, keys, unreachable databases, schema checks and transient failures."""
from __future__ import annotations

import asyncio
import logging
import sqlite3
import stat

import pytest

from persistence import (
    DataKeyError,
    SchemaError,
    Store,
    StoreUnavailable,
    generate_key,
)
from persistence.models import Base

from .conftest import KEY
from .helpers import raw
from .test_store_contract import PHRASE, STATE, _populate


def _files(db) -> dict[str, bytes]:
    path = db.tmp / "between.db"
    return {p.name: p.read_bytes() for p in (path, path.with_name("between.db-wal"), path.with_name("between.db-shm")) if p.exists()}


async def test_nothing_a_client_typed_is_readable_in_the_database(db, store: Store, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    await _populate(store, "tg:1", 1)
    await store.export_user("tg:1")
    needles = [PHRASE.encode(), b"Zebra-Quartz", PHRASE.encode("utf-16-le")]
    if db.kind == "sqlite":
        files = _files(db)
        assert "between.db-wal" in files and len(files["between.db-wal"]) > 0  # the turn is in the WAL now
        for name, data in files.items():
            for needle in needles:
                assert needle not in data, f"client text found in {name}"
        await store.close()
        for name, data in _files(db).items():  # after the checkpoint into the main file
            for needle in needles:
                assert needle not in data, f"client text found in {name}"
    else:
        for table in Base.metadata.sorted_tables:
            for (row,) in await raw(db, f"SELECT t::text FROM {table.name} t"):
                assert "Zebra-Quartz" not in row and b"Zebra-Quartz".hex() not in row, table.name
    for rec in caplog.records:
        assert "Zebra" not in rec.getMessage(), "client text in a log line"


async def test_key_file_is_created_0600_and_reused(db, store: Store) -> None:
    if db.kind != "sqlite":
        pytest.skip("PostgreSQL always takes BETWEEN_DATA_KEY")
    keyfile = db.tmp / "between.db.key"
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    async with store.turn("tg:1", 1) as t:
        t.set_conversation(STATE, "talk", "h1")
    await store.close()
    again = await Store.open(db.url)
    async with again.turn("tg:1", 2) as t:
        assert t.conversation == STATE
    await again.close()
    # the key may live elsewhere
    other = db.tmp / "keys"
    other.mkdir()
    s = await Store.open(f"sqlite:///{db.tmp / 'second.db'}", key_file_dir=other)
    await s.close()
    assert stat.S_IMODE((other / "second.db.key").stat().st_mode) == 0o600
    assert not (db.tmp / "second.db.key").exists()


async def test_an_explicit_key_works_on_sqlite_without_a_key_file(tmp_path) -> None:
    key = generate_key()
    url = f"sqlite:///{tmp_path / 'k.db'}"
    s = await Store.open(url, data_key=key)
    async with s.turn("tg:1", 1) as t:
        t.set_conversation(STATE, "talk", "h1")
    await s.close()
    assert not (tmp_path / "k.db.key").exists()
    with pytest.raises(DataKeyError):  # without the key: refused, no new key file made up
        await Store.open(url)
    s = await Store.open(url, data_key=key)
    async with s.turn("tg:1", 2) as t:
        assert t.conversation == STATE
    await s.close()


async def test_unreachable_postgresql_names_the_host_not_the_password() -> None:
    with pytest.raises(StoreUnavailable) as e:
        await Store.open("postgres://someone:s3cretpw@127.0.0.1:1/between", data_key=KEY)
    msg = str(e.value)
    assert "127.0.0.1:1" in msg and "between" in msg and "s3cretpw" not in msg
    assert e.value.transient


async def test_sqlite_in_a_missing_directory_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(StoreUnavailable, match="does not exist"):
        await Store.open(f"sqlite:///{tmp_path / 'no' / 'such' / 'between.db'}")


async def test_postgresql_schema_behind_is_refused(pg) -> None:
    with pytest.raises(SchemaError, match="between db upgrade"):
        await Store.open(pg.empty_url, data_key=KEY)


async def test_sqlite_schema_from_the_future_is_refused(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    await (await Store.open(url)).close()
    conn = sqlite3.connect(tmp_path / "f.db")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="newer version"):
        await Store.open(url)


class _OnRetry(logging.Handler):
    """Calls ``fn`` the first time the store says it is retrying."""

    def __init__(self, fn) -> None:
        super().__init__()
        self.fn = fn
        self.seen = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.getMessage():
            self.seen += 1
            if self.seen == 1:
                self.fn()


async def test_sqlite_turn_waits_out_another_process_lock(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    store = await Store.open(url, busy_timeout=0.05, retry_for=5)
    other = sqlite3.connect(tmp_path / "l.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    handler = _OnRetry(lambda: other.execute("COMMIT"))
    logger = logging.getLogger("persistence")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        async with store.turn("tg:1", 1) as t:
            t.set_conversation(STATE, "talk", "h1")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert handler.seen >= 1
    # held for longer than retry_for: a clear, transient error and nothing written
    other.execute("BEGIN IMMEDIATE")
    store.retry_for = 0.2
    with pytest.raises(StoreUnavailable, match="did not answer") as e:
        async with store.turn("tg:1", 2) as t:
            pass
    assert e.value.transient
    other.execute("COMMIT")
    other.close()
    async with store.turn("tg:1", 2) as t:
        assert not t.duplicate and t.conversation == STATE
    await store.close()


async def _kill_connections(pg) -> int:
    import asyncpg

    from .conftest import _admin_dsn

    conn = await asyncpg.connect(_admin_dsn(pg.base))
    try:
        return len(
            await conn.fetch(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                pg.name,
            )
        )
    finally:
        await conn.close()


async def test_postgresql_connection_loss_is_retried(pg) -> None:
    await pg.truncate()
    store = await Store.open(pg.url, data_key=KEY)
    try:
        async with store.turn("tg:1", 1) as t:
            t.set_conversation(STATE, "talk", "h1")
        assert await _kill_connections(pg) >= 1  # the pooled connection is now dead
        async with store.turn("tg:1", 2) as t:  # opening the turn retries on a new connection
            assert t.conversation == STATE
            t.enqueue([{"n": 1}])

        calls = 0

        async def step(t) -> str:
            nonlocal calls
            calls += 1
            t.set_conversation({"n": t.rev + 1}, "talk", "h1")
            t.enqueue([{"n": 2}])
            if calls == 1:
                await _kill_connections(pg)  # dies mid-turn: the whole turn runs again
            return "done"

        with pytest.raises(StoreUnavailable) as died:
            async with store.turn("tg:1", 3) as t:
                await step(t)
        assert died.value.transient  # nothing written: the update comes again
        async with store.turn("tg:1", 3) as t:
            assert await step(t) == "done"
        assert calls == 2
        async with store.turn("tg:1", 3) as t:
            assert t.duplicate  # the update is done
        async with store.turn("tg:1", 4) as t:
            assert t.conversation == {"n": 2} and t.rev == 2
        assert [i.payload["n"] for i in await store.outbox_pending()] == [1, 2]
    finally:
        await store.close()


async def test_postgresql_pool_exhausted_is_transient_and_passes(pg) -> None:
    """Every pooled connection busy for longer than the store retries: the turn fails as
    transient (the update comes again), not as a bug that earns the client an apology."""
    await pg.truncate()
    store = await Store.open(pg.url, data_key=KEY, pool_size=1, retry_for=0.3)  # 2 connections
    release = asyncio.Event()
    held = 0

    async def hold(user: str) -> None:
        nonlocal held
        async with store.turn(user) as t:
            t.enqueue([{"n": 1}])
            held += 1
            await release.wait()

    holders = [asyncio.create_task(hold(f"tg:{n}")) for n in (1, 2)]
    try:
        while held < 2:
            await asyncio.sleep(0.01)
        with pytest.raises(StoreUnavailable) as err:
            async with store.turn("tg:3", 3) as t:
                t.enqueue([{"n": 3}])
        assert err.value.transient
        release.set()
        await asyncio.gather(*holders)
        async with store.turn("tg:3", 3) as t:  # its redelivery
            assert not t.duplicate
            t.enqueue([{"n": 3}])
    finally:
        release.set()
        await asyncio.gather(*holders, return_exceptions=True)
        await store.close()
