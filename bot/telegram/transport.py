"""Telegram transport: updates in through the pipeline, the outbox out through the Bot API.

Every update goes: read (incoming.py) -> Companion.handle (one commit: new state + the
messages to send, in the outbox, leased to us) -> send them in order -> mark each sent. A
transient failure before the commit raises ``NotCommitted`` so that polling does not advance its
offset and a webhook does not answer 200: Telegram sends the update again, and the update id
makes a repeat a no-op.

The outbox is the only source of what is sent. A turn's messages are born claimed (leased to
the process that ran it, ``Store.claim_lease``) when nothing older of the user waits; otherwise
they are claimed from the store (``outbox_pending(user_key=...)``) like the background drain
claims them. Either way the drain and the turn (or two workers) never both send a message, and
a user's messages go strictly in order even when an earlier one is waiting for a retry.

Nothing here logs what a client wrote: errors are logged by type and place (``describe``).
"""

from __future__ import annotations

import asyncio
import logging
import random
import traceback
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import BotCommand, ChatMember, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, BaseUpdateProcessor, ContextTypes

from bot.app import Companion, Reply, flowset_sources
from bot.engine import Ask, Note, Output, Say, Wait, output_from_json
from bot.reminders import TIMER_JOB
from bot.wiring import load_content
from persistence import ERASE_JOB

from .incoming import Incoming, NotPrivate, chat_of, read_update
from .render import MAX_MESSAGE_LENGTH, build_keyboard, split_text, text_length

log = logging.getLogger(__name__)

NOTE_PREFIX = "📝 Training note: "
CHOSEN_PREFIX = "✓ "
FLUSH_LIMIT = 50  # a user's pending messages claimed at once after a turn
DRAIN_LIMIT = 50  # messages claimed at once by the background drain
OUTBOX_LEASE = 20.0  # seconds a claimed message is ours; after a crash it is sent again then
LEASE_RENEWALS = 3  # a sender at work renews its lease this many times a lease
MAX_ATTEMPTS = 30  # about a day of backing off (5 s doubling, at most an hour apart)


