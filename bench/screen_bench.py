"""Crisis screen benchmark: cost per message, recall and false-positive rate on the test set.

    python bench/screen_bench.py            # 10 timed rounds over the whole set
    python bench/screen_bench.py --quick    # 1 round

Prints, among per-category details (the whole screen: rules, n-gram layer and reader, as the
bot runs):
    screen_median_us: X us
    screen_p99_us: X us
    screen_recall: X %                      (tests/safety/data, in its own category)
    screen_heldout_recall: X %              (tests/safety/heldout*, any category, not negated)
    screen_false_positive_rate: X %         (everyday messages, tests/safety/data/negatives.txt)
    screen_hard_false_positive_rate: X %    (hard negatives, data/ and heldout*/)
    screen_ordinary_false_alarm_rate: X %   (tests/safety/corpus/ordinary.txt; in the model's
                                             training data, so its cross-validated figure is
                                             printed too)
    screen_blind1_recall: X %               (tests/safety/blind1, blind2, blind3: written after
    screen_blind2_recall: X %                the model was trained, never trained on; blind4 to
    screen_blind3_recall: X %                blind23 folded into the rules' tuning and the
    screen_blind4_recall: X %                model's data once measured, so their figures here
    screen_blind5_recall: X %                are no longer fresh: their first figures, and those
    ...                                      of each left out of training, are in
    screen_blind23_recall: X %               docs/safety-figures.md; blind24 to blind36 trained
    screen_blind56_recall: X %               on since the twelfth session, blind37 to blind56
                                             never; several tuned for)
    screen_chat_blind_recall: X %           (tests/safety/chat_blind: crisis said indirectly,
    screen_fresh_chat_fire_rate: X %         and everyday client chat, written for the learned
                                             layer's data and kept out of it to measure)
    screen_counsellor_fire_rate: X %        (the practice partner's held-out counsellor lines,
                                             tests/partner/corpus/heldout*.tsv: never trained on)
    screen_session_talk_fire_rate: X %      (client turns of counselling sessions, transcribed
                                             speech, tests/safety/spoken_blind: never trained on)
    screen_typed_<kind>_recall: X %         (every crisis message of the sets typed another way:
                                             a letter missing, swapped ..., tests/safety/variants.py)
    screen_model_load_ms: X ms
    screen_reader_cpu_median_us: X us       (the reader alone, one message at a time)
    screen_reader_cpu_p99_us: X us
    screen_reader_asked_everyday: X %       (everyday messages the reader is asked about at all)

Cost is wall time of one `config.screen(text)` call (normalisation and the three readers),
measured per message over every message of the set, with time.perf_counter_ns, after one
warm-up round; the rules are compiled once, as in the bot. Recall on tests/safety/data counts a
positive as caught only in its own category and not as negated. "Full" is the share answered
with the crisis reply at once; the rest are asked "Are you safe right now?" first.
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

from bot.safety import DEFAULT_PATHS, SafetyConfig  # noqa: E402
from bot.safety.model import MODEL_PATH, ScreenModel, read_model  # noqa: E402
from bench.drivers.safety_data import (CATEGORIES, HERE, hard_negatives, heldout_positives,  # noqa: E402
                                  negatives, positives, read_lines)

BLINDS = tuple(HERE / f"blind{n}" for n in range(1, 57))
CORPUS = HERE / "corpus"
PARTNER = ROOT / "tests" / "partner" / "corpus"


def percentile(sorted_values: list[int], fraction: float) -> float:
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 timed round instead of 10")
    parser.add_argument("--rules", default=str(DEFAULT_PATHS.rules))
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else 10  # the reader's milliseconds on crisis messages

    started = time.perf_counter()
    config = SafetyConfig.load(args.rules, DEFAULT_PATHS.resources, DEFAULT_PATHS.messages)
    load_ms = (time.perf_counter() - started) * 1000
    rules = config.rules
    started = time.perf_counter()  # read afresh: ScreenModel.load would give the config's copy
    model = ScreenModel(*read_model(MODEL_PATH.read_bytes()))
    model_ms = (time.perf_counter() - started) * 1000

    def screen(text: str, _rules=None):
        return config.screen(text)

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
        hits = sum(bool(verdict and verdict.category == category and not verdict.negated)
                   for verdict in config.screen_all(lines))
        caught[category] = (hits, len(lines))
    total_hits = sum(h for h, _ in caught.values())
    total_positives = sum(n for _, n in caught.values())
    held = {}
    for category, lines in heldout.items():
        verdicts = config.screen_all(lines)
        held[category] = (sum(1 for v in verdicts if v and not v.negated),
                          sum(1 for v in verdicts if v and not v.negated and v.category == category),
                          len(lines))
    held_hits = sum(h for h, _, _ in held.values())
    held_total = sum(n for _, _, n in held.values())
    false_positives = sum(v is not None for v in config.screen_all(negative_lines))
    hard_false_positives = sum(v is not None for v in config.screen_all(hard_lines))

    # cost
    for line in messages:                      # warm-up
        screen(line, rules)
    timings: list[int] = []
    cpu: list[int] = []   # this thread's CPU time: what a busy, shared machine inflates least
    clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    gc.disable()
    try:
        for _ in range(rounds):
            for line in messages:
                start, cpu_start = clock(), cpu_clock()
                screen(line, rules)
                cpu.append(cpu_clock() - cpu_start)
                timings.append(clock() - start)
    finally:
        gc.enable()
    cpu.sort()
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
    print(f"screen_cpu_median_us: {statistics.median(cpu) / 1000:.1f} us")
    print(f"screen_cpu_p99_us: {percentile(cpu, 0.99) / 1000:.1f} us")
    print(f"screen_recall: {100 * total_hits / total_positives:.1f} %")
    print(f"screen_heldout_recall: {100 * held_hits / held_total:.1f} %")
    print(f"screen_false_positive_rate: {100 * false_positives / len(negative_lines):.1f} %")
    print(f"screen_hard_false_positive_rate: {100 * hard_false_positives / len(hard_lines):.1f} %")
    reader_cost(config, messages, negative_lines)
    learned(config, model, model_ms, hard_lines)
    return 0


def reader_cost(config: SafetyConfig, messages: list[str], everyday: list[str]) -> None:
    """The reader alone, one message at a time as the bot reads them (CPU time of this thread:
    onnxruntime runs on it with one thread), and how many everyday messages the screen asks it
    about at all (screen.py's LEANING: the rest cost no reading)."""
    from bot.safety.screen import _asks, _assess, _screen

    reader = config.reader
    if reader is None:
        return
    cpu: list[int] = []
    for line in messages[:3000]:
        start = time.thread_time_ns()
        reader.read(line)
        cpu.append(time.thread_time_ns() - start)
    cpu.sort()
    asked = 0
    for line in everyday:
        ngram = _assess(line, config.rules, config.model)
        asked += _asks(_screen(line, config.rules, config.model, ngram), ngram)
    print(f"reader: {reader.metadata['layers']} layers, fires at {reader.fire}; one message at "
          f"a time, CPU median {statistics.median(cpu) / 1000:.0f} us, p99 "
          f"{percentile(cpu, 0.99) / 1000:.0f} us; asked about {_share(asked, len(everyday))} of "
          f"the everyday messages")
    print(f"screen_reader_cpu_median_us: {statistics.median(cpu) / 1000:.1f} us")
    print(f"screen_reader_cpu_p99_us: {percentile(cpu, 0.99) / 1000:.1f} us")
    print(f"screen_reader_asked_everyday: {100 * asked / len(everyday):.1f} %")


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.1f} %)"


