"""Loading and compiling the safety rules file (dialogs/safety/rules.yaml).

Every problem is reported at once, each with a code, the file, line and column, and a hint.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import permutations
from pathlib import Path
from typing import Any, TypeVar

from bot.engine.problems import ContentError, Problem, hint_for
from bot.engine.yamlfile import LocatedDict, LocatedList, YamlProblem, parse_yaml

from .normalize import _INVISIBLE, Normalised, Normaliser, basic_fold
from .patterns import (
    WORD,
    Anchors,
    Compiler,
    Item,
    ListRef,
    PatternError,
    anchors,
    parse,
    required_words,
)

CATEGORIES = ("suicide_selfharm", "overdose_medical", "violence_abuse", "severe_withdrawal")

TOP_KEYS = ("emoji", "words", "lists", "negation", "harmless", "frames", "hints", "categories")
FRAME_KEYS = (
    "soften",
    "unless",
    "asked",
    "lingers",
    "settled",
    "now",
    "everyday",
    "ahead",
    "ahead_when",
    "ahead_doing",
    "present",
)
# the categories whose matches one's own plan ahead (`frames: ahead:`) keeps out of a frame told
# in another clause: a plan to die or to hurt oneself ("eleven months sober. going to drive into
# the river"); "i'm gonna kill him" beside a quote or a game keeps its frame
AHEAD_CATEGORIES = frozenset({"suicide_selfharm"})
RULE_KEYS = (
    "id",
    "description",
    "patterns",
    "near",
    "window",
    "with",
    "examples",
    "weak",
    "first",
    "risk",
    "ask",
)
NEAR_WINDOW = 8  # words between the parts of a `near:` rule, in any order
NEGATION_KEYS = ("cues", "fillers", "doubt", "scope_ends", "window")

_KEY_WORD = re.compile(r"[a-z0-9@$]+(?:'[a-z0-9@$]+)*")
_NORMAL_WORDS = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_RULE_ID = re.compile(r"[a-z][a-z0-9_]*")
PREFIX_KEY = 3
# `frames: asked:` the words that may come before the question in its clause ("right, have you
# ever ...") and the words that make a clause about oneself, never only a question to another
ASK_FILLERS = "right|so|and|ok|okay|well|hmm|mm|just|but|also|then|yeah|sorry|can i ask"
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine", "we", "us", "our", "ourselves"})
# A time of `frames: now:` told after a match starts a statement of its own when a word of these
# follows it ("i overdosed years ago today i got my chip"), or when two words or more lie
# between ("...and today would have been his birthday"): typed without the full stop, it says
# when the rest happens, not the match (docs/safety.md, section 3, `now:`).
NOW_OPENS = re.compile(
    r"(?:i|he|she|we|they|it|you|my|his|her|our|their|the|this|that|there|is|was) "
)
NOW_APART = 3  # spaces from the match to the time word: two words between


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    description: str
    patterns: tuple[str, ...]
    line: int = 0
    weak: bool = False  # decides the category only when no other rule matched
    context: tuple[str, ...] = ()  # `with:` patterns; one must also be in the message
    first: bool = False  # decides the category even over categories listed before its own
    risk: bool = False  # a danger ahead (using alone, a mix), not an emergency now: the reply
    # leads with staying safe (messages.yaml acknowledge_risk)
    ask: bool = False  # wording that is a crisis or everyday talk ("i'm on the bridge"): alone,
    # the bot asks "Are you safe right now?" first, never silenced by a frame or the model


@dataclass(frozen=True)
class Negation:
    cues: tuple[tuple[str, ...], ...]
    fillers: frozenset[str]
    scope_ends: frozenset[str]
    window: int
    doubt: frozenset[str] = frozenset()

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Every word of every cue: words with none of them hold no cue."""
        return frozenset(word for cue in self.cues for word in cue)

    def before(self, norm: Normalised, start: int) -> bool:
        """True if the words just before ``start`` (same clause) negate what follows."""
        words = norm.words_before(start)[-self.window :]
        if self.cue_words.isdisjoint(words):
            return False
        i = len(words)
        while i > 0:
            for cue in self.cues:
                if tuple(words[max(0, i - len(cue)) : i]) == cue:
                    before = words[max(0, i - len(cue) - 3) : i - len(cue)]
                    return self.doubt.isdisjoint(before)
            word = words[i - 1]
            if word in self.scope_ends or word not in self.fillers:
                return False
            i -= 1
        return False

    def inside(self, matched: str) -> str | None:
        """The matched words with every negation cue taken out, or None if there is none."""
        words = matched.split(" ")
        if self.cue_words.isdisjoint(words):
            return None
        kept: list[str] = []
        found = False
        i = 0
        while i < len(words):
            for cue in self.cues:
                if tuple(words[i : i + len(cue)]) == cue:
                    i += len(cue)
                    found = True
                    break
            else:
                kept.append(words[i])
                i += 1
        return " ".join(kept) if found else None


# a compiled pattern, its anchor words and the word groups it needs (see Rules.candidates)
Compiled = tuple[re.Pattern, Anchors | None, list[frozenset[str]]]
Branch = tuple["Rule", re.Pattern, Anchors | None, list[frozenset[str]]]


@lru_cache(maxsize=1 << 14)  # room for the patterns of several versions of the rules
def compiled_regex(pattern: str) -> re.Pattern:
    """re.compile, kept for the process: re's own cache holds 512 patterns, a fraction of the
    rules', so every reload of the rules (and every fresh check) compiled them all again."""
    return re.compile(pattern)


