"""A conversation stays in the flows it began in: after a restart with edited flows, the turn
loads the old flow set from the store (outside the turn) and goes on with it; new conversations
get the new flows; a flow set gone from the store starts the client afresh.

Runs on SQLite and PostgreSQL like the contract suite.
"""
from __future__ import annotations

from bot.app import Companion
from bot.engine import Ask, Conversation, Say, Text, load_registry
from tests.engine.helpers import write_flowset

RATE = """
start: rate
states:
  rate:
    say: How strong is the urge, 0 to 10?
    ask: scale
    save_as: urge
    next: done
  done:
    say: "{words}: {urge}."
    end: true
vars:
  words: %s
"""


def texts(reply) -> list[str]:
    return [o.text for o in reply.messages if isinstance(o, (Say, Ask))]


async def test_a_conversation_goes_on_in_its_own_flows_after_they_changed(db, clock, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = load_registry(write_flowset(tmp_path / "old", {"rate": RATE % "Noted"}))
    new = load_registry(write_flowset(tmp_path / "new", {"rate": RATE % "Thanks"}))
    assert old.version != new.version
    first = Companion(old, await db.open(clock=clock))
    await first.prepare()
    await first.begin("tg:1", "rate")
    await first.store.close()  # the bot restarts with the edited flows

    second = Companion(new, await db.open(clock=clock))
    await second.prepare()
    assert old.version not in second.engines
    assert texts(await second.handle("tg:1", Text("6"), update_id=1)) == ["Noted: 6."]
    assert old.version in second.engines  # loaded once, kept for the next turns
    await second.begin("tg:2", "rate")
    assert texts(await second.handle("tg:2", Text("4"), update_id=2)) == ["Thanks: 4."]

    async with second.store.turn("tg:3") as t:  # pinned to flows the store no longer has
        t.set_conversation(Conversation("rate", "0123456789abcdef", "rate", rev=3).to_json(),
                           "rate", "0123456789abcdef")
    reply = await second.handle("tg:3", Text("5"), update_id=3)
    assert texts(reply) == ["How strong is the urge, 0 to 10?"]  # afresh, in the new flows
    assert texts(await second.handle("tg:3", Text("5"), update_id=4)) == ["Thanks: 5."]
    await second.store.close()