def learned(config: SafetyConfig, model: ScreenModel, model_ms: float,
            hard_lines: list[str]) -> None:
    """The figures of the learned layer and of the tiers."""
    print(f"learned layer: {model.header['buckets']:,} weights x {model.rows}, "
          f"threshold {model.threshold}, trained on {model.header['examples']:,} messages")
    cv = model.header["cv"]
    for category in CATEGORIES:
        hits, total = (int(n) for n in cv[category].split("/"))
        print(f"  cross-validated recall, model alone, {category}: {_share(hits, total)}")
    for kind in ("ordinary", "counsellor", "spoken", "everyday", "hard"):
        if f"false_alarms_{kind}" not in cv:
            continue
        hits, total = (int(n) for n in cv[f"false_alarms_{kind}"].split("/"))
        print(f"  cross-validated false alarms, model alone, {kind}: {_share(hits, total)}")
    ordinary = read_lines("ordinary.txt", CORPUS)
    verdicts = config.screen_all(ordinary)
    fired = sum(v is not None for v in verdicts)
    full = sum(v is not None and v.tier == "full" for v in verdicts)
    print(f"  ordinary corpus: fired {_share(fired, len(ordinary))}, full reply "
          f"{_share(full, len(ordinary))}")
    hard = config.screen_all(hard_lines)
    hard_full = sum(v is not None and v.tier == "full" for v in hard)
    print(f"  hard negatives answered with the full reply at once: {_share(hard_full, len(hard))}")
    for folder in BLINDS:
        blind(config, model, folder)
    fresh_chat(config, model)
    counsellor(config)
    session_talk(config)
    typed_variants(config)
    print(f"screen_ordinary_false_alarm_rate: {100 * fired / len(ordinary):.1f} %")
    print(f"screen_model_load_ms: {model_ms:.1f} ms")


