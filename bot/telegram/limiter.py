"""Telegram's flood limits, per chat: one chat's 429 delays only that chat.

PTB's AIORateLimiter waits out a 429 inside the call and holds back every other request
meanwhile, so one limited chat stalled every chat, and the wait ran past the outbox lease of
the message being sent. Here a request waits only for its own pace (Telegram's ~30 messages a
second overall; about one a second in a chat, short bursts allowed; 20 a minute in a group);
a 429 is not retried: it is raised to the sender, which puts that chat's messages back in the
outbox until ``retry_after`` (transport.py), and further requests to that chat fail at once with
the time left, without asking Telegram. A 200 answer whose result is not a message, where one
is due, is raised as a NetworkError: the message is tried again, not taken as sent.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

OVERALL = (30.0, 30)  # requests a second, burst: Telegram's limit for a bot
PRIVATE_CHAT = (1.0, 20)  # messages a second in one chat, burst: a conversation is bursty
GROUP_CHAT = (20 / 60.0, 5)  # 20 a minute in a group
# methods whose result is the Message sent: any other answer is malformed
SENDS_MESSAGE = frozenset({"sendMessage", "sendPhoto", "sendDocument", "editMessageText"})


class Pace:
    """Requests at ``rate`` a second with bursts of ``burst`` (GCRA: each request books the next
    free slot at once, so waiters keep their order without a lock)."""

    __slots__ = ("interval", "tolerance", "_tat")

    def __init__(self, rate: float, burst: int):
        self.interval = 1.0 / rate
        self.tolerance = self.interval * (burst - 1)
        self._tat = 0.0  # theoretical arrival time of the next request

    def book(self, now: float) -> float:
        """Book a slot; returns how long to wait for it."""
        tat = max(self._tat, now)
        self._tat = tat + self.interval
        return max(tat - self.tolerance - now, 0.0)

    def idle(self, now: float) -> bool:
        return self._tat <= now


class ChatRateLimiter(BaseRateLimiter[None]):
    def __init__(
        self,
        overall: tuple[float, int] = OVERALL,
        private: tuple[float, int] = PRIVATE_CHAT,
        group: tuple[float, int] = GROUP_CHAT,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._overall = Pace(*overall)
        self._private, self._group = private, group
        self._chats: dict[Any, Pace] = {}
        self._paused: dict[Any, float] = {}  # chat -> loop time its 429 ends
        self._clock = clock

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        self._chats.clear()
        self._paused.clear()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat = data.get("chat_id")
        now = self._now()
        left = self._paused.get(chat, 0.0) - now
        if left > 0:  # this chat is in a 429: Telegram would only say so again
            raise RetryAfter(timedelta(seconds=math.ceil(left)))
        self._paused.pop(chat, None)
        wait = self._chat_pace(chat, now).book(now) if chat is not None else 0.0
        if wait:
            await asyncio.sleep(wait)
        wait = self._overall.book(self._now())
        if wait:
            await asyncio.sleep(wait)
        try:
            result = await callback(*args, **kwargs)
        except RetryAfter as err:
            retry = err.retry_after
            seconds = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
            self._paused[chat] = self._now() + seconds  # chat None: every chatless request
            raise
        if endpoint in SENDS_MESSAGE and not (isinstance(result, dict) and "message_id" in result):
            raise NetworkError(f"{endpoint} answered with something that is not a message")
        return result

    def _chat_pace(self, chat: Any, now: float) -> Pace:
        pace = self._chats.get(chat)
        if pace is None:
            if len(self._chats) > 10_000:  # forget chats whose pace has run out
                self._chats = {c: p for c, p in self._chats.items() if not p.idle(now)}
            group = isinstance(chat, str) or (isinstance(chat, int) and chat < 0)
            pace = self._chats[chat] = Pace(*(self._group if group else self._private))
        return pace
