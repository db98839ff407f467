"""One fork server per test process for the tests that start processes of the bot or the store.

A new Python process spends most of a second of CPU importing the bot (python-telegram-bot,
SQLAlchemy, the store) before it does anything. The tests that start many such processes
(tests/persistence/test_processes.py, tests/telegram/test_bot_e2e.py and
test_bot_e2e_erasure.py) fork them instead from multiprocessing's fork server, which imported
those modules once: a child starts in milliseconds. Each child is still a process of its own,
with its own store, connections, signal handlers and exit status, killed with SIGKILL where a
test says so.

multiprocessing keeps one fork server per process, and what it imports is set before it
starts: the store's crash tests and the bots share one that imports what both need (about
0.9 s of CPU once per test process; under pytest-xdist each worker that runs one of these
tests starts one).
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from multiprocessing import forkserver
from typing import Any

PRELOAD = ["tests.persistence.worker", "tests.telegram.bot_fork"]


def fork_server() -> Iterator[Any]:
    """A session fixture's body: multiprocessing's "forkserver" context, its server importing
    PRELOAD; at the end the server is stopped and waited for, so that its CPU time (and that
    of its children) counts in the run's (in tests/cputime.py's figures, in the test that
    happens to end the session)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    yield context
    forkserver._forkserver._stop()  # type: ignore[attr-defined]
