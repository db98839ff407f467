"""The bot's own words outside the flows (dialogs/words.yaml): history in numbers and its chart,
the weekly summary, the check-in settings, the names of days and months and how dates are
written, the role-play transcript file, the readable copy of a client's data (/export).

Each key may use only the variables listed in ``KEYS`` (the numbers are filled in already
formatted). ``parse`` finds every problem with file, line and column, in the codes and hint
style of the flows' loader. The registry names the file (flows.yaml `words: bot:`), so its text
is part of the flow set: /reload and the studio pick up an edit, and a conversation pinned to
an older flow set keeps that set's words (``for_flowset``). bot/wiring.py reports the problems.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.engine.problems import Problem, suggest, unknown_key
from bot.engine.spec import FlowSet
from bot.engine.template import FILTERS, Template, TemplateSyntaxError, parse_template
from bot.engine.yamlfile import LocatedDict, YamlProblem, parse_yaml

WORDS_FILE = Path(__file__).resolve().parents[1] / "dialogs" / "words.yaml"

# what a date's words may use (``Words.date``)
DATE_VARS = ("weekday", "wd", "day", "dd", "month", "mon", "year", "time")

# key -> the variables its words may use
KEYS: dict[str, tuple[str, ...]] = {
    # history in words (/history, "Look back") and the weekly summary
    "history_heading": ("days",),
    "weekly_heading": (),
    "history_nothing": (),
    "history_checkins": ("checkins", "days_logged", "days"),
    "history_mood": ("average", "trend"),
    "history_urge": ("average", "trend"),
    "history_within_plan_one": ("answer",),
    "history_within_plan_yes": (),
    "history_within_plan_no": (),
    "history_within_plan": ("within", "days_said"),
    "history_surfs": ("count", "first", "last"),
    "history_trend_same": (),
    "history_trend_higher": ("before", "after"),
    "history_trend_lower": ("before", "after"),
    # the chart (a picture: its title, legend and axes)
    "chart_title": ("days",),
    "chart_mood": (),
    "chart_urge": (),
    "chart_scale": (),
    "chart_plan": (),
    "chart_plan_key": (),
    "chart_surfs": (),
    # the check-in settings, said after every change
    "checkins_off": (),
    "checkins_every_day": (),
    "checkins_on": ("days", "time", "zone"),
    "checkins_paused": ("days", "time", "zone"),
    "checkins_no_zone": (),
    "checkins_quiet": ("start", "end"),
    "checkins_weekly_on": (),
    "checkins_weekly_off": (),
    "checkins_next": ("when",),
    # a trainee's role-play transcript, as a file
    "transcript_title": (),
    "transcript_trainee": (),
    "transcript_bot": (),
    "transcript_note": (),
    "transcript_empty": (),
    "transcript_caption": (),
    # the names of files a client receives
    "file_chart": ("days",),
    "file_transcript": (),
    # how dates are written
    "date_checkin": DATE_VARS,
    "date_transcript": DATE_VARS,
    "date_chart": DATE_VARS,
    "date_plan": DATE_VARS,
    # the readable copy of a client's data (/export)
    "export_title": (),
    "export_blank": (),
    "export_time": ("time",),
    "export_about": (),
    "export_account": ("account",),
    "export_since": ("when",),
    "export_consent": ("consent",),
    "export_consent_given": ("when",),
    "export_consent_declined": (),
    "export_unasked": (),
    "export_place": ("language", "country", "zone"),
    "export_role": ("role", "notes", "keep"),
    "export_on": (),
    "export_off": (),
    "export_yes": (),
    "export_no": (),
    "export_reminders": ("reminders",),
    "export_ratings": ("ratings",),
    "export_conversation": (),
    "export_flow": ("flow", "when"),
    "export_step": ("step",),
    "export_wrote": (),
    "export_none": (),
    "export_plans": ("count",),
    "export_plan": ("substance", "version", "when"),
    "export_plan_earlier_one": ("substance", "version", "when", "earlier"),
    "export_plan_earlier": ("substance", "version", "when", "earlier"),
    "export_urges": ("count",),
    "export_intensity": ("value",),
    "export_checkins": ("count",),
    "export_score": ("value",),
    "export_safety": ("count",),
    "export_transcript": ("count",),
    "export_pending": ("count",),
}
# lists of names -> how many (Monday first, January first)
NAMES: dict[str, int] = {"weekdays": 7, "weekdays_short": 7, "months": 12, "months_short": 12}


@dataclass(frozen=True)
class Words:
    """The words of one words file, checked."""

    templates: Mapping[str, Template]
    names: Mapping[str, tuple[str, ...]]

    def say(self, key: str, **values: Any) -> str:
        """The words for ``key`` with ``values`` filled in."""
        return self.templates[key].render(values)

    def date(self, key: str, moment: date | datetime) -> str:
        """``moment`` written the way ``key`` says (a date has no time: 00:00)."""
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
        return self.say(key, **values)


def read_lines(source: bytes, name: str) -> tuple[LocatedDict | None, list[Problem]]:
    """A words file's `key: words` mapping, or None and why it cannot be read."""
    try:
        data = parse_yaml(source, name)
    except YamlProblem as err:
        return None, [err.problem]
    if not isinstance(data, LocatedDict):
        return None, [Problem("BS102", "the words must be `key: words` lines", name, 1, 1, None)]
    return data, []


