"""CPU a turn of one scenario of compare_bench.py, for comparing two checkouts on a busy machine.

    python bench/cpu_turns.py [--checkout DIR] [--scenario sqlite|ptb] [--runs 4]

Runs the scenario's bot (bench/scenarios.py, as compare_bench.py builds it, the store holding
1,000 clients) in this process, warmed up, then ``--runs`` times 200 chats x 9 turns flat out
and 270 turns one chat at a time, and prints the process's CPU time a turn (every thread:
``time.process_time``), the garbage collector's CPU (``thread_time`` around each collection)
and, on SQLite, the writer thread's CPU in the group flushes and how many messages each
mark-sent transaction carried. ``--checkout``: the source tree to import the bot from (another
worktree, e.g. the code before a change), so that two versions can take turns, one process
each, in the same minutes: on a shared machine CPU time moves far less than wall time, but it
still moves, so compare medians of alternating runs, not single figures.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    ap.add_argument("--scenario", choices=("sqlite", "ptb"), default="sqlite")
    ap.add_argument("--runs", type=int, default=4)
    args = ap.parse_args()
    sys.path.insert(0, str(args.checkout.resolve()))
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("persistence").setLevel(logging.ERROR)
    asyncio.run(measure(args.scenario, args.runs))


async def measure(kind: str, runs: int) -> None:
    from bench.compare_bench import STORED, make_scenario, prefill
    from bench.scenarios import FLOWS, concurrent, sequential, stored_states
    from bot.engine import load_registry

    tmp = Path(tempfile.mkdtemp(prefix="between-cpu-"))
    (tmp / "states.json").write_text(json.dumps(stored_states(load_registry(FLOWS))))
    url = None
    if kind == "sqlite":
        url = f"sqlite:///{tmp / 'bench.db'}"
        await prefill(url, STORED)
    bench = await make_scenario(kind, tmp, url, None)
    await bench.start()
    await sequential(bench, 18)
    await concurrent(bench, 10, 2)

    collecting: list[float] = [0.0, 0.0]  # (CPU spent collecting, when the current one began)

    def timed_gc(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            collecting[1] = time.thread_time()
        else:
            collecting[0] += time.thread_time() - collecting[1]

    gc.callbacks.append(timed_gc)
    backend = getattr(getattr(bench, "store", None), "_backend", None)
    flushing = [0.0]
    flush = getattr(type(backend), "_flush", None)
    if flush is not None:
        def timed_flush(self: Any, batch: Any) -> Any:
            start = time.thread_time()
            try:
                return flush(self, batch)
            finally:
                flushing[0] += time.thread_time() - start

        type(backend)._flush = timed_flush  # type: ignore[method-assign]
    stats = getattr(backend, "stats", None)
    marks = (getattr(stats, "marks", 0), getattr(stats, "mark_commits", 0))
    per_turn, rates, turns = [], [], 0
    for _ in range(runs):
        start = time.process_time()
        lat, wall = await concurrent(bench, 200, None)
        per_turn.append((time.process_time() - start) / len(lat) * 1e6)
        rates.append(len(lat) / wall)
        turns += len(lat)
    start = time.process_time()
    lat = await sequential(bench, 270)
    one_chat = (time.process_time() - start) / len(lat) * 1e6
    turns += len(lat)
    await bench.stop()
    each = ", ".join(f"{v:.0f}" for v in per_turn)
    rate = ", ".join(f"{v:.0f}" for v in rates)
    print(f"cpu_us_per_turn_200_chats: median {statistics.median(per_turn):.0f}, "
          f"min {min(per_turn):.0f} (runs: {each}; turns/s {rate})")
    print(f"cpu_us_per_turn_one_chat: {one_chat:.0f}")
    print(f"gc_cpu_us_per_turn: {collecting[0] / turns * 1e6:.0f}")
    if flush is not None:
        print(f"writer_flush_cpu_us_per_turn: {flushing[0] / turns * 1e6:.0f}")
    if stats is not None and hasattr(stats, "marks") and stats.mark_commits > marks[1]:
        carried = (stats.marks - marks[0]) / (stats.mark_commits - marks[1])
        print(f"marks_per_transaction: {carried:.2f}")


if __name__ == "__main__":
    main()
