"""Starting the bot without checking and compiling the crisis rules again.

Checking the rules file (every pattern translated, every example tried) takes over a second,
most of the bot's start-up. The bot does it once per version of the file: the checked rules are
kept pickled under a key made of the file's bytes, its path and this package's code, with every
regex as its source (compiled when a message first needs it). Any change to the rules or to the
code here means a new key, so a stale cache is never used; a cache that cannot be read or
written is simply not used. ``between validate`` never uses it.

Where: $BETWEEN_CACHE_DIR, else $XDG_CACHE_HOME/between-sessions, else ~/.cache/between-sessions.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from bot.engine.problems import Problem

from .rules import Rules, build_rules, read_rules_file

log = logging.getLogger(__name__)
CODE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    explicit = os.environ.get("BETWEEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "between-sessions"


def _key(source: bytes, path: Path) -> str:
    digest = hashlib.sha256(source)
    digest.update(str(path.resolve()).encode())
    digest.update(sys.version.encode())
    for part in sorted(CODE.glob("*.py")) + sorted(CODE.glob("*.txt")):
        digest.update(part.name.encode())
        digest.update(part.read_bytes())
    return digest.hexdigest()[:40]


def load_rules_cached(path: str | Path) -> tuple[Rules | None, list[Problem]]:
    """Like rules.check_rules_file, from the cache when this exact file was checked before."""
    path = Path(path)
    source, problems = read_rules_file(path)
    if source is None:
        return None, problems
    where = cache_dir() / f"rules-{_key(source, path)}.pickle"
    try:
        with open(where, "rb") as file:
            rules, problems = pickle.load(file)
        if isinstance(rules, Rules):
            return rules, problems
    except FileNotFoundError:
        pass
    except Exception as err:  # unreadable or from another version: check the file again
        log.info("safety rules cache not used (%s)", type(err).__name__)
    rules, problems = build_rules(source, str(path))
    if rules is not None:
        _store(where, (rules, problems))
    return rules, problems


def _store(where: Path, value: object) -> None:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where.parent, prefix=".rules-", delete=False) as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, where)  # whole or not at all, even with two bots starting at once
    except OSError as err:
        log.info("safety rules cache not written (%s)", type(err).__name__)
