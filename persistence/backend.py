"""How the store's SQL reaches each database.

All SQL is written once, as plain functions over a synchronous SQLAlchemy ``Connection``
(``persistence.queries``). A backend runs those functions inside transactions:

* **SQLite** — one connection owned by one dedicated thread. A whole phase of a turn (BEGIN +
  load; or writes + COMMIT) is a single hop into that thread. aiosqlite, by contrast, hops
  threads for every cursor call (execute, fetch, close...), which is where most of a naive
  SQLAlchemy + aiosqlite turn's time goes. Writers are serialised in-process by an asyncio lock
  and across processes by ``BEGIN IMMEDIATE`` + the busy timeout.
* **PostgreSQL** — an asyncpg pool through SQLAlchemy's asyncio engine; the functions run under
  ``AsyncConnection.run_sync``. A turn first takes ``pg_advisory_xact_lock`` on a 64-bit hash of
  the user key (released by COMMIT/ROLLBACK), so one user's turns never interleave while other
  users' turns run in parallel.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .checkpoint import Checkpointer
from .db import sqlite_path

T = TypeVar("T")
log = logging.getLogger("persistence")

# PostgreSQL SQLSTATEs worth retrying: connection trouble, server going down/starting, too many
# connections, serialization failure, deadlock, lock timeout, the server's disk full or failing.
_PG_TRANSIENT_PREFIXES = ("08", "57P")
_PG_TRANSIENT = {"53300", "40001", "40P01", "55P03", "53000", "53100", "58030"}
_SQLITE_IOERR, _SQLITE_FULL = 10, 13  # primary result codes (the low byte of extended codes)


def lock_id(user_key: str) -> int:
    """A stable signed 64-bit number for a user key (advisory lock id)."""
    return int.from_bytes(hashlib.blake2b(user_key.encode(), digest_size=8).digest(), "big", signed=True)


def disk_fault(exc: BaseException) -> str | None:
    """"full" or "I/O error" when the database's disk is full or failing, else None. Both are
    transient: the transaction was rolled back, and it will commit once the disk is fixed."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        code &= 0xFF
        return "full" if code == _SQLITE_FULL else "I/O error" if code == _SQLITE_IOERR else None
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state == "53100":
        return "full"
    if state == "58030":
        return "I/O error"
    cause = getattr(orig, "__cause__", None)
    return disk_fault(cause) if cause is not None and cause is not orig else None


class DiskAlarm:
    """One operator line when the database's disk fills up or fails, and one when it works
    again, however many turns fail meanwhile. Never anything a client wrote."""

    __slots__ = ("where", "fault")

    def __init__(self, where: str) -> None:
        self.where = where
        self.fault: str | None = None

    def failed(self, exc: BaseException) -> None:
        fault = disk_fault(exc)
        if fault is None or fault == self.fault:
            return
        self.fault = fault
        if fault == "full":
            log.error("database disk is full at %s: free space; updates are held and will be "
                      "retried", self.where)
        else:
            log.error("database disk I/O error at %s: check the disk; updates are held and will "
                      "be retried", self.where)

    def ok(self) -> None:
        if self.fault is not None:
            self.fault = None
            log.warning("database disk at %s works again; held updates are being processed",
                        self.where)


def is_transient(exc: BaseException) -> bool:
    """Whether trying the whole transaction again may succeed."""
    if isinstance(exc, (OSError, asyncio.TimeoutError, ConnectionError, PoolTimeout)):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        msg = str(exc).lower()
        return "locked" in msg or "busy" in msg or disk_fault(exc) is not None
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig = exc.orig
        if isinstance(orig, sqlite3.OperationalError):
            return is_transient(orig)
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        if isinstance(code, str) and (code in _PG_TRANSIENT or code.startswith(_PG_TRANSIENT_PREFIXES)):
            return True
        cause = getattr(orig, "__cause__", None)
        if cause is not None and cause is not exc and is_transient(cause):
            return True
        if isinstance(exc, (OperationalError, InterfaceError)):
            msg = str(orig).lower()
            return any(s in msg for s in ("connection", "closed", "terminat", "timeout", "locked"))
    return False


