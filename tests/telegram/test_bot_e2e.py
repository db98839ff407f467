"""End to end: `between run` as a process of its own against the fake Bot API server (in a
thread), in polling and in webhook mode. A simulated client completes 'Talk it through' with
buttons and text; the bot is SIGKILLed in the middle of a conversation and restarted, and
nothing is lost.

Waits are event-driven (the server's wait_for_* helpers); timeouts are generous. The words the
client waits for are read from the flows at run time. The first test starts the console script
as a new process; the others fork the bot's process from a process that has imported the bot
(bot_fork.py), which saves most of a second of CPU a bot.
"""
from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.telegram.httpclient import tls_context

from bench.drivers.telegram.bot_process import (
    FLOWS,
    WAIT,
    BotProcess,
    consented,
)
from bench.drivers.telegram.fake_server import FakeBotApi, free_port
from bench.drivers.telegram.http_attacks import MB, flood, peak_rss_mb
from bench.drivers.telegram.simulator import BotMessage
from bench.drivers.telegram.updates import user_json

from tests.forks import fork_server

from .bot_fork import ForkedBot
from .bot_harness import flows_and_safety


@pytest.fixture
def server(fake_bot_api_thread: FakeBotApi) -> FakeBotApi:
    return fake_bot_api_thread


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bot.db'}"


@pytest.fixture(scope="session")
def bot_forks():
    """The fork server the bots are forked from, having imported the bot (bot_fork.py)."""
    yield from fork_server()


class Bots(list):
    """The bots a test started (killed at its end if still running), and where to fork them."""

    def __init__(self, forks: Any):
        super().__init__()
        self.forks = forks


@pytest.fixture
def processes(bot_forks):
    started = Bots(bot_forks)
    yield started
    for bot in started:
        bot.kill()


def start_bot(processes: Bots, server: FakeBotApi, db_url: str, tmp_path: Path, *,
              new_process: bool = False, **env: str) -> BotProcess:
    """`between run` against ``server``: forked from the fork server (bot_fork.py), or with
    ``new_process`` the console script started as a new process, as a person starts it."""
    log = tmp_path / f"bot{len(processes)}.log"
    bot = (BotProcess(server, db_url, log, **env) if new_process
           else ForkedBot(processes.forks, server, db_url, log, **env))
    processes.append(bot)
    return bot


# -- the client ---------------------------------------------------------------------------------


class Client:
    """A person in a private chat with the bot, waiting for what they would see."""

    def __init__(self, server: FakeBotApi, user: int, bot: BotProcess):
        self.server, self.user, self.bot = server, user, bot
        self.flowset = flows_and_safety(str(FLOWS))[0]
        server.add_user(user)

    def _wait(self, predicate, after: int) -> BotMessage:
        try:
            return self.server.wait_for_message_sync(self.user, predicate, WAIT, after=after)
        except TimeoutError as err:
            calls = "\n".join(repr(c)[:160] for c in self.server.calls()[-15:])
            raise AssertionError(f"{err}\n--- bot log ---\n{self.bot.output()[-3000:]}\n"
                                 f"--- last requests ---\n{calls}") from None

    def last_id(self) -> int:
        messages = self.server.messages_to(self.user)
        return max((m.message_id for m in messages), default=0)

    def says(self, text: str, then: str | None = None, button: str | None = None) -> BotMessage:
        """Send ``text``; wait for the message ``then`` (exact text) or one showing ``button``."""
        action = self.server.user_sends_text(self.user, text)
        return self._wait(_match(then, button), after=action.message_id)

    def presses(self, label: str, then: str | None = None, button: str | None = None) -> BotMessage:
        message = next(m for m in reversed(self.server.messages_to(self.user)) if label in m.labels)
        action = self.server.user_presses(self.user, message.message_id, label=label)
        answered = self.server.wait_until_sync(lambda: self.server.callback_answer(action.query_id) is not None, WAIT)
        assert answered
        reply = self._wait(_match(then, button), after=message.message_id)
        pressed = next(m for m in self.server.messages_to(self.user) if m.message_id == message.message_id)
        assert not pressed.has_keyboard and pressed.text.endswith(label), "the choice is shown, the keyboard gone"
        return reply

    # words of the flows
    def question(self, state: str, flow: str = "talk") -> str:
        return self.flowset.flows[flow].states[state].lines[-1].text.render({})

    def label(self, state: str, choice: str | int, flow: str = "talk") -> str:
        choices = self.flowset.flows[flow].states[state].choices
        picked = choices[choice] if isinstance(choice, int) else next(c for c in choices if c.id == choice)
        return picked.label.render({})


def _match(text: str | None, button: str | None):
    def predicate(message: BotMessage) -> bool:
        return (text is None or message.text == text) and (button is None or button in message.labels)
    return predicate


