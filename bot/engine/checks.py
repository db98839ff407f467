"""Whole-flow checks on a built FlowSet: navigation, variables and the fidelity report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass

from .known import VARIABLES as KNOWN_VARIABLES
from .problems import Problem, suggest
from .spec import MESSAGE_VARS, Flow, FlowSet, Route, State
from .template import Template

# `payload`: what followed the command that started the flow; `practice`: the title of the
# practice left for the menu (confirm_leave, resume_practice)
BUILTIN_VARS = ("payload", "practice")


def successors(state: State) -> list[str]:
    routes = list(state.routes)
    for choice in state.choices:
        routes += choice.routes
    return [r.to for r in routes if r.to]


def variables_saved(flow: Flow) -> set[str]:
    return set().union(*(_saves(s) for s in flow.states.values()))


def _templates(state: State) -> Iterator[tuple[Template, str, tuple[int, int]]]:
    """(template, path, pos) for every template of the state, in the order they render."""
    for _name, template in state.sets:
        yield template, state.path, state.pos
    for line in state.lines:
        yield line.text, line.path, line.pos
        if line.note is not None:
            yield line.note, line.path, line.pos
    for choice in state.choices:
        yield choice.label, state.path, choice.pos
    for action in state.actions:
        for template in action.args.values():
            yield template, action.path, action.pos


def check_flowset(flowset: FlowSet, broken: Set[str] = frozenset()) -> list[Problem]:
    """``broken`` names flows and flow.states that failed to build (already reported): targets
    pointing at them are not reported again as unknown."""
    problems: list[Problem] = []
    known = set(BUILTIN_VARS) | set(KNOWN_VARIABLES) | set(flowset.context)
    for flow in flowset.flows.values():
        problems += _check_navigation(flowset, flow, broken)
        problems += _check_variables(flow, known)
        for state in flow.states.values():
            if state.sort and state.sort not in flowset.context:
                problems.append(
                    Problem(
                        "BS301",
                        f"state '{state.id}' sorts by '{state.sort}', which is not in `context:`",
                        state.path,
                        *state.pos,
                        suggest(state.sort, flowset.context) or "sort by a context value",
                    )
                )
    for name, template in flowset.messages.items():
        for ref in template.refs:
            if ref.name not in known and ref.name not in MESSAGE_VARS.get(name, ()):
                problems.append(
                    Problem(
                        "BS301",
                        f"message '{name}' uses {{{ref.name}}}, which only flows define",
                        flowset.registry_path,
                        0,
                        0,
                        "messages may use context variables only",
                    )
                )
    return problems


def _check_navigation(flowset: FlowSet, flow: Flow, broken: Set[str]) -> list[Problem]:
    problems = []
    states = flow.states
    for state in states.values():
        for route in list(state.routes) + [r for c in state.choices for r in c.routes]:
            if (
                route.to is not None
                and route.to not in states
                and f"{flow.id}.{route.to}" not in broken
            ):
                problems.append(
                    Problem(
                        "BS201",
                        f"state '{state.id}' goes to '{route.to}', "
                        "which is not a state of this flow",
                        route.path,
                        *route.pos,
                        suggest(route.to, states) or "name a state of this file",
                    )
                )
            if (
                route.flow is not None
                and route.flow not in flowset.flows
                and route.flow not in broken
            ):
                problems.append(
                    Problem(
                        "BS204",
                        f"state '{state.id}' starts unknown flow '{route.flow}'",
                        route.path,
                        *route.pos,
                        suggest(route.flow, flowset.flows) or "use an id from flows.yaml",
                    )
                )
        problems += _dead_end(state)
    reached = reachable(flow)
    for state in states.values():
        if state.id not in reached:
            problems.append(
                Problem(
                    "BS202",
                    f"state '{state.id}' can never be reached from '{flow.start}'",
                    state.path,
                    *state.pos,
                    "point a `next:` at it, or delete it",
                )
            )
    problems += _silent_loops(flow)
    return problems


def _dead_end(state: State) -> list[Problem]:
    if state.end or state.resume:
        return []

    def open_ended(routes: Sequence[Route]) -> bool:
        return not routes or routes[-1].when is not None

    if state.ask in ("choice",) and state.choices:
        stuck = [c.id for c in state.choices if open_ended(state.routes_for(c))]
        if stuck:
            return [
                Problem(
                    "BS203",
                    f"state '{state.id}': button(s) {', '.join(stuck)} lead nowhere",
                    state.path,
                    *state.pos,
                    "give each button a `next:`, give the state a `next:`, "
                    "or end a conditional list with an entry without `if`",
                )
            ]
        return []
    if state.ask == "menu" and not state.routes:
        return []  # a menu starts the chosen flow
    if open_ended(state.routes):
        what = (
            "has no way out"
            if not state.routes
            else "has conditions with no way out when none is true"
        )
        return [
            Problem(
                "BS203",
                f"state '{state.id}' {what}",
                state.path,
                *state.pos,
                "add `next:`, `flow:`, `end: true` or `resume: true`; "
                "a conditional list ends with an entry without `if`",
            )
        ]
    return []


def reachable(flow: Flow) -> set[str]:
    """The states a conversation can reach from the flow's start."""
    seen, todo = set(), [flow.start]
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in flow.states:
            continue
        seen.add(sid)
        todo += successors(flow.states[sid])
    return seen


