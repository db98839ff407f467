"""The learned second layer of the crisis screen: a hashed n-gram linear model.

It reads a message as word unigrams and bigrams and the character 2- to 5-grams of each word
(so "overdosed", "od'd" and "0D" share pieces), hashes each piece into one of ``2**bits``
buckets with CRC-32, and adds up the buckets' weights. Row 0 of the weights says "crisis or
not"; rows 1-4 say which category (one-vs-rest over the four categories). Training
(tests/safety/train_screen.py, ``make train-screen``) needs scikit-learn; reading and scoring
here need only the standard library.

The model file (dialogs/safety/screen_model.bin) is plain arrays, never pickled code:

    b"BSSM1\\n" | header length (4 bytes, little-endian) | JSON header |
    bucket indexes (uint32) | weights (float16, one row of five per bucket) | bias (float32 x 5)

The header records the feature settings, the threshold, the categories and the SHA-256 of the
training data, so a test can tell that the shipped model matches the data in the repo.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"BSSM1\n"
MODEL_NAME = "screen_model.bin"
MODEL_PATH = Path(__file__).resolve().parents[2] / "dialogs" / "safety" / MODEL_NAME

_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": ""})
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"}
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"(.)\1{2,}")
_HAS_LETTER = re.compile(r"[a-z]")


_last_words: tuple[str, tuple[str, ...]] = ("", ())  # the last text read, and its words


def words_of(text: str) -> list[str]:
    """Lowercase words without accents or apostrophes; a letter typed three or more times
    counts twice; digits inside a word read as the letters they stand for (k1ll, d13)."""
    global _last_words
    last = _last_words
    if last[0] == text:
        return list(last[1])
    words = _words_of(text)
    _last_words = (text, tuple(words))
    return words


def _words_of(text: str) -> list[str]:
    folded = text.lower()
    if not folded.isascii():  # plain ASCII has no accents to take off
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _REPEATS.sub(r"\1\1", folded.translate(_APOSTROPHES))
    words = []
    for word in _NOT_WORD.sub(" ", folded.replace("$", "s").replace("@", "a")).split():
        if not word.isalpha() and _HAS_LETTER.search(word):
            word = word.translate(_LEET)
        words.append(word)
    return words


def features(
    text: str | list[str],
    bits: int,
    char_min: int = 2,
    char_max: int = 5,
    known: dict[str, tuple[int, ...]] | None = None,
    skip: bool = False,
) -> list[int]:
    """The hashed buckets of one message (or of its words_of), each piece once, sorted.
    ``known``: a word's own pieces remembered between calls (most words come back often).
    ``skip``: also pairs of words one word apart, so that a changed word in between still
    leaves a shared piece ("want to die" and "want 2 die" share "want _ die")."""
    return sorted(_buckets(text, bits, char_min, char_max, known, skip))


def _buckets(
    text: str | list[str],
    bits: int,
    char_min: int,
    char_max: int,
    known: dict[str, tuple[int, ...]] | None,
    skip: bool,
) -> set[int]:
    """features(), unsorted."""
    mask = (1 << bits) - 1
    words = words_of(text) if isinstance(text, str) else text
    found: set[int] = set()
    crc = zlib.crc32
    previous = before = "<s>"
    for word in words:
        pieces = known.get(word) if known is not None else None
        if pieces is None:
            pieces = _word_pieces(word, mask, char_min, char_max)
            if known is not None:
                if len(known) >= 50_000:
                    known.clear()
                known[word] = pieces
        found.update(pieces)
        found.add(crc(f"b {previous} {word}".encode()) & mask)
        if skip and before != "<s>":
            found.add(crc(f"s {before} {word}".encode()) & mask)
        before, previous = previous, word
    if words:
        found.add(crc(f"b {previous} </s>".encode()) & mask)
    return found


def _word_pieces(word: str, mask: int, char_min: int, char_max: int) -> tuple[int, ...]:
    """The word itself and its character n-grams (with < > marking its ends), hashed."""
    crc = zlib.crc32
    pieces = {crc(b"w " + word.encode()) & mask}
    padded = f"<{word}>".encode()
    size = len(padded)
    for n in range(char_min, char_max + 1):
        for start in range(0, size - n + 1):
            pieces.add(crc(padded[start : start + n], n) & mask)
    return tuple(pieces)


@dataclass(frozen=True)
class ModelVerdict:
    score: float  # probability-like "crisis" score, 0-1
    categories: tuple[str, ...]  # most likely first; several when close
    # every category with its own probability-like score, most likely first
    kinds: tuple[tuple[str, float], ...] = ()

    def sure_of(self, bar: float) -> tuple[str, ...]:
        """The categories whose own score is at least ``bar``."""
        return tuple(category for category, value in self.kinds if value >= bar)


# A bucket's row of weights as one whole number, for summing a message's rows in one sum() of
# integers (ScreenModel.scores): field 0 counts the rows, field i + 1 holds weight i as a whole
# number of 2**-24 (every float16 is one, and under 2**40 of them), plus _OFFSET so that no
# field is negative. Up to _PACKED_MAX rows, no field's sum reaches 2**54 (< 2**_FIELD), and
# each column's sum below 2**53 units: exactly the float sum of the weights, whatever the order.
_UNIT = 1 << 24
_FIELD = 64
_FIELD_MASK = (1 << _FIELD) - 1
_OFFSET = 1 << 40
_PACKED_MAX = 8192


class _PackedRows(dict):
    """bucket -> its packed row (0 for a bucket with no weights), packed on first use."""

    def __init__(self, weights: dict[int, tuple[float, ...]]):
        super().__init__()
        self._weights = weights
        self.exact = True  # False once a weight is found that is not a float16's value

    def __missing__(self, bucket: int) -> int:
        row = self._weights.get(bucket)
        if row is None:
            return 0
        value = 1
        for place, weight in enumerate(row, 1):
            units = int(weight * _UNIT)
            if units != weight * _UNIT or abs(units) >= _OFFSET:
                self.exact = False
            value |= (units + _OFFSET) << (_FIELD * place)
        self[bucket] = value
        return value


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


_loaded: dict[bytes, ScreenModel] = {}  # the model file's SHA-256 -> the model read from it


class ScreenModel:
    """A loaded model. ``predict(text)`` returns a ModelVerdict when the message is over the
    threshold, else None. Pure Python (a dict of buckets): starting the bot imports no numpy."""

    def __init__(
        self, header: dict, index: Sequence[int], weights: Sequence[float], bias: Sequence[float]
    ):
        self.header = header
        self.bits = int(header["bits"])
        self.char_min, self.char_max = int(header["char_min"]), int(header["char_max"])
        self.skip = bool(header.get("skip_bigrams", False))
        self.threshold = float(header["threshold"])
        self.second = float(header["second_category"])
        self.categories = tuple(header["categories"])
        self.rows = int(header["rows"])
        # a reply of a word or two ("nothing much", "breathing") is left to the rules: too
        # little to read for a model, and the practices' answers are often that short
        self.min_words = int(header["min_words"])
        per_bucket = [iter(weights)] * self.rows
        rows = zip(*per_bucket, strict=True)  # one row of `rows` weights per bucket
        self._weights: dict[int, tuple[float, ...]] = dict(zip(index, rows, strict=True))
        self._bias = tuple(bias)
        self._packed = _PackedRows(self._weights)
        # word -> its own pieces (see features) with their packed rows: most words come back
        self._word_rows: dict[str, dict[int, int]] = {}

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> ScreenModel:
        """The model in the file, read once per process for each version of the file: every
        reload of the content would read and unpack its megabyte again (about 40 ms). A model
        is never changed once read, so every config can share it."""
        data = Path(path).read_bytes()
        digest = hashlib.sha256(data).digest()
        model = _loaded.get(digest)
        if model is None:
            model = cls(*read_model(data))
            _loaded.clear()  # the newest version only
            _loaded[digest] = model
        return model

    def scores(self, text: str | list[str]) -> list[float]:
        """Raw scores (crisis, then one per category) before the logistic function."""
        found = self._rows(words_of(text) if isinstance(text, str) else text)
        packed = self._packed
        total = sum(found.values()) if len(found) <= _PACKED_MAX else None
        if total is not None and packed.exact:
            # the column sums read off the packed rows' sum (see _UNIT): the same floats
            count = total & _FIELD_MASK
            totals = [
                float(((total >> (_FIELD * place)) & _FIELD_MASK) - count * _OFFSET) / _UNIT
                for place in range(1, self.rows + 1)
            ]
        else:
            get = self._weights.get
            rows = [row for row in map(get, sorted(found)) if row is not None]
            # column sums in the buckets' order (exact in any order up to _PACKED_MAX buckets)
            totals = (
                [sum(column) for column in zip(*rows, strict=True)] if rows else [0.0] * self.rows
            )
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        return [total * scale + bias for total, bias in zip(totals, self._bias, strict=True)]

    def _rows(self, words: list[str]) -> dict[int, int]:
        """The buckets of features(words), each with its packed row (see _PackedRows)."""
        mask = (1 << self.bits) - 1
        packed = self._packed
        known = self._word_rows
        found: dict[int, int] = {}
        crc = zlib.crc32
        previous = before = "<s>"
        for word in words:
            own = known.get(word)
            if own is None:
                pieces = _word_pieces(word, mask, self.char_min, self.char_max)
                own = {piece: packed[piece] for piece in pieces}
                if len(known) >= 20_000:  # under 2 KB a word
                    known.clear()
                known[word] = own
            found.update(own)
            bucket = crc(f"b {previous} {word}".encode()) & mask
            found[bucket] = packed[bucket]
            if self.skip and before != "<s>":
                bucket = crc(f"s {before} {word}".encode()) & mask
                found[bucket] = packed[bucket]
            before, previous = previous, word
        if words:
            bucket = crc(f"b {previous} </s>".encode()) & mask
            found[bucket] = packed[bucket]
        return found

    def predict(self, text: str) -> ModelVerdict | None:
        """The verdict when the message is over the threshold, else None."""
        verdict = self.assess(text)
        return verdict if verdict is not None and verdict.score >= self.threshold else None

    def assess(self, text: str) -> ModelVerdict | None:
        """The score and likely categories whatever the threshold (None for a message too short
        to read): the screen also asks the model how crisis-like a framed rule match reads."""
        words = words_of(text)
        if len(words) < self.min_words:
            return None
        raw = self.scores(words)
        return verdict_of(
            _sigmoid(raw[0]), [_sigmoid(value) for value in raw[1:]], self.categories, self.second
        )


def verdict_of(
    score: float, kinds: Sequence[float], categories: Sequence[str], second: float
) -> ModelVerdict:
    """A reading from the crisis score and each category's own: the likeliest category, and
    another when it scores at least ``second`` and half the likeliest's."""
    ranked = sorted(((value, i) for i, value in enumerate(kinds)), key=lambda p: (-p[0], p[1]))
    best = ranked[0][0]
    picked = [
        categories[i]
        for value, i in ranked
        if value == best or (value >= second and value >= best * 0.5)
    ]
    named = tuple((categories[i], value) for value, i in ranked)
    return ModelVerdict(score, tuple(picked), named)


