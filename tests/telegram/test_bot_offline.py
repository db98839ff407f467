"""The bot itself, offline: build_application + attach + a real Companion on a SQLite store,
driven with ``application.process_update`` through the recording request (every request checked
against the Bot API description). Assertions are on what the user sees.

Wording comes from the flows at run time (titles, flows.yaml messages, the crisis flow), so that
edits to the practices do not break these tests; only the 'talk' flow's shape is relied on
(a free-text question first, whose answer is reflected back).
"""
from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from bot.engine import Conversation
from bot.telegram.httpclient import tls_context
from bot.telegram.main import attach, build_application

from .bot_harness import (
    ADMIN_ID,
    OfflineBot,
    copy_registry,
    polling,
    unpaced_limiter,
)
from bench.drivers.telegram.botapi_schema import FileUpload
from bench.drivers.telegram.recording import RecordingRequest
from bench.drivers.telegram.updates import user_json

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

USER = 1001


@pytest.fixture
async def bot(tmp_path, recording_request):
    async with OfflineBot(tmp_path, recording_request) as bot:
        yield bot


async def into_talk(bot: OfflineBot, user: int = USER) -> list[str]:
    """A consented client opens the menu and taps 'Talk it through'; returns the texts of its
    first step (what "the current step again" repeats)."""
    await bot.consented(user)
    await bot.command("menu", user=user)
    calls = await bot.press(bot.flowset.flows["talk"].title, user=user)
    texts = bot.texts(calls)
    assert texts, bot.transcript(user)
    return texts


def quiet_logs(caplog) -> None:
    """Capture what the running bot logs: INFO from everything, DEBUG from our own code."""
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="persistence")


async def conversation(bot: OfflineBot, user: int = USER) -> Conversation | None:
    async with bot.store.turn(f"tg:{user}") as t:
        return Conversation.from_json(t.conversation) if t.conversation else None


def methods(calls) -> list[str]:
    return [c.method for c in calls]


# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------


async def test_start_for_a_new_user_shows_the_welcome_and_its_first_question(bot):
    calls = await bot.command("start")
    sent = bot.sent(calls)
    assert len(sent) >= 2, bot.transcript()
    assert sent[-1].buttons, "the welcome ends on a question with buttons"
    assert all(not c.buttons for c in sent[:-1]), "only the question carries a keyboard"
    for row in sent[-1].buttons:
        for label, data in row:
            assert label and ":" in data, "callback data is stamped with the revision"
    assert "parse_mode" not in sent[0].params, "plain text: client words cannot inject markup"
    conv = await conversation(bot)
    assert conv is not None and conv.flow == bot.flowset.start


async def test_start_with_a_trainee_deep_link_keeps_the_payload(bot):
    await bot.command("start", "trainee")
    conv = await conversation(bot)
    assert conv.flow == bot.flowset.start
    assert conv.vars.get("payload") == "trainee", "t.me/BOT?start=trainee must reach the welcome"


async def test_start_trainee_for_a_returning_client_goes_through_the_setup_again(bot):
    await bot.consented()
    back = bot.texts(await bot.command("start"))
    trainee = bot.texts(await bot.command("start", "trainee"))
    assert back and trainee and back != trainee
    assert (await conversation(bot)).vars.get("payload") == "trainee"


async def test_menu_lists_the_practices_in_order_as_buttons(bot):
    await bot.consented()
    calls = await bot.command("menu")
    sent = bot.sent(calls)
    labels = bot.labels(sent[-1])
    wanted = [bot.flowset.flows[f].title for f in bot.flowset.menu]
    assert labels == wanted
    assert len(sent[-1].params["text"].split()) <= 80, "a short menu; /practices has the details"
    details = bot.texts(await bot.command("practices"))[0]
    for title in wanted:
        assert title in details, "/practices describes each practice"


async def test_stop_ends_the_practice_and_the_next_message_opens_the_menu(bot):
    await into_talk(bot)
    calls = await bot.command("stop")
    assert bot.texts(calls) == [bot.command_words("stop")]
    conv = await conversation(bot)
    assert conv.ended
    calls = await bot.text("hello again")
    assert bot.labels(bot.sent(calls)[-1]) == [bot.flowset.flows[f].title for f in bot.flowset.menu]


@pytest.mark.parametrize("name", ["help", "about"])
async def test_help_and_about_answer_then_show_the_current_step_again(bot, name):
    step = await into_talk(bot)
    texts = bot.texts(await bot.command(name))
    assert texts == [bot.command_words(name), *step]


async def test_a_command_addressed_to_another_bot_is_not_ours(bot):
    step = await into_talk(bot)
    ours = bot.texts(await bot.text(f"/help@{bot.application.bot.username}"))
    assert ours == [bot.command_words("help"), *step]
    assert bot.command_words("help") not in bot.texts(await bot.text("/help@SomeOtherBot"))


async def test_plan_without_a_plan_says_so_and_shows_the_current_step(bot):
    step = await into_talk(bot)
    texts = bot.texts(await bot.command("plan"))
    assert texts == [bot.words("no_plan"), *step]


async def test_training_turns_notes_on_and_off(bot):
    step = await into_talk(bot)
    await bot.consented(role="trainee")  # notes are for trainees; see the test below
    calls = await bot.command("training")
    texts = bot.texts(calls)
    assert texts[0] == bot.words("training_on")
    assert [t for t in texts[1:] if not t.startswith(bot.words("note_prefix"))] == step
    assert any(t.startswith(bot.words("note_prefix")) for t in texts), "the current step comes with its note"
    texts = bot.texts(await bot.text("I keep drinking more than I planned"))
    assert any(t.startswith(bot.words("note_prefix")) for t in texts)
    texts = bot.texts(await bot.command("training"))
    assert texts[0] == bot.words("training_off")
    assert not any(t.startswith(bot.words("note_prefix")) for t in texts)


async def test_training_for_a_client_says_what_it_is_and_how_to_switch(bot):
    step = await into_talk(bot)
    texts = bot.texts(await bot.command("training"))
    assert texts == [bot.words("training_client"), *step]
    texts = bot.texts(await bot.text("I keep drinking more than I planned"))
    assert not any(t.startswith(bot.words("note_prefix")) for t in texts)


async def test_export_sends_the_words_then_two_documents(bot):
    await into_talk(bot)
    calls = await bot.command("export")
    done = [c for c in calls if c.ok and c.method in ("sendMessage", "sendDocument")]
    assert [c.method for c in done] == ["sendMessage", "sendDocument", "sendDocument"]
    assert done[0].params["text"] == bot.command_words("export")
    files = [c.params["document"] for c in done[1:]]
    assert all(isinstance(f, FileUpload) and f.size > 0 for f in files)
    assert sorted(f.filename.rsplit(".", 1)[-1] for f in files) == ["json", "txt"]


async def test_attachments_go_as_photos_or_documents_with_their_captions(bot):
    from bot.effects import Attachment

    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    await bot.transport.send_file(USER, Attachment("chart.png", png, "photo", "The last 14 days"))
    await bot.transport.send_file(USER, Attachment("plan.txt", b"my plan", "document", "For your therapist"))
    await bot.transport.send_file(USER, ("data.json", b"{}"))
    photo, plan, data = [c for c in bot.request.calls if c.method in ("sendPhoto", "sendDocument")]
    assert photo.method == "sendPhoto" and photo.params["caption"] == "The last 14 days"
    assert photo.params["photo"].size == len(png)
    assert plan.method == "sendDocument" and plan.params["document"].filename == "plan.txt"
    assert plan.params["caption"] == "For your therapist"
    assert data.method == "sendDocument" and "caption" not in data.params


async def test_delete_asks_first_then_erases_every_row_of_the_user(bot):
    await into_talk(bot)
    await bot.text("I drink to switch off after work")
    row_id = bot.user_row_id()
    assert row_id is not None and sum(bot.rows_of(row_id).values()) > 1
    calls = await bot.command("delete")
    ask = bot.sent(calls)[-1]
    assert [c.params["text"] for c in bot.sent(calls)][-1]
    assert ask.buttons, "deleting asks for a confirmation"
    assert sum(bot.rows_of(row_id).values()) > 1, "nothing is erased before the confirmation"
    confirm = bot.flowset.flows["delete"].states["confirm"].choices
    erase = next(c for c in confirm if c.id == "erase").label.render({})
    calls = await bot.press(erase)
    texts = bot.texts(calls)
    assert len(texts) == 1 and texts[0], "the goodbye is sent (directly: the outbox was erased too)"
    assert bot.rows_of(row_id) == {name: 0 for name in bot.rows_of(row_id)}
    assert bot.user_row_id() is None
    assert bot.outbox_count() == 0


async def test_reload_as_admin_reloads_and_registers_the_commands(bot, tmp_path):
    await bot.consented(ADMIN_ID)
    calls = await bot.command("reload", user=ADMIN_ID)
    texts = bot.texts(calls)
    assert len(texts) == 1 and texts[0].startswith("Reloaded: version")
    assert "setMyCommands" in methods(calls)


async def test_a_broken_reload_keeps_the_running_flows_and_lists_every_problem(tmp_path, recording_request):
    registry = copy_registry(tmp_path / "flows")
    async with OfflineBot(tmp_path, recording_request, flows_path=registry) as bot:
        version = bot.flowset.version
        talk = tmp_path / "flows" / "dialogs" / "talk.yaml"
        broken = talk.read_text().replace("next: reflect_concern", "next: reflect_concer", 1)
        broken = broken.replace("next: ask_experience", "next: nowhere", 1)
        talk.write_text(broken)
        texts = bot.texts(await bot.command("reload", user=ADMIN_ID))
        assert texts[0].startswith("Reload refused: ") and version in texts[0]
        body = "\n".join(texts)
        assert "reflect_concer" in body and "nowhere" in body
        assert "talk.yaml:" in body, "each problem says file:line"
        assert bot.companion.flowset.version == version
        step = await into_talk(bot)
        assert step, "the running flows still serve"


async def test_a_broken_crisis_screen_file_is_refused_on_reload_too(tmp_path, recording_request):
    registry = copy_registry(tmp_path / "flows", own_safety=True)
    async with OfflineBot(tmp_path, recording_request, flows_path=registry) as bot:
        safety = bot.companion.safety
        rules = tmp_path / "flows" / "dialogs" / "safety" / "rules.yaml"
        rules.write_text(rules.read_text() + "\n  - this: [is not\n")
        texts = bot.texts(await bot.command("reload", user=ADMIN_ID))
        assert texts[0].startswith("Reload refused: ")
        assert "rules.yaml:" in "\n".join(texts)
        assert bot.companion.safety is safety, "the running crisis screen stays"


async def test_stats_for_admins_only(bot):
    await into_talk(bot)
    texts = bot.texts(await bot.command("stats", user=ADMIN_ID))
    assert len(texts) == 1 and "users: " in texts[0]
    question = bot.texts(await bot.command("menu"))[-1]
    for name in ("stats", "reload"):
        texts = bot.texts(await bot.command(name))
        assert texts == [bot.words("unknown_command"), question], name


async def test_unknown_command_answers_kindly_and_shows_the_step(bot):
    step = await into_talk(bot)
    assert bot.texts(await bot.command("frobnicate")) == [bot.words("unknown_command"), *step]


async def test_commands_are_registered_without_staff_commands(bot):
    await bot.transport.register_commands()
    call = bot.request.calls_to("setMyCommands", ok=True)[-1]
    names = [c["command"] for c in call.params["commands"]]
    assert names == [c.name for c in bot.flowset.commands.values() if not c.staff]
    assert "reload" not in names and "stats" not in names
    assert all(c["description"] for c in call.params["commands"])


# ---------------------------------------------------------------------------------------------
# Every kind of update
# ---------------------------------------------------------------------------------------------


async def test_a_text_answer_is_reflected_and_the_flow_goes_on(bot):
    await into_talk(bot)
    texts = bot.texts(await bot.text("I drink too much at weekends"))
    assert any("weekends" in t for t in texts[:-1]), "the answer is reflected"
    assert "I drink" not in " ".join(texts), "reflected in the second person"


async def test_a_button_press_answers_the_query_removes_the_keyboard_and_shows_the_choice(bot):
    await bot.consented()
    menu = bot.sent(await bot.command("menu"))[-1]
    title = bot.flowset.flows["talk"].title
    calls = await bot.press(title)
    assert methods(calls)[:2] == ["answerCallbackQuery", "editMessageText"]
    answer = calls[0]
    assert answer.ok and answer.params.get("text") is None
    shown = next(m for m in bot.chat() if m.message_id == menu.result["message_id"])
    assert not shown.has_keyboard
    assert shown.text.endswith(bot.words("chosen_prefix") + title)
    assert bot.texts(calls), "the practice starts"


async def test_a_stale_button_is_answered_as_expired_and_the_current_step_shown_again(bot):
    await bot.consented()
    await bot.command("menu")
    old = bot.message_with(bot.flowset.flows["talk"].title)
    await bot.command("menu")  # a newer menu: the old keyboard is out of date
    current = bot.sent(await bot.command("menu"))[-1]
    calls = await bot.press(bot.flowset.flows["talk"].title, on=old)
    answer = next(c for c in calls if c.method == "answerCallbackQuery")
    assert answer.params.get("text") == bot.words("expired")
    texts = bot.texts(calls)
    assert texts[-1] == current.params["text"], "the current step again"
    assert bot.sent(calls)[-1].buttons, "with live buttons"
    old_now = next(m for m in bot.chat() if m.message_id == old.message_id)
    assert not old_now.has_keyboard, "the expired keyboard is taken away"
    conv = await conversation(bot)
    assert conv.flow == "menu", "nothing was chosen"


async def test_garbage_callback_data_is_stale_not_an_error(bot):
    await bot.consented()
    question = bot.texts(await bot.command("menu"))[-1]
    calls = await bot.send(bot.request.factory.callback("not-ours", user=user_json(USER)))
    assert calls[0].method == "answerCallbackQuery"
    assert bot.texts(calls)[-1] == question


async def test_an_edited_message_is_not_taken_as_an_answer(bot):
    step = await into_talk(bot)
    calls = await bot.send(bot.request.factory.edited_message("actually something else", 5, user=user_json(USER)))
    assert bot.texts(calls) == [bot.words("edited"), *step]


KINDS = {
    "sticker": lambda f, u: f.sticker(user=u),
    "photo": lambda f, u: f.photo(user=u, caption="my private photo caption"),
    "voice": lambda f, u: f.voice(user=u),
    "video": lambda f, u: f.video(user=u),
    "document": lambda f, u: f.document(user=u),
    "location": lambda f, u: f.location(user=u),
    "contact": lambda f, u: f.contact(user=u),
    "poll": lambda f, u: f.poll(user=u),
    "forwarded": lambda f, u: f.forwarded("words someone else wrote", user=u),
}


@pytest.mark.parametrize("kind", list(KINDS))
async def test_each_kind_of_message_gets_its_kind_answer_and_the_step_again(bot, kind):
    step = await into_talk(bot)
    before = await conversation(bot)
    calls = await bot.send(KINDS[kind](bot.request.factory, user_json(USER)))
    assert bot.texts(calls) == [bot.words(kind), *step]
    after = await conversation(bot)
    assert (after.flow, after.state, after.vars) == (before.flow, before.state, before.vars)


async def test_media_before_any_conversation_gets_the_answer_and_the_welcome(bot):
    calls = await bot.send(bot.request.factory.sticker(user=user_json(USER)))
    texts = bot.texts(calls)
    assert texts[0] == bot.words("sticker") and len(texts) > 1
    assert bot.sent(calls)[-1].buttons


async def test_group_chat_gets_the_private_only_answer_and_nothing_is_stored(bot):
    calls = await bot.send(bot.request.factory.group_text("hello bot", user=user_json(USER)))
    sent = bot.sent(calls)
    assert [c.params["text"] for c in sent] == [bot.words("private_only")]
    assert sent[0].params["chat_id"] < 0
    assert bot.sql("SELECT count(*) FROM users")[0][0] == 0
    assert bot.outbox_count() == 0


async def test_a_channel_post_gets_nothing(bot):
    calls = await bot.send(bot.request.factory.channel_post("news"))
    assert calls == []
    assert bot.sql("SELECT count(*) FROM users")[0][0] == 0


async def test_blocking_and_unblocking_the_bot_tracks_whether_the_user_is_reachable(bot):
    await into_talk(bot)

    def member(status: str) -> dict:
        bot_json = bot.request.core.bot
        user = user_json(USER)
        extra = {"until_date": 0} if status == "kicked" else {}
        return {
            "update_id": bot.request.factory.next_update_id(),
            "my_chat_member": {
                "chat": {"id": USER, "type": "private", "first_name": user["first_name"]},
                "from": user, "date": 1_700_000_000,
                "old_chat_member": {"status": "member", "user": bot_json},
                "new_chat_member": {"status": status, "user": bot_json, **extra},
            },
        }

    assert await bot.send(member("kicked")) == []
    assert bot.sql("SELECT active FROM users WHERE user_key = ?", f"tg:{USER}") == [(0,)]
    await bot.send(member("member"))
    assert bot.sql("SELECT active FROM users WHERE user_key = ?", f"tg:{USER}") == [(1,)]


