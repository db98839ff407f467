"""Our bot, offline: the real Application from ``bot.telegram.main.build_application`` with the
real Companion (flows.yaml, the crisis screen, a SQLite store in a temporary folder), driven with
``application.process_update`` through a :class:`RecordingRequest`.

    async with OfflineBot(tmp_path, request) as bot:
        await bot.consented()                       # as after the welcome: consent yes, GB
        calls = await bot.command("menu")
        calls = await bot.press("Talk it through")  # the newest message showing that button
        assert bot.texts(calls)[0] == ...

Words are read from the flows at run time (``bot.flowset``), not copied into the tests.
"""
from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any, AsyncIterator, Iterable

from bot.delivery import RETRY_FIRST
from bot.engine import FlowSet
from bot.safety import SafetyConfig
from bot.settings import Settings
from bot.telegram.limiter import ChatRateLimiter
from bot.telegram.main import attach, build_application, drain_outbox_forever
from bot.telegram.polling import poll
from bot.wiring import build_companion
from persistence import Store

from bench.drivers.telegram.recording import DEFAULT_USER_ID, RecordingRequest
from bench.drivers.telegram.simulator import BotMessage, Call, message_json
from bench.drivers.telegram.updates import TOKEN, user_json
from tests.content import content_of

REPO = Path(__file__).resolve().parents[2]
FLOWS = REPO / "flows.yaml"
ADMIN_ID = 4242


def flows_and_safety(path: str = str(FLOWS)) -> tuple[FlowSet, SafetyConfig | None]:
    return content_of(path).require()


def copy_registry(target: Path, *, own_safety: bool = False) -> Path:
    """A copy of flows.yaml and dialogs/ in ``target`` (to edit for /reload tests).

    The crisis screen stays the shipped one (the copy names its files by absolute path), so
    that its checked rules come from the start-up cache (bot/safety/cache.py, keyed by the
    file's path) rather than being checked again, a second of CPU, and kept again, for each
    copy. ``own_safety``: copied too, for a test that edits them, with a four-rule rules file
    (tests/safety/test_rules_loading.py) that takes no time to check."""
    target.mkdir(parents=True, exist_ok=True)
    registry = FLOWS.read_text()
    if own_safety:
        from tests.safety.test_rules_loading import GOOD

        shutil.copytree(REPO / "dialogs", target / "dialogs")
        (target / "dialogs" / "safety" / "rules.yaml").write_text(GOOD, encoding="utf-8")
    else:
        shipped = REPO / "dialogs" / "safety"
        shutil.copytree(REPO / "dialogs", target / "dialogs",
                        ignore=lambda folder, _: ["safety"] if Path(folder) == REPO / "dialogs" else [])
        for name in ("rules", "resources", "messages"):
            line = f"\n  {name}: dialogs/safety/"
            assert line in registry, f"flows.yaml names its crisis {name} file otherwise"
            registry = registry.replace(line, f"\n  {name}: {shipped}/", 1)
    (target / "flows.yaml").write_text(registry)
    return target / "flows.yaml"


def unpaced_limiter() -> ChatRateLimiter:
    """Our limiter without Telegram's pace (overall, per chat, per group): tests send far faster
    than people, and the pace alone is tested in test_limiter.py. What the tests here need of
    it stays: a 429 pauses its chat, an answer that is not a message is retried."""
    return ChatRateLimiter(overall=UNPACED, private=UNPACED, group=UNPACED)


UNPACED = (1e6, 1_000_000)


class OfflineBot:
    def __init__(self, tmp_path: Path, request: RecordingRequest, *, flows_path: Path = FLOWS,
                 admin_ids: Iterable[int] = (ADMIN_ID,), retry_for: float = 10.0,
                 configure_store: dict[str, Any] | None = None, database_url: str | None = None):
        self.tmp_path = tmp_path
        self.request = request
        self.flows_path = str(flows_path)
        self.db_path = tmp_path / "between.db"  # (SQLite, the default)
        self.settings = Settings(token=TOKEN, database_url=database_url or f"sqlite:///{self.db_path}",
                                 admin_ids=frozenset(admin_ids), flows_path=self.flows_path)
        self.retry_for = retry_for
        self.store_options = configure_store or {}
        self.user = DEFAULT_USER_ID

    async def __aenter__(self) -> "OfflineBot":
        self.store = await Store.open(self.settings.database_url, retry_for=self.retry_for,
                                      **self.store_options)
        self.companion = build_companion(content_of(self.flows_path), self.store)
        await self.companion.prepare()
        self.application = build_application(self.settings, request=self.request,
                                             rate_limiter=unpaced_limiter())
        self.transport = attach(self.application, self.companion, self.settings, self.flows_path)
        await self.application.initialize()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.application.shutdown()
        await self.store.close()

    @property
    def flowset(self):
        return self.companion.flowset

    def words(self, key: str) -> str:
        """One of flows.yaml's `messages:`."""
        return self.flowset.messages[key].render({})

    def command_words(self, name: str) -> str:
        return self.flowset.commands[name].say.render({})

    # -- the user acts --------------------------------------------------------------------------
    async def send(self, data: dict[str, Any]) -> list[Call]:
        """Process one update; the Bot API calls it caused, in order."""
        before = len(self.request.calls)
        update = self.request.update(data, self.application.bot)
        await self.application.process_update(update)
        return self.request.calls[before:]

    async def text(self, text: str, user: int | None = None) -> list[Call]:
        return await self.send(self.request.factory.text(text, user=user_json(user or self.user)))

    async def command(self, name: str, args: str = "", user: int | None = None) -> list[Call]:
        return await self.send(self.request.factory.command(name, args, user=user_json(user or self.user)))

    def message_with(self, label: str, user: int | None = None) -> BotMessage:
        """The newest message in the chat that shows a button labelled ``label``."""
        for message in reversed(self.request.messages_to(user or self.user)):
            if label in message.labels:
                return message
        raise AssertionError(f"no message shows a button {label!r}; the chat:\n{self.transcript(user)}")

    async def press(self, label: str, user: int | None = None, *, on: BotMessage | None = None) -> list[Call]:
        """Press the button ``label`` (on the newest message showing it, or on ``on``)."""
        uid = user or self.user
        message = on or self.message_with(label, uid)
        data = message.data_for(label)
        update = self.request.factory.callback(data, message=message_json(message, self.request.core.bot),
                                               user=user_json(uid))
        return await self.send(update)

    async def consented(self, user: int | None = None, **profile: Any) -> None:
        """The state after the welcome: consent given, country chosen (profile set directly)."""
        fields = {"consent": True, "country": "GB", **profile}
        async with self.store.turn(f"tg:{user or self.user}") as t:
            t.update_profile(**fields)

    # -- what the user sees ---------------------------------------------------------------------
    @staticmethod
    def texts(calls: Iterable[Call]) -> list[str]:
        """Texts of the messages sent by these calls."""
        return [c.params["text"] for c in calls if c.method == "sendMessage" and c.ok]

    @staticmethod
    def sent(calls: Iterable[Call]) -> list[Call]:
        return [c for c in calls if c.method == "sendMessage" and c.ok]

    @staticmethod
    def labels(call: Call) -> list[str]:
        return [label for row in call.buttons for label, _ in row]

    def chat(self, user: int | None = None) -> list[BotMessage]:
        return self.request.messages_to(user or self.user)

    def transcript(self, user: int | None = None) -> str:
        return "\n".join(f"{m.message_id}: {m.text!r} {m.labels}" for m in self.chat(user))

    # -- what is stored -------------------------------------------------------------------------
    def sql(self, query: str, *args: Any) -> list[tuple]:
        """Read the database file directly (what a copied database would show)."""
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute(query, args).fetchall()

    def user_row_id(self, user: int | None = None) -> int | None:
        rows = self.sql("SELECT id FROM users WHERE user_key = ?", f"tg:{user or self.user}")
        return rows[0][0] if rows else None

    def rows_of(self, row_id: int) -> dict[str, int]:
        """Rows that belong to users.id ``row_id``, per table (every table with a user_id)."""
        counts = {"users": self.sql("SELECT count(*) FROM users WHERE id = ?", row_id)[0][0]}
        tables = [r[0] for r in self.sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in self.sql(f"PRAGMA table_info({table})")]
            if "user_id" in columns:
                counts[table] = self.sql(f"SELECT count(*) FROM {table} WHERE user_id = ?", row_id)[0][0]
        return counts

    def outbox_count(self) -> int:
        return self.sql("SELECT count(*) FROM outbox")[0][0]


TIMED_FLOW = """\
start: breathe
states:
  breathe:
    say:
      - text: "Breathe in slowly. I'll be back in a moment."
        tag: information
    after: 1s
    next: check
  check:
    say:
      - text: "How was that?"
        tag: question.open
    ask: text
    next: done
  done:
    say:
      - text: "Thank you."
        tag: affirmation
    end: true
"""


@contextlib.asynccontextmanager
async def polling(bot: "OfflineBot", server: Any, users: Iterable[int], *, rate_limiter: bool = True,
                  backoff: float | None = None, drain: bool = False,
                  read_timeout: float | None = None, retry: float | None = None,
                  turn_retry: float | None = None) -> AsyncIterator[None]:
    """Our poll loop (and, with ``drain``, the outbox's retries) against the fake Bot API
    ``server``, for ``bot``'s Companion, with ``users`` consented; stopped on the way out.
    ``read_timeout`` and ``retry`` shorten PTB's 5 s wait for an answer and the outbox's 5 s
    before a retry (and between drains), as BETWEEN_SEND_TIMEOUT and BETWEEN_OUTBOX_RETRY do;
    ``turn_retry`` the 2 s before a turn that did not commit (the store away) is tried again."""
    settings = Settings(token=server.token, api_base_url=server.api_root,
                        database_url=bot.settings.database_url)
    application = build_application(settings, rate_limiter=unpaced_limiter() if rate_limiter else None,
                                    read_timeout=read_timeout)
    transport = attach(application, bot.companion, settings, bot.flows_path,
                       retry_first=RETRY_FIRST if retry is None else retry)
    for user in users:
        await bot.consented(user)
        server.add_user(user)
    stop = asyncio.Event()
    options = {} if backoff is None else {"backoff": backoff}
    if turn_retry is not None:
        options["retry_first"] = turn_retry
    async with application:
        tasks = [asyncio.create_task(poll(application, transport, stop, **options))]
        if drain:
            every = {} if retry is None else {"every": retry}
            tasks.append(asyncio.create_task(drain_outbox_forever(transport, stop, **every)))
        try:
            yield
        finally:
            stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks), 15)


def registry_with_timed_flow(target: Path) -> Path:
    """A copy of the registry plus a tiny flow with a one-second timed step, opened by /timed
    (so that timer tests do not depend on the wording of the practices)."""
    registry = copy_registry(target)
    (target / "dialogs" / "timed.yaml").write_text(TIMED_FLOW)
    text = registry.read_text()
    text = text.replace("\nflows:\n", "\nflows:\n  timed:\n    file: dialogs/timed.yaml\n    title: A timed step\n", 1)
    text = text.replace("\ncommands:\n", "\ncommands:\n  timed:\n    help: A timed step\n    flow: timed\n", 1)
    registry.write_text(text)
    return registry
