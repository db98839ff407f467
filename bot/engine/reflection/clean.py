"""Cleaning: chat spellings written out, fillers and hedges dropped, stutters collapsed."""

from __future__ import annotations

import re

from .tokens import ENDS, Token, word
from .words import EXPAND, FILLER_PHRASES, FILLERS, HEDGES, OPENERS

_LONG_LETTERS = re.compile(r"(\w)\1{2,}")
_SHORT = {"so", "no", "yes", "please", "hi", "oh", "ok", "omg", "why", "what", "now", "go"}
_KIND_OF_KEEP = {
    "a",
    "an",
    "the",
    "what",
    "this",
    "that",
    "some",
    "any",
    "which",
    "every",
    "no",
    "one",
    "other",
    "same",
    "different",
    "my",
    "your",
    "their",
    "his",
    "her",
    "its",
}


def clean(tokens: list[Token]) -> list[Token]:
    tokens = _expand([_unstretch(t) for t in tokens])
    tokens = _collapse_repeats(tokens)
    tokens = _drop_phrases(tokens, FILLER_PHRASES, anywhere=True)
    tokens = _tidy_punctuation([t for t in tokens if t.key not in FILLERS or t.quoted])
    tokens = _drop_phrases(tokens, HEDGES, anywhere=False)
    tokens = _drop_openers(tokens)
    tokens = _calm_shouting(tokens)
    return _tidy_punctuation(tokens)


def _unstretch(token: Token) -> Token:
    """ "sooo" -> "so", "noooo" -> "no"; a stutter "w-w-want" -> "want"; "I-I" -> "I"."""
    if not token.is_word:
        if token.text[:1] in "!?." and len(token.text) > 1:
            token.text = "?" if "?" in token.text else token.text[0]
        return token
    text = token.text
    if "-" in text:
        parts = text.split("-")
        last = parts[-1]
        if len(parts) > 1 and all(
            last.lower().startswith(p.lower()) and len(p) <= len(last) for p in parts[:-1] if p
        ):
            text = last
    if _LONG_LETTERS.search(text):
        once = _LONG_LETTERS.sub(r"\1", text)
        text = once if once.lower() in _SHORT else _LONG_LETTERS.sub(r"\1\1", text)
    if text != token.text:
        return word(text, token.space, token.quoted)
    return token


