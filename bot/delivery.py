"""Delivery: the outbox, from a turn's commit to "sent". Transports only translate.

A turn commits its messages to the outbox (bot/app.py). From there this module owns them:
claiming (a lease, renewed while a sender works), each user's order (a failure holds back that
user's later messages, other users go on), retries with back-off, marking each message sent as
it goes, the start of a timed step's clock when its announcement went, and the work that waited
for the commit (exports, charts, an erasure and its goodbye).

A transport plugs in a :class:`Sender`: it turns one output or one file into a call of its own
and says how a failure went by raising one of three errors:

- :class:`Blocked` -- the person blocked the bot: they are marked inactive, their queue dropped;
- :class:`RetryLater` -- try again (after ``seconds`` when the other side said how long);
- :class:`Rejected` -- refused as it is: sending it again cannot work, the message is dropped.

Anything else a sender raises counts as :class:`Rejected` (a bug of ours: retrying would not
help). Nothing here logs what a client wrote.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from bot.effects import Attachment
from bot.engine import Output, Wait, output_from_json
from bot.reminders import TIMER_JOB
from persistence import ERASE_JOB, OutboxItem

if TYPE_CHECKING:
    from bot.app import Companion, Reply

log = logging.getLogger(__name__)

T = TypeVar("T")

FLUSH_LIMIT = 50  # a user's pending messages claimed at once after a turn
DRAIN_LIMIT = 50  # messages claimed at once by the background drain
OUTBOX_LEASE = 20.0  # seconds a claimed message is ours; after a crash it is sent again then
LEASE_RENEWALS = 3  # a sender at work renews its lease this many times a lease
MAX_ATTEMPTS = 30  # about a day of backing off (5 s doubling, at most an hour apart)
RETRY_FIRST = 5.0  # seconds before a failed send is tried again the first time


class DeliveryFailure(Exception):
    """How a send failed, in the words of the outbox (raised by a :class:`Sender`)."""


class Blocked(DeliveryFailure):
    """The person blocked the bot (or left): nothing can reach them any more."""


class RetryLater(DeliveryFailure):
    """Not sent now; try again, after ``seconds`` if the other side said so."""

    def __init__(self, reason: str = "", seconds: float | None = None) -> None:
        super().__init__(reason)
        self.seconds = seconds


class Rejected(DeliveryFailure):
    """Refused as it is: the same message would be refused again."""


class Sender(Protocol):
    """What a transport gives delivery: where a user is, and how to send there."""

    def address(self, user_key: str, chat_id: str | None) -> int | None:
        """The chat to send a user's messages to; None: not this transport's user."""
        ...

    async def send(self, chat: int, output: Output) -> None:
        """Send one output; raises a DeliveryFailure (or anything: taken as Rejected)."""
        ...

    async def send_file(self, chat: int, file: Attachment) -> None:
        """Send one file of a turn (an export, a chart)."""
        ...


# Runs a coroutine in a chat's order (after what that chat is doing now); the default: at once.
InChat = Callable[[int, Awaitable[Any]], Awaitable[Any]]


async def at_once(chat: int, coroutine: Awaitable[T]) -> T:
    return await coroutine


class _Claim:
    """Outbox items a sender is working on: their current leases, which are done, which lost."""

    __slots__ = ("items", "done", "lost", "finished", "timer")

    def __init__(self, items: list[OutboxItem]) -> None:
        self.items = {item.id: item for item in items}
        self.done: set[int] = set()  # sent, rescheduled or dropped: no lease to keep
        self.lost: set[int] = set()  # another sender claimed them after our lease ran out
        self.finished = False  # the sender is done with them
        self.timer: asyncio.TimerHandle | None = None  # the next renewal


class Delivery:
    """The outbox of one companion, sent through one sender."""

    def __init__(
        self,
        companion: Companion,
        sender: Sender,
        *,
        lease: float = OUTBOX_LEASE,
        clock: Callable[[], datetime] | None = None,
        in_chat: InChat = at_once,
        retry_first: float = RETRY_FIRST,
    ) -> None:
        self.companion = companion
        self.sender = sender
        self._lease = lease
        self.clock = clock or (lambda: datetime.now(UTC))
        self.in_chat = in_chat
        self.retry_first = retry_first  # (shorter in tests: BETWEEN_OUTBOX_RETRY)
        # a turn stored a timed step (or its clock started): the job loop looks again
        self.jobs_changed = asyncio.Event()
        self._keepers: set[asyncio.Task[None]] = set()  # tasks renewing leases being sent
        # a turn's messages are born leased to us as it commits: we send them right after it
        companion.claim_lease = lease

    @property
    def lease(self) -> float:
        """Seconds a claimed message is ours (a turn's messages are born with it)."""
        return self._lease

    @lease.setter
    def lease(self, seconds: float) -> None:
        self._lease = self.companion.claim_lease = seconds

    @property
    def store(self) -> Any:
        return self.companion.store

    # -- after a turn -----------------------------------------------------------------------
    async def finish_turn(self, user_key: str, chat: int, reply: Reply) -> None:
        """Everything a committed turn left to do: its messages, the work that waited for the
        commit and its files, and an erasure with its goodbye."""
        if reply.duplicate:  # a redelivery of a turn that committed: send what it left, if any
            await self.flush(user_key)
            return
        files = await self.companion.after_commit(user_key, reply)
        await self.deliver(user_key, chat, reply)
        for file in files:
            try:
                await self.sender.send_file(chat, file)
            except Exception as err:  # a file is not queued: a failure loses only itself
                log.info("a file could not be sent (%s); carrying on", type(err).__name__)
        if reply.erasing:  # the erase job it left, now (in this chat's turn); the goodbye after it

            async def send(job_user: str, job_reply: Reply) -> None:
                await self.deliver(job_user, chat, job_reply)

            await self.companion.run_due_jobs(send, user_key=user_key, kind=ERASE_JOB)

    async def deliver(self, user_key: str, chat: int, reply: Reply) -> None:
        """Send what a turn queued (with anything of the user's still waiting before it)."""
        if reply.timers:  # the turn stored a timed step as a job: the job loop looks again
            self.jobs_changed.set()
        if reply.farewell is not None:
            await self._farewell(user_key, chat, reply)
        elif reply.outbox_items:  # born claimed: nothing older of the user was waiting
            await self._send_items(reply.outbox_items)
        elif reply.messages:  # older messages first (what earlier turns left is the drain's)
            await self.flush(user_key)

    async def _farewell(self, user_key: str, chat: int, reply: Reply) -> None:
        """Everything of the user is erased (committed): the goodbye goes directly (there is no
        outbox of theirs left to queue it in), then the erase job goes. If it fails for now, the
        job stays and runs again when its claim ends: erased (again, harmlessly), then goodbye."""
        try:
            for output in reply.messages:
                await self.sender.send(chat, output)
        except (Blocked, Rejected) as err:  # it can never go: erasing is what mattered
            log.info("the goodbye after an erasure was refused (%s)", type(err).__name__)
        await self.companion.forget(user_key, reply)

    # -- the outbox -------------------------------------------------------------------------
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

    async def drain(self, limit: int = DRAIN_LIMIT) -> int:
        """Send what earlier turns left in the outbox (a crash, a failed send). Returns the count.

        It may claim a turn's messages before the turn itself does; each user's are sent in
        that chat's order (after the turn in progress), so the turn's own claim, finding them
        taken, costs no waiting. Like reminders, it gives way to replies being worked out."""
        await self.companion.replies_first.give_way()
        items = await self.store.outbox_pending(limit=limit, lease=self.lease)
        return await self._send_items(items, in_chat=True)

    async def _send_items(self, items: list[OutboxItem], *, in_chat: bool = False) -> int:
        """Send claimed outbox items, each user's in order, users side by side (one slow or
        limited chat holds back only itself); a failure holds back that user's rest."""
        by_user: dict[str, list[OutboxItem]] = {}
        for item in items:
            by_user.setdefault(item.user_key, []).append(item)
        sends: list[Awaitable[int]] = []
        for user_key, group in by_user.items():
            chat = self.sender.address(user_key, group[0].chat_id)
            if chat is None:
                continue  # not this transport's user: its lease runs out untouched
            send: Awaitable[int] = self._send_group(user_key, chat, group)
            if in_chat:
                send = self.in_chat(chat, send)
            sends.append(send)
        if len(sends) == 1:
            return await sends[0]
        sent_count = 0
        for result in await asyncio.gather(*sends, return_exceptions=True):
            if isinstance(result, BaseException):
                log.error(
                    "sending a chat's messages failed (%s); they stay in the outbox",
                    type(result).__name__,
                )
            else:
                sent_count += result
        return sent_count

    async def _send_group(self, user_key: str, chat: int, group: list[OutboxItem]) -> int:
        claim = _Claim(group)
        self._renew_later(claim)
        try:
            return await self._send_claimed(user_key, chat, group, claim)
        finally:
            claim.finished = True  # a renewal under way is not cancelled: it may be committing
            if claim.timer is not None:
                claim.timer.cancel()

    async def _send_claimed(
        self, user_key: str, chat: int, group: list[OutboxItem], claim: _Claim
    ) -> int:
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
                await self.sender.send(chat, output)
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

    # While a sender works on its messages (pacing, a slow answer), their lease is renewed a few
    # times a lease, so that no other sender takes them meanwhile; one that was taken all the
    # same (the database was away too long) is left to the one that took it. A timer, not a
    # task: nearly every send is over long before the first renewal would be due.
    def _renew_later(self, claim: _Claim) -> None:
        loop = asyncio.get_running_loop()
        claim.timer = loop.call_later(self.lease / LEASE_RENEWALS, self._start_renewal, claim)

    def _start_renewal(self, claim: _Claim) -> None:
        if claim.finished:
            return
        keeper = asyncio.ensure_future(self._renew(claim))
        self._keepers.add(keeper)  # (a reference, until it is done)
        keeper.add_done_callback(self._keepers.discard)

    async def _renew(self, claim: _Claim) -> None:
        pending = [item for item in claim.items.values() if item.id not in claim.done]
        if not pending:
            return
        try:
            kept = await self.store.extend_lease(pending, self.lease)
        except Exception as err:
            log.warning("could not renew an outbox lease (%s)", type(err).__name__)
        else:
            claim.items.update((item.id, item) for item in kept)
            kept_ids = {item.id for item in kept}
            claim.lost.update(item.id for item in pending if item.id not in kept_ids | claim.done)
        if not claim.finished:
            self._renew_later(claim)

    async def _send_failed(
        self, user_key: str, item: OutboxItem, rest: list[OutboxItem], err: Exception
    ) -> bool:
        """Deal with a message the other side did not take. True: go on with the user's next."""
        if isinstance(err, Blocked):
            log.info("a user blocked the bot; marking them inactive")
            await self.store.set_active(user_key, False)  # drops their queue
            return False
        if not isinstance(err, RetryLater) or item.attempts + 1 >= MAX_ATTEMPTS:
            # refused as it is (or a bug of ours): sending it again cannot work
            log.error(
                "dropping outbox message %s after attempt %d: %s",
                item.id,
                item.attempts + 1,
                _what(err),
            )
            await self.store.mark_failed(item.id, None)
            return True
        if err.seconds is not None:
            delay = err.seconds
        else:
            delay = min(self.retry_first * 2**item.attempts, 3600.0) * (1 + random.random() / 2)
        retry_at = self.clock() + timedelta(seconds=delay)
        log.warning("sending failed (%s); trying again in %.0f s", _what(err), delay)
        for waiting in [item, *rest]:  # the user's later messages wait for it, in order
            await self.store.mark_failed(waiting.id, retry_at)
        return False


def _what(err: BaseException) -> str:
    """A failure's kind for the log: its type, and the transport's reason (never client text)."""
    cause = err.__cause__
    if isinstance(err, DeliveryFailure) and cause is not None:
        return type(cause).__name__
    return type(err).__name__
