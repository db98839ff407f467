"""Burst benchmark: 10,000 check-ins due in the same minute, next to interactive traffic.

    python bench/burst_bench.py [--quick] [--users N] [--clients N] [--think MIN MAX]
                                [--no-yield] [--pace N] [--profile]

Prints one figure per line, ``name: value unit``. Everything runs through the real
``Companion`` (bot/app.py: engine, safety screen, ``remind``) and the real ``Store`` on SQLite (a
temporary file, ``synchronous=FULL`` as the bot opens it), in one event loop:

* **Set-up** (not timed): ``--users`` clients (default 10,000; ``--quick`` 500) with consent
  and check-ins on, each with a "checkin" job due at 19:00 UTC; every tenth is in the middle of
  Talk it through (so ``remind`` sends the short nudge instead of starting the check-in). The
  store's clock is fixed at 19:00:30, so every job is due and on time.
* **Interactive traffic**, throughout: ``--clients`` (default 32) concurrent clients, each in
  Talk it through through ``Companion.handle`` (typed answers, buttons, /menu and a new
  conversation when one ends), marking each reply sent (``mark_sent``, as the transport does),
  then pausing 0.1-0.3 s (seeded random) before the next message: about 160 messages a second
  in all. Latency is the time ``handle`` takes, from the event to the reply committed.
* **Burst**: ``Companion.run_due_jobs`` in batches (it claims 100 due jobs a call) until no job
  is due, each call followed by a pause as long as it took (at most 0.5 s). An interactive turn that overlaps a
  call counts as "burst", any other as "quiet": both kinds come from the same minute on the same
  machine, so a shared machine's ups and downs fall on both. ``burst_handle_s`` is the time
  spent in ``run_due_jobs`` (the pauses left out); the handling time at which each reminder
  committed is when its messages could be sent.
* **Delivery** (``burst_delivery_s``): Telegram allows about 30 messages a second in all. The
  reminders' messages are then drained from the real outbox (``store.outbox_pending`` in
  batches of 100, then ``mark_sent``: the real database work), while a fake clock says when each
  could go out: a token bucket of 30 messages a second holding at most 30 (one second's worth),
  full when the burst starts; a message goes at the later of the moment its turn committed and
  the next free token. ``burst_delivery_s`` is when the last one goes, counted from the start of
  the burst. Nothing sleeps: 10,000 messages take ~333 s of fake time and seconds of real time.
  ``outbox_claim_ms_*`` is the real cost of one claim with the burst's messages pending (a
  claim holds the store, as a turn does).

``interactive_p99_ratio`` = p99 during the burst / p99 quiet (aim: at most 1.2). On a shared
virtual machine one fsync can stall the disk for hundreds of milliseconds, and since every turn
goes through the store's one connection, all 32 clients wait for it: one stall in either half
decides that half's p99. ``store_commits_over_20ms`` counts them, and the ``*_no_disk_stalls``
figures leave out, on both sides, the turns that overlapped one, to show what the bot itself
does.

Reminders give way to replies in progress and are paced (bot/replies_first.py: 60 reminder
turns a second by default, twice what Telegram delivers); ``--pace N`` sets another
pace (0: none) and ``--no-yield`` turns both off, to show what they are worth. ``--profile``
prints the event loop's top functions (cProfile) to stderr.
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
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import Companion, ask_of  # noqa: E402
from bot.wiring import load_content  # noqa: E402
from bot.engine import Command, Pick, Text, load_registry  # noqa: E402
from bot.reminders import ReminderSettings  # noqa: E402
from persistence import Store, generate_key  # noqa: E402

FLOWS = str(ROOT / "flows.yaml")
DUE = datetime(2030, 1, 7, 19, 0, tzinfo=timezone.utc)  # a Monday, 19:00 UTC
NOW = DUE + timedelta(seconds=30)                         # found on time
RATE = 30.0        # Telegram: about 30 messages a second in all
BUCKET = 30.0      # at most one second's worth at once
QUIET_AT_MOST = 0.5  # s: the longest pause between two batches of the burst
STALL = 0.02       # a commit slower than this is the disk stalling
THINK = (0.1, 0.3)  # a client's pause between a reply and their next message (s): a very busy evening
ANSWERS = [
    "I drink more than I want to after work",
    "it helps me unwind but I miss Saturday mornings with my daughter",
    "I feel stuck and a bit ashamed about it",
    "my partner has started to notice",
    "mostly on Fridays with the people from work",
]


def out(name: str, value: float | int | str, unit: str = "") -> None:
    if isinstance(value, float):
        value = f"{value:.2f}" if value < 10 else (f"{value:.1f}" if value < 1000 else f"{value:.0f}")
    print(f"{name}: {value}{(' ' + unit) if unit else ''}", flush=True)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU") if cpuinfo.exists() else platform.processor()
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


class CommitTimes:
    """When each group commit ran in the store's thread (its SQL, COMMIT and the fsync).

    A disk that stalls (a virtual machine's shared disk can take 100-700 ms over one fsync)
    holds the store for everyone: every turn queued behind it waits as long. ``stalls`` are the
    commits longer than STALL; one of them in the burst half is enough to decide a p99.
    """

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []
        self._orig = None

    @property
    def times(self) -> list[float]:
        return [end - start for start, end in self.spans]

    @property
    def stalls(self) -> list[tuple[float, float]]:
        return [(start, end) for start, end in self.spans if end - start > STALL]

    def attach(self) -> None:
        from persistence.backend import SqliteBackend

        self._orig = orig = SqliteBackend._flush  # one group commit (one or more turns)
        spans = self.spans

        def timed(backend: Any, batch: list[Any]) -> Any:
            start = time.perf_counter()
            try:
                return orig(backend, batch)
            finally:
                spans.append((start, time.perf_counter()))

        SqliteBackend._flush = timed

    def detach(self) -> None:
        from persistence.backend import SqliteBackend

        if self._orig is not None:
            SqliteBackend._flush = self._orig


async def open_companion(folder: Path, key: str, flowset, synchronous: str = "FULL", *,
                         pace: float | None = None, give_way: bool = True) -> Companion:
    store = await Store.open(f"sqlite+aiosqlite:///{folder / 'burst.db'}", data_key=key, clock=lambda: NOW,
                             sqlite_synchronous=synchronous)
    safety = load_content(FLOWS).require()[1]
    companion = Companion(flowset, store, safety)
    if pace is not None:
        companion.replies_first.reminders_per_second = pace or None
    if not give_way:
        companion.replies_first.at_most, companion.replies_first.reminders_per_second = 0.0, None
    await companion.prepare()
    return companion


async def seed(folder: Path, key: str, flowset, users: int) -> None:
    """Clients with check-ins on and one due now; every tenth in the middle of a practice.
    Written without an fsync per turn (synchronous=NORMAL), to save time; the store is then
    opened again as the bot opens it."""
    companion = await open_companion(folder, key, flowset, "NORMAL")
    store = companion.store
    settings = ReminderSettings(on=True, time="19:00").to_json()
    try:
        for i in range(users):
            key_ = f"tg:{1_000_000 + i}"
            async with store.turn(key_) as t:
                t.update_profile(consent=True, timezone="UTC", reminders=settings)
                t.schedule("checkin", DUE)
            if i % 10 == 0:
                reply = await companion.begin(key_, "talk")
                await store.mark_sent(reply.outbox_ids)
    finally:
        await store.close()


def next_event(reply, rng: random.Random):
    """What a client in Talk it through sends next: an answer, a button, or /menu after the end."""
    conv = reply.conversation
    ask = ask_of(reply.outputs)
    if conv is None or conv.ended or ask is None:
        return Command("menu")
    if ask.input == "menu":
        button = next(b for b in ask.buttons if b.label == "Talk it through")
        return Pick(button.data, ask.rev)
    if ask.input == "text":
        return Text(rng.choice(ANSWERS))
    buttons = [b for b in ask.buttons if not b.label.startswith("✓")]
    return Pick(rng.choice(buttons).data, ask.rev)


async def client(companion: Companion, key: str, stop: asyncio.Event, samples: list[tuple[float, float]],
                 seed_: int, think: tuple[float, float]) -> None:
    """One person in Talk it through: a message, the reply (marked sent), a pause, again."""
    rng = random.Random(seed_)
    store = companion.store
    async with store.turn(key) as t:  # past the welcome: /menu opens the menu
        t.update_profile(consent=True)
    reply = await companion.begin(key, "talk")
    await store.mark_sent(reply.outbox_ids)
    while not stop.is_set():
        event = next_event(reply, rng)
        start = time.perf_counter()
        reply = await companion.handle(key, event)
        samples.append((start, time.perf_counter()))
        await store.mark_sent(reply.outbox_ids)
        await asyncio.sleep(rng.uniform(*think))


class Burst:
    """``run_due_jobs`` in batches until nothing is due, each call followed by a pause as long as
    it took, at most QUIET_AT_MOST (the interactive traffic alone, for comparison, on the same
    machine at the same time).

    ``batches`` are the (start, end) of each call; ``ready_at`` the handling time (pauses left
    out) at which each outbox message was committed, i.e. could be sent.
    """

    def __init__(self, companion: Companion) -> None:
        self.companion = companion
        self.batches: list[tuple[float, float]] = []
        self.ready_at: dict[int, float] = {}
        self.handled = 0
        self.busy = 0.0  # seconds spent in run_due_jobs so far

    async def run(self) -> None:
        started = 0.0

        async def deliver(_user_key: str, reply) -> None:
            at = self.busy + time.perf_counter() - started
            for id_ in reply.outbox_ids:
                self.ready_at[id_] = at

        while True:
            started = time.perf_counter()
            n = await self.companion.run_due_jobs(deliver)
            ended = time.perf_counter()
            self.batches.append((started, ended))
            self.busy += ended - started
            if not n:
                return
            self.handled += n
            await asyncio.sleep(min(ended - started, QUIET_AT_MOST))


def overlaps(span: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    return any(s0 < span[1] and span[0] < s1 for s0, s1 in spans)


async def measure(companion: Companion, clients: int, think: tuple[float, float],
                  ) -> tuple[Burst, list[tuple[float, float]], list[tuple[float, float]], float, float]:
    """The clients run throughout, the burst in batches with pauses between them. A turn that
    overlaps a batch counts as "burst", any other as "quiet". Returns the burst, the quiet and
    burst turns (start, end), and the time spent in each state."""
    stop = asyncio.Event()
    samples: list[tuple[float, float]] = []
    tasks = [asyncio.create_task(client(companion, f"tg:{k + 1}", stop, samples, 1000 + k, think))
             for k in range(clients)]
    await asyncio.sleep(2 * think[1])
    del samples[:]  # each client is past its first message
    burst = Burst(companion)
    start = time.perf_counter()
    await burst.run()
    wall = time.perf_counter() - start
    stop.set()
    await asyncio.gather(*tasks)
    quiet: list[tuple[float, float]] = []
    loud: list[tuple[float, float]] = []
    for span in samples:
        (loud if overlaps(span, burst.batches) else quiet).append(span)
    return burst, quiet, loud, wall - burst.busy, burst.busy


async def deliver_at_rate(store: Store, ready_at: dict[int, float]) -> tuple[float, int, list[float]]:
    """Drain the outbox for real; a token bucket on a fake clock says when each message goes."""
    clock = 0.0        # fake seconds since the burst began
    tokens = BUCKET
    refilled = 0.0
    sent = 0
    claims: list[float] = []
    while True:
        start = time.perf_counter()
        items = await store.outbox_pending(limit=100, lease=600)
        claims.append(time.perf_counter() - start)
        if not items:
            break
        for item in items:
            clock = max(clock, ready_at.get(item.id, 0.0))
            tokens = min(BUCKET, tokens + (clock - refilled) * RATE)
            refilled = clock
            if tokens < 1.0:
                clock += (1.0 - tokens) / RATE
                tokens, refilled = 1.0, clock
            tokens -= 1.0
            sent += 1
        await store.mark_sent([item.id for item in items])
    return clock, sent, claims


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="500 users instead of 10,000")
    parser.add_argument("--users", type=int, help="clients with a check-in due (default 10,000; --quick 500)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent interactive clients")
    parser.add_argument("--think", type=float, nargs=2, default=THINK, metavar=("MIN", "MAX"),
                        help="a client's pause between a reply and their next message, in seconds")
    parser.add_argument("--no-yield", dest="give_way", action="store_false",
                        help="reminders do not wait for the replies in progress (to compare)")
    parser.add_argument("--pace", type=float, help="at most this many reminder turns a second (0: no pace)")
    parser.add_argument("--profile", action="store_true", help="where the time goes during the burst")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    users = args.users or (500 if args.quick else 10_000)
    think = tuple(args.think)

    print(f"machine: {machine()}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="between-burst-"))
    key = generate_key()
    flowset = load_registry(FLOWS)  # once: the same flow version for the set-up and the run
    start = time.perf_counter()
    await seed(folder, key, flowset, users)
    out("setup_s", time.perf_counter() - start, "s")
    companion = await open_companion(folder, key, flowset, pace=args.pace, give_way=args.give_way)
    if args.pace is not None or not args.give_way:
        print(f"variant: pace={args.pace} reminders_give_way={args.give_way}", flush=True)
    try:
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        commits = CommitTimes()
        commits.attach()
        try:
            burst, quiet_spans, loud_spans, quiet_wall, loud_wall = await measure(companion, args.clients, think)
        finally:
            commits.detach()
        if profiler:
            profiler.disable()
        delivery_s, sent, claims = await deliver_at_rate(companion.store, burst.ready_at)
        quiet = [end - start for start, end in quiet_spans]
        loud = [end - start for start, end in loud_spans]
        stalls = commits.stalls
        quiet_calm = [end - start for start, end in quiet_spans if not overlaps((start, end), stalls)]
        loud_calm = [end - start for start, end in loud_spans if not overlaps((start, end), stalls)]

        out("users", users, "")
        out("interactive_clients", args.clients, "")
        out("burst_jobs_handled", burst.handled, "")
        out("burst_messages", sent, "")
        out("burst_handle_s", burst.busy, "s")
        out("burst_jobs_per_s", burst.handled / burst.busy, "jobs/s")
        out("burst_delivery_s", delivery_s, "s")
        out("outbox_claim_ms_p50", pct(claims, 0.5) * 1e3, "ms")
        out("outbox_claim_ms_max", max(claims) * 1e3, "ms")
        out("interactive_turns_quiet", len(quiet), "")
        out("interactive_turns_burst", len(loud), "")
        out("interactive_turns_per_s_quiet", len(quiet) / quiet_wall, "turns/s")
        out("interactive_turns_per_s_burst", len(loud) / loud_wall, "turns/s")
        out("interactive_p50_ms_quiet", pct(quiet, 0.5) * 1e3, "ms")
        out("interactive_p50_ms_burst", pct(loud, 0.5) * 1e3, "ms")
        out("interactive_p90_ms_quiet", pct(quiet, 0.9) * 1e3, "ms")
        out("interactive_p90_ms_burst", pct(loud, 0.9) * 1e3, "ms")
        out("interactive_p99_ms_quiet", pct(quiet, 0.99) * 1e3, "ms")
        out("interactive_p99_ms_burst", pct(loud, 0.99) * 1e3, "ms")
        out("interactive_p99_ratio", pct(loud, 0.99) / pct(quiet, 0.99), "")
        out("store_commit_ms_p50", pct(commits.times, 0.5) * 1e3, "ms")
        out("store_commit_ms_max", max(commits.times) * 1e3, "ms")
        out("store_commits_over_20ms", len(stalls), "")
        out("interactive_turns_behind_disk_stalls_quiet", len(quiet) - len(quiet_calm), "")
        out("interactive_turns_behind_disk_stalls_burst", len(loud) - len(loud_calm), "")
        out("interactive_p99_ms_quiet_no_disk_stalls", pct(quiet_calm, 0.99) * 1e3, "ms")
        out("interactive_p99_ms_burst_no_disk_stalls", pct(loud_calm, 0.99) * 1e3, "ms")
        out("interactive_p99_ratio_no_disk_stalls", pct(loud_calm, 0.99) / pct(quiet_calm, 0.99), "")
        if profiler:
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(25)
            print(stream.getvalue(), file=sys.stderr)
    finally:
        await companion.store.close()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
