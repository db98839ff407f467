"""The order in which pytest-xdist hands out the tests (tests/conftest.py says why), and the
timings it is made from."""
from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path
from typing import Any

import pytest

# Run whole on one worker: their module fixtures are a browser, a studio or a database.
ONE_WORKER = (
    "tests/studio/test_page.py",
    "tests/studio/test_access.py",
    "tests/studio/test_stats.py",
    "tests/bench/test_compare_scenarios.py",
    "tests/telegram/test_bot_postgres.py",
)


TIMINGS = "between/timings"  # pytest's cache: test id -> [wall, CPU] seconds, setup to teardown
SHIPPED_TIMINGS = Path(__file__).with_name("timings.json")  # the same, for a new checkout
UNMEASURED = (1.0, 1.0)  # a test not measured yet


def cpu_now() -> float:
    """This process's CPU and that of the subprocesses it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


PHASE_START = pytest.StashKey[float]()


def mark_start(item: pytest.Item) -> None:
    item.stash[PHASE_START] = cpu_now()


def add_cpu(item: pytest.Item, report: pytest.TestReport) -> None:
    """A phase's report carries its CPU (``report.cpu``; xdist sends a report's attributes to
    the controller), counted from the end of the phase before."""
    now = cpu_now()
    report.cpu = round(now - item.stash.get(PHASE_START, now), 4)  # type: ignore[attr-defined]
    item.stash[PHASE_START] = now


class TimingRecorder:
    """Keeps how long each test took, wall and CPU, in the process that reports the results
    (the xdist controller, or the only process with ``-n 0``), for the next run's order."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.took: dict[str, list[float]] = {}
        self.skipped: set[str] = set()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        took = self.took.setdefault(report.nodeid, [0.0, 0.0])
        took[0] += report.duration
        took[1] += getattr(report, "cpu", 0.0)
        if report.skipped:
            self.skipped.add(report.nodeid)

    def pytest_sessionfinish(self) -> None:
        # A skipped test (PostgreSQL's without a server, the browser's without chromium) took no
        # time that says what it costs when it runs: its figures from before are kept, or the
        # next run with a server would hand its tests out last, as if they were short.
        took = {nodeid: times for nodeid, times in self.took.items()
                if nodeid not in self.skipped}
        cache = self.config.cache
        if took and cache is not None:
            kept = cache.get(TIMINGS, {})
            kept.update({nodeid: [round(wall, 3), round(cpu, 3)]
                         for nodeid, (wall, cpu) in took.items()})
            cache.set(TIMINGS, kept)
        shipped = os.environ.get("BETWEEN_WRITE_TIMINGS")  # `make timings`: this run's tests
        if took and shipped:
            before = (json.loads(Path(shipped).read_text(encoding="utf-8"))
                      if Path(shipped).exists() else {})
            took.update({nodeid: before[nodeid] for nodeid in self.skipped if nodeid in before})
            lines = [f"{json.dumps(nodeid)}: [{wall:.2f}, {cpu:.2f}]"
                     for nodeid, (wall, cpu) in sorted(took.items())]
            text = "{\n" + ",\n".join(lines) + "\n}\n"  # a line a test, for readable diffs
            Path(shipped).write_text(text, encoding="utf-8")


def timings(config: pytest.Config) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds per test id: this checkout's last runs, else tests/timings.json."""
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    kept = cache.get(TIMINGS, {}) if cache is not None else {}
    if not kept and SHIPPED_TIMINGS.exists():
        kept = json.loads(SHIPPED_TIMINGS.read_text(encoding="utf-8"))
    return {nodeid: (float(wall), float(cpu)) for nodeid, (wall, cpu) in kept.items()}


def taking_turns(units: dict[str, list[tuple[float, float]]], sharing: float) -> list[str]:
    """The units (name -> each test's wall and CPU seconds) in the order they go out. A unit
    that only computes shows about ``sharing`` (workers per core) times its CPU as wall; one
    that shows more than twice that mostly waits. The waiting units (longest first) and the
    computing ones (most CPU first) go out so that each kind has been handed about as much wall
    time as the other: half the workers wait while the other half keep the cores busy, until
    the waiting units run out."""
    wall = {name: sum(w for w, _ in tests) for name, tests in units.items()}
    cpu = {name: sum(c for _, c in tests) for name, tests in units.items()}
    waits = {name for name in units if wall[name] > 2 * sharing * cpu[name]}
    waiting = sorted(waits, key=lambda name: -wall[name])
    computing = sorted((name for name in units if name not in waits), key=lambda name: -cpu[name])
    order: list[str] = []
    handed = {"waiting": 0.0, "computing": 0.0}
    while waiting or computing:
        kind = "waiting" if waiting and (not computing or
                                        handed["waiting"] <= handed["computing"]) else "computing"
        name = (waiting if kind == "waiting" else computing).pop(0)
        handed[kind] += wall[name]
        order.append(name)
    return order


def make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's LoadScopeScheduling with a unit of work of one test, or a whole ONE_WORKER
    module (xdist's own ``loadgroup`` renames tests for this, which pytest 9.2 no longer
    allows), the units going out in the order of taking_turns."""
    from xdist.scheduler import LoadScopeScheduling

    took = timings(config)
    sharing = max(1.0, config.getvalue("numprocesses") / (os.cpu_count() or 1))

    class OneTestOrOneModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in ONE_WORKER else nodeid

        def _assign_work_unit(self, node: Any) -> None:
            if not getattr(self, "ordered", False):  # the queue is complete now
                self.ordered = True
                queue = dict(self.workqueue)
                units = {scope: [took.get(nodeid, UNMEASURED) for nodeid in nodeids]
                         for scope, nodeids in queue.items()}
                self.workqueue.clear()
                order = taking_turns(units, sharing)
                self.workqueue.update((scope, queue[scope]) for scope in order)
            super()._assign_work_unit(node)

    config.option.loadscopereorder = False
    return OneTestOrOneModule(config, log)
