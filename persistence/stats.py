"""Where clients drop off, as stored: counts of states entered and gone on from, per ISO week,
flow and state. Counts only, never content and never who; what they mean (entered, left there,
finished) is worked out with the flows in bot/dropoff.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .compiled import Compiled, cursor
from .models import StateCount

_table = StateCount.__table__


def week_of(moment: datetime | date) -> date:
    """The Monday of the ISO week ``moment`` falls in (UTC)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


@dataclass
class Tally:
    """What one turn adds: (week, flow, state) -> [entered, moved_on]."""

    rows: dict[tuple[date, str, str], list[int]] = field(default_factory=dict)

    def add(self, week: date, flow: str, state: str, entered: int = 0, moved_on: int = 0) -> None:
        row = self.rows.setdefault((week, flow, state), [0, 0])
        row[0] += entered
        row[1] += moved_on

    def sorted_rows(self) -> list[tuple[date, str, str, int, int]]:
        return [
            (week, flow, state, entered, moved_on)
            for (week, flow, state), (entered, moved_on) in sorted(self.rows.items())
        ]


CountRow = tuple[date, str, str, int, int]  # week, flow, state, entered, moved on


def add_counts(conn: Connection, rows: Sequence[CountRow]) -> None:
    """Add a turn's counts (one upsert per row, inside the turn's transaction; rows sorted, so
    concurrent turns lock them in the same order). Every turn writes some: the statement is
    built and compiled once per dialect and goes to the driver as it is (building it, its
    ``excluded`` columns and its cache key each time cost more than the rest of the turn's
    writes together)."""
    if not rows:
        return
    upsert = _upsert(conn.dialect)
    sqlite = conn.dialect.name == "sqlite"
    cursor(conn).executemany(
        upsert.sql,
        [
            upsert.args(
                {
                    # SQLite keeps a date as its ISO text (what SQLAlchemy's Date type writes)
                    "week": week.isoformat() if sqlite else week,
                    "flow_id": flow,
                    "state_id": state,
                    "entered": entered,
                    "moved_on": moved_on,
                }
            )
            for week, flow, state, entered, moved_on in rows
        ],
    )


_UPSERTS: dict[tuple[str, str], Compiled] = {}


def _upsert(dialect: Any) -> Compiled:
    """The counts' upsert for ``dialect``, compiled the first time it is needed."""
    key = (dialect.name, dialect.driver)
    upsert = _UPSERTS.get(key)
    if upsert is None:
        from sqlalchemy.dialects import postgresql, sqlite

        kind: Any = postgresql if dialect.name == "postgresql" else sqlite
        stmt = kind.insert(_table)
        stmt = stmt.on_conflict_do_update(
            index_elements=["week", "flow_id", "state_id"],
            set_={
                "entered": _table.c.entered + stmt.excluded.entered,
                "moved_on": _table.c.moved_on + stmt.excluded.moved_on,
            },
        )
        upsert = _UPSERTS[key] = Compiled(stmt, dialect, many=True)
    return upsert


def read_counts(conn: Connection, since: date | None = None) -> list[CountRow]:
    query = select(
        _table.c.week, _table.c.flow_id, _table.c.state_id, _table.c.entered, _table.c.moved_on
    )
    if since is not None:
        query = query.where(_table.c.week >= since)
    return [
        (row[0], row[1], row[2], int(row[3]), int(row[4]))
        for row in conn.execute(query.order_by(_table.c.week, _table.c.flow_id, _table.c.state_id))
    ]
