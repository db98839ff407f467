"""Starting the bot without checking and compiling the crisis rules again.

Checking the rules file (every pattern translated, every example tried) takes over a second,
most of the bot's start-up. The bot does it once per version of the file: the checked rules are
kept in the start-up cache (bot/engine/cache.py) under a key made of the file's bytes, its path,
the code of this package and of the engine's YAML reader, with every regex as its source
(compiled when a message first needs it). Any change to the rules or to that code means a new
key, so a stale cache is never used; a cache that cannot be read or written is not used.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import bot.engine.cache as cache
from bot.engine.problems import Problem

from .reader import Reader, read_files
from .rules import Rules, build_rules, read_rules_file

ENGINE = Path(cache.__file__).resolve().parent
CODE = (Path(__file__).resolve().parent, ENGINE / "yamlfile.py", ENGINE / "problems.py")
cache_dir = cache.cache_dir


def load_rules_cached(path: str | Path) -> tuple[Rules | None, list[Problem]]:
    """Like rules.check_rules_file, from the cache when this exact file was checked before."""
    path = Path(path)
    source, problems = read_rules_file(path)
    if source is None:
        return None, problems
    entry = cache.key([str(path.resolve()), source], CODE)
    kept = cache.load("rules", entry)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], Rules):
        return kept[0], kept[1]
    rules, problems = build_rules(source, str(path))
    if rules is not None:
        cache.store("rules", entry, (rules, problems))
    return rules, problems


def load_reader_cached(path: str | Path) -> Reader:
    """Like Reader.load; when this exact reader was opened before, its metadata comes from the
    cache and the encoder opens when first needed (a third of a second off the start-up)."""
    files = read_files(path)
    runtime = importlib.metadata.version("onnxruntime")  # another version may not open it
    entry = cache.key([str(Path(path).resolve()), runtime, files.digest], CODE)
    kept = cache.load("reader", entry)
    if isinstance(kept, dict) and all(isinstance(v, str) for v in kept.values()):
        return Reader.load(files, metadata=kept)
    reader = Reader.load(files)
    cache.store("reader", entry, reader.metadata)
    return reader
