"""The fake Bot API server: Telegram's rules over HTTP, a simulated user, and real PTB bots
(polling, webhook, a subprocess) talking to it."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import time

import httpx
import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.telegram.httpclient import tls_context

from bench.drivers.telegram.fake_server import FakeBotApi, application_for, serving
from bench.drivers.telegram.updates import TOKEN

pytestmark = [
    pytest.mark.timeout(30),
    pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning"),
]


async def api(server: FakeBotApi, method: str, **params) -> tuple[int, dict]:
    """Call the server as any HTTP client would (form-encoded, like PTB)."""
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    async with httpx.AsyncClient(verify=tls_context()) as client:
        response = await client.post(f"{server.base_url}{server.token}/{method}", data=form,
                                     timeout=30)
    return response.status_code, response.json()


def echo_bot(server: FakeBotApi, **settings):
    application = application_for(server, **settings)

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("echo: " + update.message.text)

    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return application


# -- getUpdates: Telegram's offset rules and long polling ------------------------------------------


async def test_get_updates_offsets_are_confirmations(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    ids = [server.user_sends_text(7, f"m{i}").update_id for i in range(4)]

    status, body = await api(server, "getUpdates")
    assert status == 200 and [u["update_id"] for u in body["result"]] == ids
    # not confirmed yet: asking again gives the same updates
    _, again = await api(server, "getUpdates", limit=2)
    assert [u["update_id"] for u in again["result"]] == ids[:2]
    # offset = last seen + 1 confirms (forgets) everything before it
    _, rest = await api(server, "getUpdates", offset=ids[1] + 1)
    assert [u["update_id"] for u in rest["result"]] == ids[2:]
    assert server.pending_updates() == ids[2:]
    # a negative offset keeps only the last -offset updates
    _, last = await api(server, "getUpdates", offset=-1)
    assert [u["update_id"] for u in last["result"]] == ids[3:]
    assert server.pending_updates() == ids[3:]
    await api(server, "getUpdates", offset=ids[3] + 1)
    assert server.pending_updates() == []


async def test_long_poll_returns_as_soon_as_an_update_arrives(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    started = time.monotonic()
    poll = asyncio.ensure_future(api(server, "getUpdates", timeout=20))
    await server.wait_until(lambda: server.calls("getUpdates"))
    sent = server.user_sends_text(7, "wake up")
    status, body = await poll
    assert status == 200 and body["result"][0]["update_id"] == sent.update_id
    assert time.monotonic() - started < 5  # not the 20 s timeout


async def test_long_poll_timeout_is_honoured(fake_bot_api: FakeBotApi):
    started = time.monotonic()
    status, body = await api(fake_bot_api, "getUpdates", timeout=1)
    elapsed = time.monotonic() - started
    assert status == 200 and body["result"] == []
    assert 0.9 <= elapsed < 3
    started = time.monotonic()
    await api(fake_bot_api, "getUpdates", timeout=0)  # short polling answers at once
    assert time.monotonic() - started < 0.9  # before a 1 s long poll could (0.55 s at load 14)


async def test_second_poller_terminates_the_first(fake_bot_api: FakeBotApi):
    first = asyncio.ensure_future(api(fake_bot_api, "getUpdates", timeout=20))
    await fake_bot_api.wait_until(lambda: fake_bot_api.calls("getUpdates"))
    second = asyncio.ensure_future(api(fake_bot_api, "getUpdates", timeout=0))
    status, body = await first
    assert status == 409 and "only one bot instance" in body["description"]
    assert (await second)[0] == 200


async def test_get_updates_conflicts_with_a_webhook(fake_bot_api: FakeBotApi):
    await api(fake_bot_api, "setWebhook", url="http://127.0.0.1:9/nowhere")
    status, body = await api(fake_bot_api, "getUpdates")
    assert status == 409 and "webhook is active" in body["description"]
    await api(fake_bot_api, "deleteWebhook")
    assert (await api(fake_bot_api, "getUpdates"))[0] == 200


async def test_allowed_updates_filters_kinds(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    server.user_sends_text(7, "text")
    server.push_update(server.factory.sticker(7))
    _, body = await api(server, "getUpdates", allowed_updates=["callback_query"])
    assert body["result"] == []


async def test_wrong_token_and_unknown_method(fake_bot_api: FakeBotApi):
    async with httpx.AsyncClient(verify=tls_context()) as client:
        wrong = await client.post(f"{fake_bot_api.base_url}123:wrong/getMe")
        unknown = await client.post(f"{fake_bot_api.base_url}{TOKEN}/sendTelepathy")
    assert wrong.status_code == 401
    assert unknown.status_code == 404
    [violation] = fake_bot_api.violations()
    assert violation.problems[0].code == "unknown_method"
    fake_bot_api.clear_calls()
    application = application_for(fake_bot_api, token="123:not-the-token")
    with pytest.raises(InvalidToken):
        await application.initialize()


async def test_json_bodies_are_accepted(fake_bot_api: FakeBotApi):
    fake_bot_api.add_user(7)
    async with httpx.AsyncClient(verify=tls_context()) as client:
        response = await client.post(
            f"{fake_bot_api.base_url}{TOKEN}/sendMessage",
            json={"chat_id": 7, "text": "hi", "reply_markup": {"inline_keyboard": [[
                {"text": "A", "callback_data": "a"}]]}},
        )
    assert response.status_code == 200, response.text
    assert fake_bot_api.last_message_to(7).button_data == ["a"]


# -- a real bot, polling -----------------------------------------------------------------------


async def test_polling_echo_bot(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    async with serving(echo_bot(server), server):
        first = server.user_sends_text(1, "hello")
        other = server.user_sends_text(2, "hi from someone else")
        reply = await server.wait_for_message(1, after=first)
        assert reply.text == "echo: hello"
        assert (await server.wait_for_message(2, after=other)).text == "echo: hi from someone else"
        second = server.user_sends_text(1, "again")
        assert (await server.wait_for_message(1, after=second)).text == "echo: again"
    assert server.pending_updates() == []  # every update was confirmed
    assert server.transcript(1) == "user: hello\nbot: echo: hello\nuser: again\nbot: echo: again"
    methods = [c.method for c in server.calls()]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]


def buttons_bot(server: FakeBotApi, errors: list):
    application = application_for(server)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.set_my_commands([("start", "Begin again"), ("help", "What I can do")])
        await context.bot.send_chat_action(update.effective_chat.id, "typing")
        await update.message.reply_text(
            "How strong is the urge right now?",
            reply_markup=InlineKeyboardMarkup([
                [InlineKeyboardButton("Mild", callback_data="4:mild"),
                 InlineKeyboardButton("Strong", callback_data="4:strong")],
            ]),
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer("Noted")
        label = "Mild" if query.data.endswith("mild") else "Strong"
        await query.edit_message_text(f"How strong is the urge right now?\n\n<i>You chose: {label}</i>",
                                      parse_mode="HTML")
        await context.bot.send_document(query.message.chat.id, document=b"plan", filename="plan.txt")
        await context.bot.send_photo(query.message.chat.id, photo=b"\x89PNG", filename="wave.png",
                                     caption="Ride the wave")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_error_handler(on_error)
    return application


async def test_buttons_edits_files_commands(fake_bot_api: FakeBotApi):
    server, errors = fake_bot_api, []
    async with serving(buttons_bot(server, errors), server):
        start = server.user_sends_text(5, "/start trainee-7")
        question = await server.wait_for_message(5, after=start)
        assert question.labels == ["Mild", "Strong"]
        assert server.commands() == [
            {"command": "start", "description": "Begin again"},
            {"command": "help", "description": "What I can do"},
        ]
        assert server.chat_actions(5) == ["typing"]

        press = server.user_presses(5, question.message_id, label="Strong")
        assert (await server.wait_for_answer(press))["text"] == "Noted"
        edited = await server.wait_for_message(
            5, lambda m: m.message_id == question.message_id and m.edits)
        assert edited.text.endswith("You chose: Strong") and not edited.has_keyboard
        photo = await server.wait_for_message(5, lambda m: m.kind == "photo")
        assert photo.text == "Ride the wave" and photo.file.filename == "wave.png"
        document = server.messages_to(5)[1]
        assert document.kind == "document" and document.file.size == 4

        # the keyboard is gone, so a user cannot press it any more
        with pytest.raises(AssertionError, match="shows no button"):
            server.user_presses(5, question.message_id, "4:mild")
    assert errors == []


async def test_requests_telegram_would_refuse_are_recorded():
    async with FakeBotApi() as server:
        application = application_for(server)
        server.add_user(3)
        async with application:
            with pytest.raises(BadRequest):
                await application.bot.send_message(3, "x" * 4097)
            with pytest.raises(BadRequest, match="(?i)not found"):
                await application.bot.send_message(4, "a stranger")  # not a violation
            sent = await application.bot.send_message(3, "same")
            with pytest.raises(BadRequest, match="(?i)not modified"):
                await application.bot.edit_message_text("same", 3, sent.message_id)
            with pytest.raises(BadRequest, match="(?i)message to delete not found"):
                await application.bot.delete_message(3, sent.message_id + 10)
        [violation] = server.violations()
        assert violation.problems[0].code == "text_length"


# -- faults, and what PTB does with them ---------------------------------------------------------


async def test_429_on_send_is_not_retried_by_ptb_unless_a_rate_limiter_is_set(fake_bot_api):
    server = fake_bot_api
    server.add_user(9)
    plain = application_for(server)
    async with plain:
        server.fail_next("sendMessage", "429", retry_after=1)
        with pytest.raises(RetryAfter):
            await plain.bot.send_message(9, "first try")
    limited = application_for(server, rate_limiter=AIORateLimiter(max_retries=3))
    async with limited:
        server.fail_next("sendMessage", "429", retry_after=1)
        started = time.monotonic()
        await limited.bot.send_message(9, "second try")
        assert time.monotonic() - started >= 1.0
    assert [c.status for c in server.calls("sendMessage")] == [429, 429, 200]
    assert [m.text for m in server.messages_to(9)] == ["second try"]


async def test_403_and_5xx_reach_the_error_handler(fake_bot_api: FakeBotApi):
    server, errors, three = fake_bot_api, [], asyncio.Event()
    application = echo_bot(server)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)
        if len(errors) == 3:
            three.set()

    application.add_error_handler(on_error)
    async with serving(application, server):
        server.fail_next("sendMessage", "403")
        server.fail_next("sendMessage", "500")
        server.fail_next("sendMessage", "502")
        for text in ("a", "b", "c"):
            server.user_sends_text(1, text)
        await asyncio.wait_for(three.wait(), 5)  # (server waits wake only on server changes)
        last = server.user_sends_text(1, "d")
        assert (await server.wait_for_message(1, after=last)).text == "echo: d"
    assert [type(e) for e in errors] == [Forbidden, NetworkError, NetworkError]
    assert server.pending_updates() == []  # the failed turns' updates were confirmed anyway


async def test_user_who_blocked_the_bot(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    server.add_user(11)
    server.user_blocks_bot(11)
    async with application_for(server) as application:
        with pytest.raises(Forbidden, match="(?i)blocked"):
            await application.bot.send_message(11, "reminder")


async def test_timeouts_and_slow_answers(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    server.add_user(12)
    application = application_for(server, read_timeout=0.3)
    async with application:
        server.fail_next("sendMessage", "timeout", delivered=True)
        with pytest.raises(TimedOut):
            await application.bot.send_message(12, "lost answer")
        # Telegram did send it: the bot cannot tell, and a blind resend would duplicate it
        assert [m.text for m in server.messages_to(12)] == ["lost answer"]
        server.fail_next("sendMessage", "timeout")
        with pytest.raises(TimedOut):
            await application.bot.send_message(12, "never sent")
        server.fail_next("sendMessage", "slow", delay=0.05)
        await application.bot.send_message(12, "a little late")
    assert [m.text for m in server.messages_to(12)] == ["lost answer", "a little late"]


async def test_429_on_get_updates_pauses_polling(fake_bot_api: FakeBotApi):
    """PTB's polling loop sleeps retry_after + 0.5 s and goes on; nothing is lost."""
    server = fake_bot_api
    server.fail_next("getUpdates", "429", retry_after=1)
    sent = server.user_sends_text(1, "patience")
    started = time.monotonic()
    async with serving(echo_bot(server), server):
        assert (await server.wait_for_message(1, after=sent)).text == "echo: patience"
    assert time.monotonic() - started >= 1.5
    assert [c.status for c in server.calls("getUpdates")][:2] == [429, 200]


