"""The bot on PostgreSQL: the same pipeline (turn, outbox claim with the advisory lock, marks,
retries, erasure) on a real server. Runs when TEST_DATABASE_URL is set (e.g.
postgresql://root@127.0.0.1:5432/test); skips otherwise (fails with CI=true)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from persistence import generate_key
from tests.persistence.conftest import scratch_database

from .bot_harness import OfflineBot
from .test_bot_offline import USER, Clock, into_talk

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")
KEY = generate_key()


@pytest.fixture(scope="module")
def pg_database():
    yield from scratch_database()


@pytest.fixture
async def pg_bot(pg_database, tmp_path, recording_request):
    await pg_database.truncate()
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, database_url=pg_database.url,
                          configure_store={"data_key": KEY, "clock": clock}) as bot:
        bot.transport.clock = clock
        bot.clock = clock
        yield bot


async def test_a_client_talks_on_postgresql(pg_bot):
    bot = pg_bot
    step = await into_talk(bot)
    assert step
    texts = bot.texts(await bot.text("I drink to forget the week"))
    assert any("you drink to forget the week" in t.lower() for t in texts)
    assert (await bot.store.stats())["outbox_waiting"] == 0


async def test_a_failed_send_waits_in_the_outbox_and_goes_later_on_postgresql(pg_bot):
    bot = pg_bot
    await into_talk(bot)
    bot.request.fail_next("sendMessage", "502")
    assert bot.texts(await bot.text("I drink when I can't sleep")) == []
    waiting = (await bot.store.stats())["outbox_waiting"]
    assert waiting >= 2
    assert await bot.transport.drain_outbox() == 0
    bot.clock.now += timedelta(seconds=60)
    before = len(bot.request.calls)
    assert await bot.transport.drain_outbox() == waiting
    assert "sleep" in bot.texts(bot.request.calls[before:])[0]


async def test_delete_erases_the_user_on_postgresql(pg_bot):
    bot = pg_bot
    await into_talk(bot)
    await bot.command("delete")
    erase = next(c for c in bot.flowset.flows["delete"].states["confirm"].choices if c.id == "erase")
    texts = bot.texts(await bot.press(erase.label.render({})))
    assert len(texts) == 1
    assert await bot.store.export_user(f"tg:{USER}") is None
