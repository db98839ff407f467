"""Typed variants: the crisis messages of the batches written after the rules (blind*/, probe6/,
kinds7/) typed the way people type on a phone (tests/safety/variants.py: a letter missing,
doubled or swapped, no apostrophes, letters held down, texting spellings, no punctuation,
capitals, words run together, emoji, voice typing, and two or three at once). The screen must
still stop for nearly all of them (docs/safety-figures.md)."""
from __future__ import annotations

import zlib

import pytest

from .variants import (EVERYDAY_KINDS, KINDS, crisis_messages, everyday_messages, measure,
                       reading, unsettled, variant)

# The share of the batches' crisis messages (half of them, below) still caught in each kind of
# variant, measured on 2026-12-05 after the fourteenth round, less about half a point.
FLOORS = {
    "drop": 0.960, "double": 0.980, "swap": 0.965, "near": 0.975, "apostrophes": 0.990,
    "elongate": 0.990, "texting": 0.985, "nopunct": 0.990, "caps": 0.990, "joined": 0.980,
    "emoji": 0.985, "voice": 0.990, "mixed": 0.950,
}


@pytest.fixture(scope="module")
def batches(config) -> list[str]:
    """Every other crisis message of the batches the screen catches as written, picked by
    CRC-32 (the same ones in every run, from every batch): each new batch had added its whole
    length to the suite's slowest test, and the figures of the half and of all of them lie
    within a point of each other (all of them: `python bench/screen_bench.py`). A fresh batch's
    misses as written are its recall (bench and docs/safety.md), not a typing slip's."""
    sets = crisis_messages()
    half = [line for name in sorted(sets) if name.startswith(("blind", "probe", "kinds"))
            for line in sets[name] if zlib.crc32(line.encode()) % 2 == 0]
    return [line for line, verdict in zip(half, config.screen_all(half)) if verdict is not None]


def test_each_kind_of_variant_is_made_the_same_way_every_time():
    text = "I'm going to take all 40 of the pills tonight, I can't do this anymore"
    for kind in KINDS:
        once = variant(text, kind)
        assert once == variant(text, kind), kind
        assert once != text, kind


# The kinds in three groups, each a test of its own, so that the workers share the reading
# (the reader's milliseconds made the one test the suite's longest by far).
KIND_GROUPS = [("drop", "double", "swap", "near"),
               ("apostrophes", "elongate", "texting", "nopunct", "caps"),
               ("joined", "emoji", "voice", "mixed")]


def test_the_groups_hold_every_kind_once():
    assert sorted(kind for group in KIND_GROUPS for kind in group) == sorted(KINDS)


@pytest.mark.parametrize("kinds", KIND_GROUPS, ids=lambda kinds: kinds[0])
def test_typed_variants_of_crisis_messages_are_still_caught(config, batches, kinds):
    """Every message of the half in every kind counts: the floors sit about half a point under
    its measured figures. Texts the screen reads alike are screened once (variants.measure,
    which checks some of them again)."""
    figures = measure(config.screen_all, batches, kinds, read=reading(config),
                      alone=unsettled(config))
    caught, _, total = figures["as written"]
    low = {kind: f"{hits}/{n}" for kind, (hits, _, n) in figures.items()
           if kind in FLOORS and hits < FLOORS[kind] * n}
    assert not low, f"as written {caught}/{total}; below the floor: {low}"


def test_typed_variants_of_everyday_talk_stay_quiet(config):
    """Reading slips back must not turn everyday words into crisis words: on the everyday lines
    whose CRC-32 is even (1,912 of 3,812; all of them: `python bench/screen_bench.py`). Texts
    the screen reads alike are screened once (variants.measure, which checks some of them
    again)."""
    lines = [line for line in everyday_messages()["ordinary"]
             if zlib.crc32(line.encode()) % 2 == 0]
    figures = measure(config.screen_all, lines, EVERYDAY_KINDS, read=reading(config),
                      alone=unsettled(config))
    for kind, (fired, _, total) in figures.items():
        assert fired <= 0.01 * total, (kind, fired, total)


def test_a_screen_that_reads_more_than_its_readings_is_found_out(config, batches):
    """measure() gives texts read alike one verdict; were the screen to read anything else
    (here: capitals), the texts it screens again tell."""
    def shouts(texts: list[str]) -> list[object]:
        return [text.isupper() or verdict for text, verdict in zip(texts, config.screen_all(texts))]

    with pytest.raises(AssertionError, match="read alike, screened apart"):
        measure(shouts, batches[:200], ("caps",), read=reading(config))
