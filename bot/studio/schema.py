"""A JSON Schema for dialog files, generated from the loader's own lists of keys and values.

Editors that read a ``# yaml-language-server: $schema=...`` line at the top of a YAML file
(VS Code's YAML extension, JetBrains IDEs, Neovim's yamlls) then complete keys and flag wrong
ones as staff type. The schema is only a typing aid: `between validate` stays the judge (it
also checks targets, variables and conditions, which a schema cannot).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.engine.actions import ACTIONS
from bot.engine.load import CHOICE_KEYS, DIALOG_KEYS, LINE_KEYS, ROUTE_KEYS, STATE_KEYS
from bot.engine.spec import ASK_KINDS, TAGS

SCHEMA_FILE = "dialog.schema.json"  # beside the dialog files: dialogs/dialog.schema.json
SNIPPETS_SCHEMA_FILE = "snippets.schema.json"
MODELINE = "# yaml-language-server: $schema="
ID_PATTERN = "^[a-z][a-z0-9_]*$"
DURATION_PATTERN = r"^\s*\d+(\.\d+)?\s*(s|sec|secs|seconds?|m|min|mins|minutes?)\s*$"

_DESCRIPTIONS = {
    "start": "the id of the first state",
    "states": "the steps of the flow, keyed by id (small letters, digits and _)",
    "vars": "default values of variables, e.g. `substance: alcohol`",
    "set": "variables given a value when the state is entered",
    "say": "what the bot says: one text, or a list of lines with `text:`, `tag:` and `note:`",
    "ask": "what the client answers with",
    "choices": "the buttons (with `ask: choice` or `ask: multi`)",
    "sort": "a context mapping that orders the buttons, e.g. `favourites`",
    "range": "[lowest, highest] for `ask: scale` or `ask: number`",
    "save_as": "the variable the answer is kept in",
    "next": "the state that follows, or a list of `- if: ...` / `to: ...` entries",
    "flow": "start another flow (its id in flows.yaml)",
    "after": "wait this long before going on, e.g. `90s` or `2m`",
    "end": "the flow ends here",
    "resume": "go back to the flow that was interrupted",
    "do": "actions carried out when the state is entered",
    "use": "a snippet from the snippets file to build this state from",
    "text": "the words (may use {variables} and filters)",
    "tag": "what kind of line this is (MITI): counted in the fidelity figures",
    "note": "a training note shown to trainees after the line",
    "label": "the words on the button",
    "id": "the button's id (kept in `save_as:`; at most 56 bytes)",
    "value": "the value saved when the button is pressed (the label if not given)",
    "other": "typed words that fit no button are taken as this button's answer",
    "if": "a condition, e.g. `urge >= 7` or `choice == 'rest'`",
    "to": "a state of this flow",
}


def _text() -> dict[str, Any]:
    return {"type": ["string", "number"]}


def _described(key: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": _DESCRIPTIONS[key], **schema} if key in _DESCRIPTIONS else schema


def _closed(properties: dict[str, Any], keys: tuple[str, ...], **extra: Any) -> dict[str, Any]:
    """An object with exactly the loader's keys (so an editor flags a misspelt one)."""
    missing = set(keys) - set(properties)
    if missing:  # the loader learnt a key this module does not describe yet
        raise KeyError(f"no schema for key(s) {sorted(missing)}")
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {k: _described(k, properties[k]) for k in keys},
        **extra,
    }


