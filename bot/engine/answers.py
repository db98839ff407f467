"""Reading a typed answer for each kind of question. Pure; returns None when it does not fit."""
from __future__ import annotations

import re
import unicodedata

_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
_YES = {"yes", "y", "yeah", "yep", "yup", "ya", "yea", "sure", "ok", "okay", "of course", "definitely", "i do", "please", "👍", "✅"}
_NO = {"no", "n", "nope", "nah", "not really", "no thanks", "not now", "i don't", "i dont", "👎", "❌"}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def clean_text(text: str) -> str:
    """Drop control and format characters except newlines and right-to-left marks; trim."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\n\t" or ch in "\u200e\u200f\u200d" or category[0] != "C":
            kept.append(ch)
    return "".join(kept).strip()


def parse_number(text: str) -> float | None:
    word = text.strip().lower().rstrip(".!")
    word = re.sub(r"\s*/\s*10$", "", word)  # "7/10"
    if word in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[word])
    try:
        value = float(word.replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def parse_scale(text: str, low: float, high: float) -> int | None:
    value = parse_number(text)
    if value is None or value != int(value) or not low <= value <= high:
        return None
    return int(value)


def parse_yesno(text: str) -> str | None:
    word = text.strip().lower().rstrip(".!")
    if word in _YES:
        return "yes"
    if word in _NO:
        return "no"
    return None


def parse_time(text: str) -> str | None:
    word = text.strip().lower().replace(" ", "")
    if word in ("noon", "midday"):
        return "12:00"
    if word == "midnight":
        return "00:00"
    match = _TIME.match(word)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