def _expand(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for i, token in enumerate(tokens):
        key = token.key
        if key == "i" and token.text == "i":
            token = word("I", token.space, token.quoted)
        replacement = EXPAND.get(key) if token.is_word and not token.quoted else None
        if key == "im" and token.text == "IM":
            replacement = None
        if key == "ur":
            nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
            you_are = nxt.endswith("ing") or nxt in {
                "not",
                "so",
                "right",
                "wrong",
                "just",
                "a",
                "the",
                "going",
                "always",
                "never",
                "being",
            }
            replacement = ("you're",) if you_are else ("your",)
        if replacement is None:
            out.append(token)
            continue
        for j, text in enumerate(replacement):
            if j == 0 and token.text[:1].isupper() and text[:1].islower() and key != "i":
                text = text[0].upper() + text[1:]
            out.append(word(text, token.space if j == 0 else True, token.quoted))
    return out


def _collapse_repeats(tokens: list[Token]) -> list[Token]:
    """ "I I I want" -> "I want"; "i was i was" -> "I was" (one- and two-word repeats); a
    phrase pasted again and again is said once."""
    out: list[Token] = []
    tokens = _collapse_phrases(tokens)
    for token in tokens:
        if token.is_word and out and out[-1].key == token.key and token.key not in ("had", "that"):
            continue
        out.append(token)
        if (
            len(out) >= 4
            and all(t.is_word for t in out[-4:])
            and out[-4].key == out[-2].key
            and out[-3].key == out[-1].key
        ):
            del out[-2:]
    return out


def _collapse_phrases(tokens: list[Token], longest: int = 12) -> list[Token]:
    """A run of 3 to ``longest`` words repeated right after itself is kept once."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for n in range(3, longest + 1):
            if (
                i + 2 * n <= len(tokens)
                and tokens[i].is_word
                and all(
                    tokens[i + k].key == tokens[i + n + k].key
                    and tokens[i + k].text[:1] not in ".!?"
                    for k in range(n)
                )
            ):
                i += n  # drop the first copy; the second is kept (and checked again)
                break
        else:
            copy = _cut_copy(tokens, i, longest)
            if copy:
                return out + tokens[i : i + copy]
            out.append(tokens[i])
            i += 1
    return out


def _cut_copy(tokens: list[Token], i: int, longest: int) -> int:
    """When the rest of the message from ``i`` is a phrase then the start of it again (a paste
    cut short), the phrase's length; else 0."""
    end = len(tokens)
    while end > i and not tokens[end - 1].is_word:
        end -= 1
    rest = end - i
    for n in range(3, longest + 1):
        tail = rest - n
        if 3 <= tail < n and all(
            tokens[i + k].key == tokens[i + n + k].key for k in range(tail - 1)
        ):
            return n
    return 0


def _keys(tokens: list[Token], i: int, n: int) -> tuple[str, ...]:
    return tuple(t.key for t in tokens[i : i + n])


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word, longest first: each token is checked only against those."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(found) for first, found in index.items()}


_FILLER_INDEX = _by_first_word(FILLER_PHRASES)
_HEDGE_INDEX = _by_first_word(HEDGES)
_OPENER_INDEX = _by_first_word(OPENERS)


def _drop_phrases(
    tokens: list[Token], phrases: tuple[tuple[str, ...], ...], anywhere: bool
) -> list[Token]:
    """Drop phrases; hedges (``anywhere`` false) only where a clause starts or ends."""
    index = _FILLER_INDEX if phrases is FILLER_PHRASES else _HEDGE_INDEX
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for phrase in index.get(tokens[i].key, ()):
            n = len(phrase)
            if _keys(tokens, i, n) != phrase or tokens[i].quoted:
                continue
            if anywhere or _hedge_here(tokens, i, n, out):
                i += n
                if (
                    i < len(tokens)
                    and tokens[i].text == ","
                    and (not out or out[-1].is_word or out[-1].text == ",")
                ):
                    i += 1  # "feel like, stuck" -> "feel stuck"
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _hedge_here(tokens: list[Token], i: int, n: int, before: list[Token]) -> bool:
    phrase = _keys(tokens, i, n)
    prev = before[-1] if before else None
    nxt = tokens[i + n] if i + n < len(tokens) else None
    at_start = prev is None or not prev.is_word or prev.key in ("and", "but", "so", "because")
    at_end = nxt is None or not nxt.is_word
    if phrase in (("kind", "of"), ("sort", "of")):
        return prev is None or prev.key not in _KIND_OF_KEEP
    if phrase == ("like",):
        if nxt is not None and nxt.key[:1].isdigit():
            return True  # "like 5 beers"
        if prev is not None and prev.key in ("was", "is", "'s", "it's", "just", "were", "am"):
            return nxt is not None and nxt.key in (
                "so",
                "really",
                "super",
                "totally",
                "very",
                "completely",
                "literally",
                "just",
                "a",
                "the",
            )
        if prev is not None and prev.key in ("then", "and", "but") and nxt is not None:
            return True  # "and then like another one"
        return at_start or (nxt is not None and nxt.text == ",")
    if phrase in (("man",), ("mate",), ("dude",), ("bro",)):  # said to someone, not about them
        return (
            at_end
            or (nxt is not None and nxt.text == ",")
            or (prev is not None and prev.key in ("know", "honestly", "lol", "ugh", "okay", "yeah"))
        )
    if phrase == ("you", "know"):
        return (
            at_end
            or (nxt is not None and nxt.text == ",")
            or (at_start and nxt is not None and nxt.key in ("i", "i'm", "it", "when", "like"))
        )
    return at_start or at_end


def _drop_openers(tokens: list[Token]) -> list[Token]:
    """Drop discourse openers ("so", "well", "yeah", "ok") where a sentence starts."""
    out: list[Token] = []
    i = 0
    start = True
    while i < len(tokens):
        token = tokens[i]
        if start and token.text in (",", "-", "—", "…", "."):
            i += 1
            continue
        if start and token.is_word and not token.quoted:
            for phrase in _OPENER_INDEX.get(token.key, ()):
                n = len(phrase)
                if _keys(tokens, i, n) == phrase and _more_follows(tokens, i + n):
                    if phrase in _UNSURE and not _hedge_follows(tokens, i + len(phrase)):
                        continue
                    i += len(phrase)
                    break
            else:
                start = False
                out.append(token)
                i += 1
            continue
        out.append(token)
        start = token.text in ENDS
        i += 1
    return out


_UNSURE = {("i", "don't", "know"), ("don't", "know"), ("not", "sure"), ("i'm", "not", "sure")}


def _hedge_follows(tokens: list[Token], i: int) -> bool:
    """ "I don't know, maybe the stress" is unsure; "I don't know why I did it" says something."""
    return i < len(tokens) and (
        tokens[i].text in (",", "…", "-")
        or tokens[i].key in {"maybe", "probably", "just", "like", "but"}
    )


def _more_follows(tokens: list[Token], i: int) -> bool:
    return any(t.is_word for t in tokens[i : i + 3])


def _calm_shouting(tokens: list[Token]) -> list[Token]:
    """A message in capitals is lowered; a word or two in capitals is emphasis and kept."""
    long_words = [t for t in tokens if t.is_word and len(t.text) > 1]
    shouted = [t for t in long_words if t.text.isupper()]
    if long_words and len(shouted) > max(2, len(long_words) // 2):
        return [
            word(t.text.lower() if t.key != "i" else "I", t.space, t.quoted) if t.is_word else t
            for t in tokens
        ]
    return tokens


def _tidy_punctuation(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        if (
            not token.is_word
            and token.text in ",;:"
            and (not out or not out[-1].is_word and out[-1].text in ",;:")
        ):
            continue
        out.append(token)
    return out
