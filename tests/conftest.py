"""What every test folder shares: nothing is changed at import (no directory, no sys.path).

Tests find the repository's files through ``tests.paths.ROOT``; pytest imports the ``tests``
package from the repository root (rootdir), and the project itself is installed (make install).

How pytest-xdist spreads the tests (``--dist loadgroup --no-loadscope-reorder``, pyproject.toml):
each test is handed out on its own to the next free worker, in the order set here: files whose
tests are slow (subprocesses, a browser, waits for a timeout) first, so that they start at once
and the many short tests fill in around them instead of a slow file starting last and running
alone. A module whose module-scoped fixtures are costly (a browser, a studio process, a
PostgreSQL database) runs whole on one worker, so that they are set up once, not once a worker.
"""
from __future__ import annotations

import pytest

# Slowest first, measured with `pytest --durations=0` (docs/testing.md).
SLOW_FIRST = (
    "tests/safety/test_model.py",
    "tests/telegram/test_bot_e2e.py",
    "tests/telegram/test_polling.py",
    "tests/studio/test_page.py",
    "tests/persistence/test_processes.py",
    "tests/studio/test_access.py",
    "tests/telegram/test_bot_e2e_erasure.py",
    "tests/app/test_cli.py",
    "tests/telegram/test_bot_delivery.py",
    "tests/telegram/test_bot_offline.py",
    "tests/safety/test_rules_cache.py",
    "tests/safety/test_config.py",
    "tests/persistence/test_disk_full.py",
    "tests/safety/test_dataset.py",
    "tests/bench/test_compare_scenarios.py",
    "tests/studio/test_stats.py",
    "tests/app/test_golden_transcripts.py",
)
ONE_WORKER = (
    "tests/studio/test_page.py",
    "tests/studio/test_access.py",
    "tests/studio/test_stats.py",
    "tests/bench/test_compare_scenarios.py",
    "tests/telegram/test_bot_postgres.py",
)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}
    # a stable sort: the rest, and the tests within a file, keep pytest's order
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(SLOW_FIRST)))
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        if path in ONE_WORKER:
            item.add_marker(pytest.mark.xdist_group(path))
