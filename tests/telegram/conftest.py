"""Fixtures for the Telegram adapter tests: the Bot API description, an offline recording
request, and a local fake Bot API server (in this event loop or in a thread).

The fakes themselves live in bench/drivers/telegram (the benchmarks drive the bot with them
too); the Bot API description they check every request against is test data, vendored in
tests/telegram/botapi/.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest

from bench.drivers.telegram.botapi_schema import BotApiSchema, load_schema
from bench.drivers.telegram.fake_server import FakeBotApi
from bench.drivers.telegram.recording import RecordingRequest, offline_application
from bench.drivers.telegram.updates import UpdateFactory


@pytest.fixture(scope="session")
def bot_api_schema() -> BotApiSchema:
    return load_schema()


@pytest.fixture(scope="session")
def timed_registry(request: pytest.FixtureRequest,
                   tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped registry plus a one-second /timed flow (bot_harness.registry_with_timed_flow),
    made once per process, so that its content is loaded once (tests/content.py). Read only: a
    test that edits its content makes its own copy.

    Its folder is named by its content, in pytest's cache folder: the same for every worker and
    every run while the content is the same, so that the flows checked by the first worker (the
    start-up cache, bot/engine/cache.py, keyed by the files' paths and bytes) serve the others
    rather than being checked again in each. It is made whole elsewhere and renamed into place,
    so that a worker never reads it half written."""
    from .bot_harness import registry_with_timed_flow

    made = registry_with_timed_flow(tmp_path_factory.mktemp("timed") / "flows")
    cache = getattr(request.config, "cache", None)
    if cache is None:  # -p no:cacheprovider
        return made
    return shared_copy(made.parent, cache.mkdir("timed-registry")) / made.name


def shared_copy(folder: Path, within: Path) -> Path:
    """``folder``'s copy in ``within``, in a folder named by the hash of its files' names and
    bytes; made unless there. Copies of other contents are removed (best effort)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = file.relative_to(folder).as_posix().encode()
        digest.update(len(name).to_bytes(8, "little") + name + file.read_bytes())
    target = within / digest.hexdigest()[:24]
    if not target.is_dir():
        building = Path(tempfile.mkdtemp(dir=within, prefix=".building-"))
        shutil.copytree(folder, building, dirs_exist_ok=True)
        try:
            building.rename(target)
        except OSError:  # another worker put it there first
            shutil.rmtree(building, ignore_errors=True)
    for other in within.iterdir():
        if other != target and not other.name.startswith("."):
            shutil.rmtree(other, ignore_errors=True)
    return target


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


@pytest.fixture
async def fake_bot_api(bot_api_schema: BotApiSchema):
    """A fake Bot API server in this test's event loop; fails the test on any violation."""
    async with FakeBotApi(schema=bot_api_schema) as server:
        yield server
    server.assert_no_violations()


@pytest.fixture
def fake_bot_api_thread(bot_api_schema: BotApiSchema):
    """A fake Bot API server running in its own thread (e.g. for a bot in a subprocess)."""
    with FakeBotApi(schema=bot_api_schema).running_in_thread() as server:
        yield server
    server.assert_no_violations()
