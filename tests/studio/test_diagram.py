"""The diagram marks what the validator finds, from the files as they are now."""
from __future__ import annotations

from pathlib import Path

from bot.studio.workspace import Workspace

REGISTRY = """\
home: demo
start: demo
flows:
  demo:
    file: demo.yaml
    title: Demo
"""
DIALOG = """\
start: hello
states:
  hello:
    say:
      - text: "What's on your mind?"
        tag: question.open
    ask: text
    save_as: mind
    next: back
  back:
    say:
      - text: "So {mind}."
        tag: reflection.simple
    ask: choice
    choices:
      - label: Go on
        next: bye
      - label: Stop
  bye:
    say: Bye.
    end: true
  lost:
    say: Nobody comes here.
    end: true
"""


def test_dead_ends_unreachable_states_and_tags_are_drawn(tmp_path: Path) -> None:
    (tmp_path / "flows.yaml").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "demo.yaml").write_text(DIALOG, encoding="utf-8")
    workspace = Workspace(tmp_path / "flows.yaml")
    workspace.load()
    assert workspace.broken and workspace.good is None  # a dead end is an error
    assert {p.code for p in workspace.problems} >= {"BS202", "BS203"}
    view = workspace.flow_view("demo")
    assert view is not None
    svg = view["svg"]
    assert 'class="node tag-reflection-simple dead-end" data-state="back"' in svg
    assert 'class="node tag-none unreachable" data-state="lost"' in svg
    assert 'class="node tag-question-open" data-state="hello"' in svg
    assert svg.count('class="edge') == 2  # hello → back, back → bye ("Stop" leads nowhere)
    source = workspace.source("demo.yaml")
    assert source is not None
    lines = {p["line"]: p["code"] for p in source["problems"]}
    assert lines[DIALOG.splitlines().index("  back:") + 1] == "BS203"
    assert lines[DIALOG.splitlines().index("  lost:") + 1] == "BS202"
