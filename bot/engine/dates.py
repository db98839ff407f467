"""Dates the way clients say them: "in a week", "friday", "next month", "12 jan", "2026-12-11".

Pure: every answer is read against ``today`` (the client's local date, which the host puts in
the context as `today`), so a goal's review date is a real day in the client's own calendar.
A date that has already passed this year means next year's; words that name no day ("at my
next session", "soon") are not a date (None), and the flow asks again or keeps them as words.
The words read ("tomorrow", "in", "weeks", the names of days and months ...) are content: the
bot's words file (dialogs/words.yaml, `dates_...`), read by bot/engine/wording.py.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
SATURDAY = 5


@dataclass(frozen=True)
class DateWords:
    """The words of typed dates, as the patterns that find them (bot/engine/dates.py)."""

    today: re.Pattern[str]
    tomorrow: re.Pattern[str]
    relative: re.Pattern[str]  # "in <count> <unit>"
    numbers: Mapping[str, int]
    days: Mapping[str, int]
    months_unit: frozenset[str]
    next_month: re.Pattern[str]
    month_end: re.Pattern[str]
    next_week: re.Pattern[str]
    weekend: re.Pattern[str]
    filler: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    weekdays: tuple[re.Pattern[str], ...]  # Monday first
    months: tuple[str, ...]  # small letters, January first


def resolve(text: str, today: date, words: DateWords) -> date | None:
    """The day ``text`` names, counted from ``today``; None when it names no day."""
    said = " ".join(str(text or "").lower().replace(",", " ").replace(".", " ").split())
    if not said:
        return None
    iso = _ISO.search(said)
    if iso:
        return _safe(int(iso[1]), int(iso[2]), int(iso[3]))
    if words.today.search(said):
        return today
    if words.tomorrow.search(said):
        return today + timedelta(days=1)
    relative = words.relative.search(said)
    if relative:
        count = _count(relative[1], words)
        unit = " ".join(relative[2].split())
        if unit in words.months_unit:
            return _add_months(today, count)
        return today + timedelta(days=count * words.days[unit])
    if words.next_month.search(said):
        return _add_months(today, 1)
    if words.month_end.search(said):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if words.next_week.search(said):
        return today + timedelta(days=7)
    if words.weekend.search(said):
        return _next_weekday(today, SATURDAY, include_today=True)
    stripped = words.filler.sub(" ", said)
    named = _day_and_month(stripped, today, words)
    if named is not None:
        return named
    for index, pattern in enumerate(words.weekdays):
        if pattern.search(stripped):
            return _next_weekday(today, index, include_today=False)
    return None


def _day_and_month(said: str, today: date, words: DateWords) -> date | None:
    for pattern, day_first in ((words.day_month, True), (words.month_day, False)):
        for match in pattern.finditer(said):
            number, word = (match[1], match[2]) if day_first else (match[2], match[1])
            month = _month(word, words.months)
            if month is None:
                continue
            found = _safe(today.year, month, int(number))
            if found is not None and found < today:
                found = _safe(today.year + 1, month, int(number))
            if found is not None:
                return found
    return None


def _month(word: str, months: tuple[str, ...]) -> int | None:
    """The month ``word`` names: the whole name, or its first three letters or more."""
    for index, name in enumerate(months):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return index + 1
    return None


def _count(word: str, words: DateWords) -> int:
    word = " ".join(word.split())
    return int(word) if word.isdigit() else words.numbers.get(word, 1)


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
