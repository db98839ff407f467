"""The shape of an answer, for flows to branch on and for stems to fit."""

from __future__ import annotations

from .tokens import Token, sentences
from .words import AUX, NEGATIONS, PAST_FORMS, SUBJECTS, TELLING, VAGUE, WH

VAGUE_SHAPE = "vague"
SHAPES = ("clause", "fragment", "question", "negation", "vague", "long")
LONG_WORDS = 20
_VERBISH = AUX | {
    "feel",
    "felt",
    "want",
    "need",
    "think",
    "know",
    "get",
    "got",
    "go",
    "went",
    "drink",
    "drank",
    "use",
    "used",
    "like",
    "hate",
    "love",
    "make",
    "made",
    "keep",
    "can't",
    "don't",
    "didn't",
    "won't",
    "wouldn't",
    "couldn't",
    "is",
    "it's",
    "that's",
    "there's",
    "help",
    "helps",
    "start",
    "stop",
    "try",
    "tried",
    "says",
    "say",
    "said",
    "gets",
    "makes",
    "wants",
    "needs",
    "takes",
    "take",
    "calms",
    "seem",
    "seems",
    "lose",
    "lost",
    "miss",
    "missed",
    "been",
    "being",
}


def is_question(tokens: list[Token]) -> bool:
    """A question: ends with "?" or opens as one ("can you tell me", "why do I")."""
    sents = sentences(tokens)
    if not sents:
        return False
    last = sents[-1]
    if any(t.text.startswith("?") for s in (sents[0], last) for t in s[-2:]):
        return True
    keys = [t.key for t in last if t.is_word]
    if (
        len(sents) == 1
        and len(keys) >= 2
        and keys[0] in ("how", "why", "what", "who", "which")
        and keys[1] not in SUBJECTS | {"i", "you", "my", "your", "the", "a"}
    ):
        return True
    if len(keys) >= 2 and keys[0] in AUX and keys[1] in SUBJECTS | {"i", "you"} and len(sents) == 1:
        return keys[0] not in ("had",)
    return len(keys) >= 2 and keys[0] in WH and keys[1] in AUX and len(sents) == 1


def classify(raw: list[Token], cleaned: list[Token]) -> str:
    """clause, fragment, question, negation, vague or long."""
    words = [t for t in cleaned if t.is_word]
    if not words:
        return VAGUE_SHAPE
    text = " ".join(t.key for t in words)
    if text in VAGUE or (len(words) <= 6 and all(t.key in _VAGUE_WORDS for t in words)):
        return VAGUE_SHAPE
    if is_question(cleaned):
        return "question"
    if len(words) > LONG_WORDS:
        return "long"
    keys = {t.key for t in words}
    first = [t.key for t in sentences(cleaned)[0] if t.is_word][:4]
    if keys & NEGATIONS or any(k.endswith("n't") for k in first):
        return "negation" if _negates_main(first) else clause_or_fragment(words)
    return clause_or_fragment(words)


_VAGUE_WORDS = {
    "idk",
    "dunno",
    "i",
    "don't",
    "know",
    "not",
    "sure",
    "whatever",
    "nothing",
    "really",
    "no",
    "idea",
    "meh",
    "nah",
    "hmm",
    "um",
    "guess",
    "so",
    "maybe",
    "just",
    "?",
    "eh",
    "yeah",
    "ok",
    "okay",
    "fine",
    "k",
    "even",
    "honestly",
    "that",
    "tell",
    "think",
    "of",
    "any",
    "anything",
    "can",
    "can't",
    "there",
    "isn't",
    "none",
    "see",
    "say",
    "right",
    "now",
    "it",
    "is",
    # "nope, that's about it", "nothing else really": nothing more to add
    "that's",
    "thats",
    "all",
    "about",
    "covers",
    "else",
    "more",
    "nope",
    "much",
    "pretty",
}


def _negates_main(first: list[str]) -> bool:
    return any(k in NEGATIONS or k.endswith("n't") for k in first)


def clause_or_fragment(words: list[Token]) -> str:
    """A fragment has no verb ("my kids", "stress at work"); when unsure, a clause (a clause
    taken for a fragment would read far worse after "because of")."""
    keys = [t.key for t in words]
    if len(keys) > 1 and keys[0] == "to" and keys[1] not in SUBJECTS:
        return "fragment"  # "to feel less alone": an infinitive, no subject
    if keys and keys[0] in _NOUN_STARTS:  # "the tired part of me that never gets a break"
        keys = keys[: next((i for i, k in enumerate(keys) if k in _RELATIVE), len(keys))]
    if len(keys) > 8 or any(k in SUBJECTS or k in _VERBISH or k in PAST_FORMS for k in keys):
        return "clause"
    for i, k in enumerate(keys[1:], 1):
        if k.endswith("ed") and len(k) > 3 and k not in TELLING["feeling"]:
            return "clause"
        if (
            k.endswith("s")
            and not k.endswith("ss")
            and i < len(keys) - 1
            and keys[i - 1] not in _DETERMINERS
            and not keys[i - 1][:1].isdigit()
        ):
            return "clause"
    return "fragment"


_NOUN_STARTS = {"the", "a", "an", "my", "your", "his", "her", "their", "our", "this", "some"}
_RELATIVE = {"that", "who", "which", "where", "when", "whose"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "my",
    "your",
    "his",
    "her",
    "their",
    "our",
    "some",
    "no",
    "and",
    "of",
    "at",
    "in",
    "on",
    "few",
    "many",
    "more",
    "those",
    "these",
    "all",
}
