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
from datetime import datetime
from typing import TYPE_CHECKING, Any

from persistence.stats import CountRow, Tally, week_of

if TYPE_CHECKING:
    from bot.engine.spec import FlowSet
    from persistence import Store, Turn

Trail = Sequence[tuple[str, str, str | None]]
Row = CountRow


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
        target is None or target.start == there[1]
    )


def tally_turn(
    previous: dict[str, Any] | None,
    previous_at: datetime | None,
    trail: Trail,
    now: datetime,
    flowset: FlowSet | None = None,
) -> Tally:
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


def count_turn(t: Turn, trail: Trail, flowset: FlowSet | None = None) -> None:
    """The turn-write hook: call before the turn's new conversation is set (``t.conversation``
    is still the one loaded). The counts are written with the turn's other writes."""
    tally = tally_turn(t.conversation, t.conversation_at, trail, t.now(), flowset)
    t.count_states(tally.sorted_rows())


async def drop_off(
    store: Store, flowset: FlowSet | None = None, *, weeks: int | None = None
) -> dict[str, Any]:
    """`between stats --json`: per flow and week, each state's entered / left / finished."""
    rows = await store.state_counts(weeks)
    return summarise(rows, flowset)


def _ends(flowset: FlowSet | None, flow: str, state: str) -> bool:
    spec = flowset.flows.get(flow) if flowset is not None else None
    node = spec.states.get(state) if spec is not None else None
    return node is not None and (node.end or node.resume)


def summarise(rows: Iterable[Row], flowset: FlowSet | None = None) -> dict[str, Any]:
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
    return {
        "started": states.get(start, {}).get("entered", 0) if start else None,
        "finished": sum(s["finished"] for s in states.values()),
        "left": sum(s["left"] for s in states.values()),
        "states": states,
    }


def missing_database(url: str) -> str | None:
    """Why there are no counts to read, when the SQLite file does not exist yet."""
    from persistence.db import normalise_url, sqlite_path

    path = sqlite_path(normalise_url(url)) if url.startswith("sqlite") else None
    if path is not None and not path.exists():
        return f"no database at {path} yet: nobody has used the bot here"
    return None
