"""The allow-list of effects a flow may ask for (`do:`) and of command actions.

Flows name an action and give it arguments; the host carries it out inside the turn's
transaction. Nothing in YAML ever names code.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    description: str
    args: frozenset[str]
    required: frozenset[str] = frozenset()


def _spec(description: str, args: str, required: str = "") -> ActionSpec:
    return ActionSpec(description, frozenset(args.split()), frozenset(required.split()))


# `do:` actions, run when a state is entered.
ACTIONS: dict[str, ActionSpec] = {
    "set_profile": _spec("save a profile setting", "consent country timezone role training_notes locale"),
    "save_plan": _spec("save one section of the Optimal Use Plan (a new plan version)", "section text substance", "section text"),
    "set_goal": _spec("save a harm reduction goal", "substance change measure by importance confidence status", "change"),
    "log_urge": _spec("log an urge rating", "rating phase body thoughts helped minutes choice", "rating"),
    "log_checkin": _spec("log a check-in", "mood urge vs_plan note"),
    "log_episode": _spec("keep a microanalysis summary", "summary"),
    "rate_alternative": _spec("remember how helpful an alternative was", "alternative rating", "alternative"),
    "journal": _spec("keep a journal entry (only with consent)", "text", "text"),
    "schedule_checkin": _spec("offer a check-in later", "minutes reason"),
    "safety_followup": _spec("record that the client answered a crisis screen", "answer", "answer"),
}

# Command actions (flows.yaml `commands:`). `stop` is the engine's own; the rest the host does.
COMMAND_ACTIONS: dict[str, str] = {
    "stop": "end what is going on and say so",
    "show_plan": "show the client's Optimal Use Plan",
    "export": "send the client all their data",
    "delete": "erase all the client's data, after a confirmation",
    "toggle_training": "turn trainee notes on or off",
    "checkin": "set up or change check-ins",
    "history": "show the last weeks as a chart",
    "reload": "reload the flows (staff only)",
    "stats": "show usage counts (staff only)",
}
