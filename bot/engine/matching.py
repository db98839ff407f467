"""Which button a typed answer means. Pure, stdlib only, no I/O.

A step's buttons are read the way a person reads them: by their words (in any order, any case,
without punctuation, accents or emoji, with small typos), by a word only one of them has, by
number or position ("2", "the second one", "last one"), and by meaning where a label is a yes or
a no ("yeah ok" taps "Yes, let's go"; "not now" taps "Not right now"). Precision comes first: when
more than one button fits the answer is ambiguous (the caller asks again, showing those), and
when words are left over that no button explains nothing is picked.

Hand-written rather than a fuzzy-matching library: labels are a few short words, so a small
Damerau-Levenshtein on words (distance scaled to the word's length) decides typos, and what
matters most -- which words tell buttons apart, yes/no meaning, ordinals -- no library offers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# -- words ------------------------------------------------------------------------------------
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "none": 0})
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth".split()
    )
    if i
}
_ORDINALS.update(
    {
        "1st": 1,
        "2nd": 2,
        "3rd": 3,
        "top": 1,
        "fist": 1,
        "frist": 1,
        "secnd": 2,
        "seccond": 2,
        "thrid": 3,
    }
)
_LAST = {"last", "bottom", "final", "lst"}
_EMOJI_WORDS = {
    "👍": " yes ",
    "👌": " ok ",
    "✅": " yes ",
    "✔": " yes ",
    "👎": " no ",
    "❌": " no ",
    "✖": " no ",
    "🙅": " no ",
}

# Said around an answer without changing it ("um I think the second one please").
FILLERS = frozenset(
    """
a an the um umm uh uhh er erm hmm hm mm ah oh lol haha ha ok okay k kk so well like just
please pls plz thanks thank thx ty i im id ill ive me my mine it its is be was would will do
think guess suppose say probably prob prolly maybe perhaps actually really rather go with
choose pick take want wanna gonna one ones option options choice button that thats this
these those let lets s to of for and or on in at one some any ya guess mean hey hi yh
them
""".split()
)
# Joining words never counted as content on a button ("Relief from a feeling").
_LABEL_STOP = frozenset(
    "a an the to of or and for in on at with my me i im it its is this that"
    " thats some your you from them".split()
)
_NEGATIONS = frozenset(
    "no not nope nah dont never nothing neither nor none isnt wasnt cant".split()
)
# Everyday words that say little alone: one of them is not enough to pick a button of whose
# words it is a small part ("I'm back" is not "Look back at one time").
_WEAK = frozenset(
    """
back more now here there then again still all out up down over off about much very time way
go going get want like need feel know think make take see look thing things something good bit
lot right new next another other only also into what when where who how why yet day today week
one doing done did have has had can could should will enough fine better worse little kind sort
try start keep show find use using
""".split()
)

YES_WORDS = frozenset(
    """
