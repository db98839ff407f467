"""Soak: memory of the bot over a long run with many chats, on PostgreSQL (or SQLite).

    python bench/soak.py [--minutes 12] [--chats 300] [--think 2 4] [--database-url URL]
                         [--trace] [--every 30]

The real Application, Companion and Store (``bench.scenarios.BotBench``: ``build_application`` +
``attach``, flows.yaml, the crisis screen, messages through the outbox), fed through a
RecordingRequest in this process. ``--chats`` clients at once, each going through 'Talk it
through' with a pause of ``--think`` seconds (uniform, seeded) before every message, then
starting over as a *new* client (a new Telegram user id), so the number of users the bot has
seen grows all run long, as in production. Bounded: it stops after ``--minutes``.

Every ``--every`` seconds it prints the process's RSS (``/proc/self/status`` VmRSS), turns done,
users seen, glibc's heap (in use, and freed but kept by the allocator: ``mallinfo2``), the number
of objects the garbage collector tracks and, with ``--trace``, the Python heap in use by
tracemalloc; at the end, RSS before and after glibc's ``malloc_trim`` (how much of it was memory
freed but kept by the allocator) and, with ``--trace``, the allocation
sites whose memory grew most between the first sample after warm-up and the last (so what grows
is named: a cache keyed by user, a statement cache, the test harness...). The RecordingRequest's
own per-chat records are dropped when a client finishes (they are the fake Telegram's, not
ours).

PostgreSQL: ``--database-url`` or ``TEST_DATABASE_URL``; a scratch database ``between_soak<hex>``
is created on that server, migrated, and dropped at the end. ``--database-url sqlite`` runs on a
temporary SQLite file instead.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import platform
import random
import secrets
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scenarios import BotBench, emit  # noqa: E402
from bot.wiring import load_content  # noqa: E402
from persistence import generate_key, upgrade  # noqa: E402
from persistence.db import normalise_url  # noqa: E402

FLOWS = ROOT / "flows.yaml"
WARM_UP = 120.0  # s: the first sample compared is taken after this (caches, pools, free lists fill)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def malloc_mb() -> tuple[float, float]:
    """glibc's heap: (bytes in use, bytes free but kept), in MB; NaN elsewhere."""
    try:
        import ctypes

        class MallInfo2(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                "fordblks", "keepcost")]

        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
        return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20
    except (OSError, AttributeError):
        return float("nan"), float("nan")


