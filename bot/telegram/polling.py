"""Long polling that tells Telegram an update was handled only once its turn committed.

We poll ourselves instead of PTB's Updater (which confirms a batch as soon as it is fetched)
and read getUpdates' answer one update at a time, so that:

* one update PTB cannot read (a field missing, an older Bot API server) is skipped - its id and
  a count logged, never its content - and the rest of its batch is handled; an answer of the
  wrong shape (not JSON, ``null``, no result) is fetched again after a pause;
* chats do not wait for each other: every fetched update starts its turn at once (each chat's
  in arrival order, ``ChatOrderedProcessor``) and the loop fetches again while slow chats are
  still at work;
* the offset moves only past the contiguous run of settled updates (committed - as soon as
  the turn committed, not once its messages went out - or skipped): an update that did not
  commit comes again, and the later ones that did are no-ops then (the store deduplicates
  update ids).

Memory stays bounded without a cap of our own: Telegram returns at most ``WINDOW`` updates from
the offset on, and the offset never passes an unsettled update, so at most ``WINDOW`` are known.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

from telegram import Bot, Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from .transport import NotCommitted, TelegramTransport, describe
from .waiting import BACKOFF_MOST, STOP_GRACE, seconds, sleep_or_stop, until_done

log = logging.getLogger(__name__)

POLL_TIMEOUT = 30  # seconds a getUpdates long poll waits for updates
WINDOW = 100  # updates per getUpdates (Telegram's most); also the most ever in flight
READ_MARGIN = 10.0  # seconds beyond the long poll before a getUpdates answer counts as lost
REFETCH = 0.5  # seconds between fetches while all Telegram returns is already in hand
RETRY_FIRST = 2.0  # seconds before a turn that did not commit is tried again (doubling)
RETRY_MOST = 30.0


class Ledger:
    """The updates fetched and not yet confirmed to Telegram: which are at work, settled
    (committed, or skipped), or to be fetched again; and the offset that confirms exactly the
    contiguous run of settled ones."""

    WORKING, SETTLED, AGAIN = "working", "settled", "again"

    def __init__(self) -> None:
        self._state: dict[int, str] = {}
        self._floor = 0  # every id below it was confirmed
        self.changed = asyncio.Event()  # set whenever the offset may have moved

    def knows(self, update_id: int) -> bool:
        """In hand: at work, or settled (a fetch that brings it again changes nothing)."""
        return update_id < self._floor or self._state.get(update_id, self.AGAIN) != self.AGAIN

    def start(self, update_id: int) -> None:
        if not self.knows(update_id):
            self._state[update_id] = self.WORKING

    def settle(self, update_id: int) -> None:
        if self._state.get(update_id) == self.WORKING:
            self._state[update_id] = self.SETTLED
            self.changed.set()

    def forget(self, update_id: int) -> None:
        """It did not commit: the offset stays before it, and the next fetch brings it again."""
        if self._state.get(update_id) == self.WORKING:
            self._state[update_id] = self.AGAIN

    @property
    def in_flight(self) -> int:
        return sum(state == self.WORKING for state in self._state.values())

    def offset(self) -> int | None:
        """The offset for the next getUpdates (None before the first update)."""
        for update_id in sorted(self._state):
            if self._state[update_id] != self.SETTLED:
                return update_id
            del self._state[update_id]  # confirmed by the next getUpdates
            self._floor = update_id + 1
        return self._floor or None


def read_batch(result: Any, bot: Bot) -> tuple[list[Update], list[int], int]:
    """getUpdates' ``result`` one item at a time: (updates read, ids of those that could not be
    read, count of items without a readable update id). Raises ValueError when the result is not
    a list (an answer of the wrong shape)."""
    if not isinstance(result, list):
        raise ValueError(f"getUpdates returned {type(result).__name__}, not a list")
    updates: list[Update] = []
    unreadable: list[int] = []
    no_id = 0
    for item in result:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            no_id += 1
            continue
        try:
            update = Update.de_json(item, bot)
        except Exception:  # the error's text may quote the update: neither is logged
            update = None
        if update is None:
            unreadable.append(update_id)
        else:
            updates.append(update)
    return updates, unreadable, no_id


class Poller:
    """The poll loop: fetch, start a turn per new update, fetch again; settle what commits."""

    def __init__(
        self,
        application: Application,
        transport: TelegramTransport,
        stop: asyncio.Event,
        *,
        backoff: float = 1.0,
        retry_first: float = RETRY_FIRST,
    ):
        self.application = application
        self.transport = transport
        self.stop = stop
        self.backoff = backoff  # seconds before fetching again after a failed getUpdates
        self.retry_first = retry_first  # before a turn that did not commit is tried again
        self.ledger = Ledger()
        self.turns: set[asyncio.Task] = set()

    async def run(self) -> None:
        delay = self.backoff
        try:
            while not self.stop.is_set():
                try:
                    updates = await self._fetch()
                except _Stopping:
                    return
                except InvalidToken:
                    raise  # nothing to retry: the bot stops (exit status 1)
                except RetryAfter as err:
                    await sleep_or_stop(self.stop, seconds(err.retry_after) + 0.5)
                    continue
                except Exception as err:  # network, 5xx, 409 Conflict, an answer of the wrong shape
                    said = (
                        err.message if isinstance(err, TelegramError) else "not a list of updates"
                    )
                    log.warning(
                        "getUpdates failed (%s: %s); retrying in %.1f s",
                        type(err).__name__,
                        said,
                        delay,
                    )
                    await sleep_or_stop(self.stop, delay)
                    delay = min(delay * 2, BACKOFF_MOST)
                    continue
                delay = self.backoff
                if updates is not None and not self._start_turns(updates):
                    await self._until_settled_or(REFETCH)  # all of it is in hand already
        finally:
            await self._finish_turns()

    async def _fetch(self) -> list[Update] | None:
        """One getUpdates through PTB's request (its errors raised as PTB raises them), read one
        update at a time. None: no updates. Raises ValueError on an answer of the wrong shape."""
        bot = self.application.bot
        data = {
            "offset": self.ledger.offset(),
            "limit": WINDOW,
            "timeout": POLL_TIMEOUT,
            "allowed_updates": Update.ALL_TYPES,
        }
        # the call Bot.get_updates makes, without its parse that fails the whole batch
        fetch = asyncio.ensure_future(
            bot._post("getUpdates", data, read_timeout=POLL_TIMEOUT + READ_MARGIN)
        )
        stopping = asyncio.ensure_future(self.stop.wait())
        await asyncio.wait([fetch, stopping], return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():  # stopping: what was fetched but not handled comes again next time
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
            raise _Stopping
        result = fetch.result()
        if result == []:
            return None
        updates, unreadable, no_id = read_batch(result, bot)
        if not updates and not unreadable:
            raise ValueError("no update in getUpdates' answer has an update_id")
        fresh = [i for i in unreadable if not self.ledger.knows(i)]
        if fresh or no_id:
            log.warning(
                "skipped %d update(s) that could not be read: update_id %s%s",
                len(fresh) + no_id,
                ", ".join(map(str, fresh)) or "-",
                f" and {no_id} without one" if no_id else "",
            )
        for update_id in fresh:  # settled as they are: the offset moves past them
            self.ledger.start(update_id)
            self.ledger.settle(update_id)
        return updates

    def _start_turns(self, updates: list[Update]) -> bool:
        """Start a turn for each update not in hand yet. False: there was none."""
        fresh = [u for u in updates if not self.ledger.knows(u.update_id)]
        log.debug(
            "getUpdates: %d update(s), %d new; %d turn(s) in flight",
            len(updates),
            len(fresh),
            len(self.turns) + len(fresh),
        )
        for update in fresh:
            self.ledger.start(update.update_id)
            task = asyncio.create_task(self._turn(update))
            self.turns.add(task)
            task.add_done_callback(self.turns.discard)
        return bool(fresh) or not updates

    async def _turn(self, update: Update) -> None:
        update_id = update.update_id
        processor = self.application.update_processor
        try:
            await processor.process_update(update, self._until_committed(update))
        except NotCommitted:
            self.ledger.forget(update_id)  # stopping: Telegram sends it again next time
            return
        except Exception as err:  # process() lets nothing else out; if it did, move on
            log.error("update %s failed: %s", update_id, describe(err))
        self.ledger.settle(update_id)

    async def _until_committed(self, update: Update) -> None:
        """Run the turn; while the store is away, try again (in the chat's place, so that the
        chat's later updates keep waiting behind it) until it commits or the bot stops."""
        delay = self.retry_first
        settled = functools.partial(self.ledger.settle, update.update_id)
        while True:
            try:
                await self.transport.process(update, committed=settled)
                return
            except NotCommitted:
                if self.stop.is_set():
                    raise
                log.warning(
                    "update %s did not commit; trying again in %.0f s", update.update_id, delay
                )
                await sleep_or_stop(self.stop, delay)
                delay = min(delay * 2, RETRY_MOST)

    async def _until_settled_or(self, most: float) -> None:
        self.ledger.changed.clear()
        changed = asyncio.ensure_future(self.ledger.changed.wait())
        stopping = asyncio.ensure_future(self.stop.wait())
        await asyncio.wait([changed, stopping], timeout=most, return_when=asyncio.FIRST_COMPLETED)
        changed.cancel()
        stopping.cancel()

    async def _finish_turns(self) -> None:
        """Stopping: the turns in flight finish (what does not commit comes again next time)."""
        if self.turns:
            await asyncio.wait(set(self.turns), timeout=STOP_GRACE)


class _Stopping(Exception):
    pass


async def poll(
    application: Application,
    transport: TelegramTransport,
    stop: asyncio.Event,
    *,
    backoff: float = 1.0,
    retry_first: float = RETRY_FIRST,
) -> None:
    """Delete any webhook, then long-poll until ``stop`` (see the module's docstring).
    ``backoff`` and ``retry_first``: the first waits before fetching again after a failed
    getUpdates and before trying again a turn that did not commit (both doubling)."""
    await until_done(stop, "deleteWebhook", application.bot.delete_webhook)
    await Poller(application, transport, stop, backoff=backoff, retry_first=retry_first).run()
