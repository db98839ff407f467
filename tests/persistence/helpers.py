"""Reading the database behind the store's back (real SQL, no mocks), for assertions."""
from __future__ import annotations

import re
import sqlite3
from typing import Any

from .conftest import Db, _admin_dsn


async def raw(db: Db, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Run ``sql`` (``?`` placeholders) directly on the test database."""
    if db.kind == "sqlite":
        path = db.url.split(":///", 1)[1]
        conn = sqlite3.connect(path)
        try:
            return [tuple(r) for r in conn.execute(sql, args).fetchall()]
        finally:
            conn.close()
    import asyncpg

    n = iter(range(1, 1000))
    pg_sql = re.sub(r"\?", lambda _m: f"${next(n)}", sql)
    conn = await asyncpg.connect(_admin_dsn(db.url))
    try:
        return [tuple(r) for r in await conn.fetch(pg_sql, *args)]
    finally:
        await conn.close()


async def scalar(db: Db, sql: str, *args: Any) -> Any:
    rows = await raw(db, sql, *args)
    return rows[0][0] if rows else None


async def user_id(db: Db, user_key: str) -> int | None:
    return await scalar(db, "SELECT id FROM users WHERE user_key = ?", user_key)
