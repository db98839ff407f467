"""Database URLs and engines (created only when a store is opened, never at import).

* ``postgres://`` and ``postgresql://`` (as hosting platforms give them) become
  ``postgresql+asyncpg://``; ``sslmode=`` becomes asyncpg's ``ssl=``.
* ``sqlite://``, ``sqlite+aiosqlite://`` and ``sqlite+pysqlite://`` all open the file with the
  standard ``sqlite3`` driver, driven from one dedicated thread per store (see
  ``persistence.backend`` for why), in WAL mode with a busy timeout and foreign keys on. Every
  write transaction starts with ``BEGIN IMMEDIATE`` so that two writers never interleave.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

from .errors import StoreError, StoreUnavailable

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite+aiosqlite:///between.db"
SYNCHRONOUS = ("OFF", "NORMAL", "FULL", "EXTRA")


def normalise_url(url: str | URL) -> URL:
    """The URL the store will use, or a ``StoreError`` saying which URLs are understood."""
    if isinstance(url, str):
        text = url.strip()
        if text.startswith("postgres://"):
            text = "postgresql://" + text[len("postgres://") :]
        try:
            u = make_url(text)
        except Exception:  # ArgumentError: do not echo the URL, it may hold a password
            raise StoreError(
                "DATABASE_URL is not a database URL; use e.g. sqlite:///between.db or "
                "postgresql://user:password@host:5432/dbname"
            ) from None
    else:
        u = url
    backend = u.get_backend_name()
    if backend == "sqlite":
        if u.get_driver_name() not in ("pysqlite", "aiosqlite"):
            raise StoreError(
                f"unsupported SQLite driver {u.get_driver_name()!r}; use sqlite:///FILE"
            )
        return u.set(drivername="sqlite+pysqlite")
    if backend == "postgresql":
        u = u.set(drivername="postgresql+asyncpg")
        query = dict(u.query)
        if "sslmode" in query:
            query["ssl"] = query.pop("sslmode")
        return u.set(query=query)
    raise StoreError(
        f"unsupported database {backend!r}; use SQLite (sqlite:///between.db) or PostgreSQL "
        f"(postgresql://user:password@host/dbname)"
    )


def describe(url: URL) -> str:
    """Where the database is, for messages: never the password."""
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        return f"SQLite database {path}" if path else "in-memory SQLite database"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"PostgreSQL database {url.database!r} at {user}{host}{port}"


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    db = url.database
    if (
        not db
        or db == ":memory:"
        or db.startswith("file::memory:")
        or url.query.get("mode") == "memory"
    ):
        return None
    return Path(db).expanduser().resolve()


def make_private(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it (SQLite gives its -wal and
    -shm files the database file's mode), or make an existing one private: it holds who used
    the bot and when, in the clear. An empty file is a valid, empty SQLite database."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError:  # (a missing directory: SQLite says so when it opens)
        return
    else:
        os.close(fd)
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if stat.S_IMODE(file.stat().st_mode) & 0o077:
                file.chmod(0o600)
                log.warning("made %s private (mode 0600; it was readable by others)", file)
        except FileNotFoundError:
            pass
        except OSError as err:  # e.g. owned by another user: say so, do not stop
            log.warning("could not make %s private (%s); chmod 600 it", file, type(err).__name__)


def refuse_emptied(path: Path, key_path: Path, where: str) -> None:
    """A database file of 0 bytes beside its data key was a database once (the key is made with
    its first data): it was truncated or replaced, and opening it would start empty in silence."""
    try:
        empty = path.stat().st_size == 0 and key_path.exists()
    except FileNotFoundError:
        return
    if empty:
        raise StoreUnavailable(
            f"the {where} is not usable: {path} is empty (0 bytes) but its data key {key_path} "
            f"exists, so it held data before (a failed copy or restore, or a full disk, may have "
            f"emptied it). Restore {path.name} from a backup; or, to start afresh with no data, "
            f"remove both {path} and {key_path}.",
            transient=False,
        )


def make_sqlite_engine(url: URL, *, synchronous: str = "FULL", busy_timeout: float = 5.0) -> Engine:
    synchronous = synchronous.upper()
    if synchronous not in SYNCHRONOUS:
        raise StoreError(f"sqlite synchronous must be one of {', '.join(SYNCHRONOUS)}")
    path = sqlite_path(url)
    memory = path is None
    if path is not None:
        make_private(path)
    kwargs: dict[str, Any] = {}
    if memory:
        from sqlalchemy.pool import StaticPool

        kwargs["poolclass"] = StaticPool
    else:
        kwargs["poolclass"] = NullPool  # the store holds its one connection itself
    engine = create_engine(
        url,
        hide_parameters=True,  # errors and logs never show values (sealed or not)
        connect_args={
            "check_same_thread": False,  # opened in the store's thread, closed maybe elsewhere
            "timeout": busy_timeout,
            "isolation_level": None,  # the driver never BEGINs by itself; we do (below)
            "cached_statements": 256,
        },
        **kwargs,
    )
    busy_ms = int(busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        cur = dbapi_conn.cursor()
        try:
            if not memory:
                mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("SQLite refused WAL mode (journal_mode=%s)", mode)
            cur.execute(f"PRAGMA synchronous={synchronous}")
            cur.execute("PRAGMA foreign_keys=ON")
            # 16 MiB of page cache (default 2 MiB): with 100,000 users the users index and the
            # conversation pages a turn touches stay in memory
            cur.execute("PRAGMA cache_size=-16384")
            cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the database lock at BEGIN, so two turns never interleave and a
        # read-then-write never fails half-way with SQLITE_BUSY. Pure reads ask for a plain
        # (deferred) BEGIN through ``conn.info``.
        conn.connection.dbapi_connection.execute(conn.info.get("between_begin", "BEGIN IMMEDIATE"))

    return engine


def make_pg_engine(
    url: URL, *, pool_size: int = 5, connect_timeout: float = 10.0, pool_timeout: float = 30.0
) -> Any:
    """``pool_timeout``: how long a turn waits for a free connection (then it is a transient
    failure: the update comes again)."""
    from sqlalchemy.ext.asyncio import create_async_engine

    return create_async_engine(
        url,
        hide_parameters=True,  # errors and logs never show values (sealed or not)
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=pool_timeout,
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args={
            "timeout": connect_timeout,
            "server_settings": {"application_name": "between-sessions"},
        },
    )
