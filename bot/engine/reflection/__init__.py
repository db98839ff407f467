"""Reflection: a client's words given back the way a counsellor would.

    reflect("I'm having an urge to smoke crack", "You're having an urge to")
        -> "You're having an urge to smoke crack"
    reflect("Was I wrong to want a drink at my nan's wake?")
        -> "you're wondering whether you were wrong to want a drink at your nan's wake"
    shape("idk") -> "vague"

Cleaning (clean.py) drops fillers and stutters, person.py turns the person round both ways,
condense.py keeps the most telling clause or two, shapes.py names the answer's shape (flows
branch on it), questions.py answers a question as one, and stems are fitted here. Words the
client reads live in lexicon.yaml. Pure and fast: no I/O after import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .clean import clean
from .condense import MAX_WORDS, _cut, condense
from .person import swap, third_person
from .questions import indirect
from .shapes import SHAPES, VAGUE_SHAPE, classify
from .shapes import clause_or_fragment as classify_words
from .themes import RISKS, THEME_ORDER, risk, urgent
from .themes import theme as _theme
from .themes import topic as _topic
from .tokens import Token, render, tokenize, word, words
from .words import COMMON_STARTS, FEELING_WORDS, FUNCTION, SAY

_ENDING = ".!?…,;:- \n"

__all__ = [
    "Reflection",
    "SHAPES",
    "MAX_WORDS",
    "reflect",
    "shape",
    "summary",
    "voice",
    "analyse",
    "after",
    "own",
    "described",
    "theme",
    "topic",
    "risk",
    "THEME_ORDER",
    "RISKS",
    "urgent",
]
_COMMON = FUNCTION | {
    "it's",
    "that's",
    "there's",
    "work",
    "drinking",
    "using",
    "everything",
    "nothing",
    "something",
    "being",
    "getting",
    "feeling",
    "maybe",
    "still",
    "today",
    "yesterday",
    "tonight",
    "last",
    "every",
    "sometimes",
    "now",
}


_KEEP = {"i", "i'm", "i've", "i'd", "i'll"}
_PRONOUNS = {"you", "i", "it", "me", "your", "my", "we", "they", "he", "she"}


@dataclass(frozen=True)
class Reflection:
    text: str
    shape: str


@lru_cache(maxsize=2048)
def analyse(text: str) -> tuple[str, tuple[Token, ...]]:
    """The shape and the cleaned tokens of ``text`` (cached: a turn renders an answer often)."""
    raw = tokenize(str(text or "").strip())
    cleaned = clean([Token(t.text, t.space, t.key, t.quoted) for t in raw])
    return classify(raw, cleaned), tuple(cleaned)


def shape(text: str) -> str:
    """clause, fragment, question, negation, vague or long."""
    return analyse(text)[0]


def theme(text: str) -> str:
    """What the answer is about (themes.py); in a long message, what its most telling part is
    about, so a complex reflection builds on the words the simple one gave back."""
    return _theme(_telling(text))


def topic(text: str, kind: str) -> str:
    """The client's word for ``kind`` ("your partner"), from the telling part of a long message."""
    return _topic(_telling(text), kind)


def _telling(text: str) -> str:
    return own(text) if shape(text) == "long" else str(text or "")


def described(text: str) -> str:
    """What kind of answer ``text`` was, in words for a trainee note (lexicon.yaml)."""
    return SAY["described"][shape(text)]


def reflect(text: str, stem: str | None = None) -> str:
    """The client's words turned to "you", cleaned and condensed; after ``stem`` when one is
    given (the stem is never said twice), else lower-case to sit inside a sentence."""
    kind, cleaned = analyse(text)
    starts = stem is not None and stem[:1].isupper()
    if kind == VAGUE_SHAPE:  # never given back word for word; `default:` fills a plain one
        return _sentence(SAY["vague"], starts) if stem is not None else ""
    if kind == "question":
        asked = render(_cut(indirect(swap(list(cleaned))), MAX_WORDS)).rstrip(_ENDING)
        return _sentence(f"{SAY['question']} {asked}", starts)
    clause = _feeling_first(condense(swap(list(cleaned))))
    if kind == "fragment" and clause and clause[0].key == "you":
        kind = "clause"
    if stem is None:
        return _mid_sentence(render(clause).rstrip(_ENDING))
    return _fit(stem, clause, kind)


