"""Rewrite bot/safety/real_words.txt: the English words that are one typing slip away from a
word the crisis rules use, or that read as rule words run together (so that the screen does not
read "eating" as "beating", nor "therapist" as "the rapist").

    apt-get install wamerican        # the English word list, /usr/share/dict/words
    python -m tests.safety.make_real_words

Run it after adding words to dialogs/safety/rules.yaml; tests/safety/test_normalize.py says
when it is needed.
"""
from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

from bot.safety import DEFAULT_PATHS
from bot.safety.normalize import REAL_WORDS_FILE, Normaliser
from bot.safety.rules import load_rules

WORDS = Path("/usr/share/dict/words")
LONG_NAME = 7  # letters: "Cornwall", "Glastonbury"; not "Luke", "Hurst"
HEADER = """\
# English words, and long names of places and people, that are one slip of the keyboard (a
# letter missing, added or wrong, or two letters swapped) away from a word the crisis rules
# use, or read as rule words run together.
# The screen does not read these as typos ("craving" is not "carving", "eating" is not
# "beating", "therapist" is not "the rapist"). Made from the SCOWL word list (Debian wamerican) by
# python -m tests.safety.make_real_words; tests/safety/test_normalize.py checks it is complete
# when /usr/share/dict/words is installed (apt-get install wamerican). One word a line.
"""


def slipped(english: dict[str, str], normaliser: Normaliser | None = None) -> list[str]:
    """The English words (normalised -> as spelt) the screen would read as other words when no
    word counted as real: a slip of a rule word, or rule words run together. ``normaliser``:
    that of the shipped rules, already loaded (a copy is changed, never it); by default the
    rules file is checked afresh."""
    if normaliser is None:
        normaliser = load_rules(DEFAULT_PATHS.rules).normaliser
    else:
        normaliser = copy.deepcopy(normaliser)
    normaliser.learn(normaliser.vocabulary, frozenset())
    return [word for word, spelt in english.items() if normaliser.reads_as(word, spelt) != word]


def english_words(path: Path = WORDS) -> dict[str, str]:
    """The words of the list (normalised: a doubled letter written once -> as spelt), with the
    long names of places and people ("Cornwall" is no "co rn wal"); a short name is as often a
    slip of a rule word ("Luke" for "like", "Hurst" for "hurts") and stays out."""
    doubles = re.compile(r"([a-z])\1+")
    english: dict[str, str] = {}
    for word in path.read_text(encoding="utf-8", errors="replace").split():
        if word.isascii() and word.isalpha() and (
            word.islower() or (word[1:].islower() and len(word) >= LONG_NAME)
        ):
            word = word.lower()
            english.setdefault(doubles.sub(r"\1", word), word)
    return english


def main() -> int:
    if not WORDS.exists():
        print(f"{WORDS} is missing: apt-get install wamerican", file=sys.stderr)
        return 1
    english = english_words()
    found = sorted(english[word] for word in slipped(english))
    REAL_WORDS_FILE.write_text(HEADER + "\n".join(found) + "\n", encoding="utf-8")
    print(f"{len(found)} words written to {REAL_WORDS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
