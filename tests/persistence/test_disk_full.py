"""A full disk under SQLite: the turn fails as transient, nothing is half-written, the operator
is told once what is wrong, and the same store commits again once there is space.

Each test runs on a real small tmpfs (where this process may mount one) and with SQLite's page
limit (everywhere): see ``disk.py``.
"""
from __future__ import annotations

import asyncio
import logging
import secrets
import sqlite3
import time
from pathlib import Path

import pytest

from persistence import Store, StoreUnavailable
from persistence.checkpoint import Checkpointer

from .disk import disk_for

FULL_LINE = "database disk is full at {dir}: free space; updates are held and will be retried"


IO_LINE = "database disk I/O error at {dir}: check the disk; updates are held and will be retried"


@pytest.fixture(params=["tmpfs", "pages", "ioerror"])
def disk(request, tmp_path):
    yield from disk_for(request.param, tmp_path)


def alarm_line(disk) -> str:
    return (IO_LINE if disk.kind == "I/O error" else FULL_LINE).format(dir=disk.dir)


def alarms(caplog, disk) -> list[str]:
    """The operator's disk lines logged so far. Past the file size limit SQLite reports "full"
    or "I/O error" depending on which write met it first."""
    wanted = (IO_LINE.format(dir=disk.dir), FULL_LINE.format(dir=disk.dir))
    return [r.getMessage() for r in caplog.records if r.getMessage() in wanted]


def noise() -> str:
    """Words that need new pages however they are stored (sealed: incompressible)."""
    return secrets.token_hex(12_000)


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def test_a_turn_on_a_full_disk_is_transient_and_the_same_store_commits_once_space_is_back(
        disk, caplog):
    caplog.set_level(logging.INFO, logger="persistence")
    db = disk.dir / "between.db"
    store = await Store.open(f"sqlite:///{db}", retry_for=0.3)
    try:
        async with store.turn("tg:1", 1) as t:
            t.set_conversation({"step": 1}, "talk", "v1")
            t.enqueue([{"text": "welcome"}])
        disk.fill(store)
        for attempt in range(3):  # every attempt fails the same way, none wedges the store
            with pytest.raises(StoreUnavailable) as err:
                async with store.turn("tg:1", 2) as t:
                    assert t.conversation == {"step": 1}, "the last committed state, no half"
                    t.set_conversation({"step": 2, "said": noise()}, "talk", "v1")
                    t.enqueue([{"text": noise()} for _ in range(8)])  # more than the WAL may take
            assert err.value.transient, "the update must come again"
            assert ("I/O" if disk.kind == "I/O error" else "full") in str(err.value)
        with pytest.raises(StoreUnavailable):  # outside turns too (after retrying for retry_for)
            await store.ensure_flow_version("h" * 64, {"flows.yaml": noise()})

        alarms = [r.getMessage() for r in caplog.records
                  if r.getMessage().startswith("database disk")]
        assert alarms == [alarm_line(disk)], "one clear line, not one per failed turn"
        assert not any("InvalidRequestError" in r.getMessage() for r in caplog.records)

        disk.free(store)
        async with store.turn("tg:1", 2) as t:  # Telegram's redelivery
            assert not t.duplicate, "the failed turn left no trace of its update id"
            assert t.conversation == {"step": 1}
            t.set_conversation({"step": 2, "said": noise()}, "talk", "v1")
            t.enqueue([{"text": "second"}])
        assert await store.ensure_flow_version("h" * 64, {"flows.yaml": "x"})
        assert any("works again" in r.getMessage() for r in caplog.records)
    finally:
        await store.close()
    assert rows(db, "SELECT update_id FROM processed_updates ORDER BY 1") == [(1,), (2,)]
    assert rows(db, "SELECT count(*) FROM outbox") == [(2,)], "the first turn's, the redelivery's"


