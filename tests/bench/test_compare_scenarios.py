"""The comparison benchmark's scenarios (bench/scenarios.py), run tiny: each completes, and what
its turns did was really stored. No timings are checked.

PostgreSQL runs when TEST_DATABASE_URL is set (e.g. postgresql://root@127.0.0.1:5432/test; a
database of its own is made there and dropped); it skips otherwise (fails with CI=true).
"""
from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest

from bench import scenarios
from bench.scenarios import (ANSWERS, PTB_STATES, TALK_STEPS, BotBench, EchoBench, PtbBench, RawSqliteBench,
                             concurrent, paced, sequential, stored_states, talk_steps)
from persistence import Store, generate_key
from tests.persistence.conftest import scratch_database
from bench.drivers.telegram.botapi_schema import load_schema

TURNS = len(TALK_STEPS)


@pytest.fixture(scope="module")
def schema():
    return load_schema()


@pytest.fixture(scope="module")
def flowset():
    from bot.engine import load_registry

    return load_registry(scenarios.FLOWS)


@pytest.fixture(scope="module")
def safety(flowset):
    from tests.content import content_of

    return content_of(str(scenarios.FLOWS)).require()[1]


def test_the_steps_are_the_talk_flow(flowset):
    assert talk_steps(flowset) == TALK_STEPS
    assert len(stored_states(flowset)) == TURNS


async def test_the_floor_answers_every_update_with_one_message(schema):
    echo = EchoBench(schema)
    await echo.start()
    echo.request.core.calls.clear()  # getMe
    try:
        times = await sequential(echo, 2 * TURNS)
        latencies, _ = await concurrent(echo, 3, 2)
        at_pace, _ = await paced(echo, 3, 2, think=(0.001, 0.002))
    finally:
        await echo.stop()
    assert len(times) == 2 * TURNS and len(latencies) == 3 * 2 and len(at_pace) == 3 * 2
    assert echo.requests == 2 * TURNS + 3 * 2 * 2  # one sendMessage per update, nothing refused


def _conversation(calls) -> list[tuple]:
    """What a client sees: each Bot API call's method, text and buttons."""
    seen = []
    for call in calls:
        markup = call.params.get("reply_markup") or {}
        labels = tuple(b["text"] for row in markup.get("inline_keyboard", []) for b in row)
        seen.append((call.method, call.params.get("text"), labels))
    return seen


async def test_the_ptb_program_says_what_our_bot_says(schema, flowset, safety, tmp_path):
    """Same prompts, reflections, buttons and Bot API calls, turn by turn: a like-for-like program."""
    ours = BotBench(schema, tmp_path, flowset, safety)
    ptb = PtbBench(schema, tmp_path)
    seen = {}
    for name, bench in (("ours", ours), ("ptb", ptb)):
        await bench.start()
        try:
            user = await bench.new_chat()
            turns = []
            for step in bench.steps:
                bench.request.core.calls.clear()
                await bench.turn(bench.update_for(user, step))
                turns.append(_conversation(bench.request.core.calls))
            bench.end_chat(user)
            seen[name] = turns
        finally:
            await bench.stop()
    assert seen["ptb"] == seen["ours"]
    assert len(seen["ours"]) == TURNS and all(seen["ours"])


async def test_the_ptb_program_keeps_its_conversations_in_the_pickle(schema, safety, tmp_path):
    bench = PtbBench(schema, tmp_path, safety=safety)
    await bench.start()
    try:
        await sequential(bench, 2 * TURNS)  # two clients all the way through
        partway = await bench.new_chat()
        for step in TALK_STEPS[:5]:  # ... and one who stops at "Did I get that right?"
            await bench.turn(bench.update_for(partway, step))
        latencies, _ = await concurrent(bench, 3, 3)
        assert len(latencies) == 9
        assert not bench.path.exists() or partway not in _pickled(bench.path)["user_data"]  # not yet written
    finally:
        await bench.stop()  # shutdown writes the pickle
    data = _pickled(bench.path)
    talk = data["conversations"]["talk"]
    finished = [partway - 2, partway - 1]
    for user in finished:
        assert talk.get((user, user)) is PTB_STATES[-1]  # ended
        assert data["user_data"][user]["talk"] == {"concern": ANSWERS[0], "experience": ANSWERS[1],
                                                   "meaning": scenarios.MEANINGS[0][1], "more": ANSWERS[2]}
    assert talk[(partway, partway)] == PTB_STATES[4]
    assert data["user_data"][partway]["talk"]["meaning"] == scenarios.MEANINGS[0][1]
    for user in range(partway + 1, partway + 4):
        assert talk[(user, user)] == PTB_STATES[2]
        assert data["user_data"][user]["talk"] == {"concern": ANSWERS[0]}