# ---------------------------------------------------------------------------------------------
# The crisis screen in the middle of a flow
# ---------------------------------------------------------------------------------------------


async def test_a_crisis_message_mid_flow_gets_the_crisis_reply_first_and_go_back_resumes(bot, caplog):
    quiet_logs(caplog)
    step = await into_talk(bot)
    words = "my friend isn't breathing"
    calls = await bot.text(words)
    texts = bot.texts(calls)
    verdict = bot.companion.safety.screen(words)
    reply = bot.companion.safety.crisis_reply(verdict, "GB")
    assert texts[: len(reply)] == reply, "the crisis reply comes before anything else"
    assert any("999" in t for t in reply) and any("naloxone" in t.lower() for t in reply)
    offer = bot.sent(calls)[-1]
    crisis = bot.flowset.flows[bot.flowset.crisis]
    labels = [c.label.render({}) for c in crisis.states["offer"].choices]   # after the reply
    assert bot.labels(offer) == labels
    conv = await conversation(bot)
    assert conv.flow == bot.flowset.crisis and conv.paused is not None and conv.paused.flow == "talk"
    events = (await bot.store.export_user(f"tg:{USER}"))["safety_events"]  # (sealed in the table)
    assert [e["category"] for e in events] == [verdict.category]

    go_back = next(c for c in crisis.states["offer"].choices if c.id == "go_on").label.render({})
    texts = bot.texts(await bot.press(go_back))
    assert texts[-len(step):] == step, "back to the very step the client was on"
    texts = bot.texts(await bot.text("I worry about how much I use"))
    assert any("you worry about how much you use" in t.lower() for t in texts)
    assert words not in caplog.text and "worry about" not in caplog.text


# ---------------------------------------------------------------------------------------------
# Failures: the user never sees a traceback, the log never sees their words
# ---------------------------------------------------------------------------------------------


