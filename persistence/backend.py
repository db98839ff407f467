"""How the store's SQL reaches each database.

All SQL is written once, as plain functions over a synchronous SQLAlchemy ``Connection``
(``persistence.queries``). A backend runs those functions inside transactions:

* **SQLite** — a writer connection owned by one dedicated thread, and a reader used inline on
  the event loop. A turn loads on the reader (no write lock), and its writes join a group
  commit: the turns that finished while the previous flush was on its way to the disk commit
  together, each in its own savepoint, in one hop into the thread and one fsync. aiosqlite, by
  contrast, hops threads for every cursor call (execute, fetch, close...), which is where most
  of a naive SQLAlchemy + aiosqlite turn's time goes. One user's turns are serialised
  in-process by a lock per user, and across processes by a version check at commit.
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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .checkpoint import Checkpointer
from .db import sqlite_path
from .errors import StoreUnavailable as StoreUnavailableError
from .errors import TurnConflict
from .pgturn import PgTurnSql, fits, script
from .queries import Hot, Loaded, Queries
from .writes import TurnWrites

T = TypeVar("T")
log = logging.getLogger("persistence")

# PostgreSQL SQLSTATEs worth retrying: connection trouble, server going down/starting, too many
# connections, serialization failure, deadlock, lock timeout, the server's disk full or failing.
_PG_TRANSIENT_PREFIXES = ("08", "57P")
_PG_TRANSIENT = {"53300", "40001", "40P01", "55P03", "53000", "53100", "58030"}
_SQLITE_IOERR, _SQLITE_FULL = 10, 13  # primary result codes (the low byte of extended codes)


def lock_id(user_key: str) -> int:
    """A stable signed 64-bit number for a user key (advisory lock id)."""
    return int.from_bytes(
        hashlib.blake2b(user_key.encode(), digest_size=8).digest(), "big", signed=True
    )


def disk_fault(exc: BaseException) -> str | None:
    """ "full" or "I/O error" when the database's disk is full or failing, else None. Both are
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
            log.error(
                "database disk is full at %s: free space; updates are held and will be retried",
                self.where,
            )
        else:
            log.error(
                "database disk I/O error at %s: check the disk; updates are held and will "
                "be retried",
                self.where,
            )

    def ok(self) -> None:
        if self.fault is not None:
            self.fault = None
            log.warning(
                "database disk at %s works again; held updates are being processed", self.where
            )


def is_transient(exc: BaseException) -> bool:
    """Whether trying the whole transaction again may succeed."""
    if isinstance(exc, (OSError, asyncio.TimeoutError, ConnectionError, PoolTimeout)):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        msg = str(exc).lower()
        return "locked" in msg or "busy" in msg or disk_fault(exc) is not None
    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str) and not isinstance(exc, DBAPIError):  # asyncpg's own (a turn)
        return state in _PG_TRANSIENT or state.startswith(_PG_TRANSIENT_PREFIXES)
    if type(exc).__module__.startswith("asyncpg"):  # "connection is closed" and the like
        if type(exc).__name__ in ("InterfaceError", "InternalClientError"):
            return True  # the client's side of the connection is broken: a new one will do
        msg = str(exc).lower()
        return any(s in msg for s in ("connection", "closed", "terminat", "timeout"))
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig = exc.orig
        if isinstance(orig, sqlite3.OperationalError):
            return is_transient(orig)
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        if isinstance(code, str) and (
            code in _PG_TRANSIENT or code.startswith(_PG_TRANSIENT_PREFIXES)
        ):
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

    async def commit(self, fn: Callable[..., T] | None = None, *args: Any) -> T | None:
        """Run ``fn(conn, *args)`` (the writes) and commit; returns what fn returned."""
        raise NotImplementedError

    async def rollback(self) -> None:
        raise NotImplementedError

    async def load(self, q: Queries, user_key: str, update_id: int | None) -> Loaded:
        """The turn's first read (``Queries.load``)."""
        return await self.run(q.load, user_key, update_id)

    async def commit_turn(self, q: Queries, writes: TurnWrites) -> list[int]:
        """Write a turn and commit; returns the new outbox ids."""
        return await self.commit(q.flush, writes) or []


