"""Normalisation: turn a message into plain lowercase words before the rules look at it.

Steps, in order (the same steps are applied to the words of every rule pattern):

1. emoji and look-alike letters become words or letters (💊 -> "pills", Cyrillic "а" -> "a"),
   curly apostrophes become "'", emoji modifiers disappear;
2. accents are removed and the text is case-folded ("Suicidé" -> "suicide");
3. a "!" between letters is read as "i" ("k!ll");
4. a letter repeated three or more times counts once ("pleeease" -> "please");
5. the text is cut into words; punctuation between words is remembered as a clause boundary;
6. each word is looked up in the word list (spellings, slang, contractions: "od'd" ->
   "overdosed", "can't" -> "can not", "suicidle" -> "suicidal"); a word not in the list loses
   its apostrophes ("od'd" is looked up before "odd" would be), except that a final 's reads
   as "is" ("my friend's dying" -> "my friend is dying");
7. a word that starts with a letter and contains digits or @ $ is read as leetspeak
   ("k1ll" -> "kill", "$uicide" -> "suicide") and looked up again;
8. every doubled letter is written once ("kill" -> "kil", "mollested" -> "molested").
   Patterns go through the same steps, so "kill" in a rule matches "kill", "kil" and "killll";
9. last, once the rules are compiled (``learn``), a dropped final g is put back on any word the
   rules use that ends in -ing ("shakin" -> "shaking", "seein" -> "seeing", "dyin" -> "dying"),
   and a word the rules do not use is read as the one rule word of four letters or more it is
   one slip away from (``reads_as``: a letter missing, added or wrong, two letters swapped:
   "breathign", "overdosd", "forevr"), or as two or three rule words typed without a space
   ("wantto" -> "want to"), unless the typed word is a real English word (real_words.txt:
   "craving" stays craving, it is not "carving"; "therapist" is not "the rapist").

``repair`` gives the learned layer the same words back in the message as typed.

The result is the words joined by single spaces, plus the word positions where clauses start.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\uff07\u201b"

# Marks that change how an emoji looks, not what it means.
_INVISIBLE = [0xFE0E, 0xFE0F, 0x200D, 0x20E3, 0x200B, 0x200C, 0x2060, 0xFEFF] + list(
    range(0x1F3FB, 0x1F400)
)

# Letters from other scripts that look like Latin ones (used to dodge filters).
CONFUSABLES = {
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "һ": "h",
    "ӏ": "l",
    "к": "k",
    "м": "m",
    "т": "t",
    "в": "b",
    "н": "h",
    "ɡ": "g",
    "α": "a",
    "ο": "o",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "ε": "e",
    "ѵ": "v",
    "ɑ": "a",
}

LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)

# A word, or a clause boundary (punctuation that separates statements).
_TOKEN = re.compile(r"[a-z0-9@$]+(?:'[a-z0-9@$]+)*|[.!?;:,\n()\"]+|\s[-\u2013\u2014]+\s")
_RUNS = re.compile(r"([a-z])\1\1+")
_DOUBLES = re.compile(r"([a-z])\1+")
_BANG = re.compile(r"(?<=[a-z])[!|](?=[a-z])")
_LEET_CHARS = frozenset("0134579@$")
_PLAIN_WORD = re.compile(r"(?<![a-z0-9'@$])[a-z]{3,}(?![a-z0-9'@$])")
_BOUNDARY = ("<boundary>",)  # a token that ends a clause
_CACHE_SIZE = 50_000  # words remembered (the same words come back all the time)
REAL_WORDS_FILE = Path(__file__).resolve().parent / "real_words.txt"


def _real_words() -> frozenset[str] | None:
    """English words that are one slip of the keyboard away from a word the rules use
    ("eating" is not a typo for "beating"). One a line; '#' starts a comment. None when the
    file is missing: slips are then not read back at all."""
    try:
        text = REAL_WORDS_FILE.read_text(encoding="utf-8")
    except OSError:
        return None
    return frozenset(
        _DOUBLES.sub(r"\1", line.strip().lower())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def typos(word: str) -> set[str]:
    """Ways ``word`` (normalised) is often mistyped: two neighbouring letters swapped (words of
    five letters or more) and one letter missing (six or more). Doubled letters are written once,
    as in normalised text."""
    found = set()
    if len(word) >= 5:
        for i in range(len(word) - 1):
            if word[i] != word[i + 1]:
                swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                if _DOUBLES.sub(r"\1", swapped) == swapped:
                    found.add(swapped)
    if len(word) >= 6:
        for i in range(len(word)):
            found.add(_DOUBLES.sub(r"\1", word[:i] + word[i + 1 :]))
    found.discard(word)
    return found


SLIP_LENGTH = 4  # rule words this long or longer are found again when mistyped
_LONGEST_JOIN = 24  # longer runs of letters are not cut into words
_ONE_LETTER = frozenset("iua")  # the one-letter words a run-together word may hold
_REPEATED = re.compile(r"(.{1,3})\1+")  # "hahaha", "lololol": not words run together


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_slip(typed: str, word: str) -> bool:
    """True when ``typed`` is ``word`` (both normalised) with one letter missing, one letter
    too many, one letter wrong, or two neighbouring letters swapped."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        diff = [i for i in range(len(word)) if typed[i] != word[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == word[diff[1]]
            and typed[diff[1]] == word[diff[0]]
        )
    short, long = (typed, word) if len(typed) < len(word) else (word, typed)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOUR_KEYS = {
    (row[i], row[j])
    for row in _KEY_ROWS
    for i in range(len(row))
    for j in (i - 1, i + 1)
    if 0 <= j < len(row)
}


