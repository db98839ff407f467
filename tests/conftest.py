"""What every test folder shares: nothing is changed at import (no directory, no sys.path).

Tests find the repository's files through ``tests.paths.ROOT``; pytest imports the ``tests``
package from the repository root (rootdir), and the project itself is installed (make install).

How pytest-xdist spreads the tests (``-n 4``, pyproject.toml; tests/scheduling.py): each test is
handed out on its own to the next free worker, in an order that keeps both cores busy. Four
workers share two cores: while two compute, two may wait (on a subprocess, a browser, a
timeout). Longest first put every waiting test at the start at once, and the cores stood idle;
so the tests that mostly wait and those that compute go out in equal shares of wall time, each
longest first, and the many short tests fill in at the end. How long each test took (wall and
CPU) is kept from run to run in pytest's cache (``.pytest_cache``, key ``between/timings``);
where none is kept yet (a new checkout, CI) the figures of tests/timings.json are used, written
by ``make timings``. A test found in neither counts as one second of computing. A module whose
module-scoped fixtures are costly (a browser, a studio process, a PostgreSQL database) goes
whole to one worker, so that they are set up once, not once a worker.
"""
from __future__ import annotations

import gc
import os
import sys
from typing import Any

import pytest

from tests import scheduling

# Every worker imports the whole suite; pytest rewrites each test module's asserts on import
# (about 2 s of CPU a worker for the suite) and keeps the result only where bytecode may be
# written. Where PYTHONDONTWRITEBYTECODE is set it would redo that in every worker of every
# run: the test processes write it all the same, as `make install` does for bot/ (the
# processes the tests start keep the environment's setting).
sys.dont_write_bytecode = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    scheduling.mark_start(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    scheduling.add_cpu(item, report)
    return report


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config, "cache", None) is None:  # -p no:cacheprovider
        return
    # The bot's start-up cache (bot/engine/cache.py) for this checkout's tests and the processes
    # they start, in pytest's cache folder: not shared with other checkouts and the bot's own
    # use, whose entries (16 kept of each kind) would push out those of this checkout's content
    # and have every worker and `between` process check it again.
    os.environ.setdefault("BETWEEN_CACHE_DIR", str(config.cache.mkdir("between-sessions")))
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(scheduling.TimingRecorder(config), "between-timings")
        if config.getoption("numprocesses", default=0):  # xdist workers will start
            _warm_startup_cache()


def _warm_startup_cache() -> None:
    """The shipped flows and crisis rules checked into the start-up cache, in the xdist
    controller before the workers start: in a new checkout every worker checked them itself, at
    the same moment (about 2 s of CPU each), and the flow sets a run's tests keep push the
    shipped one out of the cache (16 kept) for the next run. Already kept, this costs a tenth
    of a second."""
    from bot.wiring import load_content
    from tests.paths import FLOWS

    load_content(str(FLOWS))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "load":  # another --dist asked for on the command line
        return None
    return scheduling.make_scheduler(config, log)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collector runs less often, and never again over what is loaded by now. A test
    process keeps everything it imported and collected (the bot, the test modules, the
    shipped content) for the whole run, and its tests make and drop many small objects (YAML
    values, flow sets, verdicts): with Python's defaults the cyclic collector went over all of
    it again and again, some 7-10 % of the suite's CPU. Only how often garbage in cycles is
    collected changes, not what the code does; the bot's own processes keep the defaults."""
    gc.freeze()  # what exists now is never collected: it lives as long as the process
    gc.set_threshold(20_000, 20, 20)  # (700, 10, 10) by default
