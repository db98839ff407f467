"""Telegram transport: updates in through the pipeline, the outbox out through the Bot API.

Every update goes: read (incoming.py) -> Companion.handle (one commit: new state + the
messages to send, in the outbox, leased to us) -> send them in order -> mark each sent. A
transient failure before the commit raises ``NotCommitted`` so that polling does not advance its
offset and a webhook does not answer 200: Telegram sends the update again, and the update id
makes a repeat a no-op.

The outbox is the only source of what is sent. A turn's messages are born claimed (leased to
the process that ran it, the turn's ``lease``) when nothing older of the user waits; otherwise
they are claimed from the store (``outbox_pending(user_key=...)``) like the background drain
claims them. Either way the drain and the turn (or two workers) never both send a message, and
a user's messages go strictly in order even when an earlier one is waiting for a retry.

Nothing here logs what a client wrote: errors are logged by type and place (``describe``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import BotCommand, ChatMember, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, BaseUpdateProcessor, ContextTypes

from bot.app import Companion, Reply
from bot.delivery import (
    DRAIN_LIMIT,
    OUTBOX_LEASE,
    RETRY_FIRST,
    Blocked,
    Delivery,
    Rejected,
    RetryLater,
    at_once,
)
from bot.effects import Attachment
from bot.engine import Ask, Button, Command, Note, Output, Say
from bot.wiring import load_content

from . import calls
from .incoming import Incoming, NotPrivate, chat_of, read_update
from .render import MAX_MESSAGE_LENGTH, keyboard_json, split_text, text_length

log = logging.getLogger(__name__)


class NotCommitted(Exception):
    """The turn did not commit (the database was unreachable); the update must come again."""


def _chat_key(update: object) -> int:
    return getattr(getattr(update, "effective_chat", None), "id", 0) or 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Updates of one chat one after another, in arrival order; different chats in parallel.

    The lock of a chat is taken before the first ``await`` of ``do_process_update`` (an
    ``asyncio.Lock`` queues its waiters in order), so arrival order is kept. Timed steps run
    in the same per-chat order through :meth:`in_chat`.
    """

    def __init__(self, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = defaultdict(int)
        self._idle = asyncio.Event()
        self._idle.set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await self.in_chat(_chat_key(update), coroutine)

    async def in_chat(self, chat: int, coroutine: Awaitable[Any]) -> Any:
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._users[chat] += 1
        self._idle.clear()
        try:
            async with lock:
                return await coroutine
        finally:
            self._users[chat] -= 1
            if not self._users[chat]:  # forget idle chats so the table stays small
                del self._users[chat]
                self._locks.pop(chat, None)
                if not self._users:
                    self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no update or timed step is running (shutting down). False on timeout."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except TimeoutError:
            return False

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def describe(err: BaseException) -> str:
    """An error's type and where it happened, without its message (which may quote a client),
    for the log. Our store's errors and Telegram's descriptions never carry client text, so
    their messages are kept."""
    from persistence import StoreError

    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen and len(parts) < 4:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)[-4:]
        where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        name = f"{type(current).__module__}.{type(current).__qualname__}".removeprefix("builtins.")
        said = f" ({current})" if isinstance(current, (StoreError, TelegramError)) else ""
        parts.append(f"{name}{said}" + (f" at {where}" if where else ""))
        current = current.__cause__ or current.__context__
    return "; from ".join(parts)


