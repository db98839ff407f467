"""Typed variants of a message, as people type on a phone: a seeded, repeatable perturbation
of every crisis message of the safety sets, to measure how much of the screen's recall holds
when the same words come out differently (docs/safety-figures.md).

Each kind changes one thing (``mixed`` two or three of them at once):

- ``drop``: one letter missing in two words ("overdosd", "myslf");
- ``double``: one letter typed twice in two words ("pillls", "tonnight");
- ``swap``: two neighbouring letters swapped in two words ("siucide", "breahting");
- ``near``: one letter replaced by its neighbour on the keyboard in one word ("pilks");
- ``apostrophes``: every apostrophe left out ("dont", "im", "hes");
- ``elongate``: a letter held down in two words ("sooo", "pleeeease", "dieeee");
- ``texting``: texting spellings ("u", "ur", "gonna", "wanna", "tho", "rn", "cos", "pls");
- ``nopunct``: no punctuation at all;
- ``caps``: ALL CAPS;
- ``joined``: two neighbouring words run together, in two places ("killmyself", "wantto");
- ``emoji``: emoji between the words and at the end (😭 🙃 😂 🥲 ...);
- ``voice``: voice-to-text: no punctuation, numbers as words, "okay", "going to", a capital
  at the start and a full stop at the end;
- ``mixed``: two or three of the kinds above together.

The same message and seed give the same variant every time (``random.Random`` seeded with the
seed and the message's CRC-32), so figures can be compared between versions of the screen.
"""
from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Hashable

SEED = 20261205

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_KEYBOARD):
    for _c, _ch in enumerate(_row):
        _NEIGHBOURS[_ch] = _row[max(0, _c - 1) : _c] + _row[_c + 1 : _c + 2]

# Texting spellings: (words as written, as texted). Whole words only, case kept loosely.
_TEXTING = [
    ("going to", "gonna"),
    ("want to", "wanna"),
    ("got to", "gotta"),
    ("though", "tho"),
    ("right now", "rn"),
    ("because", "cos"),
    ("your", "ur"),
    ("you're", "ur"),
    ("you", "u"),
    ("are", "r"),
    ("please", "pls"),
    ("tonight", "tonite"),
    ("tomorrow", "tmrw"),
    ("people", "ppl"),
    ("really", "rly"),
    ("something", "smth"),
    ("probably", "prob"),
    ("with", "w"),
    ("and", "n"),
    ("don't know", "dunno"),
    ("what", "wat"),
    ("okay", "ok"),
    ("to", "2"),
    ("for", "4"),
    ("before", "b4"),
    ("someone", "some1"),
    ("anyone", "any1"),
    ("I don't know", "idk"),
    ("thanks", "thx"),
    ("at the moment", "atm"),
]
_EMOJI = ["😭", "🙃", "😂", "🥲", "😔", "💔", "😶", "🤷", "😩", "🫠", "👍", "😬"]
_NUMBERS = {
    "0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
    "7": "seven", "8": "eight", "9": "nine", "10": "ten", "12": "twelve", "15": "fifteen",
    "20": "twenty", "30": "thirty", "40": "forty", "50": "fifty", "100": "a hundred",
}


def _words(text: str, rng: random.Random, count: int, least: int = 4) -> list[re.Match[str]]:
    """``count`` words of at least ``least`` letters (no apostrophe), chosen at random (fewer
    if there are none)."""
    found = [m for m in _WORD.finditer(text) if len(m.group()) >= least and "'" not in m.group()]
    return sorted(rng.sample(found, min(count, len(found))), key=lambda m: m.start())


def _edit_words(text: str, rng: random.Random, count: int, edit: Callable[[str, random.Random], str],
                least: int = 4) -> str:
    out, last = [], 0
    for match in _words(text, rng, count, least):
        out += [text[last : match.start()], edit(match.group(), rng)]
        last = match.end()
    return "".join(out) + text[last:]


def _letters(word: str) -> list[int]:
    return [i for i, ch in enumerate(word) if ch.isalpha()]


def _drop(word: str, rng: random.Random) -> str:
    i = rng.choice(_letters(word)[1:])  # the first letter is rarely the one lost
    return word[:i] + word[i + 1 :]


def _double(word: str, rng: random.Random) -> str:
    i = rng.choice(_letters(word))
    return word[: i + 1] + word[i] + word[i + 1 :]


def _swap(word: str, rng: random.Random) -> str:
    spots = [i for i in range(1, len(word) - 1) if word[i].isalpha() and word[i + 1].isalpha()
             and word[i] != word[i + 1]]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _near(word: str, rng: random.Random) -> str:
    spots = [i for i in _letters(word)[1:] if word[i].lower() in _NEIGHBOURS]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + rng.choice(_NEIGHBOURS[word[i].lower()]) + word[i + 1 :]


