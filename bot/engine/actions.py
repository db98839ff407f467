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
    "set_profile": _spec(
        "save a profile setting",
        "consent country timezone role training_notes locale keep_transcript",
    ),
    "save_plan": _spec(
        "save one section of the Optimal Use Plan (a new plan version)",
        "section text substance",
        "section text",
    ),
    "log_urge": _spec(
        "log an urge rating", "rating phase body thoughts helped minutes choice", "rating"
    ),
    "log_checkin": _spec("log a check-in", "mood urge vs_plan note"),
    "rate_alternative": _spec(
        "remember how helpful an alternative was (orders `sort: favourites`)",
        "alternative rating",
        "alternative rating",
    ),
    "remember": _spec(
        "hand on what the client said to later practices (the `known_...` variables)",
        "substance goal goal_status goal_review change_talk step plan_open",
    ),
    "show_plan": _spec("show the client's current Optimal Use Plan here", "substance"),
    "delete_data": _spec("erase everything stored about the client; then the state's words", ""),
    "set_reminders": _spec(
        "change the check-in settings (each given: on, paused, days, time, quiet_from, quiet_to, "
        "weekly), reschedule, and show them",
        "on paused days time quiet_from quiet_to weekly",
    ),
    "schedule_goal_review": _spec(
        "remind the client on the day `on` (YYYY-MM-DD, their calendar) to look at their goal",
        "on",
        "on",
    ),
    "schedule_safety_checkin": _spec(
        "a gentle 'how are you doing?' in about two hours (outside quiet hours)", ""
    ),
    "show_history": _spec(
        "the last `days` days as a chart (photo with a short summary) or in words",
        "days format",
        "days",
    ),
    "export_plan": _spec(
        "send the current Optimal Use Plan as a text file to forward to a therapist", "substance"
    ),
    "export_transcript": _spec("send a trainee's kept role-play transcript as a text file", ""),
    "export_practice": _spec(
        "send the practice partner's coded transcript as a text file",
        "practice persona goal",
        "practice",
    ),
    "safety_followup": _spec(
        "record how the client answered a crisis reply (a word, never their text)",
        "answer",
        "answer",
    ),
}

# Command actions (flows.yaml `commands:`). `stop` is the engine's own; the rest the host does.
COMMAND_ACTIONS: dict[str, str] = {
    "stop": "end what is going on and say so",
    "toggle_training": "turn trainee notes on or off",
    "show_plan": "show the client's Optimal Use Plan",
    "export": "send the client all their data (a JSON file and a readable text file)",
}