class LazyPattern:
    """A regex compiled when first used. Rules read back from the start-up cache (cache.py) hold
    these, so that starting the bot compiles none of the thousand patterns; a message compiles
    only those its words point to (see Rules.candidates)."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled: re.Pattern | None = None

    def _regex(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = compiled_regex(self.pattern)
        return self._compiled

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return self._regex().finditer(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._regex().fullmatch(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self._regex().match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self._regex().search(text)

    def sub(self, repl: str, text: str) -> str:
        return self._regex().sub(repl, text)

    def __getstate__(self) -> str:
        return self.pattern

    def __setstate__(self, pattern: str) -> None:
        self.pattern, self._compiled = pattern, None


_T = TypeVar("_T")


def _lazy(regex: re.Pattern | _T) -> LazyPattern | _T:
    return LazyPattern(regex.pattern) if isinstance(regex, re.Pattern) else regex


class Rules:
    """The compiled rules.

    Each pattern is its own regex. Scanning every pattern over every message would be slow, so
    each pattern also has anchors: words (or word beginnings) of which at least one must be in
    the message for the pattern to match. A message runs only the patterns whose anchors it
    contains; most everyday messages run none or a handful.
    """

    def __init__(
        self,
        normaliser: Normaliser,
        rules: list[Rule],
        branches: list[tuple[Rule, re.Pattern, Anchors | None, list[frozenset[str]]]],
        priority: tuple[str, ...],
        negation: Negation,
        harmless: Sequence[str | tuple[str, list[frozenset[str]]]] | None = None,
        contexts: dict[str, str] | None = None,
        frames: tuple[str | None, ...] = (None,) * len(FRAME_KEYS),
        hints: dict[str, str] | None = None,
    ):
        self.normaliser = normaliser
        # `hints:` category -> one regex: words that say which kind of crisis the learned layer
        # found when no rule fired ("use alone" is an overdose risk, whatever the model thinks)
        self._hints = {category: compiled_regex(regex) for category, regex in (hints or {}).items()}
        # `frames:` soften (the past, a story, a question) unless (it is happening now). Soften
        # is a long alternation of patterns, each starting with a word (never with a gap):
        # searched only where a word starts, it finds the same in about half the time
        soften, unless = frames[:2]
        self._soften = compiled_regex(rf"(?<!\w)(?=\w)(?:{soften})") if soften else None
        # unless and settled start with a word too: the same search in about 60 % of the time
        # (the same answer on every message of the sets and every seven-word slice of them)
        self._unless = compiled_regex(rf"(?<!\w)(?=\w)(?:{unless})") if unless else None
        # `frames: asked:` a question put to someone else about what happened ("have you ever
        # overdosed?"): it opens a clause, after any of ASK_FILLERS
        asked = frames[2] if len(frames) > 2 else None
        # `frames: lingers:` the past still weighing now ("i keep thinking about it"): a framed
        # match then always asks first, whatever the learned layer reads
        lingers = frames[3] if len(frames) > 3 else None
        self._lingers = compiled_regex(lingers) if lingers else None
        # `frames: settled:` saying one is all right now ("i am still here today and doing ok"):
        # a "now" word inside it never cancels a past frame ("unless")
        settled = frames[4] if len(frames) > 4 else None
        self._settled = compiled_regex(rf"(?<!\w)(?=\w)(?:{settled})") if settled else None
        # `frames: now:` a time that holds only in its own clause ("these days", "today"): the
        # past told in another clause of the sentence keeps its frame ("i overdosed at 17,
        # these days i just drink")
        now = frames[5] if len(frames) > 5 else None
        self._clause_now = compiled_regex(now) if now else None
        # `frames: everyday:` what marks talk as everyday beside crisis words (someone fine
        # now, care going to plan, a film): see everyday_talk()
        everyday = frames[6] if len(frames) > 6 else None
        self._everyday = compiled_regex(rf"(?<!\w)(?=\w)(?:{everyday})") if everyday else None
        # `frames: ahead:` one's own plan ahead that opens the clause of a match ("i am", "going
        # to"): the match is never framed, whatever another sentence says ("eleven months sober.
        # going to drive into the river")
        ahead = frames[7] if len(frames) > 7 else None
        self._ahead = compiled_regex(f"(?:(?:{ASK_FILLERS}) )*(?:{ahead})") if ahead else None
        # `frames: ahead_doing:` an opening ("i am") that is a plan ahead only into a verb of
        # doing with a time of `frames: ahead_when:` in its clause ("i am hanging myself this
        # weekend"); without one, as often a turn of phrase ("i am going mad")
        when = frames[8] if len(frames) > 8 else None
        self._ahead_when = compiled_regex(rf"(?<!\w)(?=\w)(?:{when})") if when else None
        doing = frames[9] if len(frames) > 9 else None
        self._ahead_doing = compiled_regex(f"(?:(?:{ASK_FILLERS}) )*(?:{doing})") if doing else None
        # `frames: present:` one's own words now opening a clause ("i want", "i just"): a match of
        # suicide or self-harm it leads into, framed only by another clause, is asked about and
        # never silenced ("saw a documentary on suicide. i want to die")
        present = frames[10] if len(frames) > 10 else None
        self._present = compiled_regex(f"(?:(?:{ASK_FILLERS}) )*(?:{present})") if present else None
        self._asked = (
            compiled_regex(f"(?:(?:{ASK_FILLERS}) )*(?:{asked})(?: |$)") if asked else None
        )
        # harmless phrases, each with the word groups it needs (see candidates())
        self._harmless = [
            (compiled_regex(h), ()) if isinstance(h, str) else (compiled_regex(h[0]), tuple(h[1]))
            for h in (harmless or [])
        ]
        self.harmless = (
            compiled_regex("|".join(r.pattern for r, _ in self._harmless)) if harmless else None
        )
        # each harmless phrase filed under the words of its smallest group of needs: a message
        # tries only the phrases filed under one of its words (see _safe_spans)
        self._harmless_by_word: dict[str, list[int]] = {}
        self._harmless_always: list[int] = []
        for index, (_, needs) in enumerate(self._harmless):
            if not needs:
                self._harmless_always.append(index)
            for word in min(needs, key=len, default=()):
                self._harmless_by_word.setdefault(word, []).append(index)
        self.rules = tuple(rules)
        self.first = frozenset(rule.id for rule in rules if rule.first)
        self.risk = frozenset(rule.id for rule in rules if rule.risk)
        self.ask = frozenset(rule.id for rule in rules if rule.ask)
        self.priority = {category: rank for rank, category in enumerate(priority)}
        self.negation = negation
        # rule id -> compiled `with:` patterns (one of them must also be in the message)
        self._contexts = {
            rule_id: compiled_regex(regex) for rule_id, regex in (contexts or {}).items()
        }
        self._branches: list[tuple[str, str, re.Pattern, bool]] = []
        self._by_word: dict[str, list[int]] = {}
        by_prefix: dict[str, list[int]] = {}
        self._always: list[int] = []
        # per pattern: groups of words, one word of each group must be in the message
        self._requires: list[tuple[frozenset[str], ...]] = []
        for index, (rule, regex, found, required) in enumerate(branches):
            self._branches.append((rule.category, rule.id, regex, rule.weak))
            self._requires.append(tuple(sorted(required, key=len)))
            if found is None:
                self._always.append(index)
                continue
            for word in found.words:
                self._by_word.setdefault(word, []).append(index)
            for prefix in sorted(found.prefixes):  # the same tables in every process
                by_prefix.setdefault(prefix, []).append(index)
        # Word beginnings, filed under their first letters (up to PREFIX_KEY of them).
        self._by_start: dict[str, list[tuple[str, list[int]]]] = {}
        for prefix, hits in by_prefix.items():
            self._by_start.setdefault(prefix[:PREFIX_KEY], []).append((prefix, hits))
        self._start_lengths = sorted({len(key) for key in self._by_start})
        self._word_hits: dict[str, frozenset[int]] = {}  # remembered per word
        # clause -> a word of "now" in it (framed_at), for the message being read (matches()
        # empties it): several matches of a message share their clause, and each search of the
        # long `unless:` alternation costs about 100 us
        self._clause_is_now: dict[str, bool] = {}

    def __getstate__(self) -> dict:
        """Pickled with every regex as its source, compiled again only when used (cache.py)."""
        state = dict(self.__dict__)
        state["_harmless"] = [(_lazy(regex), needs) for regex, needs in self._harmless]
        state["harmless"] = _lazy(self.harmless)
        state["_contexts"] = {rule_id: _lazy(regex) for rule_id, regex in self._contexts.items()}
        state["_branches"] = [
            (category, rule_id, _lazy(regex), weak)
            for category, rule_id, regex, weak in self._branches
        ]
        state["_word_hits"] = {}
        state["_clause_is_now"] = {}
        state["_soften"], state["_unless"] = _lazy(self._soften), _lazy(self._unless)
        state["_asked"] = _lazy(self._asked)
        state["_lingers"] = _lazy(self._lingers)
        state["_settled"] = _lazy(self._settled)
        state["_clause_now"] = _lazy(self._clause_now)
        state["_everyday"] = _lazy(self._everyday)
        state["_ahead"] = _lazy(self._ahead)
        state["_ahead_when"] = _lazy(self._ahead_when)
        state["_ahead_doing"] = _lazy(self._ahead_doing)
        state["_present"] = _lazy(self._present)
        state["_hints"] = {category: _lazy(regex) for category, regex in self._hints.items()}
        return state

    def hinted(self, norm: Normalised) -> tuple[str, ...]:
        """The categories whose `hints:` are in the message, in the rules file's order."""
        return tuple(category for category, regex in self._hints.items() if regex.search(norm.text))

    def framed(self, norm: Normalised) -> bool:
        """True when the message sets what it says in the past, a story or film, or a question
        about a drug (rules.yaml `frames: soften:`), and nothing says it is happening now
        (`frames: unless:`): the bot then asks "Are you safe right now?" first."""
        if self._soften is None or not self._soften.search(norm.text):
            return False
        return not self._now(norm.text, self._clause_now)

    def framed_at(self, norm: Normalised, offset: int, end: int, ahead: bool = False) -> bool:
        """framed(), with the time words of `frames: now:` ("today", "these days") read only in
        the clauses of the match (characters ``offset`` to ``end``): "i overdosed at 17, these
        days i just drink" keeps its past, and "i'm still here today" (`settled:`) never
        cancels it. With ``ahead`` (a category of AHEAD_CATEGORIES), one's own plan ahead
        opening the match's clause (`frames: ahead:`) keeps it out of a frame told in another
        clause. Only for a message of which framed_anywhere() is True (matches() reads that
        once a message)."""
        assert self._soften is not None
        words, start, stop = self._clause(norm, offset, end)
        low = len(" ".join(words[:start])) + (1 if start else 0)  # where the clause starts
        if ahead and self._plan_ahead(norm, offset, end, words, start, stop):
            # the frame is told in another clause
            if not self._frame_within(norm.text, low, len(" ".join(words[:stop]))):
                return False
        if self._clause_now is None:
            return True
        clause = self._up_to_a_later_time(" ".join(words[start:stop]), end - low)
        now = self._clause_is_now.get(clause)
        if now is None:
            now = self._clause_is_now[clause] = self._now(clause, self._clause_now)
        return not now

    def said_now(self, norm: Normalised, offset: int, end: int) -> bool:
        """True when an opening of `frames: present:` is all the match's clause says before it
        (it may run into the match: "i | want to die") and no frame is told in that clause:
        the frame is another clause's."""
        if self._present is None or self._soften is None:
            return False
        words, start, stop = self._clause(norm, offset, end)
        lead = " ".join(words[start : norm.text.count(" ", 0, offset)])
        opening = self._present.match(f"{lead} {norm.text[offset:end]}".lstrip())
        if opening is None or opening.end() < len(lead):
            return False
        low = len(" ".join(words[:start])) + (1 if start else 0)
        return not self._frame_within(norm.text, low, len(" ".join(words[:stop])))

    def _frame_within(self, text: str, low: int, high: int) -> bool:
        """A frame (`frames: soften:`) told between characters ``low`` and ``high``."""
        assert self._soften is not None
        return any(m.start() < high and m.end() > low for m in self._soften.finditer(text))

    def framed_anywhere(self, norm: Normalised) -> bool:
        """A frame somewhere in the message and no `frames: unless:` word in it: the half of
        framed_at() that holds for every match of the message."""
        return (
            self._soften is not None
            and self._soften.search(norm.text) is not None
            and not self._now(norm.text)
        )

    def _up_to_a_later_time(self, clause: str, after: int) -> str:
        """``clause`` cut before a time of `frames: now:` that starts a statement of its own
        after character ``after`` (see NOW_OPENS): clauses that would have had a full stop."""
        assert self._clause_now is not None
        for found in self._clause_now.finditer(clause, after):
            if clause.count(" ", after, found.start()) >= NOW_APART or NOW_OPENS.match(
                clause, found.end() + 1
            ):
                return clause[: found.start()]
        return clause

    def _clause(self, norm: Normalised, offset: int, end: int) -> tuple[list[str], int, int]:
        """The words of ``norm`` and the first and last word (exclusive) of the clauses holding
        characters ``offset`` to ``end``."""
        words = norm.text.split(" ")
        first = bisect_right(norm.boundaries, norm.text.count(" ", 0, offset))
        last = bisect_right(norm.boundaries, norm.text.count(" ", 0, max(offset, end - 1)))
        start = norm.boundaries[first - 1] if first else 0
        stop = norm.boundaries[last] if last < len(norm.boundaries) else len(words)
        return words, start, stop

    def _plan_ahead(
        self, norm: Normalised, offset: int, end: int, words: list[str], start: int, stop: int
    ) -> bool:
        """True when one's own plan ahead opens the clause and leads into the match at
        ``offset``, or opens the match itself: an opening of `frames: ahead:` ("going to drive
        into the river"), or one of `ahead_doing:` into a verb of doing with a time of
        `ahead_when:` in the clause ("i am hanging myself this weekend")."""
        at = norm.text.count(" ", 0, offset)
        lead = " ".join(words[start:at])
        matched = norm.text[offset:end]
        if _opening(self._ahead, lead, matched) is not None:
            return True
        said = _opening(self._ahead_doing, lead, matched)
        if said is None or self._ahead_when is None:
            return False
        verb = at + said  # the word the plan leads into
        return (
            verb < len(words)
            and words[verb].endswith("ing")
            and self._ahead_when.search(" ".join(words[verb:stop])) is not None
        )

    def _now(self, text: str, regex: re.Pattern | LazyPattern | None = None) -> bool:
        """A `frames: unless:` word (or one of ``regex``) outside every `settled:` phrase."""
        if self._settled is not None:
            text = self._settled.sub(" ", text)
        if regex is not None and regex.search(text):
            return True
        return self._unless is not None and self._unless.search(text) is not None

    def everyday_talk(self, norm: Normalised) -> bool:
        """True when the message holds a mark of everyday talk (`frames: everyday:`) and
        nothing says a crisis is happening now (`frames: unless:` and `now:`). Never enough
        alone: the screen silences a rule only when the learned layer also reads the message
        as ordinary talk (screen.py, EVERYDAY_BAR)."""
        if self._everyday is None or not self._everyday.search(norm.text):
            return False
        # no `settled:` phrase lifts a now-word here: a mark is weaker than a frame ("tonight as
        # a volunteer i nearly hung myself" is a crisis tonight)
        return not any(
            regex is not None and regex.search(norm.text)
            for regex in (self._unless, self._clause_now)
        )

    def lingers(self, text: str) -> bool:
        """True when the message says the past still weighs now (`frames: lingers:`)."""
        if self._lingers is None:
            return False
        return self._lingers.search(self.normaliser.normalise(text).text) is not None

    def asked(self, norm: Normalised, offset: int) -> bool:
        """True when the clause holding character ``offset`` is a question put to someone else
        about what happened (`frames: asked:`): "have you ever overdosed?", "did you call an
        ambulance for him?". Not when the clause speaks of oneself ("did you know he hits me")
        or the message says it is happening now (`frames: unless:`)."""
        if self._asked is None:
            return False
        words = norm.text.split(" ")
        index = norm.text.count(" ", 0, offset)
        i = bisect_right(norm.boundaries, index)
        start = norm.boundaries[i - 1] if i else 0
        end = norm.boundaries[i] if i < len(norm.boundaries) else len(words)
        clause = words[start:end]
        if FIRST_PERSON.intersection(clause) or not self._asked.match(" ".join(clause)):
            return False
        return not self._now(norm.text, self._clause_now)

    @property
    def pattern_count(self) -> int:
        return len(self._branches)

    def candidates(self, text: str) -> list[int]:
        """Indexes of the patterns whose anchors appear in normalised ``text``, less those
        with a required part none of whose words is in the text."""
        found = set(self._always)
        cache = self._word_hits
        words = set(text.split(" "))
        for word in words:
            hits = cache.get(word)
            if hits is None:
                hits = self._hits(word)
                if len(cache) >= 50_000:
                    cache.clear()
                cache[word] = hits
            if hits:
                found.update(hits)
        requires = self._requires
        kept = []
        for index in found:
            for group in requires[index]:
                if group.isdisjoint(words):
                    break
            else:
                kept.append(index)
        kept.sort()
        return kept

    def _safe_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the harmless phrases are in ``text`` (only those whose words are all there)."""
        words = set(text.split(" "))
        spans: list[tuple[int, int]] = []
        picked = set(self._harmless_always)
        filed = self._harmless_by_word
        for word in words:
            found = filed.get(word)
            if found is not None:
                picked.update(found)
        harmless = self._harmless
        for index in sorted(picked):
            regex, needs = harmless[index]
            for group in needs:
                if group.isdisjoint(words):
                    break
            else:
                spans.extend(m.span() for m in regex.finditer(text))
        return spans

    def _hits(self, word: str) -> frozenset[int]:
        """The patterns anchored on ``word`` (as a whole word or by its beginning)."""
        hits = set(self._by_word.get(word, ()))
        for length in self._start_lengths:
            for prefix, filed in self._by_start.get(word[:length], ()):
                if word.startswith(prefix):
                    hits.update(filed)
        return frozenset(hits)

    def matches(
        self, norm: Normalised, exhaustive: bool = False
    ) -> Iterator[tuple[str, str, bool, bool, bool, bool]]:
        """(category, rule id, negated, weak, soft, now) for each match in normalised text
        (soft: a question put to someone else, see asked(), or framed, see framed_at(); now:
        framed by another clause only while its own says it now, see said_now(): asked
        about, never silenced).
        ``exhaustive`` runs every pattern, skipping the anchor filter (for tests)."""
        negation = self.negation
        text = norm.text
        safe: list[tuple[int, int]] | None = None
        context_spans: dict[str, list[tuple[int, int]]] = {}
        # framed_anywhere(): read once per message; most messages have no frame and skip
        # framed_at()
        frame: bool | None = None
        self._clause_is_now.clear()
        indexes = range(len(self._branches)) if exhaustive else self.candidates(text)
        for index in indexes:
            category, rule_id, own, weak = self._branches[index]
            for match in own.finditer(text):
                if self.harmless is not None:
                    if safe is None:
                        safe = self._safe_spans(text)
                    start, end = match.span()
                    if any(s <= start and end <= e for s, e in safe):
                        continue
                context = self._contexts.get(rule_id)
                if context is not None:
                    # `with:` words must be elsewhere in the message: outside this match and
                    # not inside a harmless phrase
                    spans = context_spans.get(rule_id)
                    if spans is None:
                        if safe is None:
                            safe = self._safe_spans(text)
                        spans = [
                            m.span()
                            for m in context.finditer(text)
                            if not any(s <= m.start() and m.end() <= e for s, e in safe)
                        ]
                        context_spans[rule_id] = spans
                    start, end = match.span()
                    if not any(e <= start or s >= end for s, e in spans):
                        continue
                negated = negation.before(norm, match.start())
                if not negated:
                    # A cue inside the match ("he would never hit me") negates it when the
                    # pattern still matches without it; a cue the pattern needs ("can not
                    # breathe") does not.
                    without = negation.inside(match.group())
                    negated = without is not None and own.fullmatch(without) is not None
                at = match.start()
                if frame is None:
                    frame = self.framed_anywhere(norm)
                ahead = category in AHEAD_CATEGORIES
                asked = self.asked(norm, at)
                framed = bool(not asked and frame and self.framed_at(norm, at, match.end(), ahead))
                now = framed and ahead and self.said_now(norm, at, match.end())
                yield category, rule_id, negated, weak, asked or (framed and not now), now


# -- loading ----------------------------------------------------------------------------------
class _Collector:
    def __init__(self, path: str, source_lines: list[str]):
        self.path = path
        self.lines = source_lines
        self.problems: list[Problem] = []

    def add(
        self, code: str, message: str, pos: tuple[int, int] | None, hint: str | None = None
    ) -> None:
        line, col = pos if pos else (0, 0)
        self.problems.append(Problem(code, message, self.path, line, col, hint))

    def in_scalar(self, pos: tuple[int, int], offset: int) -> tuple[int, int]:
        """Position of character ``offset`` of the scalar that starts at ``pos``."""
        line, col = pos
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        quote = 1 if col - 1 < len(text) and text[col - 1] in "'\"" else 0
        return (line, col + quote + offset)


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    return hint_for(word, options)


def _check_keys(c: _Collector, data: LocatedDict, allowed: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in allowed:
            c.add(
                "BS101",
                f"unknown key '{key}' in {where}",
                data.where(key),
                _did_you_mean(str(key), allowed),
            )


def _string_list(c: _Collector, data: LocatedDict, key: str, what: str) -> LocatedList | None:
    value = data.get(key)
    if not isinstance(value, LocatedList):
        c.add(
            "BS102",
            f"'{key}' must be a list of {what}",
            data.where_value(key),
            "write one item a line, each starting with '- '",
        )
        return None
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            c.add(
                "BS102",
                f"item {index + 1} of '{key}' must be a non-empty text",
                value.where(index),
                "put the text in quotes if it starts with a sign",
            )
    return value


# The rules file is read with a larger limit than the flows' 1 MB (BS003): it grows by a few
# dozen rules each round and passed 1 MB in the forty-sixth round; its size costs start-up
# only once (bot/safety/cache.py keeps the compiled rules).
RULES_MAX_BYTES = 2_000_000


def build_rules(source: bytes | str, path: str) -> tuple[Rules | None, list[Problem]]:
    """Compile the rules file. Returns the rules (None when there are errors) and all problems."""
    try:
        data = parse_yaml(source, path, max_bytes=RULES_MAX_BYTES)
    except YamlProblem as err:
        return None, [err.problem]
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    c = _Collector(path, text.splitlines())
    if not isinstance(data, LocatedDict):
        c.add(
            "BS102",
            "the rules file must be a mapping with 'categories:' and the other sections",
            (1, 1),
            "start from the example at the top of dialogs/safety/rules.yaml",
        )
        return None, c.problems
    _check_keys(c, data, TOP_KEYS, "the rules file")

    # emoji: symbol -> words
    emoji: dict[str, str] = {}
    section = data.get("emoji", LocatedDict())
    if not isinstance(section, LocatedDict):
        c.add("BS102", "'emoji' must be a mapping of symbol: words", data.where_value("emoji"))
    else:
        invisible = {chr(cp) for cp in _INVISIBLE}
        for symbol, word in section.items():
            bare = "".join(ch for ch in str(symbol) if ch not in invisible)
            if len(bare) != 1:
                c.add(
                    "BS601",
                    f"emoji key '{symbol}' must be a single symbol",
                    section.where(symbol),
                    "write one emoji per line",
                )
            elif not isinstance(word, str) or not _NORMAL_WORDS.fullmatch(word):
                c.add(
                    "BS601",
                    f"emoji {symbol} must stand for lowercase words",
                    section.where_value(symbol),
                    'like: "💊": pills',
                )
            else:
                emoji[bare] = word

    # words: spelling / slang -> normal words
    words: dict[str, str] = {}
    section = data.get("words", LocatedDict())
    if not isinstance(section, LocatedDict):
        c.add("BS102", "'words' must be a mapping of word: normal form", data.where_value("words"))
    else:
        for key, value in section.items():
            folded = basic_fold(str(key))
            if not _KEY_WORD.fullmatch(folded):
                c.add(
                    "BS601",
                    f"'{key}' in words must be one word (letters, digits, ' inside)",
                    section.where(key),
                    "write multi-word phrases as patterns in a rule instead",
                )
            elif not isinstance(value, str) or not _NORMAL_WORDS.fullmatch(value):
                c.add(
                    "BS601",
                    f"'{key}' must be replaced by lowercase words without punctuation",
                    section.where_value(key),
                    "like: cant: can not",
                )
            else:
                words[folded] = value
    normaliser = Normaliser(emoji, words)

    # lists
    lists: dict[str, list[list]] = {}
    list_items: dict[str, LocatedList] = {}
    section = data.get("lists", LocatedDict())
    if not isinstance(section, LocatedDict):
        c.add(
            "BS102", "'lists' must be a mapping of name: list of words", data.where_value("lists")
        )
        section = LocatedDict()
    for name, entries in section.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            c.add(
                "BS601",
                f"list name '{name}' must be a lowercase word",
                section.where(name),
                "like: someone",
            )
            continue
        entries = _string_list(c, section, name, "words or phrases")
        if entries is None:
            continue
        parsed: list[list[Item]] = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                continue
            try:
                parsed.append(parse(basic_fold(entry)))
            except PatternError as err:
                c.add(
                    "BS601",
                    f"list {{{name}}}: {err.message}",
                    c.in_scalar(entries.where(index), err.offset),
                    err.hint,
                )
                parsed.append([])
        lists[name] = parsed
        list_items[name] = entries
    compiler = Compiler(normaliser.normalise_words, lists, stem=normaliser.stem)
    broken_lists: set[str] = set()
    for name in lists:
        try:
            compiler.list_ref(ListRef(name, 0))
        except PatternError as err:
            broken_lists.add(name)
            list_name, index = err.in_list or (name, 0)
            entries = list_items[list_name]
            if any(p.code == "BS601" and p.line == entries.where(index)[0] for p in c.problems):
                continue
            c.add(
                "BS601",
                f"list {{{list_name}}}: {err.message}",
                c.in_scalar(entries.where(index), err.offset),
                err.hint,
            )

    # negation
    negation = _negation(c, data, normaliser)

    # harmless phrases: a match that lies wholly inside one of them does not count
    harmless: list[tuple[str, list[frozenset[str]]]] = []
    if "harmless" in data:
        entries = _string_list(c, data, "harmless", "phrases") or LocatedList()
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                continue
            try:
                phrase = parse(basic_fold(entry))
                harmless.append((compiler.compile(phrase), required_words(compiler, phrase)))
            except PatternError as err:
                c.add(
                    "BS601",
                    f"harmless phrase {entry!r}: {err.message}",
                    c.in_scalar(entries.where(index), err.offset),
                    err.hint,
                )

    # the marks of everyday talk only ever quiet the screen: their words stay out of the
    # vocabulary typing slips are read back to ("hist" is "hits", not a mark's "heist")
    marks = Compiler(normaliser.normalise_words, lists, stem=normaliser.stem)
    frames = _frames(c, data, compiler, marks)
    hints = _hints(c, data, compiler)

    # categories and rules
    rules: list[Rule] = []
    branches: list[Branch] = []
    contexts: dict[str, str] = {}
    priority: list[str] = []
    seen_ids: dict[str, int] = {}
    categories = data.get("categories")
    if "categories" not in data:
        c.add(
            "BS103",
            "the rules file has no 'categories:'",
            (1, 1),
            "add 'categories:' with " + ", ".join(CATEGORIES),
        )
        categories = LocatedDict()
    elif not isinstance(categories, LocatedDict):
        c.add(
            "BS102",
            "'categories' must be a mapping of category: list of rules",
            data.where_value("categories"),
        )
        categories = LocatedDict()
    for category, rule_list in categories.items():
        if category not in CATEGORIES:
            c.add(
                "BS101",
                f"unknown category '{category}'",
                categories.where(category),
                _did_you_mean(str(category), CATEGORIES),
            )
            continue
        priority.append(category)
        if not isinstance(rule_list, LocatedList):
            c.add(
                "BS102",
                f"category '{category}' must be a list of rules",
                categories.where_value(category),
                "each rule starts with '- id: ...'",
            )
            continue
        for index, rule_data in enumerate(rule_list):
            rule = _rule(
                c,
                category,
                rule_list,
                index,
                rule_data,
                seen_ids,
                compiler,
                normaliser,
                branches,
                broken_lists,
                contexts,
            )
            if rule:
                rules.append(rule)
    if "categories" in data and isinstance(data.get("categories"), LocatedDict):
        for category in CATEGORIES:
            if category not in categories:
                c.add(
                    "BS103",
                    f"category '{category}' is missing",
                    data.where("categories"),
                    f"add '{category}:' with at least one rule",
                )
    if any(p.is_error for p in c.problems):
        return None, c.problems
    normaliser.learn(frozenset(compiler.vocabulary), spellings=compiler.spellings)
    return (
        Rules(
            normaliser,
            rules,
            branches,
            tuple(priority),
            negation,
            harmless,
            contexts,
            frames,
            hints,
        ),
        c.problems,
    )


def _hints(c: _Collector, data: LocatedDict, compiler: Compiler) -> dict[str, str]:
    """The `hints:` section: per category, one regex of the patterns that point to it."""
    section = data.get("hints")
    if section is None:
        return {}
    if not isinstance(section, LocatedDict):
        c.add(
            "BS102",
            "'hints' must be a mapping of category: list of patterns",
            data.where_value("hints"),
        )
        return {}
    out: dict[str, str] = {}
    for category in section:
        if category not in CATEGORIES:
            c.add(
                "BS101",
                f"unknown category '{category}' in hints",
                section.where(category),
                _did_you_mean(str(category), CATEGORIES),
            )
            continue
        entries = _string_list(c, section, category, "patterns") or LocatedList()
        compiled = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                continue
            try:
                compiled.append(compiler.compile(parse(basic_fold(entry))))
            except PatternError as err:
                c.add(
                    "BS601",
                    f"hints pattern {entry!r}: {err.message}",
                    c.in_scalar(entries.where(index), err.offset),
                    err.hint,
                )
        if compiled:
            out[category] = "|".join(f"(?:{regex})" for regex in compiled)
    return out


def _opening(regex: re.Pattern | LazyPattern | None, lead: str, matched: str) -> int | None:
    """How many words of ``matched`` an opening of ``regex`` takes: 0 when the opening is all
    the clause says before the match (``lead``), None when it opens neither."""
    if regex is None:
        return None
    if regex.fullmatch(lead):
        return 0
    if lead in ("", *ASK_FILLERS.split("|")):
        opening = regex.match(matched)
        if opening and matched[opening.end() : opening.end() + 1] == " ":
            return len(opening.group().split(" "))
    return None


def _frames(
    c: _Collector, data: LocatedDict, compiler: Compiler, marks: Compiler
) -> tuple[str | None, ...]:
    """The `frames:` section: one regex each for `soften:`, `unless:`, `asked:`, `lingers:`,
    `settled:`, `now:`, `everyday:`, `ahead:`, `ahead_when:`, `ahead_doing:` and `present:`
    (None if empty; `everyday:` compiled by ``marks``)."""
    section = data.get("frames")
    if section is None:
        return (None,) * len(FRAME_KEYS)
    if not isinstance(section, LocatedDict):
        c.add(
            "BS102",
            "'frames' must be a mapping with soften:, unless:, asked:, lingers:, settled:, now:, "
            "everyday:, ahead:, ahead_when:, ahead_doing: and present:",
            data.where_value("frames"),
        )
        return (None,) * len(FRAME_KEYS)
    _check_keys(c, section, FRAME_KEYS, "frames")
    out: list[str | None] = []
    for key in FRAME_KEYS:
        entries = (
            _string_list(c, section, key, "patterns") if key in section else None
        ) or LocatedList()
        compiled = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                continue
            try:
                by = marks if key == "everyday" else compiler
                compiled.append(by.compile(parse(basic_fold(entry))))
            except PatternError as err:
                c.add(
                    "BS601",
                    f"frames {key} pattern {entry!r}: {err.message}",
                    c.in_scalar(entries.where(index), err.offset),
                    err.hint,
                )
        out.append("|".join(f"(?:{regex})" for regex in compiled) or None)
    return tuple(out)


def _negation(c: _Collector, data: LocatedDict, normaliser: Normaliser) -> Negation:
    section = data.get("negation")
    empty = Negation((), frozenset(), frozenset(), 6, frozenset())
    if section is None:
        return empty
    if not isinstance(section, LocatedDict):
        c.add("BS102", "'negation' must be a mapping", data.where_value("negation"))
        return empty
    _check_keys(c, section, NEGATION_KEYS, "negation")
    found = {}
    for key in ("cues", "fillers", "doubt", "scope_ends"):
        items = section.get(key, [])
        if key in section:
            items = _string_list(c, section, key, "words") or []
        found[key] = [
            normaliser.normalise_words(basic_fold(i)) for i in items if isinstance(i, str)
        ]
    window = section.get("window", 6)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 20:
        c.add(
            "BS105",
            "'window' must be a whole number from 1 to 20",
            section.where_value("window"),
            "6 works well: how many words before a match are looked at",
        )
        window = 6
    return Negation(
        cues=tuple(tuple(cue.split()) for cue in found["cues"] if cue),
        fillers=frozenset(w for item in found["fillers"] for w in item.split()),
        scope_ends=frozenset(w for item in found["scope_ends"] for w in item.split()),
        window=window,
        doubt=frozenset(w for item in found["doubt"] for w in item.split()),
    )


def _compile_patterns(
    c: _Collector, patterns: LocatedList | None, compiler: Compiler, broken_lists: set[str]
) -> tuple[list[Compiled], bool]:
    """[(regex, anchors, required words)] for the patterns that compile, and whether any was
    broken."""
    own: list[Compiled] = []
    broken = False
    if patterns is None:
        return own, broken
    for p_index, pattern in enumerate(patterns):
        if not isinstance(pattern, str):
            continue
        try:
            parsed = parse(basic_fold(pattern))
            regex = compiler.compile(parsed)
        except PatternError as err:
            broken = True
            if err.in_list and err.in_list[0] in broken_lists:
                continue
            if err.in_list:
                c.add(
                    "BS601",
                    f"pattern uses list {{{err.in_list[0]}}}, which has a mistake: {err.message}",
                    c.in_scalar(patterns.where(p_index), 0),
                    err.hint,
                )
            else:
                c.add(
                    "BS601",
                    f"pattern {pattern!r}: {err.message}",
                    c.in_scalar(patterns.where(p_index), err.offset),
                    err.hint,
                )
            continue
        # Compiled once here: the examples below and the screen itself use the same object.
        own.append(
            (compiled_regex(regex), anchors(compiler, parsed), required_words(compiler, parsed))
        )
    return own, broken


def _compile_near(
    c: _Collector, rule_data: LocatedDict, compiler: Compiler, broken_lists: set[str]
) -> tuple[list[Compiled], bool]:
    """`near:` parts that must all be in the message, in any order, with at most `window:`
    words between neighbours: one regex per order of the parts."""
    parts = _string_list(c, rule_data, "near", "patterns")
    window = rule_data.get("window", NEAR_WINDOW)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 20:
        c.add(
            "BS105",
            "'window' must be a whole number from 0 to 20",
            rule_data.where_value("window"),
            "how many words may stand between the parts",
        )
        window = NEAR_WINDOW
    if parts is None:
        return [], True
    if not 2 <= len(parts) <= 4:
        c.add(
            "BS601",
            "'near:' takes 2 to 4 parts",
            rule_data.where_value("near"),
            "each part is a pattern; all of them must be in the message, in any order",
        )
        return [], True
    compiled, broken = _compile_patterns(c, parts, compiler, broken_lists)
    if broken or len(compiled) != len(parts):
        return [], True
    # as few words between the parts as will do: a greedy gap reached on to a later word of the
    # last part and took a "not" of the crisis ("can not move ... dizzy") into the match, where
    # it read as a negation
    gap = f" (?:{WORD}+ ){{0,{window}}}?"
    cheapest = min(
        (found for _, found, _ in compiled if found is not None),
        key=lambda found: found.cost,
        default=None,
    )
    required = [group for _, _, needs in compiled for group in needs]
    out = []
    for order in permutations(range(len(compiled))):
        regex = gap.join(compiled[i][0].pattern for i in order)
        out.append((compiled_regex(regex), cheapest, required))
    return out, False


def _rule(
    c: _Collector,
    category: str,
    rule_list: LocatedList,
    index: int,
    rule_data: Any,
    seen_ids: dict[str, int],
    compiler: Compiler,
    normaliser: Normaliser,
    branches: list[Branch],
    broken_lists: set[str],
    contexts: dict[str, str],
) -> Rule | None:
    where = rule_list.where(index)
    if not isinstance(rule_data, LocatedDict):
        c.add(
            "BS102",
            f"rule {index + 1} of '{category}' must be a mapping",
            where,
            "a rule has id:, description: and patterns:",
        )
        return None
    _check_keys(c, rule_data, RULE_KEYS, "a rule")
    for key in ("id", "description") + (() if "near" in rule_data else ("patterns",)):
        if key not in rule_data:
            c.add(
                "BS103",
                f"rule {index + 1} of '{category}' has no '{key}:'",
                rule_data.pos,
                f"add '{key}:'",
            )
    rule_id = rule_data.get("id")
    if "id" in rule_data:
        if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
            c.add(
                "BS601",
                f"rule id '{rule_id}' must be a lowercase word with _ between words",
                rule_data.where_value("id"),
                "like: took_too_much",
            )
            rule_id = None
        elif rule_id in seen_ids:
            c.add(
                "BS104",
                f"rule id '{rule_id}' is already used on line {seen_ids[rule_id]}",
                rule_data.where_value("id"),
                "give each rule its own id",
            )
        else:
            seen_ids[rule_id] = rule_data.where_value("id")[0]
    description = rule_data.get("description")
    if "description" in rule_data and (not isinstance(description, str) or not description.strip()):
        c.add(
            "BS102",
            "'description' must be a text",
            rule_data.where_value("description"),
            "say in a few words what this rule catches",
        )
    patterns = (
        _string_list(c, rule_data, "patterns", "patterns") if "patterns" in rule_data else None
    )
    if patterns is not None and not patterns:
        c.add(
            "BS601",
            f"rule '{rule_id}' has no patterns",
            rule_data.where_value("patterns"),
            "add at least one pattern",
        )
    own, broken = _compile_patterns(c, patterns, compiler, broken_lists)
    if "near" in rule_data:
        near, near_broken = _compile_near(c, rule_data, compiler, broken_lists)
        own += near
        broken = broken or near_broken
    context_patterns = None
    if "with" in rule_data:
        context_patterns = _string_list(c, rule_data, "with", "patterns")
        if context_patterns is not None and not context_patterns:
            c.add(
                "BS601",
                f"rule '{rule_id}' has an empty 'with:'",
                rule_data.where_value("with"),
                "add at least one pattern, or remove 'with:'",
            )
        context, context_broken = _compile_patterns(c, context_patterns, compiler, broken_lists)
        broken = broken or context_broken
    weak = rule_data.get("weak", False)
    if not isinstance(weak, bool):
        c.add(
            "BS102",
            "'weak' must be true or false",
            rule_data.where_value("weak"),
            "write weak: true, or leave the line out",
        )
        weak = False
    if "near" not in rule_data and "window" in rule_data:
        c.add(
            "BS601",
            "'window:' belongs with 'near:'",
            rule_data.where("window"),
            "remove it, or add near: with the parts to find close together",
        )
    first, risk = rule_data.get("first", False), rule_data.get("risk", False)
    ask = rule_data.get("ask", False)
    for key, value in (("first", first), ("risk", risk), ("ask", ask)):
        if not isinstance(value, bool):
            c.add(
                "BS102",
                f"'{key}' must be true or false",
                rule_data.where_value(key),
                f"write {key}: true, or leave the line out",
            )
    first, risk, ask = first is True, risk is True, ask is True
    if not rule_id or not isinstance(description, str) or not own:
        return None
    if context_patterns is not None and not context:
        return None
    rule = Rule(
        rule_id,
        category,
        description.strip(),
        tuple(p for p in (patterns or []) if isinstance(p, str)),
        where[0],
        weak,
        tuple(p for p in context_patterns if isinstance(p, str)) if context_patterns else (),
        first,
        risk,
        ask,
    )
    for regex, found, required in own:
        branches.append((rule, regex, found, required))
    context_regex = None
    if context_patterns is not None:
        context_regex = compiled_regex("|".join(regex.pattern for regex, _, _ in context))
        contexts[rule_id] = context_regex.pattern
    if "examples" in rule_data and not broken:  # a broken pattern is reported once, above
        examples = _string_list(c, rule_data, "examples", "example messages") or LocatedList()
        for e_index, example in enumerate(examples):
            if not isinstance(example, str):
                continue
            text = normaliser.normalise(example).text
            spans = [m.span() for regex, _, _ in own for m in regex.finditer(text)]
            if not spans:
                c.add(
                    "BS601",
                    f"example {example!r} is not caught by rule '{rule_id}'",
                    examples.where(e_index),
                    "change a pattern so that it catches the example, or fix the example",
                )
            elif context_regex is not None and not any(
                m.end() <= start or m.start() >= end
                for m in context_regex.finditer(text)
                for start, end in spans
            ):
                c.add(
                    "BS601",
                    f"example {example!r} has none of the 'with:' words of rule "
                    f"'{rule_id}' outside the words its pattern matched",
                    examples.where(e_index),
                    "add a 'with:' pattern that the example contains, or fix the example",
                )
    return rule


def load_rules(path: str | Path) -> Rules:
    """Read and compile the rules file; ContentError lists every problem if it is broken."""
    rules, problems = check_rules_file(path)
    if rules is None:
        raise ContentError([p for p in problems if p.is_error] or problems)
    return rules


def read_rules_file(path: Path) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problem of reading it."""
    try:
        return path.read_bytes(), []
    except OSError as err:
        return None, [
            Problem(
                "BS007",
                f"cannot read the rules file ({err.strerror})",
                str(path),
                0,
                0,
                "check the path to the safety rules file",
            )
        ]


def check_rules_file(path: str | Path) -> tuple[Rules | None, list[Problem]]:
    path = Path(path)
    source, problems = read_rules_file(path)
    return (None, problems) if source is None else build_rules(source, str(path))