def malloc_trim() -> bool:
    """Ask glibc to give its free memory back to the system (to show what RSS was made of)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
        return True
    except (OSError, AttributeError):
        return False


def machine() -> str:
    cpus = os.cpu_count()
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                 platform.processor())
    return f"{cpus} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


async def admin(url: str, sql: str) -> None:
    import asyncpg

    dsn = normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class Soak(BotBench):
    """BotBench whose chats run for a while and whose finished clients are forgotten by the fake
    Telegram (so only the bot's own memory is left to grow)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.turns = 0
        self.users = 0

    def end_chat(self, user: int) -> None:
        core = self.request.core
        with core.lock:
            core.calls.clear()
            core.messages.pop(user, None)
            core.chats.pop(user, None)
            core._message_ids.pop(user, None)
            for qid in [q for q, v in core.queries.items() if v["user_id"] == user]:
                del core.queries[qid]
        if self.request.violations():
            raise SystemExit(f"requests Telegram would refuse: {self.request.violations()[:3]}")

    async def client(self, rng: random.Random, think: tuple[float, float], until: float) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(rng.uniform(0, think[1]))
        while loop.time() < until:
            user = await self.new_chat()
            self.users += 1
            for step in self.steps:
                await asyncio.sleep(rng.uniform(*think))
                if loop.time() >= until:
                    break
                await self.turn(self.update_for(user, step))
                self.turns += 1
            self.end_chat(user)


async def soak(args: argparse.Namespace, url: str, tmp: Path) -> None:
    flowset, safety = load_content(FLOWS).require()
    bench = Soak(None, tmp, flowset, safety, database_url=url, data_key=generate_key())
    await bench.start()
    loop = asyncio.get_running_loop()
    start = loop.time()
    until = start + args.minutes * 60
    rng = random.Random(12)
    think = (args.think[0], args.think[1])
    clients = [asyncio.create_task(bench.client(random.Random(rng.random()), think, until))
               for _ in range(args.chats)]
    samples: list[tuple[float, float, int, int, float]] = []
    base: tracemalloc.Snapshot | None = None
    warm_from = 0  # samples compared: from the first after warm-up (after the snapshot)
    print("minute  rss_MB  turns  users  traced_MB  malloc_used_MB  malloc_free_MB  objects",
          flush=True)
    try:
        while loop.time() < until:
            await asyncio.sleep(min(args.every, max(0.0, until - loop.time())))
            gc.collect()
            minute = (loop.time() - start) / 60
            traced = tracemalloc.get_traced_memory()[0] / 2**20 if args.trace else float("nan")
            samples.append((minute, rss_mb(), bench.turns, bench.users, traced))
            used, kept = malloc_mb()
            print(f"{minute:6.1f}  {samples[-1][1]:6.1f}  {bench.turns:5d}  {bench.users:5d}"
                  f"  {traced:9.1f}  {used:14.1f}  {kept:14.1f}  {len(gc.get_objects()):7d}", flush=True)
            if args.trace and base is None and minute * 60 >= WARM_UP:
                base = tracemalloc.take_snapshot()  # (it stays in memory: RSS steps up once)
                warm_from = len(samples)
        await asyncio.gather(*clients)
    finally:
        for task in clients:
            task.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
        final = tracemalloc.take_snapshot() if args.trace and base is not None else None
        gc.collect()
        before = rss_mb()
        trimmed = malloc_trim()
        await bench.stop()
    if trimmed:  # what RSS was made of: memory the allocator kept after it was freed
        emit("soak_rss_before_malloc_trim", f"{before:.1f}", "MB")
        emit("soak_rss_after_malloc_trim", f"{rss_mb():.1f}", "MB (glibc gave its free pages back)")
    report(args, samples[warm_from:] if args.trace else samples, base, final)


def report(args: argparse.Namespace, samples: list, base, final) -> None:
    warm = [s for s in samples if s[0] * 60 >= WARM_UP]
    if len(warm) >= 2:
        (m0, r0, t0, u0, h0), (m1, r1, t1, u1, h1) = warm[0], warm[-1]
        half = warm[len(warm) // 2]
        emit("soak_minutes", f"{samples[-1][0]:.1f}")
        emit("soak_turns_per_s", f"{samples[-1][2] / (samples[-1][0] * 60):.1f}")
        emit("soak_users_seen", samples[-1][3])
        emit("soak_rss_start_mb", f"{r0:.1f}", f"at minute {m0:.1f}")
        emit("soak_rss_end_mb", f"{r1:.1f}", f"at minute {m1:.1f}")
        first = (half[1] - r0) / max(half[0] - m0, 1e-9)
        second = (r1 - half[1]) / max(m1 - half[0], 1e-9)
        emit("soak_rss_slope_first_half", f"{first:.3f}", "MB/min")
        emit("soak_rss_slope_second_half", f"{second:.3f}", "MB/min")
        emit("soak_rss_per_1000_users", f"{(r1 - r0) / max(u1 - u0, 1) * 1000:.3f}", "MB")
        if args.trace:
            emit("soak_heap_slope", f"{(h1 - h0) / max(m1 - m0, 1e-9):.3f}", "MB/min (tracemalloc)")
    if final is not None:
        print(f"--- top growth by line, minute {warm[0][0]:.1f} to the end ---")
        for stat in final.compare_to(base, "lineno")[:25]:
            print(stat)
        print("--- top growth by file ---")
        for stat in final.compare_to(base, "filename")[:15]:
            print(stat)


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=12.0)
    ap.add_argument("--chats", type=int, default=300)
    ap.add_argument("--think", type=float, nargs=2, default=(2.0, 4.0), metavar=("MIN", "MAX"))
    ap.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    ap.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    ap.add_argument("--trace", action="store_true", help="tracemalloc: what grows (slower)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.trace:
        tracemalloc.start(1)
    emit("machine", machine())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if not args.database_url or args.database_url == "sqlite":
            emit("database", "SQLite (temporary file)")
            await soak(args, f"sqlite:///{tmp / 'soak.db'}", tmp)
            return 0
        name = f"between_soak{secrets.token_hex(4)}"
        url = normalise_url(args.database_url).set(database=name)
        url = url.render_as_string(hide_password=False)
        await admin(args.database_url, f'CREATE DATABASE "{name}"')
        try:
            await asyncio.get_running_loop().run_in_executor(None, upgrade, url)
            emit("database", f"PostgreSQL (scratch database {name})")
            await soak(args, url, tmp)
        finally:
            await admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