def talk_it_through(client: Client, answers: tuple[str, str, str]) -> None:
    """/menu -> Talk it through -> three typed answers and four button presses -> the goodbye."""
    flowset = client.flowset
    client.says("/menu", button=flowset.flows["talk"].title)
    client.presses(flowset.flows["talk"].title, then=client.question("welcome"))
    client.says(answers[0], then=client.question("ask_experience"))
    client.says(answers[1], button=client.label("ask_meaning", 0))
    client.presses(client.label("ask_meaning", 0), button=client.label("complex", "yes"))
    client.presses(client.label("complex", "yes"), then=client.question("ask_more"))
    client.says(answers[2], button=client.label("summary", "done"))
    client.presses(client.label("summary", "done"), button=client.label("thanks", "done"))
    client.presses(client.label("thanks", "done"), then=client.question("goodbye"))


SUMMARY_OPENING = "Let me see if I've got the heart of it."  # talk.yaml's summary: it condenses


def assert_answered_once_in_order(server: FakeBotApi, user: int, words: list[str]) -> None:
    texts = [m.text for m in server.messages_to(user) if not m.text.startswith(SUMMARY_OPENING)]
    where = []
    for word in words:
        hits = [i for i, text in enumerate(texts)
                if word in text and sum(w in text for w in words) == 1]  # a summary repeats them all
        assert len(hits) == 1, f"{word!r} reflected {len(hits)} times:\n{server.transcript(user)}"
        where.append(hits[0])
    assert where == sorted(where), server.transcript(user)


def wait_for_commands(server: FakeBotApi, bot: BotProcess) -> list:
    try:
        return server.wait_until_sync(lambda: server.commands(), WAIT)
    except TimeoutError:
        raise AssertionError(f"no setMyCommands; bot log:\n{bot.output()[-3000:]}") from None


# -- the tests ----------------------------------------------------------------------------------


def test_polling_a_client_completes_a_flow_with_buttons_and_text(server, db_url, tmp_path, processes):
    user = 501
    consented(db_url, user)
    bot = start_bot(processes, server, db_url, tmp_path, new_process=True)  # the console script
    commands = wait_for_commands(server, bot)
    flowset = flows_and_safety(str(FLOWS))[0]
    assert [c["command"] for c in commands] == [c.name for c in flowset.commands.values() if not c.staff]
    client = Client(server, user, bot)
    talk_it_through(client, ("I drink more than I want at weekends", "it feels heavy and tiring",
                             "my job keeps coming up"))
    assert_answered_once_in_order(server, user, ["at weekends", "heavy and tiring", "job keeps coming up"])
    server.wait_until_sync(lambda: not server.pending_updates(), WAIT)  # everything confirmed

    registered = len(server.calls("setMyCommands"))
    bot.proc.send_signal(signal.SIGHUP)  # reload the flows: the commands are registered again
    server.wait_until_sync(lambda: len(server.calls("setMyCommands")) > registered, WAIT)
    assert bot.stop() == 0
    log = bot.output()
    assert "weekends" not in log and "tiring" not in log, "the log never holds what a client wrote"
    server.assert_no_violations()


def test_webhook_mode_answers_after_commit_checks_the_secret_and_has_a_health_check(server, db_url, tmp_path, processes):
    user, intruder = 502, 503
    consented(db_url, user)
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    bot = start_bot(processes, server, db_url, tmp_path, WEBHOOK_URL=url, WEBHOOK_SECRET="s3cret-Token_1", PORT=str(port))
    wait_for_commands(server, bot)
    server.wait_until_sync(lambda: server.webhook.get("url") == url, WAIT)
    assert server.webhook["secret_token"] == "s3cret-Token_1"

    health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=WAIT, verify=tls_context())
    assert health.status_code == 200 and health.json()["ok"] is True

    server.add_user(intruder)
    forged = server.factory.text("/menu", user={"id": intruder, "is_bot": False, "first_name": "X"})
    for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
        answer = httpx.post(url, json=forged, headers=headers, timeout=WAIT, verify=tls_context())
        assert answer.status_code == 403

    client = Client(server, user, bot)
    talk_it_through(client, ("I use when I can't sleep", "it is lonely at night", "my sister worries"))
    assert_answered_once_in_order(server, user, ["can't sleep", "lonely at night", "sister worries"])
    assert server.deliveries and all(d.status == 200 for d in server.deliveries)
    assert all(d.secret_sent for d in server.deliveries)
    assert server.messages_to(intruder) == [], "a request with a wrong secret is not processed"
    assert bot.stop() == 0
    server.assert_no_violations()


