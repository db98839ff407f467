"""Waiting that a stop request cuts short, and retrying a Bot API call until it succeeds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from telegram.error import InvalidToken, TelegramError

log = logging.getLogger(__name__)

BACKOFF_MOST = 60.0  # seconds: the longest pause between two tries
STOP_GRACE = 20.0  # seconds to let the turns in flight finish when the bot stops (SIGTERM)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass


async def until_done(stop: asyncio.Event, what: str, call: Callable[[], Awaitable[Any]]) -> bool:
    """Call until it succeeds (Telegram may be briefly away at start-up). False: stopped first."""
    delay = 1.0
    while not stop.is_set():
        try:
            await call()
            return True
        except InvalidToken:
            raise
        except TelegramError as err:
            log.warning(
                "%s failed (%s: %s); retrying in %.0f s",
                what,
                type(err).__name__,
                err.message,
                delay,
            )
            await sleep_or_stop(stop, delay)
            delay = min(delay * 2, BACKOFF_MOST)
    return False


def seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
