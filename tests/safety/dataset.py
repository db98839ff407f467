"""The safety test set in tests/safety/data/: one message a line, '#' starts a comment."""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CATEGORIES = ("suicide_selfharm", "overdose_medical", "violence_abuse", "severe_withdrawal")


def read_lines(name: str) -> list[str]:
    lines = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            lines.append(raw.strip())
    return lines


def positives() -> dict[str, list[str]]:
    return {category: read_lines(f"{category}.txt") for category in CATEGORIES}


def negatives() -> list[str]:
    return read_lines("negatives.txt")


def negated() -> list[tuple[str, str]]:
    """(category, message) pairs."""
    pairs = []
    for line in read_lines("negated.txt"):
        category, message = (part.strip() for part in line.split("|", 1))
        pairs.append((category, message))
    return pairs
