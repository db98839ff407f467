"""The `reflect` filter: a client's own words turned to the second person.

"I feel like my drinking is out of control" -> "you feel like your drinking is out of control".
Only first-person words change (I, me, my, mine, myself, I'm, I've, I'd, I'll, and am/was
after I); every other word is left exactly as the client wrote it.
"""
from __future__ import annotations

import re

_SWAPS = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "ive": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "am": "are",
}
_AFTER_I = {"was": "were", "wasn't": "weren't"}
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_TRAILING = re.compile(r"[\s.!?…]+$")


def reflect(text: str) -> str:
    """Second-person version of ``text``, ready to sit inside a sentence."""
    text = _TRAILING.sub("", str(text).strip())
    parts: list[str] = []
    last = 0
    words_since_i = 99  # "was" turns into "were" only shortly after "I" ("I really was")
    for match in _WORD.finditer(text):
        word = match.group(0)
        key = word.lower().replace("’", "'")
        if re.search(r"[,.;:!?]", text[last:match.start()]):
            words_since_i = 99
        swap = _SWAPS.get(key)
        if key == "im" and word == "IM":  # the abbreviation, not "I'm" without its apostrophe
            swap = None
        if swap is None and words_since_i <= 2:
            swap = _AFTER_I.get(key)
        words_since_i = 0 if key in ("i", "i'm", "im") else words_since_i + 1
        parts.append(text[last:match.start()])
        if swap and "’" in word:
            swap = swap.replace("'", "’")  # keep the client's kind of apostrophe
        parts.append(swap.upper() if swap and word.isupper() and len(word) > 1 else swap or word)
        last = match.end()
    parts.append(text[last:])
    return _lower_first("".join(parts))


# Words that keep their capital when they start the client's words.
_PROPER = set("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december christmas easter god""".split())


def _lower_first(text: str) -> str:
    """Lower the first letter so the words fit mid-sentence, unless it starts an acronym or a
    day, month or holiday ("Friday night was hard" stays "Friday night was hard")."""
    first = text.split(" ", 1)[0].strip(".,!?;:").lower()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and first not in _PROPER:
        return text[0].lower() + text[1:]
    return text
