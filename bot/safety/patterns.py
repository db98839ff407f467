"""The staff pattern language, compiled to regular expressions over normalised text.

    kill myself            words, in this order (punctuation and case do not matter)
    (kill|end) myself      one of several choices; a choice may be several words
    [really] want to die   optional words; [a|b] is an optional choice
    suicid*                * inside or at the end of a word: any letters ("suicide", "suicidal")
    plan+                  + at the end of a word: the word and its regular forms (plans,
                           planned, planning, planner; die+: dies, died, dying)
    *                      alone: any one word
    want ... die           ...: up to four words of anything in between
    took # pills           #: any number; ##: a number of 10 or more
    {someone}              a named list from the `lists:` section

Normalised text is lowercase words separated by single spaces, so a pattern compiles to a
regex in which a space is exactly one space and a word never matches part of another word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NoReturn

GAP_WORDS = 4
WORD = "[a-z0-9]"


class PatternError(Exception):
    """A mistake in a pattern: what is wrong, where (0-based offset) and how to fix it."""

    def __init__(self, message: str, offset: int, hint: str):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
        self.in_list: tuple[str, int] | None = None  # (list name, entry index) if found there


# -- syntax tree ------------------------------------------------------------------------------
@dataclass
class Word:
    text: str  # as written (lowercase), '*' for wildcards
    offset: int


@dataclass
class Choice:
    options: list[list[Item]]  # each option is a sequence of items
    optional: bool
    offset: int


@dataclass
class ListRef:
    name: str
    offset: int


@dataclass
class Gap:
    offset: int


@dataclass
class Number:
    big: bool
    offset: int


Item = Word | Choice | ListRef | Gap | Number  # one element of a parsed pattern


_ALLOWED = re.compile(r"[a-z0-9'*+\-]")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def fail(self, message: str, hint: str, offset: int | None = None) -> NoReturn:
        raise PatternError(message, self.i if offset is None else offset, hint)

    def parse(self) -> list[Item]:
        items = self.sequence(top=True)
        if self.i < len(self.text):
            char = self.text[self.i]
            if char in ")]":
                opener = "(" if char == ")" else "["
                self.fail(
                    f"'{char}' closes nothing", f"add the matching '{opener}' or remove '{char}'"
                )
            self.fail(f"'{char}' is not expected here", "check the brackets")
        return items

    def skip_spaces(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " -":
            self.i += 1

    def sequence(self, top: bool = False) -> list[Item]:
        items: list[Item] = []
        while True:
            self.skip_spaces()
            if self.i >= len(self.text):
                return items
            char = self.text[self.i]
            if char in "|)]":
                if top and char == "|":
                    self.fail(
                        "'|' outside brackets",
                        "put choices in brackets, like (kill|hurt) myself, or write two patterns",
                    )
                return items
            items.append(self.item())

    def item(self) -> Item:
        start = self.i
        char = self.text[self.i]
        if char in "([":
            closer = ")" if char == "(" else "]"
            self.i += 1
            options = [self.sequence()]
            while self.i < len(self.text) and self.text[self.i] == "|":
                self.i += 1
                options.append(self.sequence())
            if self.i >= len(self.text) or self.text[self.i] != closer:
                self.fail(f"'{char}' is never closed", f"add '{closer}' after the choices", start)
            self.i += 1
            for option in options:
                if not option:
                    if char == "(":
                        self.fail(
                            "an empty choice inside ( )",
                            "remove the extra '|', or use [ ] to make words optional",
                            start,
                        )
                    self.fail("an empty choice inside [ ]", "remove the extra '|'", start)
            return Choice(options, optional=(char == "["), offset=start)
        if char == "{":
            end = self.text.find("}", self.i)
            if end < 0:
                self.fail("'{' is never closed", "write a list name like {someone}", start)
            name = self.text[self.i + 1 : end].strip()
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                self.fail(
                    f"'{{{name}}}' is not a list name",
                    "list names are lowercase words like {someone}",
                    start,
                )
            self.i = end + 1
            return ListRef(name, start)
        if self.text.startswith("...", self.i):
            self.i += 3
            return Gap(start)
        if char == "#":
            big = self.text.startswith("##", self.i)
            self.i += 2 if big else 1
            if self.i < len(self.text) and self.text[self.i] not in " )]|":
                self.fail("'#' must stand alone as a word", "write '# pills', not '#pills'", start)
            return Number(big, start)
        if char in "}":
            self.fail("'}' closes nothing", "write a list name like {someone}")
        while self.i < len(self.text) and self.text[self.i] not in " -|()[]{}#":
            if self.text.startswith("...", self.i):
                break
            if not _ALLOWED.match(self.text[self.i]):
                bad = self.text[self.i]
                hint = (
                    "punctuation is ignored in messages; leave it out"
                    if bad in '.,!?;:"'
                    else "use letters, digits, ' and the pattern signs ( ) [ ] | * ... # { }"
                )
                self.fail(f"'{bad}' cannot be used in a pattern", hint)
            self.i += 1
        return Word(self.text[start : self.i], start)


def parse(text: str) -> list[Item]:
    return _Parser(text).parse()


_LITERAL = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def alternation(options: list[str]) -> str:
    """``(?:a|b|c)`` for the regexes of a choice or a list. Options that are plain words are
    merged into a tree of shared beginnings ("my friend", "my mum" -> "my (?:friend|mum)"), so
    that a long list costs a few comparisons at each place in a message instead of one per
    entry; the same texts match."""
    literal = [o for o in dict.fromkeys(options) if _LITERAL.fullmatch(o)]
    other = [o for o in dict.fromkeys(options) if not _LITERAL.fullmatch(o)]
    if len(literal) < 3:
        return "(?:" + "|".join(list(dict.fromkeys(options))) + ")"
    tree: dict = {}
    for text in literal:
        node = tree
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}
    parts = [_tree_regex(tree)] + other
    return "(?:" + "|".join(parts) + ")"


def _tree_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        branches.append(re.escape(char) + _tree_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # the longer words are tried first, as a greedy optional part
        return f"(?:{body})?"
    return body


def _stem_without_e(stem: str) -> str:
    """'unalive' -> 'unaliv' (so that unalive* matches unaliving); short stems stay."""
    return stem[:-1] if len(stem) >= 5 and stem.endswith("e") and stem[-2] not in "aeiou" else stem


# -- compiling --------------------------------------------------------------------------------
# Chat spellings that are digits: left as they are in the text, so that "took 2 boxes" keeps
# its number, but a pattern's "to" also matches "2" ("want 2 die").
DIGIT_WORDS = {"to": "2", "for": "4"}


def _letters(word: str) -> str:
    """Regex for one normalised word (doubled letters are already written once)."""
    digit = DIGIT_WORDS.get(word)
    return f"(?:{re.escape(word)}|{digit})" if digit else re.escape(word)


@dataclass
class Compiler:
    """Compiles parsed patterns. ``normalise`` turns a written word into normalised words;
    ``lists`` gives the parsed items of a named list."""

    normalise: Callable[[str], str]
    lists: dict[str, list[list[Item]]] = field(default_factory=dict)
    stem: Callable[[str], str] | None = None  # for the letters around a * (no word list)
    vocabulary: set[str] = field(default_factory=set)  # every whole word the patterns use
    stems: set[str] = field(default_factory=set)  # every word beginning written with *
    # a normalised word -> as the rules spell it ("kil" -> "kill"), for the learned layer
    spellings: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, str] = field(default_factory=dict)
    _busy: set[str] = field(default_factory=set)
    # a named list -> its anchors (see anchors()), worked out once per list
    _list_anchors: dict[str, Anchors | None] = field(default_factory=dict)

    def compile(self, items: list[Item]) -> str:
        body, can_be_empty = self.sequence(items)
        if can_be_empty:
            raise PatternError(
                "this pattern can match nothing at all",
                0,
                "a pattern needs at least one word that is not optional",
            )
        return rf"\b{body}\b"

    def sequence(self, items: list[Item]) -> tuple[str, bool]:
        """Regex of a sequence and whether it can match no words at all."""
        parts: list[str] = []
        need_space = False
        empty = True
        for index, item in enumerate(items):
            if isinstance(item, Gap):
                if index == 0 or index == len(items) - 1:
                    raise PatternError(
                        "'...' at the start or end does nothing",
                        item.offset,
                        "put '...' between two words, like: want ... die",
                    )
                if need_space:
                    parts.append(f"(?: {WORD}+){{0,{GAP_WORDS}}}")
                else:
                    parts.append(f"(?:{WORD}+ ){{0,{GAP_WORDS}}}")
                continue
            regex, optional = self.item(item)
            if optional:
                parts.append(f"(?: {regex})?" if need_space else f"(?:{regex} )?")
            else:
                parts.append(f" {regex}" if need_space else regex)
                need_space = True
                empty = False
        return "".join(parts), empty

    def item(self, item: Item) -> tuple[str, bool]:
        if isinstance(item, Word):
            return self.word(item), False
        if isinstance(item, Number):
            return ("[1-9][0-9]+" if item.big else "[0-9]+"), False
        if isinstance(item, ListRef):
            return self.list_ref(item), False
        if isinstance(item, Choice):
            options = []
            for option in item.options:
                regex, empty = self.sequence(option)
                if empty:
                    raise PatternError(
                        "a choice made only of optional words",
                        item.offset,
                        "give every choice at least one required word",
                    )
                options.append(regex)
            return alternation(options), item.optional
        raise AssertionError(item)

    def word(self, item: Word) -> str:
        text = item.text
        if text.endswith("+") and len(text) > 1:
            return self.inflected(item)
        if "+" in text:
            raise PatternError(
                f"'{text}': + goes at the end of a word",
                item.offset,
                "like plan+ (plan, plans, planned, planning)",
            )
        if "*" not in text:
            normal = self.normalise(text)
            if not normal:
                raise PatternError(
                    f"'{text}' has no letters or digits", item.offset, "remove it or write a word"
                )
            self.vocabulary.update(normal.split(" "))
            if " " not in normal and text.isalpha():
                self.spellings.setdefault(normal, text.lower())
            return " ".join(_letters(w) for w in normal.split(" "))
        if text == "*":
            return f"{WORD}+"
        pieces = []
        split = text.split("*")
        for index, piece in enumerate(split):
            if piece:
                normal = (self.stem or self.normalise)(piece)
                if not re.fullmatch(r"[a-z0-9]+", normal):
                    raise PatternError(
                        f"'{text}': a word with * must be made of letters and digits",
                        item.offset,
                        "write the start of the word, like suicid*",
                    )
                if index == 0:
                    self.stems.add(_stem_without_e(normal))
                regex = _letters(normal)
                if index < len(split) - 1 and _stem_without_e(normal) != normal:
                    # "unalive*" also matches "unaliving": an e before * may be dropped
                    regex = f"{re.escape(normal[:-1])}(?:e|(?=[aeiouy]))"
                pieces.append(regex)
            else:
                pieces.append("")
        return f"{WORD}*".join(pieces)

    def inflected(self, item: Word) -> str:
        """plan+ : the word and its regular forms, spelled as messages are normalised."""
        base = item.text[:-1]
        if not re.fullmatch(r"[a-z]{2,}", base):
            raise PatternError(
                f"'{item.text}': + follows a word of letters only",
                item.offset,
                "like plan+ or end+",
            )
        raw = inflections(base)
        forms = [self.normalise(form) for form in raw]
        self.vocabulary.update(forms)
        for form, normal in zip(raw, forms, strict=True):
            if " " not in normal and form.isalpha():
                self.spellings.setdefault(normal, form)
        return alternation(sorted(set(forms)))

    def list_ref(self, item: ListRef) -> str:
        name = item.name
        if name in self._cache:
            return self._cache[name]
        if name not in self.lists:
            known = ", ".join(f"{{{n}}}" for n in sorted(self.lists)) or "none"
            raise PatternError(
                f"there is no list called {{{name}}}",
                item.offset,
                f"lists defined in this file: {known}",
            )
        if name in self._busy:
            raise PatternError(
                f"list {{{name}}} uses itself",
                item.offset,
                "a list cannot contain itself, even through another list",
            )
        self._busy.add(name)
        try:
            options = []
            for index, entry in enumerate(self.lists[name]):
                try:
                    regex, empty = self.sequence(entry)
                    if empty:
                        raise PatternError(
                            "this entry is all optional",
                            0,
                            "give every entry at least one required word",
                        )
                except PatternError as err:
                    if err.in_list is None:
                        err.in_list = (name, index)
                    raise
                options.append(regex)
        finally:
            self._busy.discard(name)
        regex = alternation(options)
        self._cache[name] = regex
        return regex


def inflections(word: str) -> list[str]:
    """The regular forms of an English word: plan -> plans, planned, planning, planner."""
    if word.endswith("e"):
        forms = {word, word + "s", word + "d", word + "r", word + "rs", word[:-1] + "ing"}
    else:
        forms = {word, word + "s", word + "ed", word + "ing", word + "er", word + "ers"}
        if word.endswith(("s", "sh", "ch", "x", "z")):
            forms.add(word + "es")
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")
    if len(word) > 2 and word[-1] == "y" and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if (
        len(word) >= 3
        and word[-1] not in "aeiouwxy"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):  # plan -> planned (written once when normalised)
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing", word + word[-1] + "er"}
    return sorted(forms)


# -- anchors: words one of which must be present for a pattern to match ----------------------
# Very common words make poor anchors: a pattern anchored on "me" would run on most messages.
COMMON = frozenset(
    """
