"""Reading a typed answer for each kind of question. Pure; returns None when it does not fit."""

from __future__ import annotations

import re
import unicodedata

from . import matching

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
    """One number, however it is written ("7", "seven", "about 6", "7,5"); None otherwise."""
    values = matching.read_number(text)
    return values[0] if len(values) == 1 else None


def parse_yesno(text: str) -> str | None:
    """'yes' or 'no' for the everyday ways of saying them ("yeah ok", "not really")."""
    return matching.polarity(text)


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
