"""A flow drawn as SVG, laid out here in Python (no browser library, works offline).

A layered layout: each state's row is its distance from the start (unreachable states get
rows of their own at the bottom), states within a row ordered by where the states that lead
to them stand. Boxes are coloured by the tag of the state's last tagged line (what the state
mostly does); unreachable states and dead ends are marked; transcript coverage and drop-off
counts are written on the boxes when given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from bot.engine.checks import reachable, successors
from bot.engine.problems import Problem
from bot.engine.spec import Flow, State

BOX_W, BOX_H = 190, 64
GAP_X, GAP_Y = 28, 58
MARGIN = 24
ROW_MAX = 6  # wider rows wrap: a menu of ten buttons stays on screen

TAG_COLOURS: dict[str, str] = {
    "reflection.simple": "#d8f0d2",
    "reflection.complex": "#a9dc9c",
    "reflection.double": "#86c978",
    "question.open": "#cfe3fb",
    "question.closed": "#e6eefa",
    "affirmation": "#fff1b8",
    "summary": "#e3d3f5",
    "information": "#ececec",
    "": "#ffffff",
}


@dataclass(frozen=True)
class Counts:
    """Drop-off figures of one state (bot/dropoff.py)."""

    entered: int = 0
    left: int = 0
    finished: int = 0


@dataclass(frozen=True)
class Marks:
    """What the diagram shows besides the flow itself."""

    dead_ends: frozenset[str] = frozenset()
    covered: frozenset[str] | None = None  # None: coverage not known (yet)
    counts: Mapping[str, Counts] | None = None


def main_tag(state: State) -> str:
    tags = [line.tag for line in state.lines if line.tag]
    return tags[-1] if tags else ""


def dead_ends(flow: Flow, problems: list[Problem]) -> frozenset[str]:
    """States the validator called dead ends (BS203), found by the line they start on."""
    lines = {p.line for p in problems if p.code == "BS203" and p.path == flow.path}
    return frozenset(s.id for s in flow.states.values() if s.pos[0] in lines)


def _rows(flow: Flow) -> list[list[str]]:
    depth: dict[str, int] = {}
    frontier = [flow.start] if flow.start in flow.states else []
    level = 0
    while frontier:
        nxt: list[str] = []
        for sid in frontier:
            if sid in depth:
                continue
            depth[sid] = level
            nxt += [t for t in successors(flow.states[sid]) if t in flow.states and t not in depth]
        frontier, level = list(dict.fromkeys(nxt)), level + 1
    rows: list[list[str]] = [[] for _ in range(level)]
    for sid in flow.states:  # file order first: it is the order staff wrote them in
        if sid in depth:
            rows[depth[sid]].append(sid)
    unreachable = [sid for sid in flow.states if sid not in depth]
    rows += [unreachable[i : i + ROW_MAX] for i in range(0, len(unreachable), ROW_MAX)]
    return _order(flow, [r for r in rows if r])


def _order(flow: Flow, rows: list[list[str]]) -> list[list[str]]:
    """Each row sorted by the mean position of the states that lead to it; long rows wrap."""
    place: dict[str, float] = {}
    parents: dict[str, list[str]] = {sid: [] for sid in flow.states}
    for sid, state in flow.states.items():
        for target in successors(state):
            if target in parents:
                parents[target].append(sid)
    out: list[list[str]] = []
    for row in rows:

        def key(sid: str, row: list[str] = row) -> float:
            known = [place[p] for p in parents[sid] if p in place]
            return sum(known) / len(known) if known else float(row.index(sid))

        row = sorted(row, key=key)
        for i in range(0, len(row), ROW_MAX):
            chunk = row[i : i + ROW_MAX]
            for j, sid in enumerate(chunk):
                place[sid] = j - (len(chunk) - 1) / 2
            out.append(chunk)
    return out


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _kind(state: State) -> str:
    if state.ask:
        return f"ask {state.ask}"
    if state.after:
        return f"wait {state.after:g}s"
    if state.end:
        return "end"
    if state.resume:
        return "resume"
    return "goes on"


def _exits(state: State) -> list[tuple[str, str, bool]]:
    """(target, label, is another flow) for every way out."""
    out = []
    for route in state.routes:
        label = _short(route.when.source, 22) if route.when else ""
        out.append((route.to or route.flow or "", label, route.to is None))
    for choice in state.choices:
        for route in choice.routes:
            out.append(
                (route.to or route.flow or "", _short(choice.label.source, 22), route.to is None)
            )
    return out


def render_svg(flow: Flow, marks: Marks = Marks()) -> str:
    rows = _rows(flow)
    live = reachable(flow)
    width_boxes = max((len(r) for r in rows), default=1)
    width = MARGIN * 2 + width_boxes * BOX_W + (width_boxes - 1) * GAP_X
    xy: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for i, sid in enumerate(row):
            xy[sid] = (x0 + i * (BOX_W + GAP_X), MARGIN + 30 + r * (BOX_H + GAP_Y))
    exit_flows = sorted({t for s in flow.states.values() for t, _l, other in _exits(s) if other})
    exit_y = MARGIN + 30 + len(rows) * (BOX_H + GAP_Y)
    exit_w = 120
    exits_x0 = (width - (len(exit_flows) * (exit_w + GAP_X) - GAP_X)) / 2
    for i, target in enumerate(exit_flows):
        xy[f"→{target}"] = (exits_x0 + i * (exit_w + GAP_X), exit_y)
    height = exit_y + (40 if exit_flows else 0) + MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" '
        f'data-flow="{escape(flow.id)}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="Diagram of {escape(flow.title)}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#667"/></marker><pattern id="hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" '
        'x2="0" y2="6" stroke="#ccc" stroke-width="2"/></pattern></defs>',
    ]
    if flow.start in xy:
        sx, sy = xy[flow.start]
        parts.append(
            f'<text x="{sx + BOX_W / 2:.0f}" y="{sy - 30:.0f}" class="start" '
            f'text-anchor="middle">▼ start</text>'
        )
    parts += _edges(flow, xy, exit_w)
    for sid, state in flow.states.items():
        parts.append(_box(state, *xy[sid], sid in live, marks))
    for target in exit_flows:
        x, y = xy[f"→{target}"]
        parts.append(
            f'<g class="exit" data-flow="{escape(target)}"><rect x="{x:.0f}" '
            f'y="{y:.0f}" width="{exit_w}" height="30" rx="15" fill="#f4f4f8" '
            f'stroke="#99a"/><text x="{x + exit_w / 2:.0f}" y="{y + 19:.0f}" '
            f'text-anchor="middle">→ {escape(target)}</text></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _edges(flow: Flow, xy: dict[str, tuple[float, float]], exit_w: float) -> list[str]:
    out = []
    for sid, state in flow.states.items():
        x1, y1 = xy[sid]
        for target, label, other in _exits(state):
            key = f"→{target}" if other else target
            if key not in xy:
                continue
            x2, y2 = xy[key]
            w2 = exit_w if other else BOX_W
            ax, ay = x1 + BOX_W / 2, y1 + BOX_H
            bx, by = x2 + w2 / 2, y2
            if by > ay:  # downwards: a smooth S
                mid = (ay + by) / 2
                path = (
                    f"M{ax:.0f},{ay:.0f} C{ax:.0f},{mid:.0f} {bx:.0f},{mid:.0f} {bx:.0f},{by:.0f}"
                )
                cls = "edge"
            else:  # back up (a loop): round the right-hand side
                ax, ay = x1 + BOX_W, y1 + BOX_H / 2
                bx, by = x2 + w2, y2 + BOX_H / 2
                side = max(ax, bx) + 40
                path = (
                    f"M{ax:.0f},{ay:.0f} C{side:.0f},{ay:.0f} {side:.0f},{by:.0f} {bx:.0f},{by:.0f}"
                )
                cls = "edge back"
            title = (
                f"<title>{escape(sid)} → {escape(target)}"
                + (f": {escape(label)}" if label else "")
                + "</title>"
            )
            out.append(
                f'<path class="{cls}" d="{path}" fill="none" stroke="#667" '
                f'marker-end="url(#arrow)">{title}</path>'
            )
    return out


def _box(state: State, x: float, y: float, live: bool, marks: Marks) -> str:
    tag = main_tag(state)
    classes = ["node", f"tag-{tag.replace('.', '-') or 'none'}"]
    stroke, dash, width = "#556", "", 1.2
    badges = []
    if not live:
        classes.append("unreachable")
        stroke, dash, width = "#c0392b", ' stroke-dasharray="6 4"', 2
        badges.append("unreachable")
    if state.id in marks.dead_ends:
        classes.append("dead-end")
        stroke, width = "#c0392b", 3
        badges.append("dead end")
    covered = None if marks.covered is None else state.id in marks.covered
    if covered is False:
        classes.append("uncovered")
    elif covered:
        classes.append("covered")
    fill = TAG_COLOURS.get(tag, "#fff")
    words = _short(state.lines[-1].text.source, 30) if state.lines else ""
    title = escape(
        f"{state.id} ({tag or 'no tag'}) — line {state.pos[0]}\n"
        + "\n".join(line.text.source for line in state.lines)
    )
    out = [
        f'<g class="{" ".join(classes)}" data-state="{escape(state.id)}" '
        f'data-line="{state.pos[0]}" tabindex="0"><title>{title}</title>',
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    ]
    if covered is False:
        out.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="url(#hatch)" opacity="0.6"/>'
        )
    mark = " ✓" if covered else ""
    out.append(
        f'<text x="{x + 8:.0f}" y="{y + 16:.0f}" class="sid">{escape(state.id)}'
        f'<tspan class="cov">{mark}</tspan></text>'
    )
    out.append(
        f'<text x="{x + BOX_W - 8:.0f}" y="{y + 16:.0f}" class="kind" '
        f'text-anchor="end">{escape(_kind(state))}</text>'
    )
    out.append(f'<text x="{x + 8:.0f}" y="{y + 34:.0f}" class="words">{escape(words)}</text>')
    counts = marks.counts.get(state.id) if marks.counts is not None else None
    if counts is not None:
        figure = (
            f"in {counts.entered} · finished {counts.finished}"
            if counts.finished
            else f"in {counts.entered} · left here {counts.left}"
        )
        out.append(f'<text x="{x + 8:.0f}" y="{y + 54:.0f}" class="counts">{figure}</text>')
    elif badges:
        out.append(
            f'<text x="{x + 8:.0f}" y="{y + 54:.0f}" class="badge">'
            f"{escape(' · '.join(badges))}</text>"
        )
    if counts is not None and badges:
        out.append(
            f'<text x="{x + BOX_W - 8:.0f}" y="{y + 54:.0f}" class="badge" '
            f'text-anchor="end">{escape(" · ".join(badges))}</text>'
        )
    out.append("</g>")
    return "".join(out)
