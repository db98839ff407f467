"""Person, both ways: the client's "I" becomes "you", words addressed to the bot become "I"/"me",
with the verbs made to agree ("I was" -> "you were", "was I" -> "were you", "you were" -> "I was").

A "you" that means people in general ("it helps you relax") stays "you": only a sentence that
speaks to the bot ("can you tell me", "you wouldn't understand", "I told you") is turned round.
"""

from __future__ import annotations

from .tokens import Token, sentences, word
from .words import ADVERBS, AUX, CONJUNCTIONS, PAST_FORMS, PREPOSITIONS, THIRD, WH

_FIRST = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
}
_SECOND = {
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
    "you'd": "I'd",
    "you'll": "I'll",
}
# "my" stays the client's ("I want to be there for my kids" -> "for your kids").
_THIRD_PERSON = {
    "i": "it",
    "me": "it",
    "my": "your",
    "mine": "yours",
    "myself": "itself",
    "i'm": "it's",
    "i've": "it's",
    "i'd": "it'd",
    "i'll": "it'll",
}
# Verbs that, after a sentence-initial "you", speak to the bot ("you wouldn't understand",
# "you never listen"); a "you" before other verbs is people in general ("you get used to it").
_TO_BOT_VERBS = {
    "understand",
    "listen",
    "listening",
    "said",
    "asked",
    "asking",
    "sound",
    "sounds",
    "judge",
    "judging",
    "mean",
    "told",
    "care",
    "remember",
    "get",
}
_BOT_NOUNS = {
    "bot",
    "robot",
    "machine",
    "app",
    "program",
    "computer",
    "ai",
    "person",
    "human",
    "real",
    "therapist",
    "counsellor",
    "counselor",
}
_AUX_OR_ADVERB = (
    AUX
    | ADVERBS
    | {
        "not",
        "even",
        "don't",
        "can't",
        "won't",
        "wouldn't",
        "couldn't",
        "didn't",
        "keep",
        "always",
        "never",
        "just",
    }
)
_TO_BOT_OBJECT_VERBS = {
    "told",
    "tell",
    "telling",
    "ask",
    "asked",
    "asking",
    "trust",
    "thank",
    "promise",
    "show",
    "answer",
    "understand",
    "blame",
}
_AGREE_I = {"are": "am", "were": "was", "weren't": "wasn't", "'re": "'m"}
_AGREE_YOU = {"am": "are", "was": "were", "wasn't": "weren't", "'m": "'re"}
_AGREE_IT = {
    "am": "is",
    "are": "is",
    "was": "was",
    "have": "has",
    "do": "does",
    "don't": "doesn't",
    "haven't": "hasn't",
}


def swap(tokens: list[Token], to_bot: bool = True) -> list[Token]:
    """The reflection's person: I -> you, and (in words to the bot) you -> I/me. With
    ``to_bot`` false every "you" is the client's (a part speaking to them)."""
    out: list[Token] = []
    for sentence in sentences(tokens):
        out += _swap_sentence(sentence, to_bot and _to_bot(sentence))
    return out


def third_person(tokens: list[Token]) -> list[Token]:
    """A part speaking as "I" heard as "it": "I'm the one who gets you through" ->
    "it's the one who gets you through"; the client's "you" stays "you"."""
    out = [t for t in tokens]
    for i, token in enumerate(out):
        if token.quoted or token.key not in _THIRD_PERSON:
            continue
        out[i] = _like(token, _THIRD_PERSON[token.key])
        if token.key == "i":
            _agree_third(out, i)
    return out


def _like(token: Token, text: str) -> Token:
    if "’" in token.text:
        text = text.replace("'", "’")
    if token.text.isupper() and len(token.text) > 1:
        text = text.upper()
    return word(text, token.space, token.quoted)


def _next_verb(tokens: list[Token], i: int) -> int | None:
    """Index of the verb after the subject at ``i``, skipping adverbs ("I really was")."""
    j = i + 1
    while j < len(tokens) and tokens[j].is_word and tokens[j].key in ADVERBS and j - i <= 3:
        j += 1
    return j if j < len(tokens) and tokens[j].is_word else None


def _agree_third(tokens: list[Token], i: int) -> None:
    j = _next_verb(tokens, i)
    if j is None:
        return
    key = tokens[j].key
    if key in _AGREE_IT:
        tokens[j] = _like(tokens[j], _AGREE_IT[key])
    elif (
        key.isalpha()
        and key not in AUX
        and key not in PAST_FORMS
        and not key.endswith("ed")
        and key not in ADVERBS
        and key not in PREPOSITIONS
        and key not in CONJUNCTIONS
        and not key.endswith("s")
        and key not in ("not", "the", "a", "an")
    ):
        tokens[j] = _like(tokens[j], _third_singular(tokens[j].text))


