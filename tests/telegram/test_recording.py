"""The offline harness: a real PTB Application driven through RecordingRequest."""
from __future__ import annotations

import asyncio
import time

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bench.drivers.telegram.botapi_schema import FileUpload
from bench.drivers.telegram.recording import DEFAULT_USER_ID, RecordingRequest, offline_application
from bench.drivers.telegram.updates import BOT_ID, UpdateFactory

USER = DEFAULT_USER_ID

# PTB 22.x warns inside its own RetryAfter handling that retry_after becomes a timedelta in 23.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


# -- update builders ---------------------------------------------------------------------------


def test_every_kind_of_update_matches_the_bot_api_description(bot_api_schema):
    for kind, data in UpdateFactory().every_kind().items():
        assert bot_api_schema.validate_object("Update", data) == [], kind


def test_update_builders_give_realistic_ptb_objects(offline_app: Application):
    made = UpdateFactory().every_kind(USER)
    bot = offline_app.bot
    u = {kind: Update.de_json(data, bot) for kind, data in made.items()}
    assert u["text"].message.text == "hello"
    assert u["text"].effective_chat.type == "private"
    assert u["command"].message.text == "/start trainee-42"
    assert u["command"].message.entities[0].type == "bot_command"
    assert u["callback"].callback_query.data == "0:yes"
    assert u["callback"].callback_query.message.from_user.id == BOT_ID
    assert u["edited_message"].edited_message.edit_date is not None
    assert u["sticker"].message.sticker.emoji
    assert len(u["photo"].message.photo) == 3 and u["photo"].message.caption == "look"
    assert u["voice"].message.voice.mime_type == "audio/ogg"
    assert u["video"].message.video.mime_type == "video/mp4"
    assert u["document"].message.document.file_name == "notes.pdf"
    assert u["location"].message.location.latitude == pytest.approx(51.5072)
    assert u["contact"].message.contact.phone_number.startswith("+")
    assert [o.text for o in u["poll"].message.poll.options] == ["Tea", "Coffee"]
    assert u["forwarded"].message.forward_origin.sender_user.first_name == "Someone"
    assert u["group"].effective_chat.type == "group"
    assert u["channel_post"].channel_post.chat.type == "channel"
    assert u["channel_post"].effective_user is None
    ids = [update.update_id for update in u.values()]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


# -- a tiny bot driven through process_update ---------------------------------------------------