class _Claim:
    """Outbox items a sender is working on: their current leases, which are done, which lost."""

    __slots__ = ("items", "done", "lost", "finished")

    def __init__(self, items: list) -> None:
        self.items = {item.id: item for item in items}
        self.done: set[int] = set()  # sent, rescheduled or dropped: no lease to keep
        self.lost: set[int] = set()  # another sender claimed them after our lease ran out
        self.finished = asyncio.Event()  # the sender is done with them


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
    ):
        self.application = application
        self.bot = application.bot
        self.companion = companion
        self.admin_ids = frozenset(admin_ids)
        self.flows_path = flows_path
        self.clock = clock or (lambda: datetime.now(UTC))
        self.lease = lease
        self.jobs_changed = (
            asyncio.Event()
        )  # a turn scheduled a timed step: the job loop looks again
        self._keepers: set[asyncio.Task] = set()  # tasks renewing the leases of messages being sent
        # a turn's messages are leased to us as it commits: we send them right after it
        companion.store.claim_lease = lease

    @property
    def store(self):
        return self.companion.store

    # -- updates in -------------------------------------------------------------------------
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
            incoming = read_update(update, self.bot.username if self.bot._bot_user else None)
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
        if (
            getattr(event, "name", None) in ("reload", "stats")
            and update.message is not None
            and update.effective_user.id in self.admin_ids
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
        if reply.duplicate:  # a redelivery of a turn that committed: send what it left, if anything
            await self.flush(incoming.user_key)
            return
        files = await self.companion.after_commit(incoming.user_key, reply)
        await self.deliver(incoming.user_key, incoming.chat_id, reply)
        for file in files:
            await self._quietly(self.send_file(incoming.chat_id, file))
        if reply.erasing:  # the erase job it left, now (in this chat's turn); the goodbye after it

            async def send(user_key: str, job_reply: Reply) -> None:
                await self.deliver(user_key, incoming.chat_id, job_reply)

            await self.companion.run_due_jobs(send, user_key=incoming.user_key, kind=ERASE_JOB)

    async def _after_press(self, update: Update, reply: Reply) -> None:
        """Stop the button's spinner; show the chosen answer and take the old keyboard away."""
        query = update.callback_query
        answer_text = self._words("expired") if reply.stale else None
        await self._quietly(self.bot.answer_callback_query(query.id, text=answer_text))
        message = query.message
        if reply.duplicate or message is None or not getattr(message, "text", None):
            return
        label = _label_of(message, query.data)
        if reply.stale or label is None:
            if getattr(message, "reply_markup", None) is not None:
                await self._quietly(
                    self.bot.edit_message_reply_markup(message.chat.id, message.message_id)
                )
            return
        text = f"{message.text}\n\n{CHOSEN_PREFIX}{label}"
        if text_length(text, markup=False) <= MAX_MESSAGE_LENGTH:
            await self._quietly(
                self.bot.edit_message_text(text, message.chat.id, message.message_id)
            )
        else:
            await self._quietly(
                self.bot.edit_message_reply_markup(message.chat.id, message.message_id)
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
        if change.chat.type != ChatType.PRIVATE or change.from_user is None:
            return
        status = change.new_chat_member.status
        active = status not in (ChatMember.BANNED, ChatMember.LEFT)
        try:
            await self.store.set_active(f"tg:{change.from_user.id}", active)
        except Exception as err:
            log.warning(
                "could not record that a user %s the bot: %s",
                "unblocked" if active else "blocked",
                describe(err),
            )

    # -- messages out -----------------------------------------------------------------------
    async def deliver(self, user_key: str, chat_id: int, reply: Reply) -> None:
        """Send what a turn queued (with anything of the user's still waiting before it)."""
        if reply.timers:  # the turn stored a timed step as a job: the job loop looks again
            self.jobs_changed.set()
        if reply.farewell is not None:
            await self._farewell(user_key, chat_id, reply)
        elif reply.outbox_items:  # born claimed: nothing older of the user was waiting
            await self._send_items(reply.outbox_items)
        elif reply.messages:  # older messages first (what earlier turns left is the drain's)
            await self.flush(user_key)

    async def _farewell(self, user_key: str, chat_id: int, reply: Reply) -> None:
        """Everything of the user is erased (committed): the goodbye goes directly (there is no
        outbox of theirs left to queue it in), then the erase job goes. If it fails for now, the
        job stays and runs again when its claim ends: erased (again, harmlessly), then goodbye."""
        try:
            await self.send_outputs(chat_id, reply.messages)
        except (Forbidden, BadRequest) as err:  # it can never go: erasing is what mattered
            log.info("the goodbye after an erasure was refused (%s)", type(err).__name__)
        await self.companion.forget(user_key, reply)

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

    async def flush(self, user_key: str) -> int:
        """Claim and send this user's pending messages, in order. Returns how many were sent."""
        sent = 0
        while True:
            items = await self.store.outbox_pending(
                limit=FLUSH_LIMIT, lease=self.lease, user_key=user_key
            )
            sent += await self._send_items(items)
            if len(items) < FLUSH_LIMIT:
                return sent

    async def drain_outbox(self, limit: int = DRAIN_LIMIT) -> int:
        """Send what earlier turns left in the outbox (a crash, a failed send). Returns the count.

        It may claim a turn's messages before the turn itself does; each user's are sent in
        that chat's order (after the turn in progress), so the turn's own claim, finding them
        taken, costs no waiting. Like reminders, it gives way to replies being worked out."""
        await self.companion.replies_first.give_way()
        items = await self.store.outbox_pending(limit=limit, lease=self.lease)
        return await self._send_items(items, in_chat=True)

    async def _send_items(self, items: list, *, in_chat: bool = False) -> int:
        """Send claimed outbox items, each user's in order, users side by side (one slow or
        limited chat holds back only itself); a failure holds back that user's rest."""
        by_user: dict[str, list] = {}
        for item in items:
            by_user.setdefault(item.user_key, []).append(item)
        processor = self.application.update_processor
        sends = []
        for user_key, group in by_user.items():
            chat_id = group[0].chat_id or chat_of(user_key)
            if chat_id is None:
                continue  # not a Telegram user (the terminal chat): its lease runs out untouched
            send = self._send_group(user_key, int(chat_id), group)
            if in_chat and isinstance(processor, ChatOrderedProcessor):
                send = processor.in_chat(int(chat_id), send)
            sends.append(send)
        if len(sends) == 1:
            return await sends[0]
        sent_count = 0
        for result in await asyncio.gather(*sends, return_exceptions=True):
            if isinstance(result, BaseException):
                log.error(
                    "sending a chat's messages failed: %s; they stay in the outbox",
                    describe(result),
                )
            else:
                sent_count += result
        return sent_count

    async def _send_group(self, user_key: str, chat_id: int, group: list) -> int:
        claim = _Claim(group)
        keeper = asyncio.create_task(self._keep_lease(claim))
        self._keepers.add(keeper)  # (a reference, until it is done)
        keeper.add_done_callback(self._keepers.discard)
        try:
            return await self._send_claimed(user_key, chat_id, group, claim)
        finally:
            claim.finished.set()  # not cancelled: it may be in a transaction

    async def _send_claimed(self, user_key: str, chat_id: int, group: list, claim: _Claim) -> int:
        sent = 0
        for index, item in enumerate(group):
            if item.id in claim.lost:  # our lease ran out and another sender has it: theirs now
                log.warning("an outbox lease ran out while sending; the next sender has the rest")
                break
            output = output_from_json(item.payload)
            if isinstance(output, Wait):  # what announces the timed step went: its clock starts
                claim.done.add(item.id)
                await self.store.start_wait(item.id, TIMER_JOB, output.seconds)
                self.jobs_changed.set()
                sent += 1
                continue
            try:
                await self.send_output(chat_id, output)
            except Exception as err:
                claim.done.update(i.id for i in group[index:])
                if not await self._send_failed(user_key, item, group[index + 1 :], err):
                    break
                continue
            # marked before the next one goes: after a crash only the message that was in flight
            # can reach the user twice
            claim.done.add(item.id)
            await self.store.mark_sent([item.id])
            sent += 1
        return sent

    async def _keep_lease(self, claim: _Claim) -> None:
        """While a sender works on its messages (pacing, a slow answer), their lease is renewed
        a few times a lease, so that no other sender takes them meanwhile; one that was taken
        all the same (the database was away too long) is left to the one that took it."""
        while True:
            try:
                await asyncio.wait_for(claim.finished.wait(), self.lease / LEASE_RENEWALS)
                return
            except TimeoutError:
                pass
            pending = [item for item in claim.items.values() if item.id not in claim.done]
            if not pending:
                return
            try:
                kept = await self.store.extend_lease(pending, self.lease)
            except Exception as err:
                log.warning("could not renew an outbox lease: %s", describe(err))
                continue
            claim.items.update((item.id, item) for item in kept)
            kept_ids = {item.id for item in kept}
            claim.lost.update(item.id for item in pending if item.id not in kept_ids | claim.done)

    async def _send_failed(self, user_key: str, item, rest: list, err: Exception) -> bool:
        """Deal with a message Telegram did not take. True: go on with the user's next one."""
        if isinstance(err, Forbidden):
            log.info("a user blocked the bot; marking them inactive")
            await self.store.set_active(user_key, False)  # drops their queue
            return False
        if (
            isinstance(err, BadRequest)
            or not isinstance(err, TelegramError)
            or item.attempts + 1 >= MAX_ATTEMPTS
        ):
            # refused as it is (or a bug of ours): sending it again cannot work
            log.error(
                "dropping outbox message %s after attempt %d: %s",
                item.id,
                item.attempts + 1,
                describe(err),
            )
            await self.store.mark_failed(item.id, None)
            return True
        if isinstance(err, RetryAfter):
            delay = err.retry_after
            delay = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
        else:
            delay = min(5.0 * 2**item.attempts, 3600.0) * (1 + random.random() / 2)
        retry_at = self.clock() + timedelta(seconds=delay)
        log.warning("sending failed (%s); trying again in %.0f s", type(err).__name__, delay)
        for waiting in [item, *rest]:  # the user's later messages wait for it, in order
            await self.store.mark_failed(waiting.id, retry_at)
        return False

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
            markup = (
                build_keyboard(buttons, rev=rev, max_per_row=per_row) if last and buttons else None
            )
            await self.bot.send_message(chat_id, part, reply_markup=markup)

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
        await self.deliver(user_key, chat_id, reply)

    async def next_job_in(self, longest: float) -> float:
        """Seconds until the next job is due (at most ``longest``)."""
        due = await self.store.next_job_at()
        if due is None:
            return longest
        return min(max((due - self.clock()).total_seconds(), 0.0), longest)

    # -- staff ------------------------------------------------------------------------------
    async def _staff_command(self, name: str, chat_id: int) -> None:
        if name == "reload":
            lines = await self.reload()
        else:
            stats = await self.store.stats()
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
        await self.store.ensure_flow_version(flowset.version, flowset_sources(flowset))
        self.companion.use(flowset)
        self.companion.safety = safety
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


def _label_of(message, data: str | None) -> str | None:
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
