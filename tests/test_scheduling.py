"""The order the tests go out to the workers in (tests/scheduling.py)."""
from __future__ import annotations

import json

from tests.scheduling import SHIPPED_TIMINGS, taking_turns


def test_the_units_that_compute_and_those_that_wait_take_turns():
    units = {  # name -> each test's (wall, CPU) seconds, measured four workers to two cores
        "browser": [(20.0, 9.0)],
        "variants": [(16.0, 8.0)],
        "bot": [(6.0, 0.4)],
        "polling": [(4.0, 0.2)],
        "short": [(0.1, 0.05)],
        "many short": [(0.2, 0.1), (0.3, 0.1)],
    }
    order = taking_turns(units, sharing=2.0)
    assert order[:4] == ["browser", "bot", "variants", "polling"]
    assert sorted(order) == sorted(units)


def test_a_unit_first_in_both_lists_goes_out_once():
    units = {"slow": [(30.0, 10.0)], "quick": [(0.1, 0.1)]}
    assert taking_turns(units, sharing=2.0) == ["slow", "quick"]


def test_the_shipped_timings_are_wall_and_cpu_per_test_id():
    kept = json.loads(SHIPPED_TIMINGS.read_text(encoding="utf-8"))
    assert len(kept) > 1000
    for nodeid, (wall, cpu) in kept.items():
        assert nodeid.startswith("tests/") and "::" in nodeid
        assert wall >= 0 and cpu >= 0
