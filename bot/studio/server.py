"""`between studio`: a local web page to write, see, try and pin the practices.

Tornado (already here with python-telegram-bot's webhooks) serves one page and a small JSON
API. It listens on 127.0.0.1; another address needs the token printed at start. Every request
must name this machine in its Host header (no DNS rebinding) and every change (POST) carries
the page's token, so another web page open in the same browser cannot drive the studio.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback
from tornado.netutil import bind_sockets

from .diagram import Counts
from .panels import Panel, panels
from .preview import PreviewError, Previews
from .workspace import OPENING, Workspace, transcript_coverage

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")
POLL_SECONDS = 1.0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class Studio:
    """Everything one running studio knows; the handlers only translate HTTP to these calls."""

    workspace: Workspace
    transcripts: Path
    database_url: str | None = None
    data_key: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    open_access: bool = True  # loopback: the page needs no token, only its changes do
    safety: Any = None
    previews: Previews = field(default_factory=Previews)
    tools: list[Panel] = field(default_factory=list)
    _coverage: asyncio.Task[None] | None = None
    counts_error: str | None = None
    drop_off: dict[str, Any] | None = None

    def start(self) -> None:
        self.workspace.load()
        if self.workspace.good is not None:
            from bot.wiring import load_content

            self.safety = load_content(self.workspace.registry).safety
        self.tools = panels(self.safety)

    @property
    def loaded(self) -> tuple[Any, Any]:
        if self.workspace.good is None:
            raise PreviewError("the flows have never loaded: fix the problems listed first")
        return self.workspace.good, self.safety

    def poll(self) -> None:
        if self.workspace.refresh() and not self.workspace.broken:
            self.cover()

    def cover(self) -> None:
        """Work out the transcripts' coverage in the background (a few seconds)."""
        if self._coverage is not None and not self._coverage.done():
            self._coverage.cancel()
        self.workspace.covered = None
        self._coverage = asyncio.get_running_loop().create_task(self._cover())

    async def _cover(self) -> None:
        try:
            self.workspace.covered = await transcript_coverage(
                self.workspace.registry, self.transcripts, self.loaded
            )
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the page says coverage is unknown
            log.exception("working out transcript coverage failed")
            self.workspace.covered = {}

    async def count(self) -> dict[str, Any]:
        """Drop-off figures from the store the bot runs on (counts only)."""
        from bot.dropoff import drop_off, missing_database
        from persistence import Store, StoreError

        url = self.database_url
        missing = "no DATABASE_URL" if not url else missing_database(url)
        if missing or not url:
            self.counts_error = missing
            self.workspace.counts = {}
            return {"flows": {}}
        try:
            store = await Store.open(url, data_key=self.data_key)
        except StoreError as err:
            self.counts_error = str(err)
            return {"flows": {}}
        try:
            figures = await drop_off(store, self.workspace.good)
        finally:
            await store.close()
        self.counts_error = None
        self.drop_off = figures
        counts: dict[tuple[str, str], dict[str, Counts]] = {}
        for flow, data in figures["flows"].items():
            for week, figures_week in [("all", data["total"]), *data["weeks"].items()]:
                counts[(flow, week)] = {
                    state: Counts(**c) for state, c in figures_week["states"].items()
                }
        self.workspace.counts = counts
        return figures

    async def save(self, run_id: str, name: str, comment: str) -> dict[str, Any]:
        """Write the run as a golden transcript, then replay it as `between test` would."""
        from bot.transcripts import Coverage, parse_transcript, run_script

        path = self.previews.save(run_id, self.transcripts, name, comment)
        script = parse_transcript(path.read_text(encoding="utf-8"), str(path))
        async with OPENING:
            failures = await run_script(script, self.loaded, Coverage())
        return {"path": str(path), "passed": not failures, "failures": failures}


class _Handler(tornado.web.RequestHandler):
    studio: Studio

    def initialize(self, studio: Studio) -> None:
        self.studio = studio

    def prepare(self) -> None:
        host = (
            self.request.host.rsplit(":", 1)[0]
            if not self.request.host.endswith("]")
            else self.request.host
        )
        if self.studio.open_access and not is_loopback(host):
            raise tornado.web.HTTPError(403, "the studio answers only on this machine")
        if not self.studio.open_access and not self._has_token():
            raise tornado.web.HTTPError(403, "open the address with ?token= printed at start")
        if self.request.method == "POST" and not hmac.compare_digest(
            self.request.headers.get("X-Studio-Token", ""), self.studio.token
        ):
            raise tornado.web.HTTPError(403, "missing or wrong studio token")

    def _has_token(self) -> bool:
        given = (
            self.get_query_argument("token", "")
            or self.get_cookie("studio_token", "")
            or self.request.headers.get("X-Studio-Token", "")
        )
        return hmac.compare_digest(given or "", self.studio.token)

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; "
            "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        )

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError as err:
            raise tornado.web.HTTPError(400, "the body is not JSON") from err
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(400, "the body is not a JSON object")
        return data

    def reply(self, data: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = self._reason
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, tornado.web.HTTPError) and exc.log_message:
            reason = exc.log_message
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": reason}))


