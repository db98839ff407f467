"""Comparison benchmark: one 'Talk it through' turn five ways, side by side.

    python bench/compare_bench.py [--quick] [--rounds N] [--pg URL] [--no-pg] [--profile]

``--quick``: one round of 54 sequential turns and 200 chats x 1 turn per scenario, the paced
run for SQLite only and no memory-by-stored-clients child (otherwise 3 rounds of 900 turns and
200 chats x 9 turns, every paced run, 100,000 stored clients).

Prints one figure per line, ``name: value unit``. The scenarios (bench/scenarios.py), each a
client going through the nine turns of 'Talk it through' (/menu, the menu button, typed
answers, button presses):

1. ``floor_*`` — a bare python-telegram-bot echo: one MessageHandler, one send per update,
   no storage.
2. ``ptb_*`` — what a PTB developer would write: the flow hand-written with
   ``ConversationHandler`` + ``PicklePersistence`` (defaults: the pickle is written every 60 s
   and on shutdown, so **not durable per turn**), same texts, buttons and Bot API calls as ours,
   our crisis screen on free text. ``ptb_flush_ms`` is what writing the pickle costs when the
   60 s timer fires (measured after each run: every client of the run changed).
3. ``sqlite_*`` — this project: the real Application, Companion (engine, crisis screen) and
   Store on SQLite (``synchronous=FULL``), one transaction per turn; the store already holds
   1,000 clients.
4. ``postgres_*`` — the same on PostgreSQL (a scratch database ``between_bench``, dropped and
   made afresh each run; never ``test``), where a server is reachable.
5. ``raw_sqlite_*`` — the storage floor: plain ``sqlite3``, one read + upsert + commit of the
   same state bytes per turn, WAL + ``synchronous=FULL`` like our store.

The Telegram scenarios get updates through ``Application.process_update`` with a
RecordingRequest (answered like Telegram, checked against the Bot API description, no sockets),
flood limiter off. Each scenario runs in its own child process (``*_peak_rss_mb`` is that
process's peak RSS, from ``resource.getrusage``, imports included), started once and warmed
up; the parent has them take turns, in rounds (the order rotated each round) so drift of the
machine falls on all alike, and reports the median over rounds. In each round every scenario
runs:

* sequentially (one chat at a time): ``*_turns_per_s`` (1 / mean turn time), ``*_p50_ms``,
  ``*_p99_ms``;
* with 200 chats at once, flat out (``asyncio.gather`` over the chats, each chat's turns in
  order, its next message arriving as soon as the last reply is out):
  ``*_turns_per_s_200_chats``, ``*_p50_ms_200_chats``, ``*_p99_ms_200_chats``. A turn's latency
  runs from its message's arrival, so it includes waiting behind the other chats' turns: all
  200 first messages arrive together, so p99 is mostly queueing (at least ~200 / turns per
  second; a handler that never yields to the event loop - the echo, the PTB program, raw
  sqlite3 - serves one chat's nine turns after another, so its p50 stays low and its last
  chats' first messages wait for everyone else's).

After the rounds, once: ``*_200_chats_paced`` — 200 chats at a busy evening's pace, each
writing again 1-2 s (uniform, seeded) after the bot's reply, the first messages spread over the
first 2 s (about 120 messages a second in all); latency from when a message was due, so
queueing counts (no coordinated omission). The floor, PTB and ours (``--quick``: ours on SQLite).

``ratio_vs_floor`` = our SQLite turn time / the echo's (3 ÷ 1), ``ratio_vs_ptb`` = / the PTB
program's (3 ÷ 2), both the median of the per-round ratios of mean turn times (``*_p50``:
of the medians).
``*_cpu_us_per_turn`` (``_200_chats``): the process's CPU time a turn (all its threads, the
PTB program's pickle write left out), the median of the rounds;
``sqlite_cpu_ratio_vs_ptb_200_chats`` their quotient, the figure the neighbours disturb least;
``*_wall_ratio_vs_ptb_200_chats`` the PTB program's turns/s at 200 chats over ours: how much
longer ours takes to serve the same turns. ``ratio_vs_ptb_200_chats`` (mean latency) differs
from it by how the turns are ordered: a handler that never yields serves each chat's nine
turns in a row, so on average only half the chats wait in the system, while ours serves all
200 side by side (Little's law: the mean wait is the chats waiting ÷ turns per second).

``*_marks_per_transaction_200_chats``: messages marked sent per transaction (SQLite) or round
trip (PostgreSQL) with 200 chats flat out: the marks of one pass of the event loop go together.
Our bot's children move what start-up built out of the garbage collector's sight before
serving, as `between run` does (``settle_memory``, bot/telegram/main.py).

Also: ``stored_*`` — a sixth child, our bot on a SQLite store holding 100,000 clients
(``--quick``: 10,000) doing exactly what the ``sqlite`` one (1,000 clients) does, in the same
rounds: peak RSS and turn latency by number of stored clients (store_bench.py has the store's
own per-turn latency for 1,000 and 100,000). ``startup_s`` — `between run` (the console
script, polling the fake Bot API server of tests/telegram/fake_server.py, an existing SQLite
database, 1,000 clients) from spawning to its first getUpdates request (``--quick``: one start,
otherwise the median of three). `between validate` is timed by engine_bench.py
(``validate_process_s``) and the 8 pm burst by burst_bench.py; bench/run.py puts them all in
one table.
``--profile`` prints where our turn's time goes and the PTB program's (cProfile).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scenarios import FLOWS, emit, pct  # noqa: E402

SCENARIOS = ["floor", "ptb", "sqlite", "postgres", "raw_sqlite"]
CHATS = 200
STORED = 1_000  # clients already in the sqlite / postgres stores
FIRST_USER = 5_000_000  # bench clients' ids: clear of the prefilled ones (0 .. 99,999)
PG_DEFAULT = "postgresql://root@127.0.0.1:5432/postgres"
PG_DATABASE = f"between_bench_{os.getpid()}"  # per run: benches of several checkouts may meet


# -- the child process: one scenario ----------------------------------------------------------------


async def make_scenario(name: str, tmp: Path, db_url: str | None, key: str | None):
    from bench import scenarios
    from bench.drivers.telegram.botapi_schema import load_schema

    if name == "raw_sqlite":
        states = json.loads((tmp / "states.json").read_text())
        return scenarios.RawSqliteBench(tmp / "raw.db", states, first_user=FIRST_USER)
    if name == "floor":
        return scenarios.EchoBench(load_schema(), first_user=FIRST_USER)
    if name == "ptb":
        from bot.safety import SafetyConfig

        folder = tmp / "ptb"
        folder.mkdir(exist_ok=True)
        return scenarios.PtbBench(load_schema(), folder, safety=SafetyConfig.load_default(), first_user=FIRST_USER)
    from bot.wiring import load_content

    flowset, safety = load_content(FLOWS).require()
    return scenarios.BotBench(load_schema(), tmp, flowset, safety, database_url=db_url, data_key=key,
                              first_user=FIRST_USER, settle=True)


async def worker(name: str, tmp: Path, db_url: str | None, key: str | None) -> None:
    """Run commands from the parent (one JSON line each on stdin), answer one JSON line each."""
    from bench.scenarios import concurrent, paced, sequential

    reply_to = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr  # nothing else may write on the answers' channel

    def answer(**data: Any) -> None:
        reply_to.write(json.dumps(data) + "\n")
        reply_to.flush()

    loop = asyncio.get_running_loop()
    bench = await make_scenario(name, tmp, db_url, key)
    await bench.start()
    await sequential(bench, 2 * len(bench.steps))  # warm up: imports, caches, prepared statements
    await concurrent(bench, 10, 2)
    flush = getattr(bench, "flush", None)
    if flush:
        await flush()
    answer(ready=True)
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            break
        cmd = json.loads(line)
        backend = getattr(getattr(bench, "store", None), "_backend", None)
        group = getattr(backend, "stats", None)
        if group is not None:
            flushes_before, flushed_before, group.largest = group.flushes, group.turns, 0
        marks = getattr(backend, "marks", group)  # how messages were marked sent (both stores)
        if marks is not None:
            marks_before, mark_commits_before = marks.marks, marks.mark_commits
        cpu_before = time.process_time()  # every thread of the process (SQLite's writer too)
        if cmd["cmd"] == "seq":
            first, requests = bench.next_user, getattr(bench, "requests", 0)
            lat = await sequential(bench, cmd["n"])
            result: dict[str, Any] = {"lat": lat, "chats": bench.next_user - first}
            if hasattr(bench, "requests"):
                result["requests"] = bench.requests - requests
        elif cmd["cmd"] == "conc":
            first = bench.next_user
            lat, wall = await concurrent(bench, cmd["chats"], cmd.get("steps"))
            result = {"lat": lat, "wall": wall, "chats": bench.next_user - first}
        elif cmd["cmd"] == "paced":
            first = bench.next_user
            lat, wall = await paced(bench, cmd["chats"], cmd.get("steps"))
            result = {"lat": lat, "wall": wall, "chats": bench.next_user - first}
        elif cmd["cmd"] == "profile":
            result = {"profile": await profile(bench, cmd["n"])}
        elif cmd["cmd"] == "phases":
            result = {"phases": await phases(bench, cmd["n"])}
        else:
            break
        if cmd["cmd"] in ("seq", "conc"):  # before the PTB program's pickle write below
            result["cpu_s"] = time.process_time() - cpu_before
        if group is not None:  # SQLite's group commits during this run
            result["flushes"] = group.flushes - flushes_before
            result["flushed"] = group.turns - flushed_before
            result["largest_flush"] = group.largest
        if marks is not None:
            result["marks"] = marks.marks - marks_before
            result["mark_commits"] = marks.mark_commits - mark_commits_before
        if flush:  # the PTB program's 60 s timer, fired now: every client of this run changed
            result["flush_s"] = await flush()
        answer(**result)
    await bench.stop()
    answer(peak_rss_mb=peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux: VmHWM, the high-water mark of this
    program's own memory (``ru_maxrss`` would start from the parent's, which a child inherits
    through fork and exec); elsewhere ``resource.getrusage``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


async def profile(bench, n: int) -> str:
    import cProfile
    import io
    import pstats

    from bench.scenarios import sequential

    profiler = cProfile.Profile()
    profiler.enable()
    await sequential(bench, n)
    profiler.disable()
    text = []
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(22)
        text.append(f"--- by {order} ---")
        text += [line for line in out.getvalue().splitlines() if line.strip()][3:]
    return "\n".join(text)


async def phases(bench: Any, n: int) -> dict[str, float]:
    """Where a sequential turn's wall time goes, in µs a turn: each part timed around its
    call (nested parts are taken out of their parent's figure)."""
    from bot.app import Companion
    from bot.engine.runner import Engine
    from bot.telegram.transport import TelegramTransport
    from bench.scenarios import sequential
    from persistence.store import Store, _TurnContext

    spent: dict[str, float] = {}
    stack: list[float] = []  # time of nested parts, to take out of the enclosing one
    originals: list[tuple[Any, str, Any]] = []

    def timed(owner: Any, name: str, label: str) -> None:
        orig = getattr(owner, name)
        originals.append((owner, name, orig))
        is_async = asyncio.iscoroutinefunction(orig)

        def enter() -> float:
            stack.append(0.0)
            return time.perf_counter()

        def leave(start: float) -> None:
            took = time.perf_counter() - start
            inner = stack.pop()
            spent[label] = spent.get(label, 0.0) + took - inner
            if stack:
                stack[-1] += took

        if is_async:
            async def wrapper(*a: Any, **k: Any) -> Any:
                start = enter()
                try:
                    return await orig(*a, **k)
                finally:
                    leave(start)
        else:
            def wrapper(*a: Any, **k: Any) -> Any:
                start = enter()
                try:
                    return orig(*a, **k)
                finally:
                    leave(start)
        setattr(owner, name, wrapper)

    timed(bench, "turn", "ptb_update_parsing_and_dispatch")
    timed(Companion, "_handle", "companion_flow_logic")
    timed(Companion, "_screen", "crisis_screen")
    timed(Engine, "step", "engine_step")
    timed(Engine, "start", "engine_step")
    timed(_TurnContext, "__aenter__", "store_lock_and_load")
    timed(_TurnContext, "__aexit__", "store_group_commit_wait_and_fsync")
    timed(TelegramTransport, "send_output", "bot_api_calls_through_ptb")
    timed(TelegramTransport, "_after_press", "bot_api_calls_through_ptb")
    timed(Store, "mark_sent", "store_mark_sent")
    try:
        start = time.perf_counter()
        await sequential(bench, n)
        total = time.perf_counter() - start
    finally:
        for owner, name, orig in reversed(originals):
            setattr(owner, name, orig)
    result = {label: value / n * 1e6 for label, value in spent.items()}
    result["total"] = total / n * 1e6
    return result


# -- the parent -------------------------------------------------------------------------------------


class Child:
    def __init__(self, name: str, kind: str, tmp: Path, db_url: str | None = None, key: str | None = None):
        self.name = name
        self.log_path = tmp / f"{name}.log"
        self.log = open(self.log_path, "wb")
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--tmp", str(tmp)]
        env = dict(os.environ)
        if db_url:
            command += ["--db-url", db_url]
        if key:
            env["BETWEEN_BENCH_KEY"] = key  # not on the command line
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     text=True, cwd=ROOT, env=env)

    def send(self, **cmd: Any) -> None:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def ask(self, **cmd: Any) -> dict[str, Any]:
        if cmd:
            self.send(**cmd)
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            self.log.close()
            raise RuntimeError(f"the {self.name} scenario stopped (exit {self.proc.returncode}):\n"
                               + self.log_path.read_text(errors="replace")[-3000:])
        return json.loads(line)

    def finish(self) -> float:
        """After ``quit``: the child's peak RSS (MB)."""
        rss = self.ask()["peak_rss_mb"]
        self.proc.wait(60)
        self.log.close()
        return rss

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def admin_dsn(url: str) -> str:
    from persistence.db import normalise_url

    return normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def pg_admin(url: str, *sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_dsn(url), timeout=5)
    try:
        for statement in sql:
            await conn.execute(statement)
    finally:
        await conn.close()


