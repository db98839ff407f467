"""Drop-off counts: what a turn adds, and what the store sums, on SQLite and PostgreSQL."""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.app import Companion
from bot.engine import Command, FlowSet, Pick, Text, load_registry
from persistence import Store, generate_key
from bot.dropoff import drop_off, tally_turn
from persistence.stats import week_of
from tests.persistence.conftest import KEY, PgServer, scratch_database

MONDAY = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
LAST_WEEK = datetime(2030, 1, 3, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def flowset() -> FlowSet:
    return load_registry("flows.yaml")


def _conv(flow: str, state: str, **extra: object) -> dict[str, object]:
    return {"v": 1, "flow": flow, "version": "x", "state": state, "vars": {}, "rev": 1, **extra}


def test_weeks_start_on_monday() -> None:
    assert week_of(datetime(2030, 1, 13, 23, 0, tzinfo=UTC)) == date(2030, 1, 7)
    assert week_of(date(2030, 1, 7)) == date(2030, 1, 7)


def test_going_on_is_counted_in_the_week_the_state_was_entered(flowset: FlowSet) -> None:
    trail = [("talk", "welcome", None), ("talk", "reflect_concern", None),
             ("talk", "listen", None)]
    tally = tally_turn(_conv("talk", "welcome"), LAST_WEEK, trail[1:], MONDAY, flowset)
    assert tally.rows[(week_of(LAST_WEEK), "talk", "welcome")] == [0, 1]
    assert tally.rows[(week_of(MONDAY), "talk", "reflect_concern")] == [1, 1]
    assert tally.rows[(week_of(MONDAY), "talk", "listen")] == [1, 0]


def test_a_command_elsewhere_is_leaving_a_route_to_another_flow_is_not(flowset: FlowSet) -> None:
    menu = [("menu", flowset.flows["menu"].start, None)]
    left = tally_turn(_conv("talk", "ask_experience"), MONDAY, menu, MONDAY, flowset)
    assert (week_of(MONDAY), "talk", "ask_experience") not in left.rows  # /menu: left there
    routed = next((fid, sid) for fid, flow in flowset.flows.items()
                  for sid, state in flow.states.items()
                  if any(r.flow == "menu" for c in state.choices for r in c.routes))
    went_on = tally_turn(_conv(*routed), MONDAY, menu, MONDAY, flowset)
    assert went_on.rows[(week_of(MONDAY), *routed)] == [0, 1]


def test_starting_the_same_flow_afresh_is_leaving(flowset: FlowSet) -> None:
    again = [("talk", "welcome", None)]
    tally = tally_turn(_conv("talk", "ask_experience"), MONDAY, again, MONDAY, flowset)
    assert tally.rows == {(week_of(MONDAY), "talk", "welcome"): [1, 0]}


def test_an_ended_conversation_and_choices_add_nothing_of_their_own(flowset: FlowSet) -> None:
    trail = [("talk", "welcome", None)]
    tally = tally_turn(_conv("talk", "bye", ended=True), MONDAY, trail, MONDAY, flowset)
    assert tally.rows == {(week_of(MONDAY), "talk", "welcome"): [1, 0]}
    assert not tally_turn(None, None, [("talk", "x", "yes")], MONDAY, flowset).rows


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    yield from scratch_database()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        opened = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'stats.db'}",
                                  data_key=generate_key())
    else:
        server = request.getfixturevalue("pg")
        await server.truncate()
        opened = await Store.open(server.url, data_key=KEY)
    try:
        yield opened
    finally:
        await opened.close()


async def test_the_store_sums_what_conversations_did(store: Store, flowset: FlowSet) -> None:
    companion = Companion(flowset, store)
    await companion.prepare()

    async def answer(user: str, *inputs: str) -> None:
        reply = await companion.begin(user, "talk")
        for given in inputs:
            ask = next((o for o in reversed(reply.outputs) if hasattr(o, "buttons")), None)
            button = next((b for b in getattr(ask, "buttons", ()) if b.label == given), None)
            event = Pick(button.data, ask.rev) if button and ask else Text(given)
            reply = await companion.handle(user, event)

    await answer("cli:a", "I drink more than I want to after work",
                 "It's tiring, and I feel foggy the next day", "A way to unwind", "Yes, that's it",
                 "My partner has started to worry", "That's it", "That's enough for now")
    await answer("cli:b", "I feel stuck at the moment")
    await answer("cli:c")
    await companion.handle("cli:c", Command("menu"))  # left at the first question
    figures = await drop_off(store, flowset)
    talk = figures["flows"]["talk"]["total"]
    assert (talk["started"], talk["finished"], talk["left"]) == (3, 1, 2)
    states = talk["states"]
    assert states["welcome"] == {"entered": 3, "left": 1, "finished": 0}
    assert states["ask_experience"]["left"] == 1
    assert sum(s["finished"] for s in states.values()) == 1
    assert list(figures["flows"]["talk"]["weeks"]) == [week_of(store._now()).isoformat()]
    assert figures["flows"]["menu"]["total"]["started"] == 1


def test_stats_on_a_store_not_made_yet_creates_nothing(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'none.db'}"}
    done = subprocess.run([sys.executable, "-m", "bot", "stats", "--json"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '{"flows": {}}'
    assert "nobody has used the bot here" in done.stderr
    assert not (tmp_path / "none.db").exists()
