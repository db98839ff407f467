"""`make bench`: every benchmark in one run, then all figures as `name: value unit` lines and
one table of the key figures next to the aims.

    python bench/run.py [--quick]

Each benchmark measures its own comparison (the floor it is judged against) in the same
process, so the ratios hold on a noisy shared machine even when the absolute numbers move.
The table at the end (markdown) is gathered from the benchmarks' lines: the comparison of one
'Talk it through' turn five ways (compare_bench.py), then each aim and what this run reached.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
BENCHES = ["engine_bench.py", "screen_bench.py", "answers_bench.py", "reflect_bench.py",
           "store_bench.py", "telegram_bench.py", "burst_bench.py",
           "compare_bench.py"]
LINE = re.compile(r"^([a-z][a-z0-9_]*): (.+)$")


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU") \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def parse(output: str) -> dict[str, str]:
    """``name: value unit`` lines -> {name: "value unit"} (the first of a name wins)."""
    figures: dict[str, str] = {}
    for line in output.splitlines():
        match = LINE.match(line.strip())
        if match and match.group(1) not in figures:
            figures[match.group(1)] = match.group(2).strip()
    return figures


class Figures:
    """What the benchmarks printed, by benchmark (file name without ``_bench.py``)."""

    def __init__(self, by_bench: dict[str, dict[str, str]]):
        self.by_bench = by_bench

    def text(self, bench: str, name: str) -> str | None:
        return self.by_bench.get(bench, {}).get(name)

    def number(self, bench: str, name: str) -> float | None:
        text = self.text(bench, name)
        if text is None:
            return None
        try:
            return float(text.split()[0].replace(",", ""))
        except ValueError:
            return None

    def find(self, bench: str, pattern: str) -> tuple[str, re.Match] | None:
        """The first name of ``bench`` matching ``pattern`` (e.g. the stored-clients sizes, which
        differ in quick mode), with its match."""
        for name in self.by_bench.get(bench, {}):
            match = re.fullmatch(pattern, name)
            if match:
                return name, match
        return None


def show(value: float | None, unit: str = "", digits: int | None = None) -> str:
    if value is None:
        return "—"
    if digits is None:
        digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f}{(' ' + unit) if unit else ''}"


def table(f: Figures, quick: bool) -> list[str]:
    lines = [f"machine: {machine()}{' (quick mode: fewer turns; run `make bench` for the figures)' if quick else ''}", ""]
    scenarios = [
        ("floor", "1. floor: bare PTB echo handler, one send per update", "— (stores nothing)"),
        ("ptb", "2. what a PTB developer would write: ConversationHandler + PicklePersistence",
         "**no**: pickle written every 60 s and on shutdown"),
        ("sqlite", "3. this project, SQLite (`synchronous=FULL`)", "yes: one transaction per turn"),
        ("postgres", "4. this project, PostgreSQL", "yes: one transaction per turn"),
        ("raw_sqlite", "5. raw `sqlite3` read + upsert + commit of the same state (storage floor)",
         "yes: one commit per turn"),
    ]
    lines += ["| scenario ('Talk it through', 9 turns a client) | durable per turn | turns/s | p50 | p99 "
              "| 200 chats flat out: turns/s | p99 | 200 chats writing every 1–2 s: p99 | peak memory |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key, label, durable in scenarios:
        rate = f.text("compare", f"{key}_turns_per_s")
        if rate is not None and rate.startswith("skipped"):
            lines.append(f"| {label} | {durable} | {rate} | | | | | | |")
            continue
        cells = [show(f.number("compare", f"{key}_turns_per_s")),
                 show(f.number("compare", f"{key}_p50_ms"), "ms"),
                 show(f.number("compare", f"{key}_p99_ms"), "ms"),
                 show(f.number("compare", f"{key}_turns_per_s_200_chats")),
                 show(f.number("compare", f"{key}_p99_ms_200_chats"), "ms"),
                 show(f.number("compare", f"{key}_p99_ms_200_chats_paced"), "ms"),
                 show(f.number("compare", f"{key}_peak_rss_mb"), "MB", 0)]
        lines.append(f"| {label} | {durable} | " + " | ".join(cells) + " |")
    def times(name: str) -> str:
        return "×" + show(f.number("compare", name), digits=2)

    flush = f.text("compare", "ptb_flush_ms") or ""
    changed = re.search(r"(\d+) clients", flush)
    lines += ["", f"ratio_vs_floor (3 ÷ 1, mean turn time) {times('ratio_vs_floor')}, ratio_vs_ptb (3 ÷ 2) "
              f"{times('ratio_vs_ptb')}; PostgreSQL ÷ PTB {times('postgres_ratio_vs_ptb')}; ours on SQLite ÷ raw "
              f"sqlite3 {times('ratio_vs_raw_sqlite')}; PTB ÷ echo {times('ptb_ratio_vs_floor')}. Bot API calls per "
              f"turn: ours {show(f.number('compare', 'sqlite_bot_api_calls_per_turn'), digits=2)}, the PTB "
              f"program {show(f.number('compare', 'ptb_bot_api_calls_per_turn'), digits=2)}, the echo "
              f"{show(f.number('compare', 'floor_bot_api_calls_per_turn'), digits=2)}.",
              f"The PTB program writes its pickle when the 60 s timer fires: "
              f"{show(f.number('compare', 'ptb_flush_ms'), 'ms')} with {changed.group(1) if changed else '—'} "
              "clients changed, the event loop blocked meanwhile. With 200 chats flat out all first "
              "messages arrive together and wait behind the other chats' turns (one event loop), so p99 "
              "is queueing: at least 200 ÷ turns per second, more for handlers that never yield (they "
              "serve one chat's nine turns after another). Writing every 1–2 s, 200 chats send about "
              f"{show(f.number('compare', 'sqlite_turns_per_s_200_chats_paced'))} messages a second, latency "
              "counted from when each was due.", ""]

    stored = f.find("compare", r"stored_(\w+)_vs_(\w+)_rss_ratio")
    if stored:
        large, small = stored[1].group(1), stored[1].group(2)
        rss_small = f.number("compare", f"stored_{small}_peak_rss_mb")
        rss_large = f.number("compare", f"stored_{large}_peak_rss_mb")
        rss_ratio = f.number("compare", stored[0])
        memory = (f"{show(rss_small, 'MB', 0)} → {show(rss_large, 'MB', 0)} (×{show(rss_ratio, digits=2)}); "
                  f"turn p50 {show(f.number('compare', f'stored_{small}_turn_p50_ms'), 'ms')} → "
                  f"{show(f.number('compare', f'stored_{large}_turn_p50_ms'), 'ms')}")
        memory_met = rss_ratio is not None and abs(rss_ratio - 1) <= 0.10
        memory_aim = f"memory flat (±10%) from {small} to {large} stored clients"
    else:
        memory, memory_met = "— (not in quick mode)", None
        memory_aim = "memory flat (±10%) from 1k to 100k stored clients"
    store_ratio = f.find("store", r"store_sqlite_full_(\w+)_vs_(\w+)_users_mean_ratio")
    pg_ratio = f.find("store", r"store_pg_(\w+)_vs_(\w+)_users_mean_ratio")
    latency_ratios = [(what, f.number("store", found[0])) for what, found in
                      (("SQLite", store_ratio), ("PostgreSQL", pg_ratio)) if found]
    latency = "; ".join(f"{what} ×{show(value, digits=2)}" for what, value in latency_ratios)
    if store_ratio:
        latency = f"{store_ratio[1].group(1)} vs {store_ratio[1].group(2)}: " + latency
    latency_met = (all(value is not None and abs(value - 1) <= 0.10 for _, value in latency_ratios)
                   if latency_ratios else None)

    def aim(label: str, target: str, reached: str, met: bool | None) -> str:
        verdict = "—" if met is None else ("yes" if met else "no")
        return f"| {label} | {target} | {reached} | {verdict} |"

    def below(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    rf, rp = f.number("compare", "ratio_vs_floor"), f.number("compare", "ratio_vs_ptb")
    rate = f.number("compare", "sqlite_turns_per_s")
    p99_200 = f.number("compare", "sqlite_p99_ms_200_chats_paced")
    startup = f.number("compare", "startup_s")
    burst = f.number("burst", "interactive_p99_ratio")
    lines += ["| aim | target | reached | met |", "| --- | --- | --- | --- |",
              aim("ratio_vs_floor (our SQLite turn ÷ the echo's)", "≤ 2", times("ratio_vs_floor"), below(rf, 2)),
              aim("ratio_vs_ptb, while durable (÷ ConversationHandler + PicklePersistence)", "≤ 1.2",
                  times("ratio_vs_ptb"), below(rp, 1.2)),
              aim("durable turns per second on SQLite, one chat at a time", "≥ 2,000",
                  show(rate), None if rate is None else rate >= 2000),
              aim("p99 per turn, 200 concurrent chats (each writing every 1–2 s)", "≤ 10 ms",
                  f"{show(p99_200, 'ms')} (the PTB program: "
                  f"{show(f.number('compare', 'ptb_p99_ms_200_chats_paced'), 'ms')}; one chat at a time: "
                  f"{show(f.number('compare', 'sqlite_p99_ms'), 'ms')}; 200 chats flat out: "
                  f"{show(f.number('compare', 'sqlite_p99_ms_200_chats'), 'ms')})",
                  below(p99_200, 10)),
              *concurrency_aims(f, aim, below),
              aim(memory_aim, "±10%", memory, memory_met),
              aim("turn latency by stored clients (store_bench, mean)", "within 10%", latency or "—",
                  latency_met),
              aim("start-up: `between run` to its first poll", "≤ 1 s", show(startup, "s"), below(startup, 1)),
              aim("`between validate` on the shipped flows, whole process", "≤ 0.5 s",
                  show(f.number("engine", "validate_process_s"), "s"),
                  below(f.number("engine", "validate_process_s"), 0.5)),
              aim("interactive p99 during the 8 pm burst vs without", "within 20% (≤ ×1.2)",
                  f"×{show(burst, digits=2)} ({show(f.number('burst', 'interactive_p99_ms_burst'), 'ms')} vs "
                  f"{show(f.number('burst', 'interactive_p99_ms_quiet'), 'ms')}; "
                  f"{show(f.number('burst', 'users'))} check-ins due)", below(burst, 1.2))]
    return lines


def concurrency_aims(f: Figures, aim: Callable[..., str], below: Callable[..., bool | None]
                     ) -> list[str]:
    """The aims at 200 concurrent chats (group commit on SQLite, two round trips on
    PostgreSQL): docs/performance.md."""
    def rate(name: str, bench: str = "compare") -> float | None:
        return f.number(bench, name)

    rp, rf = rate("ratio_vs_ptb_200_chats"), rate("ratio_vs_floor_200_chats")
    sq, pg = rate("sqlite_turns_per_s_200_chats"), rate("postgres_turns_per_s_200_chats")
    trips = rate("pg_round_trips_per_turn", "store")
    return [
        aim("ratio_vs_ptb, 200 concurrent chats (durable ÷ not)", "≤ 1.0 (≤ 1.2 at worst)",
            f"×{show(rp, digits=2)}", below(rp, 1.2)),
        aim("ratio_vs_floor, 200 concurrent chats", "≤ 3", f"×{show(rf, digits=2)}", below(rf, 3)),
        aim("durable turns per second on SQLite, 200 concurrent chats", "≥ 2,000",
            f"{show(sq)} (turns per group commit: "
            f"{show(rate('group_commit_turns_per_flush'))} mean, "
            f"{show(rate('group_commit_turns_per_flush_max'), digits=0)} max)",
            None if sq is None else sq >= 2000),
        aim("PostgreSQL turns per second, 200 concurrent chats", "≥ 1,000",
            f"{show(pg)} ({show(trips)} round trips a turn)", None if pg is None else pg >= 1000),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    started = time.perf_counter()
    print(f"machine: {machine()}")
    failed = 0
    by_bench: dict[str, dict[str, str]] = {}
    for name in BENCHES:
        path = HERE / name
        if not path.exists():
            continue
        print(f"# {name}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(path)] + (["--quick"] if quick else []),
                                capture_output=True, text=True)
        print(result.stdout, end="")
        by_bench[name.removesuffix("_bench.py")] = parse(result.stdout)
        if result.returncode:
            failed += 1
            print(f"{name} failed:\n{result.stderr[-2000:]}", file=sys.stderr)
        print(f"# {name} took {time.perf_counter() - start:.1f} s", flush=True)
    print()
    print("\n".join(table(Figures(by_bench), quick)))
    print(f"\nbench_total_s: {time.perf_counter() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
