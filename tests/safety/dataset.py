"""The safety test set: the readers bench/screen_bench.py shares live in
bench/drivers/safety_data.py (re-exported here for the tests); the pairs only tests read are here.
"""
from __future__ import annotations

from bench.drivers.safety_data import (  # noqa: F401 (re-exported for tests/safety)
    CATEGORIES,
    DATA,
    HELDOUT,
    HELDOUT2,
    HELDOUT3,
    HELDOUT_FOLDERS,
    HERE,
    hard_negatives,
    heldout_positives,
    negatives,
    positives,
    read_lines,
)


def either_category() -> list[tuple[str, str]]:
    """(category written for, message) pairs of messages that fit two categories."""
    return _pairs("either_category.txt")


def negated() -> list[tuple[str, str]]:
    """(category, message) pairs."""
    return _pairs("negated.txt")


def _pairs(name: str) -> list[tuple[str, str]]:
    pairs = []
    for line in read_lines(name):
        category, message = (part.strip() for part in line.split("|", 1))
        pairs.append((category, message))
    return pairs
