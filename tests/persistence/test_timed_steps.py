"""Timed flow steps through the real pipeline: durable across restarts, fired once by two workers.

Runs on SQLite and PostgreSQL like the contract suite; the store's clock is moved, never slept on.
"""
from __future__ import annotations

import asyncio

from bot.app import Companion
from bot.engine import Ask, Say, Text, load_registry
from tests.engine.helpers import write_flowset

BREATHE = """
start: rate
states:
  rate:
    say: How strong is the urge, 0 to 10?
    ask: scale
    save_as: urge
    next: breathe
  breathe:
    say: "Breathe with it for a minute and a half. ({urge} now.)"
    after: 90s
    next: check
  check:
    say: Bigger, same or smaller?
    ask: choice
    choices: [Bigger, Same, Smaller]
    save_as: change
    next: done
  done:
    say: "{change}: thanks for staying with it."
    end: true
"""


def texts(reply) -> list[str]:
    return [o.text for o in reply.messages if isinstance(o, (Say, Ask))]


async def test_a_timed_step_survives_a_restart_and_fires_once_with_two_workers(db, clock, tmp_path):
    flows = load_registry(write_flowset(tmp_path, {"breathe": BREATHE}))
    first = Companion(flows, await db.open(clock=clock))
    await first.prepare()
    await first.store.mark_sent((await first.begin("tg:7", "breathe")).outbox_ids)
    reply = await first.handle("tg:7", Text("8"), update_id=1)
    assert texts(reply) == ["Breathe with it for a minute and a half. (8 now.)"]
    assert [w.seconds for w in reply.timers] == [90]
    await first.store.mark_sent(reply.outbox_ids)  # sent: a timed step waits for its announcement
    await first.store.close()  # the process stops while the client breathes

    workers = [Companion(flows, await db.open(clock=clock)) for _ in range(2)]
    delivered: list[tuple[str, list[str]]] = []

    async def deliver(user_key, reply):
        delivered.append((user_key, texts(reply)))

    assert [await w.run_due_jobs(deliver) for w in workers] == [0, 0]  # not due yet
    clock.advance(seconds=91)
    counts = await asyncio.gather(*(w.run_due_jobs(deliver) for w in workers))
    assert sorted(counts) == [0, 1] and delivered == [("tg:7", ["Bigger, same or smaller?"])]
    clock.advance(minutes=5)
    assert [await w.run_due_jobs(deliver) for w in workers] == [0, 0]  # never again
    reply = await workers[0].handle("tg:7", Text("smaller"), update_id=2)
    assert texts(reply) == ["Smaller: thanks for staying with it."]
    for worker in workers:
        await worker.store.close()


async def test_answering_early_makes_the_timer_a_no_op(db, clock, tmp_path):
    flows = load_registry(write_flowset(tmp_path, {"breathe": BREATHE}))
    companion = Companion(flows, await db.open(clock=clock))
    await companion.prepare()
    replies = [await companion.begin("tg:8", "breathe"),
               await companion.handle("tg:8", Text("5"), update_id=1)]
    waiting = await companion.handle("tg:8", Text("are you there?"), update_id=2)
    assert texts(waiting) == [flows.messages["waiting"].source]
    # typed, not a command: still waiting
    replies += [waiting, await companion.handle("tg:8", Text("/menu"), update_id=3)]
    await companion.store.mark_sent([id for reply in replies for id in reply.outbox_ids])  # sent
    clock.advance(seconds=120)
    sent = []

    async def deliver(user_key, reply):
        sent.append(texts(reply))

    assert await companion.run_due_jobs(deliver) == 1 and sent == [["Bigger, same or smaller?"]]
    await companion.store.close()
