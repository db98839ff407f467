"""Where the practice meets the turn pipeline: one wrapper around ``Engine.step``.

The practice is an ordinary flow (dialogs/practise.yaml), persisted like any other. Three of
its states are *computed*: entering `begin`, `answer` or `finish`, the flow copies values the
host provides (``partner_*`` in flows.yaml `context:`) into its variables with `set:`. So a
turn that reaches one of them is run twice: once to learn the trainee's reply and choices
(the engine is pure, so this changes nothing), then again with the persona's answer, the
hint and the feedback computed from them. The state that results is committed with the turn.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.engine import Engine, wording
from bot.engine.answers import clean_text
from bot.engine.problems import Problem
from bot.engine.runner import CONFIRM, HELD, Outcome
from bot.engine.spec import FlowSet
from bot.engine.state import Conversation, Event, Text

from . import practice
from .coder import shipped
from .content import GOALS, PartnerContent, load, read

FLOW = "practise"
COMPUTED = ("begin", "answer", "finish")
PERSONA_STATE = "pick"  # the flow's state whose buttons name the personas
ROOT = Path(__file__).resolve().parents[2]

_CONTENT: dict[str, PartnerContent] = {}


def base_of(flowset: FlowSet) -> Path:
    """The folder beside the registry; the bundled content for a flow set read from the store."""
    base = Path(flowset.registry_path).parent
    return base if (base / "dialogs" / "personas").is_dir() else ROOT


def read_content(flowset: FlowSet) -> tuple[PartnerContent | None, list[Problem]]:
    """The personas and words of ``flowset``: the files its registry names (`words: personas:`
    and `partner:`, part of the flow set, so /reload picks up an edit and a conversation
    pinned to an older flow set keeps its words), else those beside the registry."""
    words, pattern = flowset.words.get("partner"), flowset.words.get("personas")
    if words is None or pattern is None:
        return load(base_of(flowset))
    base = Path(flowset.registry_path).parent
    personas = [
        (str(base / rel), text.encode("utf-8"))
        for rel, text in sorted(flowset.sources.items())
        if fnmatch.fnmatchcase(rel, pattern)
    ]
    text = flowset.sources.get(words)
    return read(
        personas,
        (str(base / words), None if text is None else text.encode("utf-8")),
        str(base / pattern),
    )


def content_for(flowset: FlowSet) -> PartnerContent:
    """Personas and words for ``flowset``, read once per flow-set version."""
    found = _CONTENT.get(flowset.version)
    if found is None:
        found, problems = read_content(flowset)
        if found is None:
            raise ValueError(
                "practice partner content has problems: "
                + "; ".join(str(p) for p in problems if p.is_error)
            )
        found = replace(found, words=replace(found.words, wording=wording.of(flowset)))
        _CONTENT[flowset.version] = found
    return found


def step(engine: Engine, conv: Conversation, event: Event, context: Mapping[str, Any]) -> Outcome:
    """``engine.step``, with the practice's computed values when a computed state is reached."""
    turn = engine.step(conv, event, context)
    entered = [
        state
        for flow, state, choice in turn.trail
        if flow == FLOW and choice is None and state in COMPUTED
    ]
    if not entered or FLOW not in engine.flowset.flows:
        return turn
    answered = resumed(conv)
    before = answered.vars.get("practice") if answered.flow == FLOW else None
    now = {**turn.conversation.vars, "line": typed(conv, event)}
    values = computed(entered[0], before, now, content_for(engine.flowset))
    return engine.step(conv, event, {**context, **values})


def resumed(conv: Conversation) -> Conversation:
    """The conversation a turn answers: the paused one when an interruption hands it the words
    it held (the crisis flow's "Yes, I'm safe"), else ``conv`` itself."""
    return conv.paused if conv.vars.get(HELD) and conv.paused is not None else conv


