"""The start-up cache: checked content kept so that the next start need not check it again.

Checking what staff write is pure: the same files and the same code give the same flows, rules
and problems. So a result is kept pickled under a key made of everything it depends on -- the
files' bytes and names, the code that checked them, Python's and PyYAML's versions -- and used
only under exactly that key. Any change to one of them is a new key, so a stale result is never
used; a cache file that cannot be read or written is simply not used (the work is done again).
The newest few entries of each kind are kept.

Where: $BETWEEN_CACHE_DIR, else $XDG_CACHE_HOME/between-sessions, else ~/.cache/between-sessions.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

log = logging.getLogger(__name__)
KEEP = 16  # entries of each kind; the least recently used go first
CODE_SUFFIXES = (".py", ".txt", ".yaml")


def cache_dir() -> Path:
    explicit = os.environ.get("BETWEEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "between-sessions"


@cache
def code_digest(code: Path) -> bytes:
    """The code (and data) in a file, or a folder and below; read once per process, so that it
    is the code that runs."""
    digest = hashlib.sha256()
    files = [code] if code.is_file() else sorted(code.rglob("*"))
    for part in (p for p in files if p.suffix in CODE_SUFFIXES):
        digest.update(part.name.encode() + b"\0" + part.read_bytes() + b"\0")
    return digest.digest()


def key(parts: Iterable[bytes | str], code: Iterable[Path]) -> str:
    """The key for a result of ``parts`` (file names and bytes) checked by ``code`` (the files
    and folders of the code that checks them)."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0".encode())
    for path in code:
        digest.update(code_digest(path.resolve()))
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()[:40]


def load(kind: str, entry: str) -> object | None:
    """The value kept under ``kind`` and ``entry``; None when there is none or it is unreadable."""
    where = cache_dir() / f"{kind}-{entry}.pickle"
    try:
        with open(where, "rb") as file:
            value = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as err:  # unreadable or from another version: the caller checks again
        log.info("%s cache not used (%s)", kind, type(err).__name__)
        return None
    try:
        os.utime(where)  # recently used: kept when older entries are dropped
    except OSError:
        pass
    return value


def store(kind: str, entry: str, value: object) -> None:
    """Keep ``value``; whole or not at all, also with two bots starting at once."""
    where = cache_dir() / f"{kind}-{entry}.pickle"
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=where.parent, prefix=f".{kind}-", delete=False
        ) as file:
            try:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(file.name)
                raise
        os.replace(file.name, where)
        _drop_old(where.parent, kind)
    except Exception as err:  # a read-only home, a full disk, a value that cannot be pickled
        log.info("%s cache not written (%s)", kind, type(err).__name__)


def _drop_old(folder: Path, kind: str) -> None:
    entries = []
    for path in folder.glob(f"{kind}-*.pickle"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            pass
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass
