"""The benchmark scenarios, shared by telegram_bench.py, compare_bench.py and tests/bench.

Each scenario is one way of answering a client going through 'Talk it through' (the same nine
updates: /menu, the menu button, typed answers and button presses), all driven the same way:

* :class:`EchoBench` — the floor: a bare python-telegram-bot Application with one
  MessageHandler doing one ``send_message`` per update (no storage).
* :class:`PtbBench` — what a PTB developer would write: the flow hand-written with
  ``ConversationHandler`` and ``PicklePersistence`` (:func:`build_ptb_talk`). The pickle is
  written every ``update_interval`` (60 s by default) and on shutdown: not durable per turn.
* :class:`BotBench` — this project: ``build_application`` + ``attach`` with the real Companion
  (flows.yaml, the crisis screen) on the real Store (SQLite ``synchronous=FULL`` or
  PostgreSQL): one transaction per turn, messages through the outbox.
* :class:`RawSqliteBench` — the storage floor: plain ``sqlite3`` reading and upserting the same
  conversation state (the same bytes our store writes) and committing, WAL + ``synchronous=FULL``.

The Telegram scenarios get their updates through ``Application.process_update`` with a
RecordingRequest (every request answered like Telegram and checked against the Bot API
description, no sockets). A scenario has ``steps`` and four methods: ``new_chat()`` (a new
client, set up untimed), ``update_for(user, step)`` (untimed), ``turn(update)`` (the timed part)
and ``end_chat(user)``; :func:`sequential`, :func:`concurrent` and :func:`paced` drive any of
them.
"""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FLOWS = ROOT / "flows.yaml"
ANSWERS = ("I drink more than I want to at weekends", "it feels heavy, and I'm tired of it",
           "my job keeps coming up when I think about it")

Step = tuple[str, str]  # ('text', words) / ('press', label)


def emit(name: str, value: Any, unit: str = "") -> None:
    print(f"{name}: {value}{(' ' + unit) if unit else ''}", flush=True)


def pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# -- the talk flow, as steps ----------------------------------------------------------------------


def talk_steps(flowset) -> list[Step]:
    """('text', words) / ('press', label): a client going through 'Talk it through'."""
    talk = flowset.flows["talk"]

    def label(state: str, choice: str | int) -> str:
        choices = talk.states[state].choices
        picked = choices[choice] if isinstance(choice, int) else next(c for c in choices if c.id == choice)
        return picked.label.render({})

    return [
        ("text", "/menu"), ("press", talk.title), ("text", ANSWERS[0]), ("text", ANSWERS[1]),
        ("press", label("ask_meaning", 0)), ("press", label("complex", "yes")), ("text", ANSWERS[2]),
        ("press", label("summary", "done")), ("press", label("thanks", "done")),
    ]


# The same steps without reading the flows (the PTB program and raw sqlite3 need no flow set).
TALK_STEPS: list[Step] = [
    ("text", "/menu"), ("press", "Talk it through"), ("text", ANSWERS[0]), ("text", ANSWERS[1]),
    ("press", "Relief from a feeling"), ("press", "Yes, that's it"), ("text", ANSWERS[2]),
    ("press", "That's it"), ("press", "That's enough for now"),
]


def stored_states(flowset, steps: Sequence[Step] | None = None) -> list[dict[str, Any]]:
    """The conversation state our store keeps after each step (the engine's JSON), for the
    raw sqlite3 floor to write the same bytes."""
    from bot.engine import Engine, Pick, Text

    engine = Engine(flowset)
    context = {"training": False, "role": "client", "first_name": "", "country": "GB",
               "consent": "yes", "favourites": {}}
    steps = list(steps or talk_steps(flowset))
    turn = engine.start(flowset.home, context)  # /menu
    states = [turn.conversation.to_json()]
    for kind, what in steps[1:]:
        if kind == "press":
            ask = turn.outputs[-1]
            event: Any = Pick(next(b for b in ask.buttons if b.label == what).data, ask.rev)
        else:
            event = Text(what)
        turn = engine.step(turn.conversation, event, context)
        states.append(turn.conversation.to_json())
    return states


# -- drivers ----------------------------------------------------------------------------------------


async def sequential(bench, n: int) -> list[float]:
    """``n`` turns: clients going through the flow one after another (each turn timed)."""
    times: list[float] = []
    while len(times) < n:
        user = await bench.new_chat()
        for step in bench.steps:
            update = bench.update_for(user, step)
            start = time.perf_counter()
            await bench.turn(update)
            times.append(time.perf_counter() - start)
        bench.end_chat(user)
    return times[:n]


async def concurrent(bench, chats: int, steps: int | None = None) -> tuple[list[float], float]:
    """``chats`` clients at once (asyncio.gather), each going through its turns in order, the
    next message arriving as soon as the reply to the last one is out. A turn's latency runs
    from its message's arrival (all first messages arrive together) to its reply, so it counts
    the wait behind other chats' turns. Returns (latencies, wall seconds)."""
    users = [await bench.new_chat() for _ in range(chats)]
    plan = list(bench.steps[:steps] if steps else bench.steps)
    first = [bench.update_for(user, plan[0]) for user in users]
    times: list[float] = []

    async def chat(user: int, update: Any) -> None:
        arrived = start
        for index, step in enumerate(plan):
            if index:
                update = bench.update_for(user, step)
                arrived = time.perf_counter()
            await bench.turn(update)
            times.append(time.perf_counter() - arrived)

    start = time.perf_counter()
    await asyncio.gather(*(chat(user, update) for user, update in zip(users, first)))
    wall = time.perf_counter() - start
    for user in users:
        bench.end_chat(user)
    return times, wall


async def paced(bench, chats: int, steps: int | None = None, think: tuple[float, float] = (1.0, 2.0),
                seed: int = 8) -> tuple[list[float], float]:
    """``chats`` clients at once, each writing again ``think`` seconds (uniform, seeded) after
    the bot's reply, the first messages spread over the first pause: a busy evening rather than
    everyone waiting at once. A turn's latency runs from when its message was due (not from
    when the event loop got round to it), so time spent queueing behind other chats counts.
    Returns (latencies, wall seconds)."""
    import random

    rng = random.Random(seed)
    users = [await bench.new_chat() for _ in range(chats)]
    plan = list(bench.steps[:steps] if steps else bench.steps)
    pauses = {user: [rng.uniform(0, think[1])] + [rng.uniform(*think) for _ in plan[1:]] for user in users}
    times: list[float] = []
    loop = asyncio.get_running_loop()

    async def chat(user: int) -> None:
        due = start
        for step, pause in zip(plan, pauses[user]):
            update = bench.update_for(user, step)  # the client reads the reply and writes
            due += pause
            await asyncio.sleep(max(0.0, due - loop.time()))
            await bench.turn(update)
            done = loop.time()
            times.append(done - due)
            due = done

    start = loop.time()
    await asyncio.gather(*(chat(user) for user in users))
    wall = loop.time() - start
    for user in users:
        bench.end_chat(user)
    return times, wall


# -- Telegram scenarios: updates through a RecordingRequest -----------------------------------------


class _Chats:
    """Builds the updates of a step for scenarios behind a RecordingRequest (``self.request``,
    ``self.application``): a press finds the bot's last message with that button."""

    request: Any
    application: Any
    steps: list[Step]
    next_user: int

    def update_for(self, user: int, step: Step):
        from bench.drivers.telegram.simulator import message_json
        from bench.drivers.telegram.updates import user_json

        kind, what = step
        factory, core = self.request.factory, self.request.core
        if kind == "text":
            if what.startswith("/"):
                data = factory.command(what[1:], user=user_json(user))
            else:
                data = factory.text(what, user=user_json(user))
        else:
            message = next(m for m in reversed(list(core.messages.get(user, {}).values())) if what in m.labels)
            data = factory.callback(message.data_for(what), message=message_json(message, core.bot),
                                    user=user_json(user))
        return self.request.update(data, self.application.bot)

    async def turn(self, update) -> None:
        await self.application.process_update(update)

    async def new_chat(self) -> int:
        user = self.next_user
        self.next_user += 1
        return user

    requests = 0  # Bot API calls made by the chats ended so far

    def end_chat(self, user: int) -> None:
        if self.request.violations():
            raise SystemExit(f"requests Telegram would refuse: {self.request.violations()[:3]}")
        self.requests += len(self.request.core.calls)
        self.request.core.calls.clear()
        self.request.core.messages.pop(user, None)


class EchoBench(_Chats):
    """The floor: one MessageHandler, one send_message per update, nothing stored."""

    def __init__(self, schema=None, first_user: int = 1):
        from telegram import Update
        from telegram.ext import MessageHandler, filters

        from bench.drivers.telegram.recording import RecordingRequest, offline_application

        self.request = RecordingRequest(schema=schema)
        self.application = offline_application(self.request)
        self.steps = [("text", ANSWERS[i % 3]) for i in range(len(TALK_STEPS))]
        self.next_user = first_user

        async def echo(update: Update, context) -> None:
            await context.bot.send_message(update.effective_chat.id, update.message.text)

        self.application.add_handler(MessageHandler(filters.TEXT, echo))

    async def start(self) -> None:
        await self.application.initialize()

    async def stop(self) -> None:
        await self.application.shutdown()

    async def run(self, n: int, user: int) -> list[float]:
        """``n`` updates from one user (the echo has no flow)."""
        times = []
        factory, bot = self.request.factory, self.application.bot
        from bench.drivers.telegram.updates import user_json

        for i in range(n):
            update = self.request.update(factory.text(ANSWERS[i % 3], user=user_json(user)), bot)
            start = time.perf_counter()
            await self.application.process_update(update)
            times.append(time.perf_counter() - start)
        self.request.core.calls.clear()
        self.request.core.messages.clear()
        return times


class BotBench(_Chats):
    """Our bot: the real Application, Companion and Store, flood limiter off."""

    def __init__(self, schema, tmp: Path, flowset, safety, *, database_url: str | None = None,
                 data_key: str | None = None, first_user: int = 10_000, settle: bool = False):
        from bot.settings import Settings
        from bench.drivers.telegram.recording import RecordingRequest
        from bench.drivers.telegram.updates import TOKEN

        self.request = RecordingRequest(schema=schema)
        self.settings = Settings(token=TOKEN, database_url=database_url or f"sqlite:///{tmp / 'bench.db'}",
                                 data_key=data_key)
        self.flowset, self.safety = flowset, safety
        self.steps = talk_steps(flowset)
        self.next_user = first_user
        self.requests = 0
        self.settle = settle  # as `between run` does before serving (not in a test's process)

    async def start(self) -> None:
        from bot.app import Companion
        from bot.telegram.main import attach, build_application, settle_memory
        from persistence import Store

        self.store = await Store.open(self.settings.database_url, data_key=self.settings.data_key)
        self.companion = Companion(self.flowset, self.store, self.safety)
        await self.companion.prepare()
        self.application = build_application(self.settings, request=self.request, rate_limiter=None)
        self.transport = attach(self.application, self.companion, self.settings, str(FLOWS))
        await self.application.initialize()
        if self.settle:
            settle_memory()

    async def stop(self) -> None:
        await self.application.shutdown()
        await self.store.close()

    async def consent(self, user: int) -> None:
        async with self.store.turn(f"tg:{user}") as t:
            t.update_profile(consent=True, country="GB")

    async def new_chat(self) -> int:
        user = await super().new_chat()
        await self.consent(user)  # past the welcome (consent, country): as a returning client
        return user

    async def run(self, n: int) -> list[float]:
        """``n`` turns: clients going through the flow one after another."""
        return await sequential(self, n)


# -- what a PTB developer would write ---------------------------------------------------------------

MENU_TEXT = "What would you like to do? /practices says what each one is, and /stop stops any practice."
MENU_ROWS = [[("Quick help now", "sober"), ("Talk it through", "talk")],
             [("Urge surfing", "urge"), ("Unwrap the urge", "unwrap")],
             [("Look back at one time", "micro")],
             [("Two sides", "sides"), ("Set a goal", "goals")],
             [("Alternatives", "alternatives")],
             [("My Optimal Use Plan", "plan")]]
MEANINGS = [("Relief from a feeling", "it takes the edge off something that's hard to feel"),
            ("A way to unwind", "it's how I give myself permission to stop for a while"),
            ("Pleasure or fun", "it's one of the few things that feels good right now"),
            ("Feeling connected", "it helps me feel less on my own with people"),
            ("Confidence", "it quiets the part of me that doubts myself"),
            ("Sleep", "it's the way I've found to switch my mind off at night"),
            ("Energy or focus", "it helps me keep going when I'm running on empty"),
            ("Something else", "something that's hard to name")]
MEANING_ROWS = [[0], [1, 2], [3], [4, 5], [6, 7]]