# -- SQLite ------------------------------------------------------------------------------------


class UserLocks:
    """One asyncio lock per user key, kept only while someone holds or waits for it: one
    user's turns run one after the other in this process, different users' side by side."""

    __slots__ = ("_locks",)

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    async def acquire(self, key: str) -> None:
        lock, count = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        count[0] += 1
        try:
            await lock.acquire()
        except BaseException:
            self._forget(key, count)
            raise

    def release(self, key: str) -> None:
        lock, count = self._locks[key]
        lock.release()
        self._forget(key, count)

    def _forget(self, key: str, count: list[int]) -> None:
        count[0] -= 1
        if count[0] == 0:
            del self._locks[key]


class _Flush:
    """One transaction's work waiting for a group commit, and who waits for its outcome."""

    __slots__ = ("fn", "args", "relaxed", "future", "user_key")

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        relaxed: bool,
        future: asyncio.Future[Any],
        user_key: str | None,
    ) -> None:
        self.fn = fn
        self.args = args
        self.relaxed = relaxed
        self.future = future
        self.user_key = user_key


@dataclass(slots=True)
class GroupStats:
    """How many transactions each group commit carried (the bench reports it)."""

    flushes: int = 0
    turns: int = 0
    largest: int = 0

    def add(self, size: int) -> None:
        self.flushes += 1
        self.turns += size
        self.largest = max(self.largest, size)

    mark_commits: int = 0  # transactions that marked messages sent
    marks: int = 0  # the messages' mark_sent calls they carried

    def marked(self, calls: int) -> None:
        self.mark_commits += 1
        self.marks += calls


