"""The part of Telegram that both test transports share.

:class:`BotApiCore` answers Bot API methods the way Telegram does as far as a bot can observe
(message ids, edits, "message is not modified", removed keyboards, callback answers, blocked
users), validates every request against ``api.json`` and can be told to fail the next calls of a
method. :class:`~recording.RecordingRequest` puts it behind PTB's ``BaseRequest``;
:class:`~fake_server.FakeBotApi` puts it behind HTTP.

Everything here is thread-safe: the fake server runs its event loop in one thread while a test
drives it from another.
"""
from __future__ import annotations

import asyncio
import copy
import itertools
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bench.drivers.telegram.botapi_schema import BotApiSchema, FileUpload, Problem, load_schema, parse_html, utf16_len
from bench.drivers.telegram.updates import UpdateFactory, bot_user, private_chat, user_json

__all__ = [
    "BotApiCore",
    "BotMessage",
    "Button",
    "Call",
    "Fault",
    "FaultPlan",
    "Notifier",
    "SchemaViolation",
    "message_json",
]

FAULT_KINDS = ("429", "403", "400", "500", "502", "timeout", "slow")


class SchemaViolation(AssertionError):
    """The bot sent a request Telegram would refuse (see ``problems``)."""

    def __init__(self, calls: list[Call]):
        self.calls = calls
        lines = [f"{len(calls)} request(s) violate the Bot API description:"]
        for call in calls:
            for problem in call.problems:
                lines.append(f"  - {problem}")
        super().__init__("\n".join(lines))


# --------------------------------------------------------------------------------------------
# Faults
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """One injected failure.

    * ``429``: Too Many Requests with ``parameters.retry_after`` (PTB raises ``RetryAfter``);
    * ``403``: Forbidden: bot was blocked by the user (PTB raises ``Forbidden``);
    * ``400``: Bad Request with ``description`` (PTB raises ``BadRequest``);
    * ``500`` / ``502``: server errors (PTB raises ``NetworkError``);
    * ``timeout``: no answer in time (PTB raises ``TimedOut``). With ``delivered=True`` the request
      takes effect anyway - the ambiguous case where Telegram sent the message but the answer was
      lost;
    * ``slow``: the answer comes after ``delay`` seconds (a timeout if the client gives up first).
    """

    kind: str
    retry_after: int = 1
    description: str | None = None
    delay: float | None = None
    delivered: bool = False

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {FAULT_KINDS}, not {self.kind!r}")

    def response(self) -> tuple[int, dict[str, Any]]:
        """HTTP status and Telegram's JSON body for an error fault."""
        if self.kind == "429":
            return 429, {
                "ok": False,
                "error_code": 429,
                "description": self.description
                or f"Too Many Requests: retry after {self.retry_after}",
                "parameters": {"retry_after": self.retry_after},
            }
        if self.kind == "403":
            return error_body(403, self.description or "Forbidden: bot was blocked by the user")
        if self.kind == "400":
            return error_body(400, self.description or "Bad Request: injected fault")
        if self.kind == "502":
            return error_body(502, self.description or "Bad Gateway")
        return error_body(500, self.description or "Internal Server Error")