def _feeling_first(clause: list[Token]) -> list[Token]:
    """A feeling said without a subject gets one: "embarrassed" -> "you feel embarrassed",
    "feeling low" -> "you're feeling low",
    "lonely, I don't know anyone" -> "you feel lonely, ..."."""
    head = clause[: next((k for k, t in enumerate(clause) if t.text == ","), len(clause))]
    if not head or head[0].key not in FEELING_WORDS or classify_words(words(head)) != "fragment":
        return clause
    lead = ("you're",) if head[0].key.endswith("ing") else ("you", "feel")
    first = clause[0]
    return [word(w) for w in lead] + [word(first.text.lower(), True)] + clause[1:]


def after(text: str, stem: str) -> str:
    """Only what follows ``stem``, to sit inside a sentence: after "having an urge to",
    "I'm having an urge to smoke crack" and "smoke crack" both give "smoke crack"; "" for a
    vague answer or a question (`default:` fills in)."""
    kind, cleaned = analyse(text)
    if kind in (VAGUE_SHAPE, "question"):
        return ""
    clause = _feeling_first(condense(swap(list(cleaned))))
    return _fit_parts(stem, clause, "clause")[1]


def own(text: str) -> str:
    """The client's own words, unturned, for quotation marks: fillers gone, a long message
    condensed ("um I deserve it, you know" -> "I deserve it")."""
    kind, cleaned = analyse(text)
    return "" if kind == VAGUE_SHAPE else render(condense(list(cleaned))).rstrip(_ENDING)


def summary(text: str) -> str:
    """A summary's item: the same condensed reflection, starting with a capital; nothing for a
    vague answer (`{x|summary|default:...}` says what the flow wants instead)."""
    return _sentence(reflect(text), True)


def voice(text: str, stem: str | None = None) -> str:
    """A part's words in the third person ("I'm the one who ..." -> "it's the one who ...")."""
    kind, cleaned = analyse(text)
    if kind == VAGUE_SHAPE:
        return _sentence(SAY["vague"], stem[:1].isupper()) if stem else ""
    turned = third_person(list(cleaned)) if _persona(cleaned) else swap(list(cleaned), False)
    if kind == "question":
        asked = render(_cut(indirect(turned), MAX_WORDS)).rstrip(_ENDING)
        upper = stem is not None and stem[:1].isupper()
        return _sentence(f"{SAY['voice_question']} {asked}", upper)
    clause = condense(turned)
    return _fit(stem, clause, kind) if stem else _mid_sentence(render(clause).rstrip(_ENDING))


def _persona(cleaned: tuple[Token, ...]) -> bool:
    """Does a part speak as "I" to the client ("I'm the one who gets you through the week")?
    Otherwise the client speaks for it ("I need it to switch off", "it wants me to relax")."""
    keys = [t.key for t in cleaned if t.is_word]
    if keys[:1] in (["it"], ["it's"]) or "part" in keys[:3]:
        return False
    first = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"}
    second = {"you", "your", "you're", "you'd", "you've", "you'll", "yourself", "yours"}
    return bool(first & set(keys)) and bool(second & set(keys))


def _sentence(text: str, start: bool) -> str:
    if start:
        return text[:1].upper() + text[1:]
    return _mid_sentence(text)


