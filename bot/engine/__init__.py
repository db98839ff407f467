"""The pure core: flow model, strict loader, validator, templates and the runner.

Imports only the standard library, PyYAML and transitions (tests/engine/test_purity.py).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import BetweenError, ContentError, Problem

if TYPE_CHECKING:
    from .checks import FidelityReport, fidelity
    from .load import load_flowset, read_sources
    from .outputs import Ask, Button, Effect, End, Note, Output, Say, Wait, output_from_json
    from .runner import Engine, EngineError, Outcome
    from .spec import FlowSet
    from .state import Command, Conversation, Event, Pick, Text, Timer

# Imported when first used (PEP 562): reading the crisis screen's files needs only problems.py
# and yamlfile.py, not the runner or the reflections.
_WHERE = {
    **dict.fromkeys(("FidelityReport", "fidelity"), "checks"),
    **dict.fromkeys(("load_flowset", "read_sources"), "load"),
    **dict.fromkeys(
        ("Ask", "Button", "Effect", "End", "Note", "Output", "Say", "Wait", "output_from_json"),
        "outputs",
    ),
    **dict.fromkeys(("Engine", "EngineError", "Outcome"), "runner"),
    "FlowSet": "spec",
    **dict.fromkeys(("Command", "Conversation", "Event", "Pick", "Text", "Timer"), "state"),
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Ask",
    "BetweenError",
    "Button",
    "Command",
    "ContentError",
    "Conversation",
    "Effect",
    "End",
    "Engine",
    "EngineError",
    "Event",
    "FidelityReport",
    "FlowSet",
    "Note",
    "Outcome",
    "Output",
    "Pick",
    "Problem",
    "Say",
    "Text",
    "Timer",
    "Wait",
    "check_registry",
    "fidelity",
    "load_flowset",
    "load_registry",
    "output_from_json",
    "read_sources",
]


def check_registry(
    path: str | Path, *, cached: bool = False
) -> tuple[FlowSet | None, list[Problem]]:
    """Read flows.yaml and every file it names; the flow set (None if broken) and all problems.

    ``cached``: a flow set checked before from exactly these files by exactly this code comes
    from the start-up cache (cache.py) instead of being checked again.
    """
    from .load import load_flowset, read_sources
    from .spec import FlowSet

    path = Path(path)
    sources, problems = read_sources(path)
    if problems:
        return None, problems
    if not cached:
        return load_flowset(sources, path.name, base=str(path.parent))
    from . import cache

    name, base = path.name, str(path.parent)
    parts = [name, base, *(part for rel in sorted(sources) for part in (rel, sources[rel]))]
    entry = cache.key(parts, [Path(__file__).resolve().parent])
    kept = cache.load("flows", entry)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], FlowSet):
        return kept[0], kept[1]
    flowset, found = load_flowset(sources, name, base=base)
    if flowset is not None:
        cache.store("flows", entry, (flowset, found))
    return flowset, found


def load_registry(path: str | Path) -> FlowSet:
    """The flow set, or ContentError listing every problem (warnings alone do not stop it)."""
    flowset, problems = check_registry(path)
    if flowset is None:
        raise ContentError([p for p in problems if p.is_error] or problems)
    return flowset
