"""SQLite WAL checkpoints off the turn path.

SQLite copies the write-ahead log back into the database file (a checkpoint, which syncs the
whole file) on whichever commit makes the log pass 1,000 pages: that commit, and every turn
queued behind it on the store's one connection, then waits tens of milliseconds. The store turns
that off on its connection and checkpoints here instead: from a connection of its own, in a
thread of its own, once a second. PASSIVE checkpoints never wait for a writer nor block one.

A checkpoint that fails (the disk is full: the database file cannot grow; an I/O error) is
tried again the next second, on a new connection if need be: the thread lives as long as the
store, and says once that checkpoints fail and once that they work again.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class Checkpointer:
    def __init__(self, path: Path, synchronous: str, every: float = 1.0) -> None:
        self.path = path
        self.synchronous = synchronous
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="between-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        failing: str | None = None
        while not self._stop.wait(self.every):
            try:
                if conn is None:
                    conn = self._connect()
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except Exception as err:  # the next second will do
                reason = f"{type(err).__name__}: {err}"
                if reason != failing:
                    log.warning(
                        "WAL checkpoint failed (%s) at %s; trying again every %g s",
                        reason,
                        self.path.parent,
                        self.every,
                    )
                failing = reason
                if conn is not None and not isinstance(err, sqlite3.OperationalError):
                    conn.close()
                    conn = None
                continue
            if failing is not None:
                log.warning("WAL checkpoints work again at %s", self.path.parent)
                failing = None
        if conn is not None:
            conn.close()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA synchronous={self.synchronous}")
        except BaseException:
            conn.close()
            raise
        return conn
