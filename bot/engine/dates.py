"""Dates the way clients say them: "in a week", "friday", "next month", "12 jan", "2026-12-11".

Pure: every answer is read against ``today`` (the client's local date, which the host puts in
the context as `today`), so a goal's review date is a real day in the client's own calendar.
A date that has already passed this year means next year's; words that name no day ("at my
next session", "soon") are not a date (None), and the flow asks again or keeps them as words.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}
_FILLER = re.compile(r"\b(?:on|by|at|the|this|coming|around|about|maybe|until|till|of)\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_IN = re.compile(
    r"\bin\s+(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"(?:a\s+)?couple\s+of|(?:a\s+)?few)\s+(days?|weeks?|months?|fortnight)\b"
)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\b")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?\b")


def resolve(text: str, today: date) -> date | None:
    """The day ``text`` names, counted from ``today``; None when it names no day."""
    said = " ".join(str(text or "").lower().replace(",", " ").replace(".", " ").split())
    if not said:
        return None
    iso = _ISO.search(said)
    if iso:
        return _safe(int(iso[1]), int(iso[2]), int(iso[3]))
    if re.search(r"\btoday\b|\btonight\b", said):
        return today
    if re.search(r"\btomorrow\b", said):
        return today + timedelta(days=1)
    relative = _IN.search(said)
    if relative:
        count = _count(relative[1])
        unit = relative[2]
        if unit.startswith("month"):
            return _add_months(today, count)
        return today + timedelta(days=count * UNITS[unit])
    if re.search(r"\bnext month\b|\ba month\b", said):
        return _add_months(today, 1)
    if re.search(r"\bend of (?:the )?month\b", said):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if re.search(r"\bnext week\b|\ba week\b|\bone week\b", said):
        return today + timedelta(days=7)
    if re.search(r"\bweekend\b", said):
        return _next_weekday(today, 5, include_today=True)
    stripped = _FILLER.sub(" ", said)
    named = _day_and_month(stripped, today)
    if named is not None:
        return named
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name[:3]}(?:{name[3:]})?\b", stripped):
            return _next_weekday(today, index, include_today=False)
    return None


def describe(day: date, today: date | None = None) -> str:
    """'Friday 11 December' (with the year when it is not this year's)."""
    words = f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1].capitalize()}"
    return words if today is None or day.year == today.year else f"{words} {day.year}"


def _day_and_month(said: str, today: date) -> date | None:
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for match in pattern.finditer(said):
            number, word = (match[1], match[2]) if day_first else (match[2], match[1])
            month = _month(word)
            if month is None:
                continue
            found = _safe(today.year, month, int(number))
            if found is not None and found < today:
                found = _safe(today.year + 1, month, int(number))
            if found is not None:
                return found
    return None


def _month(word: str) -> int | None:
    for index, name in enumerate(MONTHS):
        if word == name or (len(word) >= 3 and name.startswith(word)) or word == "sept" == name[:4]:
            return index + 1
    return None


def _count(word: str) -> int:
    word = " ".join(word.split())
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _next_weekday(today: date, weekday: int, *, include_today: bool) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
