"""The shipped content (flows, crisis screen, resources), loaded once per test process.

Loading takes about half a second (the crisis rules and the learned layer); every test that only
reads it shares one copy. A test that edits content loads its own copy from its own folder.
"""
from __future__ import annotations

import functools

from bot.wiring import Content, load_content
from tests.paths import FLOWS


def content_of(path: str = str(FLOWS)) -> Content:
    """The content of the registry at ``path``, loaded once per process and path: the shipped
    registry's for the whole run, any other's (a test's copy) while it is among the last four."""
    if str(path) == str(FLOWS):
        return _shipped()
    return _other(str(path))


@functools.cache
def _shipped() -> Content:
    return load_content(str(FLOWS))


@functools.lru_cache(maxsize=4)
def _other(path: str) -> Content:
    return load_content(path)
