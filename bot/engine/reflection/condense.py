"""Condensing: a long message comes back as its most telling clause or two, never whole."""

from __future__ import annotations

from .tokens import Token, sentences, word
from .words import FEELING_WORDS as FEELINGS
from .words import FUNCTION, META, PAST_FORMS, TELLING

MAX_WORDS = 20
_BREAKS = {"but", "because", "though", "although", "cos", "so", "and"}
_WEIGHTS = {"feeling": 3.0, "want": 2.0, "values": 2.0, "substance": 2.0, "people": 1.5}
# The client's own words, after the person is turned ("I" -> "you").
_CLIENT = {"you", "you're", "you've", "you'd", "you'll", "your", "yourself"}


def clauses(tokens: list[Token]) -> list[list[Token]]:
    """Sentences split at commas and at "but"/"because"/"so"/"and" between two clauses."""
    out: list[list[Token]] = []
    for sentence in sentences(tokens):
        current: list[Token] = []
        for k, token in enumerate(sentence):
            starts_clause = token.is_word and token.key in _BREAKS and _clause_follows(sentence, k)
            if (token.text in (",", ";", ":", "—", "-") or starts_clause) and _words(current) >= 3:
                out.append(current)
                current = [] if not token.is_word else [token]
                continue
            if not token.is_word and token.text in ".!?…;\n":
                continue
            current.append(token)
        if _words(current):
            if out and _words(current) < 3 and out[-1] and out[-1][-1] in sentence:
                out[-1] += current
            else:
                out.append(current)
    return out


def _clause_follows(sentence: list[Token], k: int) -> bool:
    nxt = [t.key for t in sentence[k + 1 : k + 3] if t.is_word]
    return bool(nxt) and (
        nxt[0]
        in {
            "i",
            "i'm",
            "i've",
            "i'd",
            "it",
            "it's",
            "he",
            "she",
            "they",
            "we",
            "you",
            "that",
            "there",
            "my",
            "then",
            "now",
            "you're",
            "your",
            "you've",
            "you'd",
        }
    )


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.is_word)


def score(clause: list[Token]) -> float:
    keys = [t.key for t in clause if t.is_word]
    if not keys:
        return -1.0
    total = 0.0
    for kind, weight in _WEIGHTS.items():
        total += weight * sum(1 for k in keys if k in TELLING[kind])
    total += sum(
        1.5
        for t in clause
        if t.is_word and t.text[:1].isupper() and t.key != "i" and t is not clause[0]
    )
    total += 1.0 if any(k in _CLIENT for k in keys) else 0.0
    total -= 3.0 * sum(1 for k in keys if k in META)
    content = sum(1 for k in keys if k not in FUNCTION)
    return total + 0.2 * content


def condense(tokens: list[Token], limit: int = MAX_WORDS) -> list[Token]:
    """At most ``limit`` words: the message itself when short, else its best clause or two."""
    if _words(tokens) <= limit:
        if _many_sentences(tokens):
            return _join(clauses(tokens))
        return _with_subject(tokens)
    parts = clauses(tokens)
    ranked = sorted(range(len(parts)), key=lambda i: (-score(parts[i]), i))
    chosen = [ranked[0]]
    for i in ranked[1:]:
        fits = sum(_words(parts[j]) for j in chosen) + _words(parts[i]) <= limit
        if fits and score(parts[i]) > 2:
            chosen.append(i)
            break
    picked = [parts[i] for i in sorted(chosen)]
    while picked[0] and picked[0][0].key in ("and", "so", "then"):
        picked[0] = picked[0][1:]  # the clause was cut from its sentence: no "and ..." first
    return _cut(_join(picked), limit)


def _many_sentences(tokens: list[Token]) -> bool:
    return len(sentences(tokens)) > 1


def _join(parts: list[list[Token]]) -> list[Token]:
    """Clauses as one clause: "A, and B" ("A, but B" when B brings its own link)."""
    out: list[Token] = []
    for part in parts:
        part = [t for t in part if t.text not in ("\n",)]
        while part and not part[-1].is_word and part[-1].text not in ("”", '"', "’", ")"):
            part = part[:-1]
        while part and not part[0].is_word and part[0].text not in ("“", '"', "‘", "("):
            part = part[1:]
        if not part:
            continue
        part = _with_subject(part)
        if out:
            out.append(Token(",", False))
            if (
                part[0].key not in _BREAKS | {"then", "which", "who"}
                and _has_verb(out)
                and _has_verb(part)
            ):
                out.append(word("and"))
            first = part[0]
            part = [
                word(
                    first.text if _keeps_capital(first) else first.text.lower(), True, first.quoted
                )
            ] + part[1:]
        out += part
    return out


def _keeps_capital(token: Token) -> bool:
    return token.key == "i" or (
        token.text[:1].isupper() and token.key not in FUNCTION and token.key not in _COMMON_STARTS
    )


_COMMON_STARTS = {
    "it",
    "its",
    "it's",
    "that",
    "this",
    "there",
    "then",
    "now",
    "today",
    "last",
    "when",
    "after",
    "before",
    "every",
    "sometimes",
    "maybe",
    "still",
    "even",
    "work",
    "drinking",
    "using",
    "everything",
    "nothing",
    "something",
    "mostly",
    "honestly",
    "yesterday",
    "tonight",
    "weekends",
    "being",
    "getting",
    "feeling",
}


def _cut(tokens: list[Token], limit: int) -> list[Token]:
    """At most ``limit`` words, ending on a word that can end a clause."""
    if _words(tokens) <= limit:
        return tokens
    out: list[Token] = []
    count = 0
    for token in tokens:
        if token.is_word:
            count += 1
            if count > limit:
                break
        out.append(token)
    # end at a comma when one is near, else drop trailing function words
    commas = [k for k, t in enumerate(out) if t.text == "," and _words(out[:k]) >= limit // 2]
    if commas:
        out = out[: commas[-1]]
    while out and (
        not out[-1].is_word
        or out[-1].key in FUNCTION - {"me", "it", "them", "you", "him", "her", "us"}
    ):
        out.pop()
    return out


_DROPPED_SUBJECT = {
    "can't",
    "don't",
    "didn't",
    "won't",
    "couldn't",
    "wasn't",
    "want",
    "need",
    "feel",
    "had",
    "got",
    "went",
    "kept",
    "lost",
    "spent",
    "took",
    "used",
    "tried",
    "wish",
    "hate",
    "love",
    "miss",
    "missed",
    "really",
    "just",
}


def _with_subject(part: list[Token]) -> list[Token]:
    """Chat drops the "I": "relapsed again", "can't sleep" -> "you relapsed again"."""
    first = part[0] if part else None
    if first is None or not first.is_word:
        return part
    key = first.key
    if key == "been":
        return [word("you've", first.space)] + [word(first.text.lower())] + part[1:]
    past = (key in PAST_FORMS or (key.endswith("ed") and len(key) > 4)) and key not in FEELINGS
    if (past or key in _DROPPED_SUBJECT) and not (key in ("really", "just") and len(part) < 2):
        if key in ("really", "just") and not (
            part[1].key in _DROPPED_SUBJECT or part[1].key in PAST_FORMS
        ):
            return part
        return [word("you", first.space)] + [word(first.text.lower())] + part[1:]
    return part


def _has_verb(tokens: list[Token]) -> bool:
    """Does the clause so far say something (else "your mum, she's ..." needs no "and")?"""
    from .shapes import clause_or_fragment  # shapes imports nothing of this module

    return clause_or_fragment([t for t in tokens if t.is_word]) == "clause"