# -- webhook -------------------------------------------------------------------------------------


async def test_webhook_mode_with_ptb_webhook_server(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    async with serving(echo_bot(server), server, webhook=True, secret_token="s3cret_token-1"):
        assert server.webhook["url"].endswith("/telegram")
        sent = server.user_sends_text(21, "via webhook")
        assert (await server.wait_for_message(21, after=sent)).text == "echo: via webhook"
        assert server.webhook["secret_token"] == "s3cret_token-1"
    delivery = server.deliveries[0]
    assert delivery.status == 200 and delivery.secret_sent
    assert server.pending_updates() == []


async def test_webhook_wrong_secret_is_refused_and_redelivered(fake_bot_api: FakeBotApi):
    server = fake_bot_api
    async with serving(echo_bot(server), server, webhook=True, secret_token="right"):
        with server.core.lock:
            server.core.webhook["secret_token"] = "wrong"  # as if someone else set the webhook
        sent = server.user_sends_text(22, "knock knock")
        await server.wait_until(lambda: len(server.deliveries) >= 2)
        assert {d.status for d in server.deliveries} == {403}  # PTB refuses a wrong secret
        assert server.pending_updates() == [sent.update_id]  # and Telegram keeps it
        with server.core.lock:
            server.core.webhook["secret_token"] = "right"
        server.core.notifier.notify()
        assert (await server.wait_for_message(22, after=sent)).text == "echo: knock knock"
    assert server.deliveries[-1].status == 200


async def test_webhook_redelivers_until_2xx(fake_bot_api: FakeBotApi):
    """Against a bare endpoint: header, JSON body, redelivery after a failure, order kept."""
    server = fake_bot_api
    seen: list[tuple[int, str | None, str]] = []
    answers = iter([500, 200, 200])

    class Hook(tornado.web.RequestHandler):
        def post(self) -> None:
            update = json.loads(self.request.body)
            seen.append((update["update_id"],
                         self.request.headers.get("X-Telegram-Bot-Api-Secret-Token"),
                         self.request.headers.get("Content-Type")))
            self.set_status(next(answers))

    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    hook = tornado.httpserver.HTTPServer(tornado.web.Application([(r"/hook", Hook)]))
    hook.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    try:
        status, _ = await api(server, "setWebhook", url=f"http://127.0.0.1:{port}/hook",
                              secret_token="abc")
        assert status == 200
        first = server.user_sends_text(30, "one")
        second = server.user_sends_text(30, "two")
        await server.wait_until_confirmed()
    finally:
        hook.stop()
    assert seen == [
        (first.update_id, "abc", "application/json"),
        (first.update_id, "abc", "application/json"),
        (second.update_id, "abc", "application/json"),
    ]
    assert [d.status for d in server.deliveries] == [500, 200, 200]
    _, info = await api(server, "getWebhookInfo")
    assert info["result"]["pending_update_count"] == 0
    assert "500" in info["result"]["last_error_message"]
    await api(server, "deleteWebhook")


async def test_set_webhook_checks_the_secret(fake_bot_api: FakeBotApi):
    status, body = await api(fake_bot_api, "setWebhook", url="https://x.org/h", secret_token="no spaces")
    assert status == 400 and "secret token" in body["description"]


# -- the server in a thread, a bot in a subprocess ---------------------------------------------------


async def test_thread_mode_with_waits_from_another_loop(fake_bot_api_thread: FakeBotApi):
    server = fake_bot_api_thread
    async with serving(echo_bot(server), server):
        sent = server.user_sends_text(40, "across threads")
        assert (await server.wait_for_message(40, after=sent)).text == "echo: across threads"
        again = server.user_sends_text(40, "sync wait")
        reply = await asyncio.to_thread(server.wait_for_message_sync, 40, None, 5, after=again)
        assert reply.text == "echo: sync wait"


BOT_SCRIPT = textwrap.dedent(
    """
    import os
    from telegram.ext import ApplicationBuilder, MessageHandler, filters

    root = os.environ["TELEGRAM_API_BASE_URL"]
    app = (ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
           .base_url(root + "/bot").base_file_url(root + "/file/bot").build())

    async def echo(update, context):
        await update.message.reply_text("subprocess: " + update.message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0, timeout=10)
    """
)


def test_a_bot_in_a_subprocess_killed_and_restarted(fake_bot_api_thread: FakeBotApi, tmp_path):
    server = fake_bot_api_thread
    script = tmp_path / "echo_bot.py"
    script.write_text(BOT_SCRIPT)

    def start() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(script)], env={**server.env(), "PATH": ""},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    bot = start()
    try:
        sent = server.user_sends_text(50, "are you there?")
        assert server.wait_for_message_sync(50, after=sent, timeout=15).text == "subprocess: are you there?"
        server.wait_until_sync(lambda: sent.update_id not in server.pending_updates(), 10)
        bot.kill()
        bot.wait(10)
        # sent while the bot is down: kept by the server until a bot asks again
        while_down = server.user_sends_text(50, "still there?")
        assert server.pending_updates() == [while_down.update_id]
        bot = start()
        reply = server.wait_for_message_sync(50, after=while_down, timeout=15)
        assert reply.text == "subprocess: still there?"
    finally:
        bot.kill()
        bot.wait(10)
