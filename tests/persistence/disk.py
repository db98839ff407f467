"""A disk that fills up, for the disk-full tests.

* ``TmpfsDisk`` — a real, small filesystem (tmpfs, mounted for the test; needs root): a filler
  file takes the free space, deleting it gives the space back. SQLite then fails where it
  really does: writing the WAL at COMMIT, or the checkpoint growing the database file.
* ``PageLimitDisk`` — where mounting is not allowed (CI): SQLite's ``PRAGMA max_page_count`` on
  the store's connection makes the database "full" at its current size; the same SQLITE_FULL
  ("database or disk is full"), raised by the statement that needs a new page.
* ``FileSizeLimitDisk`` — a disk that fails writes: the process's file size limit
  (``RLIMIT_FSIZE``, SIGXFSZ ignored) stops any file from growing past one page, so the WAL
  takes no frame; the write fails with EFBIG, which SQLite reports as SQLITE_IOERR ("disk I/O
  error") at COMMIT.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest

MOUNT_SIZE = 4 * 2**20


class TmpfsDisk:
    kind = "tmpfs"

    def __init__(self, folder: Path) -> None:
        self.dir = folder
        self._filler = folder / "filler"

    def fill(self, store: Any = None, leave: int = 0) -> None:
        """Take all free space but ``leave`` bytes. With a ``store``, first empty its WAL (a
        commit that fits in the WAL's old length needs no new space)."""
        if store is not None:
            _raw(store).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        st = os.statvfs(self.dir)
        free = st.f_bavail * st.f_frsize - leave
        with open(self._filler, "ab") as f:
            try:
                f.write(b"\0" * max(free, 0))
                f.flush()
            except OSError:  # tmpfs counts in pages: the last one may not fit
                pass

    def free(self, store: Any = None) -> None:
        self._filler.unlink(missing_ok=True)


class PageLimitDisk:
    kind = "page limit"

    def __init__(self, folder: Path) -> None:
        self.dir = folder

    def fill(self, store: Any, leave: int = 0) -> None:
        """No page more than now (VACUUM first: rows deleted earlier left free pages)."""
        raw = _raw(store)
        raw.execute("VACUUM")
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        raw.execute(f"PRAGMA max_page_count={pages}")

    def free(self, store: Any) -> None:
        _raw(store).execute("PRAGMA max_page_count=4294967294")


class FileSizeLimitDisk:
    kind = "I/O error"

    def __init__(self, folder: Path) -> None:
        self.dir = folder
        self._saved: tuple[Any, Any] | None = None

    def fill(self, store: Any, leave: int = 0) -> None:
        _raw(store).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        limit = 4096
        self._saved = (resource.getrlimit(resource.RLIMIT_FSIZE),
                       signal.signal(signal.SIGXFSZ, signal.SIG_IGN))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, self._saved[0][1]))

    def free(self, store: Any = None) -> None:
        if self._saved is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, self._saved[0])
            signal.signal(signal.SIGXFSZ, self._saved[1])
            self._saved = None


def _raw(store: Any) -> Any:
    """The store's own SQLite connection (between turns)."""
    return store._backend._conn.connection.dbapi_connection


def can_mount(folder: Path) -> str | None:
    """None if a tmpfs can be mounted on ``folder`` (then it is), else why not."""
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    options = f"size={MOUNT_SIZE},mode=0700"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}"
    return None


def disk_for(kind: str, tmp_path: Path) -> Iterator[TmpfsDisk | PageLimitDisk]:
    """A disk of ``kind`` ("tmpfs", "pages" or "ioerror") under ``tmp_path`` (for a fixture:
    yield from)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if kind in ("pages", "ioerror"):
        disk = PageLimitDisk(folder) if kind == "pages" else FileSizeLimitDisk(folder)
        try:
            yield disk
        finally:
            if isinstance(disk, FileSizeLimitDisk):
                disk.free()
        return
    why = can_mount(folder)
    if why is not None:
        pytest.skip(f"{why}; the page-limit variant covers the same error path")
    try:
        yield TmpfsDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
