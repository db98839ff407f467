"""Crisis screen benchmark: cost per message, recall and false-positive rate on the test set.

    python bench/screen_bench.py            # 30 timed rounds over the whole set
    python bench/screen_bench.py --quick    # 1 round

Prints, among per-category details:
    screen_median_us: X us
    screen_p99_us: X us
    screen_recall: X %                      (tests/safety/data, in its own category)
    screen_heldout_recall: X %              (tests/safety/heldout and heldout2, any category, not negated)
    screen_false_positive_rate: X %         (everyday messages, tests/safety/data/negatives.txt)
    screen_hard_false_positive_rate: X %    (hard negatives, data/, heldout/ and heldout2/)

Cost is wall time of one `screen(text, rules)` call (normalisation included), measured per
message over every message of the set, with time.perf_counter_ns, after one warm-up round; the
rules are compiled once, as in the bot. Recall on tests/safety/data counts a positive as caught
only in its own category and not as negated.
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

from bot.safety import DEFAULT_PATHS  # noqa: E402
from bot.safety.rules import load_rules  # noqa: E402
from bot.safety.screen import screen  # noqa: E402
from tests.safety.dataset import hard_negatives, heldout_positives, negatives, positives  # noqa: E402


def percentile(sorted_values: list[int], fraction: float) -> float:
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 timed round instead of 30")
    parser.add_argument("--rules", default=str(DEFAULT_PATHS.rules))
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else 30

    started = time.perf_counter()
    rules = load_rules(args.rules)
    load_ms = (time.perf_counter() - started) * 1000

    by_category = positives()
    heldout = heldout_positives()
    negative_lines = negatives()
    hard_lines = hard_negatives()
    positive_lines = [line for lines in by_category.values() for line in lines]
    positive_lines += [line for lines in heldout.values() for line in lines]
    messages = positive_lines + negative_lines + hard_lines

    # quality
    caught = {}
    for category, lines in by_category.items():
        hits = 0
        for line in lines:
            verdict = screen(line, rules)
            hits += bool(verdict and verdict.category == category and not verdict.negated)
        caught[category] = (hits, len(lines))
    total_hits = sum(h for h, _ in caught.values())
    total_positives = sum(n for _, n in caught.values())
    held = {}
    for category, lines in heldout.items():
        verdicts = [screen(line, rules) for line in lines]
        held[category] = (sum(1 for v in verdicts if v and not v.negated),
                          sum(1 for v in verdicts if v and not v.negated and v.category == category),
                          len(lines))
    held_hits = sum(h for h, _, _ in held.values())
    held_total = sum(n for _, _, n in held.values())
    false_positives = sum(1 for line in negative_lines if screen(line, rules) is not None)
    hard_false_positives = sum(1 for line in hard_lines if screen(line, rules) is not None)

    # cost
    for line in messages:                      # warm-up
        screen(line, rules)
    timings: list[int] = []
    clock = time.perf_counter_ns
    gc.disable()
    try:
        for _ in range(rounds):
            for line in messages:
                start = clock()
                screen(line, rules)
                timings.append(clock() - start)
    finally:
        gc.enable()
    negatives_only = sorted(t for i, t in enumerate(timings)
                            if len(positive_lines) <= i % len(messages) < len(positive_lines) + len(negative_lines))
    timings.sort()
    median_us = statistics.median(timings) / 1000
    p99_us = percentile(timings, 0.99) / 1000

    print(f"rules: {len(rules.rules)} rules, {rules.pattern_count} patterns, compiled in {load_ms:.0f} ms")
    print(f"messages: {total_positives} positives, {held_total} held-out positives, "
          f"{len(negative_lines)} everyday negatives, {len(hard_lines)} hard negatives; "
          f"{rounds} timed rounds ({len(timings)} calls)")
    for category, (hits, n) in caught.items():
        print(f"  recall {category}: {hits}/{n}")
    for category, (hits, same, n) in held.items():
        print(f"  held-out recall {category}: {hits}/{n} ({same} in this category)")
    print(f"  false positives: everyday {false_positives}/{len(negative_lines)}, "
          f"hard {hard_false_positives}/{len(hard_lines)}")
    print(f"  mean {statistics.fmean(timings) / 1000:.1f} us, max {timings[-1] / 1000:.1f} us, "
          f"median on everyday (negative) messages {statistics.median(negatives_only) / 1000:.1f} us")
    print(f"screen_median_us: {median_us:.1f} us")
    print(f"screen_p99_us: {p99_us:.1f} us")
    print(f"screen_recall: {100 * total_hits / total_positives:.1f} %")
    print(f"screen_heldout_recall: {100 * held_hits / held_total:.1f} %")
    print(f"screen_false_positive_rate: {100 * false_positives / len(negative_lines):.1f} %")
    print(f"screen_hard_false_positive_rate: {100 * hard_false_positives / len(hard_lines):.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
