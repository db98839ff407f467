"""Replies before reminders.

At 8 pm thousands of check-ins can come due at once. Each is a turn on the same store as the
reply to someone writing right now, and turns on one SQLite connection take turns: without
giving way, a client in distress would wait behind a queue of reminders. So a reminder turn does
not start while a reply is being worked out; it waits for the replies in progress, but never
longer than ``at_most`` (a steady stream of replies must not starve reminders forever).
"""
from __future__ import annotations

import asyncio
from contextlib import contextmanager
from typing import Iterator


class RepliesFirst:
    def __init__(self, at_most: float = 0.05) -> None:
        self.at_most = at_most
        self._in_progress = 0
        self._none = asyncio.Event()
        self._none.set()

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
        """Before a reminder's turn: let the replies in progress go first."""
        if self._in_progress:
            try:
                await asyncio.wait_for(self._none.wait(), self.at_most)
            except asyncio.TimeoutError:
                pass
