"""Facts about python-telegram-bot 22.x that the application is built around, checked against
the installed version so that an upgrade that changes them fails here first.

* The Updater confirms an update (asks getUpdates with offset = id + 1) as soon as it has put it
  in the queue, before any handler ran; stopping it confirms whatever it fetched. For
  "the offset advances only past committed updates", poll with ``bot.get_updates`` yourself.
* PTB's own webhook server answers 200 before the handler runs, refuses a wrong or missing
  secret with 403, and accepts only ``Content-Type: application/json`` exactly.
* A custom ``BaseUpdateProcessor`` can order updates per chat while chats run concurrently.
"""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any

import httpx
import pytest
from telegram import Update
from telegram.ext import BaseUpdateProcessor, ContextTypes, MessageHandler, TypeHandler, filters

from bot.telegram.httpclient import tls_context

from bench.drivers.telegram.fake_server import FakeBotApi, application_for, serving
from bench.drivers.telegram.recording import RecordingRequest, offline_application

pytestmark = pytest.mark.timeout(30)


def blocking_bot(server: FakeBotApi, entered: asyncio.Event, release: asyncio.Event):
    application = application_for(server)

    async def slow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        entered.set()
        await release.wait()
        await update.message.reply_text("done")

    application.add_handler(MessageHandler(filters.TEXT, slow))
    return application


async def test_updater_confirms_before_the_handler_finishes(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    entered, release = asyncio.Event(), asyncio.Event()
    async with serving(blocking_bot(server, entered, release), server):
        sent = server.user_sends_text(1, "work")
        await asyncio.wait_for(entered.wait(), 5)
        # the handler is still running, yet the update is already confirmed
        await server.wait_until_confirmed(sent)
        offsets = [c.params.get("offset") for c in server.calls("getUpdates")]
        assert sent.update_id + 1 in offsets
        assert server.messages_to(1) == []
        release.set()
        await server.wait_for_message(1, after=sent)


async def test_stopping_the_updater_confirms_what_it_fetched(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    entered, release = asyncio.Event(), asyncio.Event()
    application = blocking_bot(server, entered, release)
    async with application:
        await application.start()
        await application.updater.start_polling(timeout=10)
        sent = server.user_sends_text(1, "work")
        await asyncio.wait_for(entered.wait(), 5)
        await application.updater.stop()  # makes one last getUpdates(offset=last + 1, timeout=0)
        assert server.pending_updates() == []
        last = server.calls("getUpdates")[-1]
        assert last.params == {"offset": sent.update_id + 1, "timeout": 0}
        release.set()
        await application.stop()


async def test_polling_that_confirms_only_after_processing(fake_bot_api: FakeBotApi):
    """The pattern for at-least-once polling: call get_updates yourself and pass as offset the
    id after the last update whose turn was committed. A crash before the commit means the
    same update comes again."""
    server = fake_bot_api
    application = application_for(server, updater=None)
    handled: list[int] = []

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        handled.append(update.update_id)

    application.add_handler(TypeHandler(Update, handle))
    first = server.user_sends_text(1, "one")
    async with application:
        committed = 0
        # a worker fetches the update and "crashes" before committing: no offset advance
        fetched = await application.bot.get_updates(offset=committed, timeout=0)
        assert [u.update_id for u in fetched] == [first.update_id]
        # the next worker gets it again, processes it, commits, and only then confirms
        for update in await application.bot.get_updates(offset=committed, timeout=0):
            await application.process_update(update)
            committed = update.update_id + 1
        assert handled == [first.update_id]
        assert server.pending_updates() == [first.update_id]  # still unconfirmed ...
        await application.bot.get_updates(offset=committed, timeout=0)
        assert server.pending_updates() == []  # ... until the next poll carries the offset


async def test_ptb_webhook_answers_before_processing_and_checks_the_secret(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    entered, release = asyncio.Event(), asyncio.Event()
    application = blocking_bot(server, entered, release)
    async with serving(application, server, webhook=True, secret_token="right-secret"):
        sent = server.user_sends_text(2, "work")
        await asyncio.wait_for(entered.wait(), 5)
        await server.wait_until_confirmed(sent)
        assert server.deliveries[-1].status == 200  # answered while the handler still waits
        assert server.messages_to(2) == []
        release.set()
        await server.wait_for_message(2, after=sent)

        url = server.webhook["url"]
        body = server.factory.text("sneaky", 2)
        async with httpx.AsyncClient(verify=tls_context()) as client:
            no_secret = await client.post(url, json=body)
            wrong = await client.post(url, json=body,
                                      headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
            charset = await client.post(
                url, content=json.dumps(body),
                headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret",
                         "Content-Type": "application/json; charset=utf-8"},
            )
        assert (no_secret.status_code, wrong.status_code, charset.status_code) == (403, 403, 403)


class PerChatOrdered(BaseUpdateProcessor):
    """Updates of one chat run one after another, in arrival order; chats run concurrently.

    Ordering is fixed synchronously when ``do_process_update`` starts (tasks start in the order
    the Application created them). Each waiting update holds one of the processor's
    ``max_concurrent_updates`` slots, so make that number generous.
    """

    def __init__(self, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self._tails: dict[Any, asyncio.Future] = {}

    @staticmethod
    def key(update: object) -> Any:
        chat = update.effective_chat if isinstance(update, Update) else None
        return chat.id if chat else None

    async def do_process_update(self, update: object, coroutine) -> None:
        key = self.key(update)
        previous = self._tails.get(key)
        mine = asyncio.get_running_loop().create_future()
        self._tails[key] = mine
        try:
            if previous is not None:
                await previous
            await coroutine
        finally:
            mine.set_result(None)
            if self._tails.get(key) is mine:
                del self._tails[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


async def test_per_chat_ordering_with_a_custom_update_processor():
    request = RecordingRequest()
    application = offline_application(request, configure=lambda b: b.concurrent_updates(PerChatOrdered(8)))
    gate = asyncio.Event()  # chat 1's first update waits until chat 2 is done
    started: dict[int, list[str]] = defaultdict(list)
    finished: list[tuple[int, str]] = []
    chat2_done = asyncio.Event()

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, text = update.effective_chat.id, update.message.text
        started[chat].append(text)
        if (chat, text) == (1, "a1"):
            await gate.wait()
        for _ in range(3):
            await asyncio.sleep(0)
        finished.append((chat, text))
        if chat == 2 and text == "b3":
            chat2_done.set()

    application.add_handler(MessageHandler(filters.TEXT, handle))
    async with application:
        await application.start()
        for text in ("a1", "a2", "a3"):
            await application.update_queue.put(request.update(request.factory.text(text, 1), application.bot))
        for text in ("b1", "b2", "b3"):
            await application.update_queue.put(request.update(request.factory.text(text, 2), application.bot))
        await asyncio.wait_for(chat2_done.wait(), 5)  # chat 2 was not held up by chat 1
        assert started[1] == ["a1"]  # a2 waits for a1
        gate.set()
        await application.stop()
    assert [t for c, t in finished if c == 1] == ["a1", "a2", "a3"]
    assert [t for c, t in finished if c == 2] == ["b1", "b2", "b3"]
    assert finished.index((2, "b3")) < finished.index((1, "a1"))