def test_a_kill_in_the_middle_of_a_conversation_loses_nothing(server, db_url, tmp_path, processes):
    user = 504
    consented(db_url, user)
    bot = start_bot(processes, server, db_url, tmp_path, BETWEEN_OUTBOX_LEASE="2")
    wait_for_commands(server, bot)
    client = Client(server, user, bot)
    flowset = client.flowset
    client.says("/menu", button=flowset.flows["talk"].title)
    client.presses(flowset.flows["talk"].title, then=client.question("welcome"))

    # The next turn commits; its first message goes out, the second hangs in flight ...
    server.fail_next("sendMessage", "slow", delay=0)
    server.fail_next("sendMessage", "timeout")
    before = len(server.calls("sendMessage"))
    client.server.user_sends_text(user, "I drink straight after work")

    def hanging() -> bool:
        calls = server.calls("sendMessage")[before:]
        return len(calls) >= 2 and calls[1].fault is not None  # held: the bot waits for an answer

    server.wait_until_sync(hanging, WAIT)
    later = server.user_sends_text(user, "it scares me a bit")  # ... while the client writes on
    bot.proc.kill()  # SIGKILL: no clean-up at all
    bot.proc.wait(WAIT)

    # what the killed process had claimed goes out again when its lease (2 s here) ends; the
    # outbox is looked at every 0.5 s here (5 s in service)
    restarted = start_bot(processes, server, db_url, tmp_path, BETWEEN_OUTBOX_LEASE="2",
                          BETWEEN_OUTBOX_RETRY="0.5")
    client.bot = restarted
    client._wait(_match(None, client.label("ask_meaning", 0)), after=later.message_id)
    client.presses(client.label("ask_meaning", 0), button=client.label("complex", "yes"))
    client.presses(client.label("complex", "yes"), then=client.question("ask_more"))
    client.says("my partner noticed", button=client.label("summary", "done"))
    assert_answered_once_in_order(server, user, ["drink straight after work", "scares you a bit", "partner noticed"])
    texts = [m.text for m in server.messages_to(user)]
    assert texts.count(client.question("ask_experience")) == 1, server.transcript(user)
    server.wait_until_sync(lambda: not server.pending_updates(), WAIT)
    assert restarted.stop() == 0
    server.assert_no_violations()


# Without a token `between run` explains how to get one: tests/app/test_cli.py.


def test_a_token_telegram_refuses_stops_the_bot_with_a_clear_message(server, db_url, tmp_path, processes):
    bot = start_bot(processes, server, db_url, tmp_path, TELEGRAM_BOT_TOKEN="123:not-the-right-token")
    assert bot.proc.wait(WAIT) == 1
    output = bot.output()
    assert "Telegram refused the token" in output and "Traceback" not in output


# -- what must not take the bot down or hold it up ----------------------------------------------

CLIENT_WORDS = ("quokka", "zanzibar", "marmalade", "pelican")  # in what clients write, nowhere else


def assert_no_client_words(log: str) -> None:
    found = [word for word in CLIENT_WORDS if word in log.lower()]
    assert not found, f"the log holds what clients wrote ({found}):\n{log[-3000:]}"


def test_updates_that_cannot_be_read_are_skipped_and_the_bot_stays_up(server, db_url, tmp_path,
                                                                     processes):
    """A message without its date and a poll from an older Bot API server (no allows_revoting)
    fail PTB's parsing: each is skipped (the offset moves past it), the rest of the batch is
    answered, getUpdates answers of the wrong shape are fetched again, the bot keeps running,
    and nothing a client wrote reaches the log, at DEBUG either."""
    user, other = 511, 512
    consented(db_url, user, other)
    server.add_user(user)
    server.add_user(other)
    no_date = server.factory.text("my quokka keeps me up", user=user_json(other))
    del no_date["message"]["date"]
    old_poll = server.factory.poll(user=user_json(other))
    old_poll["message"]["poll"]["question"] = "zanzibar or marmalade?"
    del old_poll["message"]["poll"]["allows_revoting"]
    bad = [server.push_update(no_date), server.push_update(old_poll)]
    good = server.user_sends_text(user, "/help")  # in the same batch as the two above

    bot = start_bot(processes, server, db_url, tmp_path, LOG_LEVEL="DEBUG")
    client = Client(server, user, bot)
    client._wait(lambda m: True, after=good.message_id)
    server.wait_until_sync(lambda: not server.pending_updates(), WAIT)  # the bad ones confirmed too
    assert server.messages_to(other) == []

    # getUpdates answers Telegram never gives: the bot fetches again after a pause
    server.answer_next_raw("getUpdates", None)
    server.answer_next_raw("getUpdates", {"ok": True, "result": [1, 2]})
    client.says("I saw a pelican today and wanted a drink", button=None)
    broken = server.wait_until_sync(lambda: len([c for c in server.calls("getUpdates")
                                                 if c.error == "injected raw answer"]) == 2, WAIT)
    assert broken
    client.says("/help", then=None)
    assert bot.proc.poll() is None, "the bot is still running"
    assert bot.stop() == 0
    log = bot.output()
    for update_id in (a.update_id for a in bad):
        assert f"update_id {update_id}" in log or f", {update_id}" in log, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert " DEBUG " in log, "the log was at DEBUG"
    assert_no_client_words(log)
    server.assert_no_violations()


