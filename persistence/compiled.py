"""Statements compiled once and sent to the DB-API driver as they are.

A turn's statements run thousands of times a minute: building and compiling them through
SQLAlchemy each time costs more than the driver's work, so they are compiled once per dialect
(queries.Hot, stats.add_counts) and executed on the connection's DB-API cursor.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection


class Compiled:
    """One statement as the driver takes it: SQL text and the order of its parameters."""

    __slots__ = ("sql", "keys")

    def __init__(self, stmt: Any, dialect: Any, many: bool = False) -> None:
        c = stmt.compile(dialect=dialect, for_executemany=many)
        self.sql: str = c.string
        self.keys = tuple(c.positiontup or ())

    def args(self, params: dict[str, Any]) -> tuple[Any, ...]:
        return tuple([params[k] for k in self.keys])


def cursor(conn: Connection) -> Any:
    """The DB-API cursor under a SQLAlchemy connection (in its current transaction)."""
    return conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
