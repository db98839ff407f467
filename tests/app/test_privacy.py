"""What a client writes never reaches a log, even with every logger at DEBUG."""
from __future__ import annotations

import logging

from bot.wiring import build_companion
from bot.engine import Command, Text
from persistence import Store, generate_key
from tests.content import content_of

PHRASES = ["my aunt Rosalind keeps the vodka in the piano", "I want to die, honestly, after the piano thing"]


async def test_no_client_words_in_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}", data_key=generate_key())
    companion = build_companion(content_of(), store)
    await companion.prepare()
    await companion.begin("cli:private", "talk")
    replies = [await companion.handle("cli:private", Text(phrase), update_id=i) for i, phrase in enumerate(PHRASES, 1)]
    await companion.handle("cli:private", Command("export"), update_id=9)
    await store.close()
    assert "Rosalind" in replies[0].messages[0].text  # the words went through the pipeline ...
    assert "a lot of pain" in replies[1].messages[0].text
    assert caplog.records  # ... logging was on ...
    for phrase in PHRASES:
        for fragment in (phrase, "Rosalind", "piano"):
            assert fragment not in caplog.text  # ... and none of it was logged