class TelegramTransport:
    def __init__(
        self,
        application: Application,
        companion: Companion,
        *,
        admin_ids: Iterable[int] = (),
        flows_path: str = "flows.yaml",
        clock: Callable[[], datetime] | None = None,
        lease: float = OUTBOX_LEASE,
        retry_first: float = RETRY_FIRST,
    ):
        self.application = application
        self.bot = application.bot
        self._username: str | None = None  # the bot's @username, once PTB has fetched it
        self.companion = companion
        self.admin_ids = frozenset(admin_ids)
        self.flows_path = flows_path
        processor = application.update_processor
        self.delivery = Delivery(
            companion,
            TelegramSender(self),
            lease=lease,
            retry_first=retry_first,
            clock=clock,
            in_chat=processor.in_chat if isinstance(processor, ChatOrderedProcessor) else at_once,
        )

    # the outbox is delivery's: its clock, its lease, its word to the job loop
    @property
    def clock(self) -> Callable[[], datetime]:
        return self.delivery.clock

    @clock.setter
    def clock(self, clock: Callable[[], datetime]) -> None:
        self.delivery.clock = clock

    @property
    def lease(self) -> float:
        return self.delivery.lease

    @lease.setter
    def lease(self, seconds: float) -> None:
        self.delivery.lease = seconds

    @property
    def jobs_changed(self) -> asyncio.Event:
        return self.delivery.jobs_changed

    # -- updates in -------------------------------------------------------------------------
    def username(self) -> str | None:
        """The bot's @username (commands may be addressed to it), remembered once the bot is
        initialised (PTB's get_me); None before."""
        if self._username is None:
            try:
                self._username = self.bot.username
            except RuntimeError:  # not initialised yet: Bot.username says so this way
                return None
        return self._username

    async def on_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The Application's one handler (for updates fed through `Application.process_update`)."""
        if isinstance(update, Update):
            try:
                await self.process(update)
            except NotCommitted:
                log.warning(
                    "update %s not committed; Telegram will send it again", update.update_id
                )

    async def process(self, update: Update, committed: Callable[[], None] | None = None) -> None:
        """Handle one update completely. Raises NotCommitted when it must be redelivered;
        nothing else escapes (an error after the commit leaves the messages in the outbox).
        ``committed`` is called once the turn committed, before its messages go out."""
        if update.my_chat_member is not None:
            await self._membership(update)
            return
        try:
            incoming = read_update(update, self.username())
        except Exception as err:
            log.error("could not read update %s: %s", update.update_id, describe(err))
            incoming = None
        if incoming is None:
            if update.callback_query is not None:
                await self._quietly(self.bot.answer_callback_query(update.callback_query.id))
            return
        if isinstance(incoming, NotPrivate):
            await self._quietly(
                self.bot.send_message(incoming.chat_id, self._words("private_only"))
            )
            return
        event = incoming.event
        user = update.effective_user
        if (
            isinstance(event, Command)
            and event.name in ("reload", "stats")
            and update.message is not None
            and user is not None
            and user.id in self.admin_ids
        ):
            try:
                await self._staff_command(event.name, incoming.chat_id)
            except Exception as err:
                log.error("staff command /%s failed: %s", event.name, describe(err))
            return
        try:
            reply = await self.companion.handle(
                incoming.user_key,
                event,
                update_id=update.update_id,
                hints={"first_name": incoming.first_name},
            )
        except Exception as err:
            if _transient(err):
                raise NotCommitted(type(err).__name__) from err
            log.error("turn failed for update %s: %s", update.update_id, describe(err))
            await self._apologise(update, incoming)
            return
        if committed is not None:
            committed()
        try:
            await self._after_turn(update, incoming, reply)
        except Exception as err:
            log.error(
                "after update %s committed: %s; unsent messages stay in the outbox",
                update.update_id,
                describe(err),
            )

    async def _after_turn(self, update: Update, incoming: Incoming, reply: Reply) -> None:
        if update.callback_query is not None:
            await self._after_press(update, reply)
        await self.delivery.finish_turn(incoming.user_key, incoming.chat_id, reply)

    async def _after_press(self, update: Update, reply: Reply) -> None:
        """Stop the button's spinner; show the chosen answer and take the old keyboard away."""
        query = update.callback_query
        if query is None:
            return
        answer_text = self._words("expired") if reply.stale else None
        await self._quietly(calls.answer_callback_query(self.bot, query.id, answer_text))
        message = query.message
        if reply.duplicate or not isinstance(message, Message) or not message.text:
            return
        label = _label_of(message, query.data)
        if reply.stale or label is None:
            if getattr(message, "reply_markup", None) is not None:
                await self._quietly(
                    calls.remove_keyboard(self.bot, message.chat.id, message.message_id)
                )
            return
        text = f"{message.text}\n\n{self._words('chosen_prefix')}{label}"
        if text_length(text) <= MAX_MESSAGE_LENGTH:
            await self._quietly(
                calls.edit_message_text(self.bot, message.chat.id, message.message_id, text)
            )
        else:
            await self._quietly(
                calls.remove_keyboard(self.bot, message.chat.id, message.message_id)
            )

    async def _apologise(self, update: Update, incoming: Incoming) -> None:
        """A user never sees a traceback: a kind word and the current step again."""
        if update.callback_query is not None:
            await self._quietly(self.bot.answer_callback_query(update.callback_query.id))
        outputs: list[Output] = [Say(self._words("error"))]
        try:
            outputs += (await self.companion.current(incoming.user_key)).messages
        except Exception as err:
            log.error("could not show the current step: %s", describe(err))
        try:
            await self.send_outputs(incoming.chat_id, outputs)
        except Exception as err:
            log.warning("could not send the apology: %s", describe(err))

    async def _membership(self, update: Update) -> None:
        """The user blocked the bot (no more reminders) or came back."""
        change = update.my_chat_member
        if change is None or change.chat.type != ChatType.PRIVATE or change.from_user is None:
            return
        status = change.new_chat_member.status
        active = status not in (ChatMember.BANNED, ChatMember.LEFT)
        try:
            await self.companion.set_active(f"tg:{change.from_user.id}", active)
        except Exception as err:
            log.warning(
                "could not record that a user %s the bot: %s",
                "unblocked" if active else "blocked",
                describe(err),
            )

    # -- messages out -----------------------------------------------------------------------
    async def send_file(self, chat_id: int, file: Any) -> None:
        """An attachment of a turn: a document (an export) or a photo (a chart), with a caption."""
        name = getattr(file, "name", None)
        data = getattr(file, "data", None)
        if name is None or data is None:
            name, data = file
        caption = getattr(file, "caption", None) or None
        if getattr(file, "kind", "document") == "photo":
            await self.bot.send_photo(chat_id, data, caption=caption, filename=name)
        else:
            await self.bot.send_document(chat_id, data, filename=name, caption=caption)

    async def drain_outbox(self, limit: int = DRAIN_LIMIT) -> int:
        """Send what earlier turns left in the outbox (bot/delivery.py). Returns the count."""
        return await self.delivery.drain(limit)

    async def send_outputs(self, chat_id: int, outputs: list[Output]) -> None:
        for output in outputs:
            await self.send_output(chat_id, output)

    async def send_output(self, chat_id: int, output: Output) -> None:
        buttons: tuple[Button, ...] = ()
        rev: int | None = None
        if isinstance(output, Note):
            text = self._words("note_prefix") + output.text
        elif isinstance(output, Ask):
            text, buttons, rev = output.text, output.buttons, output.rev
        elif isinstance(output, Say):
            text = output.text
        else:
            return
        parts = split_text(text) or ["…"]
        per_row = 6 if isinstance(output, Ask) and output.input == "scale" else 3
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            markup = keyboard_json(buttons, rev=rev, max_per_row=per_row) if last else None
            await calls.send_message(self.bot, chat_id, part, markup)

    # -- timed steps and reminders (durable jobs in the store) ------------------------------
    async def run_due_jobs(self) -> int:
        """Handle the jobs that are due (timed steps, reminders), each in its own turn, and send
        what they queued in the chat's order, a typing indicator first. Returns the count."""
        return await self.companion.run_due_jobs(self._deliver_job)

    async def _deliver_job(self, user_key: str, reply: Reply) -> None:
        chat_id = chat_of(user_key)
        if chat_id is None:
            return  # not a Telegram user (the terminal chat sends its own)
        processor = self.application.update_processor
        send = self._send_job(user_key, chat_id, reply)
        try:
            if isinstance(processor, ChatOrderedProcessor):
                await processor.in_chat(chat_id, send)
            else:
                await send
        except Exception as err:
            log.error(
                "after a job committed: %s; unsent messages stay in the outbox", describe(err)
            )

    async def _send_job(self, user_key: str, chat_id: int, reply: Reply) -> None:
        if reply.messages:
            await self._quietly(self.bot.send_chat_action(chat_id, ChatAction.TYPING))
        await self.delivery.deliver(user_key, chat_id, reply)

    async def next_job_in(self, longest: float) -> float:
        """Seconds until the next job is due (at most ``longest``)."""
        due = await self.companion.next_job_at()
        if due is None:
            return longest
        return min(max((due - self.clock()).total_seconds(), 0.0), longest)

    # -- staff ------------------------------------------------------------------------------
    async def _staff_command(self, name: str, chat_id: int) -> None:
        if name == "reload":
            lines = await self.reload()
        else:
            stats = await self.companion.stats()
            lines = [f"{key.replace('_', ' ')}: {value}" for key, value in stats.items()]
        await self.send_outputs(chat_id, [Say("\n".join(lines))])

    async def reload(self) -> list[str]:
        """Load the flows and the crisis screen's files again; a broken edit keeps the running
        set and says what is wrong, every problem with file:line."""
        content = await asyncio.to_thread(load_content, self.flows_path)
        flowset, safety = content.flowset, content.safety
        errors = [str(p) for p in content.errors]
        if flowset is None or errors:
            return [
                f"Reload refused: {len(errors)} problem(s). "
                f"Still serving version {self.companion.flowset.version}."
            ] + errors
        await self.companion.reload(flowset, safety)
        await self._quietly(self.register_commands())
        # the crisis screen's warnings (unverified lines) are for `between validate`: listed
        # here they would not fit in one message
        warnings = [str(p) for p in content.flow_problems]
        return [f"Reloaded: version {flowset.version}, {len(flowset.flows)} flows."] + warnings

    async def register_commands(self) -> None:
        commands = [
            BotCommand(c.name, c.help)
            for c in self.companion.flowset.commands.values()
            if not c.staff
        ]
        await self.bot.set_my_commands(commands)

    # -- helpers ----------------------------------------------------------------------------
    def _words(self, key: str) -> str:
        return self.companion.flowset.messages[key].render({})

    @staticmethod
    async def _quietly(call: Awaitable[Any]) -> None:
        """Calls whose failure changes nothing for the client (a spinner, a keyboard edit)."""
        try:
            await call
        except TelegramError as err:
            log.info("Telegram call failed (%s); carrying on", type(err).__name__)