def build_ptb_talk(persistence_path: Path | str, *, request=None, token: str | None = None, safety=None):
    """'Talk it through' as a PTB developer would write it: one ConversationHandler, the state
    and the client's answers (``user_data``) in a PicklePersistence with its defaults (written
    every 60 s and on shutdown), the same texts and buttons as dialogs/talk.yaml. ``safety``
    (our crisis screen, optional) screens free text first, as the product requires.

    ``request``: a RecordingRequest (benchmarks, tests); then there is no Updater."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import (ApplicationBuilder, ApplicationHandlerStop, CallbackQueryHandler,
                              CommandHandler, ContextTypes, ConversationHandler, MessageHandler,
                              PicklePersistence, filters)
    from telegram.warnings import PTBUserWarning

    from bot.engine.reflection import reflect, summary  # the same reflections, so the texts match ours

    warnings.filterwarnings("ignore", category=PTBUserWarning)  # per_message=False with buttons: as meant
    (MENU, CONCERN, EXPERIENCE, MEANING, CONFIRM, CORRECTION, MORE, SUMMARY, ADDITION,
     WHAT_NEXT) = range(10)
    text_only = filters.TEXT & ~filters.COMMAND

    def keyboard(rows) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                     for row in rows])

    menu_keyboard = keyboard(MENU_ROWS)
    meaning_keyboard = keyboard([[(MEANINGS[i][0], f"meaning:{i}") for i in row] for row in MEANING_ROWS])
    confirm_keyboard = keyboard([[("Yes, that's it", "yes"), ("Not quite", "not_quite")]])
    summary_keyboard = keyboard([[("Add something", "add"), ("That's it", "done")]])
    next_keyboard = keyboard([[("Another practice", "menu")], [("That's enough for now", "done")]])

    async def say(update: Update, *texts: str, reply_markup=None) -> None:
        for index, text in enumerate(texts):
            await update.effective_chat.send_message(
                text, reply_markup=reply_markup if index == len(texts) - 1 else None)

    async def chosen(update: Update) -> str:
        """Stop the spinner, show the chosen answer under the question, take the buttons away."""
        query = update.callback_query
        await query.answer()
        label = next(button.text for row in query.message.reply_markup.inline_keyboard
                     for button in row if button.callback_data == query.data)
        await query.edit_message_text(f"{query.message.text}\n\n✓ {label}")
        return query.data

    async def screen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        verdict = safety.screen(update.message.text) if update.message.text.strip() else None
        if verdict is not None:
            await say(update, *safety.crisis_reply(verdict, context.user_data.get("country", "GB")))
            raise ApplicationHandlerStop

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        if update.callback_query:
            await chosen(update)
        await say(update, MENU_TEXT, reply_markup=menu_keyboard)
        return MENU

    async def talk(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await chosen(update)
        context.user_data["talk"] = {}
        await say(update, "Thanks for making some time for this. There's no right or wrong here, and you can "
                          "stop whenever you like.", "What's on your mind about your use today?")
        return CONCERN

    async def concern(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["talk"]["concern"] = update.message.text
        await say(update, f"{reflect(update.message.text, 'So')}.", "What's that like for you?")
        return EXPERIENCE

    async def experience(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["talk"]["experience"] = update.message.text
        await say(update, reflect(update.message.text, "You're noticing that") + ".",
                  "Use often gives people something, as well as costing them. Which of these is closest to "
                  "what it gives you?", reply_markup=meaning_keyboard)
        return MEANING

    async def meaning(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        data = await chosen(update)
        value = MEANINGS[int(data.split(":")[1])][1]
        context.user_data["talk"]["meaning"] = value
        await say(update, f"I wonder if {reflect(value)}. Is that close?", reply_markup=confirm_keyboard)
        return CONFIRM

    async def confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await chosen(update)
        await say(update, "Thank you for putting that into words. It isn't always easy to look at what use "
                          "gives us.", "What else comes up when you think about it?")
        return MORE

    async def not_quite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await chosen(update)
        await say(update, "Thanks for setting me straight — you know this better than I do. How would you put it?")
        return CORRECTION

    async def correction(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["talk"]["meaning"] = update.message.text
        await say(update, f"Thank you. {reflect(update.message.text, 'In your words, then:')}.",
                  "What else comes up when you think about it?")
        return MORE

    async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        answers = context.user_data["talk"]
        answers["more"] = update.message.text
        await say(update, f"{reflect(answers['more'], 'And')}.",
                  f"Let me see if I've got the heart of it. {summary(answers['concern'])}. Part of what "
                  f"it gives you: {reflect(answers['meaning'])}.",
                  "Did I miss anything important?", reply_markup=summary_keyboard)
        return SUMMARY

    async def add(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await chosen(update)
        await say(update, "Go ahead — what would you like to add?")
        return ADDITION

    async def addition(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["talk"]["addition"] = update.message.text
        await say(update, f"Thank you. {reflect(update.message.text, 'And')}.")
        return await thanks(update, context)

    async def thanks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        if update.callback_query:
            await chosen(update)
        await say(update, "Thank you for talking it through. Noticing and naming this is real work.",
                  "What would you like to do now?", reply_markup=next_keyboard)
        return WHAT_NEXT

    async def goodbye(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await chosen(update)
        await say(update, "Take care of yourself. I'm here whenever you want to practise — just send /menu.")
        return ConversationHandler.END

    async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await say(update, "Stopped. Send /menu whenever you like.")
        return ConversationHandler.END

    builder = ApplicationBuilder().token(token or _token()).persistence(PicklePersistence(filepath=persistence_path))
    if request is not None:
        builder = builder.request(request).get_updates_request(request).updater(None)
    application = builder.build()
    if safety is not None:
        application.add_handler(MessageHandler(text_only, screen), group=-1)
    application.add_handler(ConversationHandler(
        entry_points=[CommandHandler(["menu", "start"], menu)],
        states={
            MENU: [CallbackQueryHandler(talk, pattern="^talk$")],
            CONCERN: [MessageHandler(text_only, concern)],
            EXPERIENCE: [MessageHandler(text_only, experience)],
            MEANING: [CallbackQueryHandler(meaning, pattern="^meaning:")],
            CONFIRM: [CallbackQueryHandler(confirmed, pattern="^yes$"),
                      CallbackQueryHandler(not_quite, pattern="^not_quite$")],
            CORRECTION: [MessageHandler(text_only, correction)],
            MORE: [MessageHandler(text_only, more)],
            SUMMARY: [CallbackQueryHandler(add, pattern="^add$"), CallbackQueryHandler(thanks, pattern="^done$")],
            ADDITION: [MessageHandler(text_only, addition)],
            WHAT_NEXT: [CallbackQueryHandler(menu, pattern="^menu$"), CallbackQueryHandler(goodbye, pattern="^done$")],
        },
        fallbacks=[CommandHandler("menu", menu), CommandHandler("stop", stop)],
        name="talk",
        persistent=True,
    ))
    return application


def _token() -> str:
    from bench.drivers.telegram.updates import TOKEN

    return TOKEN


# The ConversationHandler's state after each step of TALK_STEPS (None: the conversation ended).
PTB_STATES = [0, 1, 2, 3, 4, 6, 7, 9, None]


class PtbBench(_Chats):
    """The hand-written PTB program, started as in production (its persistence task runs)."""

    def __init__(self, schema, tmp: Path, *, safety=None, first_user: int = 10_000):
        from bench.drivers.telegram.recording import RecordingRequest

        self.request = RecordingRequest(schema=schema)
        self.path = tmp / "ptb_talk.pickle"
        self.application = build_ptb_talk(self.path, request=self.request, safety=safety)
        self.steps = list(TALK_STEPS)
        self.next_user = first_user
        self.requests = 0

    async def start(self) -> None:
        await self.application.initialize()
        await self.application.start()  # the persistence updater: every update_interval (60 s)

    async def flush(self) -> float:
        """Write what changed to the pickle now (what the 60 s timer does); its seconds."""
        start = time.perf_counter()
        await self.application.update_persistence()
        return time.perf_counter() - start

    async def stop(self) -> None:
        await self.application.stop()
        await self.application.shutdown()  # writes the pickle


# -- the storage floor: raw sqlite3 ---------------------------------------------------------------


class RawSqliteBench:
    """One read + upsert + commit of the conversation state per turn, plain sqlite3, WAL and
    ``synchronous=FULL`` as our store opens SQLite; the state is the same JSON our store keeps
    after that step, plus the 33 bytes of its encryption framing."""

    def __init__(self, path: Path, states: Sequence[dict[str, Any]], *, first_user: int = 10_000):
        self.path = path
        self.blobs = [json.dumps(s, ensure_ascii=False, separators=(",", ":")).encode() + os.urandom(33)
                      for s in states]
        self.steps = list(range(len(self.blobs)))
        self.next_user = first_user

    async def start(self) -> None:
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA cache_size=-16384")
        self.db.execute("CREATE TABLE IF NOT EXISTS conversations "
                        "(user_key TEXT PRIMARY KEY, state BLOB NOT NULL, rev INTEGER NOT NULL)")

    async def stop(self) -> None:
        self.db.close()

    async def new_chat(self) -> int:
        user = self.next_user
        self.next_user += 1
        return user

    def update_for(self, user: int, step: int) -> tuple[str, bytes]:
        return f"tg:{user}", self.blobs[step]

    async def turn(self, update: tuple[str, bytes]) -> None:
        key, blob = update
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        db.execute("SELECT state, rev FROM conversations WHERE user_key = ?", (key,)).fetchone()
        db.execute("INSERT INTO conversations (user_key, state, rev) VALUES (?, ?, 1) "
                   "ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, rev = rev + 1", (key, blob))
        db.execute("COMMIT")

    def end_chat(self, user: int) -> None:
        pass
