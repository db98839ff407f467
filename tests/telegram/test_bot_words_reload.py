"""Staff edit the bot's own words (dialogs/words.yaml, dialogs/plan_document.yaml) and the
practice partner's (dialogs/partner/words.yaml, the personas) and send /reload: clients and
trainees read the new words at once, with no restart; broken edits are refused with
file:line, and the words already in use stay. Each test edits one copy of the content, as a
copy takes about half a second of CPU to load (and again to reload)."""
from __future__ import annotations

import pytest

from .bot_harness import ADMIN_ID, OfflineBot, copy_registry

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

USER = 1001
TRAINEE, OTHER = 1002, 1003


async def history_in_words(bot: OfflineBot) -> str:
    """What a client reads for "the last 30 days, in words only"."""
    await bot.command("history", user=USER)
    await bot.press("The last 30 days", user=USER)
    return "\n".join(bot.texts(await bot.press("Words only", user=USER)))


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def check_in_settings(bot: OfflineBot) -> str:
    await bot.command("checkin", user=USER)
    return "\n".join(bot.texts(await bot.press("Just show my settings", user=USER)))


async def practice_with_dan(bot: OfflineBot, user: int) -> str:
    """What a trainee reads on starting a practice with Dan (goal: reflections)."""
    await bot.command("practise", user=user)
    await bot.press("Dan: drinks daily, content with it", user=user)
    return "\n".join(bot.texts(await bot.press("Reflections", user=user)))


async def test_edited_words_reach_the_client_after_reload(tmp_path, recording_request):
    """The bot's words (words.yaml) and the practice partner's (partner/words.yaml, a persona)
    edited, then /reload: clients and trainees read the new words at once; a practice begun
    before keeps its flow set, and so its words, to the end."""
    registry = copy_registry(tmp_path / "flows")
    words = tmp_path / "flows" / "dialogs" / "words.yaml"
    partner = tmp_path / "flows" / "dialogs" / "partner" / "words.yaml"
    dan = tmp_path / "flows" / "dialogs" / "personas" / "dan.yaml"
    async with OfflineBot(tmp_path, recording_request, flows_path=registry) as bot:
        await bot.consented(USER)
        for user in (TRAINEE, OTHER):
            await bot.consented(user, role="trainee")
        assert "The last 30 days:" in await history_in_words(bot)
        assert "Check-ins are off." in await check_in_settings(bot)
        before = await practice_with_dan(bot, TRAINEE)
        assert "You're meeting Dan, 52." in before and "\nDan: “" in before
        edit(words, 'history_heading: "The last {days} days:"', 'history_heading: "Past {days}:"')
        edit(words, 'checkins_off: "Check-ins are off."', 'checkins_off: "No check-ins."')
        edit(partner, 'client_line: "{name}: “{line}”"', 'client_line: "{name} says: «{line}»"')
        edit(dan, "You're meeting Dan, 52.", "Meet Dan, aged 52.")
        texts = bot.texts(await bot.command("reload", user=ADMIN_ID))
        assert texts[0].startswith("Reloaded: version"), texts
        said = await history_in_words(bot)
        assert "Past 30:" in said and "The last 30 days:" not in said
        assert "No check-ins." in await check_in_settings(bot)
        after = await practice_with_dan(bot, OTHER)
        assert "Meet Dan, aged 52." in after and "\nDan says: «" in after
        assert "You're meeting" not in after and "“" not in after.split("Dan says", 1)[1]
        going_on = "\n".join(bot.texts(await bot.text("So it's your GP's idea.", user=TRAINEE)))
        assert going_on.startswith("Dan: “"), going_on


async def test_broken_words_files_are_refused_and_the_words_in_use_stay(tmp_path,
                                                                      recording_request):
    """Broken edits to the bot's words, the plan's, a persona and the partner's words: /reload
    refuses them all, each named with file and line, and clients and trainees read the words
    in use."""
    registry = copy_registry(tmp_path / "flows")
    words = tmp_path / "flows" / "dialogs" / "words.yaml"
    plan = tmp_path / "flows" / "dialogs" / "plan_document.yaml"
    dan = tmp_path / "flows" / "dialogs" / "personas" / "dan.yaml"
    partner = tmp_path / "flows" / "dialogs" / "partner" / "words.yaml"
    async with OfflineBot(tmp_path, recording_request, flows_path=registry) as bot:
        version = bot.flowset.version
        await bot.consented(USER)
        await bot.consented(TRAINEE, role="trainee")
        edit(words, 'history_heading: "The last {days} days:"', 'history_heading: "Past {dayz}:"')
        edit(words, "weekdays_short: [Mon, Tue,", "weekdays_short: [Tue,")
        edit(plan, 'caption: "', 'captoin: "')
        edit(dan, "You're meeting Dan, 52.", "Meet Dan, aged 52.")
        edit(dan, "\nintro:", "\nintroduction:")
        edit(partner, 'hint_none: "', 'hint_nothing: "')
        texts = bot.texts(await bot.command("reload", user=ADMIN_ID))
        assert texts[0].startswith("Reload refused: ") and version in texts[0]
        body = "\n".join(texts)
        assert "words.yaml:7:" in body and "{dayz}" in body and "did you mean 'days'" in body
        assert "'weekdays_short' must be 7 names" in body
        assert "plan_document.yaml:" in body and "captoin" in body
        assert "personas/dan.yaml:" in body and "introduction" in body, body
        assert "partner/words.yaml:" in body and "hint_nothing" in body, body
        assert bot.companion.flowset.version == version
        assert "The last 30 days:" in await history_in_words(bot), "the words in use stay"
        assert "You're meeting Dan, 52." in await practice_with_dan(bot, TRAINEE)