def parse(source: bytes, name: str) -> tuple[Words | None, list[Problem]]:
    """The words in ``source`` (named ``name`` in problems), or None, and every problem."""
    data, unreadable = read_lines(source, name)
    if data is None:
        return None, unreadable
    known = (*KEYS, *NAMES)
    problems = [
        unknown_key(k, known, "the words", name, data.where(k)) for k in data if k not in known
    ]
    for key, allowed in KEYS.items():
        if key not in data:
            problems.append(
                Problem("BS103", f"no words for '{key}'", name, 1, 1, "add them to the file")
            )
            continue
        problems += check_text(key, data[key], allowed, name, data.where_value(key))
    for key, count in NAMES.items():
        if key not in data:
            problems.append(
                Problem("BS103", f"no names for '{key}'", name, 1, 1, "add them to the file")
            )
        else:
            problems += check_names(key, data[key], count, name, data.where_value(key))
    if any(p.is_error for p in problems):
        return None, problems
    templates = {key: parse_template(str(data[key])) for key in KEYS}
    names = {key: tuple(str(n) for n in data[key]) for key in NAMES}
    return Words(templates, names), problems


def check(path: Path = WORDS_FILE, shown: str | None = None) -> list[Problem]:
    """Every problem in the words file at ``path`` (named ``shown`` in the problems)."""
    return check_file(parse, path, shown)


def check_file(
    read: Callable[[bytes, str], tuple[object, list[Problem]]], path: Path, shown: str | None
) -> list[Problem]:
    """Every problem ``read`` finds in the words file at ``path`` (named ``shown``)."""
    name = shown or str(path)
    try:
        source = path.read_bytes()
    except OSError:
        return [Problem("BS007", f"{name} not found", name, 0, 0, "the bot ships this file")]
    return read(source, name)[1]


def named(flowset: FlowSet, kind: str, shipped: Path) -> tuple[bytes, str]:
    """The text of the words file ``kind`` of ``flowset`` and its name as problems show it:
    the file the registry names (`words:`), else the one shipped with the bot."""
    rel = flowset.words.get(kind)
    if rel is not None and rel in flowset.sources:
        return flowset.sources[rel].encode("utf-8"), str(Path(flowset.registry_path).parent / rel)
    return shipped.read_bytes(), str(shipped)


_BY_VERSION: dict[str, Words] = {}


def for_flowset(flowset: FlowSet) -> Words:
    """The words of ``flowset``, read once per flow-set version."""
    found = _BY_VERSION.get(flowset.version)
    if found is None:
        found, problems = parse(*named(flowset, "bot", WORDS_FILE))
        if found is None:
            raise ValueError("; ".join(str(p) for p in problems if p.is_error))
        _BY_VERSION[flowset.version] = found
    return found


def shipped() -> Words:
    """The words shipped with the bot (for callers with no flow set, such as tests)."""
    found = _BY_VERSION.get("")
    if found is None:
        found, problems = parse(WORDS_FILE.read_bytes(), str(WORDS_FILE))
        if found is None:
            raise ValueError("; ".join(str(p) for p in problems if p.is_error))
        _BY_VERSION[""] = found
    return found


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
