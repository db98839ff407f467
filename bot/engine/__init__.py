"""The pure core: flow model, strict loader, validator, templates and the runner.

Imports only the standard library, PyYAML and transitions (tests/engine/test_purity.py).
"""

from __future__ import annotations

from pathlib import Path

from .checks import FidelityReport, fidelity
from .load import load_flowset, read_sources
from .outputs import Ask, Button, Effect, End, Note, Output, Say, Wait, output_from_json
from .problems import BetweenError, ContentError, Problem
from .runner import Engine, EngineError, Outcome
from .spec import FlowSet
from .state import Command, Conversation, Event, Pick, Text, Timer

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
    "load_registry",
    "output_from_json",
]


def check_registry(path: str | Path) -> tuple[FlowSet | None, list[Problem]]:
    """Read flows.yaml and every file it names; the flow set (None if broken) and all problems."""
    path = Path(path)
    sources, problems = read_sources(path)
    if problems:
        return None, problems
    flowset, found = load_flowset(sources, path.name, base=str(path.parent))
    return flowset, found


def load_registry(path: str | Path) -> FlowSet:
    """The flow set, or ContentError listing every problem (warnings alone do not stop it)."""
    flowset, problems = check_registry(path)
    if flowset is None:
        raise ContentError([p for p in problems if p.is_error] or problems)
    return flowset