yes yess yea yeah yeh yeahh yep yup ya yah ye y ok okay okey k kk sure surely alright
aight absolutely definitely def defo course certainly fine go please agree agreed ready lets
do it course totally then sounds good great cool right correct true that s deal
""".split()
)
_YES_HEADS = frozenset(
    "yes yess yea yeah yeh yep yup ya yah ye y ok okay okey k sure alright "
    "aight absolutely definitely defo certainly ready agree agreed".split()
)
_NO_HEADS = frozenset("no nope nah na n nay noo".split())
_YES_PHRASES = (
    "of course",
    "go on",
    "go ahead",
    "lets do it",
    "lets go",
    "lets do this",
    "im ready",
    "why not",
    "sounds good",
    "i agree",
    "i do",
    "yes please",
    "go for it",
    "i am",
    "i guess so",
    "i think so",
    "count me in",
    "im in",
    "im up for it",
    "do it",
    "lets start",
    "ready",
)
_NO_PHRASES = (
    "not really",
    "no thanks",
    "no thank you",
    "not now",
    "not right now",
    "not today",
    "not yet",
    "maybe later",
    "later",
    "another time",
    "some other time",
    "not at the moment",
    "not atm",
    "i dont think so",
    "dont think so",
    "id rather not",
    "rather not",
    "no way",
    "not really no",
    "i dont",
    "i am not",
    "im not",
    "not for me",
    "pass",
    "ill pass",
    "not quite",
    "nope not now",
    "not this time",
    "no not now",
    "not tonight",
    "skip",
    "skip it",
    "no ty",
    "nty",
)
# What makes a button a yes or a no (decided from the words on it, for any step).
_YES_LABEL = re.compile(r"^(?:yes|yeah|yep|ok|okay|sure|i agree|agree|i do|go on|lets)\b")
_NO_LABEL = re.compile(
    r"^(?:no\s*[,.!:;\u2014\u2013-]|no$|nope|no thanks|not now|not right now|"
    r"not today|not yet|not quite|not really|not that|not great|not for me|"
    r"maybe later|neither|i'?m under|i am under|i don'?t|i do not)(?![a-z])"
)
# ("No, keep it" and "No thanks" decline; "No fixed times", "No plan yet" answer the question)


@dataclass(frozen=True)
class Reading:
    """What a typed answer was understood as: indices of the buttons picked, or of the buttons
    it could mean (ambiguous), or neither (not understood)."""

    picked: tuple[int, ...] = ()
    options: tuple[int, ...] = ()


NOT_UNDERSTOOD = Reading()


# -- normalising --------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Small letters, no accents, emoji, punctuation or apostrophes; numbers as digits."""
    for emoji, word in _EMOJI_WORDS.items():
        text = text.replace(emoji, word)
    text = unicodedata.normalize("NFKD", text.casefold())
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn" or ch in "'’‘`´":
            continue
        out.append(ch if cat[0] in "LN" else " ")
    return " ".join(_STRETCHED.sub(r"\1\1", "".join(out)).split())


_STRETCHED = re.compile(r"(\D)\1{2,}")  # "thennn", "yesss", "sooo": at most two in a row


def as_number(word: str) -> int | None:
    """7 for "7" or "seven"; None for other words."""
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS and word != "none" else None


def words(text: str) -> list[str]:
    return normalise(text).split()