class FaultPlan:
    """Faults waiting for the next calls of each method (``"*"`` matches any method)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queued: dict[str, list[Fault]] = defaultdict(list)

    def add(self, method: str, fault: Fault, times: int = 1) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._queued[method.lower()].extend([fault] * times)

    def take(self, method: str) -> Fault | None:
        with self._lock:
            for key in (method.lower(), "*"):
                queue = self._queued.get(key)
                if queue:
                    return queue.pop(0)
        return None

    def pending(self, method: str | None = None) -> int:
        with self._lock:
            if method is None:
                return sum(len(q) for q in self._queued.values())
            return len(self._queued.get(method.lower(), ()))

    def clear(self) -> None:
        with self._lock:
            self._queued.clear()


def error_body(code: int, description: str) -> tuple[int, dict[str, Any]]:
    return code, {"ok": False, "error_code": code, "description": description}


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass
class Call:
    """One request the bot made: decoded parameters, what was wrong with it, what it got."""

    method: str  # canonical spelling when known (sendMessage), else as requested
    params: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    status: int | None = None  # None while the call is in flight; 0: the answer was lost
    result: Any = None  # the "result" of a successful call
    error: str | None = None  # Telegram's description of a failed call
    fault: Fault | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        return self.params.get("text", self.params.get("caption"))

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """(label, callback_data) rows of the inline keyboard sent with this call."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            try:
                markup = json.loads(markup)
            except ValueError:
                return []
        if not isinstance(markup, dict):
            return []
        return [
            [(b.get("text"), b.get("callback_data")) for b in row]
            for row in markup.get("inline_keyboard", [])
        ]

    def __repr__(self) -> str:
        state = "ok" if self.ok else ("..." if self.status is None else f"{self.status} {self.error or ''}".strip())
        shown = {k: v for k, v in self.params.items() if k != "reply_markup"}
        return f"<{self.method} {shown} -> {state}>"


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, as the user sees it now (after edits)."""

    message_id: int
    chat_id: int
    kind: str  # text | photo | document
    text: str  # visible text (HTML parsed) or caption
    source: str  # text/caption exactly as sent
    parse_mode: str | None
    buttons: tuple[tuple[Button, ...], ...] = ()
    date: int = 0
    edits: int = 0
    deleted: bool = False
    file: FileUpload | str | None = None

    @property
    def has_keyboard(self) -> bool:
        return any(self.buttons)

    @property
    def labels(self) -> list[str]:
        return [b.text for row in self.buttons for b in row]

    @property
    def button_data(self) -> list[str]:
        return [b.callback_data for row in self.buttons for b in row if b.callback_data]

    def data_for(self, label: str) -> str:
        """The callback data of the button labelled ``label`` (exact, then case-insensitive)."""
        for wanted in (label, label.casefold()):
            for row in self.buttons:
                for button in row:
                    seen = button.text if wanted is label else button.text.casefold()
                    if seen == wanted and button.callback_data:
                        return button.callback_data
        raise LookupError(f"no button {label!r} on message {self.message_id}: {self.labels}")


def _buttons(markup: Any) -> tuple[tuple[Button, ...], ...]:
    if not isinstance(markup, dict):
        return ()
    return tuple(
        tuple(Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for b in row)
        for row in markup.get("inline_keyboard", [])
    )


# --------------------------------------------------------------------------------------------
# Waiting without sleeping
# --------------------------------------------------------------------------------------------


class Notifier:
    """Wakes waiters (in any event loop or thread) whenever something changed.

    ``await wait_until(predicate, timeout)`` re-evaluates ``predicate`` (under ``lock``) after
    each change and returns its first truthy value; no polling.
    """

    def __init__(self, lock: threading.RLock | None = None):
        self.lock = lock or threading.RLock()
        self._condition = threading.Condition(self.lock)
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = set()

    def notify(self) -> None:
        with self.lock:
            self._condition.notify_all()
            waiters = list(self._waiters)
        for loop, future in waiters:
            try:
                loop.call_soon_threadsafe(_wake, future)
            except RuntimeError:  # that loop is closed
                pass

    async def wait_until(self, predicate: Callable[[], Any], timeout: float | None) -> Any:
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            future = loop.create_future()
            with self.lock:
                value = predicate()
                if value:
                    return value
                entry = (loop, future)
                self._waiters.add(entry)
            try:
                remaining = None if deadline is None else deadline - loop.time()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError
                await asyncio.wait_for(future, remaining)
            except (TimeoutError, asyncio.TimeoutError):
                with self.lock:
                    value = predicate()
                if value:
                    return value
                raise TimeoutError(f"condition not met within {timeout} s") from None
            finally:
                with self.lock:
                    self._waiters.discard(entry)

    def wait_until_sync(self, predicate: Callable[[], Any], timeout: float | None) -> Any:
        """The blocking version, for code running in a plain thread."""
        with self._condition:
            value = self._condition.wait_for(predicate, timeout)
        if not value:
            raise TimeoutError(f"condition not met within {timeout} s")
        return value


def _wake(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


# --------------------------------------------------------------------------------------------
# The simulated Bot API
# --------------------------------------------------------------------------------------------

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class BotApiCore:
    """Telegram's side of the conversation, minus the network.

    ``strict=True`` (the fake server) behaves like Telegram about things it knows: sending to a
    chat that never talked to the bot is "chat not found", editing or deleting an unknown message
    fails, a callback query can be answered once. ``strict=False`` (the recording request, where
    tests build updates by hand) accepts unknown chats, messages and queries.
    """

    IMPLEMENTED = {
        "getMe", "getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup",
        "editMessageCaption", "answerCallbackQuery", "setMyCommands", "getMyCommands",
        "deleteMyCommands", "deleteWebhook", "setWebhook", "getWebhookInfo", "sendChatAction",
        "sendDocument", "sendPhoto", "deleteMessage", "close", "logOut",
    }

    def __init__(
        self,
        *,
        strict: bool,
        schema: BotApiSchema | None = None,
        bot: Mapping[str, Any] | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.strict = strict
        self.schema = schema or load_schema()
        self.bot = dict(bot or bot_user())
        self.clock = clock
        self.notifier = Notifier()
        self.lock = self.notifier.lock
        self.faults = FaultPlan()
        self.calls: list[Call] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self.blocked: set[int] = set()
        self.messages: dict[int, dict[int, BotMessage]] = defaultdict(dict)
        self.queries: dict[str, dict[str, Any]] = {}  # id -> {"user_id", "message_id", "answer"}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.webhook: dict[str, Any] = {"url": ""}
        self.updates: list[dict[str, Any]] = []  # pending (unconfirmed) updates, by update_id
        self.allowed_updates: list[str] | None = None
        self.confirmed_offset = 0
        self.closed = False
        self._poll_generation = 0
        self._message_ids: dict[int, itertools.count] = {}
        self._file_ids = itertools.count(1)
        self.factory = UpdateFactory(bot=self.bot, next_message_id=self.next_message_id, clock=clock)

    # -- bookkeeping ---------------------------------------------------------------------------

    def next_message_id(self, chat_id: int) -> int:
        with self.lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            return next(counter)

    def add_chat(self, chat: Mapping[str, Any]) -> None:
        with self.lock:
            self.chats[chat["id"]] = dict(chat)

    def add_user(self, user_id: int, first_name: str | None = None) -> dict[str, Any]:
        """A user who has opened the bot (so the bot may write to them)."""
        user = user_json(user_id, first_name)
        with self.lock:
            self.chats.setdefault(user_id, private_chat(user))
        return user

    def violations(self) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if call.problems]

    def assert_no_violations(self) -> None:
        bad = self.violations()
        if bad:
            raise SchemaViolation(bad)

    # -- one request ---------------------------------------------------------------------------

    def begin(self, method: str, params: Mapping[str, Any]) -> tuple[Call, Fault | None]:
        """Decode and validate a request, record it, and take the fault planned for it (if any)."""
        canonical = self.schema.method_name(method) or method
        problems = self.schema.validate(canonical, params)
        decoded = self.schema.decode(canonical, params)
        if self.schema.method_name(method) and canonical not in self.IMPLEMENTED:
            problems.append(
                Problem(canonical, "", "not_simulated", "the test Bot API does not simulate it")
            )
        call = Call(canonical, decoded, problems)
        fault = self.faults.take(canonical)
        call.fault = fault
        with self.lock:
            self.calls.append(call)
        self.notifier.notify()
        return call, fault

    def finish(self, call: Call, status: int, body: Mapping[str, Any]) -> None:
        with self.lock:
            call.status = status
            if body.get("ok"):
                call.result = body.get("result")
            else:
                call.error = body.get("description", "error")
        self.notifier.notify()

    def respond(self, call: Call, fault: Fault | None) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body Telegram would give (faults of kind timeout/slow are the
        transport's business; here they only decide whether the request takes effect)."""
        if self.schema.method_name(call.method) is None:
            status, body = error_body(404, "Not Found")
        elif fault is not None and fault.kind not in ("timeout", "slow"):
            status, body = fault.response()
        elif call.problems:
            status, body = error_body(
                400, "Bad Request: " + "; ".join(str(p) for p in call.problems)
            )
        elif fault is not None and fault.kind == "timeout" and not fault.delivered:
            status, body = 504, {"ok": False, "error_code": 504, "description": "lost"}
        else:
            try:
                with self.lock:
                    result = self._apply(call.method, call.params)
                status, body = 200, {"ok": True, "result": result}
            except _ApiError as exc:
                status, body = error_body(exc.code, exc.description)
        self.finish(call, status, body)
        return status, body

    async def answer(self, call: Call, fault: Fault | None) -> tuple[int, dict[str, Any]]:
        """Like :meth:`respond`, but getUpdates long-polls (waits for updates up to its timeout)."""
        if call.method == "getUpdates" and not call.problems and (
            fault is None or fault.kind in ("timeout", "slow")
        ):
            status, body = await self._get_updates(call.params)
            self.finish(call, status, body)
            return status, body
        return self.respond(call, fault)

    def lose_answer(self, call: Call) -> None:
        """Mark a call whose answer never reached the bot (a timeout)."""
        with self.lock:
            call.status = 0
            call.error = "timed out" + (" (the request took effect)" if call.result is not None else "")
        self.notifier.notify()

    # -- incoming updates ----------------------------------------------------------------------

    DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

    def remember(self, update: Mapping[str, Any]) -> None:
        """Note the chats and callback queries an update mentions (so the bot may answer)."""
        with self.lock:
            for key, value in update.items():
                if not isinstance(value, dict):
                    continue
                message = value.get("message") if key == "callback_query" else value
                chat = message.get("chat") if isinstance(message, dict) else None
                if chat and chat.get("id") not in self.chats:
                    self.chats[chat["id"]] = dict(chat)
                if key == "callback_query":
                    self.queries.setdefault(
                        value["id"],
                        {
                            "user_id": value["from"]["id"],
                            "message_id": (message or {}).get("message_id"),
                            "answer": None,
                        },
                    )

    def push_update(self, update: Mapping[str, Any]) -> int:
        """Queue an update for the bot (getUpdates or webhook). Assigns an update_id if missing."""
        data = dict(update)
        if "update_id" not in data:
            data["update_id"] = self.factory.next_update_id()
        with self.lock:
            self.remember(data)
            self.updates.append(data)
            self.updates.sort(key=lambda u: u["update_id"])
        self.notifier.notify()
        return data["update_id"]

    def _allowed(self, update: Mapping[str, Any]) -> bool:
        kinds = [k for k in update if k != "update_id"]
        allowed = self.allowed_updates
        if allowed:
            return any(k in allowed for k in kinds)
        return not any(k in self.DEFAULT_EXCLUDED for k in kinds)

    def confirm(self, offset: int | None) -> None:
        """Forget updates as getUpdates(offset) does (offset<0: keep only the last -offset)."""
        with self.lock:
            if offset is None or offset == 0:
                pass
            elif offset > 0:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                self.confirmed_offset = max(self.confirmed_offset, offset)
            else:
                self.updates = self.updates[offset:]
            self.updates = [u for u in self.updates if self._allowed(u)]
        self.notifier.notify()

    async def _get_updates(self, p: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self.webhook.get("url"):
                return error_body(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use "
                    "deleteWebhook to delete the webhook first",
                )
            if p.get("allowed_updates") is not None:
                self.allowed_updates = list(p["allowed_updates"])
            self._poll_generation += 1
            generation = self._poll_generation
        self.confirm(p.get("offset"))
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        timeout = max(float(p.get("timeout") or 0), 0.0)

        def ready() -> Any:
            if self._poll_generation != generation:
                return "superseded"
            if self.closed:
                return "closed"
            return "updates" if self.updates else None

        try:
            outcome = await self.notifier.wait_until(ready, timeout)
        except TimeoutError:
            outcome = None
        if outcome == "superseded":
            return error_body(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot "
                "instance is running",
            )
        with self.lock:
            batch = copy.deepcopy(self.updates[:limit])
        return 200, {"ok": True, "result": batch}

    # -- method semantics ----------------------------------------------------------------------

    def _apply(self, method: str, p: dict[str, Any]) -> Any:
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            raise _ApiError(400, f"Bad Request: method {method} is not simulated")
        return handler(p)

    def _m_getMe(self, p: dict) -> Any:
        return dict(self.bot)

    def _m_getUpdates(self, p: dict) -> Any:
        return []  # the fake server answers getUpdates itself

    def _m_close(self, p: dict) -> Any:
        return True

    _m_logOut = _m_close

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        if isinstance(chat_id, str):
            try:
                chat_id = int(chat_id)
            except ValueError:
                raise _ApiError(400, "Bad Request: chat not found") from None
        if chat_id in self.blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        chat = self.chats.get(chat_id)
        if chat is None:
            if self.strict:
                raise _ApiError(400, "Bad Request: chat not found")
            if chat_id > 0:
                chat = private_chat(user_json(chat_id))
            else:
                chat = {"id": chat_id, "type": "supergroup", "title": f"Chat {chat_id}"}
        return chat

    def _new_message(self, p: dict, kind: str, text: str | None, **extra: Any) -> Any:
        chat = self._chat(p["chat_id"])
        parse_mode = p.get("parse_mode")
        visible, entities = _visible(text, parse_mode)
        message_id = self.next_message_id(chat["id"])
        date = int(self.clock())
        markup = p.get("reply_markup")
        inline = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        file_value = p.get("photo") if kind == "photo" else p.get("document")
        self.messages[chat["id"]][message_id] = BotMessage(
            message_id=message_id,
            chat_id=chat["id"],
            kind=kind,
            text=visible or "",
            source=text or "",
            parse_mode=parse_mode,
            buttons=_buttons(inline),
            date=date,
            file=file_value,
        )
        key = "text" if kind == "text" else "caption"
        content: dict[str, Any] = {}
        if visible:
            content[key] = visible
            if entities:
                content["entities" if kind == "text" else "caption_entities"] = entities
        if inline:
            content["reply_markup"] = inline
        content.update(extra)
        return _message(message_id, chat, date, self.bot, content)

    def _m_sendMessage(self, p: dict) -> Any:
        return self._new_message(p, "text", p["text"])

    def _m_sendPhoto(self, p: dict) -> Any:
        n = next(self._file_ids)
        sizes = [
            {"file_id": f"sent-photo-{n}-{w}", "file_unique_id": f"sp{n}{w}", "width": w,
             "height": w * 3 // 4, "file_size": w * 40}
            for w in (90, 320, 800)
        ]
        return self._new_message(p, "photo", p.get("caption"), photo=sizes)

    def _m_sendDocument(self, p: dict) -> Any:
        n = next(self._file_ids)
        upload = p.get("document")
        document = {"file_id": f"sent-doc-{n}", "file_unique_id": f"sd{n}"}
        if isinstance(upload, FileUpload):
            if upload.filename:
                document["file_name"] = upload.filename
            if upload.mimetype:
                document["mime_type"] = upload.mimetype
            document["file_size"] = upload.size
        return self._new_message(p, "document", p.get("caption"), document=document)

    def _known_message(self, p: dict, what: str) -> tuple[dict[str, Any], BotMessage | None]:
        if p.get("inline_message_id") is not None:
            raise _ApiError(400, "Bad Request: inline messages are not simulated")
        if p.get("chat_id") is None or p.get("message_id") is None:
            raise _ApiError(400, "Bad Request: chat_id and message_id are required")
        chat = self._chat(p["chat_id"])
        message = self.messages.get(chat["id"], {}).get(p["message_id"])
        if (message is None or message.deleted) and self.strict:
            raise _ApiError(400, f"Bad Request: message to {what} not found")
        return chat, message

    def _edit(self, p: dict, *, text: str | None) -> Any:
        chat, old = self._known_message(p, "edit")
        markup = p.get("reply_markup")
        buttons = _buttons(markup)
        if old is None:  # lenient mode: a message the test made up
            old = BotMessage(p["message_id"], chat["id"], "text", "", "", None, date=int(self.clock()))
        old_visible, old_entities = _visible(old.source, old.parse_mode)
        if text is None:  # editMessageReplyMarkup keeps the text
            visible, entities, source, mode = old_visible, old_entities, old.source, old.parse_mode
        else:
            mode = p.get("parse_mode")
            visible, entities = _visible(text, mode)
            source = text
        unchanged = (old_visible, old_entities, old.buttons) == (visible, entities, buttons)
        if unchanged and old.source:
            raise _ApiError(400, NOT_MODIFIED)
        new = replace(old, text=visible, source=source, parse_mode=mode, buttons=buttons,
                      edits=old.edits + 1)
        self.messages[chat["id"]][new.message_id] = new
        key = "text" if new.kind == "text" else "caption"
        content: dict[str, Any] = {"edit_date": int(self.clock())}
        if visible:
            content[key] = visible
        if entities:
            content["entities" if key == "text" else "caption_entities"] = entities
        if buttons:
            content["reply_markup"] = markup
        return _message(new.message_id, chat, new.date, self.bot, content)

    def _m_editMessageText(self, p: dict) -> Any:
        return self._edit(p, text=p["text"])

    def _m_editMessageCaption(self, p: dict) -> Any:
        return self._edit(p, text=p.get("caption", ""))

    def _m_editMessageReplyMarkup(self, p: dict) -> Any:
        return self._edit(p, text=None)

    def _m_deleteMessage(self, p: dict) -> Any:
        chat, old = self._known_message(p, "delete")
        if old is not None:
            self.messages[chat["id"]][old.message_id] = replace(old, deleted=True)
        return True

    def _m_answerCallbackQuery(self, p: dict) -> Any:
        query_id = p["callback_query_id"]
        query = self.queries.get(query_id)
        if query is None:
            if self.strict:
                raise _ApiError(400, "Bad Request: query is too old and response timeout "
                                     "expired or query ID is invalid")
            query = self.queries[query_id] = {"user_id": None, "message_id": None}
        if query.get("answer") is not None and self.strict:
            raise _ApiError(400, "Bad Request: query is too old and response timeout expired "
                                 "or query ID is invalid")
        query["answer"] = {k: p.get(k) for k in ("text", "show_alert", "url", "cache_time")}
        return True

    @staticmethod
    def _scope_key(p: dict) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), p.get("language_code") or ""

    def _m_setMyCommands(self, p: dict) -> Any:
        self.commands[self._scope_key(p)] = copy.deepcopy(p["commands"])
        return True

    def _m_getMyCommands(self, p: dict) -> Any:
        return copy.deepcopy(self.commands.get(self._scope_key(p), []))

    def _m_deleteMyCommands(self, p: dict) -> Any:
        self.commands.pop(self._scope_key(p), None)
        return True

    def _m_sendChatAction(self, p: dict) -> Any:
        chat = self._chat(p["chat_id"])
        self.chat_actions.append((chat["id"], p["action"]))
        return True

    def _m_setWebhook(self, p: dict) -> Any:
        secret = p.get("secret_token")
        if secret is not None and not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
            raise _ApiError(400, "Bad Request: secret token contains unallowed characters")
        url = p["url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise _ApiError(400, "Bad Request: bad webhook: invalid URL")
        if p.get("drop_pending_updates"):
            self.updates.clear()
        if p.get("allowed_updates") is not None:
            self.allowed_updates = list(p["allowed_updates"])
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": p.get("max_connections", 40),
            "allowed_updates": p.get("allowed_updates"),
            "last_error_date": None,
            "last_error_message": None,
        }
        return True

    def _m_deleteWebhook(self, p: dict) -> Any:
        if p.get("drop_pending_updates"):
            self.updates.clear()
        self.webhook = {"url": ""}
        return True

    def _m_getWebhookInfo(self, p: dict) -> Any:
        info: dict[str, Any] = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }
        if info["url"]:
            info["max_connections"] = self.webhook.get("max_connections", 40)
            if self.webhook.get("allowed_updates") is not None:
                info["allowed_updates"] = self.webhook["allowed_updates"]
            if self.webhook.get("last_error_date"):
                info["last_error_date"] = self.webhook["last_error_date"]
                info["last_error_message"] = self.webhook["last_error_message"]
        return info


