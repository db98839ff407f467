"""A turn fires a trigger through the route table read off the flow's `transitions` machine
(bot/engine/runner.py), not through transitions' own dispatch. The two must agree on every
route of every shipped flow, whatever its conditions say: here each condition is replaced by
a switch, and the switches of one (trigger, state) are set every way (where there are more
than ten: every way with at most two off, and 512 seeded random ways) and fired both ways."""
from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from typing import Any

import pytest
from transitions.core import MachineError

from bot.engine.runner import _build_machine, _Cursor, _fire, _route_table, _When
from tests.content import content_of

EVERY_WAY = 10  # switches set every way up to here (2**10 settings)


class Switch:
    """A condition whose result the test sets."""

    def __init__(self, board: dict[int, bool], number: int):
        self.board, self.number = board, number

    def __call__(self, values: Mapping[str, Any]) -> bool:
        return self.board[self.number]


def _switched(flow: Any) -> tuple[Any, dict[int, bool], dict[tuple[str, str], list[int]]]:
    """The flow's machine with every condition a switch; the switches of each route group."""
    machine = _build_machine(flow)
    board: dict[int, bool] = {}
    groups: dict[tuple[str, str], list[int]] = {}
    for trigger, event in machine.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                for condition in transition.conditions:
                    assert isinstance(condition.func, _When)
                    number = len(board)
                    board[number] = True
                    condition.func.when = Switch(board, number)  # type: ignore[assignment]
                    groups.setdefault((trigger, source), []).append(number)
    return machine, board, groups


def _settings(count: int) -> list[tuple[bool, ...]]:
    if count <= EVERY_WAY:
        return list(itertools.product((True, False), repeat=count))
    few_off = [tuple(i not in off for i in range(count))
               for k in range(3) for off in itertools.combinations(range(count), k)]
    rng = random.Random(count)
    return few_off + [tuple(rng.random() < 0.5 for _ in range(count)) for _ in range(512)]


def _outcome(machine: Any, table: Any, trigger: str, state: str) -> tuple[str, Any]:
    cursor = _Cursor(state, {})
    try:
        moved = _fire(machine, table, trigger, cursor)
    except MachineError:
        return "refused", None
    return cursor.state, moved


@pytest.mark.parametrize("flow_id", sorted(content_of().flowset.flows))
def test_the_route_table_fires_as_transitions_does(flow_id: str):
    flow = content_of().flowset.flows[flow_id]
    machine, board, groups = _switched(flow)
    table = _route_table(machine)
    assert table is not None, "a shipped flow's machine has no callbacks"
    fired = 0
    for trigger in machine.events:
        for state in machine.states:
            switches = groups.get((trigger, state), [])
            for setting in _settings(len(switches)):
                board.update(zip(switches, setting, strict=True))
                ours = _outcome(machine, table, trigger, state)
                theirs = _outcome(machine, None, trigger, state)
                assert ours == theirs, (trigger, state, setting)
                fired += ours[0] != "refused"
    assert fired or not machine.events
