"""The webhook: Telegram POSTs each update; we answer 200 only once its turn committed.

The server is exposed to the internet, so a request costs us little until it proved to come
from Telegram: the secret header is checked before the body is read (a wrong one is answered
403 and the connection closed, the body never read), a body is at most ``MAX_BODY`` bytes (413),
and slow or half-sent requests are cut off (``WebhookLimits``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlparse

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.app import Companion
from bot.settings import Settings

from .transport import NotCommitted, TelegramTransport
from .waiting import until_done

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# An update is JSON text: a 4,096-character message with its entities and the message it
# replies to is tens of kilobytes. Files never come inline (only their ids).
MAX_BODY = 1024 * 1024


@dataclass(frozen=True)
class WebhookLimits:
    """Seconds a connection may take: to send a request's headers, or to sit idle between
    requests (``idle``); to send a body once its headers came (``body``)."""

    idle: float = 20.0
    body: float = 20.0
    max_body: int = MAX_BODY


def webhook_app(
    application: Application,
    transport: TelegramTransport,
    companion: Companion,
    path: str,
    secret: str,
    *,
    max_body: int = MAX_BODY,
) -> tornado.web.Application:
    """The tornado app: POST ``path`` runs the turn and answers 200 only after its commit (503
    when it did not commit, so Telegram sends it again); 403 for a missing or wrong secret;
    400 for what is not an update; 413 for a body over ``max_body``; GET /healthz for monitors."""

    @tornado.web.stream_request_body
    class UpdateHandler(tornado.web.RequestHandler):
        def check_xsrf_cookie(self) -> None:
            return None

        def prepare(self) -> None:
            """Runs once the headers are in, before any of the body is read."""
            self._body = bytearray()
            given = self.request.headers.get(SECRET_HEADER, "")
            if not secrets.compare_digest(given.encode(), secret.encode()):
                self._refuse(403)  # the connection closes: its body is never read
                return
            declared = self.request.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_body:
                self._refuse(413)

        def data_received(self, chunk: bytes) -> None:
            if len(self._body) + len(chunk) > max_body:  # a chunked body, longer than allowed
                self._refuse(413)
                return
            self._body += chunk

        def _refuse(self, status: int) -> None:
            if not self._finished:
                self.set_status(status)
                self.finish()

        async def post(self) -> None:
            if self._finished:
                return
            status = await handle_update(application, transport, bytes(self._body))
            self.set_status(status)

    class HealthHandler(tornado.web.RequestHandler):
        async def get(self) -> None:
            self.write({"ok": True, "flows": companion.flowset.version})

    return tornado.web.Application([(path, UpdateHandler), (r"/healthz", HealthHandler)])


async def handle_update(application: Application, transport: TelegramTransport, body: bytes) -> int:
    """One POSTed update, from a sender that knew the secret: the HTTP status to answer."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
        return 400
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return 400
    try:
        update = Update.de_json(data, application.bot)
    except Exception:  # its error may quote the update: neither is logged
        update = None
    if update is None:
        # an update PTB cannot read (a field missing, an older Bot API server): taking it
        # keeps Telegram from sending it again, and again
        log.warning("skipped 1 update that could not be read: update_id %s", update_id)
        return 200
    try:
        await application.update_processor.process_update(update, transport.process(update))
    except NotCommitted:
        return 503
    return 200


def webhook_server(
    app: tornado.web.Application, limits: WebhookLimits = WebhookLimits()
) -> tornado.httpserver.HTTPServer:
    """The HTTP server for :func:`webhook_app`, with its timeouts and size limits."""
    return tornado.httpserver.HTTPServer(
        app,
        idle_connection_timeout=limits.idle,  # also how long a request's headers may take
        body_timeout=limits.body,
        # a backstop above the handler's own limit (which answers 413 rather than 400)
        max_body_size=2 * limits.max_body,
        max_buffer_size=2 * limits.max_body,
    )


async def serve_webhook(
    application: Application,
    transport: TelegramTransport,
    settings: Settings,
    stop: asyncio.Event,
    companion: Companion,
) -> None:
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    path = urlparse(settings.webhook_url or "").path or "/"
    server = webhook_server(webhook_app(application, transport, companion, path, secret))
    server.listen(settings.port, address=settings.webhook_listen)
    log.info(
        "webhook listening on %s port %s",
        settings.webhook_listen or "all interfaces",
        settings.port,
    )
    try:
        await until_done(
            stop,
            "setWebhook",
            lambda: application.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
            ),
        )
        await stop.wait()
    finally:
        server.stop()  # no new requests; turns in flight finish (the caller waits for them)
