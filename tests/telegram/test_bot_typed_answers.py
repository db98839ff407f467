"""Typed answers on Telegram (docs/answers.md): the real Application offline, as a client types."""
from __future__ import annotations

import pytest

from .bot_harness import OfflineBot

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


@pytest.fixture
async def bot(tmp_path, recording_request):
    async with OfflineBot(tmp_path, recording_request) as bot:
        await bot.consented()
        await bot.command("menu")
        yield bot


async def test_typed_stop_at_a_text_step_asks_first_then_stops(bot):
    await bot.text("talk it through")
    calls = await bot.text("stop")
    asked = bot.sent(calls)[-1]
    assert asked.params["text"] == bot.words("confirm_stop")
    assert bot.labels(asked) == [bot.words("confirm_yes"), bot.words("confirm_no")]
    stopped = bot.texts(await bot.press(bot.words("confirm_yes")))
    assert stopped == [bot.command_words("stop")]


async def test_carry_on_keeps_the_typed_word_as_the_answer(bot):
    await bot.text("talk it through")
    await bot.text("I want to stop this")
    texts = bot.texts(await bot.press(bot.words("confirm_no")))
    assert any("stop this" in t for t in texts), texts


async def test_words_that_fit_two_buttons_get_just_those_two(bot):
    await bot.text("look back at one time")
    calls = await bot.text("yes")
    asked = bot.sent(calls)[-1]
    assert asked.params["text"] == bot.words("ambiguous")
    assert len(bot.labels(asked)) == 2 and all(label.startswith("Yes") for label in bot.labels(asked))
    assert bot.texts(await bot.press(bot.labels(asked)[0])), "either button goes on"