def write_model(
    header: dict, index: Sequence[int], weights: Sequence[float], bias: Sequence[float]
) -> bytes:
    """The model file's bytes (the same arrays always give the same bytes)."""
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    return b"".join(
        [
            MAGIC,
            len(head).to_bytes(4, "little"),
            head,
            struct.pack(f"<{len(index)}I", *index),
            struct.pack(f"<{len(weights)}e", *weights),
            struct.pack(f"<{len(bias)}f", *bias),
        ]
    )


def read_model(data: bytes) -> tuple[dict, tuple[int, ...], tuple[float, ...], tuple[float, ...]]:
    """(header, bucket indexes, weights row by row, biases) from the model file's bytes."""
    if not data.startswith(MAGIC):
        raise ValueError("not a screen model file")
    at = len(MAGIC)
    size = int.from_bytes(data[at : at + 4], "little")
    at += 4
    header = json.loads(data[at : at + size])
    at += size
    count, rows = int(header["buckets"]), int(header["rows"])
    if len(data) != at + 4 * count + 2 * count * rows + 4 * rows:
        raise ValueError("screen model file has the wrong length")
    index = struct.unpack_from(f"<{count}I", data, at)
    at += 4 * count
    weights = struct.unpack_from(f"<{count * rows}e", data, at)
    at += 2 * count * rows
    bias = struct.unpack_from(f"<{rows}f", data, at)
    return header, index, weights, bias
