"""End to end: `between run` SIGKILLed after a confirmed /delete committed and before the erasure
ran. After the restart everything is erased, and only then does the goodbye go."""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from .test_bot_e2e import bot_forks, db_url, processes, server  # noqa: F401 (fixtures)
from bench.drivers.telegram.bot_process import WAIT, consented

from .test_bot_e2e import Client, start_bot, wait_for_commands


def _rows_of(path: str, user_key: str) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        uid = conn.execute("SELECT id FROM users WHERE user_key = ?", (user_key,)).fetchone()
        if uid is None:
            return {}
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        personal = [t for t in tables
                    if "user_id" in [c[1] for c in conn.execute(f"PRAGMA table_info({t})")]]
        return {t: conn.execute(f"SELECT count(*) FROM {t} WHERE user_id = ?", uid).fetchone()[0]
                for t in personal}


def until(predicate: Callable[[], bool], timeout: float = WAIT) -> None:
    """Wait until ``predicate()`` is true, looked at every 20 ms: the database changes without
    the fake server hearing of it, so its wait_until (woken by requests) would see it late."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"not true within {timeout} s"
        time.sleep(0.02)


def test_a_kill_between_the_delete_commit_and_the_erasure_erases_then_says_goodbye(
        server, db_url, tmp_path, processes):
    user = 511
    path = db_url.split("///", 1)[1]
    consented(db_url, user)
    bot = start_bot(processes, server, db_url, tmp_path)
    wait_for_commands(server, bot)
    client = Client(server, user, bot)
    delete = client.flowset.flows["delete"]
    erase = client.label("confirm", "erase", flow="delete")
    goodbye = delete.states["erased"].lines[0].text.render({})
    client.says("/menu", button=client.flowset.flows["talk"].title)
    client.presses(client.flowset.flows["talk"].title, then=client.question("welcome"))
    client.says("I drink when the house is quiet", then=client.question("ask_experience"))
    client.says("/delete", button=erase)
    assert sum(_rows_of(path, f"tg:{user}").values()) > 3

    # The confirmation's turn commits; then the bot waits for Telegram (the button's spinner),
    # before it erases anything ... and is killed there.
    server.fail_next("answerCallbackQuery", "slow", delay=5)  # killed long before it answers
    message = next(m for m in reversed(server.messages_to(user)) if erase in m.labels)
    server.user_presses(user, message.message_id, label=erase)
    server.wait_until_sync(lambda: server.calls("answerCallbackQuery")
                           and server.calls("answerCallbackQuery")[-1].fault is not None, WAIT)
    bot.proc.kill()
    bot.proc.wait(WAIT)
    assert goodbye not in [m.text for m in server.messages_to(user)]
    assert _rows_of(path, f"tg:{user}").get("conversations") == 1, "killed before the erasure"

    restarted = start_bot(processes, server, db_url, tmp_path)
    client.bot = restarted
    client._wait(lambda m: m.text == goodbye, after=message.message_id)
    left = _rows_of(path, f"tg:{user}")
    assert sum(left.values()) == left.get("jobs", 0), "erased before the goodbye"
    # the erase job and the blank users row go right after the goodbye: then nothing is left
    until(lambda: _rows_of(path, f"tg:{user}") == {})
    texts = [m.text for m in server.messages_to(user)]
    assert texts.count(goodbye) == 1, server.transcript(user)
    assert restarted.stop() == 0
    server.assert_no_violations()
