"""One chat in a 429, the others answering: how long do the others wait for their replies?

    python bench/isolation_bench.py [--chats 10] [--retry-after 10] [--quick]

Our bot (build_application + attach, the real Companion and SQLite store) behind a
RecordingRequest, with the outbox drain running as in `between run`. ``--chats`` clients go
through 'Talk it through' at a busy evening's pace (bench/scenarios.py ``paced``: each writes
1-2 s after the bot's reply; a turn's latency runs from when its message was due to when its
reply was out). Meanwhile one more client writes every second, and Telegram answers that chat's
first message with 429 retry_after ``--retry-after``. Four runs, each printed as
``isolation_<limiter>_<case>_p50/p90``: PTB's AIORateLimiter (what `between run` used before)
and ours (bot/telegram/limiter.py), each without and with the 429.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scenarios import BotBench, emit, paced, pct  # noqa: E402

LIMITED = 99_999


class LimitedBotBench(BotBench):
    """BotBench with a flood limiter: "aio" (PTB's AIORateLimiter) or "ours"."""

    def __init__(self, *args, limiter: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.limiter = limiter

    async def start(self) -> None:
        from telegram.ext import AIORateLimiter

        from bot.app import Companion
        from bot.telegram.main import attach, build_application
        from persistence import Store

        self.store = await Store.open(self.settings.database_url)
        self.companion = Companion(self.flowset, self.store, self.safety)
        await self.companion.prepare()
        options = {"rate_limiter": AIORateLimiter(max_retries=3)} if self.limiter == "aio" else {}
        self.application = build_application(self.settings, request=self.request, **options)
        self.transport = attach(self.application, self.companion, self.settings,
                                str(ROOT / "flows.yaml"))
        await self.application.initialize()


async def one_run(limiter: str, limited: bool, chats: int, retry_after: int,
                  steps: int | None) -> list[float]:
    from bot.wiring import load_content
    from bot.telegram.main import drain_outbox_forever
    from bench.drivers.telegram.updates import user_json

    flowset, safety = load_content(ROOT / "flows.yaml").require()
    with tempfile.TemporaryDirectory() as tmp:
        bench = LimitedBotBench(None, Path(tmp), flowset, safety, limiter=limiter)
        await bench.start()
        stop = asyncio.Event()
        drain = asyncio.create_task(drain_outbox_forever(bench.transport, stop))
        await bench.consent(LIMITED)
        if limited:
            bench.request.fail_chat(LIMITED, "429", retry_after=retry_after)

        async def limited_chat() -> None:  # writes every second; not measured
            while not stop.is_set():
                data = bench.request.factory.text("/help", user=user_json(LIMITED))
                update = bench.request.update(data, bench.application.bot)
                await bench.application.process_update(update)
                await asyncio.sleep(1.0)

        writer = asyncio.create_task(limited_chat())
        try:
            times, _wall = await paced(bench, chats, steps)
        finally:
            stop.set()
            await asyncio.gather(writer, drain, return_exceptions=True)
            await bench.stop()
        return times


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=10)
    parser.add_argument("--retry-after", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="six steps of the flow, not all")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    warnings.simplefilter("ignore")
    steps = 6 if args.quick else None
    for limiter in ("aio", "ours"):
        for limited in (False, True):
            times = await one_run(limiter, limited, args.chats, args.retry_after, steps)
            case = f"429_{args.retry_after}s" if limited else "no_429"
            emit(f"isolation_{limiter}_{case}_p50", f"{pct(times, 50):.2f}", "s")
            emit(f"isolation_{limiter}_{case}_p90", f"{pct(times, 90):.2f}", "s")
            emit(f"isolation_{limiter}_{case}_max", f"{max(times):.2f}", "s")


if __name__ == "__main__":
    asyncio.run(main())
