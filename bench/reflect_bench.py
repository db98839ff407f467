"""Reflection benchmark: cost per message, and the defect rate on the corpus and held-out set.

    python bench/reflect_bench.py            # 30 timed rounds over the whole corpus
    python bench/reflect_bench.py --quick    # 3 rounds

Prints:
    reflect_median_us: X us          one message: shape, cleaning, person, condensing and a stem
    reflect_p99_us: X us
    reflect_defective: X %           tests/engine/reflection/corpus.yaml (the defect kinds of
                                     tests/engine/reflection/defects.py)
    reflect_heldout_defective: X %   tests/engine/reflection/heldout.yaml (never tuned on)
    reflect_heldout_shape: X %       held-out messages given the expected shape

Cost is wall time of `reflect(text, "So")` with the component's cache emptied first, so each
call does the whole work (the bot's cache only helps when an answer is shown again), measured
per message with time.perf_counter_ns after one warm-up round.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine.reflection import analyse, reflect, shape  # noqa: E402
from bench.drivers.reflection_defects import defects, load  # noqa: E402


def percentile(sorted_values: list[int], fraction: float) -> float:
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def timings(messages: list[str], rounds: int) -> list[int]:
    out: list[int] = []
    for _ in range(rounds):
        for text in messages:
            analyse.cache_clear()
            start = time.perf_counter_ns()
            reflect(text, "So")
            out.append(time.perf_counter_ns() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    corpus, held = load("corpus.yaml"), load("heldout.yaml")
    messages = [text for text, _, _ in corpus + held]
    timings(messages, 1)  # warm-up
    gc.disable()
    try:
        costs = sorted(timings(messages, 3 if args.quick else 30))
    finally:
        gc.enable()
    print(f"reflect_messages: {len(messages)}")
    print(f"reflect_median_us: {statistics.median(costs) / 1000:.1f} us")
    print(f"reflect_p99_us: {percentile(costs, 0.99) / 1000:.1f} us")
    bad = sum(1 for text, _, _ in corpus if defects(text))
    held_bad = sum(1 for text, _, _ in held if defects(text))
    held_shape = sum(1 for text, want, _ in held if shape(text) == want)
    print(f"reflect_defective: {100 * bad / len(corpus):.1f} %")
    print(f"reflect_heldout_defective: {100 * held_bad / len(held):.1f} %")
    print(f"reflect_heldout_shape: {100 * held_shape / len(held):.1f} %")


if __name__ == "__main__":
    main()