def typed_variants(config: SafetyConfig) -> None:
    """Recall when every crisis message of the sets is typed another way (a letter missing,
    doubled or swapped, no apostrophes, texting spellings, words run together, emoji ...: one
    seeded variant of each kind, tests/safety/variants.py); "batches": the blind batches, probe6,
    kinds7. Then how often the everyday lines fire when typed with the slips that could make a
    crisis word of an everyday one."""
    from tests.safety.variants import (EVERYDAY_KINDS, KINDS, crisis_messages, everyday_messages,
                                       measure)

    sets = crisis_messages()
    every = [line for lines in sets.values() for line in lines]
    batches = [line for name, lines in sets.items()
               if name.startswith(("blind", "probe", "kinds")) for line in lines]
    figures = measure(config.screen_all, every)
    in_batches = measure(config.screen_all, batches)
    for kind in ("as written", *KINDS):
        hits, full, total = figures[kind]
        b_hits, _, b_total = in_batches[kind]
        print(f"  typed variants, {kind}: caught {_share(hits, total)}, full {full}; "
              f"batches {_share(b_hits, b_total)}")
    for kind in KINDS:
        hits, _, total = figures[kind]
        print(f"screen_typed_{kind}_recall: {100 * hits / total:.1f} %")
    everyday = everyday_messages()["ordinary"]
    quiet = measure(config.screen_all, everyday, EVERYDAY_KINDS)
    for kind in EVERYDAY_KINDS:
        fired, _, total = quiet[kind]
        print(f"  typed variants of everyday talk, {kind}: fired {_share(fired, total)}")


def session_talk(config: SafetyConfig) -> None:
    """Client turns of counselling sessions as transcribed speech, written by another hand than
    the learned layer's session talk and never trained on nor tuned for."""
    lines = read_lines("client_turns.txt", HERE / "spoken_blind")
    _fire_rate(config, lines, "session talk (spoken_blind)", "session_talk")
    # a third hand's turns, tuned for once measured (never trained on)
    lines = read_lines("client_turns.txt", HERE / "spoken_tuned")
    _fire_rate(config, lines, "session talk tuned for (spoken_tuned)", "session_talk_tuned")


