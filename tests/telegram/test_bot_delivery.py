"""Delivery through the real Application offline: leases held while a sender works, one chat's
order never broken, a 429 delays only its chat, a malformed answer is retried."""
from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from bot.telegram.main import attach, build_application

from .bot_harness import OfflineBot, unpaced_limiter
from .test_bot_offline import USER, Clock, into_talk

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

OTHER = 1002


def sent_to(bot: OfflineBot, chat: int, since: int = 0) -> list[str]:
    return [c.params["text"] for c in bot.request.calls[since:]
            if c.method == "sendMessage" and c.ok and c.params.get("chat_id") == chat]


async def test_a_lease_is_kept_while_its_sender_waits_so_no_other_sender_sends_twice(
        tmp_path, recording_request):
    async with OfflineBot(tmp_path, recording_request) as bot:
        bot.transport.lease = 1.0  # seconds (a turn's messages are born with it too)
        await into_talk(bot)
        # a second worker on the same database
        other = attach(build_application(bot.settings, request=bot.request, rate_limiter=unpaced_limiter()), bot.companion,
                       bot.settings, bot.flows_path, lease=1.0)
        await other.application.initialize()
        try:
            before = len(bot.request.calls)
            bot.request.fail_next("sendMessage", "slow", delay=2.5)  # the first answer takes long
            turn = asyncio.create_task(bot.text("I drink when the evenings are long"))
            await asyncio.sleep(1.6)  # past the first lease: it must have been renewed
            taken = await other.drain_outbox()
            assert taken == 0, "the other worker takes nothing still being sent"
            await turn
            texts = sent_to(bot, USER, before)
            assert len(texts) >= 2 and len(set(texts)) == len(texts), "each message once"
            assert "evenings are long" in texts[0], "in order"
            assert bot.outbox_count() == 0
        finally:
            await other.application.shutdown()


async def test_a_chats_later_messages_never_overtake_one_waiting_for_a_retry(
        tmp_path, recording_request):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await into_talk(bot)
        bot.request.fail_next("sendMessage", "502")
        first = await bot.text("I drink when I'm tired")
        assert bot.texts(first) == []
        waiting = bot.outbox_count()
        before = len(bot.request.calls)
        await bot.command("help")  # a later turn of the same chat: it waits behind the first
        assert sent_to(bot, USER, before) == []
        clock.now += timedelta(minutes=2)
        assert await bot.transport.drain_outbox() > waiting
        texts = sent_to(bot, USER, before)
        assert "tired" in texts[0] and texts[-1] != texts[0]
        assert bot.outbox_count() == 0


async def test_one_chats_long_429_does_not_delay_another_chats_reply(
        tmp_path, recording_request):
    async with OfflineBot(tmp_path, recording_request) as bot:
        await into_talk(bot)
        await bot.consented(OTHER)
        bot.request.fail_chat(USER, "429", retry_after=10)
        limited = asyncio.create_task(bot.text("I drink to slow down"))
        await asyncio.sleep(0)  # its send is under way first
        started = time.monotonic()
        answer = await asyncio.wait_for(bot.command("menu", user=OTHER), 3.0)
        waited = time.monotonic() - started
        assert bot.texts(answer) and waited < 1.0, "the other chat is not held up"
        await asyncio.wait_for(limited, 3.0)
        assert [c.status for c in bot.request.calls_to("sendMessage")
                if c.params.get("chat_id") == USER][-1] == 429
        assert bot.outbox_count() >= 2, "the limited chat's messages wait in the outbox, in order"
        before = len(bot.request.calls)
        await bot.text("hello?")  # still within its retry_after: nothing is asked of Telegram
        assert sent_to(bot, USER, before) == [] and not [
            c for c in bot.request.calls[before:] if c.method == "sendMessage"]


async def test_a_malformed_answer_to_sendmessage_is_retried_not_dropped(
        tmp_path, recording_request):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await into_talk(bot)
        bot.request.garble_next("sendMessage", [1, 2])
        calls = await bot.text("I drink with my cousin")
        assert [c for c in calls if c.method == "sendMessage"][:1], "it did reach Telegram"
        assert bot.outbox_count() >= 2, "but it is not taken as sent"
        clock.now += timedelta(minutes=2)
        before = len(bot.request.calls)
        await bot.transport.drain_outbox()
        texts = sent_to(bot, USER, before)
        assert "cousin" in texts[0], "the message whose answer was garbled is sent again"
        assert bot.outbox_count() == 0


async def test_a_timed_step_counts_from_when_its_announcement_was_sent_after_a_crash(
        tmp_path, recording_request, timed_registry):
    from bot.engine import Command

    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, flows_path=timed_registry,  # /timed: 1 s
                          configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await bot.consented()
        await bot.companion.handle(f"tg:{USER}", Command("timed"))  # committed; the process dies
        clock.now += timedelta(seconds=40)  # back 40 s later: the step was due 39 s ago
        assert await bot.transport.run_due_jobs() == 0, "not before its announcement went"
        before = len(bot.request.calls)
        await bot.transport.drain_outbox()
        assert sent_to(bot, USER, before) == ["Breathe in slowly. I'll be back in a moment."]
        assert await bot.transport.run_due_jobs() == 0, "one second after the announcement, not now"
        assert 0 < await bot.transport.next_job_in(60) <= 1
        clock.now += timedelta(seconds=1.5)
        assert await bot.transport.run_due_jobs() == 1
        assert sent_to(bot, USER, before)[-1] == "How was that?"


async def test_a_timed_step_waits_for_an_announcement_telegram_held_back(
        tmp_path, recording_request, timed_registry):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, flows_path=timed_registry,
                          configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await bot.consented()
        bot.request.fail_next("sendMessage", "502")
        assert bot.texts(await bot.command("timed")) == []
        clock.now += timedelta(seconds=30)
        assert await bot.transport.run_due_jobs() == 0
        await bot.transport.drain_outbox()
        clock.now += timedelta(seconds=0.5)
        assert await bot.transport.run_due_jobs() == 0
        clock.now += timedelta(seconds=1)
        assert await bot.transport.run_due_jobs() == 1


async def test_a_long_429_on_the_welcome_sends_each_of_its_messages_once_in_order(
        tmp_path, recording_request):
    """The attack: one 429 with retry_after 25 against the 20 s lease delivered a chat's four
    welcome messages twice. Now nothing waits inside a lease: the chat's messages go back to the
    outbox until retry_after, and then go once each."""
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        bot.application.bot.rate_limiter._clock = lambda: clock.now.timestamp()
        bot.request.fail_next("sendMessage", "429", retry_after=25)
        assert bot.texts(await bot.command("start")) == []
        waiting = bot.outbox_count()
        assert waiting >= 2
        clock.now += timedelta(seconds=21)  # the lease is over, the 429 not yet
        assert await bot.transport.drain_outbox() == 0
        clock.now += timedelta(seconds=5)
        assert await bot.transport.drain_outbox() == waiting
        clock.now += timedelta(minutes=5)
        assert await bot.transport.drain_outbox() == 0
        texts = sent_to(bot, USER)
        assert len(texts) == waiting and len(set(texts)) == waiting, "each once"
        first = [c for c in bot.request.calls_to("sendMessage")][0]
        assert texts[0] == first.params["text"], "in order: the one refused goes first"
