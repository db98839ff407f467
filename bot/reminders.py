"""When reminders fire: check-in settings, local times, quiet hours, catch-up after downtime.

Pure functions of (settings, time zone, now); no store, no engine. The settings live in the
profile's ``reminders`` JSON, with one durable job per kind ("checkin", "weekly",
"safety_checkin"); bot/reminder_turns.py decides what a due job does. Decisions are written
down in docs/between-sessions.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.words import Words, shipped

# Durable job kinds (persistence jobs table): a timed flow step, and the reminders.
TIMER_JOB, CHECKIN_JOB, WEEKLY_JOB, SAFETY_JOB = "timer", "checkin", "weekly", "safety_checkin"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
DEFAULT_TIME = "19:00"
DEFAULT_QUIET = ("22:00", "08:00")
WEEKLY_DAY = "sun"  # the weekly summary: Sunday evening, local time
WEEKLY_TIME = "18:00"
SAFETY_AFTER = timedelta(hours=2)  # "I'm fine": a gentle "how are you doing?" this much later
LATE_AFTER = timedelta(minutes=15)  # found later than this (the bot was down): marked late
SKIP_AFTER = timedelta(hours=2)  # found later than this: skipped, the next one is scheduled
BUSY_WINDOW = timedelta(hours=2)  # a practice touched this recently is "in progress"


@dataclass(frozen=True)
class ReminderSettings:
    """The client's check-in settings (the profile's ``reminders`` JSON)."""

    on: bool = False
    paused: bool = False
    days: tuple[str, ...] = DAYS
    time: str = DEFAULT_TIME
    quiet_from: str = DEFAULT_QUIET[0]
    quiet_to: str = DEFAULT_QUIET[1]
    weekly: bool = False

    @property
    def active(self) -> bool:
        return self.on and not self.paused and bool(self.days)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ReminderSettings:
        data = dict(data or {})
        base = cls()
        days = tuple(d for d in DAYS if d in (data.get("days") or base.days))
        return cls(
            on=bool(data.get("on", base.on)),
            paused=bool(data.get("paused", base.paused)),
            days=days,
            time=_hhmm(data.get("time"), base.time),
            quiet_from=_hhmm(data.get("quiet_from"), base.quiet_from),
            quiet_to=_hhmm(data.get("quiet_to"), base.quiet_to),
            weekly=bool(data.get("weekly", base.weekly)),
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["days"] = list(self.days)
        return data

    def changed(self, **args: Any) -> ReminderSettings:
        """New settings from a flow's `set_reminders` arguments.

        The arguments are words such as "yes" and lists of days.
        """
        changes: dict[str, Any] = {}
        for key in ("on", "paused", "weekly"):
            if key in args and args[key] not in (None, ""):
                changes[key] = _flag(args[key])
        if args.get("days") not in (None, ""):
            changes["days"] = parse_days(args["days"])
        for key in ("time", "quiet_from", "quiet_to"):
            if args.get(key) not in (None, ""):
                changes[key] = _hhmm(args[key], getattr(self, key))
        return replace(self, **changes)


def parse_days(value: Any) -> tuple[str, ...]:
    """["mon", "wed"], "mon, wed", "daily", "weekdays" -> days in week order."""
    items: Iterable[str] = (
        value if isinstance(value, (list, tuple)) else str(value).replace(",", " ").split()
    )
    chosen: set[str] = set()
    for item in items:
        word = str(item).strip().lower()[:3]
        if word in ("dai", "eve", "all"):
            chosen.update(DAYS)
        elif word == "wee":
            chosen.update(DAYS[:5])
        elif word in DAYS:
            chosen.add(word)
    return tuple(d for d in DAYS if d in chosen)


def zone(name: str | None) -> ZoneInfo:
    """The client's IANA time zone; UTC when unknown or unset."""
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_moment(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    """``hhmm`` on ``day`` on the client's wall clock, as a UTC instant.

    Daylight saving: a time that does not exist that day (the clocks jump from 01:00 to 02:00)
    comes as many minutes later as the jump (01:30 -> 02:30); a time that happens twice (the
    clocks go back) is the first of the two.
    """
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime.combine(day, time(h, m), tzinfo=tz).replace(fold=0).astimezone(UTC)


def in_quiet(moment: datetime, tz: ZoneInfo, settings: ReminderSettings) -> bool:
    start, end = settings.quiet_from, settings.quiet_to
    if start == end:
        return False  # no quiet hours
    now = moment.astimezone(tz).strftime("%H:%M")
    return start <= now < end if start < end else (now >= start or now < end)


def out_of_quiet(moment: datetime, tz: ZoneInfo, settings: ReminderSettings) -> datetime:
    """``moment``, or the end of the quiet hours it falls in."""
    if not in_quiet(moment, tz, settings):
        return moment
    local = moment.astimezone(tz)
    day = (
        local.date()
        if local.strftime("%H:%M") < settings.quiet_to
        else local.date() + timedelta(days=1)
    )
    return local_moment(day, settings.quiet_to, tz)


def next_checkin(settings: ReminderSettings, tz: ZoneInfo, after: datetime) -> datetime | None:
    """The first chosen day and time strictly after ``after`` (UTC), outside quiet hours."""
    if not settings.active:
        return None
    return _next_on(settings.days, settings.time, settings, tz, after)


def next_weekly(settings: ReminderSettings, tz: ZoneInfo, after: datetime) -> datetime | None:
    if not (settings.on and settings.weekly):
        return None
    return _next_on((WEEKLY_DAY,), WEEKLY_TIME, settings, tz, after)


def safety_checkin_at(settings: ReminderSettings, tz: ZoneInfo, now: datetime) -> datetime:
    return out_of_quiet(now + SAFETY_AFTER, tz, settings)


def _next_on(
    days: tuple[str, ...], hhmm: str, settings: ReminderSettings, tz: ZoneInfo, after: datetime
) -> datetime | None:
    start = after.astimezone(tz).date()
    for offset in range(0, 9):
        day = start + timedelta(days=offset)
        if DAYS[day.weekday()] not in days:
            continue
        moment = out_of_quiet(local_moment(day, hhmm, tz), tz, settings)
        if moment > after:
            return moment
    return None


def lateness(due_at: datetime, now: datetime, tz: ZoneInfo, settings: ReminderSettings) -> str:
    """What to do with a reminder found at ``now``: "on_time", "late" (say so) or "skip"."""
    late = now - due_at
    if late > SKIP_AFTER or in_quiet(now, tz, settings):
        return "skip"
    return "late" if late > LATE_AFTER else "on_time"


def describe(
    settings: ReminderSettings,
    tz_name: str | None,
    next_at: datetime | None,
    w: Words | None = None,
) -> str:
    """The settings in one short paragraph (shown after every change), in ``w`` (by default
    the shipped words, dialogs/words.yaml)."""
    w = w or shipped()
    say = w.say
    if not settings.on:
        return say("checkins_off")
    tz = zone(tz_name)
    days = (
        say("checkins_every_day")
        if settings.days == DAYS
        else w.wording.join([w.names["weekdays_short"][DAYS.index(d)] for d in settings.days])
    )
    where = tz_name or say("checkins_no_zone")
    state = "checkins_paused" if settings.paused else "checkins_on"
    lines = [say(state, days=days, time=settings.time, zone=where)]
    if settings.quiet_from != settings.quiet_to:
        lines.append(say("checkins_quiet", start=settings.quiet_from, end=settings.quiet_to))
    lines.append(say("checkins_weekly_on" if settings.weekly else "checkins_weekly_off"))
    if next_at is not None:
        when = w.date("date_checkin", next_at.astimezone(tz))
        lines.append(say("checkins_next", when=when))
    return "\n".join(lines)


def _flag(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("yes", "true", "on", "1")


def _hhmm(value: Any, default: str) -> str:
    try:
        h, m = (int(x) for x in str(value).split(":"))
    except (TypeError, ValueError):
        return default
    return f"{h:02d}:{m:02d}" if 0 <= h < 24 and 0 <= m < 60 else default
