"""One fork server per test process for the tests that start processes of the bot or the store.

A new Python process spends most of a second of CPU importing the bot (python-telegram-bot,
SQLAlchemy, the store) before it does anything. The tests that start many such processes
(tests/persistence/test_processes.py, tests/telegram/test_bot_e2e.py) fork them instead from
multiprocessing's fork server, which imported those modules once: a child starts in
milliseconds. Each child is still a process of its own, with its own store, connections, signal
handlers and exit status, killed with SIGKILL where a test says so.

multiprocessing keeps one fork server per process, and what it imports is set before it
starts; ``fork_server`` restarts it (between tests, when none of its children is left) when a
test needs a module it did not import.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from multiprocessing import forkserver
from typing import Any


def fork_server(*modules: str) -> Any:
    """multiprocessing's "forkserver" context, its server having imported ``modules``."""
    context = multiprocessing.get_context("forkserver")
    server: Any = forkserver._forkserver  # type: ignore[attr-defined]
    loaded = [m for m in server._preload_modules or [] if m != "__main__"]
    missing = [m for m in modules if m not in loaded]
    if missing:
        if server._forkserver_pid is not None:
            server._stop()  # it imported less: the next child starts a new one
        context.set_forkserver_preload([*loaded, *missing])
    return context


def stopped_at_the_end(*modules: str) -> Iterator[Any]:
    """A session fixture's body: the context, then the server stopped and waited for, so that
    its CPU time (and its children's) counts in the run's."""
    yield fork_server(*modules)
    forkserver._forkserver._stop()  # type: ignore[attr-defined]
