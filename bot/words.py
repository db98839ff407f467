"""The bot's own words outside the flows (dialogs/words.yaml): history in numbers and its chart,
the weekly summary, the check-in settings, how dates are written, the role-play transcript
file, the readable copy of a client's data (/export). The same file holds the engine's words
(the names of days and months, how filters write lists and dates, the words of typed dates):
bot/engine/wording.py checks those, and ``Words.wording`` carries them.

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

from bot.engine import wording
from bot.engine.problems import Problem, unknown_key
from bot.engine.spec import FlowSet
from bot.engine.template import Template, parse_template
from bot.engine.wording import DATE_VARS, Wording, check_names, check_text, read_lines

__all__ = ["KEYS", "WORDS_FILE", "Words", "check_names", "check_text", "for_flowset", "shipped"]

WORDS_FILE = wording.SHIPPED

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
    "file_export": (),  # /export's two files: this name, then .json and .txt
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


@dataclass(frozen=True)
class Words:
    """The words of one words file, checked."""

    templates: Mapping[str, Template]
    wording: Wording  # the engine's words, from the same file

    @property
    def names(self) -> Mapping[str, tuple[str, ...]]:
        """The names of days and months (`weekdays`, `weekdays_short`, `months` ...)."""
        return self.wording.names

    def say(self, key: str, **values: Any) -> str:
        """The words for ``key`` with ``values`` filled in."""
        return self.templates[key].render(values, self.wording)

    def date(self, key: str, moment: date | datetime) -> str:
        """``moment`` written the way ``key`` says (a date has no time: 00:00)."""
        return self.wording.written(self.templates[key], moment)


def parse(source: bytes, name: str) -> tuple[Words | None, list[Problem]]:
    """The words in ``source`` (named ``name`` in problems), or None, and every problem."""
    data, unreadable = read_lines(source, name)
    if data is None:
        return None, unreadable
    known = (*KEYS, *wording.KEYS)
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
    engine, engine_problems = wording.read(data, name)
    problems += engine_problems
    if engine is None or any(p.is_error for p in problems):
        return None, problems
    templates = {key: parse_template(str(data[key])) for key in KEYS}
    return Words(templates, engine), problems


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
    """The words of ``flowset``, read once per flow-set version. A flow set is checked before
    it is served, so its words file reads; one stored by an older release may lack a key added
    since (a conversation pinned to it), and says the shipped words instead."""
    found = _BY_VERSION.get(flowset.version)
    if found is None:
        found = parse(*named(flowset, "bot", WORDS_FILE))[0] or shipped()
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
