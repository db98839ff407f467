"""What is known about the client, carried from practice to practice.

docs/flows.md, "What is known".

A small dictionary kept inside the conversation's sealed state (so it costs no query): the
engine folds into it what flows save (`save_plan`, `log_urge`, `log_checkin`) and what they
hand on with `remember`, and every flow reads it through the `known_...` variables below.
It starts empty for a new client and goes with /delete, like the conversation itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .outputs import Effect

# The variables flows read, and what each holds (also declared in flows.yaml `context:`).
VARIABLES: dict[str, str] = {
    "known_substance": "the substance or behaviour last worked on (a plan, a goal, Two sides)",
    "known_goal": "the client's current goal in their words, or empty",
    "known_goal_status": "active, met, revised or dropped; empty without a goal",
    "known_goal_review": "the date to look at how the goal went (YYYY-MM-DD), or empty",
    "known_urge": "the last urge rating logged (0-10), or empty",
    "known_plan": "the parts of the plan saved so far (section ids); empty: no plan yet",
    "known_plan_open": "the step an unfinished plan (Take a break) carries on from, or empty",
    "known_change_talk": "what the client said for change in the practice that handed on, or empty",
    "known_step": "a step the practice that handed on found (Two sides: what both parts agree on)",
    "came_from": "the practice that started this one (sides, urge ...), empty from the menu",
}
REMEMBER = "remember"  # hands facts on: the engine keeps them, the host does nothing
# What `remember:` may set, by its argument name.
REMEMBERED = ("substance", "goal", "goal_status", "goal_review", "change_talk", "step", "plan_open")
HANDED_ON = ("change_talk", "step")  # for the practice they are handed to only


def fold(known: Mapping[str, Any], effect: Effect) -> dict[str, Any]:
    """``known`` after ``effect`` (the same dict's values when it adds nothing)."""
    args = {k: v for k, v in effect.args.items() if v not in (None, "")}
    new = dict(known)
    if effect.name == REMEMBER:
        new.update({k: args[k] for k in REMEMBERED if k in args})
        if effect.args.get("plan_open") == "":
            new.pop("plan_open", None)
    elif effect.name == "save_plan" and "section" in args:
        section, text = str(args["section"]), args.get("text", "")
        substance = args.get("substance")
        if substance and substance != new.get("substance"):
            new["plan"] = []  # another substance's plan: its parts are its own, and the
            new.pop("plan_open", None)  # unfinished one is no longer the one to carry on
        if substance:
            new["substance"] = substance
        parts = list(new.get("plan") or [])
        if section not in parts:
            parts.append(section)
        new["plan"] = parts
        if section in ("goal", "goal_status", "goal_review"):
            new[section] = text
    elif effect.name == "log_urge" and "rating" in args:
        new["urge"] = args["rating"]
    elif effect.name == "log_checkin" and "urge" in args:
        new["urge"] = args["urge"]
    return new


def from_plan(plan: Mapping[str, Any] | None) -> dict[str, Any]:
    """What a stored plan tells, for a conversation saved before it kept what is known (the
    host asks once, when the conversation has no `known` yet)."""
    if not plan:
        return {}
    sections = dict(plan.get("sections") or {})
    facts: dict[str, Any] = {"substance": plan.get("substance", ""), "plan": list(sections)}
    for key in ("goal", "goal_status"):
        if sections.get(key):
            facts[key] = sections[key]
    return facts


def variables(known: Mapping[str, Any]) -> dict[str, Any]:
    """The `known_...` variables flows read (empty strings for what is not known)."""
    return {
        "known_substance": known.get("substance", ""),
        "known_goal": known.get("goal", ""),
        "known_goal_status": known.get("goal_status", "") if known.get("goal") else "",
        "known_goal_review": known.get("goal_review", ""),
        "known_urge": known.get("urge", ""),
        "known_plan": list(known.get("plan") or []),
        "known_plan_open": known.get("plan_open", ""),
        "known_change_talk": known.get("change_talk", ""),
        "known_step": known.get("step", ""),
    }
