"""Building small flow sets in a temporary folder for engine tests."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.engine import Engine, check_registry
from bot.engine.spec import MESSAGE_KEYS

MESSAGES = {key: f"<{key}>" for key in MESSAGE_KEYS}


def registry_text(flows: dict[str, str], **extra) -> str:
    first = next(iter(flows))
    data = {
        "home": extra.pop("home", first),
        "start": extra.pop("start", first),
        "flows": {fid: {"file": f"{fid}.yaml", "title": fid.title()} for fid in flows},
        "messages": MESSAGES,
        **extra,
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_flowset(folder: Path, flows: dict[str, str], snippets: str | None = None, **extra) -> Path:
    for fid, text in flows.items():
        (folder / f"{fid}.yaml").write_text(text, encoding="utf-8")
    if snippets is not None:
        (folder / "snippets.yaml").write_text(snippets, encoding="utf-8")
        extra["snippets"] = "snippets.yaml"
    registry = folder / "flows.yaml"
    registry.write_text(registry_text(flows, **extra), encoding="utf-8")
    return registry


def engine_for(folder: Path, flows: dict[str, str], **extra) -> Engine:
    flowset, problems = check_registry(write_flowset(folder, flows, **extra))
    assert flowset is not None, "\n".join(map(str, problems))
    return Engine(flowset)