def typed(conv: Conversation, event: Event) -> str:
    """The trainee's reply: the words typed, or those held while "stop?" was confirmed or while
    the crisis flow asked whether they were safe."""
    if isinstance(event, Text) and not conv.vars.get(HELD):
        return clean_text(event.text)
    if conv.vars.get(HELD):
        return clean_text(str(conv.vars[HELD]))
    pending = conv.vars.get(CONFIRM)
    return str(pending.get("text", "")) if isinstance(pending, dict) else ""


def computed(
    state: str, before: Any, now: Mapping[str, Any], content: PartnerContent
) -> dict[str, Any]:
    """The ``partner_*`` values for a computed state (see dialogs/practise.yaml)."""
    words = content.words
    persona = content.personas.get(str(now.get("persona")))
    if persona is None:  # a button for a persona whose file was removed: the first one
        persona = next(iter(content.personas.values()))
    values: dict[str, Any]
    if state == "begin" or not isinstance(before, dict):
        goal = str(now.get("goal") or "")
        goal = goal if goal in GOALS else "reflections"
        current = practice.begin(persona, goal)
        values = {
            "partner_intro": words.say("start", intro=persona.intro, goal=words.say(f"goal.{goal}"))
        }
    else:
        current = before
        values = {}
    if state == "answer" and isinstance(before, dict):
        current = practice.reply(before, persona, str(now.get("line") or ""), shipped())
    done = len(current["turns"]) >= words.exchanges or state == "finish"
    values.update(
        {
            "partner_state": current,
            "partner_says": words.say("client_line", name=persona.name, line=current["client"]),
            "partner_hint": practice.hint(current, persona, words),
            "partner_done": "yes" if done else "no",
            "partner_feedback": practice.feedback(current, persona, words) if done else "",
        }
    )
    return values


def transcript_file(flowset: FlowSet, variables: Mapping[str, Any]) -> tuple[str, bytes, str]:
    """(file name, text, caption) of the practice in ``variables``, for supervision."""
    content = content_for(flowset)
    state = variables.get("practice")
    if not isinstance(state, dict):  # nothing practised yet
        state = {
            "persona": variables.get("persona"),
            "goal": variables.get("goal"),
            "turns": [],
            "client": "",
        }
    persona = content.personas.get(str(state.get("persona"))) or next(
        iter(content.personas.values())
    )
    text = practice.transcript(state, persona, content.words)
    name = content.words.say("transcript_file", persona=persona.id)
    return name, text.encode(), content.words.say("transcript_file_caption")


def problems(registry: str | Path, flowset: FlowSet | None) -> list[Problem]:
    """`between validate`: the personas and words, and that the flow's buttons name personas."""
    found, problems = load(Path(registry).parent) if flowset is None else read_content(flowset)
    if flowset is None or FLOW not in flowset.flows:
        return problems
    flow = flowset.flows[FLOW]
    pick = flow.states.get(PERSONA_STATE)
    if pick is None:
        return problems + [
            Problem(
                "BS103",
                f"flow '{FLOW}' has no state '{PERSONA_STATE}' (the persona buttons)",
                flow.path,
                1,
                1,
                "keep the state that lists the personas",
            )
        ]
    if found is None:
        return problems
    for choice in pick.choices:
        if str(choice.value) not in found.personas:
            line, col = choice.pos if choice.pos else (0, 0)
            problems.append(
                Problem(
                    "BS105",
                    f"button '{choice.id}' names no persona '{choice.value}'",
                    flow.path,
                    line,
                    col,
                    "its `value:` must be a file name in dialogs/personas/ (without .yaml)",
                )
            )
    named = {str(c.value) for c in pick.choices}
    for persona_id in found.personas:
        if persona_id not in named:
            problems.append(
                Problem(
                    "BS105",
                    f"persona '{persona_id}' has no button in {FLOW}.{PERSONA_STATE}",
                    f"dialogs/personas/{persona_id}.yaml",
                    1,
                    1,
                    f"add a button with `value: {persona_id}` "
                    f"to the flow's `{PERSONA_STATE}` state",
                )
            )
    return problems
