"""Check-ins through the whole pipeline on SQLite and PostgreSQL, with the store's fake clock
(moved, never slept on): local time, once-only firing with two workers, catch-up after downtime,
the weekly summary, the safety check-in, and never taking over a practice in progress.
"""
from __future__ import annotations

import asyncio
import shutil
from datetime import datetime, timezone
from pathlib import Path

import yaml

from bot import effects
from bot.app import Companion
from bot.engine import Ask, Effect, Say, Text, load_registry
from bot.engine.spec import MESSAGE_KEYS

ROOT = Path(__file__).resolve().parents[2]
UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- the pipeline -------------------------------------------------------------------------------
SETUP = """
start: go
states:
  go:
    do:
      - set_profile: {timezone: "{payload}"}
      - set_reminders: {on: "yes", days: "mon wed", time: "19:00", weekly: "yes"}
    end: true
"""
MENU = """
start: pick
states:
  pick:
    say: What now?
    ask: menu
"""
BREATHE = """
start: rate
states:
  rate:
    say: How strong is the urge, 0 to 10?
    ask: scale
    save_as: urge
    next: done
  done:
    say: "Thanks ({urge})."
    end: true
"""


def flowset(tmp_path: Path):
    """The shipped check-in dialogs with a tiny menu and practice around them."""
    names = ["checkin", "checkin_late", "checkin_nudge", "checkin_safety"]
    for name in names:
        shutil.copy(ROOT / "dialogs" / f"{name}.yaml", tmp_path / f"{name}.yaml")
    offered = ["sober", "talk", "micro", "unwrap", "saferuse_supply", "saferuse_depressants",
               "saferuse_stimulants", "saferuse_alone"]  # what a hard check-in offers: stand-ins
    for name, text in (("menu", MENU), ("setup", SETUP), ("breathe", BREATHE),
                       *((n, BREATHE) for n in offered)):
        (tmp_path / f"{name}.yaml").write_text(text)
    registry = {
        "home": "menu", "start": "menu", "menu": ["breathe"],
        "flows": {n: {"file": f"{n}.yaml", "title": n}
                  for n in ["menu", "setup", "breathe", *names, *offered]},
        "messages": {k: f"<{k}>" for k in MESSAGE_KEYS},
        "context": {"consent": "c", "crisis_resources": "r", "first_name": "f", "training": "t", "role": "r",
                    "country": "c", "favourites": "f", "emergency": "e"},
        "reminders": {kind: reminder for kind, reminder in  # what the check-ins open, as shipped
                      yaml.safe_load((ROOT / "flows.yaml").read_text())["reminders"].items()
                      if reminder["flow"] in names},
    }
    (tmp_path / "flows.yaml").write_text(yaml.safe_dump(registry))
    return load_registry(tmp_path / "flows.yaml")


def texts(reply) -> list[str]:
    return [o.text for o in reply.messages if isinstance(o, (Say, Ask))]


async def set_up(companion, user="tg:1", tz="Europe/London"):
    await companion.prepare()
    async with companion.store.turn(user) as t:
        t.update_profile(consent=True)
    turn = companion.engine.start("setup", {}, payload=tz)
    async with companion.store.turn(user) as t:
        await companion._commit(t, turn, [], {}, companion.engine)


async def jobs(store, user="tg:1"):
    return sorted((j["kind"], j["due_at"]) for j in (await store.export_user(user))["scheduled"])