def tiny_bot(application: Application, errors: list[BaseException]) -> None:
    """A /start that asks a question with buttons, and a press handler that answers and edits."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        payload = " ".join(context.args) or "none"
        await context.bot.send_chat_action(update.effective_chat.id, "typing")
        await update.message.reply_text(
            f"Hello! Deep link: <b>{payload}</b>. Ready?",
            parse_mode="HTML",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("Yes", callback_data="1:yes"),
                  InlineKeyboardButton("Not now", callback_data="1:no")]]
            ),
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer()
        await query.edit_message_text(f"Ready? <i>You chose: {query.data}</i>", parse_mode="HTML")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_error_handler(on_error)


async def test_harness_drives_a_real_application(recording_request: RecordingRequest):
    request = recording_request
    application = offline_application(request)
    errors: list[BaseException] = []
    tiny_bot(application, errors)
    async with application:
        assert request.methods() == ["getMe"]
        assert application.bot.username == "between_sessions_test_bot"

        start = request.factory.command("start", "trainee-42")
        await application.process_update(request.update(start, application.bot))

        action, question = request.calls_to("sendChatAction")[0], request.calls_to("sendMessage")[0]
        assert action.params == {"chat_id": USER, "action": "typing"}
        assert question.ok
        assert question.params["chat_id"] == USER  # decoded from the form field "1001"
        assert question.params["parse_mode"] == "HTML"
        assert question.params["text"] == "Hello! Deep link: <b>trainee-42</b>. Ready?"
        assert question.buttons == [[("Yes", "1:yes"), ("Not now", "1:no")]]
        # the answer PTB got back looks like Telegram's: entities parsed, keyboard echoed
        sent = question.result
        assert sent["text"] == "Hello! Deep link: trainee-42. Ready?"
        assert sent["entities"] == [{"type": "bold", "offset": 18, "length": 10}]
        assert sent["message_id"] == 2  # the user's /start was message 1 in this chat

        press = request.factory.callback("1:yes", message=sent)
        await application.process_update(request.update(press, application.bot))

    assert errors == []
    assert request.methods() == [
        "getMe", "sendChatAction", "sendMessage", "answerCallbackQuery", "editMessageText",
    ]
    answer = request.calls_to("answerCallbackQuery")[0]
    assert answer.params == {"callback_query_id": press["callback_query"]["id"]}
    [message] = request.messages_to(USER)
    assert message.text == "Ready? You chose: 1:yes"
    assert message.edits == 1 and not message.has_keyboard  # the edit removed the keyboard


async def test_every_kind_of_update_reaches_a_handler(recording_request: RecordingRequest):
    request = recording_request
    application = offline_application(request)
    seen: list[str] = []

    async def any_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        kind = "callback" if update.callback_query else (
            message.effective_attachment.__class__.__name__ if message and message.effective_attachment
            else "text")
        seen.append(kind)
        if update.callback_query:
            await update.callback_query.answer("Thanks")
        elif update.effective_chat.type == "private" and not update.edited_message:
            await context.bot.send_message(update.effective_chat.id, f"Got a {kind}")

    application.add_handler(TypeHandler(Update, any_update))
    async with application:
        for data in request.factory.every_kind().values():
            await application.process_update(request.update(data, application.bot))
    assert len(seen) == 15
    assert {"Sticker", "Voice", "Video", "Document", "Location", "Contact", "Poll"} <= set(seen)
    assert request.calls_to("answerCallbackQuery")[0].params["text"] == "Thanks"
    assert all(call.ok for call in request.calls)


async def test_files_are_recorded_as_markers(recording_request: RecordingRequest, offline_app):
    bot = offline_app.bot
    await bot.send_document(USER, document=b"my plan\n", filename="plan.txt", caption="Your plan")
    await bot.send_photo(USER, photo=b"\x89PNG fake", filename="chart.png")
    await bot.send_photo(USER, photo="AgACAgQ-existing-file-id")
    document, photo, by_id = recording_request.calls[-3:]
    assert document.params["document"] == FileUpload("plan.txt", "text/plain", 8, document.params["document"].sha256)
    assert document.result["document"]["file_name"] == "plan.txt"
    assert isinstance(photo.params["photo"], FileUpload) and photo.params["photo"].size == 9
    assert by_id.params["photo"] == "AgACAgQ-existing-file-id"
    kinds = [m.kind for m in recording_request.messages_to(USER)]
    assert kinds == ["document", "photo", "photo"]


async def test_edit_semantics_follow_telegram(recording_request: RecordingRequest, offline_app):
    bot = offline_app.bot
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(USER, "Pick", reply_markup=keyboard)
    # editing the keyboard alone keeps the text
    await bot.edit_message_reply_markup(USER, sent.message_id)
    assert recording_request.messages_to(USER)[0].text == "Pick"
    assert not recording_request.messages_to(USER)[0].has_keyboard
    # the same content again is refused, as Telegram does
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_text("Pick", USER, sent.message_id)
    await bot.delete_message(USER, sent.message_id)
    assert recording_request.messages_to(USER)[0].deleted


# -- violations --------------------------------------------------------------------------------


async def test_a_request_telegram_would_refuse_is_reported():
    request = RecordingRequest()
    application = offline_application(request)
    async with application:
        with pytest.raises(BadRequest, match="text_length"):
            await application.bot.send_message(USER, "x" * 5000)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Long", callback_data="d" * 65)]])
        with pytest.raises(BadRequest, match="callback_data"):
            await application.bot.send_message(USER, "Pick one", reply_markup=markup)
        with pytest.raises(BadRequest, match="bad_html"):
            await application.bot.send_message(USER, "you <3 me", parse_mode="HTML")
    assert [c.method for c in request.violations()] == ["sendMessage"] * 3
    with pytest.raises(AssertionError, match="callback_data_length"):
        request.assert_no_violations()


async def test_strict_mode_refuses_what_telegram_does_not_know():
    request = RecordingRequest(strict=True)
    application = offline_application(request)
    async with application:
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await application.bot.send_message(999, "hello")
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await application.bot.answer_callback_query("12345")
        request.core.add_user(999)
        message = await application.bot.send_message(999, "hello")
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await application.bot.edit_message_text("x", 999, message.message_id + 5)
    request.assert_no_violations()


# -- faults and what PTB does with them ------------------------------------------------------------


async def test_faults_reach_the_caller_as_ptb_exceptions(recording_request: RecordingRequest, offline_app):
    request, bot = recording_request, offline_app.bot
    request.fail_next("sendMessage", "429", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER, "hi")
    assert "Retry in 7 seconds" in str(caught.value)  # .retry_after: int, deprecated for timedelta
    request.fail_next("sendMessage", "403")
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(USER, "hi")
    request.fail_next("sendMessage", "500")
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "hi")
    request.fail_next("sendMessage", "502")
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "hi")
    request.fail_next("sendMessage", "timeout")
    with pytest.raises(TimedOut):
        await bot.send_message(USER, "hi")
    # nothing was retried: every failure is one call, and no message arrived
    assert [c.status for c in request.calls_to("sendMessage")] == [429, 403, 500, 502, 0]
    assert request.messages_to(USER) == []
    await bot.send_message(USER, "finally")
    assert request.sent_texts(USER) == ["finally"]


async def test_a_timeout_may_still_deliver(recording_request: RecordingRequest, offline_app):
    recording_request.fail_next("sendMessage", "timeout", delivered=True)
    with pytest.raises(TimedOut):
        await offline_app.bot.send_message(USER, "did it arrive?")
    # the bot cannot know, but the user got it: resending blindly would show it twice
    assert [m.text for m in recording_request.messages_to(USER)] == ["did it arrive?"]


async def test_blocked_user_gives_403_every_time(recording_request: RecordingRequest, offline_app):
    recording_request.block(USER)
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await offline_app.bot.send_message(USER, "reminder")


async def test_ptb_rate_limiter_retries_after_429(recording_request: RecordingRequest):
    """AIORateLimiter(max_retries=N) waits retry_after (+0.1 s) and sends again; default N is 0."""
    request = recording_request
    application = offline_application(
        request, configure=lambda b: b.rate_limiter(AIORateLimiter(max_retries=2))
    )
    async with application:
        request.fail_next("sendMessage", "429", retry_after=1)
        started = time.monotonic()
        await application.bot.send_message(USER, "after the flood wait")
        waited = time.monotonic() - started
    assert [c.status for c in request.calls_to("sendMessage")] == [429, 200]
    assert waited >= 1.0
    assert request.sent_texts(USER) == ["after the flood wait"]


async def test_non_blocking_handlers_can_be_awaited_through_the_recorder(recording_request):
    request = recording_request
    application = offline_application(request)

    async def later(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await asyncio.sleep(0)
        await update.message.reply_text("done in the background")

    application.add_handler(MessageHandler(filters.TEXT, later, block=False))
    async with application:
        await application.start()  # tasks of non-blocking handlers are awaited only when running
        await application.process_update(request.update(request.factory.text("go"), application.bot))
        call = await request.wait_for_call("sendMessage", timeout=2)
        await application.stop()
    assert call.params["text"] == "done in the background"


async def test_polling_offline_with_offsets(recording_request: RecordingRequest):
    """getUpdates works offline too: updates queued with push_update reach the handlers."""
    request = recording_request
    application = offline_application(request, polling=True)
    application.add_handler(
        MessageHandler(filters.TEXT, lambda u, c: u.message.reply_text("echo " + u.message.text))
    )
    first = request.push_update(request.factory.text("one"))
    request.push_update(request.factory.text("two"))
    async with application:
        await application.start()
        await application.updater.start_polling(timeout=5)
        await request.wait_for_call("sendMessage", lambda c: c.params["text"] == "echo two")
        await application.updater.stop()
        await application.stop()
    offsets = [c.params.get("offset") for c in request.calls_to("getUpdates")]
    assert offsets[0] == 0 and first + 2 in offsets
    assert request.core.updates == []  # confirmed
