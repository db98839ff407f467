"""SQLite WAL checkpoints off the turn path.

SQLite copies the write-ahead log back into the database file (a checkpoint, which syncs the
whole file) on whichever commit makes the log pass 1,000 pages: that commit, and every turn
queued behind it on the store's one connection, then waits tens of milliseconds. The store turns
that off on its connection and checkpoints here instead: from a connection of its own, in a
thread of its own, once a second. PASSIVE checkpoints never wait for a writer nor block one.
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
        conn = sqlite3.connect(self.path, timeout=0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA synchronous={self.synchronous}")
            while not self._stop.wait(self.every):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as err:  # the next second will do
                    log.warning("WAL checkpoint failed (%s)", type(err).__name__)
        finally:
            conn.close()
