"""The words the engine itself puts into messages and reads in answers, from dialogs/words.yaml.

Templates' filters write with them (`|day` names a day, `|list` joins "a, b, and c", `|bullets`,
`|quote`, `|join`, and a list shown as it is), and typed dates are read with them ("tomorrow",
"in a week", "friday", "12 jan": bot/engine/dates.py). They live in the bot's words file (the
registry's `words: bot:`, else the one shipped), beside the host's own words (bot/words.py), so
one file holds every word of the bot outside the flows, and staff can translate it.

``read`` checks this module's keys in a words file already parsed and reports every problem
with file, line and column; bot/words.py checks the rest of the file and calls it. ``of`` gives
a flow set's wording, read once per flow-set version, so /reload and the studio pick up an edit
and a conversation pinned to an older flow set keeps that set's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import DateWords
from .problems import Problem, suggest
from .template import FILTERS, Template, TemplateSyntaxError, parse_template
from .yamlfile import LocatedDict, YamlProblem, parse_yaml

if TYPE_CHECKING:
    from .spec import FlowSet

SHIPPED = Path(__file__).resolve().parents[2] / "dialogs" / "words.yaml"

# what a date's words may use (``Wording.written``)
DATE_VARS = ("weekday", "wd", "day", "dd", "month", "mon", "year", "time")

# key -> the variables its words may use
FORMATS: dict[str, tuple[str, ...]] = {
    "date_day": DATE_VARS,  # {x|day}: a day this year
    "date_day_year": DATE_VARS,  # {x|day}: a day of another year
    "list_word": (),  # {x|list}: the word before the last item ({x|list:or} gives another)
    "list_two": ("first", "word", "last"),  # {x|list} of two items
    "list_more": ("first", "word", "last"),  # {x|list} of three or more: {first} the rest
    "list_separator": (),  # between items: {x|join}, {x|list}'s first ones, a list as it is
    "bullet": ("item",),  # {x|bullets}: one line
    "quote": ("text",),  # {x|quote}
}
# lists of names -> how many (Monday first, January first)
NAMES: dict[str, int] = {"weekdays": 7, "weekdays_short": 7, "months": 12, "months_short": 12}
# words read in a typed date (bot/engine/dates.py) -> what they mean
PHRASES = (
    "dates_today",  # today
    "dates_tomorrow",  # tomorrow
    "dates_in",  # before a count of days, weeks or months: "in 3 days"
    "dates_months",  # a count of months
    "dates_next_month",  # a month from today
    "dates_month_end",  # the last day of this month
    "dates_next_week",  # a week from today
    "dates_weekend",  # the coming Saturday (today, on a Saturday)
    "dates_filler",  # words that may stand around a date and mean nothing
    "dates_ordinals",  # what may follow a day's number: 1st, 2nd
)
COUNTS = (
    "dates_numbers",  # a count in words: `two: 2`
    "dates_days",  # a count of days, in days: `week: 7`
)
KEYS = (*FORMATS, *NAMES, *PHRASES, *COUNTS)


@dataclass(frozen=True)
class Wording:
    """The engine's words of one words file, checked."""

    formats: Mapping[str, Template]
    names: Mapping[str, tuple[str, ...]]
    reading: DateWords

    def fill(self, key: str, **values: Any) -> str:
        return self.formats[key].render(values, self)

    def written(self, template: Template, moment: date | datetime) -> str:
        """``moment`` written the way ``template`` says (a date has no time: 00:00)."""
        n = self.names
        values = {
            "weekday": n["weekdays"][moment.weekday()],
            "wd": n["weekdays_short"][moment.weekday()],
            "day": str(moment.day),
            "dd": f"{moment.day:02d}",
            "month": n["months"][moment.month - 1],
            "mon": n["months_short"][moment.month - 1],
            "year": str(moment.year),
            "time": moment.strftime("%H:%M") if isinstance(moment, datetime) else "00:00",
        }
        return template.render(values, self)

    def day(self, day: date, today: date | None) -> str:
        """'Friday 11 December' (with the year when it is not this year's)."""
        same_year = today is None or day.year == today.year
        return self.written(self.formats["date_day" if same_year else "date_day_year"], day)

    def join(self, items: Sequence[str], separator: str | None = None) -> str:
        return (self.fill("list_separator") if separator is None else separator).join(items)

    def items(self, items: Sequence[str], word: str | None) -> str:
        """'a, b, and c'; ``word`` instead of 'and' when given."""
        said = self.fill("list_word") if word is None else word
        if len(items) <= 1:
            return "".join(items)
        key = "list_two" if len(items) == 2 else "list_more"
        return self.fill(key, first=self.join(items[:-1]), word=said, last=items[-1])

    def bullets(self, items: Iterable[str]) -> str:
        return "\n".join(self.fill("bullet", item=item) for item in items)

    def quote(self, text: str) -> str:
        return self.fill("quote", text=text) if text else ""


