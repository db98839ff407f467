"""Fixtures for the Telegram adapter tests: the Bot API description, an offline recording
request, and a local fake Bot API server (in this event loop or in a thread).

Other test folders (end-to-end tests, benchmarks) import the helpers as
``tests.telegram.recording`` / ``tests.telegram.fake_server``.
"""
from __future__ import annotations

import pytest

from .botapi_schema import BotApiSchema, load_schema


@pytest.fixture(scope="session")
def bot_api_schema() -> BotApiSchema:
    return load_schema()