def _pickled(path: Path) -> dict:
    with open(path, "rb") as file:
        return pickle.load(file)


async def _our_bot_persists(schema, flowset, safety, tmp_path: Path, url: str | None, key: str | None) -> None:
    bench = BotBench(schema, tmp_path, flowset, safety, database_url=url, data_key=key)
    await bench.start()
    try:
        await sequential(bench, TURNS)  # one client all the way through
        partway = await bench.new_chat()
        for step in bench.steps[:3]:  # ... one who has answered the first question
            await bench.turn(bench.update_for(partway, step))
        latencies, _ = await concurrent(bench, 3, 3)  # ... and three at once, as far
        at_pace, _ = await paced(bench, 2, 3, think=(0.001, 0.002))  # ... and two more, pausing
        assert len(latencies) == 9 and len(at_pace) == 6
        assert bench.request.violations() == []
    finally:
        await bench.stop()
    url = bench.settings.database_url
    states = stored_states(flowset)
    store = await Store.open(url, data_key=key)
    try:
        async with store.turn(f"tg:{partway - 1}") as t:
            assert t.conversation["flow"] == "talk" and t.conversation["state"] == "goodbye"
            assert t.conversation["vars"]["more"] == ANSWERS[2]
        for user in range(partway, partway + 6):
            async with store.turn(f"tg:{user}") as t:
                assert t.conversation == states[2]  # the raw sqlite3 floor writes these same bytes
        assert (await store.stats())["outbox_waiting"] == 0
    finally:
        await store.close()
    # after a restart the client carries on where they were
    again = BotBench(schema, tmp_path, flowset, safety, database_url=url, data_key=key)
    last = bench.request.factory.next_update_id()
    while again.request.factory.next_update_id() < last:  # Telegram's update ids carry on
        pass
    await again.start()
    try:
        await again.turn(again.update_for(partway, ("text", ANSWERS[1])))
        assert again.request.sent_texts(partway) == [
            "You're noticing that it feels heavy, and you're tired of it.",
            "Use often gives people something, as well as costing them. Which of these is closest to what it gives you?",
        ]
    finally:
        await again.stop()


async def test_our_bot_commits_every_turn_on_sqlite(schema, flowset, safety, tmp_path):
    await _our_bot_persists(schema, flowset, safety, tmp_path, None, None)


@pytest.fixture(scope="module")
def pg_database():
    yield from scratch_database()


async def test_our_bot_commits_every_turn_on_postgresql(schema, flowset, safety, tmp_path, pg_database):
    await _our_bot_persists(schema, flowset, safety, tmp_path, pg_database.url, generate_key())


async def test_raw_sqlite_writes_each_state(flowset, tmp_path):
    states = stored_states(flowset)
    bench = RawSqliteBench(tmp_path / "raw.db", states)
    await bench.start()
    try:
        await sequential(bench, 2 * TURNS)
        latencies, _ = await concurrent(bench, 3, 4)
    finally:
        await bench.stop()
    assert len(latencies) == 12
    db = sqlite3.connect(tmp_path / "raw.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = {key: (state, rev) for key, state, rev in db.execute("SELECT user_key, state, rev FROM conversations")}
    finally:
        db.close()
    assert len(rows) == 5
    first = bench.next_user - 5

    def state(blob: bytes) -> dict:
        return json.loads(blob[:-33])  # our store's 33 bytes of encryption framing, random here

    for user in (first, first + 1):
        blob, rev = rows[f"tg:{user}"]
        assert (state(blob), rev) == (states[-1], TURNS)
    for user in range(first + 2, first + 5):
        blob, rev = rows[f"tg:{user}"]
        assert (state(blob), rev) == (states[3], 4)


def test_a_scenario_runs_in_its_own_process(flowset, tmp_path):
    """compare_bench.py's parent and child talk as they do in `make bench` (the raw sqlite3 child:
    it starts fastest)."""
    from bench import compare_bench

    (tmp_path / "states.json").write_text(json.dumps(stored_states(flowset)))
    child = compare_bench.Child("raw_sqlite", "raw_sqlite", tmp_path)
    try:
        assert child.ask() == {"ready": True}
        seq = child.ask(cmd="seq", n=TURNS)
        conc = child.ask(cmd="conc", chats=4, steps=2)
        child.send(cmd="quit")
        peak = child.finish()
    finally:
        child.kill()
    assert len(seq["lat"]) == TURNS and seq["chats"] == 1
    assert len(conc["lat"]) == 8 and conc["chats"] == 4
    assert peak > 0
    db = sqlite3.connect(tmp_path / "raw.db")
    try:
        assert db.execute("SELECT count(*) FROM conversations").fetchone()[0] == 2 + 10 + 1 + 4  # with the warm-up
    finally:
        db.close()
