"""Replies before reminders.

At 8 pm thousands of check-ins can come due at once. Each is a turn on the same store as the
reply to someone writing right now, and turns on one SQLite connection take turns: without
giving way, a client in distress would wait behind a queue of reminders. So:

* background work (a reminder turn, claiming due jobs, the outbox drain) does not start while a
  reply is being worked out; it waits for the replies in progress, but never longer than
  ``at_most`` (a steady stream of replies must not starve reminders forever);
* reminder turns are paced at ``reminders_per_second``. Telegram lets a bot send about 30
  messages a second in all, so handling reminders faster only fills the outbox sooner: at the
  default (60 a second, twice that) the burst is delivered just as soon, and the
  store is mostly free for replies instead of never.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from bot.settings import REMINDERS_PER_SECOND


class RepliesFirst:
    def __init__(
        self, at_most: float = 0.05, reminders_per_second: float | None = REMINDERS_PER_SECOND
    ) -> None:
        self.at_most = at_most
        self.reminders_per_second = reminders_per_second
        self._in_progress = 0
        self._none = asyncio.Event()
        self._none.set()
        self._next_reminder = 0.0  # event-loop time at which the next reminder turn may start

    @contextmanager
    def reply(self) -> Iterator[None]:
        """Around the turn that answers a client."""
        self._in_progress += 1
        self._none.clear()
        try:
            yield
        finally:
            self._in_progress -= 1
            if not self._in_progress:
                self._none.set()

    async def give_way(self) -> None:
        """Before background work on the store: let the replies in progress go first."""
        if self._in_progress:
            try:
                await asyncio.wait_for(self._none.wait(), self.at_most)
            except TimeoutError:
                pass

    async def reminder_turn(self) -> None:
        """Before a reminder's turn: wait for its slot at the pace, then give way."""
        if self.reminders_per_second:
            now = asyncio.get_running_loop().time()
            start = max(self._next_reminder, now)
            self._next_reminder = start + 1.0 / self.reminders_per_second
            if start > now:
                await asyncio.sleep(start - now)
        await self.give_way()
