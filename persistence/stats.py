"""Where clients drop off: counts of states entered, left and finished, per flow and week.

Counts only, never content and never who: each turn adds to one row per (ISO week, flow,
state) how many times the state was entered (``entered``) and how many times a conversation
went on from it (``moved_on``). Per state and week:

- **entered**: conversations that reached the state that week;
- **finished**: entries into a state that ends its flow (``end:`` or ``resume:``);
- **left there**: entries that never went on (``entered - moved_on``, end states excepted):
  the client stopped, went to the menu, or has not answered yet.

A move on is counted in the week the state was entered (the conversation's last change), so
a week's numbers add up. Only the state's own routes count as going on (a `next:`, a button,
a `flow:` route, a menu pick); /menu, /stop, a crisis reply or starting afresh do not.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .models import StateCount

if TYPE_CHECKING:
    from bot.engine.spec import FlowSet

    from .store import Store, Turn

Trail = Sequence[tuple[str, str, str | None]]
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
        return [(week, flow, state, entered, moved_on)
                for (week, flow, state), (entered, moved_on) in sorted(self.rows.items())]


def _leads_to(flowset: FlowSet | None, here: tuple[str, str], there: tuple[str, str]) -> bool:
    """Whether ``here`` goes on to ``there`` by its own routes (not by a command or a fresh
    start); without the flows, any step within the same flow counts."""
    if flowset is None:
        return here[0] == there[0]
    spec = flowset.flows.get(here[0])
    node = spec.states.get(here[1]) if spec is not None else None
    if node is None:
        return False
    routes = list(node.routes) + [r for c in node.choices for r in c.routes]
    if here[0] == there[0]:
        return any(r.to == there[1] for r in routes)
    target = flowset.flows.get(there[0])
    return (any(r.flow == there[0] for r in routes) or node.ask == "menu") and (
        target is None or target.start == there[1])


def tally_turn(previous: dict[str, Any] | None, previous_at: datetime | None, trail: Trail,
               now: datetime, flowset: FlowSet | None = None) -> Tally:
    """The counts one turn adds: ``previous`` is the conversation as it was before the turn (the
    engine's JSON), ``trail`` the engine's (flow, state, choice) of the turn."""
    tally = Tally()
    this_week = week_of(now)
    here: tuple[str, str] | None = None
    here_week = this_week
    if previous and not previous.get("ended"):
        here = (str(previous.get("flow")), str(previous.get("state")))
        here_week = week_of(previous_at or now)
    for flow, state, choice in trail:
        if choice is not None:
            continue
        if here is not None and _leads_to(flowset, here, (flow, state)):
            tally.add(here_week, *here, moved_on=1)
        tally.add(this_week, flow, state, entered=1)
        here, here_week = (flow, state), this_week
    return tally


CountRow = tuple[date, str, str, int, int]  # week, flow, state, entered, moved on


def add_counts(conn: Connection, rows: Sequence[CountRow]) -> None:
    """Add a turn's counts (one upsert per row, inside the turn's transaction; rows sorted, so
    concurrent turns lock them in the same order)."""
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    dialect: Any = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(_table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["week", "flow_id", "state_id"],
        set_={"entered": _table.c.entered + stmt.excluded.entered,
              "moved_on": _table.c.moved_on + stmt.excluded.moved_on})
    conn.execute(stmt, [{"week": week, "flow_id": flow, "state_id": state, "entered": entered,
                         "moved_on": moved_on} for week, flow, state, entered, moved_on in rows])


def count_turn(t: Turn, trail: Trail, flowset: FlowSet | None = None) -> None:
    """The turn-write hook: call before the turn's new conversation is set (``t.conversation``
    is still the one loaded). The counts are written with the turn's other writes."""
    tally = tally_turn(t.conversation, t.conversation_at, trail, t.now(), flowset)
    t.count_states(tally.sorted_rows())


Row = tuple[date, str, str, int, int]  # week, flow, state, entered, moved on


def read_counts(conn: Connection, since: date | None = None) -> list[Row]:
    query = select(_table.c.week, _table.c.flow_id, _table.c.state_id, _table.c.entered,
                   _table.c.moved_on)
    if since is not None:
        query = query.where(_table.c.week >= since)
    return [(row[0], row[1], row[2], int(row[3]), int(row[4]))
            for row in conn.execute(query.order_by(_table.c.week, _table.c.flow_id,
                                                   _table.c.state_id))]


async def drop_off(store: Store, flowset: FlowSet | None = None, *,
                   weeks: int | None = None) -> dict[str, Any]:
    """`between stats --json`: per flow and week, each state's entered / left / finished."""
    since = week_of(store._now()) - timedelta(weeks=weeks - 1) if weeks else None
    rows = await store._run(read_counts, since, write=False)
    return summarise(rows, flowset)


def _ends(flowset: FlowSet | None, flow: str, state: str) -> bool:
    spec = flowset.flows.get(flow) if flowset is not None else None
    node = spec.states.get(state) if spec is not None else None
    return node is not None and (node.end or node.resume)


def summarise(rows: Iterable[Row],
              flowset: FlowSet | None = None) -> dict[str, Any]:
    """{"flows": {flow: {"weeks": {week: {"started", "finished", "states": {state: {...}}}},
    "total": {...}}}}: the same numbers the studio draws on its diagrams."""
    weeks: dict[str, dict[str, dict[str, dict[str, int]]]] = defaultdict(lambda: defaultdict(dict))
    for week, flow, state, entered, moved_on in rows:
        ends = _ends(flowset, flow, state)
        weeks[flow][week.isoformat()][state] = {
            "entered": entered,
            "left": 0 if ends else max(entered - moved_on, 0),
            "finished": entered if ends else 0,
        }
    out: dict[str, Any] = {}
    for flow in sorted(weeks):
        start = flowset.flows[flow].start if flowset is not None and flow in flowset.flows else None
        total: dict[str, dict[str, int]] = {}
        per_week = {}
        for week_name in sorted(weeks[flow]):
            states = dict(sorted(weeks[flow][week_name].items()))
            for state, counts in states.items():
                into = total.setdefault(state, {"entered": 0, "left": 0, "finished": 0})
                for key, n in counts.items():
                    into[key] += n
            per_week[week_name] = _flow_figures(states, start)
        out[flow] = {"weeks": per_week, "total": _flow_figures(dict(sorted(total.items())), start)}
    return {"flows": out}


def _flow_figures(states: dict[str, dict[str, int]], start: str | None) -> dict[str, Any]:
    return {"started": states.get(start, {}).get("entered", 0) if start else None,
            "finished": sum(s["finished"] for s in states.values()),
            "left": sum(s["left"] for s in states.values()),
            "states": states}
