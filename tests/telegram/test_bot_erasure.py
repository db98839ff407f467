"""/delete through the real Application offline: the goodbye says "erased" only once the
erasure committed, and an erasure that failed or was interrupted completes later, then the
goodbye goes. (The SIGKILL variant against the fake server is in test_bot_e2e.)"""
from __future__ import annotations

from datetime import timedelta

import pytest

from .bot_harness import OfflineBot
from .test_bot_offline import USER, Clock, into_talk

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

REFUSE_ERASING = """CREATE TRIGGER refuse_erasing BEFORE DELETE ON conversations
                    BEGIN SELECT RAISE(ABORT, 'injected fault'); END"""


def goodbye(bot: OfflineBot) -> str:
    return bot.flowset.flows["delete"].states["erased"].lines[0].text.render({})


async def confirm_delete(bot: OfflineBot, fault: str | None = None) -> list:
    await bot.command("delete")
    if fault:
        bot.request.fail_next("sendMessage", fault)
    confirm = bot.flowset.flows["delete"].states["confirm"].choices
    return await bot.press(next(c for c in confirm if c.id == "erase").label.render({}))


async def test_a_failing_erasure_says_nothing_then_completes_before_the_goodbye(
        tmp_path, recording_request):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await into_talk(bot)
        await bot.text("I drink to switch off after work")
        row_id = bot.user_row_id()
        bot.sql(REFUSE_ERASING)  # the erasure's transaction fails (a fault of the database)

        calls = await confirm_delete(bot)
        assert goodbye(bot) not in bot.texts(calls), "no 'erased' while nothing is erased"
        assert bot.rows_of(row_id)["conversations"] == 1 and bot.rows_of(row_id)["plans"] >= 0
        assert await bot.transport.run_due_jobs() == 0, "it is tried again later, not at once"

        bot.sql("DROP TRIGGER refuse_erasing")  # the fault is gone
        clock.now += timedelta(minutes=2)
        before = len(bot.request.calls)
        assert await bot.transport.run_due_jobs() == 1
        assert bot.texts(bot.request.calls[before:]) == [goodbye(bot)]
        assert bot.rows_of(row_id) == {name: 0 for name in bot.rows_of(row_id)}
        assert bot.user_row_id() is None and bot.outbox_count() == 0
        assert await bot.transport.run_due_jobs() == 0, "said once"


async def test_a_goodbye_telegram_did_not_take_is_sent_again_after_the_erasure(
        tmp_path, recording_request):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await into_talk(bot)
        row_id = bot.user_row_id()
        calls = await confirm_delete(bot, "502")
        assert bot.texts(calls) == []
        left = bot.rows_of(row_id)
        assert left.pop("users") == 1 and left.pop("jobs") == 1 and set(left.values()) == {0}, \
            "erased already: only a blank user row and the job that says goodbye are left"
        clock.now += timedelta(minutes=2)
        before = len(bot.request.calls)
        assert await bot.transport.run_due_jobs() == 1
        assert bot.texts(bot.request.calls[before:]) == [goodbye(bot)]
        assert bot.user_row_id() is None


async def test_an_erasure_a_restart_interrupted_is_finished_by_the_terminal_chat(tmp_path):
    import io

    from bot.app import Companion
    from bot.console import TerminalChat
    from persistence import Store

    from .bot_harness import flows_and_safety

    flowset, safety = flows_and_safety()
    url = f"sqlite:///{tmp_path / 'chat.db'}"
    store = await Store.open(url)
    try:
        companion = Companion(flowset, store, safety)
        out = io.StringIO()
        chat = TerminalChat(companion, "alice", out)
        await chat.open()
        await chat.send_line("/delete")
        reply = await companion.handle(chat.user_key, _erase_pick(chat))  # committed; then a crash
        assert reply.erasing and goodbye_text(flowset) not in out.getvalue()
    finally:
        await store.close()
    store = await Store.open(url)
    try:
        out = io.StringIO()
        await TerminalChat(Companion(flowset, store, safety), "alice", out).open()
        assert out.getvalue().startswith(goodbye_text(flowset))
        assert await store.export_user("cli:alice") is None
    finally:
        await store.close()


def _erase_pick(chat):
    from bot.chat_input import parse_input

    return parse_input("1", chat.ask)


def goodbye_text(flowset) -> str:
    return flowset.flows["delete"].states["erased"].lines[0].text.render({})