def _elongate(word: str, rng: random.Random) -> str:
    vowels = [i for i, ch in enumerate(word) if ch.lower() in "aeiouy"]
    i = rng.choice(vowels[-2:] if vowels else [len(word) - 1])
    return word[: i + 1] + word[i] * rng.randint(2, 5) + word[i + 1 :]


def drop(text: str, rng: random.Random) -> str:
    return _edit_words(text, rng, 2, _drop)


def double(text: str, rng: random.Random) -> str:
    return _edit_words(text, rng, 2, _double)


def swap(text: str, rng: random.Random) -> str:
    return _edit_words(text, rng, 2, _swap)


def near(text: str, rng: random.Random) -> str:
    return _edit_words(text, rng, 1, _near)


def apostrophes(text: str, rng: random.Random) -> str:
    return re.sub(r"['\u2019]", "", text)


def elongate(text: str, rng: random.Random) -> str:
    return _edit_words(text, rng, 2, _elongate, least=3)


_TEXTING_PATTERNS = [(re.compile(rf"\b{re.escape(written)}\b", re.IGNORECASE), texted)
                     for written, texted in _TEXTING]


def texting(text: str, rng: random.Random) -> str:
    for pattern, texted in _TEXTING_PATTERNS:
        if pattern.search(text):  # else no replacement, and no draw of rng
            text = pattern.sub(lambda m: texted if rng.random() < 0.8 else m.group(), text)
    return text


