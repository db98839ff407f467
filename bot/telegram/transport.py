"""Telegram transport: updates in through the pipeline, the outbox out through the Bot API.

Every update goes: read (incoming.py) -> Companion.handle (one commit) -> send what it
produced -> mark sent. A transient failure before the commit raises ``NotCommitted`` so
that polling does not advance its offset and a webhook does not answer 200: Telegram sends
the update again, and the update id makes a repeat a no-op.
"""
from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, Awaitable, Callable, Iterable

from telegram import BotCommand, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, BaseUpdateProcessor, ContextTypes

from bot.app import Companion, Reply
from bot.engine import Ask, Note, Output, Say, Timer, check_registry, output_from_json

from .incoming import STALE, Incoming, NotPrivate, chat_of, read_update
from .render import MAX_MESSAGE_LENGTH, build_keyboard, split_text

log = logging.getLogger(__name__)

NOTE_PREFIX = "📝 Training note: "
CHOSEN_PREFIX = "✓ "


class NotCommitted(Exception):
    """The turn did not commit (the database was unreachable); the update must come again."""


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Updates of one chat one after another, in arrival order; different chats in parallel."""

    def __init__(self, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = defaultdict(int)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = getattr(getattr(update, "effective_chat", None), "id", 0)
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._users[chat] += 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[chat] -= 1
            if not self._users[chat]:  # forget idle chats so the table stays small
                del self._users[chat]
                self._locks.pop(chat, None)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class TelegramTransport:
    def __init__(self, application: Application, companion: Companion, *, admin_ids: Iterable[int] = (),
                 flows_path: str = "flows.yaml", schedule: Callable[[str, float, int], None] | None = None):
        self.application = application
        self.bot = application.bot
        self.companion = companion
        self.admin_ids = frozenset(admin_ids)
        self.flows_path = flows_path
        self.schedule = schedule or self._schedule_with_job_queue

    # -- updates in -------------------------------------------------------------------
    async def on_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The Application's one handler (for updates fed through `Application.process_update`)."""
        if isinstance(update, Update):
            try:
                await self.process(update)
            except NotCommitted:
                log.warning("update %s not committed; Telegram will send it again", update.update_id)

    async def process(self, update: Update) -> None:
        """Handle one update completely. Raises NotCommitted when it must be redelivered."""
        incoming = read_update(update, self.bot.username if self.bot._bot_user else None)
        if incoming is None:
            if update.callback_query is not None:
                await self._quietly(self.bot.answer_callback_query(update.callback_query.id))
            return
        if isinstance(incoming, NotPrivate):
            await self._quietly(self.bot.send_message(incoming.chat_id, self._words("private_only")))
            return
        event = incoming.event
        if getattr(event, "name", None) in ("reload", "stats") and update.message is not None:
            if update.effective_user.id in self.admin_ids:
                await self._staff_command(event.name, incoming.chat_id)
                return
        try:
            reply = await self.companion.handle(incoming.user_key, event, update_id=update.update_id,
                                                hints={"first_name": incoming.first_name})
        except Exception as err:
            if _transient(err):
                raise NotCommitted(str(type(err).__name__)) from err
            log.exception("turn failed for update %s (%s)", update.update_id, type(err).__name__)
            await self._apologise(incoming)
            return
        if update.callback_query is not None:
            await self._after_press(update, reply)
        if reply.duplicate:
            return
        files = await self.companion.after_commit(incoming.user_key, reply)  # erasing comes before the goodbye
        await self.deliver(incoming.user_key, incoming.chat_id, reply)
        for name, content in files:
            await self._quietly(self.bot.send_document(incoming.chat_id, content, filename=name))

    async def _after_press(self, update: Update, reply: Reply) -> None:
        """Stop the button's spinner; show the chosen answer and take the old keyboard away."""
        query = update.callback_query
        answer_text = self._words("expired") if reply.stale else None
        await self._quietly(self.bot.answer_callback_query(query.id, text=answer_text))
        message = query.message
        if message is None or not getattr(message, "text", None):
            return
        label = _label_of(message, query.data)
        if reply.stale or label is None:
            await self._quietly(self.bot.edit_message_reply_markup(message.chat.id, message.message_id))
            return
        text = f"{message.text}\n\n{CHOSEN_PREFIX}{label}"
        if len(text) <= MAX_MESSAGE_LENGTH:
            await self._quietly(self.bot.edit_message_text(text, message.chat.id, message.message_id))
        else:
            await self._quietly(self.bot.edit_message_reply_markup(message.chat.id, message.message_id))

    async def _apologise(self, incoming: Incoming) -> None:
        """A user never sees a traceback: a kind word and the current step again."""
        try:
            current = await self.companion.current(incoming.user_key)
            outputs = [Say(self._words("error"))] + current.outputs
        except Exception:
            outputs = [Say(self._words("error"))]
        await self._quietly(self.send_outputs(incoming.chat_id, outputs))

    # -- messages out -----------------------------------------------------------------
    async def deliver(self, user_key: str, chat_id: int, reply: Reply) -> None:
        """Send a turn's messages (already in the outbox) and mark them sent."""
        if reply.timers:
            for wait in reply.timers:
                self.schedule(user_key, wait.seconds, wait.rev)
        messages = reply.messages
        if not messages:
            return
        ids = list(reply.outbox_ids)
        try:
            for index, output in enumerate(messages):
                await self.send_output(chat_id, output)
                if index < len(ids):
                    await self.companion.store.mark_sent([ids[index]])
        except Exception as err:
            await self._send_failed(user_key, ids[index] if index < len(ids) else None, err)

    async def send_outputs(self, chat_id: int, outputs: list[Output]) -> None:
        for output in outputs:
            await self.send_output(chat_id, output)

    async def send_output(self, chat_id: int, output: Output) -> None:
        if isinstance(output, Note):
            text, buttons, rev = NOTE_PREFIX + output.text, (), None
        elif isinstance(output, Ask):
            text, buttons, rev = output.text, output.buttons, output.rev
        elif isinstance(output, Say):
            text, buttons, rev = output.text, (), None
        else:
            return
        parts = split_text(text, markup=False) or ["…"]
        per_row = 6 if isinstance(output, Ask) and output.input == "scale" else 3
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            markup = build_keyboard(buttons, rev=rev, max_per_row=per_row) if last and buttons else None
            await self.bot.send_message(chat_id, part, reply_markup=markup)

    async def _send_failed(self, user_key: str, outbox_id: int | None, err: Exception) -> None:
        if isinstance(err, Forbidden):
            log.info("a user blocked the bot; marking them inactive")
            await self.companion.store.set_active(user_key, False)
            return
        if outbox_id is None:
            return
        if isinstance(err, BadRequest):
            log.error("Telegram refused a message (%s); dropping it", err.message)
            await self.companion.store.mark_sent([outbox_id])
            return
        delay = err.retry_after if isinstance(err, RetryAfter) else 5 + random.random() * 5
        if isinstance(delay, timedelta):
            delay = delay.total_seconds()
        log.warning("sending failed (%s); retrying in %.0fs", type(err).__name__, delay)
        await self.companion.store.mark_failed(outbox_id, datetime.now(timezone.utc) + timedelta(seconds=delay))

    async def drain_outbox(self, limit: int = 100) -> int:
        """Send what earlier turns left in the outbox (a crash, a failed send). Returns the count."""
        items = await self.companion.store.outbox_pending(limit=limit)
        sent = 0
        blocked: set[str] = set()
        for item in items:
            chat_id = item.chat_id or chat_of(item.user_key)
            if chat_id is None or item.user_key in blocked:
                continue
            try:
                await self.send_output(int(chat_id), output_from_json(item.payload))
                await self.companion.store.mark_sent([item.id])
                sent += 1
            except Exception as err:
                if isinstance(err, Forbidden):
                    blocked.add(item.user_key)
                await self._send_failed(item.user_key, item.id, err)
        return sent

    # -- timed steps ------------------------------------------------------------------
    def _schedule_with_job_queue(self, user_key: str, seconds: float, rev: int) -> None:
        async def fire(_context) -> None:
            await self.fire_timer(user_key, rev)
        self.application.job_queue.run_once(fire, seconds, name=f"timer:{user_key}:{rev}")

    async def fire_timer(self, user_key: str, rev: int) -> None:
        chat_id = chat_of(user_key)
        if chat_id is None:
            return
        await self._quietly(self.bot.send_chat_action(chat_id, ChatAction.TYPING))
        reply = await self.companion.handle(user_key, Timer(rev))
        await self.deliver(user_key, chat_id, reply)

    # -- staff ------------------------------------------------------------------------
    async def _staff_command(self, name: str, chat_id: int) -> None:
        if name == "reload":
            lines = await self.reload()
        else:
            stats = await self.companion.store.stats()
            lines = [f"{key.replace('_', ' ')}: {value}" for key, value in stats.items()]
        await self.send_outputs(chat_id, [Say("\n".join(lines))])

    async def reload(self) -> list[str]:
        """Load the flows again; a broken edit keeps the running set and says what is wrong."""
        flowset, problems = check_registry(self.flows_path)
        if flowset is None:
            errors = [str(p) for p in problems if p.is_error]
            return [f"Reload refused: {len(errors)} problem(s). Still serving version {self.companion.flowset.version}."] + errors
        self.companion.use(flowset)
        await self.companion.prepare()
        await self.register_commands()
        warnings = [str(p) for p in problems]
        return [f"Reloaded: version {flowset.version}, {len(flowset.flows)} flows."] + warnings

    async def register_commands(self) -> None:
        commands = [BotCommand(c.name, c.help) for c in self.companion.flowset.commands.values() if not c.staff]
        await self.bot.set_my_commands(commands)

    # -- helpers ----------------------------------------------------------------------
    def _words(self, key: str) -> str:
        return self.companion.flowset.messages[key].render({})

    @staticmethod
    async def _quietly(call: Awaitable[Any]) -> None:
        """Calls whose failure changes nothing for the client (a spinner, a keyboard edit)."""
        try:
            await call
        except TelegramError as err:
            log.info("Telegram call failed (%s); carrying on", type(err).__name__)


def _label_of(message, data: str | None) -> str | None:
    markup = getattr(message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", ()) or ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def _transient(err: Exception) -> bool:
    from persistence import StoreUnavailable

    return isinstance(err, StoreUnavailable) or (isinstance(err, (TimedOut, NetworkError)) and not isinstance(err, BadRequest))