class PageHandler(_Handler):
    def get(self) -> None:
        if not self.studio.open_access:
            self.set_cookie("studio_token", self.studio.token, httponly=True, samesite="Strict")
        page = (STATIC / "studio.html").read_text(encoding="utf-8")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page.replace("{{token}}", self.studio.token))


class StateHandler(_Handler):
    def get(self) -> None:
        data = self.studio.workspace.summary()
        data["panels"] = [p.to_json() for p in self.studio.tools]
        data["counts_error"] = self.studio.counts_error
        self.reply(data)


class FlowHandler(_Handler):
    def get(self, flow_id: str) -> None:
        view = self.studio.workspace.flow_view(flow_id, self.get_query_argument("week", "all"))
        if view is None:
            raise tornado.web.HTTPError(404, f"no flow '{flow_id}'")
        self.reply(view)


class SourceHandler(_Handler):
    def get(self) -> None:
        source = self.studio.workspace.source(self.get_query_argument("path", ""))
        if source is None:
            raise tornado.web.HTTPError(404, "no such content file")
        self.reply(source)


class ChatHandler(_Handler):
    async def post(self, action: str) -> None:
        data = self.body()
        previews = self.studio.previews
        try:
            if action == "start":
                run, messages = await previews.start(
                    self.studio.loaded,
                    str(data.get("flow", "")),
                    data.get("state") or None,
                    training=bool(data.get("training")),
                )
                self.reply({"id": run.id, "messages": messages, "savable": run.savable})
            elif action == "send":
                run_id = str(data.get("id", ""))
                messages = await previews.send(run_id, str(data.get("text", "")))
                self.reply({"messages": messages, "ended": previews.runs[run_id].ended})
            elif action == "transcript":
                self.reply({"text": previews.transcript(str(data.get("id", "")))})
            elif action == "save":
                self.reply(
                    await self.studio.save(
                        str(data.get("id", "")),
                        str(data.get("name", "")).strip(),
                        str(data.get("comment", "")),
                    )
                )
            else:
                raise tornado.web.HTTPError(404)
        except PreviewError as err:
            self.set_status(400)
            self.reply({"error": str(err)})


class TryHandler(_Handler):
    def post(self, name: str) -> None:
        panel = next((p for p in self.studio.tools if p.name == name), None)
        if panel is None:
            raise tornado.web.HTTPError(404, f"no panel '{name}'")
        self.reply(panel.run(str(self.body().get("text", ""))[:4096]))


class StatsHandler(_Handler):
    async def get(self) -> None:
        figures = await self.studio.count()
        self.reply({**figures, "error": self.studio.counts_error})


def make_app(studio: Studio) -> tornado.web.Application:
    args = {"studio": studio}
    return tornado.web.Application(
        [
            (r"/", PageHandler, args),
            (r"/api/state", StateHandler, args),
            (r"/api/flow/([a-z][a-z0-9_]*)", FlowHandler, args),
            (r"/api/source", SourceHandler, args),
            (r"/api/chat/(start|send|transcript|save)", ChatHandler, args),
            (r"/api/try/([a-z_]+)", TryHandler, args),
            (r"/api/stats", StatsHandler, args),
            (r"/static/(.*)", tornado.web.StaticFileHandler, {"path": str(STATIC)}),
        ],
        xsrf_cookies=False,
    )  # our own token header instead (JSON API)


async def serve(studio: Studio, host: str, port: int, *, ready: Any = None) -> None:
    """Serve until cancelled. ``ready(port)`` is called once listening (port 0: any free)."""
    studio.start()
    sockets = bind_sockets(port, address=host)
    server = HTTPServer(make_app(studio))
    server.add_sockets(sockets)
    bound = sockets[0].getsockname()[1]
    watcher = PeriodicCallback(studio.poll, POLL_SECONDS * 1000)
    watcher.start()
    studio.cover()
    await studio.count()
    if ready is not None:
        ready(bound)
    try:
        await asyncio.Event().wait()
    finally:
        watcher.stop()
        server.stop()
        await studio.previews.close_all()
