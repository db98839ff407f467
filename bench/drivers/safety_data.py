"""The crisis screen's test set, one message a line, '#' starts a comment: what
bench/screen_bench.py measures and tests/safety checks (tests/safety/dataset.py adds the pairs
only its tests read). The files are test data, read in place by path:

- tests/safety/data/: the set the rules were written against (positives per category, everyday
  negatives, hard negatives, negated statements);
- tests/safety/heldout/, tests/safety/heldout2/ and tests/safety/heldout3/: held-out batches
  written without reference to the rules and measured before the rules were changed for them;
  now part of the set (see docs/safety.md, "Figures").
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "tests" / "safety"
DATA = HERE / "data"
HELDOUT = HERE / "heldout"
HELDOUT2 = HERE / "heldout2"
HELDOUT3 = HERE / "heldout3"
HELDOUT_FOLDERS = (HELDOUT, HELDOUT2, HELDOUT3)
CATEGORIES = ("suicide_selfharm", "overdose_medical", "violence_abuse", "severe_withdrawal")


def read_lines(name: str, folder: Path = DATA) -> list[str]:
    lines = []
    for raw in (folder / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            lines.append(raw.strip())
    return lines


def positives() -> dict[str, list[str]]:
    """Crisis messages per category; each must be caught in its own category."""
    return {category: read_lines(f"{category}.txt") for category in CATEGORIES}


def heldout_positives(folders: tuple[Path, ...] = HELDOUT_FOLDERS) -> dict[str, list[str]]:
    """The held-out crisis messages per category (every held-out folder unless told); each must
    be caught (category: see tests)."""
    return {category: [line for folder in folders for line in read_lines(f"{category}.txt", folder)]
            for category in CATEGORIES}


def negatives() -> list[str]:
    """Everyday messages (idioms, ordinary talk about using, practice answers)."""
    return read_lines("negatives.txt")


def hard_negatives() -> list[str]:
    """Messages written to sit close to a crisis without being one (past events, fiction,
    questions, idioms near crisis words)."""
    return read_lines("hard_negatives.txt") + [line for folder in HELDOUT_FOLDERS
                                               for line in read_lines("hard_negatives.txt", folder)]
