"""What an answer is about, for selective reflection and care: themes and risks.

    theme("I just want to not get sick from it. Like my liver numbers were bad") -> "health"
    theme("I'm not sure I'm ready to cut down") -> "ambivalence"
    topic("my partner has started to worry", "people") -> "your partner"
    risk("coke, most of a gram, plus maybe 8 drinks") -> "stimulants"

The word lists are staff-editable data (lexicon.yaml: `themes`, `theme_order`, `risks`); here
only how they combine. Matching is on whole words and phrases, after chat spellings are
written out, so "cant remember" finds "can't remember" and "sleep" does not find "asleep".
"""

from __future__ import annotations

from functools import lru_cache

from .tokens import tokenize
from .words import EXPAND, LEXICON

Phrase = tuple[str, ...]

THEME_ORDER: tuple[str, ...] = tuple(LEXICON["theme_order"])
RISKS = ("supply", "depressants", "stimulants", "alone")  # most dangerous first
_DEPRESSANTS = ("alcohol", "benzodiazepines", "opioids", "sleeping_pills", "ghb")
_OWNERS = {"my": "your", "our": "your", "his": "his", "her": "her", "their": "their"}


def _lists(section: str) -> dict[str, tuple[Phrase, ...]]:
    return {
        kind: tuple(tuple(_keys(str(p))) for p in phrases)
        for kind, phrases in LEXICON[section].items()
    }


def _keys(text: str) -> list[str]:
    """Lower-case word keys, chat spellings written out ("idk" -> "i don't know")."""
    out: list[str] = []
    for token in tokenize(text):
        if token.is_word:
            out += EXPAND.get(token.key, (token.key,))
    return out


_THEMES = _lists("themes")
_RISKS = _lists("risks")
_URGENT = {"urgent": tuple(tuple(_keys(str(p))) for p in LEXICON["urgent"])}


def _find(keys: tuple[str, ...], phrases: tuple[Phrase, ...]) -> int:
    """Where the first of ``phrases`` starts in ``keys`` (-1 when none is there)."""
    for start in range(len(keys)):
        for phrase in phrases:
            if phrase and keys[start : start + len(phrase)] == phrase:
                return start
    return -1


@lru_cache(maxsize=1024)
def _mentions(text: str, section: str) -> frozenset[str]:
    keys = tuple(_keys(text))
    lists = {"themes": _THEMES, "risks": _RISKS, "urgent": _URGENT}[section]
    return frozenset(kind for kind, phrases in lists.items() if _find(keys, phrases) >= 0)


def theme(text: str) -> str:
    """The first theme of ``theme_order`` that ``text`` mentions, or "". Ambivalence needs a
    hesitation and a change word together: "not sure" alone is only vague."""
    found = _mentions(str(text or ""), "themes")
    for kind in THEME_ORDER:
        if kind == "ambivalence" and "change" not in found:
            continue
        if kind in found:
            return kind
    return ""


def topic(text: str, kind: str) -> str:
    """The client's own word for ``kind`` (a theme or a risk list), turned to "you" with the
    word that owns it ("my liver" -> "your liver"); "" when ``text`` does not mention it."""
    tokens = [t for t in tokenize(str(text or "")) if t.is_word]
    keys = tuple(t.key for t in tokens)
    phrases = _THEMES.get(kind) or _RISKS.get(kind) or ()
    start = _find(keys, phrases)
    if start < 0:
        return ""
    length = next(len(p) for p in phrases if keys[start : start + len(p)] == p)
    words = [t.text.lower() if t.key != "i" else "I" for t in tokens[start : start + length]]
    owner = _OWNERS.get(keys[start - 1]) if start > 0 else None
    return " ".join(([owner] if owner else []) + words)


def risk(text: str) -> str:
    """The most dangerous of `supply`, `depressants`, `stimulants`, `alone` that ``text``
    mentions, or "". A depressant mix is two kinds together, one of them not alcohol."""
    found = _mentions(str(text or ""), "risks")
    depressants = [kind for kind in _DEPRESSANTS if kind in found]
    if "supply" in found:
        return "supply"
    if len(depressants) >= 2:
        return "depressants"
    if "stimulants" in found and "alcohol" in found:
        return "stimulants"
    return "alone" if "alone" in found else ""


def urgent(text: str) -> bool:
    """Does ``text`` ask for help with an urge now ("i really want to use right now please
    help")? The phrases are lexicon.yaml's `urgent` list."""
    return "urgent" in _mentions(str(text or ""), "urgent")
