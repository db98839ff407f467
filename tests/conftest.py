"""What every test folder shares: nothing is changed at import (no directory, no sys.path).

Tests find the repository's files through ``tests.paths.ROOT``; pytest imports the ``tests``
package from the repository root (rootdir), and the project itself is installed (make install).

How pytest-xdist spreads the tests (``-n 4``, pyproject.toml): each test is handed out on its
own to the next free worker, in the order set here: files whose tests are slow (subprocesses, a
browser, waits for a timeout) first, so that they start at once and the many short tests fill in
around them, instead of a slow file starting last and running alone. A module whose
module-scoped fixtures are costly (a browser, a studio process, a PostgreSQL database) goes whole
to one worker, so that they are set up once, not once a worker. (xdist's own ``loadgroup`` does
this by renaming tests, which pytest 9.2 no longer allows; hence the scheduler below.)
"""
from __future__ import annotations

import sys
from typing import Any

import pytest

# Every worker imports the whole suite; pytest rewrites each test module's asserts on import
# (about 2 s of CPU a worker for the suite) and keeps the result only where bytecode may be
# written. Where PYTHONDONTWRITEBYTECODE is set it would redo that in every worker of every
# run: the test processes write it all the same, as `make install` does for bot/ (the
# processes the tests start keep the environment's setting).
sys.dont_write_bytecode = False

# Slowest first, measured with `pytest --durations=0` (docs/testing.md).
SLOW_FIRST = (
    "tests/persistence/test_processes.py",
    "tests/telegram/test_bot_e2e.py",
    "tests/app/test_cli.py",
    "tests/studio/test_page.py",
    "tests/telegram/test_bot_e2e_erasure.py",
    "tests/studio/test_access.py",
    "tests/safety/test_rules_cache.py",
    "tests/safety/test_dataset.py",
    "tests/telegram/test_bot_delivery.py",
    "tests/telegram/test_bot_offline.py",
    "tests/telegram/test_bot_words_reload.py",
    "tests/app/test_crisis_everywhere.py",
    "tests/safety/test_config.py",
    "tests/telegram/test_polling.py",
    "tests/persistence/test_disk_full.py",
    "tests/bench/test_compare_scenarios.py",
    "tests/studio/test_stats.py",
    "tests/app/test_golden_transcripts.py",
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}
    # a stable sort: the rest, and the tests within a file, keep pytest's order
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(SLOW_FIRST)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "load":  # another --dist asked for on the command line
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneTestOrOneModule(LoadScopeScheduling):
        """A unit of work is one test, or a whole module of ONE_WORKER; units go out in the
        collection order (no reordering by size)."""

        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in ONE_WORKER else nodeid

    config.option.loadscopereorder = False
    return OneTestOrOneModule(config, log)