def fresh_chat(config: SafetyConfig, model: ScreenModel) -> None:
    """Chat written for the learned layer's data by other hands and kept out of training
    (tests/safety/chat_blind): crisis said indirectly, lines close to one, everyday client chat."""
    folder = HERE / "chat_blind"
    blind(config, model, folder)
    lines = read_lines("ordinary.txt", folder)
    _fire_rate(config, lines, "fresh everyday chat (chat_blind)", "fresh_chat")


def counsellor(config: SafetyConfig) -> None:
    """Ordinary counsellor lines, as trainees type them in /practise (every one is screened)."""
    lines: list[str] = []
    for path in sorted(PARTNER.glob("heldout*.tsv")):
        rows = (raw.split("\t", 1) for raw in path.read_text(encoding="utf-8").splitlines()
                if raw.strip() and not raw.startswith("#"))
        lines += [row[1] for row in rows if len(row) == 2]
    if lines:
        _fire_rate(config, lines, "counsellor lines (partner held-out)", "counsellor")


def _fire_rate(config: SafetyConfig, lines: list[str], label: str, key: str) -> None:
    """How many of ``lines`` (everyday talk) fire, and how many get the full reply."""
    verdicts = config.screen_all(lines)
    fired = sum(v is not None for v in verdicts)
    full = sum(v is not None and v.tier == "full" for v in verdicts)
    print(f"  {label}: fired {_share(fired, len(lines))}, full reply {_share(full, len(lines))}")
    print(f"screen_{key}_fire_rate: {100 * fired / len(lines):.1f} %")


def blind(config: SafetyConfig, model: ScreenModel, folder: Path) -> None:
    """Recall and false alarms on a blind batch (blind1-3 and blind37-56 never trained on,
    blind4-36 folded into the learned layer since, several of them tuned for once measured;
    each one's first figures, before anything was changed for it, are in docs/safety-figures.md)."""
    hits = total = 0
    for category in CATEGORIES:
        if not (folder / f"{category}.txt").exists():
            continue  # blind55 and blind56 hold indirect suicide talk only
        lines = read_lines(f"{category}.txt", folder)
        verdicts = config.screen_all(lines)
        caught = sum(v is not None for v in verdicts)
        same = sum(v is not None and category in v.categories for v in verdicts)
        first = sum(v is not None and v.category == category for v in verdicts)
        full = sum(v is not None and v.tier == "full" for v in verdicts)
        rules_only = sum(v is not None and v.layer != "model" for v in verdicts)
        model_only = sum(model.predict(line) is not None for line in lines)
        print(f"  {folder.name} {category}: caught {caught}/{len(lines)} ({same} naming this "
              f"category, {first} first, {full} full; rules {rules_only}, model {model_only})")
        hits += caught
        total += len(lines)
    several = folder / "several_categories.txt"
    if several.exists():
        named = caught = 0
        lines = read_lines(several.name, folder)
        pairs = [[part.strip() for part in line.split("|", 1)] for line in lines]
        for (kinds, _text), verdict in zip(pairs, config.screen_all([t for _, t in pairs])):
            caught += verdict is not None
            named += verdict is not None and set(kinds.split()) <= set(verdict.categories)
        print(f"  {folder.name} several categories: caught {caught}/{len(lines)}, "
              f"every category named {named}/{len(lines)}")
        hits += caught
        total += len(lines)
    hard = config.screen_all(read_lines("hard_negatives.txt", folder))
    fired = sum(v is not None for v in hard)
    full = sum(v is not None and v.tier == "full" for v in hard)
    print(f"  {folder.name} hard negatives: fired {_share(fired, len(hard))}, full reply "
          f"{_share(full, len(hard))}")
    print(f"screen_{folder.name}_recall: {100 * hits / total:.1f} %")


if __name__ == "__main__":
    raise SystemExit(main())
