"""`between run` with a token: the Telegram bot, by long polling or behind a webhook.

Both modes acknowledge an update to Telegram only after its turn committed: polling moves its
offset only past committed updates (polling.py: we poll ourselves; PTB's Updater confirms a
batch as soon as it is fetched), and the webhook answers 200 only after the commit (webhook.py:
PTB's webhook server answers before processing). See docs/telegram.md.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
from collections.abc import Mapping
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, Job, TypeHandler
from telegram.request import BaseRequest

from bot.app import Companion
from bot.delivery import OUTBOX_LEASE, RETRY_FIRST
from bot.settings import Settings
from bot.wiring import open_companion

from .httpclient import http_request
from .limiter import ChatRateLimiter
from .polling import poll
from .transport import ChatOrderedProcessor, TelegramTransport, describe
from .waiting import STOP_GRACE, sleep_or_stop, until_done
from .webhook import serve_webhook, webhook_app

__all__ = ["attach", "build_application", "main", "poll", "run_bot", "webhook_app"]

log = logging.getLogger(__name__)

OUTBOX_INTERVAL = 5.0  # seconds between outbox drains (retries, and what a crash left)
JOBS_INTERVAL = 10.0  # longest sleep between looks at the jobs (timed steps, reminders)
_DEFAULT = object()


class StorelessApplication(Application):
    """PTB's Application without one table that only grows: with no persistence (ours is the
    store) it still notes every chat and user id it sees as "to be saved", and only a
    persistence ever empties those sets (measured by bench/soak.py; docs/persistence.md)."""

    def _mark_for_persistence_update(
        self, *, update: object | None = None, job: Job[Any] | None = None
    ) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None | object = _DEFAULT,
    read_timeout: float | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB Application: our per-chat update processor, Telegram's flood limits per chat
    (a 429 goes back to the outbox, bot/telegram/limiter.py), no Updater (we poll ourselves).
    ``request`` replaces the HTTP client (tests); ``rate_limiter=None`` turns the flood limiter
    off (benchmarks); ``read_timeout`` replaces PTB's 5 s wait for an answer to a call other
    than getUpdates (tests of sends that hang)."""
    builder = (
        ApplicationBuilder()
        .token(settings.token or "")
        .application_class(StorelessApplication)
        .concurrent_updates(ChatOrderedProcessor())
        .job_queue(None)  # timed steps and reminders are durable jobs in the store
        .updater(None)
    )  # we poll ourselves: the offset moves only past committed updates
    limiter = ChatRateLimiter() if rate_limiter is _DEFAULT else rate_limiter
    if isinstance(limiter, BaseRateLimiter):
        builder = builder.rate_limiter(limiter)
    if settings.api_base_url:
        base = settings.api_base_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if request is None:  # PTB's own, on one TLS context per process (httpclient.py)
        calls = http_request() if read_timeout is None else http_request(read_timeout=read_timeout)
        builder = builder.request(calls)
        builder = builder.get_updates_request(http_request(get_updates=True))
    else:
        builder = builder.request(request).get_updates_request(request)
    return builder.build()


def attach(
    application: Application,
    companion: Companion,
    settings: Settings,
    flows_path: str,
    *,
    lease: float = OUTBOX_LEASE,
    retry_first: float = RETRY_FIRST,
) -> TelegramTransport:
    transport = TelegramTransport(
        application,
        companion,
        admin_ids=settings.admin_ids,
        flows_path=flows_path,
        lease=lease,
        retry_first=retry_first,
    )
    application.add_handler(TypeHandler(Update, transport.on_update))
    return transport


async def drain_outbox_forever(
    transport: TelegramTransport, stop: asyncio.Event, every: float = OUTBOX_INTERVAL
) -> None:
    while not stop.is_set():
        try:
            await transport.drain_outbox()
        except Exception as err:  # the database may be briefly away: try again later
            log.warning("outbox drain failed: %s", describe(err))
        await sleep_or_stop(stop, every)


MAINTENANCE_EVERY = 24 * 3600.0


async def maintain(companion: Companion, settings: Settings) -> int:
    """Daily upkeep: forget old update ids and, when RETENTION_DAYS is set, purge
    conversations untouched for that long. Returns the rows removed."""
    return await companion.purge_stale(settings.retention_days)


async def maintain_forever(companion: Companion, settings: Settings, stop: asyncio.Event) -> None:
    await sleep_or_stop(stop, 60.0)  # not in the way of start-up
    while not stop.is_set():
        try:
            removed = await maintain(companion, settings)
            log.info("daily upkeep removed %d stale row(s)", removed)
        except Exception as err:
            log.warning("daily upkeep failed: %s", describe(err))
        await sleep_or_stop(stop, MAINTENANCE_EVERY)


