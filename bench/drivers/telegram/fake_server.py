"""A local fake Bot API server for end-to-end tests.

The bot under test reaches it like any Bot API server (``TELEGRAM_API_BASE_URL``; in PTB terms
``base_url=server.base_url``, ``base_file_url=server.base_file_url``). It answers the methods of
:class:`simulator.BotApiCore` over HTTP (form-encoded, multipart or JSON bodies), long-polls
getUpdates with Telegram's offset rules, delivers updates to a webhook set with setWebhook (with
the secret-token header, redelivering until the bot answers 2XX), checks every request against
``api.json`` and can fail the next calls of a method. Beyond Telegram's own errors it injects
what Telegram should never send (``answer_next_raw``: garbage, ``null``, a result of the wrong
shape; malformed updates need only ``push_update``) and faults of one chat next to healthy ones
(``fail_chat``: hangs, long 429s, slowness).

A test plays the user through a small client API::

    async with FakeBotApi() as server:                      # in the test's event loop
        ... start the bot with base_url=server.base_url ...
        sent = server.user_sends_text(42, "hi")
        reply = await server.wait_for_message(42, after=sent)
        server.user_presses(42, reply.message_id, label="Yes")
        server.assert_no_violations()

    with FakeBotApi().running_in_thread() as server:       # its own loop, in a thread
        ... run `between run` as a subprocess with env=server.env() ...
        reply = server.wait_for_message_sync(42, timeout=10)

All client methods are thread-safe; the waits are woken by changes, they do not poll.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.telegram.httpclient import tls_context

from bench.drivers.telegram.botapi_schema import BotApiSchema
from bench.drivers.telegram.recording import file_upload
from bench.drivers.telegram.simulator import BotApiCore, BotMessage, Call, Fault
from bench.drivers.telegram.updates import TOKEN, UpdateFactory, bot_user, private_chat, user_json

__all__ = ["Delivery", "FakeBotApi", "RawAnswer", "UserAction", "application_for", "free_port",
           "serving"]


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago (for servers that cannot report the port they bound)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class UserAction:
    """What a simulated user just did: the update queued for the bot, and the user's message id
    (pass it as ``after=`` to wait for the bot's reply) or callback query id."""

    update_id: int
    message_id: int | None = None
    query_id: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One attempt to POST an update to the webhook."""

    update_id: int
    url: str
    status: int | None  # None: no HTTP answer (connection refused, timeout)
    error: str | None = None
    secret_sent: bool = False


class _MethodHandler(tornado.web.RequestHandler):
    """``/bot<token>/<method>``: one Bot API request."""

    server: FakeBotApi

    def initialize(self, server: FakeBotApi) -> None:
        self.server = server
        self._gone = asyncio.Event()

    def on_connection_close(self) -> None:
        self._gone.set()

    def check_xsrf_cookie(self) -> None:  # API clients send no cookies
        return None

    async def get(self, token: str, method: str) -> None:
        await self._handle(token, method)

    async def post(self, token: str, method: str) -> None:
        await self._handle(token, method)

    def _reply(self, status: int, body: Mapping[str, Any]) -> None:
        if self._gone.is_set():
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def _reply_raw(self, status: int, body: bytes) -> None:
        if self._gone.is_set():
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(body)

    def _params(self, method: str) -> dict[str, Any]:
        request = self.request
        params: dict[str, Any] = {}
        for source in (request.query_arguments, request.body_arguments):
            for key, values in source.items():
                params[key] = values[-1].decode("utf-8", "replace")
        content_type = request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and request.body:
            data = json.loads(request.body)
            if not isinstance(data, dict):
                raise ValueError("a JSON body must be an object")
            params.update(data)
        fields = self.server.core.schema.fields(method)
        for name, files in request.files.items():
            if name in fields and files:
                upload = files[-1]
                params[name] = file_upload((upload.filename, upload.body, upload.content_type))
        return params

    async def _handle(self, token: str, method: str) -> None:
        server = self.server
        if token != server.token:
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        try:
            params = self._params(method)
        except ValueError as exc:
            self._reply(400, {"ok": False, "error_code": 400,
                              "description": f"Bad Request: {exc}"})
            return
        core = server.core
        call, fault = core.begin(method, params)
        raw = server._take_raw(call.method)
        if raw is not None:  # a broken answer: garbage, or JSON of the wrong shape
            if call.method == "getUpdates":
                core.confirm(params.get("offset") and int(params["offset"]))
            core.finish(call, raw.status, {"ok": False, "description": "injected raw answer"})
            self._reply_raw(raw.status, raw.body)
            return
        chat_fault = server._chat_fault(call)
        if chat_fault is not None:
            fault = call.fault = chat_fault
        if fault is not None and fault.kind == "slow":
            await server._pause(fault.delay or 0.0, self._gone)
        if fault is not None and fault.kind == "timeout":
            if fault.delivered:
                core.respond(call, None)
                server._after(call)
            core.lose_answer(call)
            # Hold the answer until the client gives up (or ``delay`` or the server stops).
            await server._pause(fault.delay if fault.delay is not None else 300.0, self._gone)
            self._reply(504, {"ok": False, "error_code": 504, "description": "Gateway Timeout"})
            return
        status, body = await core.answer(call, fault)
        server._after(call)
        self._reply(status, body)


@dataclass(frozen=True)
class RawAnswer:
    """An answer given as it is, whatever the request: a body that is not JSON, or JSON of a shape
    Telegram never sends (``null``, ``{"ok": true}`` without a result, ...)."""

    body: bytes
    status: int = 200


class _NotFound(tornado.web.RequestHandler):
    def prepare(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}))


class FakeBotApi:
    """A Bot API server on 127.0.0.1 (ephemeral port) backed by a strict :class:`BotApiCore`."""

    def __init__(
        self,
        *,
        token: str = TOKEN,
        schema: BotApiSchema | None = None,
        bot: Mapping[str, Any] | None = None,
        host: str = "127.0.0.1",
        webhook_retry_delay: float = 0.05,
        webhook_timeout: float = 10.0,
    ):
        self.token = token
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else None
        self.core = BotApiCore(
            strict=True,
            schema=schema,
            bot=bot or (bot_user(bot_id) if bot_id else bot_user()),
        )
        self.host = host
        self.port: int | None = None
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_timeout = webhook_timeout
        self.deliveries: list[Delivery] = []
        self._user_log: dict[int, list[tuple[int, str]]] = {}
        self._http: tornado.httpserver.HTTPServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._delivery_task: asyncio.Task | None = None
        self._thread: threading.Thread | None = None
        self._thread_stop: asyncio.Event | None = None
        self._raw: dict[str, list[RawAnswer]] = {}
        self._chat_faults: dict[str, Fault] = {}

    # -- addresses -----------------------------------------------------------------------------

    @property
    def api_root(self) -> str:
        """``http://127.0.0.1:PORT`` - the counterpart of ``https://api.telegram.org``."""
        if self.port is None:
            raise RuntimeError("the fake Bot API server is not running")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url`` (the token is appended): ``http://127.0.0.1:PORT/bot``."""
        return f"{self.api_root}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.api_root}/file/bot"

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a bot subprocess: token and API base URL (the root; the bot appends
        ``/bot``)."""
        return {"TELEGRAM_BOT_TOKEN": self.token, "TELEGRAM_API_BASE_URL": self.api_root, **extra}

    # -- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> FakeBotApi:
        """Serve in the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self.core.closed = False
        app = tornado.web.Application(
            [
                (r"/bot([^/]+)/([A-Za-z0-9_]+)/?", _MethodHandler, {"server": self}),
                (r".*", _NotFound),
            ]
        )
        sockets = tornado.netutil.bind_sockets(0, self.host, family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._http = tornado.httpserver.HTTPServer(app, max_body_size=60 * 1024 * 1024)
        self._http.add_sockets(sockets)
        self._delivery_task = asyncio.ensure_future(self._deliver_webhooks())
        return self

    async def stop(self) -> None:
        if self._http is None:
            return
        assert self._stopping is not None
        self._stopping.set()
        with self.core.lock:
            self.core.closed = True
        self.core.notifier.notify()
        self._http.stop()
        if self._delivery_task is not None:
            self._delivery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._delivery_task
        # let handlers that were released by ``closed`` answer before connections are closed
        await asyncio.sleep(0)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._http.close_all_connections(), 5)
        self._http = None

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def start_in_thread(self) -> FakeBotApi:
        """Serve from a background thread with its own event loop (for a bot in a subprocess,
        or a synchronous test)."""
        ready = threading.Event()
        failure: list[BaseException] = []

        async def main() -> None:
            self._thread_stop = asyncio.Event()
            try:
                await self.start()
            except BaseException as exc:  # pragma: no cover - reported to the caller
                failure.append(exc)
                ready.set()
                return
            ready.set()
            await self._thread_stop.wait()
            await self.stop()

        self._thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True,
                                        name="fake-bot-api")
        self._thread.start()
        ready.wait(10)
        if failure:
            raise failure[0]
        return self

    def stop_thread(self, timeout: float = 10.0) -> None:
        if self._thread is None:
            return
        loop, stop = self._loop, self._thread_stop
        if loop is not None and stop is not None:
            loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)
        self._thread = None

    @contextlib.contextmanager
    def running_in_thread(self) -> Iterator[FakeBotApi]:
        self.start_in_thread()
        try:
            yield self
        finally:
            self.stop_thread()

    async def _pause(self, seconds: float, gone: asyncio.Event | None = None) -> None:
        """Wait ``seconds``, less if the server stops or the client hangs up."""
        events = [e for e in (self._stopping, gone) if e is not None]
        waiters = [asyncio.ensure_future(e.wait()) for e in events]
        try:
            await asyncio.wait(waiters, timeout=seconds)
        finally:
            for waiter in waiters:
                waiter.cancel()

    def _after(self, call: Call) -> None:
        """Bookkeeping after a request took effect."""
        if call.method == "setWebhook" and call.ok:
            self.core.notifier.notify()

    # -- webhook delivery ----------------------------------------------------------------------

    async def _deliver_webhooks(self) -> None:
        core = self.core
        assert self._stopping is not None
        async with httpx.AsyncClient(timeout=self.webhook_timeout, verify=tls_context()) as client:
            while not self._stopping.is_set():

                def work() -> Any:
                    if self._stopping.is_set():
                        return "stop"
                    url = core.webhook.get("url")
                    return url if url and core.updates else None

                job = await core.notifier.wait_until(work, None)
                if job == "stop":
                    return
                with core.lock:
                    # updates of kinds the bot did not ask for are dropped, as Telegram does
                    core.updates = [u for u in core.updates if core._allowed(u)]
                    if not core.updates or core.webhook.get("url") != job:
                        continue
                    update = copy.deepcopy(core.updates[0])
                    secret = core.webhook.get("secret_token")
                headers = {"Content-Type": "application/json"}
                if secret:
                    headers["X-Telegram-Bot-Api-Secret-Token"] = secret
                status: int | None
                try:
                    response = await client.post(job, content=json.dumps(update), headers=headers)
                    status, error = response.status_code, None
                    if not 200 <= status < 300:
                        error = f"Wrong response from the webhook: {status} {response.reason_phrase}"
                except httpx.HTTPError as exc:
                    status, error = None, f"{type(exc).__name__}: {exc}"
                with core.lock:
                    self.deliveries.append(
                        Delivery(update["update_id"], job, status, error, bool(secret))
                    )
                    if error is None:
                        core.updates = [
                            u for u in core.updates if u["update_id"] != update["update_id"]
                        ]
                    else:
                        core.webhook["last_error_date"] = int(time.time())
                        core.webhook["last_error_message"] = error
                core.notifier.notify()
                if error is not None:
                    url_now = job

                    def changed() -> bool:
                        return self._stopping.is_set() or core.webhook.get("url") != url_now

                    with contextlib.suppress(TimeoutError):
                        await core.notifier.wait_until(changed, self.webhook_retry_delay)

    # -- the simulated user --------------------------------------------------------------------

    @property
    def factory(self) -> UpdateFactory:
        """Builds updates of every kind (sticker, photo, poll, ...) for :meth:`push_update`."""
        return self.core.factory

    def add_user(self, user_id: int, first_name: str | None = None) -> None:
        """A user who already opened the bot (so the bot may message them first)."""
        self.core.add_user(user_id, first_name)

    def push_update(self, update: Mapping[str, Any]) -> UserAction:
        """Queue any update (e.g. ``server.factory.sticker(42)``) for the bot."""
        update_id = self.core.push_update(update)
        message = next(
            (v for k, v in update.items() if isinstance(v, dict) and "message_id" in v), None
        )
        query = update.get("callback_query")
        if message is not None and message.get("chat", {}).get("type") == "private":
            self._log(message["chat"]["id"], message["message_id"],
                      message.get("text") or message.get("caption") or f"[{_kind(message)}]")
        return UserAction(
            update_id,
            message_id=message["message_id"] if message else None,
            query_id=query["id"] if query else None,
        )

    def user_sends_text(self, user_id: int, text: str, *, first_name: str | None = None) -> UserAction:
        """The user types ``text`` in their private chat with the bot."""
        user = user_json(user_id, first_name)
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            return self.push_update(self.factory.command(command, args, user=user))
        return self.push_update(self.factory.text(text, user=user))

    def user_presses(
        self,
        user_id: int,
        message_id: int,
        callback_data: str | None = None,
        *,
        label: str | None = None,
        force: bool = False,
    ) -> UserAction:
        """The user presses a button (by data or label) on one of the bot's messages.

        A real user can only press a button that is shown: unless ``force``, the message must
        exist, not be deleted, and carry that button now (after edits).
        """
        with self.core.lock:
            message = self.core.messages.get(user_id, {}).get(message_id)
        if message is None:
            raise LookupError(f"the bot sent no message {message_id} to user {user_id}")
        if label is not None:
            callback_data = message.data_for(label)
        if callback_data is None:
            raise ValueError("give callback_data or label")
        if not force:
            if message.deleted:
                raise AssertionError(f"message {message_id} was deleted; nothing to press")
            if callback_data not in message.button_data:
                raise AssertionError(
                    f"message {message_id} shows no button with data {callback_data!r}; "
                    f"its buttons now: {[(b.text, b.callback_data) for r in message.buttons for b in r]}"
                )
        user = user_json(user_id)
        action = self.push_update(
            self.factory.callback(callback_data, message=self._message_json(message), user=user)
        )
        pressed = next((b.text for r in message.buttons for b in r
                        if b.callback_data == callback_data), callback_data)
        self._log(user_id, message_id, f"[pressed {pressed!r}]")
        return action

    def user_blocks_bot(self, user_id: int) -> None:
        """From now on every request to this user's chat answers 403 (bot was blocked)."""
        with self.core.lock:
            self.core.blocked.add(user_id)

    def _message_json(self, message: BotMessage) -> dict[str, Any]:
        with self.core.lock:
            chat = dict(self.core.chats.get(message.chat_id) or private_chat(user_json(message.chat_id)))
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": dict(self.core.bot),
            "chat": chat,
            "date": message.date,
        }
        key = "text" if message.kind == "text" else "caption"
        if message.text:
            data[key] = message.text
        if message.edits:
            data["edit_date"] = int(time.time())
        if message.has_keyboard:
            data["reply_markup"] = {
                "inline_keyboard": [
                    [
                        {k: v for k, v in (("text", b.text), ("callback_data", b.callback_data),
                                           ("url", b.url)) if v is not None}
                        for b in row
                    ]
                    for row in message.buttons
                ]
            }
        return data

    def _log(self, chat_id: int, message_id: int, text: str) -> None:
        with self.core.lock:
            self._user_log.setdefault(chat_id, []).append((message_id, text))

    # -- what the user sees --------------------------------------------------------------------

    def messages_to(self, user_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        """The bot's messages in the user's chat, oldest first, as they look now."""
        with self.core.lock:
            messages = list(self.core.messages.get(user_id, {}).values())
        return [m for m in messages if include_deleted or not m.deleted]

    def last_message_to(self, user_id: int) -> BotMessage | None:
        messages = self.messages_to(user_id)
        return messages[-1] if messages else None

    def transcript(self, user_id: int) -> str:
        """The chat as text, bot and user interleaved (for assertion messages)."""
        with self.core.lock:
            lines = [(mid, f"user: {text}") for mid, text in self._user_log.get(user_id, [])]
        for m in self.messages_to(user_id, include_deleted=True):
            buttons = " ".join(f"[{label}]" for label in m.labels)
            state = " (deleted)" if m.deleted else (" (edited)" if m.edits else "")
            lines.append((m.message_id, f"bot{state}: {m.text} {buttons}".rstrip()))
        lines.sort(key=lambda item: item[0])
        return "\n".join(line for _, line in lines)

    def commands(self, *, scope: Mapping[str, Any] | None = None, language_code: str = "") -> list:
        """The command list the bot set with setMyCommands for a scope (default scope)."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        with self.core.lock:
            return copy.deepcopy(self.core.commands.get(key, []))

    def chat_actions(self, user_id: int) -> list[str]:
        with self.core.lock:
            return [action for chat, action in self.core.chat_actions if chat == user_id]

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """How the bot answered a callback query (None: not yet answered)."""
        with self.core.lock:
            query = self.core.queries.get(query_id)
            return dict(query["answer"]) if query and query.get("answer") is not None else None

    def pending_updates(self) -> list[int]:
        """Ids of the updates not yet confirmed (polling) or delivered (webhook)."""
        with self.core.lock:
            return [u["update_id"] for u in self.core.updates]

    @property
    def webhook(self) -> dict[str, Any]:
        with self.core.lock:
            return dict(self.core.webhook)

    # -- requests ------------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Requests received (of one method, case-insensitive), in order."""
        with self.core.lock:
            calls = list(self.core.calls)
        if method is None:
            return calls
        return [c for c in calls if c.method.lower() == method.lower()]

    def violations(self) -> list[Call]:
        return self.core.violations()

    def clear_calls(self) -> None:
        """Forget the requests received so far (for a test that provoked a violation on purpose)."""
        with self.core.lock:
            self.core.calls.clear()

    def assert_no_violations(self) -> None:
        self.core.assert_no_violations()

    def fail_next(
        self,
        method: str,
        kind: str = "429",
        times: int = 1,
        *,
        retry_after: int = 1,
        description: str | None = None,
        delay: float | None = None,
        delivered: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*": any) fail: "429" (with
        ``retry_after``), "403", "400", "500", "502", "timeout" (no answer until the client gives
        up; ``delivered=True``: the request took effect anyway), "slow" (answer after ``delay``)."""
        self.core.faults.add(
            method,
            Fault(kind, retry_after=retry_after, description=description, delay=delay,
                  delivered=delivered),
            times,
        )

    # -- fault injection beyond Telegram's own errors -------------------------------------------

    def answer_next_raw(self, method: str, body: bytes | str | Any, *, status: int = 200,
                        times: int = 1) -> None:
        """The next ``times`` calls of ``method`` get ``body`` as it is: bytes or str are sent
        verbatim (garbage), anything else as its JSON (``None`` is ``null``, ``{"ok": True}``
        a success without a result, ``{"ok": True, "result": [1, 2]}`` updates that are not
        objects). A getUpdates call still confirms its offset, as Telegram's would."""
        if isinstance(body, str):
            body = body.encode()
        elif not isinstance(body, bytes):
            body = json.dumps(body).encode()
        with self.core.lock:
            self._raw.setdefault(method.lower(), []).extend([RawAnswer(body, status)] * times)

    def _take_raw(self, method: str) -> RawAnswer | None:
        with self.core.lock:
            queue = self._raw.get(method.lower())
            return queue.pop(0) if queue else None

    def fail_chat(self, chat_id: int, kind: str = "timeout", *, retry_after: int = 1,
                  delay: float | None = None) -> None:
        """Every request to one chat fails like :meth:`fail_next` says, until
        :meth:`heal_chat`: "timeout" hangs (no answer until the client gives up), "429" is Too
        Many Requests with ``retry_after``, "slow" answers after ``delay``. Other chats are
        served as usual: a slow or limited chat next to healthy ones."""
        with self.core.lock:
            self._chat_faults[str(chat_id)] = Fault(kind, retry_after=retry_after, delay=delay)

    def heal_chat(self, chat_id: int) -> None:
        with self.core.lock:
            self._chat_faults.pop(str(chat_id), None)

    def _chat_fault(self, call: Call) -> Fault | None:
        if call.chat_id is None:
            return None
        with self.core.lock:
            return self._chat_faults.get(str(call.chat_id))

    # -- waiting -------------------------------------------------------------------------------

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked on every change); return its value."""
        return await self.core.notifier.wait_until(predicate, timeout)

    def wait_until_sync(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        return self.core.notifier.wait_until_sync(predicate, timeout)

    def _message_finder(
        self,
        user_id: int,
        predicate: Callable[[BotMessage], bool] | None,
        after: int | UserAction | None,
    ) -> Callable[[], BotMessage | None]:
        threshold = after.message_id if isinstance(after, UserAction) else after
        if isinstance(after, UserAction) and threshold is None:
            raise ValueError("that action has no message id; pass an int")

        def find() -> BotMessage | None:
            for message in self.messages_to(user_id):
                if threshold is not None and message.message_id <= threshold:
                    continue
                if predicate is None or predicate(message):
                    return message
            return None

        return find

    async def wait_for_message(
        self,
        user_id: int,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 5.0,
        *,
        after: int | UserAction | None = None,
    ) -> BotMessage:
        """The first (oldest) bot message to the user matching ``predicate`` - as it looks now,
        so a predicate may wait for an edit. ``after``: only messages newer than that message id
        (a :class:`UserAction` stands for the user's message)."""
        find = self._message_finder(user_id, predicate, after)
        try:
            return await self.wait_until(find, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"no matching message to {user_id} within {timeout} s; the chat:\n"
                + self.transcript(user_id)
            ) from None

    def wait_for_message_sync(
        self,
        user_id: int,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 5.0,
        *,
        after: int | UserAction | None = None,
    ) -> BotMessage:
        find = self._message_finder(user_id, predicate, after)
        try:
            return self.wait_until_sync(find, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"no matching message to {user_id} within {timeout} s; the chat:\n"
                + self.transcript(user_id)
            ) from None

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda call: True,
        timeout: float = 5.0,
    ) -> Call:
        """The first finished request of ``method`` matching ``predicate``."""

        def find() -> Call | None:
            for call in self.calls(method):
                if call.status is not None and predicate(call):
                    return call
            return None

        return await self.wait_until(find, timeout)

    async def wait_for_answer(self, query_id: str | UserAction, timeout: float = 5.0) -> dict:
        """How the bot answered a callback query, once it has."""
        qid = query_id.query_id if isinstance(query_id, UserAction) else query_id
        assert qid is not None
        return await self.wait_until(lambda: self.callback_answer(qid), timeout)

    async def wait_until_confirmed(self, action: UserAction | int | None = None,
                                   timeout: float = 5.0) -> None:
        """Wait until the bot confirmed (polling) or took delivery of (webhook) the update of
        ``action``, or of every queued update when None."""
        update_id = action.update_id if isinstance(action, UserAction) else action

        def done() -> bool:
            pending = self.pending_updates()
            return not pending if update_id is None else update_id not in pending

        await self.wait_until(done, timeout)


