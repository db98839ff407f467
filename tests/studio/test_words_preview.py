"""The studio follows the bot's other words (dialogs/words.yaml) like the flows: the chat preview
says an edit at once, and a mistake in them is listed with file:line while the words that last
loaded keep serving the preview."""
from __future__ import annotations

import shutil
from pathlib import Path

from bot.studio.preview import Previews
from bot.studio.workspace import Workspace
from tests.paths import ROOT


async def history_in_words(previews: Previews, workspace: Workspace) -> str:
    assert workspace.good is not None
    run, _opening = await previews.start((workspace.good, None), "history")
    await previews.send(run.id, "The last 30 days")
    said = await previews.send(run.id, "Words only")
    await previews.close(run.id)
    return "\n".join(m["text"] for m in said)


async def test_the_preview_says_edited_words_and_a_broken_edit_keeps_the_last_good(tmp_path: Path):
    shutil.copy(ROOT / "flows.yaml", tmp_path / "flows.yaml")
    shutil.copytree(ROOT / "dialogs", tmp_path / "dialogs")
    words = tmp_path / "dialogs" / "words.yaml"
    workspace, previews = Workspace(tmp_path / "flows.yaml"), Previews()
    workspace.load()
    try:
        assert "The last 30 days:" in await history_in_words(previews, workspace)
        text = words.read_text(encoding="utf-8")
        words.write_text(text.replace("The last {days} days:", "Past {days}:"), encoding="utf-8")
        assert workspace.refresh() and not workspace.broken
        assert "Past 30:" in await history_in_words(previews, workspace)

        words.write_text(text.replace("The last {days} days:", "Past {dayz}:"), encoding="utf-8")
        assert workspace.refresh() and workspace.broken
        (problem,) = [p for p in workspace.problems if p.is_error]
        shown = workspace.problem_json(problem)
        assert (shown["path"], shown["line"], shown["code"]) == ("dialogs/words.yaml", 7, "BS301")
        assert "Past 30:" in await history_in_words(previews, workspace), "the last good words"
    finally:
        await previews.close_all()
