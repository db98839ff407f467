"""Our flood limiter (bot/telegram/limiter.py): Telegram's pace overall and per chat, bursts
allowed, a 429 held against its chat only."""
from __future__ import annotations

import pytest
from telegram.error import NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder

from bot.telegram.limiter import ChatRateLimiter, Pace

from bench.drivers.telegram.recording import offline_application

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


def test_a_pace_allows_its_burst_then_spaces_requests_and_refills():
    pace = Pace(1.0, 3)
    assert [pace.book(0.0) for _ in range(5)] == [0.0, 0.0, 0.0, 1.0, 2.0]
    assert pace.book(10.0) == 0.0, "idle for long enough: a burst again"
    assert not pace.idle(10.0) and pace.idle(11.0)


def _with_limiter(builder: ApplicationBuilder) -> ApplicationBuilder:
    return builder.rate_limiter(ChatRateLimiter())


async def test_requests_to_many_chats_keep_to_telegrams_thirty_a_second(recording_request):
    app = offline_application(recording_request, configure=_with_limiter)
    async with app:
        for chat in range(45):
            await app.bot.send_message(1000 + chat, "hello")
    calls = recording_request.calls_to("sendMessage", ok=True)
    assert len(calls) == 45
    assert calls[-1].at - calls[0].at >= 14 / 30, "a burst of 30, then 30 a second"


async def test_a_429_holds_back_its_chat_only_and_is_not_retried_inside_the_call(recording_request):
    app = offline_application(recording_request, configure=_with_limiter)
    async with app:
        recording_request.fail_chat(1, "429", retry_after=30)
        with pytest.raises(RetryAfter):
            await app.bot.send_message(1, "first")
        with pytest.raises(RetryAfter) as again:
            await app.bot.send_message(1, "second")
        left = again.value.retry_after  # what is left of it, without asking Telegram
        assert 25 <= getattr(left, "total_seconds", lambda: left)() <= 30
        await app.bot.send_message(2, "another chat")
    calls = recording_request.calls_to("sendMessage")
    assert [(c.chat_id, c.status) for c in calls] == [(1, 429), (2, 200)]


async def test_an_answer_that_is_not_a_message_is_a_network_error(recording_request):
    app = offline_application(recording_request, configure=_with_limiter)
    async with app:
        recording_request.garble_next("sendMessage", {"unexpected": True})
        with pytest.raises(NetworkError):
            await app.bot.send_message(1, "hello")
