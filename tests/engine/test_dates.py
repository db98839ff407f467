"""Review dates as clients say them, read in their own calendar (bot/engine/dates.py)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.engine import dates, wording
from bot.engine.template import parse_template

WORDS = wording.shipped()  # dialogs/words.yaml


def resolve(said: str, today: date) -> date | None:
    return dates.resolve(said, today, WORDS.reading)


def describe(day: date, today: date) -> str:
    return WORDS.day(day, today)

FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize("said, expected", [
    ("in a week", date(2026, 12, 11)),
    ("In two weeks", date(2026, 12, 18)),
    ("in 3 days", date(2026, 12, 7)),
    ("in a fortnight", date(2026, 12, 18)),
    ("friday", date(2026, 12, 11)),          # today is a Friday: the next one
    ("on Tuesday", date(2026, 12, 8)),
    ("next month", date(2027, 1, 4)),
    ("12 jan", date(2027, 1, 12)),            # passed this year: next year's
    ("the 20th of December", date(2026, 12, 20)),
    ("Dec 20th", date(2026, 12, 20)),
    ("2026-12-24", date(2026, 12, 24)),
    ("at the weekend", date(2026, 12, 5)),
    ("tomorrow", date(2026, 12, 5)),
    ("end of the month", date(2026, 12, 31)),
])
def test_words_name_a_day(said: str, expected: date) -> None:
    assert resolve(said, FRIDAY) == expected


@pytest.mark.parametrize("said", ["at my next therapy session", "soon", "idk man", "",
                                  "2026-02-30"])
def test_words_that_name_no_day(said: str) -> None:
    assert resolve(said, FRIDAY) is None


def test_next_month_keeps_to_the_months_last_day() -> None:
    assert resolve("next month", date(2027, 1, 31)) == date(2027, 2, 28)


def test_a_day_in_words_names_the_year_only_when_it_is_another() -> None:
    assert describe(date(2026, 12, 11), FRIDAY) == "Friday 11 December"
    assert describe(date(2027, 1, 12), FRIDAY) == "Tuesday 12 January 2027"


def test_the_filters_read_the_clients_today() -> None:
    template = parse_template("{when|date|day}")
    assert template.render({"when": "friday", "today": "2026-12-04"}, WORDS) == "Friday 11 December"
    assert template.render({"when": "friday", "today": "2026-12-07"}, WORDS) == "Friday 11 December"
    said = parse_template("{when|date}")
    assert said.render({"when": "soon", "today": "2026-12-04"}, WORDS) == ""
    assert said.render({"when": "2020-01-01", "today": "2026-12-04"}, WORDS) == ""
