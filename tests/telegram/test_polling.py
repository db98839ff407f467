"""Polling against the fake Bot API server, in this process: the offset, answers of the wrong
shape, updates PTB cannot read, and chats that do not wait for each other (the bot as a
process: test_bot_e2e.py)."""
from __future__ import annotations

import asyncio
import contextlib
import time
from typing import AsyncIterator

from bot.telegram.polling import Ledger

from .bot_harness import OfflineBot
from .bot_harness import polling as poll_against
from bench.drivers.telegram.fake_server import FakeBotApi
from bench.drivers.telegram.updates import user_json

USER, OTHER = 1001, 1002


def test_the_offset_moves_only_past_the_contiguous_run_of_settled_updates():
    ledger = Ledger()
    assert ledger.offset() is None
    for update_id in (10, 11, 12, 13):
        ledger.start(update_id)
    ledger.settle(11)
    ledger.settle(13)
    assert ledger.offset() == 10, "10 is still at work: 11 and 13 come again, as no-ops"
    assert ledger.knows(11) and ledger.knows(13) and not ledger.knows(14)
    ledger.settle(10)
    assert ledger.offset() == 12
    ledger.forget(12)  # did not commit: the next fetch brings it again
    assert not ledger.knows(12) and ledger.offset() == 12
    ledger.start(12)
    ledger.settle(12)
    assert ledger.offset() == 14 and ledger.in_flight == 0
    assert ledger.knows(10), "confirmed updates are known (Telegram will not send them again)"


@contextlib.asynccontextmanager
async def polling(tmp_path, recording_request, server: FakeBotApi, *, rate_limiter: bool = True,
                  read_timeout: float | None = None, retry: float | None = None,
                  backoff: float = 0.05) -> AsyncIterator[OfflineBot]:
    """Our poll loop (and the outbox's retries) against ``server``, with the real Companion on
    a SQLite store."""
    async with OfflineBot(tmp_path, recording_request, retry_for=0.2) as bot:
        async with poll_against(bot, server, (USER, OTHER), rate_limiter=rate_limiter,
                                backoff=backoff, drain=True, read_timeout=read_timeout, retry=retry):
            yield bot


async def test_answers_of_the_wrong_shape_are_fetched_again(tmp_path, recording_request,
                                                            fake_bot_api):
    server = fake_bot_api
    broken = [b"<html>502 Bad Gateway</html>", b'{"ok": true, "result": [{"update_id": 1,',
              None, {"ok": True}, {"ok": True, "result": [1, 2]}, {"ok": True, "result": {}},
              {"ok": True, "result": "updates"}]
    # seven failures in a row: the pause doubles from 10 ms (1.3 s in all)
    async with polling(tmp_path, recording_request, server, backoff=0.01) as bot:
        for body in broken:
            server.answer_next_raw("getUpdates", body)
        action = server.user_sends_text(USER, "/help")
        await server.wait_for_message(USER, after=action, timeout=10)
        await server.wait_until_confirmed(action, timeout=10)
    injected = [c for c in server.calls("getUpdates") if c.error == "injected raw answer"]
    assert len(injected) == len(broken), "each broken answer was followed by another getUpdates"
    pauses = [b.at - a.at for a, b in zip(injected, injected[1:])]
    assert all(p >= 0.008 for p in pauses), f"fetched again only after a pause: {pauses}"
    assert pauses[-1] > pauses[0], "the pause grows"


async def test_an_unreadable_update_is_skipped_and_the_rest_of_its_batch_handled(
        tmp_path, recording_request, fake_bot_api):
    server = fake_bot_api
    no_date = server.factory.text("no date on this one", user=user_json(OTHER))
    del no_date["message"]["date"]
    no_chat = server.factory.text("nor a chat on this one", user=user_json(OTHER))
    del no_chat["message"]["chat"]
    bad = [server.push_update(no_date), server.push_update({"message": "not a message object"}),
           server.push_update(no_chat)]
    first = server.user_sends_text(USER, "/help")
    async with polling(tmp_path, recording_request, server) as bot:
        await server.wait_for_message(USER, after=first, timeout=10)
        await server.wait_until_confirmed(timeout=10)
        assert server.messages_to(OTHER) == []
        later = server.user_sends_text(OTHER, "/help")  # the other chat is not stuck either
        await server.wait_for_message(OTHER, after=later, timeout=10)
    assert all(b.update_id not in server.pending_updates() for b in bad)


async def test_a_slow_chat_keeps_its_order_and_does_not_hold_up_another(
        tmp_path, recording_request, fake_bot_api):
    """Every request to one chat takes 0.5 s; it writes three messages in a row. Another chat
    is answered at once meanwhile, and the slow chat's replies come in the order it wrote."""
    server = fake_bot_api
    async with polling(tmp_path, recording_request, server, rate_limiter=False) as bot:
        said = ["I drink at the weekend", "I feel restless at night", "my brother calls a lot"]
        await bot_into_talk(server, bot)
        server.fail_chat(USER, "slow", delay=0.5)
        actions = [server.user_sends_text(USER, text) for text in said]
        await asyncio.sleep(0.2)
        start = time.monotonic()
        other = server.user_sends_text(OTHER, "/help")
        await server.wait_for_message(OTHER, after=other, timeout=10)
        assert time.monotonic() - start < 1.0, "the other chat did not wait for the slow one"
        await server.wait_until_confirmed(actions[-1], timeout=30)
        await server.wait_for_message(USER, after=actions[-1], timeout=30)
        texts = [m.text for m in server.messages_to(USER)]
        assert reflections(texts)[:2] == ["weekend", "restless"], server.transcript(USER)


async def bot_into_talk(server: FakeBotApi, bot: OfflineBot) -> None:
    """The slow client opens 'Talk it through' (with its own slowness)."""
    menu = server.user_sends_text(USER, "/menu")
    title = bot.flowset.flows["talk"].title
    message = await server.wait_for_message(USER, lambda m: title in m.labels, after=menu,
                                            timeout=20)
    pressed = server.user_presses(USER, message.message_id, label=title)
    await server.wait_for_message(USER, after=message.message_id, timeout=20)
    await server.wait_until_confirmed(pressed, timeout=20)


def reflections(texts: list[str]) -> list[str]:
    """Which of the client's key words the bot's messages reflect, in the order they came."""
    found: list[str] = []
    for text in texts:
        found += [k for k in ("weekend", "restless", "brother") if k in text and k not in found]
    return found


async def test_an_update_is_confirmed_once_its_turn_committed_while_its_sends_still_hang(
        tmp_path, recording_request, fake_bot_api):
    """Its messages are in the outbox from the commit on: Telegram need not keep the update,
    and the offset need not wait the seconds it takes to give up on the chat (5 s in service,
    3 s here, and the outbox's first retry 0.3 s after it rather than 5 s)."""
    server = fake_bot_api
    async with polling(tmp_path, recording_request, server, read_timeout=3.0, retry=0.3) as bot:
        server.fail_chat(USER, "timeout")
        action = server.user_sends_text(USER, "/help")
        await server.wait_until_confirmed(action, timeout=2.5)  # the bot gives up after 3 s
        assert [c for c in server.calls("sendMessage") if c.chat_id == USER], "a reply was sent"
        assert server.messages_to(USER) == [], "confirmed while the reply is still on its way"
        server.heal_chat(USER)
        await server.wait_for_message(USER, after=action, timeout=20)