def read(data: LocatedDict, name: str) -> tuple[Wording | None, list[Problem]]:
    """The wording in a words file's mapping ``data`` (named ``name`` in problems): None and
    every problem when a key of this module is missing or wrong. Other keys are left alone."""
    problems: list[Problem] = []

    def missing(key: str, what: str) -> bool:
        if key in data:
            return False
        problems.append(Problem("BS103", f"no {what} for '{key}'", name, 1, 1, "add them"))
        return True

    for key, allowed in FORMATS.items():
        if not missing(key, "words"):
            problems += check_text(key, data[key], allowed, name, data.where_value(key))
    for key, count in NAMES.items():
        if not missing(key, "names"):
            problems += check_names(key, data[key], count, name, data.where_value(key))
    for key in PHRASES:
        if not missing(key, "words"):
            problems += check_phrases(key, data[key], name, data.where_value(key))
    for key in COUNTS:
        if not missing(key, "words"):
            problems += check_counts(key, data[key], name, data.where_value(key))
    if any(p.is_error for p in problems):
        return None, problems
    formats = {key: parse_template(str(data[key])) for key in FORMATS}
    names = {key: tuple(str(n) for n in data[key]) for key in NAMES}
    phrases = {key: tuple(_said(p) for p in data[key]) for key in PHRASES}
    counts = {key: {_said(k): int(v) for k, v in data[key].items()} for key in COUNTS}
    return Wording(formats, names, _reading(names, phrases, counts)), problems


def _said(phrase: Any) -> str:
    """A phrase the way a typed answer is read: small letters, single spaces."""
    return " ".join(str(phrase).lower().split())


def _any(phrases: Iterable[str]) -> str:
    """A pattern for any of ``phrases`` (longest first), each a whole word or words."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


def _words(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"\b{_any(phrases)}\b")


def _reading(
    names: Mapping[str, tuple[str, ...]],
    phrases: Mapping[str, tuple[str, ...]],
    counts: Mapping[str, Mapping[str, int]],
) -> DateWords:
    numbers, days = counts["dates_numbers"], counts["dates_days"]
    units = (*days, *phrases["dates_months"])
    ordinal = rf"(?:{_any(phrases['dates_ordinals'])})?"
    weekdays = []
    for full, short in zip(names["weekdays"], names["weekdays_short"], strict=True):
        full, short = _said(full), _said(short)
        if len(short) < 3:  # "so", "do": too easily an ordinary word, so only the full name
            weekdays.append(_words((full,)))
        elif full.startswith(short):  # "mon(day)"
            rest = re.escape(full[len(short) :])
            weekdays.append(re.compile(rf"\b{re.escape(short)}(?:{rest})?\b"))
        else:
            weekdays.append(_words((full, short)))
    return DateWords(
        today=_words(phrases["dates_today"]),
        tomorrow=_words(phrases["dates_tomorrow"]),
        relative=re.compile(
            rf"\b{_any(phrases['dates_in'])}\s+(\d+|{_any(numbers)})\s+({_any(units)})\b"
        ),
        numbers=numbers,
        days=days,
        months_unit=frozenset(phrases["dates_months"]),
        next_month=_words(phrases["dates_next_month"]),
        month_end=_words(phrases["dates_month_end"]),
        next_week=_words(phrases["dates_next_week"]),
        weekend=_words(phrases["dates_weekend"]),
        filler=_words(phrases["dates_filler"]),
        day_month=re.compile(rf"\b(\d{{1,2}}){ordinal}\s+([^\W\d_]{{3,}})\b"),
        month_day=re.compile(rf"\b([^\W\d_]{{3,}})\s+(\d{{1,2}}){ordinal}\b"),
        weekdays=tuple(weekdays),
        months=tuple(_said(m) for m in names["months"]),
    )


def read_lines(source: bytes, name: str) -> tuple[LocatedDict | None, list[Problem]]:
    """A words file's `key: words` mapping, or None and why it cannot be read."""
    try:
        data = parse_yaml(source, name)
    except YamlProblem as err:
        return None, [err.problem]
    if not isinstance(data, LocatedDict):
        return None, [Problem("BS102", "the words must be `key: words` lines", name, 1, 1, None)]
    return data, []