class SqliteBackend:
    """Two connections: a writer, owned by the store's one thread, and a reader used inline
    on the event loop (WAL: reads never wait for the writer).

    A turn holds only its user's lock while it loads (on the reader, no write lock) and runs.
    Its writes wait for a **group commit**: whatever turns finished while the previous flush
    was on its way to the disk go in one transaction, each in its own SAVEPOINT (one failing
    turn does not sink the others), with one fsync; a lone turn commits at once. Each turn's
    writes first check that its user's version (``users.rev``) is still what the turn loaded,
    so another process writing the same file meanwhile makes the turn run again
    (``TurnConflict``) instead of writing over it. Writers across processes take turns with
    ``BEGIN IMMEDIATE``; after ``ready()`` the busy timeout is 0 (a lock held by another
    process is ``database is locked`` at once, and the flush is retried after an asyncio
    sleep). COMMIT, which may fsync, runs in the store's thread, so the event loop keeps
    serving while the disk works. The writer lock is released only once the thread is done
    with the connection, even if the awaiting task is cancelled.
    """

    name = "sqlite"
    first_retry_delay = 0.002  # another local process holds the write lock: it will be quick

    def __init__(
        self,
        engine: Engine,
        synchronous: str = "FULL",
        retry_for: float = 10.0,
        where: str = "SQLite database",
    ) -> None:
        path = sqlite_path(engine.url)
        self.where = where
        self._memory = path is None  # one connection for all; everything inline (no fsync)
        self.alarm = DiskAlarm(str(path.parent) if path is not None else "memory")
        self.engine = engine
        self.dialect = engine.dialect
        self.synchronous = synchronous.upper()
        self.retry_for = retry_for
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="between-sqlite")
        self._conn: Connection | None = None
        self._reader: Connection | None = None
        self._lock = asyncio.Lock()  # the writer connection
        self.users = UserLocks()
        self._queue: list[_Flush] = []
        # sent messages waiting together for a busy writer (see mark_sent)
        self._marks: list[tuple[list[int], asyncio.Future[int]]] | None = None
        self._keep: set[asyncio.Future[None]] = set()
        self._committer: asyncio.Task[None] | None = None
        self.stats = GroupStats()
        self._checkpointer: Checkpointer | None = None  # a file database: checkpoints aside
        self._relaxed_now = False  # the writer is at synchronous=NORMAL now (see _level)
        self._ready = False
        self._closed = False

    async def _in_thread(self, fn: Callable[..., T], *args: Any, release: bool = False) -> T:
        """Run fn in the store's thread; with ``release``, free the writer lock when it has
        finished (not before, whatever happens to the awaiting task)."""
        if self._memory:
            try:
                return fn(*args)
            finally:
                if release:
                    self._lock.release()
        fut = asyncio.get_running_loop().run_in_executor(self._thread, fn, *args)
        if release:
            fut.add_done_callback(lambda _f: self._lock.release())
        return await asyncio.shield(fut)

    async def start(self, setup: Callable[[Connection], T]) -> T:
        """Connect and run ``setup(conn)`` (migrations, key check) in the store's thread, with
        the busy timeout the engine was made with (waits for another process's migration)."""

        def go() -> T:
            self._conn = self.engine.connect()
            self._relaxed_now = False
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
        """The writer, opened again if a failure made the store drop it."""
        if self._closed:
            raise StoreClosed()
        if self._conn is None:
            self._conn = self.engine.connect()
            self._relaxed_now = False
            if self._ready:
                self._set_running()
        return self._conn

    def _reading(self) -> Connection:
        """The reader: a plain (deferred) BEGIN when SQLAlchemy begins, no busy wait."""
        if self._closed:
            raise StoreClosed()
        if self._memory:
            return self._live()
        if self._reader is None:
            reader = self.engine.connect()
            reader.info["between_begin"] = "BEGIN"
            raw = reader.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA busy_timeout=0")
            self._reader = reader
        return self._reader

    def read(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        """``fn(reader, *args)`` inline: a turn's load and reads (microseconds, never waiting:
        in WAL mode a reader sees the last commit while the writer works)."""
        conn = self._reading()
        try:
            return guarded(conn, fn, *args)
        except BaseException as err:
            if self._reader is conn and isinstance(err, DBAPIError) and err.connection_invalidated:
                self._reader = None
            raise
        finally:
            if conn.in_transaction():
                conn.rollback()

    def _failed(self, err: BaseException) -> None:
        """A transaction failed: nothing of it remains, and the alarm counts it."""
        self._recover()
        self.alarm.failed(err)

    def _commit(self, conn: Connection) -> None:
        """COMMIT; when it fails, nothing of the transaction remains (``_failed``)."""
        try:
            conn.commit()
        except BaseException as err:
            self._failed(err)
            raise
        self.alarm.ok()

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
            log.warning(
                "rolling back failed (%s); reopening the database connection", type(err).__name__
            )
        if self._memory:  # (dropping it would drop the database)
            return
        self._conn = None
        try:
            conn.invalidate()
        except Exception:
            pass

    def _pragma(self, setting: str) -> None:
        assert self._conn is not None
        raw = self._conn.connection.dbapi_connection
        assert raw is not None
        raw.execute(f"PRAGMA {setting}")

    # A relaxed transaction's commit reaches the operating system, not the disk (WAL with
    # synchronous=NORMAL: it survives the process dying, not a power cut). The level can only
    # change between transactions; it is set before each one, by a PRAGMA only when it changes
    # (a turn's commit, then its messages marked sent: two, not four). With the checkpointer
    # running no commit of ours checkpoints either, so a relaxed commit takes microseconds: it
    # runs inline, without a thread hop.
    def _level(self, relaxed: bool) -> None:
        relaxed = relaxed and self.synchronous in ("FULL", "EXTRA")
        if relaxed != self._relaxed_now:
            self._pragma("synchronous=NORMAL" if relaxed else f"synchronous={self.synchronous}")
            self._relaxed_now = relaxed

    async def close(self) -> None:
        self._closed = True
        while self._committer is not None and not self._committer.done():
            await asyncio.shield(self._committer)  # the turns already waiting still commit
        if self._checkpointer is not None:  # closing the last connection checkpoints by itself
            await asyncio.get_running_loop().run_in_executor(None, self._checkpointer.stop)
            self._checkpointer = None
        await self._lock.acquire()

        def go() -> None:
            for conn in (self._reader, self._conn):
                if conn is not None:
                    conn.close()
            self._conn = self._reader = None
            self.engine.dispose()

        try:
            await self._in_thread(go, release=True)
        finally:
            self._thread.shutdown(wait=True)

    # one whole transaction, outside turns
    async def run(
        self, fn: Callable[..., T], *args: Any, write: bool = True, relaxed: bool = False
    ) -> T:
        if not write:
            return self.read(fn, args)
        await self._lock.acquire()
        if relaxed and self._checkpointer is not None:
            try:
                return self._whole(fn, args, relaxed)
            finally:
                self._lock.release()
        return await self._in_thread(self._whole, fn, args, relaxed, release=True)

    def _whole(self, fn: Callable[..., T], args: tuple[Any, ...], relaxed: bool = False) -> T:
        conn = self._live()
        self._level(relaxed)
        try:
            conn.begin()
        except BaseException:
            self._recover()
            raise
        try:
            result = guarded(conn, fn, *args)
        except BaseException as err:
            self._failed(err)
            raise
        self._commit(conn)
        return result

    async def begin(self, lock_key: str, relaxed: bool = False) -> SqliteTx:
        if self._closed:
            raise StoreClosed()
        await self.users.acquire(lock_key)
        return SqliteTx(self, lock_key, relaxed and self._checkpointer is not None)

    # -- the group commit ------------------------------------------------------------------
    async def submit(
        self, fn: Callable[..., T], args: tuple[Any, ...], relaxed: bool, user_key: str | None
    ) -> T:
        """Commit ``fn(writer, *args)`` with whatever else is waiting; ``user_key``'s lock is
        released once it is done (committed or not), even if the caller is cancelled."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append(_Flush(fn, args, relaxed, future, user_key))
        if self._committer is None or self._committer.done():
            self._committer = loop.create_task(self._commit_loop())
        return await asyncio.shield(future)

    async def _commit_loop(self) -> None:
        """Flush what is queued; what arrives meanwhile goes in the next flush. No timer: a
        lone turn waits for nothing, and the batch grows with the load (the time one fsync
        takes is the window)."""
        loop = asyncio.get_running_loop()
        delay, started = self.first_retry_delay, loop.time()
        while self._queue:
            batch, self._queue = self._queue, []
            await self._lock.acquire()
            try:
                outcomes = await self._in_thread(self._flush, batch, release=True)
            except Exception as err:
                waited = loop.time() - started
                if is_busy(err) and waited + delay <= self.retry_for and not self._closed:
                    self._queue[:0] = batch  # another process is writing: again shortly
                    log.debug("database busy (%s); retrying in %.3fs", type(err).__name__, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 0.5)
                    continue
                if is_busy(err):
                    err = StoreUnavailableError(
                        f"the {self.where} did not answer for {self.retry_for:.0f}s "
                        f"(another process holds its write lock); the update was not processed"
                    )
                outcomes = [(False, err)] * len(batch)
            except BaseException as err:  # cancelled (the thread still finishes its work)
                for job in batch:
                    self._settle(job, False, err)
                raise
            delay, started = self.first_retry_delay, loop.time()
            self.stats.add(len(batch))
            for job, (ok, value) in zip(batch, outcomes, strict=True):
                self._settle(job, ok, value)

    def _settle(self, job: _Flush, ok: bool, value: Any) -> None:
        if job.user_key is not None:
            self.users.release(job.user_key)
        if job.future.done():
            return
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)

    def _flush(self, batch: list[_Flush]) -> list[tuple[bool, Any]]:
        """In the store's thread: one transaction, each job in its own savepoint (a lone job
        needs none), one COMMIT. Raises only when the whole transaction failed."""
        conn = self._live()
        self._level(self._checkpointer is not None and all(job.relaxed for job in batch))
        try:
            conn.begin()
        except BaseException:
            self._recover()
            raise
        raw = conn.connection.dbapi_connection
        assert raw is not None
        outcomes: list[tuple[bool, Any]] = []
        alone = len(batch) == 1
        for job in batch:
            if not alone:
                raw.execute("SAVEPOINT turn")
            try:
                value = guarded(conn, job.fn, *job.args)
            except Exception as err:
                if alone or not raw.in_transaction:  # SQLite rolled back everything
                    self._failed(err)
                    raise
                raw.execute("ROLLBACK TO turn")
                raw.execute("RELEASE turn")
                self.alarm.failed(err)
                outcomes.append((False, err))
                continue
            if not alone:
                raw.execute("RELEASE turn")
            outcomes.append((True, value))
        self._commit(conn)
        return outcomes

    async def mark_sent(self, ids: list[int]) -> int:
        """Delete sent outbox rows in a relaxed transaction, inline on the driver (no SQLAlchemy
        transaction: this runs for every message sent). The messages of every chat marked in
        one pass of the event loop go in one transaction, run as soon as the chats already
        ready to run have had their go (or, when the writer is busy with a group commit, once
        it is free); each caller returns only once its own rows are deleted, so a chat's next
        message never goes before its last one is marked."""
        if self._checkpointer is None:  # commits may checkpoint: the ordinary way, in the thread
            return await self.run(_delete_sent, ids, relaxed=True)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()
        if self._marks is None:
            self._marks = []
            loop.call_soon(self._mark_now)
        self._marks.append((ids, future))
        return await future  # (cancelling it stops the wait, not the deletion)

    def _mark_now(self) -> None:
        """The marks gathered in this pass of the event loop: at once when the writer is free
        (nothing can take it during this call), else by a task that waits for it."""
        if self._lock.locked():
            marker = asyncio.ensure_future(self._mark_gathered())
            self._keep.add(marker)  # (a reference, until it is done)
            marker.add_done_callback(self._keep.discard)
            return
        self._settle_marks()

    async def _mark_gathered(self) -> None:
        try:
            await self._lock.acquire()
        except BaseException as err:
            gathering, self._marks = self._marks or [], None
            for _ids, future in gathering:
                if not future.done():
                    future.set_exception(err if isinstance(err, Exception) else StoreClosed())
            raise
        try:
            self._settle_marks()
        finally:
            self._lock.release()

    def _settle_marks(self) -> None:
        gathering, self._marks = self._marks or [], None
        try:
            counts = self._delete_marked([ids for ids, _future in gathering])
        except Exception as err:
            for _ids, future in gathering:
                if not future.done():
                    future.set_exception(err)
            return
        self.stats.marked(len(gathering))
        for (_ids, future), count in zip(gathering, counts, strict=True):
            if not future.done():
                future.set_result(count)

    def _delete_marked(self, batches: list[list[int]]) -> list[int]:
        """One relaxed transaction deleting each list of sent rows; how many each deleted."""
        conn = self._live()
        self._level(True)
        raw = conn.connection.dbapi_connection
        assert raw is not None
        try:
            raw.execute("BEGIN IMMEDIATE")
            counts = [
                raw.executemany(_DELETE_SENT, [(id,) for id in ids]).rowcount for ids in batches
            ]
            raw.commit()
        except BaseException as err:
            self._failed(err)
            raise
        self.alarm.ok()
        return counts


_DELETE_SENT = "DELETE FROM outbox WHERE id = ?"


def _delete_sent(conn: Connection, ids: list[int]) -> int:
    raw = conn.connection.dbapi_connection
    assert raw is not None
    count: int = raw.executemany(_DELETE_SENT, [(id,) for id in ids]).rowcount
    return count


def is_busy(exc: BaseException) -> bool:
    """Another process holds SQLite's write lock (BEGIN IMMEDIATE failed at once)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(orig).lower()
    return isinstance(orig, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class StoreClosed(RuntimeError):
    pass


class SqliteTx(Tx):
    """A turn on SQLite: its user's lock; reads on the reader; writes in a group commit."""

    __slots__ = ("_b", "_key", "_done", "_relaxed")

    def __init__(self, backend: SqliteBackend, key: str, relaxed: bool = False) -> None:
        self._b = backend
        self._key = key
        self._done = False
        self._relaxed = relaxed

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return self._b.read(fn, args)

    async def commit(self, fn: Callable[..., T] | None = None, *args: Any) -> T | None:
        if self._done:
            raise RuntimeError("this transaction has ended")
        self._done = True
        if fn is None:
            self._b.users.release(self._key)
            return None
        return await self._b.submit(fn, args, self._relaxed, self._key)

    async def rollback(self) -> None:
        if not self._done:
            self._done = True
            self._b.users.release(self._key)


# -- PostgreSQL --------------------------------------------------------------------------------


async def _pg_relax(aconn: Any) -> None:
    """This transaction's commit does not wait for the server's disk (it survives our crash, not
    the server's)."""
    await aconn.exec_driver_sql("SET LOCAL synchronous_commit = off")


_MARK_SENT = (
    "WITH d AS (DELETE FROM outbox WHERE id = ANY($1::bigint[]) RETURNING id) "
    "SELECT array(SELECT id FROM d) FROM (SELECT set_config('synchronous_commit', 'off', "
    "true)) AS relaxed"
)


class PgBackend:
    """Turns in two round trips (``persistence.pgturn``); everything else in ordinary
    SQLAlchemy transactions on the pool."""

    name = "postgresql"
    first_retry_delay = 0.05

    def __init__(self, engine: Any, where: str = "the PostgreSQL server") -> None:  # AsyncEngine
        self.engine = engine
        self.dialect = engine.dialect
        self.alarm = DiskAlarm(where)
        self.literals = False  # standard_conforming_strings: the turn script may carry strings
        self._sql: PgTurnSql | None = None
        # sent messages waiting to be marked together (see mark_sent)
        self._marks: list[tuple[list[int], asyncio.Future[int]]] | None = None
        self._keep: set[asyncio.Future[None]] = set()
        self.marks = GroupStats()  # (only its mark counts)

    def turn_sql(self, hot: Hot) -> PgTurnSql:
        if self._sql is None:
            self._sql = PgTurnSql(hot)
        return self._sql

    async def start(self, setup: Callable[[Connection], T]) -> T:
        async with self.engine.connect() as aconn:
            result = await aconn.run_sync(setup)
            conforming = await aconn.exec_driver_sql("SHOW standard_conforming_strings")
            self.literals = conforming.scalar() == "on"
            await aconn.commit()
            return result

    async def ready(self) -> None:
        pass

    async def close(self) -> None:
        await self.engine.dispose()

    async def run(
        self, fn: Callable[..., T], *args: Any, write: bool = True, relaxed: bool = False
    ) -> T:
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

    async def mark_sent(self, ids: list[int]) -> int:
        """Delete sent outbox rows in one round trip: one statement, its own transaction, whose
        commit does not wait for the server's disk (``set_config(..., true)`` lasts as long as
        the transaction, like ``SET LOCAL``; see ``Store.mark_sent``). The messages of every
        chat marked in one pass of the event loop share that round trip; each caller returns
        once its own rows are deleted."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()
        if self._marks is None:
            self._marks = []
            marker = loop.create_task(self._mark_gathered())  # runs after this pass
            self._keep.add(marker)  # (a reference, until it is done)
            marker.add_done_callback(self._keep.discard)
        self._marks.append((ids, future))
        return await future  # (cancelling it stops the wait, not the deletion)

    async def _mark_gathered(self) -> None:
        gathering, self._marks = self._marks or [], None
        try:
            async with self.engine.connect() as aconn:
                raw = await aconn.get_raw_connection()
                every = [id for ids, _future in gathering for id in ids]
                deleted = set(await raw.driver_connection.fetchval(_MARK_SENT, every))
        except BaseException as err:
            self.alarm.failed(err)
            for _ids, future in gathering:
                if not future.done():
                    future.set_exception(err if isinstance(err, Exception) else StoreClosed())
            if not isinstance(err, Exception):
                raise
            return
        self.alarm.ok()
        self.marks.marked(len(gathering))
        for ids, future in gathering:
            if not future.done():
                future.set_result(sum(1 for id in ids if id in deleted))

    async def begin(self, lock_key: str, relaxed: bool = False) -> PgTx:
        aconn = await self.engine.connect()
        try:
            # Autocommit: the turn itself says BEGIN and COMMIT (persistence.pgturn); a read
            # in the turn runs on its own, under the user's lock.
            await aconn.execution_options(isolation_level="AUTOCOMMIT")
            raw = await aconn.get_raw_connection()
            driver = raw.driver_connection
        except BaseException:
            await aconn.close()
            raise
        return PgTx(self, aconn, driver, lock_id(lock_key), relaxed)


class PgTx(Tx):
    """A turn on PostgreSQL: the user's session advisory lock from its load to its commit."""

    __slots__ = ("_b", "_c", "_pg", "_lock", "_relaxed", "_locked", "_done", "_ids")

    def __init__(
        self, backend: PgBackend, aconn: Any, driver: Any, lock: int, relaxed: bool
    ) -> None:
        self._b = backend
        self._c = aconn
        self._pg = driver  # the asyncpg connection under aconn
        self._lock = lock
        self._relaxed = relaxed
        self._locked = False
        self._done = False
        self._ids: list[int] = []  # outbox ids the load took

    async def _hold(self) -> None:
        if not self._locked:
            await self._pg.execute(f"SELECT pg_advisory_lock({self._lock})")
            self._locked = True

    async def load(self, q: Queries, user_key: str, update_id: int | None) -> Loaded:
        sql = self._b.turn_sql(q.hot)
        args = sql.args(self._lock, user_key, update_id)
        try:
            row = await self._pg.fetchrow(sql.lock_and_load, *args)
            if row[0]:
                self._locked = True
            else:  # another worker has this user: wait for it, then read what it wrote
                await self._hold()
                row = await self._pg.fetchrow(sql.load, *args)
        except BaseException as err:
            self._b.alarm.failed(err)
            raise
        self._ids = list(row[2] or [])
        values = tuple(row)[3:]
        return q.loaded(None if values[0] is None else values, user_key, update_id, bool(row[1]))

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        try:
            await self._hold()
            result: T = await self._c.run_sync(guarded, fn, *args)
            return result
        except BaseException as err:  # a statement may meet the full disk before COMMIT does
            self._b.alarm.failed(err)
            raise

    async def commit_turn(self, q: Queries, writes: TurnWrites) -> list[int]:
        if not (self._b.literals and self._locked and fits(writes, self._ids)):
            return await self.commit(q.flush, writes) or []
        sql = script(q.cipher, writes, q.now(), self._lock, self._ids, self._relaxed)
        try:
            await self._pg.execute(sql)
        except BaseException as err:
            await self._abort()
            self._b.alarm.failed(err)
            if getattr(err, "sqlstate", None) in ("22012", "23505"):  # see pgturn.script
                raise TurnConflict() from err
            raise
        self._done, self._locked = True, False
        self._b.alarm.ok()
        await self._close()
        return self._ids[: len(writes.outbox)]

    async def commit(self, fn: Callable[..., T] | None = None, *args: Any) -> T | None:
        result: T | None = None
        try:
            await self._hold()
            await self._pg.execute(
                "BEGIN; SET LOCAL synchronous_commit = off" if self._relaxed else "BEGIN"
            )
            if fn is not None:
                result = await self._c.run_sync(guarded, fn, *args)
            await self._pg.execute(f"COMMIT; SELECT pg_advisory_unlock({self._lock})")
        except BaseException as err:
            await self._abort()
            self._b.alarm.failed(err)
            raise
        self._done, self._locked = True, False
        self._b.alarm.ok()
        await self._close()
        return result

    async def rollback(self) -> None:
        if not self._done:
            await self._abort()

    async def _abort(self) -> None:
        self._done = True
        try:  # (ROLLBACK without a transaction only warns)
            await asyncio.shield(self._pg.execute("ROLLBACK; SELECT pg_advisory_unlock_all()"))
        except Exception:
            # A broken connection: dropping it rolls back and unlocks on the server.
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
