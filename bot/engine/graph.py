"""A flow as a diagram: Mermaid (renders on GitHub and in most editors) or Graphviz DOT."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .spec import Flow, Route, State


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(state: State) -> str:
    words = _short(state.lines[-1].text.source) if state.lines else ""
    kind = (
        f"ask {state.ask}" if state.ask else "wait" if state.after else "end" if state.end else ""
    )
    parts = [state.id] + [p for p in (kind, words) if p]
    return "\n".join(parts)


def _edges(state: State) -> Iterator[tuple[str, str]]:
    """(target node id, label) for every way out of the state."""
    for route in state.routes:
        yield _target(route), _short(route.when.source, 24) if route.when else ""
    for choice in state.choices:
        for route in choice.routes:
            yield _target(route), _short(choice.label.source, 24)


EXIT = "flow_"  # node ids of other flows a route starts


def _target(route: Route) -> str:
    return route.to if route.to else f"{EXIT}{route.flow}"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(flow: Flow) -> str:
    # Node ids get a prefix: Mermaid reserves words such as `end`.
    lines = ["flowchart TD", f'  start(("{flow.id}")) --> s_{flow.start}']
    exits = set()
    for state in flow.states.values():
        shape = ('(["', '"])') if state.end or state.resume else ('["', '"]')
        lines.append(f"  s_{state.id}{shape[0]}{_mermaid_text(_label(state))}{shape[1]}")
    for state in flow.states.values():
        for target, label in _edges(state):
            if target.startswith(EXIT):
                exits.add(target)
            arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
            node = target if target.startswith(EXIT) else f"s_{target}"
            lines.append(f"  s_{state.id}{arrow}{node}")
    for target in sorted(exits):
        lines.append(f'  {target}[["→ {target.removeprefix(EXIT)}"]]')
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + re.sub(r'(["\\])', r"\\\1", text).replace("\n", "\\n") + '"'


def to_dot(flow: Flow) -> str:
    lines = [
        f"digraph {_dot_text(flow.id)} {{",
        "  rankdir=TB;",
        "  node [shape=box, fontname=Helvetica];",
        f"  __start [shape=circle, label={_dot_text(flow.id)}];",
        f"  __start -> {_dot_text(flow.start)};",
    ]
    exits = set()
    for state in flow.states.values():
        shape = ", shape=ellipse" if state.end or state.resume else ""
        lines.append(f"  {_dot_text(state.id)} [label={_dot_text(_label(state))}{shape}];")
    for state in flow.states.values():
        for target, label in _edges(state):
            if target.startswith(EXIT):
                exits.add(target)
            extra = f" [label={_dot_text(label)}]" if label else ""
            lines.append(f"  {_dot_text(state.id)} -> {_dot_text(target)}{extra};")
    for target in sorted(exits):
        label = _dot_text("→ " + target.removeprefix(EXIT))
        lines.append(f"  {_dot_text(target)} [shape=cds, label={label}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