def _silent_loops(flow: Flow) -> list[Problem]:
    """States that follow each other without asking or waiting could loop for ever."""
    silent = {
        sid for sid, s in flow.states.items() if s.ask is None and s.after is None and not s.end
    }
    problems: list[Problem] = []
    reported: set[str] = set()
    for sid in sorted(silent):
        path, stack = [], [(sid, iter(successors(flow.states[sid])))]
        on_path = {sid}
        path.append(sid)
        while stack:
            node, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if nxt == sid and not (set(path) & reported):
                reported |= set(path)
                state = flow.states[sid]
                problems.append(
                    Problem(
                        "BS205",
                        f"states {' → '.join(path + [sid])} loop without asking anything",
                        state.path,
                        *state.pos,
                        "add an `ask:` or `after:` somewhere in the loop",
                    )
                )
            elif nxt in silent and nxt not in on_path and nxt in flow.states:
                on_path.add(nxt)
                path.append(nxt)
                stack.append((nxt, iter(successors(flow.states[nxt]))))
    return problems


def _check_variables(flow: Flow, known: set[str]) -> list[Problem]:
    """Every {variable} is saved on every way to where it is used; every save is used."""
    problems = []
    saved = variables_saved(flow) | set(flow.defaults)
    everything = saved | known
    entry = set(flow.defaults) | known
    # Must-analysis: IN[s] = intersection over predecessors of (IN[p] + what p saves).
    preds: dict[str, list[str]] = {sid: [] for sid in flow.states}
    for sid, state in flow.states.items():
        for nxt in successors(state):
            if nxt in preds:
                preds[nxt].append(sid)
    inward = {sid: set(everything) for sid in flow.states}
    if flow.start in inward:
        inward[flow.start] = set(entry)
    changed = True
    while changed:
        changed = False
        for sid in flow.states:
            if sid == flow.start:
                new = set(entry)
                for p in preds[sid]:
                    new &= inward[p] | _saves(flow.states[p])
            elif preds[sid]:
                new = set(everything)
                for p in preds[sid]:
                    new &= inward[p] | _saves(flow.states[p])
            else:
                new = set(entry)
            if new != inward[sid]:
                inward[sid], changed = new, True
    used: set[str] = set()
    for sid, state in flow.states.items():
        on_entry = inward[sid] | {name for name, _ in state.sets}
        for template, path, pos in _templates(state):
            for ref in template.refs:
                used.add(ref.name)
                problems += _undefined(
                    ref.name, ref.has_default, on_entry, everything, sid, path, pos
                )
        after_answer = inward[sid] | _saves(state)
        for route in list(state.routes) + [r for c in state.choices for r in c.routes]:
            if route.when is not None:
                for name in sorted(route.when.names):
                    used.add(name)
                    problems += _undefined(
                        name, False, after_answer, everything, sid, route.path, route.pos
                    )
    for sid, state in flow.states.items():
        for name in sorted(_saves(state) - used):
            problems.append(
                Problem(
                    "BS302",
                    f"'{name}' is saved in state '{sid}' but never used",
                    state.path,
                    *state.pos,
                    "use it in a text, a condition or an action, or remove it",
                )
            )
    return problems


def _saves(state: State) -> set[str]:
    names = {name for name, _ in state.sets}
    return names | {state.save_as} if state.save_as else names


def _undefined(
    name: str,
    has_default: bool,
    defined: Set[str],
    everything: Set[str],
    sid: str,
    path: str,
    pos: tuple[int, int],
) -> list[Problem]:
    if name in defined or has_default:
        return []
    if name in everything:
        return [
            Problem(
                "BS301",
                f"{{{name}}} is used in state '{sid}' but not saved on every way there",
                path,
                *pos,
                f"save it earlier on every path, or write {{{name}|default:...}}",
            )
        ]
    return [
        Problem(
            "BS301",
            f"{{{name}}} is used in state '{sid}' but never saved",
            path,
            *pos,
            suggest(name, everything) or "save it with `save_as:` first",
        )
    ]