i me my you your he she they we it is am are was were be ben to the a an and or of in on at for
with not do does did have has had wil would can could so just that this what him her them us al
up out no if but get got like now go going want know one said his their there then
""".split()
)


@dataclass(frozen=True)
class Anchors:
    """Whole words and word beginnings; a match needs at least one of them in the text."""

    words: frozenset[str]
    prefixes: frozenset[str]

    @property
    def cost(self) -> int:
        return sum(50 if w in COMMON else 1 for w in self.words) + 2 * len(self.prefixes)

    def __or__(self, other: Anchors) -> Anchors:
        return Anchors(self.words | other.words, self.prefixes | other.prefixes)


def _anchors_of_sequence(compiler: Compiler, items: list[Item]) -> Anchors | None:
    best: Anchors | None = None
    for item in items:
        found = _anchors_of_item(compiler, item)
        if found is not None and (best is None or found.cost < best.cost):
            best = found
    return best


def _anchors_of_item(compiler: Compiler, item: Item) -> Anchors | None:
    if isinstance(item, Word):
        text = item.text
        if text.endswith("+") and len(text) > 1:
            forms = {compiler.normalise(form) for form in inflections(text[:-1])}
            return Anchors(frozenset(forms), frozenset())
        if "*" not in text:
            words = compiler.normalise(text).split(" ")
            rare = [w for w in words if w not in COMMON] or words
            word = min(rare, key=len) if len(rare) > 1 else rare[0]
            found = {word, DIGIT_WORDS[word]} if word in DIGIT_WORDS else {word}
            return Anchors(frozenset(found), frozenset())
        first = text.split("*", 1)[0]
        if not first:
            return None
        stem = (compiler.stem or compiler.normalise)(first)
        return Anchors(frozenset(), frozenset([_stem_without_e(stem)]))
    if isinstance(item, Choice):
        if item.optional:
            return None
        return _union(_anchors_of_sequence(compiler, option) for option in item.options)
    if isinstance(item, ListRef):
        kept = compiler._list_anchors
        if item.name not in kept:
            entries = compiler.lists[item.name]
            kept[item.name] = _union(_anchors_of_sequence(compiler, entry) for entry in entries)
        return kept[item.name]
    return None  # Gap, Number


def _union(found: Iterable[Anchors | None]) -> Anchors | None:
    total = Anchors(frozenset(), frozenset())
    for anchors in found:
        if anchors is None:
            return None
        total = total | anchors
    return total


def anchors(compiler: Compiler, items: list[Item]) -> Anchors | None:
    """The cheapest set of anchors for a parsed pattern, or None if it has none."""
    return _anchors_of_sequence(compiler, items)


def required_words(compiler: Compiler, items: list[Item]) -> list[frozenset[str]]:
    """For each required item of a pattern that is made of whole words only: the words of
    which at least one must be in a message for the pattern to match. Used to skip a pattern
    cheaply when one of its parts is missing from the message."""
    found = []
    for item in items:
        if isinstance(item, Choice) and item.optional:
            continue
        item_anchors = _anchors_of_item(compiler, item)
        if item_anchors is not None and not item_anchors.prefixes and item_anchors.words:
            found.append(item_anchors.words)
    return found
