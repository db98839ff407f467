"""Alembic environment for the store.

Used three ways: by ``persistence.migrate`` with an open connection (``config.attributes
["connection"]``), by ``between db upgrade`` through the same module, and by the plain ``alembic``
command from the repository root (URL from ``-x url=...``, ``sqlalchemy.url`` or DATABASE_URL).
"""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from persistence.db import DEFAULT_URL, make_pg_engine, make_sqlite_engine, normalise_url
from persistence.models import Base

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    return (
        context.get_x_argument(as_dictionary=True).get("url")
        or config.get_main_option("sqlalchemy.url")
        or os.environ.get("DATABASE_URL")
        or DEFAULT_URL
    )


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,  # SQLite too: a failed migration leaves nothing behind
        compare_type=True,
    )


def _run(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=normalise_url(_url()),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = normalise_url(_url())
    if url.get_backend_name() == "sqlite":
        engine = make_sqlite_engine(url)
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
        engine.dispose()
        return

    async def go() -> None:
        engine = make_pg_engine(url, pool_size=1)
        async with engine.connect() as aconn:
            await aconn.run_sync(_run)
            await aconn.commit()
        await engine.dispose()

    asyncio.run(go())


if context.is_offline_mode():
    run_offline()
else:
    run_online()