# -- words that nearly match ----------------------------------------------------------------
def distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping early past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def allowance(length: int) -> int:
    """Typos forgiven in a word or phrase of ``length`` letters."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    if length <= 14:
        return 2
    return 3


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly", "y"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_COMMON = FILLERS | _NEGATIONS | YES_WORDS


@lru_cache(maxsize=8192)
def same_word(typed: str, word: str) -> bool:
    if typed == word:
        return True
    if as_number(typed) is not None or as_number(word) is not None:
        return as_number(typed) == as_number(word)
    if _stem(typed) == _stem(word):
        return True
    if word.startswith(typed) and len(word) >= 6 and len(typed) >= 3 and typed not in _COMMON:
        return True  # cut short: "wed", "saskatch"
    allow = allowance(min(len(word), len(typed)))
    if not allow or abs(len(word) - len(typed)) > allow:
        return False
    return distance(typed, word, allow) <= allow


# -- numbers ------------------------------------------------------------------------------------
_NUMBER_FILLERS = FILLERS | frozenset(
    "about around roughly approx approximately like maybe probably prob a solid strong high low "
    "id say its it was im at feels feeling definitely def honestly tbh ish out of 10 between "
    "now right urge score give rate number level prolly guess think".split()
)


def read_number(text: str) -> tuple[float, ...]:
    """The number(s) a short answer stands for: one, or two when it hedges ("6 or 7", "6-7"),
    or none when the answer is more than a number (then it is not a number answer)."""
    low = text.casefold()
    low = re.sub(r"(\d)\s*(?:/|out of|outta)\s*10\b", r"\1", low)
    low = re.sub(r"(\d)\s*ish\b", r"\1", low)
    low = low.replace(",", ".")
    tokens = re.findall(r"(?:(?<=\s)|^)-\d+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+|[-–/]", low)
    values: list[float] = []
    rest: list[str] = []
    for token in tokens:
        if re.fullmatch(r"-?\d+(?:\.\d+)?", token):
            values.append(float(token))
        elif token in _NUMBER_WORDS and token != "none":
            values.append(float(_NUMBER_WORDS[token]))
        elif token in ("or", "to", "-", "–", "/", "and", "maybe"):
            continue
        elif token not in _NUMBER_FILLERS:
            rest.append(token)
    if rest or not values or len(values) > 2:
        return ()
    if len(values) == 2 and abs(values[0] - values[1]) > 2:
        return ()
    return tuple(values)


# -- yes and no ---------------------------------------------------------------------------------
def polarity(text: str) -> str | None:
    """'yes', 'no' or None: what a short answer says when it says yes or no."""
    norm = normalise(text)
    if not norm:
        return None
    ws = norm.split()
    if norm in _YES_PHRASES:
        return "yes"
    if norm in _NO_PHRASES:
        return "no"
    head, rest = ws[0], " ".join(ws[1:])
    if head in _NO_HEADS:
        if not rest or rest in _NO_PHRASES or all(w in _NO_TAIL for w in ws[1:]):
            return "no"
        return None
    if head in ("not", "dont", "never") and len(ws) <= 4 and not any(w in _YES_HEADS for w in ws):
        return "no" if rest in _NO_PHRASES or any(_short_no(ws)) else None
    if head in _YES_HEADS or norm.startswith(_YES_PHRASES):
        if any(w in _NEGATIONS for w in ws):
            return None
        tail = ws[1:]
        if (
            all(
                w in YES_WORDS or w in FILLERS or w in {"this", "that", "now", "then", "start"}
                for w in tail
            )
            or rest in _YES_PHRASES
        ):
            return "yes"
    return None


_NO_TAIL = _NEGATIONS | FILLERS | {"thanks", "ty", "way"}


def _short_no(ws: list[str]) -> Iterator[bool]:
    yield " ".join(ws) in _NO_PHRASES
    yield ws[:2] in (["not", "really"], ["not", "now"], ["not", "today"], ["not", "yet"])


def label_polarity(label: str) -> str | None:
    """'yes' for "Yes, let's start", 'no' for "No, keep it" / "Not now", else None."""
    if _YES_LABEL.match(normalise(label)):
        return "yes"
    if _NO_LABEL.match(label.casefold().replace("’", "'").strip()):
        return "no"
    return None


def _polarities(labels: tuple[str, ...]) -> tuple[str | None, ...]:
    marks = [label_polarity(label) for label in labels]
    if len(labels) == 2 and marks.count(None) == 1 and marks.count("no") + marks.count("yes") == 1:
        # two buttons, one of them a clear yes or no: the other one is its opposite
        other = "yes" if "no" in marks else "no"
        marks = [m or other for m in marks]
    elif len(labels) == 2 and marks == [None, None]:
        negative = [
            any(w in _NEGATIONS or w in ("under", "younger") for w in words(label))
            for label in labels
        ]
        if negative.count(True) == 1:
            marks = ["no" if n else "yes" for n in negative]
    return tuple(marks)


# -- commands -------------------------------------------------------------------------------------
_POLITE = r"(?:(?:ok|okay|um|uh|please|just|actually|sorry|hey|hmm|no|so|oh|yeah)\s+)*"
_WANT = (
    r"(?:(?:i|we)\s+(?:really\s+)?(?:want|wanna|would like|d like|need|have|would love)"
    r"\s+(?:to\s+)?"
    r"|(?:can|could|may|shall)\s+(?:we|i|you)\s+(?:please\s+)?(?:just\s+)?|lets\s+|let\s+me\s+"
    r"|i\s+(?:think\s+)?(?:i\s+)?(?:want|need)\s+to\s+|i\s+d\s+rather\s+)?"
)
_TAIL = (
    r"(?:\s+(?:this|it|that|here|now|now please|please|thanks|thank you|for now|for today|"
    r"for a bit|this practice|the practice|this exercise|the exercise|this one|this session|"
    r"right now|already|pls|ok|okay|then|now thanks))*"
)
COMMAND_PATTERNS: dict[str, re.Pattern[str]] = {
    "stop": re.compile(
        rf"^{_POLITE}{_WANT}(?:stop|quit|exit|cancel|finish|stop talking|end (?:this|the) "
        r"(?:practice|exercise|session))"
        r"(?:\s+(?:doing\s+)?(?:this|it|the practice|the exercise|this practice|this exercise))?"
        rf"{_TAIL}$"
        r"|^(?:i\s*m|i am)\s+(?:done|finished)(?:\s+(?:now|for now|for today|here))?$"
        r"|^(?:enough|thats enough|that s enough)(?:\s+(?:now|for now|for today))?$"
    ),
    "menu": re.compile(
        rf"^{_POLITE}{_WANT}(?:(?:go|get|take me|bring me|show me|open|see|back)\s+)?(?:back\s+)?"
        r"(?:to\s+)?(?:the\s+)?(?:main\s+)?(?:menu|home|main screen)"
        rf"(?:\s+(?:page|screen))?{_TAIL}$"
        r"|^(?:main\s+)?menu(?:\s+please)?$|^start (?:over|again)$"
    ),
    "help": re.compile(
        rf"^{_POLITE}(?:help|help me|help please|i need help with this|what do i do|"
        r"how does this work|how do i use this|how do i do this|what can you do|what do i type|"
        r"what are my options|i m confused|im confused|i dont understand how this works)"
        r"(?:\s+(?:please|pls|here|now))?$"
    ),
}


def command_of(text: str) -> str | None:
    """The command ('stop', 'menu', 'help') that words such as "can we stop" stand for."""
    norm = normalise(text.replace("/", " "))
    for name, pattern in COMMAND_PATTERNS.items():
        if pattern.match(norm):
            return name
    return None


# -- ordinals -----------------------------------------------------------------------------------
_ORDINAL_FILLERS = FILLERS | frozenset("number no nr num".split())


_NUMBERED = frozenset("option number no nr num button choice".split())


def _ordinal(text: str, count: int) -> int | None:
    """0-based index for "the second one", "2nd", "option 3", "number two", "last one"."""
    ws = normalise(text.replace("#", " number ")).split()
    core = [w for w in ws if w not in _ORDINAL_FILLERS]
    if len(core) != 1:
        return None
    word = core[0]
    if word in _LAST:
        return count - 1
    if word in _ORDINALS:
        index = _ORDINALS[word]
    elif numbered := re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word):
        index = int(numbered.group(1))
    elif (number := as_number(word)) is not None and set(ws) & _NUMBERED:
        index = number
    else:
        return None
    return index - 1 if 1 <= index <= count else None


# -- the step's buttons, read once ---------------------------------------------------------------
@dataclass(frozen=True)
class _Button:
    norm: str  # the label normalised
    squashed: str  # without spaces
    content: tuple[str, ...]  # the words that carry its meaning
    numbers: frozenset[str]
    joined: dict[str, tuple[str, str]]  # "roleplay" -> ("role", "play"): two words typed as one
    negations: frozenset[str]  # what it says no to ("Not great"), not a leading "No," or "(...)"


@dataclass(frozen=True)
class _Step:
    buttons: tuple[_Button, ...]
    polarities: tuple[str | None, ...]
    distinctive: tuple[frozenset[str], ...]  # per button: words no other button has


# A leading "No," (it declines: "No, I'm under 18") and words in brackets ("not-so-good")
_ASIDES = re.compile(r"^\s*no\s*[,.!:;\u2014\u2013-]|\([^)]*\)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _step(labels: tuple[str, ...]) -> _Step:
    buttons = []
    for label in labels:
        norm = normalise(label)
        ws = norm.split()
        content = tuple(w for w in ws if w not in _LABEL_STOP) or tuple(ws)
        buttons.append(
            _Button(
                norm,
                norm.replace(" ", ""),
                content,
                frozenset(str(as_number(w)) for w in ws if as_number(w) is not None),
                {a + b: (a, b) for a, b in zip(ws, ws[1:], strict=False)},
                frozenset(words(_ASIDES.sub(" ", label))) & _NEGATIONS,
            )
        )
    distinctive = []
    for i, button in enumerate(buttons):
        others = [w for j, b in enumerate(buttons) if j != i for w in b.content]
        distinctive.append(
            frozenset(w for w in button.content if not any(same_word(w, o) for o in others))
        )
    return _Step(tuple(buttons), _polarities(labels), tuple(distinctive))


# -- reading one answer ----------------------------------------------------------------------------
MAX_EXTRA = 3  # words no button explains, past which an answer is not a button press


def match(
    text: str,
    labels: tuple[str, ...],
    *,
    strict: bool = False,
    extra: int | None = None,
    whole: bool = False,
) -> Reading:
    """Which of ``labels`` the typed ``text`` means. ``strict`` (when typed words can be the
    answer themselves, as at a step with a "Something else" choice) leaves fewer words
    unexplained; ``extra`` sets how many exactly; ``whole`` takes a button only when every
    word that carries its meaning was typed."""
    norm = normalise(text)
    if not norm or not labels:
        return NOT_UNDERSTOOD
    step = _step(tuple(labels))
    squashed = norm.replace(" ", "")
    # 1. the words on a button, or its id, give or take punctuation, case and spaces
    for i, button in enumerate(step.buttons):
        if squashed == button.squashed:
            return Reading((i,))
    # 2. by number or position
    by_number = _by_number(text, norm, step)
    if by_number is not None:
        return by_number
    # 3. yes or no, onto the buttons that mean yes or no
    said = polarity(text)
    if said is not None:
        meant = tuple(i for i, p in enumerate(step.polarities) if p == said)
        if len(meant) == 1:
            return Reading(meant)
        if meant:
            return Reading(options=meant)
    lead = _lead_polarity(norm.split(), step)
    if lead is not None:
        return lead
    # 4. the whole answer is a button's words with a typo or two
    close = [
        i
        for i, b in enumerate(step.buttons)
        if distance(squashed, b.squashed, 3) <= allowance(len(b.squashed))
    ]
    if len(close) == 1:
        return Reading((close[0],))
    # 5. words found together on just one button ("that's it" for "Yes, that's it")
    said_no = set(norm.split()) & _NEGATIONS
    inside = [
        i
        for i, b in enumerate(step.buttons)
        if f" {norm} " in f" {b.norm} " and b.negations <= said_no
    ]  # "store them" is not "No, don't store them"
    if inside and (len(norm.split()) >= 2 or len(norm) >= 5):
        return Reading((inside[0],)) if len(inside) == 1 else Reading(options=tuple(inside))
    # 6. word by word
    typed = []
    for word in norm.split():
        pair = next((b.joined[word] for b in step.buttons if word in b.joined), None)
        typed += list(pair) if pair else [word]
    reading = _by_words(
        typed, step, (1 if strict else MAX_EXTRA) if extra is None else extra, strict
    )
    if whole and reading.picked:
        content = step.buttons[reading.picked[0]].content
        if not all(any(same_word(w, c) for w in typed) for c in content):
            return NOT_UNDERSTOOD
    return reading


def _lead_polarity(ws: list[str], step: _Step) -> Reading | None:
    """ "yes, store them" / "nah keep it": a yes or no first, then words from that button."""
    head = "yes" if ws[0] in _YES_HEADS else "no" if ws[0] in _NO_HEADS else None
    if head is None or len(ws) < 2:
        return None
    meant = [i for i, p in enumerate(step.polarities) if p == head]
    rest = [w for w in ws[1:] if w not in FILLERS and w not in YES_WORDS]
    if len(meant) != 1 or not rest or any(w in _NEGATIONS for w in rest) and head == "yes":
        return None
    content = step.buttons[meant[0]].content
    if all(any(same_word(w, c) for c in content) for w in rest):
        return Reading((meant[0],))
    return None


def _by_number(text: str, norm: str, step: _Step) -> Reading | None:
    count = len(step.buttons)
    index = _ordinal(text, count)
    if index is not None:
        return Reading((index,))
    values = read_number(text)
    if not values or any(v != int(v) for v in values):
        return None
    meant: set[int] = set()
    for value in map(int, values):  # "2 or 3" at a choice step: which of the two?
        meant |= {i for i, b in enumerate(step.buttons) if str(value) in b.numbers}
        meant |= {value - 1} if 1 <= value <= count else set()
    if len(meant) == 1:
        return Reading((meant.pop(),))
    if meant:
        return Reading(options=tuple(sorted(meant)))
    return NOT_UNDERSTOOD


def _by_words(typed: list[str], step: _Step, limit: int, strict: bool = False) -> Reading:
    reading = _by_words_unchecked(typed, step, limit, strict)
    if not reading.picked:
        return reading
    button = step.buttons[reading.picked[0]]
    negations = [w for w in typed if w in _NEGATIONS]
    if (
        negations
        and step.polarities[reading.picked[0]] != "no"
        and not any(same_word(n, c) for n in negations for c in button.content)
    ):
        return NOT_UNDERSTOOD  # "not the chest": a negation no button says turns it round
    if not negations and button.negations:
        return NOT_UNDERSTOOD  # "great" is not "Not great"
    return reading


def _by_words_unchecked(typed: list[str], step: _Step, limit: int, strict: bool) -> Reading:
    words_ = [w for w in typed if w not in FILLERS or any(w in b.content for b in step.buttons)]
    if not words_:
        return NOT_UNDERSTOOD
    scores = []
    for i, button in enumerate(step.buttons):
        hit = {c for c in button.content if any(same_word(w, c) for w in words_)}
        explained = [w for w in words_ if any(same_word(w, c) for c in button.content)]
        extra = [w for w in words_ if w not in explained and w not in YES_WORDS]
        own = {c for c in hit if c in step.distinctive[i]}
        scores.append((i, hit, own, extra))
    full = [
        s
        for s in scores
        if s[1] and len(s[1]) == len(step.buttons[s[0]].content) and len(s[3]) <= limit
    ]
    if full:
        most = max(len(s[1]) for s in full)
        best = [s for s in full if len(s[1]) == most]
        fewest = min(len(s[3]) for s in best)
        best = [s for s in best if len(s[3]) == fewest]
        others = [s for s in scores if s[2] and s not in best]
        if len(best) == 1 and not others:
            return Reading((best[0][0],))
        return Reading(options=tuple(sorted({s[0] for s in best + others})))
    distinct = [s for s in scores if s[2]]
    if len(distinct) == 1 and _too_little(distinct[0][1], step.buttons[distinct[0][0]].content):
        return NOT_UNDERSTOOD
    if len(distinct) == 1:
        s = distinct[0]
        # where typed words may be the answer, a partial match leaves no word unexplained
        return Reading((s[0],)) if len(s[3]) <= (0 if strict else limit) else NOT_UNDERSTOOD
    if len(distinct) > 1:
        return Reading(options=tuple(s[0] for s in distinct))
    shared = [s for s in scores if s[1] and len(s[3]) <= limit]
    if 1 < len(shared) < len(step.buttons):
        return Reading(options=tuple(s[0] for s in shared))
    return NOT_UNDERSTOOD


def _too_little(hit: set[str], content: tuple[str, ...]) -> bool:
    """Only everyday words, under half the button's words and not how it begins ("more" for
    "More than planned" is enough; "back" for "Look back at one time" is not)."""
    if not all(w in _WEAK for w in hit) or 2 * len(hit) >= len(content):
        return False
    return set(content[: len(hit)]) != hit


# -- several at once (ask: multi) ----------------------------------------------------------------
_SPLIT = re.compile(r"\s*(?:,|;|\+|&|\n|\band\b|\bplus\b|\balso\b|\bn\b)\s*")
_FIRST_N = re.compile(r"^(?:the\s+)?(first|top|last)\s+(\w+)(?:\s+ones?)?$")


def match_many(
    text: str, labels: tuple[str, ...], *, strict: bool = False
) -> tuple[Reading, list[str]]:
    """Buttons for an answer naming several ("1 and 3", "the first two", "sleep, and boredom").

    Returns the reading and the parts no button explains (kept as words where a step takes
    them: "Something else")."""
    whole = match(text, labels, extra=0)
    if whole.picked:
        return whole, []
    norm = normalise(text)
    count = len(labels)
    head = _FIRST_N.match(norm)
    if head:
        n = as_number(head.group(2)) or 0
        if 1 <= n <= count:
            picked = range(n) if head.group(1) != "last" else range(count - n, count)
            return Reading(tuple(picked)), []
    found: list[int] = []
    unknown: list[str] = []
    options: tuple[int, ...] = ()
    raw_parts = re.split(r"\s*(?:,|;|\+|&|\n)\s*|\s+(?:and|plus|also|n|or)\s+", text.casefold())
    parts = [re.sub(r"^(?:and|or|also|plus|n|&)\s+", "", p.strip()) for p in raw_parts]
    for part in (p for p in parts if normalise(p)):
        if normalise(part) in ("and", "or") or all(w in FILLERS for w in words(part)):
            continue
        reading = match(part, labels, strict=strict)
        if reading.picked:
            found += [i for i in reading.picked if i not in found]
            continue
        range_ = read_number(part)
        if len(range_) == 2 and all(v == int(v) and 1 <= v <= count for v in range_):
            found += [i for i in range(int(range_[0]) - 1, int(range_[1])) if i not in found]
            continue
        if reading.options:
            options = reading.options
        unknown.append(part.strip())
    if options and not unknown[1:]:
        return Reading(options=options), []
    if not found:
        return NOT_UNDERSTOOD, unknown
    return Reading(tuple(found)), unknown
