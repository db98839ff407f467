"""Drive the real ``telegram.ext.Application`` offline.

:class:`RecordingRequest` is a ``telegram.request.BaseRequest``: PTB hands it each request exactly
as it would send it over HTTP (form fields, JSON-serialised objects, files), and it answers the
way Telegram does (see :mod:`simulator`), records the call with its decoded parameters, checks it
against the Bot API description and can fail the next calls of a method::

    request = RecordingRequest()
    app = offline_application(request)            # ApplicationBuilder ... .build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.process_update(request.update(request.factory.command("start", "abc")))
    assert request.sent_texts(DEFAULT_USER_ID) == ["Welcome"]
    request.assert_no_violations()

The update builders live in :mod:`updates` (re-exported here).
"""
from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from telegram import Update
from telegram.error import TimedOut
from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest, RequestData

from bench.drivers.telegram.botapi_schema import BotApiSchema, FileUpload
from bench.drivers.telegram.simulator import BotApiCore, BotMessage, Call, Fault, SchemaViolation
from bench.drivers.telegram.updates import (
    BOT_ID,
    BOT_USERNAME,
    DEFAULT_USER_ID,
    TOKEN,
    UpdateFactory,
    bot_user,
    user_json,
)

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "DEFAULT_USER_ID",
    "TOKEN",
    "Call",
    "Fault",
    "RecordingRequest",
    "SchemaViolation",
    "UpdateFactory",
    "bot_user",
    "file_upload",
    "offline_application",
    "user_json",
]


def file_upload(field: tuple[Any, ...]) -> FileUpload:
    """A multipart part (filename, content, mimetype) as PTB builds it -> a FileUpload marker."""
    filename, content, mimetype = (tuple(field) + (None, None, None))[:3]
    if hasattr(content, "read"):
        position = content.tell() if hasattr(content, "tell") else None
        data = content.read()
        if position is not None and hasattr(content, "seek"):
            content.seek(position)
    else:
        data = content
    if isinstance(data, str):
        data = data.encode()
    data = data or b""
    return FileUpload(filename, mimetype, len(data), hashlib.sha256(data).hexdigest())