def _mid_sentence(text: str) -> str:
    """Lower the first letter to sit inside a sentence: phones capitalise a message's first
    word, so its capital is kept only for "I", an acronym or a mixed-case word ("GamCare"),
    a day or month, or a name, which a capitalised word before "said", "knows" ... is."""
    head, _, rest = text.partition(" ")
    first = head.strip(".,!?;:").lower()
    if (
        first in _KEEP
        or len(text) < 2
        or not text[0].isupper()
        or any(c.isupper() for c in head[1:])
    ):
        return text
    following = rest.split(" ", 1)[0].strip(".,!?;:").lower()
    common = (
        first in _COMMON
        or first in COMMON_STARTS
        or first.startswith("you")
        or first.endswith(("ing", "ly", "ness", "ment", "tion"))
        or (first.endswith("s") and not first.endswith("ss") and len(first) > 5)
    )
    capital_next = rest[:1].isupper() and not rest.startswith("I ")  # "Dr Patel", "New York"
    named = (
        first in _PROPER
        or capital_next
        or (not common and (not rest or following in _AFTER_NAME or following.endswith("ed")))
    )
    return text if named else text[0].lower() + text[1:]


_PROPER = set(
    """monday tuesday wednesday thursday friday saturday sunday january february march
april june july august september october november december christmas easter god""".split()
)
_AFTER_NAME = {
    "said",
    "says",
    "told",
    "tells",
    "thinks",
    "knows",
    "knew",
    "wants",
    "keeps",
    "asked",
    "asks",
    "offered",
    "is",
    "was",
    "has",
    "had",
    "does",
    "doesn't",
    "isn't",
    "wasn't",
    "and",
    "will",
    "won't",
    "can",
    "can't",
    "never",
    "always",
    "just",
    "left",
    "came",
    "called",
    "texted",
    "gets",
    "got",
    "found",
    "caught",
    "saw",
    "helps",
    "makes",
    "made",
    "drinks",
    "uses",
    "used",
    "loves",
    "hates",
    "needs",
    "said,",
    "'s",
    "would",
    "wouldn't",
    "didn't",
    "did",
    "thought",
    "went",
    "goes",
}


def _fit(stem: str, clause: list[Token], kind: str) -> str:
    """``stem`` then ``clause``, without saying the same words twice."""
    stem, body = _fit_parts(stem, clause, kind)
    return f"{stem} {body}".strip() if body else stem


def _fit_parts(stem: str, clause: list[Token], kind: str) -> tuple[str, str]:
    """The stem (its last word changed when a fragment needs it: "because" -> "because of")
    and what follows it."""
    stem = stem.strip()
    stem_keys = [w.lower().replace("’", "'").strip(",.:;") for w in stem.split()]
    clause_words = words(clause)
    keys = [t.key for t in clause_words]
    drop = _overlap(stem_keys, keys)
    rest = clause
    if drop:
        last = clause_words[drop - 1]
        rest = clause[clause.index(last) + 1 :]
        while rest and not rest[0].is_word:
            rest = rest[1:]
    elif kind == "fragment" and stem_keys and stem_keys[-1] in SAY["fragment_endings"]:
        ending = SAY["fragment_endings"][stem_keys[-1]]
        head = stem.rsplit(" ", 1)[0]
        stem = head + ending if ending == ":" else f"{head} {ending}"
    return stem, _mid_sentence(render(rest).rstrip(_ENDING)) if rest else ""


def _overlap(stem: list[str], clause: list[str]) -> int:
    """How many of the clause's first words the stem already says (0 if none)."""
    for k in range(min(len(stem), len(clause)), 0, -1):
        if stem[-k:] == clause[:k] and not all(w in _PRONOUNS for w in stem[-k:]):
            return k  # "...going for you:" + "you stopped" is no overlap
    # "You're having an urge to" + "you've got an urge to smoke": the stem's tail, said early
    for k in range(min(len(stem), 5), 0, -1):
        tail = stem[-k:]
        if all(w in FUNCTION for w in tail):
            continue
        # one word only near the start: "So that part wants" + "it wants you to relax"
        for start in range(0, min(6 if k > 1 else 2, len(clause) - k + 1)):
            if clause[start : start + k] == tail:
                return start + k
    return 0