async def test_a_store_error_gets_the_apology_and_the_current_step(bot, caplog):
    quiet_logs(caplog)
    step = await into_talk(bot)
    with sqlite3.connect(bot.db_path) as conn:
        conn.execute("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                     "BEGIN SELECT RAISE(ABORT, 'the disk said no'); END")
    secret = "my secret answer about heroin"
    calls = await bot.text(secret)
    texts = bot.texts(calls)
    assert texts == [bot.words("error"), *step]
    assert not any("Traceback" in t or "Error" in t for t in texts)
    assert secret not in caplog.text and "heroin" not in caplog.text
    assert "IntegrityError" in caplog.text or "OperationalError" in caplog.text, "the log names the error"
    with sqlite3.connect(bot.db_path) as conn:
        conn.execute("DROP TRIGGER fail_outbox")
    texts = bot.texts(await bot.text("I drink to relax"))
    assert any("you drink to relax" in t.lower() for t in texts), "nothing was half-saved; the flow goes on"


async def test_a_bug_in_the_pipeline_gets_the_apology_and_the_current_step(bot, caplog, monkeypatch):
    quiet_logs(caplog)
    step = await into_talk(bot)

    def broken(text):
        raise RuntimeError(f"could not screen {text!r}")

    monkeypatch.setattr(type(bot.companion.safety), "screen", lambda self, text: broken(text))
    calls = await bot.text("words about cocaine nobody may log")
    assert bot.texts(calls) == [bot.words("error"), *step]
    assert "cocaine" not in caplog.text
    assert "RuntimeError" in caplog.text


async def test_a_database_that_is_briefly_away_loses_nothing(tmp_path, recording_request, caplog):
    quiet_logs(caplog)
    async with OfflineBot(tmp_path, recording_request, retry_for=0.2) as bot:
        step = await into_talk(bot)
        update = bot.request.factory.text("I use when I can't sleep", user=user_json(USER))
        other = sqlite3.connect(bot.db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            from bot.telegram.transport import NotCommitted
            with pytest.raises(NotCommitted):
                await bot.transport.process(bot.request.update(update, bot.application.bot))
        finally:
            other.execute("ROLLBACK")
            other.close()
        calls = await bot.send(update)  # Telegram sends it again
        texts = bot.texts(calls)
        assert any("you use when you can't sleep" in t.lower() for t in texts)
        again = await bot.send(update)  # and once more: a no-op
        assert bot.texts(again) == []
        assert "sleep" not in caplog.text


# ---------------------------------------------------------------------------------------------
# Telegram's faults
# ---------------------------------------------------------------------------------------------


async def test_429_puts_the_chats_messages_back_until_retry_after_and_nothing_is_dropped(
        tmp_path, recording_request):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        bot.application.bot.rate_limiter._clock = lambda: clock.now.timestamp()
        await into_talk(bot)
        bot.request.fail_next("sendMessage", "429", retry_after=1)
        calls = await bot.text("I drink because I'm bored")
        sends = [c for c in calls if c.method == "sendMessage"]
        assert [c.status for c in sends] == [429], "not retried inside the call"
        waiting = bot.outbox_count()
        assert waiting >= 2, "the message and the ones after it wait, in order"
        assert await bot.transport.drain_outbox() == 0, "not before retry_after"
        clock.now += timedelta(seconds=2)  # past retry_after for the outbox and the limiter
        before = len(bot.request.calls)
        assert await bot.transport.drain_outbox() == waiting
        resent = bot.request.calls[before:]
        assert resent[0].params["text"] == sends[0].params["text"]
        assert len(bot.texts(resent)) == waiting and bot.outbox_count() == 0


async def test_403_marks_the_user_inactive_and_nothing_more_is_sent(bot):
    await into_talk(bot)
    bot.request.block(USER)
    calls = await bot.text("I drink because I'm lonely")
    sends = [c for c in calls if c.method == "sendMessage"]
    assert len(sends) == 1 and sends[0].status == 403, "no more sends after the first 403"
    assert bot.sql("SELECT active FROM users WHERE user_key = ?", f"tg:{USER}") == [(0,)]
    assert bot.outbox_count() == 0
    before = len(bot.request.calls)
    assert await bot.transport.drain_outbox() == 0
    assert await bot.transport.run_due_jobs() == 0
    assert [c for c in bot.request.calls[before:] if c.method == "sendMessage"] == []


async def test_a_blocked_user_who_comes_back_is_answered_again(bot):
    await into_talk(bot)
    bot.request.block(USER)
    await bot.text("first words")
    bot.request.core.blocked.discard(USER)
    texts = bot.texts(await bot.command("menu"))
    assert texts, "writing to the bot again makes the user reachable"
    assert bot.sql("SELECT active FROM users WHERE user_key = ?", f"tg:{USER}") == [(1,)]


class Clock:
    def __init__(self):
        self.now = datetime.now(timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize("fault", ["500", "502", "timeout"])
async def test_5xx_and_timeouts_leave_the_message_in_the_outbox_for_later(tmp_path, recording_request, fault):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, configure_store={"clock": clock}) as bot:
        bot.transport.clock = clock
        await into_talk(bot)
        bot.request.fail_next("sendMessage", fault)
        calls = await bot.text("I drink when I'm with my brother")
        assert bot.texts(calls) == [], "the first message failed, the rest wait behind it in order"
        waiting = bot.outbox_count()
        assert waiting >= 2
        assert await bot.transport.drain_outbox() == 0, "not before the retry time"
        clock.now += timedelta(seconds=60)
        before = len(bot.request.calls)
        assert await bot.transport.drain_outbox() == waiting
        texts = bot.texts(bot.request.calls[before:])
        assert len(texts) == waiting and "brother" in texts[0]
        assert bot.outbox_count() == 0


async def test_a_message_over_4096_characters_is_split(bot):
    await into_talk(bot)
    answer = ("I keep going round in circles about it " * 110)[:4090]
    calls = await bot.text(answer)
    sent = bot.sent(calls)
    lengths = [len(c.params["text"]) for c in sent]
    assert all(n <= 4096 for n in lengths)
    long_parts = [c for c in sent if "circles" in c.params["text"]]
    # a long answer comes back condensed (issue 13), in one message, its repeats said once
    assert [c.params["text"] for c in long_parts] == [
        "So you keep going round in circles about it."]
    assert bot.outbox_count() == 0


# ---------------------------------------------------------------------------------------------
# Order: one chat in order, chats in parallel (through the Application's update processor)
# ---------------------------------------------------------------------------------------------


async def test_updates_of_a_chat_are_handled_in_order_while_chats_run_in_parallel(bot):
    users = [2001, 2002, 2003]
    for user in users:
        await into_talk(bot, user)
    app = bot.application
    await app.start()
    try:
        for step in (1, 2):
            for user in users:
                data = bot.request.factory.text(f"answer{step}of{user} matters", user=user_json(user))
                await app.update_queue.put(bot.request.update(data, app.bot))

        def done() -> bool:
            return all(sum(f"answer2of{u}" in t for t in bot.request.sent_texts(u)) >= 1 for u in users)

        await bot.request.core.notifier.wait_until(done, 10)
    finally:
        await app.stop()
    for user in users:
        texts = bot.request.sent_texts(user)
        first = [i for i, t in enumerate(texts) if f"answer1of{user}" in t]
        second = [i for i, t in enumerate(texts) if f"answer2of{user}" in t]
        assert len(first) == 1 and len(second) == 1 and first[0] < second[0], texts


# ---------------------------------------------------------------------------------------------
# Timed steps
# ---------------------------------------------------------------------------------------------


@pytest.fixture
async def timed_bot(tmp_path, recording_request, timed_registry):
    clock = Clock()
    async with OfflineBot(tmp_path, recording_request, flows_path=timed_registry, configure_store={"clock": clock}) as bot:
        bot.clock = clock
        bot.transport.clock = clock
        yield bot


async def test_a_timed_step_shows_typing_then_goes_on_by_itself(timed_bot):
    bot = timed_bot
    await bot.consented()
    texts = bot.texts(await bot.command("timed"))
    assert texts == ["Breathe in slowly. I'll be back in a moment."]
    assert bot.transport.jobs_changed.is_set(), "the job loop is told at once"
    assert bot.texts(await bot.text("hello?")) == [bot.words("waiting")]
    assert await bot.transport.run_due_jobs() == 0, "not due yet"
    assert 0 < await bot.transport.next_job_in(60) <= 1
    bot.clock.now += timedelta(seconds=2)
    before = len(bot.request.calls)
    assert await bot.transport.run_due_jobs() == 1
    calls = bot.request.calls[before:]
    assert methods(calls) == ["sendChatAction", "sendMessage"], "typing before the timed sequence"
    assert calls[0].params["action"] == "typing" and calls[1].params["text"] == "How was that?"
    assert await bot.transport.run_due_jobs() == 0, "a job fires once"
    assert bot.texts(await bot.text("calmer")) == ["Thank you."]


async def test_a_timed_step_due_while_the_bot_was_down_goes_on_after_a_restart(timed_bot):
    bot = timed_bot
    await bot.consented()
    await bot.command("timed")
    bot.clock.now += timedelta(seconds=30)  # the process was gone meanwhile
    restarted = attach(build_application(bot.settings, request=bot.request, rate_limiter=unpaced_limiter()), bot.companion, bot.settings,
                       bot.flows_path)
    restarted.clock = bot.clock
    await restarted.application.initialize()
    try:
        before = len(bot.request.calls)
        assert await restarted.run_due_jobs() == 1
        assert bot.texts(bot.request.calls[before:]) == ["How was that?"]
    finally:
        await restarted.application.shutdown()


async def test_the_job_loop_runs_a_timed_step_when_it_is_due(tmp_path, recording_request, timed_registry):
    from bot.telegram.main import run_jobs_forever

    async with OfflineBot(tmp_path, recording_request, flows_path=timed_registry) as bot:
        await bot.consented()
        stop = asyncio.Event()
        loop = asyncio.create_task(run_jobs_forever(bot.transport, stop))
        try:
            await bot.command("timed")  # due in one second (real time)
            call = await bot.request.wait_for_call("sendMessage", lambda c: c.params["text"] == "How was that?", 10)
            assert call.ok
        finally:
            stop.set()
            await asyncio.wait_for(loop, 5)


# ---------------------------------------------------------------------------------------------
# Acknowledging Telegram only after the commit (webhook answer, polling offset)
# ---------------------------------------------------------------------------------------------


class WriteLock:
    """Another process holding the SQLite write lock: turns cannot commit meanwhile."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


async def test_the_webhook_answers_200_only_after_the_commit(tmp_path, recording_request):
    import httpx

    from bot.telegram.main import webhook_app
    from bench.drivers.telegram.fake_server import free_port

    async with OfflineBot(tmp_path, recording_request, retry_for=0.2) as bot:
        await into_talk(bot)
        port = free_port()
        server = webhook_app(bot.application, bot.transport, bot.companion, "/telegram", "s3cret").listen(
            port, address="127.0.0.1")
        url = f"http://127.0.0.1:{port}/telegram"
        update = bot.request.factory.text("I drink when I feel left out", user=user_json(USER))
        try:
            async with httpx.AsyncClient(verify=tls_context(), timeout=20) as http:
                before = len(bot.request.calls)
                assert (await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "no"})).status_code == 403
                assert (await http.post(url, json=update)).status_code == 403
                assert bot.request.calls[before:] == [], "nothing processed without the secret"

                lock = WriteLock(bot.db_path)
                try:
                    answer = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
                finally:
                    lock.release()
                assert answer.status_code == 503, "not committed: Telegram must send it again"
                assert bot.texts(bot.request.calls[before:]) == []

                for attempt in range(2):  # Telegram's redelivery, then a duplicate of it
                    before = len(bot.request.calls)
                    answer = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
                    assert answer.status_code == 200
                    texts = bot.texts(bot.request.calls[before:])
                    if attempt == 0:
                        assert any("you feel left out" in t for t in texts), "sent before the 200"
                    else:
                        assert texts == []
                health = await http.get(f"http://127.0.0.1:{port}/healthz")
                assert health.status_code == 200 and health.json() == {"ok": True, "flows": bot.flowset.version}
        finally:
            server.stop()


async def test_polling_confirms_only_committed_updates(tmp_path, recording_request, fake_bot_api):

    server = fake_bot_api
    async with OfflineBot(tmp_path, recording_request, retry_for=0.2) as bot:
        async with polling(bot, server, (USER,)):
            menu = server.user_sends_text(USER, "/menu")
            await server.wait_for_message(USER, lambda m: m.has_keyboard, after=menu, timeout=10)
            await server.wait_until_confirmed(menu, timeout=10)  # its turn is over, marks included
            lock = WriteLock(bot.db_path)
            try:
                action = server.user_sends_text(USER, "/help")
                # the batch fails to commit; the next getUpdates asks for the same update again
                await server.wait_for_call("getUpdates", lambda c: c.params.get("offset") == action.update_id
                                           and c.status is not None and c.result, timeout=15)
                assert action.update_id in server.pending_updates()
                assert server.messages_to(USER)[-1].has_keyboard, "no answer yet"
            finally:
                lock.release()
            await server.wait_for_message(USER, lambda m: m.text == bot.command_words("help"), after=action, timeout=15)
            await server.wait_until_confirmed(action, timeout=15)
            texts = [m.text for m in server.messages_to(USER)]
            assert texts.count(bot.command_words("help")) == 1


async def test_a_conversation_started_on_older_flows_goes_on_after_a_restart_with_new_ones(tmp_path, recording_request):
    """A deploy with edited flows: conversations under way keep the version they started on."""
    new = copy_registry(tmp_path / "new")  # the shipped flows, then these
    talk = tmp_path / "new" / "dialogs" / "talk.yaml"
    talk.write_text(talk.read_text() + "\n# an edit\n")
    async with OfflineBot(tmp_path, recording_request) as before:
        await into_talk(before)
        version = before.flowset.version
    async with OfflineBot(tmp_path, recording_request, flows_path=new) as after:
        assert after.flowset.version != version
        texts = after.texts(await after.text("I drink to get through the evening"))
        assert texts and texts[0] != after.words("error")
        assert any("you drink to get through the evening" in t.lower() for t in texts)
        assert (await conversation(after)).version == version


async def test_daily_upkeep_purges_conversations_past_the_retention_setting(tmp_path, recording_request):
    from dataclasses import replace

    from bot.telegram.main import maintain

    async with OfflineBot(tmp_path, recording_request) as bot:
        await bot.command("start", user=USER)
        assert bot.sql("SELECT count(*) FROM conversations") == [(1,)]
        assert await maintain(bot.companion, bot.settings) == 0  # retention off: conversations stay
        bot.sql("UPDATE conversations SET updated_at = '2000-01-01 00:00:00.000000'")
        assert await maintain(bot.companion, replace(bot.settings, retention_days=30)) >= 1
        assert bot.sql("SELECT count(*) FROM conversations") == [(0,)]