def _label_of(message: Message, data: str | object | None) -> str | None:
    markup = getattr(message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", ()) or ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def _transient(err: Exception) -> bool:
    from persistence import StoreUnavailable

    return isinstance(err, StoreUnavailable) or (
        isinstance(err, (TimedOut, NetworkError)) and not isinstance(err, BadRequest)
    )


class TelegramSender:
    """Delivery's sender (bot/delivery.py): an output or a file as Bot API calls, and PTB's
    errors in delivery's words."""

    def __init__(self, transport: TelegramTransport) -> None:
        self.transport = transport

    def address(self, user_key: str, chat_id: str | None) -> int | None:
        chat = chat_id or chat_of(user_key)
        return None if chat is None else int(chat)

    async def send(self, chat: int, output: Output) -> None:
        with _in_delivery_words():
            await self.transport.send_output(chat, output)

    async def send_file(self, chat: int, file: Attachment) -> None:
        with _in_delivery_words():
            await self.transport.send_file(chat, file)


@contextlib.contextmanager
def _in_delivery_words() -> Iterator[None]:
    """Forbidden: blocked; BadRequest: rejected as it is; a 429 or any other Telegram or network
    error: try again (after the time a 429 names)."""
    try:
        yield
    except Forbidden as err:
        raise Blocked(type(err).__name__) from err
    except BadRequest as err:
        raise Rejected(type(err).__name__) from err
    except RetryAfter as err:
        delay = err.retry_after
        seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
        raise RetryLater(type(err).__name__, seconds) from err
    except TelegramError as err:
        raise RetryLater(type(err).__name__) from err