async def test_the_checkpoint_thread_survives_a_full_disk(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="persistence")
    for disk in disk_for("tmpfs", tmp_path):
        db = disk.dir / "between.db"
        writer = sqlite3.connect(db, isolation_level=None)
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("CREATE TABLE t (x BLOB)")
        writer.execute("INSERT INTO t VALUES (randomblob(400000))")  # in the WAL only
        size = db.stat().st_size
        disk.fill()
        checkpoints = Checkpointer(db, "FULL", every=0.05)
        checkpoints.start()
        try:
            time.sleep(0.5)  # ~10 checkpoints, each failing: the database file cannot grow
            assert checkpoints._thread.is_alive()
            assert db.stat().st_size == size
            failures = [r for r in caplog.records if "checkpoint" in r.getMessage().lower()]
            assert len(failures) == 1, [r.getMessage() for r in failures]
            disk.free()
            deadline = time.monotonic() + 5
            # wait for the whole checkpoint: the file grows page by page while it copies
            while db.stat().st_size <= size + 400_000 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert db.stat().st_size > size + 400_000, "checkpointing again once there is space"
            assert checkpoints._thread.is_alive()
        finally:
            checkpoints.stop()
            writer.close()


# -- through the bot: the real Application polling the fake Bot API ---------------------------

from tests.telegram.bot_harness import OfflineBot, polling  # noqa: E402
from tests.telegram.conftest import (  # noqa: E402,F401
    bot_api_schema, fake_bot_api, recording_request)

USER = 1001
LONG_ANSWER = ("I drink when the evenings are long and there is nobody to talk to, and then one "
               "glass becomes four before I notice. ") * 35  # ~3,900 characters: new pages in any case


async def test_a_message_on_a_full_disk_is_not_acknowledged_and_is_answered_once_space_is_back(
        disk, recording_request, fake_bot_api, caplog):
    caplog.set_level(logging.INFO)
    server = fake_bot_api
    async with OfflineBot(disk.dir, recording_request, retry_for=0.2) as bot:
        # a turn that did not commit is tried again after 0.1 s rather than 2 s (doubling)
        async with polling(bot, server, (USER,), turn_retry=0.1):
            menu = server.user_sends_text(USER, "/menu")
            await server.wait_for_message(USER, lambda m: m.has_keyboard, after=menu,
                                          timeout=10)
            await server.wait_until_confirmed(menu, timeout=10)
            keyboard = server.messages_to(USER)[-1]
            talk = server.user_presses(USER, keyboard.message_id,
                                       label=bot.flowset.flows["talk"].title)
            await server.wait_until_confirmed(talk, timeout=10)
            # confirmed at its commit: wait for its messages too (the open question)
            await server.wait_for_message(USER, lambda m: m.text.endswith("?"),
                                          after=keyboard.message_id, timeout=10)
            shown = len(server.messages_to(USER))

            disk.fill(bot.store)
            action = server.user_sends_text(USER, LONG_ANSWER)
            def delivered(times: int) -> bool:
                fetches = [c for c in server.calls("getUpdates") if c.status is not None]
                return sum(1 for c in fetches if any(
                    u["update_id"] == action.update_id for u in c.result or ())) >= times

            # the turn met the full disk (it is tried again where it stands, and fetched
            # again while it is not confirmed)
            await server.wait_until(lambda: alarms(caplog, disk) and delivered(2), 15)
            assert action.update_id in server.pending_updates(), "not acknowledged while full"
            assert len(server.messages_to(USER)) == shown, "the client is told nothing yet"

            disk.free(bot.store)
            await server.wait_until_confirmed(action, timeout=20)
            await asyncio.sleep(0.2)
        texts = [m.text for m in server.messages_to(USER)]
        assert len(texts) > shown, "answered once space was back"
        assert bot.words("error") not in texts, "never 'nothing you wrote has been lost'"
        answer = texts[shown:]
        assert any("glass becomes four" in t or "evenings are long" in t for t in answer), answer
        assert len(set(answer)) == len(answer), "answered once, not once per attempt"
    lines = [r.getMessage() for r in caplog.records]
    assert len(alarms(caplog, disk)) == 1, "one operator line for the whole episode"
    assert not any("evenings" in line for line in lines), "nothing a client wrote in the log"
