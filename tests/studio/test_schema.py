"""The dialog files' JSON Schema: generated from the loader, committed, and true to the files."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bot.engine.yamlfile import parse_yaml
from bot.studio.schema import MODELINE, dialog_files, dialog_schema, snippets_schema, write_schema

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "flows.yaml"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_committed_schema_and_modelines_are_up_to_date() -> None:
    stale = write_schema(REGISTRY, check=True)
    assert stale == [], f"run `between schema --write`; out of date: {stale}"


def test_every_dialog_file_points_at_the_schema() -> None:
    files, snippets = dialog_files(REGISTRY)
    assert files and snippets is not None
    for file in [*files, snippets]:
        first = file.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith(MODELINE), file
        schema = file.parent / first[len(MODELINE):]
        assert schema.is_file(), first


@pytest.mark.parametrize("file", dialog_files(REGISTRY)[0], ids=lambda p: p.name)
def test_shipped_flows_are_valid_under_the_schema(file: Path) -> None:
    data = _plain(parse_yaml(file.read_bytes(), str(file)))
    errors = list(jsonschema.Draft202012Validator(dialog_schema()).iter_errors(data))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_shipped_snippets_are_valid_under_the_schema() -> None:
    snippets = dialog_files(REGISTRY)[1]
    assert snippets is not None
    data = _plain(parse_yaml(snippets.read_bytes(), str(snippets)))
    assert not list(jsonschema.Draft202012Validator(snippets_schema()).iter_errors(data))


@pytest.mark.parametrize("broken, where", [
    ({"start": "a", "states": {"a": {"sya": "Hi", "end": True}}}, ["states", "a"]),
    ({"start": "a", "states": {"a": {"say": "Hi", "ask": "txt", "next": "a"}}},
     ["states", "a", "ask"]),
    ({"start": "a", "states": {"a": {"say": [{"text": "Hi", "tag": "reflection"}],
                                     "end": True}}}, ["states", "a", "say"]),
    ({"start": "a", "states": {"a": {"say": "Hi", "after": "soon", "next": "a"}}},
     ["states", "a", "after"]),
    ({"start": "a", "states": {"a": {"say": "Hi", "do": ["log_urj"], "end": True}}},
     ["states", "a", "do"]),
])
def test_the_schema_flags_what_the_loader_rejects(broken: dict[str, Any],
                                                  where: list[str]) -> None:
    errors = list(jsonschema.Draft202012Validator(dialog_schema()).iter_errors(broken))
    assert errors
    assert any([str(p) for p in e.absolute_path][:len(where)] == where for e in errors), \
        [list(e.absolute_path) for e in errors]
