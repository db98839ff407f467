"""Fixtures for the store contract suite: every test runs on SQLite and on PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (e.g. postgresql://root@127.0.0.1:5432/test). Each test
run creates its own databases on that server (``between_t<random>``, and an empty sibling when a
test asks for one) and drops them at the end, in a process not waited for, so runs never
collide. Without TEST_DATABASE_URL the PostgreSQL variants
skip, saying so; with CI=true a missing or unreachable server fails them instead.
"""
from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import pytest

from persistence import Store, generate_key, upgrade
from persistence.db import normalise_url

ROOT = Path(__file__).resolve().parents[2]
KEY = generate_key()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class Clock:
    """A fake clock the store reads (tests move it instead of sleeping)."""

    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


_DROP = """
import asyncio, os, sys

import asyncpg


async def drop(names):
    conn = await asyncpg.connect(os.environ["BETWEEN_ADMIN_DSN"], timeout=30)
    try:
        for name in names:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()

asyncio.run(drop(sys.argv[1:]))
"""
_dropping: list[subprocess.Popen[bytes]] = []  # kept until the process ends, never waited for


def _admin_dsn(url: str) -> str:
    u = normalise_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin(url: str, *sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_admin_dsn(url), timeout=5)
    try:
        for s in sql:
            await conn.execute(s)
    finally:
        await conn.close()


class PgServer:
    def __init__(self, base: str) -> None:
        self.base = base
        self.name = f"between_t{secrets.token_hex(4)}"
        self.url = normalise_url(base).set(database=self.name).render_as_string(hide_password=False)
        self._empty_url: str | None = None
        self._sequences: list[str] | None = None

    def create(self) -> None:
        def go() -> None:
            asyncio.run(_admin(self.base, f'CREATE DATABASE "{self.name}"'))
            upgrade(self.url)

        _in_thread(go)

    @property
    def empty_url(self) -> str:
        """A sibling database with no schema (as on a first deploy), made when first asked for:
        few tests need it, and each database dropped costs PostgreSQL a checkpoint."""
        if self._empty_url is None:
            _in_thread(asyncio.run, _admin(self.base, f'CREATE DATABASE "{self.name}_empty"'))
            empty = normalise_url(self.base).set(database=self.name + "_empty")
            self._empty_url = empty.render_as_string(hide_password=False)
        return self._empty_url

    def drop(self) -> None:
        """Drop the databases in a process of their own, not waited for: each DROP DATABASE waits
        for a checkpoint of the whole server (a second, and far more while other databases are
        busy), at the end of a module or of a worker's run."""
        names = [self.name] + ([self.name + "_empty"] if self._empty_url else [])
        _dropping.append(subprocess.Popen([sys.executable, "-c", _DROP, *names],
                         env={**os.environ, "BETWEEN_ADMIN_DSN": _admin_dsn(self.base)},
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True))

    async def truncate(self) -> None:
        """Empty every table and restart the ids, as TRUNCATE ... RESTART IDENTITY would. DELETE,
        because TRUNCATE gives each table and index new files, and its commit waits for them to
        reach the disk: 0.2 s of waiting a test, against a few milliseconds for the few rows a test
        leaves."""
        import asyncpg

        from persistence.models import Base

        conn = await asyncpg.connect(_admin_dsn(self.url), timeout=5)
        try:
            if self._sequences is None:
                rows = await conn.fetch("SELECT schemaname, sequencename FROM pg_sequences")
                self._sequences = [f'"{schema}"."{name}"' for schema, name in rows]
            tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
            restarts = [f"ALTER SEQUENCE {s} RESTART" for s in self._sequences]
            await conn.execute(";\n".join([*(f'DELETE FROM "{t}"' for t in tables), *restarts]))
        finally:
            await conn.close()


def _in_thread(fn: Any, *args: Any) -> Any:
    """Run blocking set-up (which may call asyncio.run) off the test's event loop."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as ex:
        return ex.submit(fn, *args).result()


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but PostgreSQL is not usable: {reason}", pytrace=False)
    pytest.skip(reason)


def scratch_database() -> Iterator[PgServer]:
    """A PostgreSQL database of its own, dropped afterwards (for a module's fixture: ``yield from``);
    skips, or fails on CI, without a usable server."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        _unavailable("TEST_DATABASE_URL is not set (e.g. postgresql://root@127.0.0.1:5432/test): PostgreSQL variant not run")
    server = PgServer(base)
    try:
        server.create()
    except Exception as err:
        _unavailable(f"PostgreSQL at TEST_DATABASE_URL is unreachable or unusable: {type(err).__name__}: {err}")
    try:
        yield server
    finally:
        server.drop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    server = PgServer(base)
    try:
        server.create()
    except Exception as e:  # reported per test by the `pg` fixture
        server.error = f"{type(e).__name__}: {e}"  # type: ignore[attr-defined]
        yield server
        return
    try:
        yield server
    finally:
        server.drop()


@pytest.fixture
def pg(pg_server: PgServer | None) -> PgServer:
    if pg_server is None:
        _unavailable("TEST_DATABASE_URL is not set (e.g. postgresql://root@127.0.0.1:5432/test): PostgreSQL variant not run")
    err = getattr(pg_server, "error", None)
    if err:
        _unavailable(f"PostgreSQL at TEST_DATABASE_URL is unreachable or unusable: {err}")
    return pg_server  # type: ignore[return-value]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> "Db":
    """Where a test's store lives: a fresh SQLite file, or the run's PostgreSQL database
    emptied for the test."""
    if backend == "sqlite":
        return Db("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'between.db'}", None, tmp_path)
    server: PgServer = request.getfixturevalue("pg")
    await server.truncate()
    return Db("postgresql", server.url, server, tmp_path)


class Db:
    def __init__(self, kind: str, url: str, server: PgServer | None, tmp: Path) -> None:
        self.kind = kind
        self.url = url
        self.server = server
        self.tmp = tmp
        # SQLite uses its key file (the default); PostgreSQL needs the key.
        self.key = None if kind == "sqlite" else KEY

    async def open(self, **kw: Any) -> Store:
        kw.setdefault("data_key", self.key)
        return await Store.open(self.url, **kw)


@pytest.fixture
async def store(db: Db, clock: Clock) -> AsyncIterator[Store]:
    s = await db.open(clock=clock)
    try:
        yield s
    finally:
        await s.close()
