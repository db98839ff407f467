"""The shipped content (flows, crisis screen, resources), loaded once per test process.

Loading takes about half a second (the crisis rules and the learned layer); every test that only
reads it shares one copy. A test that edits content loads its own copy from its own folder.
"""
from __future__ import annotations

import functools

from bot.wiring import Content, load_content
from tests.paths import FLOWS


@functools.lru_cache(maxsize=4)
def content_of(path: str = str(FLOWS)) -> Content:
    """The content of the registry at ``path``, loaded once per process and path."""
    return load_content(path)