def _third_singular(verb: str) -> str:
    low = verb.lower()
    if low in THIRD:
        return THIRD[low]
    if low.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _to_bot(sentence: list[Token]) -> bool:
    """Does this sentence speak to the bot (rather than use a general "you")?"""
    ws = [t for t in sentence if t.is_word and not t.quoted]
    keys = [t.key for t in ws]
    for k, key in enumerate(keys):
        if key not in ("you", "you're", "your", "yourself", "you've", "you'd", "you'll"):
            continue
        prev = keys[k - 1] if k else ""
        if key == "you" and prev in AUX and (k == 1 or keys[k - 2] in WH | CONJUNCTIONS):
            return True  # "can you tell me", "why do you ask"
        if key == "you" and prev in _TO_BOT_OBJECT_VERBS:
            return True  # "I told you", "I don't trust you"
        if key == "yourself" or (
            key == "your"
            and k + 1 < len(keys)
            and keys[k + 1] in {"questions", "question", "advice", "job"}
        ):
            return True
        if prev in {"if", "when", "once", "until", "unless", "because", "like", "cos"}:
            continue  # "when you're high": people in general
        rest = keys[k + 1 : k + 6]
        verbs = [w for w in rest if w not in _AUX_OR_ADVERB]
        if not verbs:
            if rest and rest[-1] in AUX:
                return True  # "you always do", "you can't"
            continue
        verb, after = verbs[0], verbs[1:3]
        if key == "you're" or (key == "you" and rest[:1] in (["are"], ["were"])):
            if (
                verb in _BOT_NOUNS
                or verb
                in {
                    "a",
                    "an",
                    "right",
                    "wrong",
                    "lying",
                    "judging",
                    "listening",
                    "useless",
                    "annoying",
                    "supposed",
                }
                or (verb in {"just", "only"} and after[:1] in (["a"], ["an"]))
            ):
                return True  # "you're just a bot", "you're not even real"
            continue
        if verb in _TO_BOT_VERBS and not (verb == "get" and after[:1] not in (["it"], ["me"])):
            return True
        if "me" in rest[:4] and verb not in {"feel", "makes", "make", "like", "think"}:
            return True  # "you don't know me", "you can't help me"
        if verb in {"keep", "always", "never"}:
            return True
        if verb in {"say", "ask", "know", "think", "help"} and after[:1] in (
            ["me"],
            ["that"],
            ["it"],
        ):
            return True  # "you always say that", "you know it"
    return False


def _subject_you(tokens: list[Token], i: int) -> bool:
    """Is the "you" at ``i`` a subject ("can you tell", "you wouldn't") or an object
    ("tell you")?"""
    prev = next((t for t in reversed(tokens[:i]) if t.is_word or t.text in ",;:"), None)
    nxt = next((t for t in tokens[i + 1 :] if t.is_word or t.text in ",.;:!?"), None)
    if prev is not None and prev.is_word and prev.key in AUX:
        return True
    if (
        prev is not None
        and prev.is_word
        and (prev.key in PREPOSITIONS or prev.key not in CONJUNCTIONS | WH)
    ):
        return False
    return nxt is not None and nxt.is_word


def _swap_sentence(tokens: list[Token], to_bot: bool) -> list[Token]:
    out = list(tokens)
    subjects: list[tuple[int, str]] = []  # (index, new subject) for agreement
    for i, token in enumerate(tokens):
        if not token.is_word or token.quoted:
            continue
        key = token.key
        if key == "us" and token.text == "US":
            continue  # the country
        if key in _FIRST:
            out[i] = _like(token, _FIRST[key])
            if key in ("i", "we"):
                subjects.append((i, "you"))
        elif to_bot and key == "you":
            is_subject = _subject_you(tokens, i)
            out[i] = _like(token, "I" if is_subject else "me")
            if is_subject:
                subjects.append((i, "I"))
        elif to_bot and key in _SECOND:
            out[i] = _like(token, _SECOND[key])
    for i, subject in subjects:
        table = _AGREE_YOU if subject == "you" else _AGREE_I
        j = _next_verb(out, i)
        after_if = i > 0 and out[i - 1].key == "if"
        if j is not None and out[j].key in table and not (after_if and out[j].key == "were"):
            out[j] = _like(out[j], table[out[j].key])
        elif subject == "I" and j is not None and out[j].key == "aren't":
            out[i] = _like(tokens[i], "I'm")
            out[j] = _like(out[j], "not")
        before = next((k for k in range(i - 1, -1, -1) if out[k].is_word), None)
        if before is not None and out[before].key in table and before >= i - 2:
            out[before] = _like(out[before], table[out[before].key])  # "was I" -> "were you"
    for i, token in enumerate(out):
        if token.key == "i" and token.text == "i":
            out[i] = word("I", token.space)
    return out