class RecordingRequest(BaseRequest):
    """A ``BaseRequest`` that never touches the network.

    * answers every method of :attr:`simulator.BotApiCore.IMPLEMENTED` (getMe, sendMessage,
      editMessageText, editMessageReplyMarkup, answerCallbackQuery, setMyCommands, deleteWebhook,
      setWebhook, sendChatAction, sendDocument, sendPhoto, deleteMessage, getUpdates ...) with
      realistic JSON (message ids counting up per chat, chat and text echoed, reply_markup kept);
    * records each call in :attr:`calls` (:class:`simulator.Call`: method, decoded params, files
      as :class:`FileUpload`, status, result or error);
    * validates each call; a violation answers 400 like Telegram and stays in
      :meth:`violations` (the ``recording_request`` fixture fails the test on any);
    * :meth:`fail_next` makes the next calls of a method fail (429 / 403 / 400 / 500 / 502 /
      timeout);
    * getUpdates long-polls the updates given to :meth:`push_update`, with Telegram's offset
      rules, so ``updater.start_polling()`` works offline too.

    ``strict=False`` (default) accepts chats, messages and callback queries it has not seen,
    since tests make updates up; ``strict=True`` refuses them as Telegram would.
    """

    def __init__(
        self,
        *,
        strict: bool = False,
        schema: BotApiSchema | None = None,
        bot: Mapping[str, Any] | None = None,
        read_timeout: float | None = 5.0,
    ):
        self.core = BotApiCore(strict=strict, schema=schema, bot=bot)
        self._read_timeout = read_timeout
        self.initialized = False
        self._chat_faults: dict[Any, list[Fault]] = {}  # chat id -> faults of its next requests
        self._garbled: dict[str, list[Any]] = {}  # method -> results of its next 200 answers

    # -- BaseRequest ---------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        self.initialized = True

    async def shutdown(self) -> None:
        self.initialized = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if method != "POST":  # file downloads (Bot.get_file(...).download_*)
            return 404, b'{"ok": false, "error_code": 404, "description": "Not Found"}'
        endpoint = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.json_parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            fields = self.core.schema.fields(endpoint)
            for name, part in request_data.multipart_data.items():
                if name in fields:  # attach://name uploads of media groups are not checked
                    params[name] = file_upload(part)
        call, fault = self.core.begin(endpoint, params)
        chat_faults = self._chat_faults.get(call.chat_id)
        if fault is None and chat_faults:
            fault = chat_faults.pop(0)
        if fault is not None and fault.kind == "slow":
            await asyncio.sleep(fault.delay or 0)
        if fault is not None and fault.kind == "timeout":
            if fault.delivered:
                self.core.respond(call, None)
            self.core.lose_answer(call)
            raise TimedOut(f"{call.method} timed out (injected)")
        status, body = await self.core.answer(call, fault)
        garbled = self._garbled.get(endpoint)
        if status == 200 and garbled:
            body = {"ok": True, "result": garbled.pop(0)}
        return status, json.dumps(body).encode()

    # -- faults --------------------------------------------------------------------------------

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
        """Make the next ``times`` calls of ``method`` ("*" for any) fail with ``kind``:
        "429" (retry_after), "403" (blocked), "400", "500", "502", "timeout" (raise TimedOut;
        ``delivered=True``: the request took effect first), "slow" (answer after ``delay``)."""
        self.core.faults.add(
            method,
            Fault(kind, retry_after=retry_after, description=description, delay=delay,
                  delivered=delivered),
            times,
        )

    def fail_chat(self, chat_id: int, kind: str = "429", times: int = 1, *, retry_after: int = 1,
                  delay: float | None = None) -> None:
        """Like :meth:`fail_next`, for the next ``times`` requests to one chat only (a 429 of
        one chat while the others go on)."""
        fault = Fault(kind, retry_after=retry_after, delay=delay)
        self._chat_faults.setdefault(chat_id, []).extend([fault] * times)

    def garble_next(self, method: str, result: Any = 5, times: int = 1) -> None:
        """The next ``times`` successful calls of ``method`` take effect, but the answer is
        ``{"ok": true, "result": result}``: JSON of the wrong shape."""
        self._garbled.setdefault(method, []).extend([result] * times)

    def block(self, user_id: int) -> None:
        """The user blocked the bot: every later call to their chat answers 403."""
        with self.core.lock:
            self.core.blocked.add(user_id)

    # -- incoming ------------------------------------------------------------------------------

    @property
    def factory(self) -> UpdateFactory:
        """Builds update dicts (text, command, callback, sticker, ...) - see :mod:`updates`."""
        return self.core.factory

    def update(self, data: Mapping[str, Any], bot: Any) -> Update:
        """``Update.de_json(data, bot)``, remembering chats and callback queries it mentions."""
        self.core.remember(data)
        return Update.de_json(dict(data), bot)

    def push_update(self, data: Mapping[str, Any]) -> int:
        """Queue an update for getUpdates (polling tests)."""
        return self.core.push_update(data)

    # -- what happened ---------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self.core.lock:
            return list(self.core.calls)

    def calls_to(self, method: str, *, ok: bool | None = None) -> list[Call]:
        """Calls of one method (case-insensitive); ``ok=True`` only successful ones."""
        wanted = method.lower()
        return [
            c for c in self.calls
            if c.method.lower() == wanted and (ok is None or c.ok == ok)
        ]

    def methods(self, *, include_polling: bool = False) -> list[str]:
        """The methods called, in order (getUpdates left out unless asked for)."""
        return [
            c.method for c in self.calls if include_polling or c.method not in ("getUpdates",)
        ]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of successful sendMessage calls (to ``chat_id`` if given), in order."""
        return [
            c.params["text"]
            for c in self.calls_to("sendMessage", ok=True)
            if chat_id is None or c.params.get("chat_id") == chat_id
        ]

    def messages_to(self, chat_id: int) -> list[BotMessage]:
        """The bot's messages in a chat as they look now (after edits and deletions)."""
        with self.core.lock:
            return list(self.core.messages.get(chat_id, {}).values())

    def violations(self) -> list[Call]:
        return self.core.violations()

    def assert_no_violations(self) -> None:
        self.core.assert_no_violations()

    def clear(self) -> None:
        """Forget the calls made so far (state such as sent messages is kept)."""
        with self.core.lock:
            self.core.calls.clear()

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda call: True,
        timeout: float = 5.0,
    ) -> Call:
        """Wait (without sleeping) for a finished call of ``method`` matching ``predicate``, e.g.
        from a handler running with ``block=False`` or a job."""
        wanted = method.lower()

        def found() -> Call | None:
            for call in self.core.calls:
                if call.method.lower() == wanted and call.status is not None and predicate(call):
                    return call
            return None

        return await self.core.notifier.wait_until(found, timeout)


def offline_application(
    request: RecordingRequest | None = None,
    *,
    token: str = TOKEN,
    polling: bool = False,
    configure: Callable[[ApplicationBuilder], ApplicationBuilder] | None = None,
) -> Application:
    """A real ``Application`` whose bot talks to ``request`` (a new RecordingRequest if None).

    Without ``polling`` there is no Updater: feed updates with ``application.process_update``.
    ``configure`` may add to the builder (rate limiter, concurrent updates, defaults, ...).
    Keep your own reference to the request (``application.bot.request`` is the same object).
    """
    request = request or RecordingRequest()
    builder = ApplicationBuilder().token(token).request(request).get_updates_request(request)
    if not polling:
        builder = builder.updater(None)
    if configure is not None:
        builder = configure(builder)
    return builder.build()
