"""A question turned into what follows "You're wondering": "were you wrong to ..." ->
"whether you were wrong to ...", "why do you keep ..." -> "why you keep ..."."""

from __future__ import annotations

from .person import _third_singular
from .tokens import Token, sentences, word
from .words import AUX, PAST, WH

_DO = {"do", "does", "did"}
_SUBJECT_WORDS = {
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "this",
    "that",
    "there",
    "people",
    "everyone",
    "anyone",
    "someone",
    "my",
    "your",
    "his",
    "her",
    "their",
    "the",
}


def indirect(tokens: list[Token]) -> list[Token]:
    """The last question of ``tokens`` as an indirect question (words already turned round)."""
    sents = sentences(tokens)
    question = next(
        (s for s in reversed(sents) if any(t.text.startswith("?") for t in s)),
        sents[-1] if sents else [],
    )
    ws = [t for t in question if t.is_word or t.text in (",", "'", "’", "“", "”", '"')]
    while ws and not ws[-1].is_word and ws[-1].text not in ("”", '"', "’"):
        ws.pop()
    if not ws:
        return []
    keys = [t.key for t in ws]
    if keys[0] in WH and len(ws) > 2 and keys[1] in AUX and keys[2] in _SUBJECT_WORDS:
        return [_lower(ws[0])] + _invert(ws[1:])
    if keys[0] in WH:
        return [_lower(ws[0])] + ws[1:]
    if keys[0] in AUX and len(ws) > 1:
        return [word("whether")] + _invert(ws)
    if keys[0] in ("or",):
        ws = ws[1:]
    return [word("whether")] + [_lower(ws[0])] + ws[1:]


def _lower(token: Token) -> Token:
    text = token.text if token.key == "i" else token.text.lower()
    return word(text, True, token.quoted)


def _invert(ws: list[Token]) -> list[Token]:
    """["can", "I", "tell", ...] -> ["I", "can", "tell", ...]; "do" goes, "did" makes a past."""
    aux, rest = ws[0], ws[1:]
    end = _subject_end(rest)
    subject, tail = rest[:end], rest[end:]
    if not subject:
        return [_lower(aux)] + rest
    subject = [_lower(subject[0])] + subject[1:]
    if aux.key in _DO and tail:
        verb = tail[0]
        if aux.key == "did":
            tail = [word(PAST.get(verb.key, _regular_past(verb.key)), True)] + tail[1:]
        elif aux.key == "does":
            tail = [word(_third_singular(verb.text), True)] + tail[1:]
        return subject + tail
    if tail and len(subject) == 1 and aux.key in _CONTRACT.get(subject[0].key, ()):
        return [word(subject[0].text + "'" + _CONTRACT[subject[0].key][aux.key], True)] + tail
    return subject + [word(aux.key, True)] + tail


_CONTRACT = {
    "you": {"are": "re"},
    "i": {"am": "m"},
    "it": {"is": "s"},
    "they": {"are": "re"},
    "he": {"is": "s"},
    "she": {"is": "s"},
    "we": {"are": "re"},
}


def _subject_end(rest: list[Token]) -> int:
    if not rest:
        return 0
    determiners = ("my", "your", "his", "her", "their", "the", "this", "that")
    if rest[0].key in determiners and len(rest) > 1:
        return 2
    return 1


def _regular_past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if (
        len(verb) <= 4
        and len(verb) >= 3
        and verb[-1] not in "aeiouwxy"
        and verb[-2] in "aeiou"
        and verb[-3] not in "aeiou"
    ):
        return verb + verb[-1] + "ed"
    return verb + "ed"
