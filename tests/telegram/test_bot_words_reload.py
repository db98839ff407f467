"""Staff edit the bot's own words (dialogs/words.yaml, dialogs/plan_document.yaml) and send
/reload: clients read the new words at once, with no restart; a broken edit is refused with
file:line, and the words already in use stay."""
from __future__ import annotations

import pytest

from .bot_harness import ADMIN_ID, OfflineBot, copy_registry

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

USER = 1001


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


async def test_edited_words_reach_the_client_after_reload(tmp_path, recording_request):
    registry = copy_registry(tmp_path / "flows")
    words = tmp_path / "flows" / "dialogs" / "words.yaml"
    async with OfflineBot(tmp_path, recording_request, flows_path=registry) as bot:
        await bot.consented(USER)
        assert "The last 30 days:" in await history_in_words(bot)
        assert "Check-ins are off." in await check_in_settings(bot)
        edit(words, 'history_heading: "The last {days} days:"', 'history_heading: "Past {days}:"')
        edit(words, 'checkins_off: "Check-ins are off."', 'checkins_off: "No check-ins."')
        texts = bot.texts(await bot.command("reload", user=ADMIN_ID))
        assert texts[0].startswith("Reloaded: version"), texts
        said = await history_in_words(bot)
        assert "Past 30:" in said and "The last 30 days:" not in said
        assert "No check-ins." in await check_in_settings(bot)


async def test_a_broken_words_file_is_refused_and_the_words_in_use_stay(tmp_path, recording_request):
    registry = copy_registry(tmp_path / "flows")
    words = tmp_path / "flows" / "dialogs" / "words.yaml"
    plan = tmp_path / "flows" / "dialogs" / "plan_document.yaml"
    async with OfflineBot(tmp_path, recording_request, flows_path=registry) as bot:
        version = bot.flowset.version
        await bot.consented(USER)
        edit(words, 'history_heading: "The last {days} days:"', 'history_heading: "Past {dayz}:"')
        edit(words, "weekdays_short: [Mon, Tue,", "weekdays_short: [Tue,")
        edit(plan, 'caption: "', 'captoin: "')
        texts = bot.texts(await bot.command("reload", user=ADMIN_ID))
        assert texts[0].startswith("Reload refused: ") and version in texts[0]
        body = "\n".join(texts)
        assert "words.yaml:7:" in body and "{dayz}" in body and "did you mean 'days'" in body
        assert "'weekdays_short' must be 7 names" in body
        assert "plan_document.yaml:" in body and "captoin" in body
        assert bot.companion.flowset.version == version
        assert "The last 30 days:" in await history_in_words(bot), "the words in use stay"
