"""The order the tests go out to the workers in (tests/scheduling.py)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.scheduling import SHIPPED_TIMINGS, TIMINGS, TimingRecorder, taking_turns


def test_the_waiting_and_the_computing_units_are_handed_out_in_equal_wall_time():
    units = {  # name -> each test's (wall, CPU) seconds, measured four workers to two cores
        "browser": [(20.0, 9.0)],
        "variants": [(16.0, 8.0)],
        "bot": [(6.0, 0.4)],
        "polling": [(4.0, 0.2)],
        "short": [(0.1, 0.05)],
        "many short": [(0.2, 0.1), (0.3, 0.1)],
    }
    order = taking_turns(units, sharing=2.0)
    # bot and polling wait most of their wall time; the rest compute, most CPU first. A bot
    # (6 s), then the browser (20 s), then polling: 10 s of waiting handed out against 20 s.
    assert order == ["bot", "browser", "polling", "variants", "many short", "short"]


def test_with_nothing_waiting_the_most_cpu_goes_first():
    units = {"quick": [(0.1, 0.1)], "slow": [(30.0, 10.0)], "unmeasured": [(1.0, 1.0)]}
    assert taking_turns(units, sharing=2.0) == ["slow", "unmeasured", "quick"]


def test_the_shipped_timings_are_wall_and_cpu_per_test_id():
    kept = json.loads(SHIPPED_TIMINGS.read_text(encoding="utf-8"))
    assert len(kept) > 1000
    for nodeid, (wall, cpu) in kept.items():
        assert nodeid.startswith("tests/") and "::" in nodeid
        assert wall >= 0 and cpu >= 0


class _Cache:
    """pytest's cache as the recorder uses it."""

    def __init__(self, kept: dict) -> None:
        self.kept = {TIMINGS: kept}

    def get(self, key: str, default: object) -> object:
        return self.kept.get(key, default)

    def set(self, key: str, value: object) -> None:
        self.kept[key] = value


def _report(nodeid: str, outcome: str, duration: float) -> pytest.TestReport:
    return pytest.TestReport(nodeid, ("x.py", 0, nodeid), {}, outcome, None, "call",
                             duration=duration)


def test_a_skipped_test_keeps_the_figures_it_had(tmp_path, monkeypatch):
    """A run without PostgreSQL skips its tests in no time; were that kept, the next run with a
    server would hand them out last, as if they were short, and wait for them at the end."""
    config = SimpleNamespace(cache=_Cache({"pg": [5.0, 0.5], "gone": [1.0, 1.0]}))
    shipped = tmp_path / "timings.json"
    shipped.write_text(json.dumps({"pg": [5.0, 0.5], "gone": [1.0, 1.0]}), encoding="utf-8")
    monkeypatch.setenv("BETWEEN_WRITE_TIMINGS", str(shipped))
    recorder = TimingRecorder(config)  # type: ignore[arg-type]
    recorder.pytest_runtest_logreport(_report("pg", "skipped", 0.001))
    recorder.pytest_runtest_logreport(_report("ran", "passed", 2.0))
    recorder.pytest_sessionfinish()
    assert config.cache.kept[TIMINGS] == {"pg": [5.0, 0.5], "gone": [1.0, 1.0], "ran": [2.0, 0.0]}
    assert json.loads(shipped.read_text(encoding="utf-8")) == {"pg": [5.0, 0.5], "ran": [2.0, 0.0]}
