"""Schema migrations (Alembic) and the schema check done when a store opens.

``upgrade(url)`` is what ``between db upgrade`` runs. An embedded SQLite database is upgraded
automatically when the store opens; PostgreSQL never is (several workers must not race a
migration at start): the store refuses to open a PostgreSQL schema that is behind and says to
run ``between db upgrade`` (the Procfile's ``release:`` line).
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection

from .db import (
    DEFAULT_URL,
    describe,
    make_pg_engine,
    make_sqlite_engine,
    normalise_url,
    refuse_emptied,
    sqlite_path,
)
from .errors import SchemaError, StoreUnavailable, reason

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a test checks that it is Alembic's head.
SCHEMA_REVISION = "0007_state_counts"
# Every revision this code knows, oldest first.
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005_sealed_safety",
    "0006_user_rev",
    "0007_state_counts",
)


def alembic_config(url: str | URL | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        u = normalise_url(url)
        cfg.set_main_option(
            "sqlalchemy.url", u.render_as_string(hide_password=False).replace("%", "%%")
        )
    return cfg


def current_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database (None for an empty database)."""
    if conn.dialect.name == "postgresql":
        exists = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
    else:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).scalar()
    if not exists:
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else ",".join(sorted(rows)) or None


def upgrade_connection(
    conn: Connection, revision: str = "head", data_key: bytes | None = None
) -> None:
    """Run the migrations on an open connection, in one transaction (committed here).
    ``data_key``: for migrations that seal data already stored (see ``migration_cipher``)."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    cfg.attributes["data_key"] = data_key
    if conn.in_transaction():
        conn.commit()
    with conn.begin():
        command.upgrade(cfg, revision)


def migration_cipher(conn: Connection, given: bytes | None) -> Any:
    """The ``Cipher`` a migration seals existing data with: the key the upgrade was given, else
    BETWEEN_DATA_KEY, else a SQLite database's key file beside it; checked against the key
    check value, so data is never sealed under a wrong key. A ``DataKeyError`` without one."""
    import os

    from .crypto import KEY_ENV, Cipher, parse_key, read_key_file
    from .errors import DataKeyError

    key = given
    if key is None and os.environ.get(KEY_ENV):
        key = parse_key(os.environ[KEY_ENV])
    path = sqlite_path(conn.engine.url) if conn.dialect.name == "sqlite" else None
    if key is None and path is not None and path.with_name(path.name + ".key").exists():
        key = read_key_file(path.with_name(path.name + ".key"))
    if key is None:
        raise DataKeyError(
            f"this upgrade encrypts data already stored and needs the data key: set {KEY_ENV} "
            f"(or, for SQLite, keep the key file beside the database) and run it again"
        )
    cipher = Cipher(key)
    check = conn.execute(text("SELECT value FROM meta WHERE key = 'key_check'")).scalar()
    if check is not None:
        cipher.verify_check_value(check)
    return cipher


def check_schema(
    conn: Connection, where: str, *, sqlite_auto: bool, data_key: bytes | None = None
) -> None:
    """Bring an embedded SQLite schema up to date, or refuse a PostgreSQL schema that is behind."""
    rev = current_revision(conn)
    if conn.in_transaction():
        conn.commit()
    if rev == SCHEMA_REVISION:
        return
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise SchemaError(
            f"the {where} has schema revision {rev}, which this program does not know: it was "
            f"written by a newer version of Between Sessions. Run that version, "
            f"or restore a backup."
        )
    if sqlite_auto:
        log.info(
            "upgrading the schema of the %s from %s to %s", where, rev or "empty", SCHEMA_REVISION
        )
        upgrade_connection(conn, data_key=data_key)
        return
    if rev is None and inspect(conn).get_table_names():
        raise SchemaError(
            f"the {where} has tables but no Between Sessions schema revision; point DATABASE_URL "
            f"at an empty database, or run `between db upgrade` if this is a new database."
        )
    raise SchemaError(
        f"the schema of the {where} is "
        f"{'missing' if rev is None else 'behind (revision ' + rev + ')'}; "
        f"run `between db upgrade` (the Procfile's release step) before starting the bot."
    )


def seed_new_sqlite(path: Path) -> None:
    """Start a SQLite database that does not exist yet as a copy of the newest schema, private
    (mode 0600). Running every migration costs about 50 ms of CPU a database, and the golden
    transcripts and tests open hundreds; the copy is what the same migrations gave an empty
    file, made once per process. Created beside ``path`` and linked into place, so a database
    another process created meanwhile is left alone; on any failure nothing is created and the
    store migrates the empty file as before."""
    try:
        image = _newest_schema_image()
        fd, staged = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except Exception as err:  # e.g. a read-only folder: SQLite says so when it opens
        log.debug("no schema copy for a new database (%s)", type(err).__name__)
        return
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(image)
            file.flush()
            os.fsync(file.fileno())
        os.link(staged, path)
    except OSError:
        pass  # FileExistsError: another process made it first
    finally:
        os.unlink(staged)


@cache
def _newest_schema_image() -> bytes:
    """The bytes of an empty database after every migration (mkstemp gives mode 0600)."""
    from sqlalchemy.engine import make_url

    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "schema.db"
        engine = make_sqlite_engine(make_url(f"sqlite:///{file}"))
        try:
            with engine.connect() as conn:
                upgrade_connection(conn)
        finally:
            engine.dispose()
        return file.read_bytes()


async def upgrade_async(url: str | URL | None = None, data_key: str | None = None) -> str:
    """Upgrade the database at ``url`` to the newest schema; returns the revision reached.
    ``data_key`` (else BETWEEN_DATA_KEY, else a SQLite key file) when a migration seals data."""
    from .crypto import parse_key
    from .errors import StoreError

    u = normalise_url(url or DEFAULT_URL)
    where = describe(u)
    key = parse_key(data_key) if data_key else None
    if u.get_backend_name() == "sqlite":
        try:
            return await asyncio.to_thread(_upgrade_sqlite, u, key)
        except StoreError:
            raise
        except Exception as e:
            raise StoreUnavailable(f"cannot upgrade the {where}: {reason(e)}") from e
    engine = make_pg_engine(u, pool_size=1)
    try:
        async with engine.connect() as aconn:
            await aconn.run_sync(_upgrade_pg_sync, key)
            rev = await aconn.run_sync(current_revision)
            await aconn.commit()
    except StoreError:
        raise
    except Exception as e:
        raise StoreUnavailable(f"cannot upgrade the {where}: {reason(e)}") from e
    finally:
        await engine.dispose()
    log.info("schema of the %s is at revision %s", where, rev)
    return rev or ""


def _upgrade_pg_sync(conn: Connection, data_key: bytes | None = None) -> None:
    # One upgrader at a time, even if two release steps run at once.
    if conn.in_transaction():
        conn.commit()
    with conn.begin():
        conn.execute(text("SELECT pg_advisory_xact_lock(4242424242)"))
        from alembic import command

        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        cfg.attributes["data_key"] = data_key
        command.upgrade(cfg, "head")


def _upgrade_sqlite(u: URL, data_key: bytes | None = None) -> str:
    path = sqlite_path(u)
    if path is not None:
        refuse_emptied(path, path.with_name(path.name + ".key"), describe(u))
    engine = make_sqlite_engine(u)
    try:
        with engine.connect() as conn:
            upgrade_connection(conn, data_key=data_key)
            rev = current_revision(conn)
            conn.commit()
            return rev or ""
    finally:
        engine.dispose()


def upgrade(url: str | URL | None = None, data_key: str | None = None) -> str:
    """``between db upgrade``: bring the database at ``url`` (default: DATABASE_URL's default)
    up to the newest schema. Safe to run again; returns the revision reached."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(upgrade_async(url, data_key))
    raise RuntimeError(
        "upgrade() was called inside a running event loop; await upgrade_async() instead"
    )
