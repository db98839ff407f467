"""The golden transcripts (tests/transcripts/*.chat) and `between validate`, under pytest.

The same runner as `between test`: each transcript chats with the real Companion on a fresh
SQLite store and must see exactly the lines it expects.
"""

from __future__ import annotations

import pytest

from bot.transcripts import Coverage, find_transcripts, parse_transcript, run_script
from bot.wiring import Content
from tests.content import content_of
from tests.paths import ROOT

TRANSCRIPTS = find_transcripts([str(ROOT / "tests" / "transcripts")])


@pytest.fixture
def content() -> Content:
    return content_of()


def test_the_shipped_content_validates(content: Content) -> None:
    assert content.ok, "\n".join(map(str, content.errors))
    assert content.safety is not None, "flows.yaml names the crisis screen"


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 50


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
async def test_golden_transcript(path, content: Content) -> None:
    script = parse_transcript(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    failures = await run_script(script, content.require(), Coverage())
    assert not failures, "\n".join(failures)
