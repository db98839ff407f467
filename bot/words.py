"""The bot's own words outside the flows (dialogs/words.yaml): history in numbers and its chart,
the weekly summary, the check-in settings, the role-play transcript file.

Each key may use only the variables listed in ``KEYS`` (the numbers are filled in already
formatted). ``check`` finds every problem with file, line and column, in the codes and hint
style of the flows' loader; `between validate` reports them (bot/wiring.py). The words are read
once, from the file shipped with the bot, like dialogs/plan_document.yaml (bot/plans.py).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from bot.engine.problems import Problem, suggest, unknown_key
from bot.engine.template import FILTERS, Template, TemplateSyntaxError, parse_template
from bot.engine.yamlfile import LocatedDict, YamlProblem, parse_yaml

WORDS_FILE = Path(__file__).resolve().parents[1] / "dialogs" / "words.yaml"

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
}


@functools.cache
def _loaded(path: Path) -> dict[str, Template]:
    problems = [p for p in check(path) if p.is_error]
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    data = parse_yaml(path.read_bytes(), str(path))
    return {key: parse_template(str(data[key])) for key in KEYS}


def say(key: str, **values: Any) -> str:
    """The words for ``key`` with ``values`` filled in."""
    return _loaded(WORDS_FILE)[key].render(values)


def check(path: Path = WORDS_FILE, shown: str | None = None) -> list[Problem]:
    """Every problem in the words file at ``path`` (named ``shown`` in the problems)."""
    name = shown or str(path)
    try:
        data = parse_yaml(path.read_bytes(), name)
    except OSError:
        return [Problem("BS007", f"{name} not found", name, 0, 0, "the bot ships this file")]
    except YamlProblem as err:
        return [err.problem]
    if not isinstance(data, LocatedDict):
        return [Problem("BS102", "the words must be `key: words` lines", name, 1, 1, None)]
    problems = [
        unknown_key(k, KEYS, "the words", name, data.where(k)) for k in data if k not in KEYS
    ]
    for key, allowed in KEYS.items():
        if key not in data:
            problems.append(
                Problem("BS103", f"no words for '{key}'", name, 1, 1, "add them to the file")
            )
            continue
        problems += check_text(key, data[key], allowed, name, data.where_value(key))
    return problems


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
