"""Through the real Telegram Application (offline): when the crisis screen asks first ("Are you
safe right now?") and the client taps "Yes, I'm safe", what they wrote is not lost. The note
that made the screen ask is kept as the check-in's note (sealed in the database, like every
answer), the check-in goes on, and the words never reach the logs or the safety events."""
from __future__ import annotations

import logging

import pytest

from bot.engine import Conversation

from .bot_harness import OfflineBot

NOTE = "drank the whole bottle of vodka after the funeral. feel like shit"


async def _at_the_note(bot: OfflineBot) -> None:
    await bot.consented()
    await bot.command("checkin")
    await bot.press("Check in now")
    await bot.press("Yes, let's do it")
    await bot.press("2")
    await bot.press("9")
    await bot.press("More than planned")
    await bot.press("Write a line")


def _ask_safe(bot: OfflineBot) -> str:
    crisis = bot.flowset.flows[bot.flowset.crisis]
    return crisis.states["ask_safe"].lines[-1].text.render({})


async def test_yes_im_safe_keeps_the_note_and_the_checkin_goes_on(
    tmp_path, recording_request, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with OfflineBot(tmp_path, recording_request) as bot:
        await _at_the_note(bot)
        asked = bot.sent(await bot.text(NOTE))
        assert [c.params["text"] for c in asked] == [_ask_safe(bot)]
        kind = bot.sent(await bot.press("Yes, I'm safe"))
        assert "glad" in kind[0].params["text"]
        assert "Show me the helplines" in bot.labels(kind[-1])  # one tap away
        on = bot.texts(await bot.press("Go back to what we were doing"))
        assert any(t.startswith("Thanks. Noted: mood 2, strongest urge 9") for t in on), on
        assert any("Losing someone" in t for t in on), "the note was read as the note"
        assert not any("a line is plenty" in t for t in on), "the note was asked again"
        [(details,)] = bot.sql("SELECT details FROM checkins")
        assert b"vodka" not in details  # sealed at rest
        export = await bot.store.export_user(f"tg:{bot.user}")
        assert NOTE in str(export["checkins"])  # kept, as the note
        events = export["safety_events"]  # what fired and what they answered, never the words
        assert [e["category"] for e in events] == ["overdose_medical", "followup_safe"]
        assert all(set(e) == {"at", "category"} for e in events)
        assert "vodka" not in caplog.text


async def test_new_words_instead_of_a_press_drop_the_held_note(
    tmp_path, recording_request
) -> None:
    async with OfflineBot(tmp_path, recording_request) as bot:
        await _at_the_note(bot)
        await bot.text(NOTE)
        again = bot.texts(await bot.text("sorry, ignore that"))
        assert again[-1] == _ask_safe(bot)  # the question stays; the held words are gone
        async with bot.store.turn(f"tg:{bot.user}") as t:
            assert "vodka" not in str(Conversation.from_json(t.conversation).to_json())
        await bot.press("Yes, I'm safe")
        back = bot.texts(await bot.press("Go back to what we were doing"))
        assert back[-1] == "Go ahead, a line is plenty."  # the note is asked for again
