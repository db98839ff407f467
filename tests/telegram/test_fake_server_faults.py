"""The fake Bot API server's fault injection beyond Telegram's own errors: raw answers (garbage,
wrong shapes) and per-chat faults (hangs, long 429s, slowness) next to healthy chats."""
from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from bot.telegram.httpclient import tls_context

from bench.drivers.telegram.fake_server import FakeBotApi

pytestmark = pytest.mark.timeout(30)


async def call(server: FakeBotApi, method: str, wait: float = 5.0, **params) -> httpx.Response:
    """Call the server as any HTTP client would (form-encoded, like PTB); give up after ``wait``."""
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    async with httpx.AsyncClient(verify=tls_context(), timeout=wait) as client:
        return await client.post(f"{server.base_url}{server.token}/{method}", data=form)


@pytest.mark.parametrize("body, expected", [
    (b"<html>502</html>", b"<html>502</html>"),
    (None, b"null"),
    ({"ok": True}, b'{"ok": true}'),
    ({"ok": True, "result": [1, 2]}, b'{"ok": true, "result": [1, 2]}'),
])
async def test_a_raw_answer_is_sent_as_it_is_once(fake_bot_api, body, expected):
    server = fake_bot_api
    server.user_sends_text(42, "hello")
    server.answer_next_raw("getUpdates", body)
    answer = await call(server, "getUpdates", timeout=0)
    assert answer.status_code == 200 and answer.content == expected
    again = await call(server, "getUpdates", timeout=0)
    assert again.json()["ok"] is True and len(again.json()["result"]) == 1, "only the next call"
    assert [c.error for c in server.calls("getUpdates")] == ["injected raw answer", None]


async def test_a_raw_getupdates_answer_still_confirms_its_offset(fake_bot_api):
    server = fake_bot_api
    first = server.user_sends_text(42, "one")
    server.user_sends_text(42, "two")
    server.answer_next_raw("getUpdates", b"garbage")
    await call(server, "getUpdates", offset=first.update_id + 1, timeout=0)
    assert first.update_id not in server.pending_updates()


async def test_chat_faults_touch_only_their_chat_until_healed(fake_bot_api):
    server = fake_bot_api
    for user in (42, 43, 44):
        server.add_user(user)
    server.fail_chat(42, "timeout")
    server.fail_chat(43, "429", retry_after=120)
    hung = asyncio.ensure_future(call(server, "sendMessage", wait=1.0, chat_id=42, text="hi"))
    limited = await call(server, "sendMessage", chat_id=43, text="hi")
    assert limited.status_code == 429 and limited.json()["parameters"]["retry_after"] == 120
    start = time.monotonic()
    healthy = await call(server, "sendMessage", chat_id=44, text="hi")
    assert healthy.status_code == 200 and time.monotonic() - start < 0.5
    with pytest.raises(httpx.ReadTimeout):  # no answer until the client gives up
        await hung
    server.heal_chat(42)
    server.heal_chat(43)
    for user in (42, 43):
        assert (await call(server, "sendMessage", chat_id=user, text="again")).status_code == 200
    assert [m.text for m in server.messages_to(42)] == ["again"], "what hung was not delivered"


async def test_a_slow_chat_is_answered_late(fake_bot_api):
    server = fake_bot_api
    server.add_user(42)
    server.fail_chat(42, "slow", delay=0.5)
    start = time.monotonic()
    assert (await call(server, "sendMessage", chat_id=42, text="hi")).status_code == 200
    assert time.monotonic() - start >= 0.5