def guarded(conn: Connection, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(conn, *args)``, turning a raw driver error (the turn's statements run on the
    driver's cursor) into SQLAlchemy's ``DBAPIError``, with the connection invalidated when the
    driver says it is gone, as SQLAlchemy itself would do."""
    dialect = conn.dialect
    base = dialect.loaded_dbapi.Error
    try:
        return fn(conn, *args)
    except base as e:
        try:
            dbapi_conn = conn.connection.dbapi_connection
        except Exception:
            dbapi_conn = None
        try:
            gone = bool(dialect.is_disconnect(e, dbapi_conn, None))
        except Exception:
            gone = False
        if gone:
            try:
                # as SQLAlchemy does on a disconnect: every pooled connection older than now is
                # replaced on its next checkout (the server probably restarted), and this one now
                conn.engine.pool._invalidate(conn.connection, e)
            except Exception:
                pass
            try:
                conn.invalidate(e)
            except Exception:
                pass
        raise DBAPIError.instance(
            None, None, e, base, connection_invalidated=gone, dialect=dialect
        ) from e


class Tx:
    """An open turn transaction. ``run`` executes fn(conn, *args) in it."""

    async def run(self, fn: Callable[..., T], *args: Any) -> T:  # pragma: no cover - interface
        raise NotImplementedError

    async def commit(self, fn: Callable[..., Any] | None = None, *args: Any) -> None:
        raise NotImplementedError

    async def rollback(self) -> None:
        raise NotImplementedError


# -- SQLite ------------------------------------------------------------------------------------

class SqliteBackend:
    """One connection, used under one asyncio lock.

    A turn's first phase (BEGIN IMMEDIATE + load) and its reads run inline on the event loop:
    they take microseconds and never wait, because after ``ready()`` the connection's busy
    timeout is 0 (a lock held by another process is ``database is locked`` at once, and the
    store retries after an asyncio sleep). COMMIT, which may fsync and checkpoint, runs in the
    store's one thread so the event loop keeps serving while the disk works. The lock is only
    released once the thread is done with the connection, even if the awaiting task is
    cancelled, so the connection is never used by two threads at once.
    """

    name = "sqlite"
    first_retry_delay = 0.002  # another local process holds the write lock: it will be quick

    def __init__(self, engine: Engine, synchronous: str = "FULL") -> None:
        path = sqlite_path(engine.url)
        self._memory = path is None
        self.alarm = DiskAlarm(str(path.parent) if path is not None else "memory")
        self.engine = engine
        self.dialect = engine.dialect
        self.synchronous = synchronous.upper()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="between-sqlite")
        self._conn: Connection | None = None
        self._lock = asyncio.Lock()
        self._checkpointer: Checkpointer | None = None  # a file database: checkpoints off the turn path
        self._ready = False
        self._closed = False

    async def _in_thread(self, fn: Callable[..., T], *args: Any, release: bool = False) -> T:
        """Run fn in the store's thread; with ``release``, free the lock when it has finished
        (not before, whatever happens to the awaiting task)."""
        fut = asyncio.get_running_loop().run_in_executor(self._thread, fn, *args)
        if release:
            fut.add_done_callback(lambda _f: self._lock.release())
        return await asyncio.shield(fut)

    async def start(self, setup: Callable[[Connection], T]) -> T:
        """Connect and run ``setup(conn)`` (migrations, key check) in the store's thread, with
        the busy timeout the engine was made with (waits for another process's migration)."""

        def go() -> T:
            self._conn = self.engine.connect()
            return setup(self._conn)

        return await self._in_thread(go)

    async def ready(self) -> None:
        """From now on never block on another process's lock (see the class docstring), and
        leave WAL checkpoints to the checkpointer (persistence/checkpoint.py)."""
        path = sqlite_path(self.engine.url)
        if path is not None:
            self._checkpointer = Checkpointer(path, self.synchronous)
        await self._lock.acquire()
        await self._in_thread(self._set_running, release=True)
        if self._checkpointer is not None:
            self._checkpointer.start()

    def _set_running(self) -> None:
        self._ready = True
        self._pragma("busy_timeout=0")
        if self._checkpointer is not None:
            self._pragma("wal_autocheckpoint=0")

    def _live(self) -> Connection:
        """The connection, opened again if a failure made the store drop it."""
        if self._closed:
            raise StoreClosed()
        if self._conn is None:
            self._conn = self.engine.connect()
            if self._ready:
                self._set_running()
        return self._conn

    def _recover(self) -> None:
        """After a failed statement or COMMIT: nothing of the transaction may remain and the
        connection must be usable for the next one. A COMMIT that failed (disk full, I/O
        error) leaves SQLAlchemy's transaction in place until a rollback, and may leave
        SQLite's open; if rolling back fails too, the connection is dropped (SQLite rolls back
        what it had) and the next transaction opens a new one."""
        conn = self._conn
        if conn is None:
            return
        try:
            conn.rollback()  # (a no-op without a transaction; clears one whose COMMIT failed)
            raw = conn.connection.dbapi_connection
            if raw is not None and raw.in_transaction:
                raw.rollback()
            if raw is not None and not raw.in_transaction:
                return
        except Exception as err:
            log.warning("rolling back failed (%s); reopening the database connection",
                        type(err).__name__)
        if self._memory:  # (dropping it would drop the database)
            return
        self._conn = None
        try:
            conn.invalidate()
        except Exception:
            pass

    def _pragma(self, setting: str) -> None:
        assert self._conn is not None
        self._conn.connection.dbapi_connection.execute(f"PRAGMA {setting}")

    # A relaxed transaction's commit reaches the operating system, not the disk (WAL with
    # synchronous=NORMAL: it survives the process dying, not a power cut). The level can only
    # change between transactions. With the checkpointer running no commit of ours checkpoints
    # either, so a relaxed commit takes microseconds: it runs inline, without a thread hop.
    def _relax(self) -> None:
        if self.synchronous in ("FULL", "EXTRA"):
            self._pragma("synchronous=NORMAL")

    def _unrelax(self) -> None:
        self._pragma(f"synchronous={self.synchronous}")

    async def close(self) -> None:
        self._closed = True
        if self._checkpointer is not None:  # closing the last connection checkpoints by itself
            await asyncio.get_running_loop().run_in_executor(None, self._checkpointer.stop)
            self._checkpointer = None
        await self._lock.acquire()

        def go() -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self.engine.dispose()

        try:
            await self._in_thread(go, release=True)
        finally:
            self._thread.shutdown(wait=True)

    # one whole transaction, outside turns
    async def run(self, fn: Callable[..., T], *args: Any, write: bool = True, relaxed: bool = False) -> T:
        await self._lock.acquire()
        if relaxed and self._checkpointer is not None:
            try:
                return self._whole(fn, args, write, relaxed)
            finally:
                self._lock.release()
        return await self._in_thread(self._whole, fn, args, write, relaxed, release=True)

    def _whole(self, fn: Callable[..., T], args: tuple[Any, ...], write: bool, relaxed: bool = False) -> T:
        conn = self._live()
        if relaxed:
            self._relax()
            try:
                return self._whole(fn, args, write)
            finally:
                self._unrelax()
        if not write:
            conn.info["between_begin"] = "BEGIN"
        try:
            conn.begin()
        except BaseException:
            self._recover()
            raise
        finally:
            conn.info.pop("between_begin", None)
        try:
            result = guarded(conn, fn, *args)
            conn.commit()
        except BaseException as err:
            self._recover()
            self.alarm.failed(err)
            raise
        self.alarm.ok()
        return result

    async def begin(self, lock_key: str, relaxed: bool = False) -> "SqliteTx":
        await self._lock.acquire()
        relaxed = relaxed and self._checkpointer is not None  # (an in-memory database never syncs)
        if relaxed:
            try:
                self._live()
                self._relax()
            except BaseException:
                self._lock.release()
                raise
        return SqliteTx(self, relaxed)


class StoreClosed(RuntimeError):
    pass


class SqliteTx(Tx):
    __slots__ = ("_b", "_done", "_relaxed")

    def __init__(self, backend: SqliteBackend, relaxed: bool = False) -> None:
        self._b = backend
        self._done = False
        self._relaxed = relaxed

    def _settle(self) -> None:
        """After the transaction: the connection's own durability again."""
        if self._relaxed and self._b._conn is not None:
            self._relaxed = False
            self._b._unrelax()

    def _in(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        conn = self._b._live()
        if not conn.in_transaction():
            conn.begin()
        return guarded(conn, fn, *args)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        try:
            return self._in(fn, args)  # inline: short, and never waits for a lock (busy timeout 0)
        except BaseException as err:  # a statement may meet the full disk before COMMIT does
            self._b.alarm.failed(err)
            raise

    def _commit(self, fn: Callable[..., Any] | None, args: tuple[Any, ...]) -> None:
        conn = self._b._live()
        try:
            if fn is not None:
                self._in(fn, args)
            if conn.in_transaction():
                conn.commit()
        except BaseException as err:
            self._b._recover()
            self._b.alarm.failed(err)
            raise
        finally:
            self._settle()
        self._b.alarm.ok()

    async def commit(self, fn: Callable[..., Any] | None = None, *args: Any) -> None:
        self._done = True
        if self._relaxed:  # inline (SqliteBackend._relax)
            try:
                return self._commit(fn, args)
            finally:
                self._b._lock.release()
        await self._b._in_thread(self._commit, fn, args, release=True)

    async def rollback(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._b._recover()  # discards the transaction's pages: no I/O worth a thread hop
            self._settle()
        finally:
            self._b._lock.release()


# -- PostgreSQL --------------------------------------------------------------------------------

def _pg_lock(conn: Connection, lock: int) -> None:
    # on the driver's cursor, like the turn's other statements (persistence.queries.Hot)
    conn.connection.dbapi_connection.cursor().execute("SELECT pg_advisory_xact_lock($1::BIGINT)", (lock,))


async def _pg_relax(aconn: Any) -> None:
    """This transaction's commit does not wait for the server's disk (it survives our crash, not
    the server's)."""
    await aconn.exec_driver_sql("SET LOCAL synchronous_commit = off")


class PgBackend:
    name = "postgresql"
    first_retry_delay = 0.05

    def __init__(self, engine: Any, where: str = "the PostgreSQL server") -> None:  # AsyncEngine
        self.engine = engine
        self.dialect = engine.dialect
        self.alarm = DiskAlarm(where)

    async def start(self, setup: Callable[[Connection], T]) -> T:
        async with self.engine.connect() as aconn:
            result = await aconn.run_sync(setup)
            await aconn.commit()
            return result

    async def ready(self) -> None:
        pass

    async def close(self) -> None:
        await self.engine.dispose()

    async def run(self, fn: Callable[..., T], *args: Any, write: bool = True, relaxed: bool = False) -> T:
        try:
            async with self.engine.connect() as aconn:
                await aconn.begin()
                if relaxed:
                    await _pg_relax(aconn)
                result = await aconn.run_sync(guarded, fn, *args)
                await aconn.commit()
        except Exception as err:
            self.alarm.failed(err)
            raise
        self.alarm.ok()
        return result

    async def begin(self, lock_key: str, relaxed: bool = False) -> "PgTx":
        aconn = await self.engine.connect()
        try:
            # Begin explicitly: the turn's statements run on the driver cursor, so SQLAlchemy
            # would not know there is a transaction to commit.
            await aconn.begin()
            if relaxed:
                await _pg_relax(aconn)
        except BaseException:
            await aconn.close()
            raise
        return PgTx(aconn, lock_id(lock_key), self.alarm)


class PgTx(Tx):
    __slots__ = ("_c", "_lock", "_done", "_alarm")

    def __init__(self, aconn: Any, lock: int, alarm: DiskAlarm) -> None:
        self._c = aconn
        self._lock: int | None = lock
        self._done = False
        self._alarm = alarm

    def _in(self, conn: Connection, fn: Callable[..., T], *args: Any) -> T:
        if self._lock is not None:
            lock, self._lock = self._lock, None
            guarded(conn, _pg_lock, lock)
        return guarded(conn, fn, *args)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        try:
            return await self._c.run_sync(self._in, fn, *args)
        except BaseException as err:  # a statement may meet the full disk before COMMIT does
            self._alarm.failed(err)
            raise

    async def commit(self, fn: Callable[..., Any] | None = None, *args: Any) -> None:
        try:
            if fn is not None:
                await self._c.run_sync(self._in, fn, *args)
            await self._c.commit()
        except BaseException as err:
            await self._abort()
            self._alarm.failed(err)
            raise
        self._done = True
        self._alarm.ok()
        await self._close()

    async def rollback(self) -> None:
        if not self._done:
            await self._abort()

    async def _abort(self) -> None:
        self._done = True
        try:
            await asyncio.shield(self._c.rollback())
        except Exception:
            # A broken connection: dropping it rolls the transaction back on the server.
            try:
                await self._c.invalidate()
            except Exception:
                pass
        await self._close()

    async def _close(self) -> None:
        try:
            await asyncio.shield(self._c.close())
        except Exception:
            pass