def _near_keys(typed: str, word: str) -> bool:
    """For short words: a letter wrong only when its key is next to the right one ("pilks")."""
    if len(typed) != len(word):
        return True
    diff = [i for i in range(len(word)) if typed[i] != word[i]]
    return len(diff) != 1 or (typed[diff[0]], word[diff[0]]) in _NEIGHBOUR_KEYS


def collapse_doubles(word: str) -> str:
    """'wanna' -> 'wana': the form a doubled letter takes when typed once."""
    return re.sub(r"([a-z])\1", r"\1", word)


def basic_fold(text: str) -> str:
    """Accents off, case folded, apostrophes unified (no word list). Used for keys and patterns."""
    for mark in APOSTROPHES:
        text = text.replace(mark, "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


@dataclass(frozen=True)
class Normalised:
    text: str  # words joined by single spaces
    boundaries: tuple[int, ...]  # indexes of the words that start a new clause

    def words_before(self, offset: int) -> list[str]:
        """The words of the same clause before character ``offset`` of ``text``."""
        index = self.text.count(" ", 0, offset)
        i = bisect_right(self.boundaries, index)
        start = self.boundaries[i - 1] if i else 0
        return self.text.split(" ")[start:index]


class Normaliser:
    """Built once from the rules file's ``emoji`` and ``words`` sections."""

    def __init__(self, emoji: dict[str, str] | None = None, words: dict[str, str] | None = None):
        table: dict[int, str | None] = {ord(c): None for c in map(chr, _INVISIBLE)}
        for mark in APOSTROPHES:
            table[ord(mark)] = "'"
        for char, latin in CONFUSABLES.items():
            table[ord(char)] = latin
            table[ord(char.upper())] = latin
        for symbol, word in (emoji or {}).items():
            table[ord(symbol)] = f" {word} "
        self._chars = table
        self._words: dict[str, str] = {}
        for key, value in (words or {}).items():
            self._words[key] = value
        # A doubled letter typed once ("wana") finds the same entry.
        for key, value in list(self._words.items()):
            short = collapse_doubles(key)
            if short != key and short not in self._words:
                self._words[short] = value
        self._fix: dict[str, str] = {}  # filled by learn(): "shakin" -> "shaking"
        self._slips = False  # set by learn(): see reads_as
        # the last text normalised and repaired, with the result: a screening reads its message
        # up to three times (the rules, their hints, lingers)
        self._last: tuple[str, Normalised] | None = None
        self._last_repair: tuple[str, str] | None = None
        self._index: dict[str, tuple[str, ...]] | None = None
        self._pieces: frozenset[str] = frozenset()
        self.vocabulary: frozenset[str] = frozenset()
        self.real_words: frozenset[str] = frozenset()
        self._spellings: dict[str, str] = {}
        self._repairs: dict[str, str] = {}
        self._cache: dict[str, tuple[str, ...]] = {}

    def learn(
        self,
        vocabulary: Collection[str],
        real_words: frozenset[str] | None = None,
        spellings: dict[str, str] | None = None,
    ) -> None:
        """Called once the rules are compiled, with every (normalised) word the rules use:
        a word the rules do not use that is one of their -ing words without its g ("shakin",
        "seein", "killin") is read as that word, and so is a common typing slip of one of their
        words of five letters or more (see ``typos``), unless the slip is a real word."""
        real = _real_words() if real_words is None else real_words
        self.vocabulary = frozenset(vocabulary)
        known = self.real_words = real or frozenset()
        fix: dict[str, str] = {}
        ambiguous: set[str] = set()
        for word in sorted(vocabulary) if real is not None else ():
            if not word.isalpha():
                continue
            for slip in typos(word):
                if slip in vocabulary or slip in known or slip in self._words or len(slip) < 4:
                    continue
                if fix.get(slip, word) != word:
                    ambiguous.add(slip)
                fix[slip] = word
        for slip in ambiguous:
            del fix[slip]
        for word in vocabulary:
            if len(word) >= 5 and word.endswith("ing") and word.isalpha():
                short = _DOUBLES.sub(r"\1", word[:-1])
                if short not in vocabulary:
                    fix[short] = word
        self._fix = fix
        self._slips = real is not None
        self._index = None  # built when first needed (not kept in the start-up cache)
        if spellings is not None:
            self._spellings = dict(spellings)
        self._cache = {}
        self._repairs = {}
        self._last = self._last_repair = None

    def _build_index(self) -> dict[str, tuple[str, ...]]:
        """Every rule word of four letters or more under itself and each of its one-letter-
        shorter forms (a typed word found under the same key is one slip away from it), and the
        words a run-together word may be cut into."""
        index: dict[str, list[str]] = {}
        pieces: set[str] = set()
        for word in sorted(self.vocabulary):
            if not word.isalpha():
                continue
            if len(word) >= 2 or word in _ONE_LETTER:
                pieces.add(word)
            if len(word) >= SLIP_LENGTH:
                for key in {word, *_deletions(word)}:
                    index.setdefault(key, []).append(word)
        pieces.update(
            key for key in self._words if key.isalpha() and (len(key) >= 2 or key in _ONE_LETTER)
        )
        self._pieces = frozenset(pieces)
        self._index = {key: tuple(words) for key, words in index.items()}
        return self._index

    def __getstate__(self) -> dict:
        """Pickled (cache.py) without what is quicker to build again when first needed."""
        state = dict(self.__dict__)
        state.update(
            _index=None, _pieces=frozenset(), _cache={}, _repairs={}, _last=None, _last_repair=None
        )
        return state

    def repair(self, text: str) -> str:
        """The message for the learned layer: lowercased, with each word the rules would read
        back (a slip, words run together, a letter held down) written as the rules spell it
        ("i wnat to dieee" -> "i want to die"); everything else as typed."""
        if not self._slips:
            return text
        last = self._last_repair
        if last is not None and last[0] == text:
            return last[1]
        repaired = _PLAIN_WORD.sub(self._repair_word, text.lower())
        self._last_repair = (text, repaired)
        return repaired

    def _repair_word(self, match: re.Match[str]) -> str:
        typed = match.group()
        found = self._repairs.get(typed)
        if found is not None:
            return found
        spell = self._spellings
        short = _RUNS.sub(r"\1", typed)
        normal = _DOUBLES.sub(r"\1", short)
        found = typed
        if normal not in self._words:
            read = self.reads_as(normal, short)
            if read != normal:
                found = " ".join(spell.get(piece, piece) for piece in read.split(" "))
            elif short != typed and normal in self.vocabulary:
                found = spell.get(normal, short)
        if len(self._repairs) >= _CACHE_SIZE:
            self._repairs.clear()
        self._repairs[typed] = found
        return found

    def reads_as(self, word: str, typed: str | None = None) -> str:
        """What an unknown word (normalised, letters only) is read as: a rule's -ing word
        without its g ("shakin"), or, when it is one slip away
        from a single rule word ("overdosd", "pilks" -> ...) or words the rules use typed
        without a space ("wantto" -> "want to"): the word itself otherwise. Real words
        (real_words.txt) are left alone; a slip near two rule words is too. ``typed``: the word
        before its doubled letters were written once (a join may fall between two: "narcannow")."""
        fixed = self._fix.get(word)
        if fixed is not None:
            return fixed
        if (
            len(word) < 3
            or word in self.vocabulary
            or word in self.real_words
            or word in self._words
            or not word.isalpha()
        ):
            return word
        index = self._index if self._index is not None else self._build_index()
        found = {
            candidate
            for key in (word, *_deletions(word))
            for candidate in index.get(key, ())
            if candidate != word
            and one_slip(word, candidate)
            and (len(word) > 4 or _near_keys(word, candidate))
        }
        joined = (
            None
            if len(found) > 1 or len(word) > _LONGEST_JOIN or _REPEATED.fullmatch(word)
            else self._split(typed or word)
        )
        if len(found) == 1:
            read = found.pop()
            if joined is not None and read == word[1:] and word[0] in _ONE_LETTER:
                return joined  # "itook": "i took", not "took"
            # an 's typed without its apostrophe: "tonights the night" -> "tonight is"
            return f"{read} is" if word == read + "s" else read
        return joined or word

    def _split(self, word: str) -> str | None:
        """The word as two or three rule words run together ("wantto", "iwantto"): the fewest
        pieces, then the longest ("itook" is "i took", not "it ok"); None when it is not. Each
        piece is read with its doubled letters written once."""
        if len(word) < 4:
            return None
        pieces = self._pieces
        # a word with no letter typed twice has no part with one to write once
        doubled = _DOUBLES.search(word) is not None
        best: tuple[int, int, int, str] | None = None
        for i in range(1, len(word)):
            head = _DOUBLES.sub(r"\1", word[:i]) if doubled else word[:i]
            if head not in pieces:
                continue
            rest = word[i:]
            whole = _DOUBLES.sub(r"\1", rest) if doubled else rest
            if whole in pieces:
                candidate: tuple[int, int, int, str] | None = (
                    2,
                    -max(len(head), len(whole)),
                    -min(len(head), len(whole)),
                    f"{head} {whole}",
                )
            else:
                candidate = None
                for j in range(1, len(rest)):
                    middle = _DOUBLES.sub(r"\1", rest[:j]) if doubled else rest[:j]
                    if middle not in pieces:
                        continue
                    last = _DOUBLES.sub(r"\1", rest[j:]) if doubled else rest[j:]
                    if last in pieces:
                        sizes = (len(head), len(middle), len(last))
                        option = (3, -max(sizes), -min(sizes), f"{head} {middle} {last}")
                        candidate = option if candidate is None or option < candidate else candidate
            if candidate is not None and (best is None or candidate < best):
                best = candidate
        if best is None:
            return None
        words = self._words
        return " ".join(words.get(piece, piece) for piece in best[3].split(" "))

    def normalise(self, text: str) -> Normalised:
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        found = self._normalise(text)
        self._last = (text, found)
        return found

    def _normalise(self, text: str) -> Normalised:
        if not text.isascii():
            text = text.translate(self._chars)
            text = unicodedata.normalize("NFKD", text)
            text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
        else:
            text = text.lower()
        if "!" in text or "|" in text:
            text = _BANG.sub("i", text)
        cache = self._cache
        out: list[str] = []
        boundaries: list[int] = []
        for token in _TOKEN.findall(text):
            found = cache.get(token)
            if found is None:
                first = token[0]
                if not ("a" <= first <= "z" or "0" <= first <= "9" or first in "@$"):
                    found = _BOUNDARY
                else:
                    found = self._token(token)
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                cache[token] = found
            if found is _BOUNDARY:
                if out and (not boundaries or boundaries[-1] != len(out)):
                    boundaries.append(len(out))
            else:
                out.extend(found)
        return Normalised(" ".join(out), tuple(boundaries))

    def _token(self, word: str) -> tuple[str, ...]:
        """The normalised words of one word of a message (steps 4 and 6 to 9), remembered."""
        words = self._words
        word = _RUNS.sub(r"\1", word)
        if word.isalnum() and (word.isalpha() or word.isdigit()):
            word = words.get(word, word)
        else:
            found = words.get(word)
            if found is None and word.endswith("'s") and word[:-2].isalpha() and len(word) > 3:
                # "my friend's dying" -> "my friend is dying" ("it's" etc. are in the list)
                found = words.get(word[:-2] + "s") or word[:-2] + " is"
            if found is None:
                plain = word.replace("'", "")
                if (
                    plain
                    and not plain.isdigit()
                    and (plain[0].isalpha() or plain[0] in "@$")
                    and not _LEET_CHARS.isdisjoint(plain)
                ):
                    plain = plain.translate(LEET)
                plain = plain.replace("@", "").replace("$", "")
                if not plain:
                    return ()
                found = words.get(plain, plain)
            word = found
        fix = self._fix
        # a multi-word replacement ("i am") counts as several words
        result: list[str] = []
        for raw in word.split(" "):
            part = _DOUBLES.sub(r"\1", raw)
            fixed = self.reads_as(part, raw) if self._slips else fix.get(part, part)
            if fixed != part and " " in fixed:
                result.extend(_DOUBLES.sub(r"\1", piece) for piece in fixed.split(" "))
                continue
            result.append(fixed)
        return tuple(result)

    @staticmethod
    def stem(text: str) -> str:
        """A word stem as written in a pattern: folded, without the word list."""
        return _DOUBLES.sub(r"\1", basic_fold(text).replace("'", ""))

    def normalise_words(self, text: str) -> str:
        """Normalise a fragment of a pattern (no boundaries kept)."""
        return self.normalise(text).text
