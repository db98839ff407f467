"""Nothing in the running bot grows with the number of clients it has seen (the soak,
bench/soak.py, found one such table in python-telegram-bot; docs/persistence.md)."""
from __future__ import annotations

from .bot_harness import OfflineBot


async def test_the_application_keeps_no_table_of_every_chat_it_has_seen(
        tmp_path, recording_request):
    async with OfflineBot(tmp_path, recording_request) as bot:
        for user in range(5000, 5040):
            await bot.command("help", user=user)
        app = bot.application
        # PTB notes every chat and user "to be saved" and only a persistence ever empties the
        # notes; we run without one (everything lives in the store)
        assert app.persistence is None
        assert len(app._chat_ids_to_be_updated_in_persistence) == 0
        assert len(app._user_ids_to_be_updated_in_persistence) == 0
        assert len(app.chat_data) == 0 and len(app.user_data) == 0