@contextlib.asynccontextmanager
async def serving(
    application: Any,
    server: FakeBotApi,
    *,
    webhook: bool = False,
    secret_token: str | None = None,
    poll_timeout: float = 10,
    drop_pending_updates: bool | None = None,
) -> Any:
    """Run a PTB ``Application`` against ``server`` in the current event loop, polling (default)
    or with PTB's own webhook server on 127.0.0.1; stop it cleanly afterwards.

    The application must have been built with ``base_url=server.base_url``.
    """
    async with application:
        await application.start()
        if webhook:
            port = free_port()
            await application.updater.start_webhook(
                listen="127.0.0.1",
                port=port,
                url_path="telegram",
                webhook_url=f"http://127.0.0.1:{port}/telegram",
                secret_token=secret_token,
                drop_pending_updates=drop_pending_updates,
            )
        else:
            await application.updater.start_polling(
                timeout=poll_timeout, drop_pending_updates=drop_pending_updates
            )
        try:
            yield application
        finally:
            if application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()


def application_for(server: FakeBotApi, **builder_settings: Any) -> Any:
    """``ApplicationBuilder`` pointed at ``server`` (token, base_url, base_file_url), with any
    other builder settings given by name, e.g. ``read_timeout=0.5``; returns the built
    Application. Its HTTP clients are the ones the builder makes from those settings, on the
    process's one TLS context (bot/telegram/httpclient.py)."""
    from telegram.ext import ApplicationBuilder

    from bot.telegram.httpclient import REQUEST_SETTINGS, http_request

    builder = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
    )
    own = {"request", "get_updates_request"} & builder_settings.keys()
    requests: dict[bool, dict[str, Any]] = {False: {}, True: {}}  # getUpdates' or not
    for name, value in builder_settings.items():
        setting = name.removeprefix("get_updates_")
        if not own and setting in REQUEST_SETTINGS:
            requests[setting != name][setting] = value
        else:
            builder = getattr(builder, name)(value)
    if not own:
        builder = builder.request(http_request(**requests[False]))
        builder = builder.get_updates_request(http_request(get_updates=True, **requests[True]))
    return builder.build()


def _kind(message: Mapping[str, Any]) -> str:
    for key in ("sticker", "photo", "voice", "video", "document", "location", "contact", "poll"):
        if key in message:
            return key
    return "message"
