"""`between run` with a token: the Telegram bot, by long polling or behind a webhook."""
from __future__ import annotations

import asyncio
import json
import logging
import secrets
import signal
from urllib.parse import urlparse

from telegram import Update
from telegram.error import NetworkError, TimedOut
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, TypeHandler

from bot.app import Companion
from bot.settings import Settings

from .transport import ChatOrderedProcessor, NotCommitted, TelegramTransport

log = logging.getLogger(__name__)

POLL_TIMEOUT = 30
OUTBOX_INTERVAL = 5.0


def build_application(settings: Settings, *, request=None) -> Application:
    builder = (ApplicationBuilder().token(settings.token)
               .concurrent_updates(ChatOrderedProcessor())
               .rate_limiter(AIORateLimiter(max_retries=3))
               .updater(None))  # we poll ourselves: the offset moves only past committed updates
    if settings.api_base_url:
        base = settings.api_base_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    return builder.build()


def attach(application: Application, companion: Companion, settings: Settings, flows_path: str) -> TelegramTransport:
    transport = TelegramTransport(application, companion, admin_ids=settings.admin_ids, flows_path=flows_path)
    application.add_handler(TypeHandler(Update, transport.on_update))
    return transport


async def process_batch(application: Application, transport: TelegramTransport, updates: list[Update]) -> int | None:
    """Process updates (chats in parallel, each chat in order). Returns the offset to confirm."""
    processor = application.update_processor
    by_chat: dict[int, list[Update]] = {}
    for update in updates:
        chat = update.effective_chat.id if update.effective_chat else 0
        by_chat.setdefault(chat, []).append(update)
    failed: list[int] = []

    async def run_chat(chat_updates: list[Update]) -> None:
        for update in chat_updates:
            try:
                await processor.process_update(update, transport.process(update))
            except NotCommitted:
                failed.append(update.update_id)
                return  # keep this chat's order: the rest comes again with it

    await asyncio.gather(*(run_chat(group) for group in by_chat.values()))
    if failed:
        return min(failed)  # everything before it committed; later ones are deduplicated
    return updates[-1].update_id + 1 if updates else None


async def poll(application: Application, transport: TelegramTransport, stop: asyncio.Event) -> None:
    offset = None
    delay = 1.0
    await application.bot.delete_webhook()
    while not stop.is_set():
        try:
            updates = await application.bot.get_updates(offset=offset, timeout=POLL_TIMEOUT,
                                                        allowed_updates=Update.ALL_TYPES)
        except (TimedOut, NetworkError) as err:
            log.warning("getUpdates failed (%s); retrying in %.0fs", type(err).__name__, delay)
            await _sleep_or_stop(stop, delay)
            delay = min(delay * 2, 60)
            continue
        delay = 1.0
        if not updates:
            continue
        next_offset = await process_batch(application, transport, list(updates))
        if next_offset is not None and next_offset <= updates[-1].update_id:
            log.warning("some updates did not commit; fetching them again shortly")
            await _sleep_or_stop(stop, 2.0)
        offset = next_offset


async def drain_outbox_forever(transport: TelegramTransport, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await transport.drain_outbox()
        except Exception as err:  # the database may be briefly away: try again later
            log.warning("outbox drain failed (%s)", type(err).__name__)
        await _sleep_or_stop(stop, OUTBOX_INTERVAL)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass


async def serve_webhook(application: Application, transport: TelegramTransport, settings: Settings,
                        stop: asyncio.Event, companion: Companion) -> None:
    """Answer 200 only after the turn committed; 403 for a wrong secret; /healthz for monitors."""
    import tornado.web

    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    path = urlparse(settings.webhook_url).path or "/"

    class UpdateHandler(tornado.web.RequestHandler):
        async def post(self) -> None:
            if not secrets.compare_digest(self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), secret):
                self.set_status(403)
                return
            try:
                update = Update.de_json(json.loads(self.request.body), application.bot)
            except (ValueError, TypeError, KeyError):
                self.set_status(400)
                return
            try:
                await application.update_processor.process_update(update, transport.process(update))
            except NotCommitted:
                self.set_status(503)
                return
            self.set_status(200)

    class HealthHandler(tornado.web.RequestHandler):
        async def get(self) -> None:
            self.write({"ok": True, "flows": companion.flowset.version})

    app = tornado.web.Application([(path, UpdateHandler), (r"/healthz", HealthHandler)])
    server = app.listen(settings.port, address="0.0.0.0")
    await application.bot.set_webhook(settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
    log.info("webhook listening on port %s", settings.port)
    try:
        await stop.wait()
    finally:
        server.stop()


async def main(settings: Settings, flows_path: str) -> int:
    from bot.cli import open_companion

    companion = await open_companion(settings, flows_path)
    application = build_application(settings)
    transport = attach(application, companion, settings, flows_path)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGHUP, lambda: asyncio.ensure_future(_log_reload(transport)))
    async with application:
        await application.start()
        await transport.register_commands()
        tasks = [asyncio.create_task(drain_outbox_forever(transport, stop))]
        if settings.webhook_url:
            tasks.append(asyncio.create_task(serve_webhook(application, transport, settings, stop, companion)))
        else:
            tasks.append(asyncio.create_task(poll(application, transport, stop)))
        log.info("bot running (%s), flows %s", "webhook" if settings.webhook_url else "polling", companion.flowset.version)
        await stop.wait()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await application.stop()
    await companion.store.close()
    return 0


async def _log_reload(transport: TelegramTransport) -> None:
    for line in await transport.reload():
        log.info("reload: %s", line)


def run_bot(settings: Settings, flows_path: str) -> int:
    return asyncio.run(main(settings, flows_path))
