"""Delivery (bot/delivery.py) against a fake sender: no Telegram, a real store and companion.

What a client sees: every message once, in order; a failure holds back only that client's
later messages; a blocked client gets nothing more; a message refused as it is, is dropped and
the next one goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.delivery import Blocked, Delivery, Rejected, RetryLater
from bot.effects import Attachment
from bot.engine import Command, Output, Say
from bot.wiring import build_companion
from persistence import Store, generate_key
from tests.content import content_of


@dataclass
class FakeSender:
    """Sends into lists; ``failures`` are raised, one per send, before anything else goes."""

    chats: dict[str, int]
    sent: list[tuple[int, str]] = field(default_factory=list)
    files: list[tuple[int, str]] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)

    def address(self, user_key: str, chat_id: str | None) -> int | None:
        return self.chats.get(user_key)

    async def send(self, chat: int, output: Output) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((chat, getattr(output, "text", type(output).__name__)))

    async def send_file(self, chat: int, file: Attachment) -> None:
        self.files.append((chat, file.name))

    def texts(self, chat: int) -> list[str]:
        return [text for to, text in self.sent if to == chat]


@pytest.fixture
async def setup(tmp_path):
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}", data_key=generate_key())
    companion = build_companion(content_of(), store)
    await companion.prepare()
    sender = FakeSender({"cli:ann": 1, "cli:bob": 2})
    delivery = Delivery(companion, sender, lease=5.0)
    yield companion, sender, delivery
    await store.close()


def said(reply) -> list[str]:
    return [o.text for o in reply.messages if isinstance(o, Say) or hasattr(o, "text")]


async def test_a_turns_messages_go_once_in_order_and_nothing_is_left(setup):
    companion, sender, delivery = setup
    reply = await companion.handle("cli:ann", Command("start"))
    await delivery.finish_turn("cli:ann", 1, reply)
    assert sender.texts(1) == said(reply) and sender.texts(1)
    assert await delivery.drain() == 0, "everything was marked sent"
    assert sender.texts(2) == []


async def test_retry_later_holds_back_the_rest_of_that_chat_only_then_sends_in_order(setup):
    companion, sender, delivery = setup
    sender.failures = [RetryLater("busy", seconds=0.0)]
    ann = await companion.handle("cli:ann", Command("start"))
    await delivery.finish_turn("cli:ann", 1, ann)
    assert sender.texts(1) == [], "the first failed: its followers wait for it"
    bob = await companion.handle("cli:bob", Command("start"))
    await delivery.finish_turn("cli:bob", 2, bob)
    assert sender.texts(2) == said(bob), "another chat goes on"
    assert await delivery.drain() == len(said(ann))
    assert sender.texts(1) == said(ann), "then all of them, once each, in order"


async def test_a_rejected_message_is_dropped_and_the_next_goes(setup):
    companion, sender, delivery = setup
    sender.failures = [Rejected("too long")]
    reply = await companion.handle("cli:ann", Command("start"))
    await delivery.finish_turn("cli:ann", 1, reply)
    assert sender.texts(1) == said(reply)[1:]
    assert await delivery.drain() == 0


async def test_a_sender_bug_counts_as_rejected(setup):
    companion, sender, delivery = setup
    sender.failures = [ValueError("a bug of ours")]
    reply = await companion.handle("cli:ann", Command("start"))
    await delivery.finish_turn("cli:ann", 1, reply)
    assert sender.texts(1) == said(reply)[1:]


async def test_a_blocked_client_gets_nothing_more(setup):
    companion, sender, delivery = setup
    sender.failures = [Blocked("blocked")]
    reply = await companion.handle("cli:ann", Command("start"))
    await delivery.finish_turn("cli:ann", 1, reply)
    assert sender.texts(1) == []
    assert await delivery.drain() == 0, "their queue was dropped"
    assert sender.texts(1) == []


async def test_a_redelivered_update_sends_nothing_twice(setup):
    companion, sender, delivery = setup
    reply = await companion.handle("cli:ann", Command("start"), update_id=7)
    await delivery.finish_turn("cli:ann", 1, reply)
    again = await companion.handle("cli:ann", Command("start"), update_id=7)
    assert again.duplicate
    await delivery.finish_turn("cli:ann", 1, again)
    assert sender.texts(1) == said(reply)
