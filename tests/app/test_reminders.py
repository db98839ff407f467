"""When reminders fire: local times, daylight saving, quiet hours, catch-up after downtime.

The pipeline (two workers, the mid-practice reminder ...) is in tests/persistence/test_checkins.py.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from bot import reminders
from bot.reminders import ReminderSettings, lateness, local_moment, next_checkin, zone

UTC = timezone.utc
LONDON = zone("Europe/London")
NO_QUIET = dict(quiet_from="00:00", quiet_to="00:00")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- the rules ----------------------------------------------------------------------------------
def test_the_next_checkin_is_at_the_chosen_local_time_on_a_chosen_day():
    s = ReminderSettings(on=True, days=("mon", "wed"), time="19:00")
    # Tuesday 1 January 2030, noon UTC: next is Wednesday 19:00 London (GMT) = 19:00 UTC
    assert next_checkin(s, LONDON, utc(2030, 1, 1, 12)) == utc(2030, 1, 2, 19)
    assert next_checkin(s, zone("America/New_York"), utc(2030, 1, 1, 12)) == utc(2030, 1, 3, 0)  # 19:00 EST
    assert next_checkin(s, zone("Australia/Sydney"), utc(2030, 1, 1, 12)) == utc(2030, 1, 2, 8)  # Wed 19:00 AEDT
    assert next_checkin(s, LONDON, utc(2030, 1, 2, 19)) == utc(2030, 1, 7, 19)  # strictly after: Monday
    assert next_checkin(ReminderSettings(on=True, paused=True), LONDON, utc(2030, 1, 1)) is None
    assert next_checkin(ReminderSettings(on=False), LONDON, utc(2030, 1, 1)) is None


def test_daylight_saving_keeps_the_wall_clock_time():
    s = ReminderSettings(on=True, time="19:00")
    # Clocks go forward in the UK on Sunday 31 March 2030: 19:00 is 19:00 UTC before, 18:00 UTC after
    assert next_checkin(s, LONDON, utc(2030, 3, 30, 20)) == utc(2030, 3, 31, 18)
    assert next_checkin(s, LONDON, utc(2030, 3, 29, 20)) == utc(2030, 3, 30, 19)
    # and back on Sunday 27 October 2030
    assert next_checkin(s, LONDON, utc(2030, 10, 26, 19)) == utc(2030, 10, 27, 19)
    assert next_checkin(s, LONDON, utc(2030, 10, 25, 19)) == utc(2030, 10, 26, 18)


def test_a_time_skipped_by_the_clocks_comes_later_and_a_doubled_one_comes_first():
    assert local_moment(datetime(2030, 3, 31).date(), "01:30", LONDON) == utc(2030, 3, 31, 1, 30)  # = 02:30 BST
    assert local_moment(datetime(2030, 10, 27).date(), "01:30", LONDON) == utc(2030, 10, 27, 0, 30)  # first 01:30
    s = ReminderSettings(on=True, time="01:30", **NO_QUIET)
    assert next_checkin(s, LONDON, utc(2030, 3, 30, 12)) == utc(2030, 3, 31, 1, 30)
    assert next_checkin(s, LONDON, utc(2030, 3, 31, 1, 30)) == utc(2030, 4, 1, 0, 30)


def test_quiet_hours_move_reminders_to_their_end():
    late = ReminderSettings(on=True, days=("tue",), time="23:00")  # default quiet 22:00-08:00
    assert next_checkin(late, LONDON, utc(2030, 1, 1, 12)) == utc(2030, 1, 2, 8)
    early = ReminderSettings(on=True, days=("tue",), time="06:00", quiet_from="23:00", quiet_to="06:30")
    assert next_checkin(early, LONDON, utc(2030, 1, 1, 1)) == utc(2030, 1, 1, 6, 30)
    assert next_checkin(ReminderSettings(on=True, time="23:00", **NO_QUIET), LONDON,
                        utc(2030, 1, 1, 12)) == utc(2030, 1, 1, 23)
    assert reminders.safety_checkin_at(ReminderSettings(), LONDON, utc(2030, 1, 1, 21)) == utc(2030, 1, 2, 8)
    assert reminders.safety_checkin_at(ReminderSettings(), LONDON, utc(2030, 1, 1, 15)) == utc(2030, 1, 1, 17)


def test_a_reminder_found_late_is_sent_marked_late_or_skipped():
    s = ReminderSettings(on=True)
    due = utc(2030, 1, 1, 12)
    assert lateness(due, due + timedelta(minutes=10), LONDON, s) == "on_time"
    assert lateness(due, due + timedelta(hours=1), LONDON, s) == "late"
    assert lateness(due, due + timedelta(hours=3), LONDON, s) == "skip"
    assert lateness(utc(2030, 1, 1, 21, 30), utc(2030, 1, 1, 22, 10), LONDON, s) == "skip"  # now quiet


def test_settings_from_a_flow():
    s = ReminderSettings().changed(on="yes", days=["wed", "mon"], time="7:05")
    assert (s.on, s.days, s.time, s.weekly) == (True, ("mon", "wed"), "07:05", False)
    assert s.changed(paused="yes").active is False and s.changed(days="daily").days == reminders.DAYS
    assert ReminderSettings.from_json(s.to_json()) == s
    assert "Mon, Wed at 07:05 (Europe/London)" in reminders.describe(s, "Europe/London", None)


def test_reminder_pace_comes_from_the_environment():
    from bot.settings import Settings

    assert Settings.from_env({}).reminders_per_second == 60.0
    assert Settings.from_env({"REMINDERS_PER_SECOND": "25"}).reminders_per_second == 25.0
    assert Settings.from_env({"REMINDERS_PER_SECOND": "0"}).reminders_per_second is None
    assert Settings.from_env({"REMINDERS_PER_SECOND": "fast"}).reminders_per_second == 60.0
    assert Settings.from_env({"REMINDERS_PER_SECOND": "nan"}).reminders_per_second == 60.0


async def test_reminder_turns_are_paced_and_give_way_to_replies():
    import asyncio

    from bot.replies_first import RepliesFirst

    gate = RepliesFirst(at_most=0.2, reminders_per_second=50)
    loop = asyncio.get_running_loop()
    start = loop.time()
    for _ in range(6):
        await gate.reminder_turn()
    assert loop.time() - start >= 5 / 50 * 0.9  # the sixth waited for its slot
    order = []

    async def reply():
        with gate.reply():
            await asyncio.sleep(0.05)
            order.append("reply")

    async def reminder():
        await asyncio.sleep(0.01)  # the reply is in progress by now
        await gate.give_way()
        order.append("reminder")

    await asyncio.gather(reply(), reminder())
    assert order == ["reply", "reminder"]
