"""The opt-in reminder on a goal's review day (Set a goal): one durable job per client.

The job sits in the same jobs table as the check-ins (it survives restarts and fires once);
a newer goal's reminder replaces an older one. It comes at the client's check-in time on that
day in their own time zone (19:00 unless they chose another), never in quiet hours, and opens
the flow flows.yaml names for it under `reminders:` (`goal_due`, which offers to look at the
goal).
"""

from __future__ import annotations

from datetime import date, datetime

from bot import reminders

GOAL_JOB = "goal_review"  # what it opens: flows.yaml `reminders:`


def due_at(
    day: date, settings: reminders.ReminderSettings, timezone: str | None, now: datetime
) -> datetime:
    """When the reminder for ``day`` goes: the check-in time that day, out of quiet hours, and
    never before ``now`` (a day chosen as today, after its hour, fires at once)."""
    tz = reminders.zone(timezone)
    moment = reminders.out_of_quiet(reminders.local_moment(day, settings.time, tz), tz, settings)
    return max(moment, now)
