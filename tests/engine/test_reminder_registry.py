"""flows.yaml `reminders:`: what each reminder opens is content, checked like the rest."""
from __future__ import annotations

from bot.engine import check_registry
from tests.engine.helpers import write_flowset

SAY = """
start: hello
states:
  hello:
    say: Hello.
    end: true
"""
FLOWS = {"menu": SAY, "checkin": SAY, "nudge": SAY}


def test_the_reminders_name_their_flows(tmp_path):
    reminders = {"checkin": {"flow": "checkin", "busy": "nudge"},
                 "safety_checkin": {"flow": "checkin", "helplines": True}}
    flowset, problems = check_registry(write_flowset(tmp_path, FLOWS, reminders=reminders))
    assert flowset is not None, problems
    checkin, safety = flowset.reminders["checkin"], flowset.reminders["safety_checkin"]
    assert (checkin.flow, checkin.busy, checkin.late, checkin.helplines) == ("checkin", "nudge", None, False)
    assert safety.helplines and "goal_review" not in flowset.reminders  # left out: opens nothing


def test_a_reminder_naming_no_flow_or_an_unknown_kind_is_an_error_at_its_line(tmp_path):
    reminders = {"checkin": {"flow": "chekin", "late": "nudge"}, "checkins": {"flow": "checkin"},
                 "goal_review": {"busy": "nudge", "when": "later"}}
    registry = write_flowset(tmp_path, FLOWS, reminders=reminders)
    flowset, problems = check_registry(registry)
    assert flowset is None
    lines = registry.read_text().splitlines()
    found = {(p.code, p.line): str(p) for p in problems}
    line = next(n for n, row in enumerate(lines, 1) if "flow: chekin" in row)
    assert "did you mean 'checkin'" in found["BS204", line]
    line = next(n for n, row in enumerate(lines, 1) if row.strip() == "checkins:")
    assert "unknown key 'checkins'" in found["BS101", line]
    assert any(code == "BS103" and "reminder 'goal_review' has no `flow:`" in text
               for (code, _line), text in found.items())
    assert any(code == "BS101" and "'when'" in text for (code, _line), text in found.items())
