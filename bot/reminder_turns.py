"""A due reminder job, inside its turn: what it opens, what it says instead, or nothing.

Which flow each reminder opens is content (flows.yaml `reminders:`); when reminders are due,
quiet hours and lateness are bot/reminders.py; the companion runs the turn and commits what is
decided here (``Companion.remind``). A reminder never takes over a practice in progress: then
only a short line goes out and the practice stays as it was.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot import charts, reminders, words
from bot.engine import Conversation, Engine, Outcome, Output, Say
from persistence import Job
from persistence import Turn as StoreTurn

log = logging.getLogger(__name__)

PRIORITY = 1  # outbox priority of reminders: interactive replies go first
WEEK = 7  # days in the weekly summary


async def decide(
    job: Job,
    t: StoreTurn,
    conv: Conversation | None,
    engine: Engine,
    context: dict[str, Any],
) -> Outcome | list[Output]:
    """The turn a reminder opens (committed as the conversation's next turn), or the lines it
    only says (the conversation untouched; none when it has nothing to say). Schedules the next
    check-in or weekly summary."""
    settings = reminders.ReminderSettings.from_json(t.profile.get("reminders"))
    tz = reminders.zone(t.profile.get("timezone"))
    now = t.now()
    if job.kind == reminders.WEEKLY_JOB:
        upcoming = reminders.next_weekly(settings, tz, max(now, job.due_at))
        if upcoming is not None:
            t.schedule(reminders.WEEKLY_JOB, upcoming)
        if not (settings.on and settings.weekly):
            return []
        if reminders.lateness(job.due_at, now, tz, settings) == "skip":
            return []
        summary = charts.summarise(await t.history(WEEK), WEEK, tz, now)
        said = words.for_flowset(engine.flowset)
        return [Say(charts.words(summary, heading=said.say("weekly_heading"), w=said))]
    late = False  # a safety check-in or a goal's day comes whenever it is found
    if job.kind == reminders.CHECKIN_JOB:
        upcoming = reminders.next_checkin(settings, tz, max(now, job.due_at))
        if upcoming is not None:
            t.schedule(reminders.CHECKIN_JOB, upcoming)
        when = reminders.lateness(job.due_at, now, tz, settings)
        if not settings.active or when == "skip":
            log.info("check-in skipped (%s)", "too late" if settings.active else "settings changed")
            return []
        late = when == "late"
    spec = engine.flowset.reminders.get(job.kind)
    if spec is None:
        log.warning("a %s reminder opens no flow (flows.yaml `reminders:`)", job.kind)
        return []
    if busy(conv, t.conversation_at, now, engine.flowset.home):
        if spec.busy is not None:
            return _said(engine.start(spec.busy, context).outputs)
        opening = engine.start(spec.flow, context, previous=conv).outputs
        return _said(opening[:1])  # the flow's first output, when it is a line
    turn = engine.start(spec.flow, context, previous=conv)
    if late and spec.late is not None:
        turn.outputs[:0] = _said(engine.start(spec.late, context).outputs)
    return turn


def busy(conv: Conversation | None, changed_at: datetime | None, now: datetime, home: str) -> bool:
    """In the middle of something: a conversation that has not ended, outside the main menu,
    touched within reminders.BUSY_WINDOW."""
    if conv is None or conv.ended or conv.flow == home:
        return False
    return changed_at is None or now - changed_at < reminders.BUSY_WINDOW


def _said(outputs: list[Output]) -> list[Output]:
    """The lines among ``outputs`` (no question, no timer)."""
    return [o for o in outputs if isinstance(o, Say)]