async def run_jobs_forever(transport: TelegramTransport, stop: asyncio.Event) -> None:
    """Timed steps and reminders: handle what is due, then sleep until the next one is due,
    a turn schedules one, or JOBS_INTERVAL has passed (another worker may have added some)."""
    while not stop.is_set():
        wait = JOBS_INTERVAL
        try:
            transport.jobs_changed.clear()
            handled = await transport.run_due_jobs()
            wait = await transport.next_job_in(JOBS_INTERVAL)
            if not handled:  # what is due is leased by another worker (or of a kind not ours)
                wait = max(wait, 1.0)
        except Exception as err:
            log.warning("running due jobs failed: %s", describe(err))
        changed = asyncio.ensure_future(transport.jobs_changed.wait())
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait([changed, stopping], timeout=wait, return_when=asyncio.FIRST_COMPLETED)
        changed.cancel()
        stopping.cancel()


def settle_memory() -> None:
    """Once everything is loaded, before serving: what start-up built (flows, machines, the
    crisis rules and model, libraries: ~165,000 objects) lives as long as the process, so it
    is moved out of the collector's sight (``gc.freeze``). Otherwise every full collection
    walks all of it again: ~3 in 6,000 turns, tens of milliseconds each, paid by whichever
    turn is running (bench/compare_bench.py; docs/performance.md). Garbage made while serving
    is collected as before."""
    gc.collect()
    gc.freeze()


def _lease(env: Mapping[str, str]) -> float:
    """BETWEEN_OUTBOX_LEASE: how long a claimed message is held before another sender may send
    it (after a crash, what was in flight goes out again this many seconds later)."""
    found = _seconds(env, "BETWEEN_OUTBOX_LEASE")
    return OUTBOX_LEASE if found is None else max(found, 1.0)


def _seconds(env: Mapping[str, str], name: str) -> float | None:
    """A positive number of seconds from ``env[name]``; None when unset or unreadable."""
    try:
        value = float(env.get(name, ""))
    except ValueError:
        return None
    return value if 0 < value < float("inf") else None


async def main(settings: Settings, flows_path: str) -> int:

    companion = await open_companion(settings, flows_path)
    # Tests of sends that hang shorten these (BETWEEN_SEND_TIMEOUT: PTB's 5 s wait for an
    # answer; BETWEEN_OUTBOX_RETRY: the first retry's 5 s and the drain's 5 s between looks).
    retry = _seconds(os.environ, "BETWEEN_OUTBOX_RETRY")
    application = build_application(
        settings, read_timeout=_seconds(os.environ, "BETWEEN_SEND_TIMEOUT")
    )
    transport = attach(
        application,
        companion,
        settings,
        flows_path,
        lease=_lease(os.environ),
        retry_first=RETRY_FIRST if retry is None else retry,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGHUP, lambda: asyncio.ensure_future(_log_reload(transport)))
    status = 1
    try:
        async with application:
            try:
                await application.start()
                status = await _serve(application, transport, settings, companion, stop, retry)
            finally:
                if application.running:
                    await application.stop()
    except InvalidToken:
        log.critical("Telegram refused the token (TELEGRAM_BOT_TOKEN)")
    except TelegramError as err:
        log.critical(
            "cannot start: Telegram is unreachable (%s: %s)", type(err).__name__, err.message
        )
    finally:
        await companion.close()
    log.info("bot stopped")
    return status


async def _serve(
    application: Application,
    transport: TelegramTransport,
    settings: Settings,
    companion: Companion,
    stop: asyncio.Event,
    retry: float | None = None,
) -> int:
    """Run until SIGTERM/SIGINT (0) or until a part fails for good (1), then stop gracefully."""
    every = min(OUTBOX_INTERVAL, retry or OUTBOX_INTERVAL)
    status = 0
    await until_done(stop, "setMyCommands", transport.register_commands)
    settle_memory()
    mode = "webhook" if settings.webhook_url else "polling"
    tasks = [
        asyncio.create_task(drain_outbox_forever(transport, stop, every), name="outbox"),
        asyncio.create_task(run_jobs_forever(transport, stop), name="jobs"),
        asyncio.create_task(maintain_forever(companion, settings, stop), name="upkeep"),
    ]
    if settings.webhook_url:
        tasks.append(
            asyncio.create_task(
                serve_webhook(application, transport, settings, stop, companion), name=mode
            )
        )
    else:
        tasks.append(asyncio.create_task(poll(application, transport, stop), name=mode))
    log.info("bot running (%s), flows %s", mode, companion.flowset.version)
    stopping = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        error = None if task is stopping or task.cancelled() else task.exception()
        if error is not None:
            log.critical("%s stopped: %s", task.get_name(), describe(error))
            status = 1
    stop.set()
    _, pending = await asyncio.wait(tasks, timeout=STOP_GRACE)
    for task in pending:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    processor = application.update_processor
    if isinstance(processor, ChatOrderedProcessor) and not await processor.wait_idle(STOP_GRACE):
        log.warning("stopping with turns still running; Telegram sends their updates again")
    return status


async def _log_reload(transport: TelegramTransport) -> None:
    try:
        lines = await transport.reload()
    except Exception as err:
        log.error("reload failed: %s", describe(err))
        return
    for line in lines:
        log.info("reload: %s", line)


def run_bot(settings: Settings, flows_path: str) -> int:
    return asyncio.run(main(settings, flows_path))
