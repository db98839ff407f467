"""What every test folder shares: nothing is changed at import (no directory, no sys.path).

Tests find the repository's files through ``tests.paths.ROOT``; pytest imports the ``tests``
package from the repository root (rootdir), and the project itself is installed (make install).

How pytest-xdist spreads the tests (``-n 4``, pyproject.toml): each test is handed out on its
own to the next free worker, longest first, so that the slow ones (subprocesses, a browser, waits
for a timeout) start at once and the many short tests fill in around them, instead of a slow
test starting last and running alone. How long each test took is kept from run to run in
pytest's cache (``.pytest_cache``, key ``between/durations``). A test of ``SLOW_FIRST`` not
measured yet goes first (with none measured, all of them do); any other counts as one second.
A module whose module-scoped fixtures are costly (a browser, a studio process, a PostgreSQL
database) goes whole to one worker, so that they are set up once, not once a worker. (xdist's
own ``loadgroup`` does this by renaming tests, which pytest 9.2 no longer allows; hence the
scheduler below.)
"""
from __future__ import annotations

import os
import sys
from typing import Any

import pytest

# Every worker imports the whole suite; pytest rewrites each test module's asserts on import
# (about 2 s of CPU a worker for the suite) and keeps the result only where bytecode may be
# written. Where PYTHONDONTWRITEBYTECODE is set it would redo that in every worker of every
# run: the test processes write it all the same, as `make install` does for bot/ (the
# processes the tests start keep the environment's setting).
sys.dont_write_bytecode = False

# Slowest first, when no durations are kept yet (a new checkout, CI): by their longest test
# (a ONE_WORKER module: all of it), from a whole run's `--durations=0` (docs/testing.md).
SLOW_FIRST = (
    "tests/studio/test_page.py",
    "tests/app/test_cli.py",
    "tests/telegram/test_bot_e2e.py",
    "tests/safety/test_typed_variants.py",
    "tests/safety/test_rules_cache.py",
    "tests/telegram/test_bot_e2e_erasure.py",
    "tests/persistence/test_processes.py",
    "tests/safety/test_dataset.py",
    "tests/studio/test_access.py",
    "tests/safety/test_normalize.py",
    "tests/telegram/test_bot_crisis_everywhere.py",
    "tests/telegram/test_bot_offline.py",
    "tests/telegram/test_fake_server.py",
    "tests/telegram/test_bot_words_reload.py",
    "tests/studio/test_words_preview.py",
    "tests/telegram/test_polling.py",
    "tests/safety/test_config.py",
    "tests/telegram/test_bot_postgres.py",
    "tests/studio/test_stats.py",
    "tests/bench/test_compare_scenarios.py",
    "tests/app/test_import_graph.py",
    "tests/telegram/test_bot_delivery.py",
    "tests/app/test_golden_transcripts.py",
    "tests/app/test_crisis_everywhere.py",
    "tests/persistence/test_disk_full.py",
    "tests/safety/test_model.py",
)
# Run whole on one worker: their module fixtures are a browser, a studio or a database.
ONE_WORKER = (
    "tests/studio/test_page.py",
    "tests/studio/test_access.py",
    "tests/studio/test_stats.py",
    "tests/bench/test_compare_scenarios.py",
    "tests/telegram/test_bot_postgres.py",
)


DURATIONS = "between/durations"  # pytest's cache: seconds per test id, setup to teardown
UNMEASURED = 1.0  # seconds, for a test not in the cache yet


class DurationRecorder:
    """Keeps how long each test took, in the process that reports the results (the xdist
    controller, or the only process with ``-n 0``), for the next run's order."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.took: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.took[report.nodeid] = self.took.get(report.nodeid, 0.0) + report.duration

    def pytest_sessionfinish(self) -> None:
        cache = self.config.cache
        if self.took and cache is not None:
            kept = cache.get(DURATIONS, {})
            kept.update({nodeid: round(took, 3) for nodeid, took in self.took.items()})
            cache.set(DURATIONS, kept)


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config, "cache", None) is None:  # -p no:cacheprovider
        return
    # The bot's start-up cache (bot/engine/cache.py) for this checkout's tests and the processes
    # they start, in pytest's cache folder: not shared with other checkouts and the bot's own
    # use, whose entries (16 kept of each kind) would push out those of this checkout's content
    # and have every worker and `between` process check it again.
    os.environ.setdefault("BETWEEN_CACHE_DIR", str(config.cache.mkdir("between-sessions")))
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(DurationRecorder(config), "between-durations")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}
    # a stable sort: the rest, and the tests within a file, keep pytest's order
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(SLOW_FIRST)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "load":  # another --dist asked for on the command line
        return None
    from xdist.scheduler import LoadScopeScheduling

    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    took: dict[str, float] = cache.get(DURATIONS, {}) if cache is not None else {}

    class OneTestOrOneModule(LoadScopeScheduling):
        """A unit of work is one test, or a whole module of ONE_WORKER; units go out in the
        ``order`` below, or in the collection order when no durations are kept."""

        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in ONE_WORKER else nodeid

        def _assign_work_unit(self, node: Any) -> None:
            if took and not getattr(self, "ordered", False):  # the queue is complete now
                self.ordered = True
                units = sorted(self.workqueue.items(), key=lambda unit: order(*unit))
                self.workqueue.clear()
                self.workqueue.update(units)
            super()._assign_work_unit(node)

    def order(scope: str, nodeids: dict[str, bool]) -> tuple[int, float]:
        """A unit of SLOW_FIRST not measured yet (a new slow test) first, in the collection
        order; then the rest, longest first."""
        if scope.split("::", 1)[0] in SLOW_FIRST and not all(n in took for n in nodeids):
            return 0, 0.0
        return 1, -sum(took.get(nodeid, UNMEASURED) for nodeid in nodeids)

    config.option.loadscopereorder = False
    return OneTestOrOneModule(config, log)