def parse(source: bytes, name: str) -> tuple[Wording | None, list[Problem]]:
    """The wording in the words file ``source``; None and why when it cannot be read."""
    data, unreadable = read_lines(source, name)
    if data is None:
        return None, unreadable
    return read(data, name)


_BY_VERSION: dict[str, Wording] = {}


def of(flowset: FlowSet) -> Wording:
    """The wording of ``flowset``: its registry's words file (`words: bot:`), else the shipped
    one; read once per flow-set version.

    A flow set is checked before it is served (`between validate`, /reload), so its words file
    reads; one stored before a key of this module existed (a conversation pinned to a flow set
    from an older release) lacks it, and writes with the shipped words instead."""
    found = _BY_VERSION.get(flowset.version)
    if found is None:
        rel = flowset.words.get("bot")
        if rel is not None and rel in flowset.sources:
            source = flowset.sources[rel].encode("utf-8")
            found = parse(source, str(Path(flowset.registry_path).parent / rel))[0]
        found = found or shipped()
        _BY_VERSION[flowset.version] = found
    return found


def shipped() -> Wording:
    """The wording shipped with the bot (templates rendered outside a flow set: tests, tools)."""
    found = _BY_VERSION.get("")
    if found is None:
        found = _BY_VERSION[""] = _parsed(SHIPPED.read_bytes(), str(SHIPPED))
    return found


def _parsed(source: bytes, name: str) -> Wording:
    found, problems = parse(source, name)
    if found is None:
        raise ValueError("; ".join(str(p) for p in problems if p.is_error))
    return found


# -- checks shared with the host's words (bot/words.py, bot/plans.py) ------------------------
def check_names(key: str, value: Any, count: int, name: str, pos: tuple[int, int]) -> list[Problem]:
    """A list of exactly ``count`` names, none empty."""
    if (
        not isinstance(value, list)
        or len(value) != count
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        hint = f"a list of {count} names in square brackets, like [Monday, Tuesday, ...]"
        return [Problem("BS102", f"'{key}' must be {count} names", name, *pos, hint)]
    return []


def check_phrases(key: str, value: Any, name: str, pos: tuple[int, int]) -> list[Problem]:
    """A list of words or phrases, at least one, none empty."""
    if not isinstance(value, list) or not value:
        hint = "a list in square brackets, like [today, tonight]"
        return [Problem("BS102", f"'{key}' must be a list of words", name, *pos, hint)]
    wrong = [v for v in value if not isinstance(v, str) or not v.strip()]
    if wrong:
        hint = "words only, in quotes if they are a number or true/false"
        return [Problem("BS102", f"'{key}' has {wrong[0]!r}, not words", name, *pos, hint)]
    return []


def check_counts(key: str, value: Any, name: str, pos: tuple[int, int]) -> list[Problem]:
    """A mapping of words to whole numbers above 0."""
    if (
        not isinstance(value, dict)
        or not value
        or not all(isinstance(k, str) and k.strip() for k in value)
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value.values())
    ):
        hint = "one `words: number` pair each, like {one: 1, two: 2}"
        return [Problem("BS102", f"'{key}' must map words to numbers", name, *pos, hint)]
    return []


def check_text(
    key: str, value: Any, allowed: tuple[str, ...], name: str, pos: tuple[int, int]
) -> list[Problem]:
    """The words under ``key``: text whose {variables} are among ``allowed``."""
    if not isinstance(value, str):
        hint = "write the words on the same line, in quotes"
        return [Problem("BS102", f"'{key}' must be text", name, *pos, hint)]
    try:
        template = parse_template(value)
    except TemplateSyntaxError as err:
        return [Problem("BS304", f"{err} in '{key}'", name, *pos, err.hint)]
    problems = []
    for ref in template.refs:
        if ref.name not in allowed:
            hint = suggest(ref.name, allowed) or (
                f"'{key}' can use {', '.join('{' + a + '}' for a in allowed)}"
                if allowed
                else f"'{key}' uses no variables"
            )
            problems.append(
                Problem("BS301", f"{{{ref.name}}} is not known in '{key}'", name, *pos, hint)
            )
        problems += [
            Problem("BS303", f"unknown filter '{f}' in '{key}'", name, *pos, suggest(f, FILTERS))
            for f, _arg in ref.filters
            if f not in FILTERS
        ]
    return problems