def test_a_chat_whose_sends_hang_does_not_hold_up_the_others(server, db_url, tmp_path, processes):
    """One chat's sendMessage never answers (the bot gives up after its read timeout, 5 s in
    service and 3 s here, and keeps the message in the outbox): the other chats' replies come
    as quickly as ever (each well within the 3 s a wait behind the slow chat would take), and
    the slow chat gets its reply once its chat answers again (the outbox's first retry 0.3 s
    after the timeout here, 5 s in service)."""
    slow, others = 521, [522, 523, 524]
    consented(db_url, slow, *others)
    bot = start_bot(processes, server, db_url, tmp_path, BETWEEN_SEND_TIMEOUT="3",
                    BETWEEN_OUTBOX_RETRY="0.3")
    wait_for_commands(server, bot)
    for user in (slow, *others):
        server.add_user(user)
    server.fail_chat(slow, "timeout")
    server.user_sends_text(slow, "/help")
    server.wait_until_sync(lambda: any(c.chat_id == slow for c in server.calls("sendMessage")),
                           WAIT)
    waited = []
    for user in others * 2:
        start = time.monotonic()
        action = server.user_sends_text(user, "/help")
        server.wait_for_message_sync(user, after=action.message_id, timeout=WAIT)
        waited.append(time.monotonic() - start)
    assert max(waited) < 2.0, f"the other chats waited {waited} s; bot log:\n{bot.output()[-2000:]}"
    server.heal_chat(slow)  # what it was sent comes in full, in order (from the outbox)
    answer = [m.text for m in server.messages_to(others[0])][:2]
    server.wait_until_sync(lambda: [m.text for m in server.messages_to(slow)] == answer, WAIT)
    server.wait_until_sync(lambda: not server.pending_updates(), WAIT)
    assert bot.stop() == 0
    server.assert_no_violations()


def test_a_flood_of_large_wrong_secret_posts_leaves_the_webhook_memory_flat(
        server, db_url, tmp_path, processes):
    """20 POSTs of 90 MB at once with a wrong secret (once 1.6 GB of memory): each is answered
    403 from its headers, no body is read, the bot's peak memory hardly moves, and it listens
    only where WEBHOOK_LISTEN says."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    user = 531
    consented(db_url, user)
    bot = start_bot(processes, server, db_url, tmp_path, WEBHOOK_URL=url, WEBHOOK_SECRET="s3cret",
                    PORT=str(port), WEBHOOK_LISTEN="127.0.0.1", LOG_LEVEL="DEBUG")
    wait_for_commands(server, bot)
    server.wait_until_sync(lambda: server.webhook.get("url") == url, WAIT)
    Client(server, user, bot).says("a pelican stole my lunch and I wanted a drink")
    forged = server.factory.text("quokka", user=user_json(user))
    assert httpx.post(url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": "no"},
                      timeout=WAIT, verify=tls_context()).status_code == 403
    before = peak_rss_mb(bot.proc.pid)
    answers = flood(port, 20, 90 * MB)
    assert [status for status, _ in answers] == [403] * 20
    assert all(sent == 0 for _, sent in answers), "answered before a byte of the body was sent"
    grown = peak_rss_mb(bot.proc.pid) - before
    assert grown < 20, f"peak memory grew {grown:.0f} MB"
    with pytest.raises(httpx.ConnectError):  # bound to 127.0.0.1 alone
        httpx.get(f"http://127.0.0.2:{port}/healthz", timeout=WAIT, verify=tls_context())
    assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=WAIT, verify=tls_context()).status_code == 200
    assert bot.stop() == 0
    assert_no_client_words(bot.output())
    server.assert_no_violations()


def test_stopping_waits_for_the_turns_in_flight(server, db_url, tmp_path, processes):
    """SIGTERM while a chat's reply is slow to go out: the bot stops fetching, lets the turn
    finish (its reply delivered) and exits 0."""
    user = 541
    consented(db_url, user)
    bot = start_bot(processes, server, db_url, tmp_path)
    wait_for_commands(server, bot)
    server.add_user(user)
    server.fail_chat(user, "slow", delay=1.0)
    server.user_sends_text(user, "/help")
    server.wait_until_sync(lambda: [c for c in server.calls("sendMessage") if c.chat_id == user],
                           WAIT)
    assert bot.stop() == 0
    sends = [c for c in server.calls("sendMessage") if c.chat_id == user]
    assert len(sends) >= 2 and all(c.ok for c in sends), "the whole reply went out, none cut off"
    assert [m.text for m in server.messages_to(user)] == [c.text for c in sends]