class _ApiError(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code = code
        self.description = description


def _visible(text: str | None, parse_mode: str | None) -> tuple[str, list[dict]]:
    """What the user sees (Telegram trims surrounding whitespace) and the entities."""
    if text is None:
        return "", []
    if isinstance(parse_mode, str) and parse_mode.lower() == "html":
        parsed = parse_html(text)
        plain, entities = parsed.text, parsed.entities
    else:
        plain, entities = text, []
    stripped = plain.lstrip()
    shift = utf16_len(plain) - utf16_len(stripped)
    stripped = stripped.rstrip()
    end = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] - shift + entity["length"], end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return stripped, kept


def _message(message_id: int, chat: Mapping, date: int, bot: Mapping, content: Mapping) -> dict:
    data = {"message_id": message_id, "from": dict(bot), "chat": dict(chat), "date": date}
    data.update(content)
    return data


def message_json(message: BotMessage, bot: dict[str, Any]) -> dict[str, Any]:
    """A bot message as Telegram puts it into a callback query (text and keyboard as shown now)."""
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "from": dict(bot),
        "chat": {"id": message.chat_id, "type": "private", "first_name": f"Client{message.chat_id}"},
        "date": message.date or 1,
        "text": message.text,
    }
    if message.has_keyboard:
        data["reply_markup"] = {"inline_keyboard": [
            [{"text": b.text, "callback_data": b.callback_data} for b in row] for row in message.buttons
        ]}
    return data
