"""Telegram benchmark: a turn through the real Application against a bare PTB echo handler.

    python bench/telegram_bench.py [--quick] [--profile] [--no-e2e]

Prints one figure per line, ``name: value unit``. What is measured, in the same run:

* ``telegram_floor_*`` — a bare python-telegram-bot echo: an Application with one MessageHandler
  that does one ``send_message`` per update, fed with ``application.process_update`` through a
  RecordingRequest (every request answered like Telegram and checked against the Bot API
  description, no sockets).
* ``telegram_turns_per_s`` / ``telegram_turn_*`` — our bot: ``build_application`` + ``attach``
  with the real Companion (flows.yaml, the crisis screen) on a SQLite store (synchronous=FULL,
  the default), through the same kind of RecordingRequest, a client going through 'Talk it
  through' (menu, presses and typed answers: every turn commits, claims its messages from the
  outbox, sends them, marks each sent). The flood limiter is off for both (it paces by the wall
  clock, it costs no work); everything else is as in production.
* ``telegram_ratio_vs_floor`` — our mean time per turn / the echo's mean time per update (and
  the same for the medians). compare_bench.py has these side by side with a hand-written PTB
  program and raw sqlite3, each in its own process (``floor_*``, ``sqlite_*``, ``ratio_vs_*``);
  the scenarios are shared (bench/scenarios.py).
* ``e2e_*`` — `between run` as a subprocess, polling the fake Bot API server over HTTP, with
  several clients going through the same flow at once: turns answered per second. PTB's flood
  limiter (30 chat requests a second, Telegram's limit) bounds it, so it is printed next to the
  requests per second; ``e2e_unthrottled_*`` is the same path in this process without it.

Echo and bot runs are interleaved in rounds so that drift of the machine affects both alike.
``--profile`` prints where a bot turn's time goes (cProfile, by own time and cumulative).
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import logging
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import scenarios  # noqa: E402
from bench.scenarios import BotBench, EchoBench, emit, pct, talk_steps  # noqa: E402
from bot.app import Companion  # noqa: E402
from bot.wiring import load_content  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram.main import attach, build_application  # noqa: E402
from persistence import Store  # noqa: E402
from bench.drivers.telegram.botapi_schema import load_schema  # noqa: E402

FLOWS = scenarios.FLOWS  # --flows to use another registry


async def offline(args, tmp: Path, flowset, safety) -> None:
    schema = load_schema()
    echo = EchoBench(schema)
    bot = BotBench(schema, tmp, flowset, safety)
    await echo.start()
    await bot.start()
    rounds, per_round = (2, 90) if args.quick else (10, 270)
    try:
        await echo.run(50, 1)  # warm up both
        await bot.run(45)
        echo_times: list[float] = []
        bot_times: list[float] = []
        bot.requests = 0
        for _ in range(rounds):
            echo_times += await echo.run(per_round, 1)
            bot_times += await bot.run(per_round)
        requests = bot.requests
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            await bot.run(per_round)
            profiler.disable()
    finally:
        await bot.stop()
        await echo.stop()
    floor = statistics.mean(echo_times)
    ours = statistics.mean(bot_times)
    emit("telegram_floor_turns_per_s", f"{1 / floor:,.0f}", "turns/s")
    emit("telegram_floor_turn_mean_us", f"{floor * 1e6:,.0f}", "µs")
    emit("telegram_turns_per_s", f"{1 / ours:,.0f}", "turns/s")
    emit("telegram_turn_mean_ms", f"{ours * 1e3:.3f}", "ms")
    emit("telegram_turn_p50_ms", f"{pct(bot_times, 50) * 1e3:.3f}", "ms")
    emit("telegram_turn_p99_ms", f"{pct(bot_times, 99) * 1e3:.3f}", "ms")
    emit("telegram_ratio_vs_floor", f"{ours / floor:.1f}", "x")
    emit("telegram_ratio_vs_floor_p50", f"{pct(bot_times, 50) / pct(echo_times, 50):.1f}", "x (medians: less sensitive to a busy machine)")
    emit("turns_measured", len(bot_times))
    emit("bot_requests_per_turn", f"{requests / len(bot_times):.2f}", "Bot API calls (the echo: 1)")
    if args.profile:
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(25)
            print(f"--- profile of {per_round} bot turns, by {order} ---")
            print("\n".join(out.getvalue().splitlines()[:60]))


# -- end to end: `between run` against the fake Bot API ---------------------------------------------


async def consent_all(db_url: str, users: list[int]) -> None:
    store = await Store.open(db_url)
    for user in users:
        async with store.turn(f"tg:{user}") as t:
            t.update_profile(consent=True, country="GB")
    await store.close()


async def drive(server, users: list[int], steps, flows_each: int) -> tuple[int, float, int]:
    """Clients going through the flow at once, each waiting for the bot to confirm (= commit and
    send) every update before the next. Returns (turns, seconds, chat requests)."""

    async def client(user: int) -> int:
        turns = 0
        for _ in range(flows_each):
            for kind, what in steps:
                if kind == "text":
                    action = server.user_sends_text(user, what)
                else:  # (the drain may have sent the last turn's messages just after the turn)
                    message = await server.wait_for_message(user, lambda m, what=what: what in m.labels, 60)
                    message = next(m for m in reversed(server.messages_to(user)) if what in m.labels)
                    action = server.user_presses(user, message.message_id, label=what)
                await server.wait_until_confirmed(action, timeout=60)
                turns += 1
        return turns

    await client(users[0])  # warm up (imports, first connections)
    before = len(server.calls())
    start = time.perf_counter()
    counts = await asyncio.gather(*(client(u) for u in users))
    elapsed = time.perf_counter() - start
    requests = [c for c in server.calls()[before:] if "chat_id" in c.params]
    server.assert_no_violations()
    return sum(counts), elapsed, len(requests)


async def end_to_end(args, tmp: Path, flowset) -> None:
    """`between run` as it runs in production (flood limiter on), polling over HTTP."""
    from bench.drivers.telegram.fake_server import FakeBotApi

    steps = talk_steps(flowset)
    clients, flows_each = (2, 1) if args.quick else (8, 3)
    db_url = f"sqlite:///{tmp / 'e2e.db'}"
    users = list(range(20_000, 20_000 + clients))
    await consent_all(db_url, users)
    between = Path(sys.executable).with_name("between")
    command = [str(between), "run"] if between.exists() else [sys.executable, "-m", "bot", "run"]
    async with FakeBotApi() as server:
        env = {**os.environ, **server.env(), "DATABASE_URL": db_url, "FLOWS_PATH": str(FLOWS)}
        for name in ("WEBHOOK_URL", "PORT"):
            env.pop(name, None)
        log = open(tmp / "e2e.log", "wb")
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            await server.wait_until(lambda: server.commands(), 60)
            for user in users:
                server.add_user(user)
            turns, elapsed, requests = await drive(server, users, steps, flows_each)
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
    emit("e2e_clients", clients)
    emit("e2e_turns_per_s", f"{turns / elapsed:,.1f}", "turns/s")
    emit("e2e_chat_requests_per_s", f"{requests / elapsed:,.1f}", "requests/s (the flood limiter allows 30)")


async def end_to_end_unthrottled(args, tmp: Path, flowset, safety) -> None:
    """The same path in this process with the flood limiter off: what the bot itself can do."""
    from bot.telegram.main import poll
    from bench.drivers.telegram.fake_server import FakeBotApi

    steps = talk_steps(flowset)
    clients, flows_each = (2, 1) if args.quick else (8, 3)
    db_url = f"sqlite:///{tmp / 'e2e-fast.db'}"
    users = list(range(30_000, 30_000 + clients))
    await consent_all(db_url, users)
    with FakeBotApi().running_in_thread() as server:
        settings = Settings(token=server.token, api_base_url=server.api_root, database_url=db_url)
        store = await Store.open(db_url)
        companion = Companion(flowset, store, safety)
        await companion.prepare()
        application = build_application(settings, rate_limiter=None)
        transport = attach(application, companion, settings, str(FLOWS))
        stop = asyncio.Event()
        async with application:
            await application.start()
            polling = asyncio.create_task(poll(application, transport, stop))
            try:
                for user in users:
                    server.add_user(user)
                turns, elapsed, _ = await drive(server, users, steps, flows_each)
            finally:
                stop.set()
                await polling
                await application.stop()
        await store.close()
    emit("e2e_unthrottled_turns_per_s", f"{turns / elapsed:,.0f}", "turns/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer turns")
    ap.add_argument("--profile", action="store_true", help="where a bot turn's time goes")
    ap.add_argument("--no-e2e", action="store_true", help="skip the end-to-end run")
    ap.add_argument("--flows", type=Path, help="the registry (default: the repository's flows.yaml)")
    args = ap.parse_args()
    if args.flows:
        global FLOWS
        FLOWS = scenarios.FLOWS = args.flows.resolve()
    logging.basicConfig(level=logging.ERROR)
    emit("machine", f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    tmp = Path(tempfile.mkdtemp(prefix="between-telegram-bench-"))
    try:
        # once: the crisis rules take a second or more to compile
        flowset, safety = load_content(FLOWS).require()
        asyncio.run(offline(args, tmp, flowset, safety))
        if not args.no_e2e:
            asyncio.run(end_to_end(args, tmp, flowset))
            asyncio.run(end_to_end_unthrottled(args, tmp, flowset, safety))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