async def test_checkins_fire_once_at_local_time_with_two_workers_and_schedule_the_next(db, clock, tmp_path):
    flows = flowset(tmp_path)
    first = Companion(flows, await db.open(clock=clock))
    await set_up(first)  # Tuesday 1 January 2030, 12:00 UTC; London is on GMT
    assert await jobs(first.store) == [("checkin", "2030-01-02T19:00:00+00:00"),
                                       ("weekly", "2030-01-06T18:00:00+00:00")]
    await first.store.close()  # the bot stops, and starts again as two workers
    workers = [Companion(flows, await db.open(clock=clock)) for _ in range(2)]
    got: list[tuple[str, list[str]]] = []

    async def deliver(user_key, reply):
        got.append((user_key, texts(reply)))

    clock.now = utc(2030, 1, 2, 18, 59)
    assert [await w.run_due_jobs(deliver) for w in workers] == [0, 0]
    clock.now = utc(2030, 1, 2, 19, 0, 30)
    counts = await asyncio.gather(*(w.run_due_jobs(deliver) for w in workers))
    assert sorted(counts) == [0, 1]
    assert got == [("tg:1", ["Time for a quick check-in: four short questions, about a minute. Is now a good time?"])]
    items = await workers[0].store.outbox_pending(user_key="tg:1")
    assert [i.priority for i in items if i.payload.get("text", "").startswith("Time for")] == [1]  # replies first
    assert await jobs(workers[0].store) == [("checkin", "2030-01-07T19:00:00+00:00"),  # Monday, in the same turn
                                            ("weekly", "2030-01-06T18:00:00+00:00")]
    clock.advance(minutes=30)
    assert [await w.run_due_jobs(deliver) for w in workers] == [0, 0]  # never twice
    w = workers[0]
    for update, answer in enumerate(["yes, let's do it", "6", "4", "as planned", "no note today"], start=10):
        reply = await w.handle("tg:1", Text(answer), update_id=update)
    assert texts(reply)[0].startswith("Thanks. Noted: mood 6, strongest urge 4, compared with your plan: as planned.")
    [c] = (await w.store.history("tg:1", 14))["checkins"]
    assert c["score"] == 6 and c["details"] == {"urge": 4, "vs_plan": "as planned"}
    clock.now = utc(2030, 1, 6, 18, 1)  # Sunday evening: the weekly summary, in words
    assert await w.run_due_jobs(deliver) == 1
    week = got[-1][1][0]
    assert week.startswith("Your week, in numbers") and "Check-ins: 1, on 1 of 7 days." in week
    assert "streak" not in week.lower()
    for worker in workers:
        await worker.store.close()


async def test_a_checkin_missed_while_down_is_sent_late_or_skipped(db, clock, tmp_path):
    companion = Companion(flowset(tmp_path), await db.open(clock=clock))
    await set_up(companion)
    got = []

    async def deliver(user_key, reply):
        got.append(texts(reply))

    clock.now = utc(2030, 1, 2, 20, 0)  # down for an hour: sent, and says it is late
    assert await companion.run_due_jobs(deliver) == 1
    assert got[-1][0] == "Sorry, this check-in comes a little later than the time you chose."
    assert got[-1][1].startswith("Time for a quick check-in")
    clock.now = utc(2030, 1, 7, 23, 0)  # Monday's, 4 hours late and in quiet hours: skipped (Sunday's weekly too)
    assert await companion.run_due_jobs(deliver) == 2
    assert got[1:] == [[], []]
    assert await jobs(companion.store) == [("checkin", "2030-01-09T19:00:00+00:00"),  # the next one still comes
                                           ("weekly", "2030-01-13T18:00:00+00:00")]
    await companion.store.close()


async def test_a_checkin_never_takes_over_a_practice_in_progress(db, clock, tmp_path):
    companion = Companion(flowset(tmp_path), await db.open(clock=clock))
    await set_up(companion)
    clock.now = utc(2030, 1, 2, 18, 55)
    await companion.begin("tg:1", "breathe")  # the client is in the middle of a practice
    got = []

    async def deliver(user_key, reply):
        got.append(texts(reply))

    clock.now = utc(2030, 1, 2, 19, 0)
    assert await companion.run_due_jobs(deliver) == 1
    assert got == [["It's your check-in time. No need to stop what you're doing: when you're ready, "
                    "send /checkin and tap \"Check in now\"."]]
    reply = await companion.handle("tg:1", Text("5"), update_id=1)  # the practice goes on where it was
    assert texts(reply) == ["Thanks (5)."]
    # a practice left hours ago is not "in progress": the next check-in starts
    await companion.begin("tg:1", "breathe")
    clock.now = utc(2030, 1, 7, 19, 0)
    assert await companion.run_due_jobs(deliver) == 2  # Sunday's weekly summary (skipped: a day late) and Monday's
    assert got[-1][0].startswith("Time for a quick check-in")
    await companion.store.close()


async def test_the_safety_checkin_asks_how_they_are_once(db, clock, tmp_path):
    companion = Companion(flowset(tmp_path), await db.open(clock=clock))
    await companion.prepare()
    async with companion.store.turn("tg:2") as t:
        await effects.apply(effects.Here(t, Effect("schedule_safety_checkin", {}), None, companion.engine, {},
                                         companion.flowset.messages, []))
    assert await jobs(companion.store, "tg:2") == [("safety_checkin", "2030-01-01T14:00:00+00:00")]
    got = []

    async def deliver(user_key, reply):
        got.append(texts(reply))

    clock.advance(hours=2, seconds=5)
    assert await companion.run_due_jobs(deliver) == 1 and await companion.run_due_jobs(deliver) == 0
    assert got == [["Hi, it's Between Sessions, checking in as you asked.", "How are you doing now?"]]
    reply = await companion.handle("tg:2", Text("doing okay"), update_id=5)
    assert texts(reply)[0].startswith("I'm glad to hear it.")
    await companion.store.close()