@dataclass(frozen=True)
class FidelityReport:
    """Bot lines by tag, and the MITI-style reflection-to-question ratio, counted honestly:

    - a reflection counts only when it gives back the client's own words (a variable saved from
      a free-text answer); a line that echoes a button press, or a generic line, does not;
    - a complex or double-sided reflection counts as complex only on the same terms;
    - a summary that gathers the client's words counts as a complex reflection (MITI 4.2.1
      has no code of its own for summaries);
    - an open question is one that takes free text; one answered with buttons is closed.
    ``tags`` are the lines as tagged in the YAML, for comparison.
    """

    flow: str
    tags: dict[str, int]
    reflections: int = 0
    complex: int = 0
    echoes: int = 0  # tagged reflection, but giving back only a button press
    generic: int = 0  # tagged reflection, but the same whatever the client said
    open_questions: int = 0
    closed_questions: int = 0

    @property
    def questions(self) -> int:
        return self.open_questions + self.closed_questions

    @property
    def ratio(self) -> float | None:
        return self.reflections / self.questions if self.questions else None

    @property
    def complex_share(self) -> float | None:
        return self.complex / self.reflections if self.reflections else None

    def to_json(self) -> dict:
        return {
            "flow": self.flow,
            "tags": self.tags,
            "reflections": self.reflections,
            "complex": self.complex,
            "echoes": self.echoes,
            "generic": self.generic,
            "open_questions": self.open_questions,
            "closed_questions": self.closed_questions,
            "questions": self.questions,
            "ratio": self.ratio,
            "complex_share": self.complex_share,
        }

    def __str__(self) -> str:
        tags = ", ".join(f"{tag} {n}" for tag, n in sorted(self.tags.items())) or "no tagged lines"
        ratio = f"{self.ratio:.2f}" if self.ratio is not None else "n/a (no questions)"
        share = f", {self.complex_share:.0%} complex" if self.complex_share is not None else ""
        left = [
            f"{n} {what}"
            for n, what in ((self.echoes, "button echoes"), (self.generic, "generic"))
            if n
        ]
        counted = (
            f" ({self.reflections} reflections of the client's words, "
            f"{self.open_questions} open and {self.closed_questions} closed questions"
            + (f"; not counted: {', '.join(left)}" if left else "")
            + ")"
        )
        return f"{self.flow}: {tags}; reflections:questions {ratio}{share}{counted}"


def client_words(flow: Flow) -> dict[str, set[str]]:
    """For each state, the variables that may hold what the client typed when it is entered:
    saved from a free-text answer on some way there, not since replaced by a button press."""

    def typed_after(state: State, before: set[str]) -> set[str]:
        out = set(before)
        for name, template in state.sets:
            out.discard(name)
            if {r.name for r in template.refs} & before:
                out.add(name)
        if state.save_as:
            out.discard(state.save_as)
            if state.ask == "text":
                out.add(state.save_as)
        return out

    inward: dict[str, set[str]] = {sid: set() for sid in flow.states}
    changed = True
    while changed:
        changed = False
        for sid, state in flow.states.items():
            after = typed_after(state, inward[sid])
            for nxt in successors(state):
                if nxt in inward and not after <= inward[nxt]:
                    inward[nxt] |= after
                    changed = True
    return {
        sid: inward[sid] | {n for n, t in state.sets if {r.name for r in t.refs} & inward[sid]}
        for sid, state in flow.states.items()
    }


def fidelity(flow: Flow) -> FidelityReport:
    tags = Counter(line.tag or "untagged" for state in flow.states.values() for line in state.lines)
    typed = client_words(flow)
    by_answer = {
        r.to
        for state in flow.states.values()
        for r in (
            *[r for r in state.routes if r.when is not None],
            *[r for c in state.choices for r in c.routes],
        )
    }
    counts: Counter[str] = Counter()
    for state in flow.states.values():
        for line in state.lines:
            tag = line.tag or ""
            refs = {ref.name for ref in line.text.refs}
            if tag == "summary" and refs & typed[state.id]:
                counts["reflections"] += 1  # MITI codes a summary as a (complex) reflection
                counts["complex"] += 1
            elif tag.startswith("reflection."):
                if refs & typed[state.id]:
                    counts["reflections"] += 1
                    counts["complex"] += tag != "reflection.simple"
                else:
                    counts["echoes" if refs or state.id in by_answer else "generic"] += 1
            elif tag.startswith("question."):
                counts["open_questions" if state.ask == "text" else "closed_questions"] += 1
    return FidelityReport(flow.id, dict(tags), **counts)