def nopunct(text: str, rng: random.Random) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[!-&(-/:-@\[-`{-~]", " ", text)).strip()


def caps(text: str, rng: random.Random) -> str:
    return text.upper()


def joined(text: str, rng: random.Random) -> str:
    gaps = [m.start() for m in re.finditer(r"(?<=[A-Za-z]) (?=[A-Za-z])", text)]
    for gap in sorted(rng.sample(gaps, min(2, len(gaps))), reverse=True):
        text = text[:gap] + text[gap + 1 :]
    return text


def emoji(text: str, rng: random.Random) -> str:
    gaps = [m.start() for m in re.finditer(r" ", text)]
    for gap in sorted(rng.sample(gaps, min(1, len(gaps))), reverse=True):
        text = text[:gap] + " " + rng.choice(_EMOJI) + text[gap:]
    return text + " " + rng.choice(_EMOJI) * rng.randint(1, 3)


def voice(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b\d+\b", lambda m: _NUMBERS.get(m.group(), m.group()), text)
    text = re.sub(r"\bok\b", "okay", text, flags=re.IGNORECASE)
    text = re.sub(r"\bgonna\b", "going to", text, flags=re.IGNORECASE)
    text = re.sub(r"\bwanna\b", "want to", text, flags=re.IGNORECASE)
    text = re.sub(r"\bi\b", "I", nopunct(text, rng))
    return text[:1].upper() + text[1:] + "."


KINDS: dict[str, Callable[[str, random.Random], str]] = {
    "drop": drop,
    "double": double,
    "swap": swap,
    "near": near,
    "apostrophes": apostrophes,
    "elongate": elongate,
    "texting": texting,
    "nopunct": nopunct,
    "caps": caps,
    "joined": joined,
    "emoji": emoji,
    "voice": voice,
}


def mixed(text: str, rng: random.Random) -> str:
    for name in rng.sample(sorted(KINDS), rng.randint(2, 3)):
        text = KINDS[name](text, rng)
    return text


KINDS["mixed"] = mixed


# The kinds of slip checked on everyday talk: those that could turn an everyday word into a
# crisis word (the rest only take letters or marks away).
EVERYDAY_KINDS = ("drop", "swap", "near", "joined", "mixed")


def variant(text: str, kind: str, seed: int = SEED) -> str:
    """The ``kind`` variant of ``text`` (the same every time for the same seed)."""
    rng = random.Random(seed * 1_000_003 + zlib.crc32(f"{kind}\n{text}".encode()))
    return KINDS[kind](text, rng)


# sets the bench reports on their own, never tuned for nor counted among the sets' variants
MEASURED_APART = ("chat_blind/",)


def crisis_messages() -> dict[str, list[str]]:
    """Every crisis message of the safety sets, by set (data/, heldout*/, blind1/-blind11/,
    probe6/, kinds7/ and the learned layer's crisis corpus)."""
    from .snapshot import _messages

    sets: dict[str, list[str]] = {}
    for name, rows in _messages().items():
        if name.endswith("negated.txt") or name.startswith(MEASURED_APART):
            continue
        lines = [text for text, crisis in rows if crisis]
        if lines:
            sets.setdefault(name.split("/")[0], []).extend(lines)
    return sets


def everyday_messages() -> dict[str, list[str]]:
    """The messages that must not fire, by kind: ordinary talk, hard negatives, counsellor lines."""
    from .snapshot import HARD, _messages

    sets: dict[str, list[str]] = {"ordinary": [], "hard": [], "counsellor": []}
    for name, rows in _messages().items():
        if name.startswith(MEASURED_APART):
            continue
        stem = name.split("/")[1].split(".")[0]
        kind = ("counsellor" if name.startswith("partner/") or stem == "counsellor"
                else "ordinary" if stem in ("ordinary", "ordinary_hand", "negatives",
                                             "practice_answers")
                else "hard" if stem in HARD else None)
        if kind:
            sets[kind].extend(text for text, crisis in rows if not crisis)
    return sets


def reading(config: object) -> Callable[[str], Hashable]:
    """What the rules and the n-gram layer of ``config`` (a SafetyConfig) read of a text: the
    rules' normalised form and the n-gram layer's words. bot/safety/screen.py reads a message
    through these alone (the rules, their hints and lingers take the normalised form; the
    n-gram layer words_of the repaired text), so texts read alike get one verdict from them:
    "I'm going to die tonight" and "I'M GOING TO DIE TONIGHT" are one screening. The reader
    reads the words themselves: see unsettled()."""
    from bot.safety.model import words_of

    normaliser = config.rules.normaliser  # type: ignore[attr-defined]
    return lambda text: (normaliser.normalise(text), tuple(words_of(normaliser.repair(text))))


def unsettled(config: object) -> Callable[[object], bool] | None:
    """The verdicts a reading does not settle when ``config`` has a reader: no verdict (the
    reader might screen another text read alike) and the reader's own (it might not). Each
    text given one of these is screened itself; they are few (the misses, mostly)."""
    if config.reader is None:  # type: ignore[attr-defined]
        return None
    return lambda verdict: verdict is None or getattr(verdict, "rule", None) == "reader"


def measure(screen_all: Callable[[list[str]], list], lines: list[str],
            kinds: tuple[str, ...] = tuple(KINDS),
            read: Callable[[str], Hashable] | None = None,
            alone: Callable[[object], bool] | None = None) -> dict[str, tuple[int, int, int]]:
    """Per kind (and "as written"): (caught, full reply, messages). ``screen_all`` screens a
    list of texts (SafetyConfig.screen_all: the reader reads them in batches). A text met again
    (a variant that leaves a message as it was, or equals another's) is screened once: the
    screen is a function of the text alone.

    ``read`` (see reading()): a text read like one screened before takes its verdict, so the
    same figures come from fewer screenings (on 2026-12-05, the batches' crisis messages and
    their 13 variants each: 13,104 texts, 11,780 different ones, 6,789 different readings; the
    benchmark screens every text); but a text whose reading got a verdict ``alone`` says the
    reading does not settle (see unsettled()) is screened itself. That the screen reads nothing
    else is checked on the way: one in 16 of the texts that take another's verdict (picked by
    CRC-32) is screened as well, and its verdict must be the very same."""
    first: dict[Hashable, str] = {}  # each reading's first text: the one screened
    keys: dict[str, Hashable] = {}  # each text read once (a variant often leaves it as it was)
    by_kind: dict[str, list[tuple[Hashable, str]]] = {}
    for kind in ("as written", *kinds):
        found = by_kind[kind] = []
        for line in lines:
            text = line if kind == "as written" else variant(line, kind)
            key: Hashable = text
            if read is not None:
                key = keys.get(text, keys)
                if key is keys:
                    key = keys[text] = read(text)
            first.setdefault(key, text)
            found.append((key, text))
    seen = dict(zip(first, screen_all(list(first.values())), strict=True))
    others = {text: key for found in by_kind.values() for key, text in found
              if text != first[key]}  # the texts that took another's verdict
    own_texts = [text for text, key in others.items() if alone is not None and alone(seen[key])]
    own = dict(zip(own_texts, screen_all(own_texts), strict=True))
    again = [(key, text) for text, key in others.items()
             if text not in own and zlib.crc32(text.encode()) % 16 == 0]
    for (key, text), verdict in zip(again, screen_all([text for _, text in again]), strict=True):
        assert verdict == seen[key], f"read alike, screened apart: {first[key]!r} and {text!r}"
    result = {}
    for kind, found in by_kind.items():
        verdicts = [own[text] if text in own else seen[key] for key, text in found]
        caught = [v for v in verdicts if v is not None and not getattr(v, "negated", False)]
        full = sum(getattr(v, "tier", "") == "full" for v in caught)
        result[kind] = (len(caught), full, len(lines))
    return result