async def prepare_pg(base: str, key: str) -> str:
    """A fresh ``between_bench`` database at the current schema, holding STORED clients."""
    from persistence import upgrade_async
    from persistence.db import normalise_url

    await pg_admin(base, f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{PG_DATABASE}"')
    url = normalise_url(base).set(database=PG_DATABASE).render_as_string(hide_password=False)
    await upgrade_async(url)
    await prefill(url, STORED, key)
    return url


async def prefill(url: str, clients: int, key: str | None = None) -> None:
    """Clients with a live conversation and update ids, written in bulk (store_bench.py)."""
    from bench.store_bench import prefill as bulk
    from persistence import Store

    store = await Store.open(url, data_key=key)
    try:
        await bulk(store, clients)
    finally:
        await store.close()


def describe(clients: int) -> str:
    return f"{clients // 1000}k"


def summarise(rounds: list[dict[str, dict[str, Any]]], name: str, kind: str) -> dict[str, float] | None:
    runs = [r[name][kind] for r in rounds if name in r and kind in r[name]]
    if not runs:
        return None
    per_round = []
    for run in runs:
        lat = run["lat"]
        rate = len(lat) / run["wall"] if "wall" in run else len(lat) / sum(lat)
        per_round.append((rate, statistics.fmean(lat), pct(lat, 50), pct(lat, 99)))
    return {
        "turns_per_s": statistics.median(r[0] for r in per_round),
        "mean": statistics.median(r[1] for r in per_round),
        "p50": statistics.median(r[2] for r in per_round),
        "p99": statistics.median(r[3] for r in per_round),
    }


def ratio(rounds, top: str, bottom: str, kind: str, stat: str = "mean") -> float | None:
    values = []
    for r in rounds:
        if top in r and bottom in r and kind in r[top] and kind in r[bottom]:
            a, b = r[top][kind]["lat"], r[bottom][kind]["lat"]
            if stat == "mean":
                values.append(statistics.fmean(a) / statistics.fmean(b))
            else:
                values.append(pct(a, 50) / pct(b, 50))
    return statistics.median(values) if values else None


def fmt_rate(v: float) -> str:
    return f"{v:,.0f}"


def fmt_ms(v: float) -> str:
    return f"{v * 1e3:.3f}" if v < 0.01 else f"{v * 1e3:.1f}" if v < 1 else f"{v * 1e3:,.0f}"


async def time_startup(db_url: str, tmp: Path, runs: int) -> float:
    """`between run` from spawning to its first getUpdates, on an existing SQLite database."""
    from bench.drivers.telegram.fake_server import FakeBotApi

    between = Path(sys.executable).with_name("between")
    command = [str(between), "run"] if between.exists() else [sys.executable, "-m", "bot", "run"]
    times = []
    for _ in range(runs):
        async with FakeBotApi() as server:
            env = {**os.environ, **server.env(), "DATABASE_URL": db_url, "FLOWS_PATH": str(FLOWS)}
            for name in ("WEBHOOK_URL", "PORT", "BETWEEN_DATA_KEY"):
                env.pop(name, None)
            with open(tmp / "startup.log", "ab") as log:
                start = time.perf_counter()
                proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
                try:
                    await server.wait_until(lambda: server.calls("getUpdates"), 60)
                    times.append(time.perf_counter() - start)
                finally:
                    proc.terminate()
                    try:
                        await asyncio.to_thread(proc.wait, 30)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
    return statistics.median(times)


def run(args: argparse.Namespace) -> None:
    from bench.scenarios import stored_states
    from bot.engine import load_registry
    from persistence import generate_key

    quick = args.quick
    rounds_n = args.rounds or (1 if quick else 3)
    seq_n = 54 if quick else 900          # sequential turns per scenario and round (9 per client)
    conc_steps = 1 if quick else None     # 200 chats x this many turns (all nine when not quick)
    big = None if quick else 100_000      # clients stored for the memory comparison (not in --quick)
    tmp = Path(tempfile.mkdtemp(prefix="between-compare-"))
    children: dict[str, Child] = {}
    try:
        (tmp / "states.json").write_text(json.dumps(stored_states(load_registry(FLOWS))))
        for name in ("floor", "ptb", "raw_sqlite"):  # these need no database: start them meanwhile
            children[name] = Child(name, name, tmp)
        logging.getLogger("persistence").setLevel(logging.ERROR)
        sqlite_url = f"sqlite:///{tmp / 'bench.db'}"
        big_url = f"sqlite:///{tmp / 'stored.db'}"
        asyncio.run(prefill(sqlite_url, STORED))
        if big:
            asyncio.run(prefill(big_url, big))
        pg_url = pg_key = None
        pg_skip = "skipped (--no-pg)"
        if not args.no_pg:
            pg_key = generate_key()
            try:
                pg_url = asyncio.run(prepare_pg(args.pg, pg_key))
            except Exception as err:  # no server (or no rights): say so, carry on
                pg_skip = f"skipped (no server at {describe_url(args.pg)}: {type(err).__name__})"
        children["sqlite"] = Child("sqlite", "sqlite", tmp, sqlite_url)
        if pg_url:
            children["postgres"] = Child("postgres", "postgres", tmp, pg_url, pg_key)
        if big:
            children["stored"] = Child("stored", "sqlite", tmp, big_url)
        for child in children.values():
            child.ask()  # ready

        names = list(children)
        rounds: list[dict[str, dict[str, Any]]] = []
        for r in range(rounds_n):
            order = names[r % len(names):] + names[:r % len(names)]
            results: dict[str, dict[str, Any]] = {name: {} for name in names}
            for name in order:
                results[name]["seq"] = children[name].ask(cmd="seq", n=seq_n)
            for name in order:
                results[name]["conc"] = children[name].ask(cmd="conc", chats=CHATS, steps=conc_steps)
            rounds.append(results)
        paced_runs = {}  # once, after the rounds: each takes ~9 x 1.5 s whatever the scenario
        for name in (["sqlite"] if quick else [n for n in ("floor", "ptb", "sqlite", "postgres") if n in children]):
            paced_runs[name] = children[name].ask(cmd="paced", chats=CHATS, steps=conc_steps)
        profiles = {}
        if args.phases:
            for part, us in children["sqlite"].ask(cmd="phases", n=seq_n)["phases"].items():
                emit(f"sqlite_turn_us_{part}", f"{us:.0f}", "us a turn (sequential)")
        if args.profile:
            for name in ("sqlite", "ptb"):
                profiles[name] = children[name].ask(cmd="profile", n=seq_n)["profile"]
        for child in children.values():
            child.send(cmd="quit")
        rss = {name: child.finish() for name, child in children.items()}
        children.clear()

        emit("machine", machine())
        emit("turns_per_client", 9)
        emit("rounds", rounds_n)
        emit("sequential_turns_per_round", seq_n)
        emit("concurrent_turns_per_round", CHATS * (conc_steps or 9), f"({CHATS} chats)")
        for name in SCENARIOS:
            if name == "postgres" and not pg_url:
                emit("postgres_turns_per_s", pg_skip)
                continue
            seq, conc = summarise(rounds, name, "seq"), summarise(rounds, name, "conc")
            emit(f"{name}_turns_per_s", fmt_rate(seq["turns_per_s"]), "turns/s")
            emit(f"{name}_p50_ms", fmt_ms(seq["p50"]), "ms")
            emit(f"{name}_p99_ms", fmt_ms(seq["p99"]), "ms")
            emit(f"{name}_turns_per_s_{CHATS}_chats", fmt_rate(conc["turns_per_s"]), "turns/s")
            emit(f"{name}_p50_ms_{CHATS}_chats", fmt_ms(conc["p50"]), "ms")
            emit(f"{name}_p99_ms_{CHATS}_chats", fmt_ms(conc["p99"]), "ms")
            if name in paced_runs:
                run = paced_runs[name]
                emit(f"{name}_p50_ms_{CHATS}_chats_paced", fmt_ms(pct(run["lat"], 50)), "ms")
                emit(f"{name}_p99_ms_{CHATS}_chats_paced", fmt_ms(pct(run["lat"], 99)), "ms")
                emit(f"{name}_turns_per_s_{CHATS}_chats_paced", fmt_rate(len(run["lat"]) / run["wall"]),
                     "turns/s (offered: each chat writes 1-2 s after a reply)")
            for kind, suffix in (("seq", ""), ("conc", f"_{CHATS}_chats")):
                emit(f"{name}_cpu_us_per_turn{suffix}", f"{cpu_per_turn(rounds, name, kind):.0f}",
                     "us of process CPU a turn (median of the rounds)")
            emit(f"{name}_peak_rss_mb", f"{rss[name]:.0f}", "MB")
            if "requests" in rounds[0][name]["seq"]:
                run = rounds[0][name]["seq"]
                emit(f"{name}_bot_api_calls_per_turn", f"{run['requests'] / len(run['lat']):.2f}")
        for label, runs in (("", [r["sqlite"]["conc"] for r in rounds]),
                            ("_paced", [paced_runs["sqlite"]] if "sqlite" in paced_runs else [])):
            runs = [run for run in runs if run.get("flushes")]
            if runs:  # how many turns each SQLite group commit carried, 200 chats at once
                mean = sum(run["flushed"] for run in runs) / sum(run["flushes"] for run in runs)
                largest = max(run["largest_flush"] for run in runs)
                emit(f"group_commit_turns_per_flush{label}", f"{mean:.2f}",
                     f"turns per flush (mean; max {largest}), {CHATS} chats"
                     + (" at the evening pace" if label else " flat out"))
                emit(f"group_commit_turns_per_flush{label}_max", largest, "turns")
        for name in ("sqlite", "postgres"):  # messages marked sent per transaction (round trip)
            runs = [r[name]["conc"] for r in rounds if name in r and r[name]["conc"].get("mark_commits")]
            if runs:
                mean = sum(run["marks"] for run in runs) / sum(run["mark_commits"] for run in runs)
                emit(f"{name}_marks_per_transaction_{CHATS}_chats", f"{mean:.2f}",
                     "messages marked sent per transaction (round trip), 200 chats flat out")
        flushes = [(r["ptb"][k]["flush_s"], r["ptb"][k]["chats"]) for r in rounds for k in ("seq", "conc")]
        worst = max(flushes)
        emit("ptb_flush_ms", fmt_ms(worst[0]), f"ms (the 60 s pickle write, {worst[1]} clients changed)")
        emit("ptb_durable", "no", "(the pickle is written every 60 s and on shutdown)")
        for label, top, bottom in (("ratio_vs_floor", "sqlite", "floor"), ("ratio_vs_ptb", "sqlite", "ptb"),
                                   ("ratio_vs_raw_sqlite", "sqlite", "raw_sqlite"),
                                   ("postgres_ratio_vs_floor", "postgres", "floor"),
                                   ("postgres_ratio_vs_ptb", "postgres", "ptb"),
                                   ("ptb_ratio_vs_floor", "ptb", "floor")):
            value = ratio(rounds, top, bottom, "seq")
            if value is None:
                continue
            emit(label, f"{value:.2f}", "x")
            emit(f"{label}_p50", f"{ratio(rounds, top, bottom, 'seq', 'p50'):.2f}", "x")
            emit(f"{label}_{CHATS}_chats", f"{ratio(rounds, top, bottom, 'conc'):.2f}", "x")
        for top in ("sqlite", "postgres"):
            if top in rounds[0]:
                cpu = cpu_per_turn(rounds, top, "conc") / cpu_per_turn(rounds, "ptb", "conc")
                emit(f"{top}_cpu_ratio_vs_ptb_{CHATS}_chats", f"{cpu:.2f}", "x")
                # the same 1,800 turns served: PTB's turns/s over ours (wall time, not latency)
                ours, theirs = summarise(rounds, top, "conc"), summarise(rounds, "ptb", "conc")
                if ours and theirs:
                    served = theirs["turns_per_s"] / ours["turns_per_s"]
                    emit(f"{top}_wall_ratio_vs_ptb_{CHATS}_chats", f"{served:.2f}", "x")
        if big:
            small, large = describe(STORED), describe(big)
            base, more = summarise(rounds, "sqlite", "seq"), summarise(rounds, "stored", "seq")
            emit(f"stored_{small}_peak_rss_mb", f"{rss['sqlite']:.0f}", "MB")
            emit(f"stored_{large}_peak_rss_mb", f"{rss['stored']:.0f}", "MB")
            emit(f"stored_{large}_vs_{small}_rss_ratio", f"{rss['stored'] / rss['sqlite']:.2f}", "x")
            emit(f"stored_{small}_turn_p50_ms", fmt_ms(base["p50"]), "ms")
            emit(f"stored_{large}_turn_p50_ms", fmt_ms(more["p50"]), "ms")
            emit(f"stored_{small}_turn_p99_ms", fmt_ms(base["p99"]), "ms")
            emit(f"stored_{large}_turn_p99_ms", fmt_ms(more["p99"]), "ms")
            emit(f"stored_{large}_vs_{small}_turn_mean_ratio", f"{ratio(rounds, 'stored', 'sqlite', 'seq'):.2f}",
                 "x")
        else:
            emit("stored_100k_peak_rss_mb", "skipped (--quick)")

        startup = asyncio.run(time_startup(sqlite_url, tmp, 1 if quick else 3))
        emit("startup_s", f"{startup:.2f}", "s (between run, to its first getUpdates)")
        for name, text in profiles.items():
            print(f"--- profile: {seq_n} turns of the {name} scenario ---")
            print(text)
        if pg_url:
            asyncio.run(pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
    finally:
        for child in children.values():
            child.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def cpu_per_turn(rounds: list[dict[str, dict[str, Any]]], name: str, kind: str) -> float:
    """Process CPU time a turn (µs), the median of the rounds: on a shared machine the surest
    figure (the wall time also counts the neighbours, and the disk's flushes)."""
    return statistics.median(
        r[name][kind]["cpu_s"] / len(r[name][kind]["lat"]) * 1e6 for r in rounds
    )


def describe_url(url: str) -> str:
    from persistence.db import normalise_url

    return normalise_url(url).render_as_string(hide_password=True)


def machine() -> str:
    model = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").exists():
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), model)
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one round, fewer turns, 10,000 stored clients")
    ap.add_argument("--rounds", type=int, help="rounds (default 3; --quick 1)")
    ap.add_argument("--pg", default=os.environ.get("BENCH_DATABASE_URL") or PG_DEFAULT,
                    help=f"a PostgreSQL server; the scratch database {PG_DATABASE} is made there")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--profile", action="store_true", help="where our turn's time goes, and the PTB program's")
    ap.add_argument("--phases", action="store_true",
                    help="where a sequential turn's time goes on SQLite, part by part (µs)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db-url", help=argparse.SUPPRESS)
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.worker:
        asyncio.run(worker(args.worker, args.tmp, args.db_url, os.environ.get("BETWEEN_BENCH_KEY")))
        return
    run(args)


if __name__ == "__main__":
    main()