def _definitions() -> dict[str, Any]:
    route = _closed(
        {
            "if": {"type": "string"},
            "to": {"type": "string", "pattern": ID_PATTERN},
            "flow": {"type": "string"},
        },
        ROUTE_KEYS,
    )
    next_ = {
        "oneOf": [
            {"type": "string", "pattern": ID_PATTERN},
            {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/route"}},
        ]
    }
    line = _closed(
        {"text": _text(), "tag": {"enum": list(TAGS)}, "note": {"type": "string"}},
        LINE_KEYS,
        required=["text"],
    )
    choice = {
        "oneOf": [
            {"type": ["string", "integer"]},
            _closed(
                {
                    "label": _text(),
                    "id": {"type": "string"},
                    "value": {},
                    "next": {"$ref": "#/$defs/next"},
                    "flow": {"type": "string"},
                    "other": {"type": "boolean"},
                },
                CHOICE_KEYS,
                required=["label"],
            ),
        ]
    }
    action = {
        "oneOf": [
            {"enum": sorted(ACTIONS)},
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "additionalProperties": False,
                "properties": {
                    name: {
                        "description": spec.description,
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {arg: _text() for arg in sorted(spec.args)},
                                **({"required": sorted(spec.required)} if spec.required else {}),
                            },
                        ],
                    }
                    for name, spec in sorted(ACTIONS.items())
                },
            },
        ]
    }
    state = _closed(
        {
            "set": {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": _text(),
            },
            "say": {
                "oneOf": [
                    _text(),
                    {
                        "type": "array",
                        "minItems": 1,
                        "items": {"oneOf": [_text(), {"$ref": "#/$defs/line"}]},
                    },
                ]
            },
            "ask": {"enum": list(ASK_KINDS)},
            "choices": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}},
            "sort": {"type": "string"},
            "range": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"}},
            "save_as": {"type": "string", "pattern": ID_PATTERN},
            "next": {"$ref": "#/$defs/next"},
            "flow": {"type": "string"},
            "after": {
                "oneOf": [
                    {"type": "number", "exclusiveMinimum": 0},
                    {"type": "string", "pattern": DURATION_PATTERN},
                ]
            },
            "end": {"type": "boolean"},
            "resume": {"type": "boolean"},
            "do": {
                "oneOf": [
                    {"$ref": "#/$defs/action"},
                    {"type": "array", "items": {"$ref": "#/$defs/action"}},
                ]
            },
            "use": {"type": "string"},
        },
        STATE_KEYS,
    )
    return {
        "route": route,
        "next": next_,
        "line": line,
        "choice": choice,
        "action": action,
        "state": state,
    }


def dialog_schema() -> dict[str, Any]:
    """The schema of one dialog file (``start:``, ``states:``, ``vars:``)."""
    body = _closed(
        {
            "start": {"type": "string", "pattern": ID_PATTERN},
            "states": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {"$ref": "#/$defs/state"},
            },
            "vars": {"type": "object"},
        },
        DIALOG_KEYS,
        required=["start", "states"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        "title": "Between Sessions dialog file",
        "description": "A flow: its states and how they follow each other (docs/flows.md). "
        "Generated by `between schema`; `between validate` has the last word.",
        **body,
        "$defs": _definitions(),
    }


def snippets_schema() -> dict[str, Any]:
    """The snippets file: reusable pieces of states, keyed by name."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SNIPPETS_SCHEMA_FILE,
        "title": "Between Sessions snippets file",
        "description": "Reusable pieces of states (`use: NAME`). Generated by `between schema`.",
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/state"},
        "$defs": _definitions(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_files(folder: Path) -> dict[Path, str]:
    """What `between schema --write` writes into ``folder``: file -> text."""
    return {
        folder / SCHEMA_FILE: render(dialog_schema()),
        folder / SNIPPETS_SCHEMA_FILE: render(snippets_schema()),
    }


def modeline(dialog: Path, schema: Path) -> str:
    """The first line that points an editor at ``schema``, relative to ``dialog``."""
    rel = Path(
        *([".."] * (len(dialog.parent.parts) - len(_common(dialog.parent, schema.parent)))),
        *schema.parent.parts[len(_common(dialog.parent, schema.parent)) :],
        schema.name,
    )
    return f"{MODELINE}{rel.as_posix()}"


def _common(a: Path, b: Path) -> tuple[str, ...]:
    common: list[str] = []
    for x, y in zip(a.parts, b.parts, strict=False):
        if x != y:
            break
        common.append(x)
    return tuple(common)


def dialog_files(registry: Path) -> tuple[list[Path], Path | None]:
    """The flow files the registry names, and its snippets file."""
    import yaml

    data = yaml.safe_load(registry.read_text(encoding="utf-8")) or {}
    base = registry.parent
    flows = data.get("flows") or {}
    files = [
        base / entry["file"]
        for entry in flows.values()
        if isinstance(entry, dict) and isinstance(entry.get("file"), str)
    ]
    snippets = data.get("snippets")
    return files, base / snippets if isinstance(snippets, str) else None


def write_schema(registry: Path, *, check: bool = False) -> list[Path]:
    """Write the schemas beside the dialog files and give each file its modeline; with
    ``check``, write nothing. Returns the files that were (or would be) changed."""
    files, snippets = dialog_files(registry)
    folders = sorted({f.parent for f in files} | ({snippets.parent} if snippets else set()))
    wanted: dict[Path, str] = {}
    for folder in folders:
        wanted.update(schema_files(folder))
    for file, schema_name in [(f, SCHEMA_FILE) for f in files] + (
        [(snippets, SNIPPETS_SCHEMA_FILE)] if snippets else []
    ):
        if not file.exists():
            continue
        text = file.read_text(encoding="utf-8")
        line = modeline(file, file.parent / schema_name)
        first, _, rest = text.partition("\n")
        wanted[file] = f"{line}\n{rest}" if first.startswith(MODELINE) else f"{line}\n{text}"
    changed = []
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    return changed
