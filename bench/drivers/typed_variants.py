"""Typed variants at the shipped button steps: what the engine makes of each, and the tally.

`python -m bench.drivers.typed_variants` prints the figures for both sets (docs/answers.md).
The sets are test data in tests/engine/typed/, read by path.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.engine import Ask, Conversation, Engine, FlowSet, Text, load_registry
from bot.engine.runner import CONFIRM

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "engine" / "typed"
SETS = {"tuned": HERE / "variants.yaml", "held-out": HERE / "heldout.yaml",
        "held-out 2": HERE / "heldout2.yaml"}
CONTEXT = {"role": "client", "consent": "yes", "country": "GB", "first_name": "", "training": False,
           "favourites": {}, "crisis_resources": "", "helplines": ""}
PICKING = ("choice", "multi", "menu", "yesno", "scale")
NOT_UNDERSTOOD = ("not_understood", "invalid_scale", "invalid_yesno", "invalid_number")


@dataclass(frozen=True)
class Variant:
    step: str
    typed: str
    expected: Any


def load_variants(path: Path) -> list[Variant]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Variant(step, str(typed), expected) for step, entries in data.items()
            for typed, expected in entries]


def button_steps(flowset: FlowSet) -> list[str]:
    """Every shipped step that shows buttons (generated from the flows, not listed by hand)."""
    return [f"{fid}.{sid}" for fid, flow in flowset.flows.items()
            for sid, state in flow.states.items() if state.ask in PICKING]


def outcome(engine: Engine, step: str, typed: str) -> Any:
    """What the engine did with ``typed`` at ``step``, in the variants files' terms."""
    flow_id, state_id = step.split(".")
    flowset = engine.flowset
    state = flowset.flows[flow_id].states[state_id]
    conv = Conversation(flow_id, engine.version, state_id, {}, rev=3)
    turn = engine.step(conv, Text(typed), CONTEXT)
    words = {k: t.render(CONTEXT) for k, t in flowset.messages.items()}
    first = turn.outputs[0] if turn.outputs else None
    text = getattr(first, "text", None)
    if isinstance(first, Ask) and text == words["ambiguous"]:
        return "ambiguous"
    pending = turn.conversation.vars.get(CONFIRM)
    if pending:
        return f"confirm {pending['command']}"
    if text in [words[k] for k in NOT_UNDERSTOOD]:
        return "not understood"
    for name in ("stop", "menu", "help"):
        command = flowset.commands[name]
        said = command.say.render(CONTEXT) if command.say is not None else None
        if said is not None and text == said and (name != "stop" or turn.conversation.ended):
            return f"command {name}"
        if name == "menu" and turn.conversation.flow == "menu" and flow_id != "menu" \
                and not turn.trail[:1] == [(flow_id, state_id, None)]:
            if not any(c for f, s, c in turn.trail if (f, s) == (flow_id, state_id)):
                return "command menu"
    picked = [c for f, s, c in turn.trail if (f, s) == (flow_id, state_id) and c is not None]
    if state.ask == "multi":
        values = _saved(turn, flow_id, state)
        chosen = {c.value: c.id for c in state.choices}
        if values is not None and any(v not in chosen for v in values):
            return "other"
        return [chosen[v] for v in values] if values is not None else "not understood"
    if state.ask == "scale":
        value = _saved(turn, flow_id, state)
        return value if value is not None else "not understood"
    if picked:
        return picked[0]
    if state.ask == "text" and _saved(turn, flow_id, state) == typed:
        return "text"
    if any(c.other for c in state.choices) and _saved(turn, flow_id, state) == typed:
        return "other"
    return f"unclassified: {[getattr(o, 'text', o) for o in turn.outputs][:2]}"


def _saved(turn, flow_id: str, state) -> Any:
    conv = turn.conversation
    while conv is not None and conv.flow != flow_id:
        conv = conv.paused
    return conv.vars.get(state.save_as) if conv is not None and state.save_as else None


def is_pick(result: Any) -> bool:
    """A button (or number, or command) taken. Words kept as a "Something else" answer are not
    a pick: no button the client did not mean was chosen, their own words are kept."""
    return not (isinstance(result, str) and (result in ("ambiguous", "not understood", "other")
                                            or result.startswith(("confirm ", "unclassified"))))


@dataclass
class Tally:
    total: int = 0
    right: int = 0
    wrong_picks: list[tuple[Variant, Any]] = None
    misses: list[tuple[Variant, Any]] = None

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def tally(engine: Engine, variants: list[Variant]) -> Tally:
    result = Tally(wrong_picks=[], misses=[])
    for variant in variants:
        got = outcome(engine, variant.step, variant.typed)
        result.total += 1
        if got == variant.expected:
            result.right += 1
        elif is_pick(got) and got != variant.expected:
            result.wrong_picks.append((variant, got))
        else:
            result.misses.append((variant, got))
    return result


def main() -> None:
    engine = Engine(load_registry(ROOT / "flows.yaml"))
    steps = button_steps(engine.flowset)
    for name, path in SETS.items():
        variants = load_variants(path)
        found = tally(engine, variants)
        covered = len({v.step for v in variants} & set(steps))
        print(f"{name}: {found.right}/{found.total} understood as meant ({found.rate:.1%}), "
              f"{len(found.wrong_picks)} wrong picks, {len(found.misses)} asked again; "
              f"{covered} of {len(steps)} button steps")
        for variant, got in found.wrong_picks:
            print(f"  WRONG {variant.step}: {variant.typed!r} -> {got!r} (meant {variant.expected!r})")
        for variant, got in found.misses:
            print(f"  miss  {variant.step}: {variant.typed!r} -> {got!r} (meant {variant.expected!r})")


if __name__ == "__main__":
    main()
