"""Fixtures for the Telegram adapter tests: the Bot API description, an offline recording
request.

Other test folders (end-to-end tests, benchmarks) import the helpers as
``tests.telegram.recording``.
"""
from __future__ import annotations

import pytest

from .botapi_schema import BotApiSchema, load_schema
from .recording import RecordingRequest, offline_application
from .updates import UpdateFactory


@pytest.fixture(scope="session")
def bot_api_schema() -> BotApiSchema:
    return load_schema()


@pytest.fixture
def recording_request(bot_api_schema: BotApiSchema):
    """A RecordingRequest; the test fails if the bot sent anything Telegram would refuse."""
    request = RecordingRequest(schema=bot_api_schema)
    yield request
    request.assert_no_violations()


@pytest.fixture
def update_factory() -> UpdateFactory:
    return UpdateFactory()


@pytest.fixture
async def offline_app(recording_request: RecordingRequest):
    """An initialized Application (no Updater) talking to ``recording_request``."""
    application = offline_application(recording_request)
    async with application:
        yield application
