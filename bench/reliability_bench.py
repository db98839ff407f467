"""Reliability figures for docs/telegram.md: `between run` as a process against the fake Bot API.

* slow chat: one chat's sendMessage never answers (the bot gives up after its 5 s read
  timeout) and it writes every 3 s; four other chats each write again as soon as they have
  their reply; the latency of those replies.
* flood: N POSTs of 90 MB at once with a wrong secret to the webhook; the bot's peak memory.
* half-sent: 50 requests whose headers never end; how long the webhook keeps them open.

    .venv/bin/python bench/reliability_bench.py [--seconds 20] [--flood 20]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.drivers.telegram.fake_server import FakeBotApi, free_port  # noqa: E402
from bench.drivers.telegram.http_attacks import MB, flood, half_sent, peak_rss_mb  # noqa: E402
from bench.drivers.telegram.bot_process import BotProcess, consented  # noqa: E402


def wait_started(server: FakeBotApi, bot: BotProcess) -> None:
    server.wait_until_sync(lambda: server.commands(), 30)


def slow_chat(tmp: Path, seconds: float) -> None:
    slow, others = 900, [901, 902, 903, 904]
    db_url = f"sqlite:///{tmp / 'slow.db'}"
    consented(db_url, slow, *others)
    with FakeBotApi().running_in_thread() as server:
        for user in (slow, *others):
            server.add_user(user)
        bot = BotProcess(server, db_url, tmp / "slow.log")
        try:
            wait_started(server, bot)
            server.fail_chat(slow, "timeout")
            stop = threading.Event()

            def slow_client() -> None:  # writes every 3 s, its replies never arrive
                while not stop.is_set():
                    server.user_sends_text(slow, "/help")
                    stop.wait(3.0)

            writer = threading.Thread(target=slow_client, daemon=True)
            writer.start()
            waited: list[float] = []
            end = time.monotonic() + seconds

            def client(user: int) -> None:  # writes again as soon as it has its reply
                while time.monotonic() < end:
                    start = time.monotonic()
                    action = server.user_sends_text(user, "/help")
                    server.wait_for_message_sync(user, after=action.message_id, timeout=60)
                    waited.append(time.monotonic() - start)

            clients = [threading.Thread(target=client, args=(user,)) for user in others]
            for thread in clients:
                thread.start()
            for thread in clients:
                thread.join()
            stop.set()
            writer.join()
        finally:
            bot.stop()
    waited.sort()
    def pct(q: float) -> float:
        return waited[int(len(waited) * q)]

    print(f"slow chat: {len(waited)} replies to the other chats: "
          f"p50 {statistics.median(waited):.2f} s, p90 {pct(0.9):.2f} s, p99 {pct(0.99):.2f} s, "
          f"max {waited[-1]:.2f} s; {sum(w > 1.0 for w in waited)} over 1 s")


def webhook(tmp: Path, count: int) -> None:
    db_url = f"sqlite:///{tmp / 'hook.db'}"
    with FakeBotApi().running_in_thread() as server:
        port = free_port()
        url = f"http://127.0.0.1:{port}/telegram"
        bot = BotProcess(server, db_url, tmp / "hook.log", WEBHOOK_URL=url, WEBHOOK_SECRET="s3cret",
                         PORT=str(port))
        try:
            wait_started(server, bot)
            server.wait_until_sync(lambda: server.webhook.get("url") == url, 30)
            before = peak_rss_mb(bot.proc.pid)
            start = time.monotonic()
            answers = flood(port, count, 90 * MB)
            took = time.monotonic() - start
            after = peak_rss_mb(bot.proc.pid)
            statuses = sorted({str(status) for status, _ in answers})
            read = sum(sent for _, sent in answers) / MB
            print(f"flood: {count} x 90 MB wrong-secret POSTs in {took:.1f} s: answered "
                  f"{'/'.join(statuses)}, {read:.0f} MB of body sent; peak memory "
                  f"{before:.0f} -> {after:.0f} MB")
            closed = half_sent(port, 50, 90.0)
            still_open = sum(1 for c in closed if c >= 90.0)
            print(f"half-sent: 50 requests closed after {min(closed):.1f}-{max(closed):.1f} s "
                  f"({still_open} still open after 90 s)")
        finally:
            bot.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0, help="how long the slow-chat run lasts")
    ap.add_argument("--flood", type=int, default=20, help="wrong-secret POSTs of 90 MB at once")
    ap.add_argument("--only", choices=("slow", "webhook"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="between-reliability-") as tmp:
        if args.only in (None, "slow"):
            slow_chat(Path(tmp), args.seconds)
        if args.only in (None, "webhook"):
            webhook(Path(tmp), args.flood)


if __name__ == "__main__":
    main()
