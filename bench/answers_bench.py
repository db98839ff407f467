"""Typed answers benchmark: cost of understanding one typed answer at a button step.

    python bench/answers_bench.py            # 30 timed rounds over every typed variant
    python bench/answers_bench.py --quick    # 1 round

Prints:
    answers_match_median_us: X us       matching.match / match_many alone, word cache cold
    answers_match_p99_us: X us
    answers_turn_median_us: X us        one whole engine.step(Text) at the step (the bot's cost)
    answers_turn_p99_us: X us
    answers_understood_tuned: X %       tests/engine/typed/variants.yaml
    answers_understood_heldout: X %     tests/engine/typed/heldout.yaml (not tuned on)
    answers_understood_heldout2: X %    tests/engine/typed/heldout2.yaml (run once, blind)
    answers_wrong_picks: N              all sets

Every variant of every set is timed (tests/engine/typed); a message's time is the median of its
rounds, and the figures are the median and p99 over messages. Matching alone is measured with the
per-word cache cleared before each message (as for words nobody typed before; each step's
labels are read once and kept, as in the bot); the whole turn includes rendering the next step.
Wall time per call with time.perf_counter_ns after one warm-up round, garbage collector off.
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

from bot.engine import Conversation, Engine, Text, load_registry  # noqa: E402
from bot.engine import matching  # noqa: E402
from bench.drivers.typed_variants import CONTEXT, SETS, load_variants, tally  # noqa: E402


def percentile(sorted_values: list[int], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 timed round instead of 30")
    rounds = 1 if parser.parse_args(argv).quick else 30
    engine = Engine(load_registry(ROOT / "flows.yaml"))
    sets = {name: load_variants(path) for name, path in SETS.items()}
    variants = [v for found in sets.values() for v in found]

    calls = []  # (matcher, text, labels, strict), and the turn's conversation and event
    for variant in variants:
        flow_id, state_id = variant.step.split(".")
        state = engine.flowset.flows[flow_id].states[state_id]
        conv = Conversation(flow_id, engine.version, state_id, {}, rev=3)
        choices = engine._choices(state, CONTEXT)
        labels = tuple(c.label.render(CONTEXT) for c in choices)
        strict = any(c.other for c in choices)
        matcher = matching.match_many if state.ask == "multi" else matching.match
        calls.append((matcher, variant.typed, labels, strict, conv, Text(variant.typed)))

    clock = time.perf_counter_ns
    match_runs: list[list[int]] = [[] for _ in calls]
    turn_runs: list[list[int]] = [[] for _ in calls]
    for matcher, text, labels, strict, conv, event in calls:  # warm-up
        matcher(text, labels, strict=strict)
        engine.step(conv, event, CONTEXT)
    gc.disable()
    try:
        for _ in range(rounds):
            for i, (matcher, text, labels, strict, conv, event) in enumerate(calls):
                matching.same_word.cache_clear()
                start = clock()
                matcher(text, labels, strict=strict)
                match_runs[i].append(clock() - start)
            for i, (matcher, text, labels, strict, conv, event) in enumerate(calls):
                start = clock()
                engine.step(conv, event, CONTEXT)
                turn_runs[i].append(clock() - start)
    finally:
        gc.enable()
    # per message, the median of its rounds (the shared machine's hiccups out); then the
    # median and p99 over messages
    match_times = sorted(statistics.median(runs) for runs in match_runs)
    turn_times = sorted(statistics.median(runs) for runs in turn_runs)

    found = {name: tally(engine, vs) for name, vs in sets.items()}
    print(f"variants: {len(variants)} ({', '.join(f'{n} {len(v)}' for n, v in sets.items())}); "
          f"{rounds} timed rounds")
    print(f"  match mean {statistics.fmean(match_times) / 1000:.1f} us, slowest message "
          f"{match_times[-1] / 1000:.1f} us; turn mean {statistics.fmean(turn_times) / 1000:.1f} us")
    print(f"answers_match_median_us: {statistics.median(match_times) / 1000:.1f} us")
    print(f"answers_match_p99_us: {percentile(match_times, 0.99) / 1000:.1f} us")
    print(f"answers_turn_median_us: {statistics.median(turn_times) / 1000:.1f} us")
    print(f"answers_turn_p99_us: {percentile(turn_times, 0.99) / 1000:.1f} us")
    print(f"answers_understood_tuned: {100 * found['tuned'].rate:.1f} %")
    print(f"answers_understood_heldout: {100 * found['held-out'].rate:.1f} %")
    print(f"answers_understood_heldout2: {100 * found['held-out 2'].rate:.1f} %")
    print(f"answers_wrong_picks: {sum(len(t.wrong_picks) for t in found.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
