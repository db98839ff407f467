"""Codes one counsellor line with the MITI 4.2.1 behaviour codes.

A small hashed n-gram linear model (the crisis screen's features and file format, read with
its reader) plus a few structural marks that punctuation-free word features cannot see: the
first words, a question mark, a second-person start. Trained by tests/partner/train_coder.py
(``make train-coder``); reading and scoring need only the standard library.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.safety.model import features, read_model, words_of

MODEL_PATH = Path(__file__).resolve().parents[2] / "dialogs" / "partner" / "coder_model.bin"

CODES = (
    "reflection.simple",
    "reflection.complex",
    "question.open",
    "question.closed",
    "affirmation",
    "seeking_collaboration",
    "emphasizing_autonomy",
    "giving_information",
    "persuade",
    "confront",
    "other",
)
QUESTIONS = ("question.open", "question.closed")
REFLECTIONS = ("reflection.simple", "reflection.complex")
ADHERENT = ("affirmation", "seeking_collaboration", "emphasizing_autonomy")
NON_ADHERENT = ("persuade", "confront")

_OPENERS = (
    "tell me",
    "describe",
    "walk me through",
    "help me understand",
    "say more",
    "talk me through",
    "explain",
    "id like to hear",
    "i wonder what",
    "im curious",
)
_CLOSED_WH = frozenset("many much often old long".split())
_LEADS = frozenset("so and but or okay ok well right yeah then now hmm".split())
_AUX = frozenset(
    "do does did are is was were have has had can could would will should shall "
    "may might am".split()
)
_WH = frozenset(
    "what how why where when who which whats hows whys wheres whens whos tell describe".split()
)
_SUBJECTS = frozenset("you it that there this he she they we i your".split())


def question_form(text: str) -> str | None:
    """ "question.open" or "question.closed" when the line is worded as a question (or as a
    request to tell, which MITI counts as an open question); None for a statement."""
    words = words_of(text)
    while len(words) > 1 and words[0] in _LEADS:
        words = words[1:]
    if not words:
        return None
    joined = " ".join(words)
    if joined.startswith("in ") and " " in joined[3:]:  # "in what ways", "in your words, what"
        rest = [w for w in words[1:4] if w in _WH]
        if rest:
            return "question.open"
    if any(joined.startswith(opener) for opener in _OPENERS):
        return "question.open"
    first, second = words[0], words[1] if len(words) > 1 else ""
    if first in _WH - {"tell", "describe"}:
        if first == "how" and second in _CLOSED_WH or first == "when" and second == "did":
            return "question.closed"
        if (
            first == "what"
            and second in ("im", "i", "youre", "you", "strikes")
            and ("?" not in text)
        ):
            return None  # "What I'm hearing is ...", "What you need to do is ...": statements
        return "question.open"
    if first in _AUX and (
        second in _SUBJECTS | {"anyone", "anything", "everything"} or text.rstrip().endswith("?")
    ):
        return "question.closed"
    if first == "you" and second in ("ok", "okay", "alright", "been", "doing"):
        return "question.closed"
    return None


def marks(text: str) -> list[str]:
    """Structural marks of a line, as words the model can weigh."""
    words = words_of(text)
    stripped = text.strip()
    out = [f"end {stripped[-1:] if stripped[-1:] in '?.!' else 'none'}"]
    if "?" in stripped:
        out.append("has ?")
    if not words:
        return out + ["empty"]
    first = words[0]
    out.append(f"first {first}")
    if len(words) > 1:
        out.append(f"first2 {first} {words[1]}")
        if first in _AUX and words[1] in _SUBJECTS:
            out.append("inverted")
    if first in _WH:
        out.append("wh start")
    out.append(f"length {min(len(words) // 4, 6)}")
    if "you" in words or "your" in words or "youre" in words:
        out.append("second person")
    return out


def buckets(text: str, bits: int, char_min: int, char_max: int) -> list[int]:
    """The hashed pieces of a line: its words and characters, and its structural marks."""
    mask = (1 << bits) - 1
    found = set(features(text, bits, char_min, char_max))
    found.update(zlib.crc32(b"m " + mark.encode()) & mask for mark in marks(text))
    return sorted(found)


@dataclass(frozen=True)
class Coded:
    code: str
    confidence: float

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "confidence": round(self.confidence, 3)}


class Coder:
    """A loaded coder: ``code(line)`` gives the most likely code and its probability."""

    def __init__(
        self, header: dict, index: Sequence[int], weights: Sequence[float], bias: Sequence[float]
    ) -> None:
        self.header = header
        self.bits = int(header["bits"])
        self.char_min, self.char_max = int(header["char_min"]), int(header["char_max"])
        self.codes = tuple(header["codes"])
        rows = len(self.codes)
        per_bucket = [iter(weights)] * rows
        rows_of = zip(*per_bucket, strict=False)
        self._weights: dict[int, tuple[float, ...]] = dict(zip(index, rows_of, strict=False))
        self._bias = tuple(bias)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> Coder:
        header, index, weights, bias = read_model(Path(path).read_bytes())
        return cls(header, index, weights, bias)

    def scores(self, text: str) -> list[float]:
        found = buckets(text, self.bits, self.char_min, self.char_max)
        totals = list(self._bias)
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        for bucket in found:
            row = self._weights.get(bucket)
            if row is not None:
                for i, value in enumerate(row):
                    totals[i] += value * scale
        return totals

    def code(self, text: str) -> Coded:
        """The model weighs the words; the form of the sentence decides whether it is a
        question (MITI: a statement said with a rising tone is still a reflection)."""
        if not words_of(text):
            return Coded("other", 1.0)
        raw = self.scores(text)
        asked = question_form(text)
        # a question can still be a request for permission, advice or a challenge
        allowed = (
            {asked, "seeking_collaboration", "persuade", "confront"}
            if asked
            else set(self.codes) - set(QUESTIONS)
        )
        top = max(raw)
        exps = [math.exp(value - top) for value in raw]
        best = max(
            (i for i, c in enumerate(self.codes) if c in allowed), key=lambda i: (raw[i], -i)
        )
        confidence = exps[best] / sum(exps[i] for i, c in enumerate(self.codes) if c in allowed)
        return Coded(self.codes[best], confidence)


_LOADED: dict[str, Coder] = {}


def shipped() -> Coder:
    """The coder shipped with the bot, loaded once."""
    key = str(MODEL_PATH)
    if key not in _LOADED:
        _LOADED[key] = Coder.load(MODEL_PATH)
    return _LOADED[key]


def family(code: str) -> str:
    """reflection, question or other: the split the practice's ratio counts."""
    return code.split(".", 1)[0] if code in REFLECTIONS + QUESTIONS else "other"
