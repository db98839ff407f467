"""Engine figures: one step (median, p99), `between validate` and start-up to the first prompt.

    python bench/engine_bench.py [--quick]

Prints one `name: value unit` line per figure.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Engine, Pick, Text, load_registry  # noqa: E402

CONTEXT = {"training": False, "role": "client", "first_name": ""}
ANSWERS = ["I drink more than I mean to after work", "I feel stuck and a bit ashamed", "#1",
           "#2", "I just need my head to go quiet", "my partner is worried", "#2", "#2"]


def one_conversation(engine: Engine, timings: list[float]) -> None:
    turn = engine.start("talk", CONTEXT)
    conv = turn.conversation
    for answer in ANSWERS:
        ask = turn.outputs[-1]
        event = Pick(ask.buttons[int(answer[1:]) - 1].data, ask.rev) if answer.startswith("#") else Text(answer)
        start = time.perf_counter_ns()
        turn = engine.step(conv, event, CONTEXT)
        timings.append((time.perf_counter_ns() - start) / 1000)
        conv = turn.conversation


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed_process(args: list[str], env: dict, stdin: str = "", until_output: bool = False) -> float:
    start = time.perf_counter()
    if until_output:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=env, cwd=ROOT, text=True)
        proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.stdin.close()
        proc.wait()
        return elapsed
    subprocess.run(args, input=stdin, capture_output=True, env=env, cwd=ROOT, text=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    engine = Engine(load_registry(ROOT / "flows.yaml"))
    timings: list[float] = []
    for _ in range(50 if quick else 2000):
        one_conversation(engine, timings)
    print(f"engine_step_median_us: {statistics.median(timings):.1f} us")
    print(f"engine_step_p99_us: {percentile(timings, 0.99):.1f} us")

    between = str(Path(sys.executable).with_name("between"))
    runs = 1 if quick else 10
    validate = [timed_process([between, "validate"], dict(os.environ)) for _ in range(runs)]
    print(f"validate_process_s: {statistics.median(validate):.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{folder}/bench.db"}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        timed_process([between, "chat", "--user", "warm"], env, until_output=True)  # creates the database
        startup = [timed_process([between, "chat", "--user", f"u{i}"], env, until_output=True) for i in range(runs)]
    print(f"startup_to_first_prompt_s: {statistics.median(startup):.3f} s")


if __name__ == "__main__":
    main()
