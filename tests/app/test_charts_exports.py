"""History charts and words, the plan document and the trainee transcript."""
from __future__ import annotations

import struct
from datetime import datetime, timedelta, timezone

from bot import charts, exports
from bot.reminders import zone

NOW = datetime(2030, 1, 15, 12, tzinfo=timezone.utc)
LONDON = zone("Europe/London")


def history():
    at = lambda days, minutes=0: NOW - timedelta(days=days, minutes=-minutes)  # noqa: E731
    return {
        "checkins": [
            {"at": at(10), "score": 4, "details": {"urge": 7, "vs_plan": "more"}},
            {"at": at(2), "score": 7, "details": {"urge": 3, "vs_plan": "as planned"}},
            {"at": at(1), "score": 6, "details": {"urge": 2, "vs_plan": "not at all"}},
        ],
        "urges": [
            {"at": at(3), "intensity": 8, "details": {"phase": "start"}},
            {"at": at(3, 2), "intensity": 6, "details": {"phase": "check"}},
            {"at": at(3, 9), "intensity": 3, "details": {"phase": "end"}},
        ],
    }


def test_words_give_counts_and_trends_without_streaks():
    text = charts.words(charts.summarise(history(), 14, LONDON, NOW))
    assert "Check-ins: 3, on 3 of 14 days." in text
    assert "Within your plan: 2 of the 3 days you said how it went." in text
    assert "Urges surfed: 1; on average from 8.0 at the start to 3.0 at the end." in text
    assert "Mood: average 5.7 out of 10 (higher lately: 4.0, then 6.5)." in text
    assert "streak" not in text.lower()
    assert "Nothing logged yet" in charts.words(charts.summarise({}, 30, LONDON, NOW))
    one = {"checkins": history()["checkins"][:1]}
    assert "Within your plan: no, on the one day you said how it went." in charts.words(charts.summarise(one, 14, LONDON, NOW))


def test_the_chart_is_a_valid_png_of_the_expected_size():
    png = charts.render_png(charts.summarise(history(), 30, LONDON, NOW))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == charts.CHART_SIZE == (800, 700)
    assert png.endswith(b"IEND\xaeB`\x82")


def test_the_transcript_is_labelled_as_role_play():
    text = exports.render_transcript([
        {"at": NOW.isoformat(), "role": "user", "text": "I drink after work"},
        {"at": NOW.isoformat(), "role": "bot", "text": "So you drink after work."},
        {"at": NOW.isoformat(), "role": "note", "text": "Simple reflection."},
    ], LONDON)
    assert text.splitlines()[0] == "Between Sessions: role-play transcript (training, not client data)"
    assert "12:00 Trainee (as client): I drink after work" in text
    assert "12:00   Training note: Simple reflection." in text
