"""The engine: a pure function of (conversation, event, context) -> Outcome.

One `transitions` machine per flow is built once per flow set; each turn a small cursor
(state name + values) is moved through it, so no machine object is kept per client.
Conditions are compiled expressions handed to transitions as callables — YAML strings are
never passed to it as callback names.
"""

from __future__ import annotations

import weakref
from collections import ChainMap
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from transitions import EventData, Machine

from . import answers, known, matching, wording
from .expr import Condition
from .outputs import Ask, Button, Effect, End, Note, Output, Say, Wait
from .problems import BetweenError
from .reflection import urgent
from .spec import MAX_ANSWER, Choice, Flow, FlowSet, State
from .state import Command, Conversation, Event, Pick, Text, Timer
from .template import Template
from .wording import Wording

FLOW_EXIT = "flow:"  # machine states standing for "start that flow"
NEXT = "next"  # trigger taken by answers and silent steps
DONE = "_done"  # the button that submits an `ask: multi`
CONFIRM = "_confirm"  # vars key: a typed command waiting for its one-tap confirmation
CONFIRM_YES, CONFIRM_NO = "_yes", "_no"  # its two buttons
RESUME = "_resume"  # the menu's button back to a practice left for it
MAX_SILENT_STEPS = 200
URGENT = "now"  # the command that typed urges run at a button step ("I need help now")
# vars key of an interruption: the words that set it off, held to answer the paused step when
# the interruption resumes (a client who says they are safe loses nothing they wrote). It lives
# only in the conversation state, sealed at rest like every answer.
HELD = "held_answer"


class EngineError(BetweenError):
    """A conversation that does not fit the flow set (validation rules this out for content)."""


@dataclass
class Outcome:
    """What one event made of a conversation (the store's transaction around it is a Turn)."""

    conversation: Conversation
    outputs: list[Output] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    # (flow, state, choice id or None) for every state entered and choice taken: transcript coverage
    trail: list[tuple[str, str, str | None]] = field(default_factory=list)
    stale: bool = False  # a button from an earlier step was pressed


class _Cursor:
    """What transitions moves: the current state's name and the values conditions read."""

    __slots__ = ("state", "values")

    def __init__(self, state: str, values: Mapping[str, Any]):
        self.state = state
        self.values = values


class _When:
    """A route's condition as transitions calls it (send_event: the event's model is the
    cursor); ``when`` is the compiled expression, which the route table calls directly."""

    __slots__ = ("when",)

    def __init__(self, when: Condition):
        self.when = when

    def __call__(self, event: EventData) -> bool:
        return self.when(cast(_Cursor, event.model).values)


def _build_machine(flow: Flow) -> Machine:
    names = list(flow.states)
    exits = sorted(
        {
            FLOW_EXIT + r.flow
            for s in flow.states.values()
            for r in list(s.routes) + [r for c in s.choices for r in c.routes]
            if r.flow
        }
    )
    machine = Machine(
        model=None,
        states=names + exits,
        initial=flow.start,
        auto_transitions=False,
        send_event=True,
        name=flow.id,
    )
    for state in flow.states.values():
        groups = [(NEXT, state.routes)] + [
            (_pick_trigger(c), c.routes) for c in state.choices if c.routes
        ]
        for trigger, routes in groups:
            for route in routes:
                dest = route.to if route.to else FLOW_EXIT + (route.flow or "")
                condition = _When(route.when) if route.when is not None else None
                machine.add_transition(trigger, state.id, dest, conditions=condition)
    return machine


def _pick_trigger(choice: Choice) -> str:
    return f"pick:{choice.id}"


# A trigger's routes out of a state, in the machine's order: (destination, its conditions as
# (compiled expression, the result that lets it through)).
_Routes = tuple[tuple[str, tuple[tuple[Condition, bool], ...]], ...]
_RouteTable = dict[tuple[str, str], _Routes]  # (trigger, state) -> routes


def _route_table(machine: Machine) -> _RouteTable | None:
    """What firing a trigger does in ``machine``, read off its own transitions, so a turn can
    take the first route whose conditions hold without transitions' generic dispatch (its
    EventData, callback lists and debug logging: about half of an engine step). Only for a
    machine with no callbacks anywhere (ours have none), where the two are the same thing;
    None otherwise, and the machine itself is used."""
    if (
        machine.prepare_event
        or machine.before_state_change
        or machine.after_state_change
        or machine.finalize_event
        or machine.on_exception
        or machine.on_final
        or machine.has_queue
        or any(s.on_enter or s.on_exit for s in machine.states.values())
    ):
        return None
    table: _RouteTable = {}
    for trigger, event in machine.events.items():
        for source, transitions in event.transitions.items():
            routes = []
            for t in transitions:
                if t.prepare or t.before or t.after or not t.dest:
                    return None
                conditions = []
                for c in t.conditions:
                    if not isinstance(c.func, _When):
                        return None
                    conditions.append((c.func.when, c.target))
                routes.append((t.dest, tuple(conditions)))
            table[(trigger, source)] = tuple(routes)
    return table


def _fire(machine: Machine, table: _RouteTable | None, trigger: str, cursor: _Cursor) -> bool:
    """Fire ``trigger`` at the cursor: True (the cursor moved) if a route's conditions held.
    A state the trigger does not leave goes to transitions, which raises as it always has."""
    routes = table.get((trigger, cursor.state)) if table is not None else None
    if routes is None:
        return bool(machine.events[trigger].trigger(cursor))
    values = cursor.values
    for dest, conditions in routes:
        for when, target in conditions:
            if when(values) != target:
                break
        else:
            cursor.state = dest
            return True
    return False


# The machines of a flow set, shared by every Engine of that same (immutable) FlowSet object:
# a turn only moves a cursor through them, so building 26 machines once per flow set is enough
# (a Companion per test, a reloaded registry, several engines in one process). Keyed by id()
# with a weak reference, as a FlowSet holds dicts and has no hash. With each machine, its
# route table.
_Machines = dict[str, tuple[Machine, _RouteTable | None]]
_MACHINES: dict[int, tuple[weakref.ref[FlowSet], _Machines]] = {}


def _machines(flowset: FlowSet) -> _Machines:
    key = id(flowset)
    cached = _MACHINES.get(key)
    if cached is not None and cached[0]() is flowset:
        return cached[1]
    machines = {}
    for fid, flow in flowset.flows.items():
        machine = _build_machine(flow)
        machines[fid] = (machine, _route_table(machine))
    _MACHINES[key] = (weakref.ref(flowset, lambda _ref: _MACHINES.pop(key, None)), machines)
    return machines


class _Extras(Mapping[str, Any]):
    """The engine's own variables, last in a step's values. `{practices}` (the menu's lines,
    ~10 template fills) is worked out only when a template reads it, once per values: most
    steps never show it, and a turn builds its values several times."""

    __slots__ = ("_engine", "_context", "_practices")

    def __init__(self, engine: Engine, context: Mapping[str, Any]):
        self._engine = engine
        self._context = context
        self._practices: str | None = None

    def __getitem__(self, key: str) -> Any:
        if key == "practices":
            if self._practices is None:
                self._practices = self._engine._practices(self._context)
            return self._practices
        if key == "practices_reviewed":
            return self._engine.practices_reviewed
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in ("practices", "practices_reviewed")

    def __iter__(self) -> Iterator[str]:
        return iter(("practices", "practices_reviewed"))

    def __len__(self) -> int:
        return 2


class _Values(ChainMap[str, Any]):
    """A step's values: the first map that has a name wins. ``get`` looks each map up once
    (ChainMap's asks every map whether it has the name, then looks again)."""

    def get(self, key: str, default: Any = None) -> Any:
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return default


class Engine:
    def __init__(self, flowset: FlowSet):
        self.flowset = flowset
        self.version = flowset.version
        self.machines = _machines(flowset)
        self.wording = wording.of(flowset)  # how filters write, and typed dates are read
        # the welcome claims clinical review only when every practice in the menu has it
        reviewed = all(flowset.flows[fid].reviewed for fid in flowset.menu)
        self.practices_reviewed = "yes" if reviewed else "no"
        self._menus: dict[str, tuple[Choice, ...]] = {}  # the menu's buttons, by role

    # -- public API ---------------------------------------------------------------------
    def start(
        self,
        flow_id: str,
        context: Mapping[str, Any],
        *,
        previous: Conversation | None = None,
        paused: Conversation | None = None,
        payload: str = "",
        handed_on: bool = False,
    ) -> Outcome:
        """A new conversation in ``flow_id`` (``previous`` keeps revisions increasing and hands
        on what is known).

        ``payload`` is what followed the command that started it (`/start trainee`), kept in
        the variable `payload`. ``handed_on``: another practice started it (its `came_from`
        and what it remembered to hand on are kept).
        """
        flow = self._flow(flow_id)
        rev = previous.rev + 1 if previous is not None else 1
        facts = dict(previous.known) if previous is not None else {}
        start_vars: dict[str, Any] = {"payload": payload} if payload else {}
        if handed_on and previous is not None:
            start_vars["came_from"] = previous.flow
        else:
            for key in known.HANDED_ON:  # said for the practice it was handed to only
                facts.pop(key, None)
        conv = Conversation(
            flow.id, self.version, flow.start, start_vars, rev, paused=paused, known=facts
        )
        turn = Outcome(conv)
        self._enter(turn, context)
        return turn

    def interrupt(
        self, conv: Conversation, flow_id: str, context: Mapping[str, Any], *, held: str = ""
    ) -> Outcome:
        """Pause ``conv`` and run ``flow_id``; a `resume: true` state returns to it.

        ``held``: the words typed at the paused step that set this off; a `resume: true` state
        takes them as that step's answer unless the interruption dropped them (a `set:` of
        `held_answer` to "", or new words typed instead of a press). Words typed inside the
        interruption itself are never held: they answered no step of the paused flow.
        """
        paused: Conversation | None = conv.paused if conv.flow == flow_id and conv.paused else conv
        if paused is not None and paused.ended:
            paused = None
        turn = self.start(flow_id, context, previous=conv, paused=paused)
        if held and paused is conv and self._state(conv).ask is not None:
            turn.conversation = turn.conversation.evolve(
                vars={**turn.conversation.vars, HELD: held}
            )
        return turn

    def show(self, conv: Conversation, context: Mapping[str, Any]) -> list[Output]:
        """The current step again (after an interruption, a restart, or a stale button)."""
        if conv.ended:
            return []
        if CONFIRM in conv.vars:
            return [self._confirm_ask(conv, context)]
        turn = Outcome(conv)
        self._render(turn, self._state(conv), context, rerun_actions=False)
        return (
            [o for o in turn.outputs if not isinstance(o, Wait)] if conv.waiting else turn.outputs
        )

    def step(self, conv: Conversation, event: Event, context: Mapping[str, Any]) -> Outcome:
        if conv.version != self.version:
            raise EngineError(
                f"conversation is pinned to flow set {conv.version}, engine serves {self.version}"
            )
        if isinstance(event, Command):
            return self._command(_without_held(conv), event, context)
        if isinstance(event, Timer):
            if conv.waiting and event.rev == conv.rev and not conv.ended:
                turn = Outcome(conv.evolve(waiting=False, rev=conv.rev + 1))
                self._advance(turn, NEXT, context)
                return turn
            return Outcome(conv)  # a timer for a step already left: nothing to do
        if conv.ended:
            command = self._typed_command(event.text) if isinstance(event, Text) else None
            if command is not None:
                return self._command(conv, Command(command), context)
            home = self.start(self.flowset.home, context, previous=conv)
            if isinstance(event, Text) and not home.conversation.ended:
                picked = self._typed_pick(home.conversation, event.text, context)
                if picked is not None:  # "urge surfing" after a practice ended: start it
                    return picked
            return home
        state = self._state(conv)
        if CONFIRM in conv.vars and isinstance(event, (Pick, Text)):
            return self._confirmation(conv, state, event, context)
        if isinstance(event, Pick):
            return self._pick(conv, state, event, context)
        if isinstance(event, Text):
            turn = self._text(conv, state, event.text, context)
            if conv.vars.get(HELD) and not any(choice for *_, choice in turn.trail):
                turn.conversation = _without_held(turn.conversation)  # new words, not a press
            return turn
        raise EngineError(f"unknown event {event!r}")

    # -- events -------------------------------------------------------------------------
    def _command(
        self,
        conv: Conversation,
        event: Command,
        context: Mapping[str, Any],
        *,
        confirmed: bool = False,
    ) -> Outcome:
        command = self.flowset.commands.get(event.name)
        if command is None:
            turn = Outcome(conv, [self._message("unknown_command", context)])
            turn.outputs += self.show(conv, context)
            return turn
        if command.flow == self.flowset.home and self._in_the_middle(conv):
            if not confirmed:  # /menu during a practice: ask first, and keep the place
                return self._confirm(conv, event.name, "", leave=True)
            turn = self.start(command.flow, context, previous=conv, paused=conv)
            if command.say is not None:
                turn.outputs.insert(
                    0, Say(command.say.render(self._values(conv, context), self.wording))
                )
            return turn
        if command.flow:
            turn = self.start(command.flow, context, previous=conv, payload=event.payload)
            if command.say is not None:
                turn.outputs.insert(
                    0, Say(command.say.render(self._values(conv, context), self.wording))
                )
            return turn
        turn = Outcome(conv)
        if command.say is not None:
            turn.outputs.append(Say(command.say.render(self._values(conv, context), self.wording)))
        if command.action == "stop":
            if command.say is None:
                turn.outputs.append(self._message("stopped", context))
            turn.conversation = conv.evolve(
                ended=True, waiting=False, picked=(), paused=None, rev=conv.rev + 1
            )
            turn.outputs.append(End(conv.flow))
        elif command.action:
            turn.effects.append(Effect(command.action, {"payload": event.payload}))
        else:
            turn.outputs += self.show(conv, context)
        return turn

    def _pick(
        self, conv: Conversation, state: State, event: Pick, context: Mapping[str, Any]
    ) -> Outcome:
        choices = self._choices(state, context, conv)
        choice = next((c for c in choices if c.id == event.choice), None)
        is_done = state.ask == "multi" and event.choice == DONE
        if (
            event.rev != conv.rev
            or (choice is None and not is_done)
            or state.ask not in ("choice", "multi", "menu", "yesno", "scale")
        ):
            turn = Outcome(conv, [self._message("expired", context)], stale=True)
            turn.outputs += self.show(conv, context)
            return turn
        if state.ask == "multi":
            return self._tick(conv, state, choice, context)
        assert choice is not None  # only `multi` has a button (Done) that is no choice
        return self._answer(conv, state, choice.value, choice, context)

    def _tick(
        self, conv: Conversation, state: State, choice: Choice | None, context: Mapping[str, Any]
    ) -> Outcome:
        if choice is None:  # the Done button
            if not conv.picked:
                turn = Outcome(conv, [self._message("multi_empty", context)])
                turn.outputs.append(self._ask(conv, state, context))
                return turn
            values = [c.value for c in state.choices if c.id in conv.picked]
            return self._answer(conv.evolve(picked=()), state, values, None, context)
        picked = tuple(p for p in conv.picked if p != choice.id)
        if len(picked) == len(conv.picked):
            picked += (choice.id,)
        conv = conv.evolve(picked=picked, rev=conv.rev + 1)
        return Outcome(conv, [self._ask(conv, state, context)])

    def _text(
        self,
        conv: Conversation,
        state: State,
        raw: str,
        context: Mapping[str, Any],
        *,
        commands: bool = True,
    ) -> Outcome:
        """Typed words at any step (docs/answers.md); ``commands`` False takes them as they are."""
        text = answers.clean_text(raw)
        command = self._typed_command(text) if commands else None
        if state.ask is None:
            if command is not None:
                return self._command(conv, Command(command), context)
            key = "waiting" if conv.waiting else "not_understood"
            return Outcome(conv, [self._message(key, context)])
        if not text:
            return self._again(conv, state, "empty", context)
        if len(text) > MAX_ANSWER:
            return self._again(conv, state, "too_long", context)
        kind = state.ask
        if kind == "text":
            if command is not None:  # "stop" may be the answer itself: one tap to be sure
                return self._confirm(conv, command, text, context)
            return self._answer(conv, state, text, None, context)
        if kind == "multi":
            return self._typed_many(conv, state, text, command, context)
        if kind in ("choice", "menu", "yesno"):
            choices = self._choices(state, context, conv)
            other = next((c for c in choices if c.other), None)
            reading = matching.match(
                text, self._labels(choices, conv, context), strict=other is not None
            )
            if reading.picked:
                choice = choices[reading.picked[0]]
                return self._answer(conv, state, choice.value, choice, context)
            if reading.options:
                return self._narrow(conv, state, [choices[i] for i in reading.options], context)
            command = self._urgent_command(conv, text, command) if other is None else command
            if command is not None:
                if other is not None:
                    return self._confirm(conv, command, text, context)
                return self._command(conv, Command(command), context)
            if other is not None:  # "Something else": the words are the answer
                return self._answer(conv, state, text, None, context)
            message = "invalid_yesno" if kind == "yesno" else "not_understood"
            return self._again(conv, state, message, context)
        if kind == "scale":
            low, high = state.range or (0, 10)
            said = matching.read_number(text)
            fits = [v for v in dict.fromkeys(said) if low <= v <= high]
            if len(fits) == 1 and len(said) == 1 and fits[0] == int(fits[0]):
                return self._answer(conv, state, int(fits[0]), None, context)
            if fits and len(fits) == len(said):  # "6 or 7", "7.5": which one?
                near = sorted({int(v) for v in fits} | {-int(-v) for v in fits})
                nearest = [c for c in self._choices(state, context) if c.value in near]
                return self._narrow(conv, state, nearest, context)
            if command is not None:
                return self._command(conv, Command(command), context)
            return self._again(conv, state, "invalid_scale", context)
        if kind == "number":
            value = answers.parse_number(text)
            if value is not None and state.range and not state.range[0] <= value <= state.range[1]:
                value = None
            if value is None:
                if command is not None:
                    return self._command(conv, Command(command), context)
                return self._again(conv, state, "invalid_number", context)
            return self._answer(
                conv, state, int(value) if value == int(value) else value, None, context
            )
        if kind == "time":
            at = answers.parse_time(text)
            if at is None and command is not None:
                return self._command(conv, Command(command), context)
            return (
                self._again(conv, state, "invalid_time", context)
                if at is None
                else self._answer(conv, state, at, None, context)
            )
        raise EngineError(f"unknown ask kind {kind}")

    def _typed_pick(
        self, conv: Conversation, text: str, context: Mapping[str, Any]
    ) -> Outcome | None:
        """The turn for ``text`` when it clearly picks a button of the current step, else None."""
        state = self._state(conv)
        if state.ask not in ("choice", "menu"):
            return None
        choices = self._choices(state, context, conv)
        reading = matching.match(
            answers.clean_text(text), self._labels(choices, conv, context), extra=0, whole=True
        )
        if not reading.picked:
            return None
        choice = choices[reading.picked[0]]
        return self._answer(conv, state, choice.value, choice, context)

    def _typed_many(
        self,
        conv: Conversation,
        state: State,
        text: str,
        command: str | None,
        context: Mapping[str, Any],
    ) -> Outcome:
        """Several buttons typed at once: "1 and 3", "the first two", "sleep, and boredom"."""
        choices = self._choices(state, context)
        done = self.flowset.messages["multi_done"].render(self._values(conv, context), self.wording)
        if matching.normalise(text) == matching.normalise(done):
            return self._tick(conv, state, None, context)
        other = next((c for c in choices if c.other), None)
        reading, unknown = matching.match_many(
            text, self._labels(choices, conv, context), strict=other is not None
        )
        if reading.options:
            return self._narrow(conv, state, [choices[i] for i in reading.options], context)
        if command is not None and not reading.picked:
            if other is not None:
                return self._confirm(conv, command, text, context)
            return self._command(conv, Command(command), context)
        if other is not None and unknown and (reading.picked or not unknown[1:]):
            words = unknown if reading.picked else [text]
        elif reading.picked and not unknown:
            words = []
        else:
            return self._again(conv, state, "not_understood", context)
        ticked = [c for c in choices if c.id in conv.picked]
        typed = [choices[i] for i in reading.picked if choices[i] not in ticked]
        values = [c.value for c in ticked + typed] + words
        return self._answer(conv.evolve(picked=()), state, values, None, context)

    def _labels(
        self, choices: tuple[Choice, ...], conv: Conversation, context: Mapping[str, Any]
    ) -> tuple[str, ...]:
        values = self._values(conv, context)
        return tuple(c.label.render(values, self.wording) for c in choices)

    def _urgent_command(self, conv: Conversation, text: str, command: str | None) -> str | None:
        """Typed words that fit no button and ask for help with an urge ("i really want to use
        right now please help") run the `now` command at once, when the registry has one; in the
        welcome (the `start:` flow) a plain "help" means help now too: the setup can wait.
        Only outside the practices (the welcome, the menu, check-ins): inside one, urge words
        are about the practice, and the crisis flow keeps its own questions."""
        flows = self.flowset
        if (
            URGENT not in flows.commands
            or conv.flow in flows.menu
            or conv.flow == flows.crisis
            or conv.flow == flows.commands[URGENT].flow
        ):
            return command
        if urgent(text) or (command == "help" and conv.flow == flows.start):
            return URGENT
        return command

    def _typed_command(self, text: str) -> str | None:
        """The command ("stop", "menu", "help") typed words stand for, if the registry has it."""
        command = matching.command_of(text)
        return command if command in self.flowset.commands else None

    def _narrow(
        self,
        conv: Conversation,
        state: State,
        choices: list[Choice],
        context: Mapping[str, Any],
    ) -> Outcome:
        """Several buttons fit what was typed: a short question with just those (same step)."""
        assert state.ask is not None  # only a question's typed answer is narrowed
        values = self._values(conv, context)
        buttons = tuple(Button(c.label.render(values, self.wording), c.id) for c in choices)
        ask = Ask(
            self.flowset.messages["ambiguous"].render(values, self.wording),
            state.ask,
            buttons,
            conv.rev,
        )
        return Outcome(conv, [ask])

    def _confirm(
        self,
        conv: Conversation,
        command: str,
        text: str,
        context: Mapping[str, Any] | None = None,
        *,
        leave: bool = False,
    ) -> Outcome:
        """Typed words that may mean a command or be a real answer, or a practice about to be
        left in the middle (``leave``): ask before acting."""
        pending: dict[str, Any] = {"command": command, "text": text}
        if leave:
            pending["leave"] = True
        conv = conv.evolve(vars={**conv.vars, CONFIRM: pending}, rev=conv.rev + 1)
        return Outcome(conv, [self._confirm_ask(conv, context or {})])

    def _confirm_ask(self, conv: Conversation, context: Mapping[str, Any]) -> Ask:
        values = self._values(conv, context)
        words = self.flowset.messages
        pending = conv.vars[CONFIRM]
        buttons = (
            Button(words["confirm_yes"].render(values, self.wording), CONFIRM_YES),
            Button(words["confirm_no"].render(values, self.wording), CONFIRM_NO),
        )
        if pending.get("leave"):
            practice = {**values, "practice": self.flowset.flows[conv.flow].title}
            return Ask(
                words["confirm_leave"].render(practice, self.wording), "choice", buttons, conv.rev
            )
        text = words[f"confirm_{pending['command']}"].render(values, self.wording)
        return Ask(text, "choice", buttons, conv.rev)

    def _confirmation(
        self, conv: Conversation, state: State, event: Pick | Text, context: Mapping[str, Any]
    ) -> Outcome:
        """The answer to "Do you want to stop this practice?": the command, or carry on with
        the typed words as the step's answer; other words are an answer to the step itself."""
        pending = conv.vars[CONFIRM]
        rest = {k: v for k, v in conv.vars.items() if k != CONFIRM}
        base = conv.evolve(vars=rest)
        if isinstance(event, Pick):
            if event.rev != conv.rev or event.choice not in (CONFIRM_YES, CONFIRM_NO):
                turn = Outcome(conv, [self._message("expired", context)], stale=True)
                turn.outputs.append(self._confirm_ask(conv, context))
                return turn
            yes = event.choice == CONFIRM_YES
        else:
            labels = tuple(b.label for b in self._confirm_ask(conv, context).buttons)
            reading = matching.match(event.text, labels)
            if self._typed_command(event.text) == pending["command"]:
                yes = True
            elif reading.picked:
                yes = reading.picked[0] == 0
            else:  # neither: the new words answer the step
                return self._text(base, state, event.text, context)
        if yes:
            return self._command(base, Command(pending["command"]), context, confirmed=True)
        if pending.get("leave"):  # carry on with the practice, where it was
            turn = Outcome(base, self.show(base, context))
            if base.waiting:  # a timed step's clock starts again (its timer had gone stale)
                turn.outputs.append(Wait(state.after or 0, base.rev))
            return turn
        return self._text(base, state, pending["text"], context, commands=False)

    def _answer(
        self,
        conv: Conversation,
        state: State,
        value: Any,
        choice: Choice | None,
        context: Mapping[str, Any],
    ) -> Outcome:
        values = dict(conv.vars)
        if state.save_as:
            values[state.save_as] = value
        turn = Outcome(conv.evolve(vars=values, rev=conv.rev + 1, waiting=False))
        picked = (
            [choice]
            if choice is not None
            else [c for c in state.choices if c.value in (value if isinstance(value, list) else ())]
        )
        turn.trail += [(conv.flow, state.id, c.id) for c in picked]
        if state.ask == "menu":
            assert choice is not None  # a menu's answer is always one of its practices
            if choice.id == RESUME and conv.paused is not None:
                back = self._back_to(conv.paused, turn.conversation, context)
                back.trail[:0] = turn.trail
                return back
            started = self.start(choice.id, context, previous=turn.conversation, paused=conv.paused)
            started.trail[:0] = turn.trail
            return started
        trigger = _pick_trigger(choice) if choice is not None and choice.routes else NEXT
        self._advance(turn, trigger, context)
        return turn

    def _again(
        self, conv: Conversation, state: State, message: str, context: Mapping[str, Any]
    ) -> Outcome:
        """A kind word about what did not fit, and the same question; nothing changes."""
        return Outcome(conv, [self._message(message, context), self._ask(conv, state, context)])

    # -- moving and rendering -------------------------------------------------------------
    def _advance(self, turn: Outcome, trigger: str, context: Mapping[str, Any]) -> None:
        """Fire ``trigger`` from the current state, then enter states until one waits for input."""
        conv = turn.conversation
        machine, table = self.machines[conv.flow]
        cursor = _Cursor(conv.state, self._values(conv, context))
        if not _fire(machine, table, trigger, cursor):
            raise EngineError(f"{conv.flow}.{conv.state}: no way on for {trigger}")
        self._arrive(turn, cursor.state, context)

    def _arrive(self, turn: Outcome, dest: str, context: Mapping[str, Any]) -> None:
        conv = turn.conversation
        if dest.startswith(FLOW_EXIT):
            started = self.start(
                dest[len(FLOW_EXIT) :], context, previous=conv, paused=conv.paused, handed_on=True
            )
            turn.conversation = started.conversation
            turn.outputs += started.outputs
            turn.effects += started.effects
            turn.trail += started.trail
            return
        turn.conversation = conv.evolve(state=dest)
        self._enter(turn, context)

    def _enter(self, turn: Outcome, context: Mapping[str, Any], depth: int = 0) -> None:
        if depth > MAX_SILENT_STEPS:
            raise EngineError(
                f"{turn.conversation.flow}: more than {MAX_SILENT_STEPS} steps without a question"
            )
        state = self._state(turn.conversation)
        turn.trail.append((turn.conversation.flow, state.id, None))
        self._render(turn, state, context, rerun_actions=True)
        conv = turn.conversation  # after rendering: `set:` may have given variables values
        if state.after is not None:  # a timed step, with or without buttons to go on early
            turn.conversation = conv.evolve(waiting=True)
            return
        if state.ask is not None:
            return
        if state.end:
            turn.conversation = turn.conversation.evolve(ended=True, paused=None)
            turn.outputs.append(End(conv.flow))
            return
        if state.resume:
            paused = conv.paused
            held = conv.vars.get(HELD)
            if paused is None:
                started = self.start(self.flowset.home, context, previous=conv)
            elif held and isinstance(held, str):  # the words kept aside answer the paused step
                resumed = paused.evolve(rev=conv.rev + 1)
                started = self._text(resumed, self._state(resumed), held, context, commands=False)
            else:
                started = self._back_to(paused, conv, context)
            turn.conversation = started.conversation
            turn.effects += [  # the held words' effects (a check-in logged), in their place
                replace(e, at=None if e.at is None else e.at + len(turn.outputs))
                for e in started.effects
            ]
            turn.outputs += started.outputs
            turn.trail += started.trail
            return
        machine, table = self.machines[conv.flow]
        cursor = _Cursor(conv.state, self._values(conv, context))
        if not _fire(machine, table, NEXT, cursor):
            raise EngineError(f"{conv.flow}.{conv.state}: no way on")
        if cursor.state.startswith(FLOW_EXIT):
            self._arrive(turn, cursor.state, context)
            return
        turn.conversation = conv.evolve(state=cursor.state)
        self._enter(turn, context, depth + 1)

    def _back_to(
        self, paused: Conversation, conv: Conversation, context: Mapping[str, Any]
    ) -> Outcome:
        """Back in ``paused`` where it was, keeping what became known meanwhile."""
        back = Outcome(paused.evolve(rev=conv.rev + 1, known=conv.known))
        back.outputs = self.show(back.conversation, context)
        if back.conversation.waiting:  # its timer was for the old revision
            back.outputs.append(Wait(self._state(paused).after or 0, back.conversation.rev))
        return back

    def _in_the_middle(self, conv: Conversation) -> bool:
        """A practice from the menu, begun and not finished: leaving it is asked about first."""
        return (
            not conv.ended
            and conv.flow in self.flowset.menu
            and (conv.waiting or any(k not in ("payload", CONFIRM) for k in conv.vars))
        )

    def _resumable(self, conv: Conversation) -> Conversation | None:
        paused = conv.paused
        if paused is None or paused.ended or paused.flow not in self.flowset.menu:
            return None
        return paused

    def _render(
        self, turn: Outcome, state: State, context: Mapping[str, Any], *, rerun_actions: bool
    ) -> None:
        if state.sets and rerun_actions:
            values = self._values(turn.conversation, context)
            assigned = {name: _arg(template, values, self.wording) for name, template in state.sets}
            turn.conversation = turn.conversation.evolve(
                vars={**turn.conversation.vars, **assigned}
            )
        conv = turn.conversation
        values = self._values(conv, context)
        training = bool(context.get("training"))
        lines = list(state.lines)
        question = lines.pop() if state.ask is not None and lines else None
        for line in lines:
            turn.outputs.append(Say(line.text.render(values, self.wording), line.tag))
            if training and line.note is not None:
                turn.outputs.append(Note(line.note.render(values, self.wording)))
        if rerun_actions:
            facts = conv.known
            for action in state.actions:
                effect = Effect(
                    action.name,
                    {k: _arg(t, values, self.wording) for k, t in action.args.items()},
                    at=len(turn.outputs),
                )
                facts = known.fold(facts, effect)
                if action.name != known.REMEMBER:  # the engine's own: nothing for the host
                    turn.effects.append(effect)
            if facts != conv.known:
                conv = turn.conversation = conv.evolve(known=facts)
        if question is not None:
            turn.outputs.append(self._ask(conv, state, context))
            if training and question.note is not None:
                turn.outputs.append(Note(question.note.render(values, self.wording)))
        if state.after is not None:
            turn.outputs.append(Wait(state.after, conv.rev))

    def _ask(self, conv: Conversation, state: State, context: Mapping[str, Any]) -> Ask:
        assert state.ask is not None  # rendered only for a step that asks
        values = self._values(conv, context)
        line = state.lines[-1]
        text = line.text.render(values, self.wording)
        choices = self._choices(state, context, conv)
        ticked = self.flowset.messages["chosen_prefix"].render(values, self.wording)  # "✓ "
        buttons = [
            Button(
                (ticked if c.id in conv.picked else "") + c.label.render(values, self.wording), c.id
            )
            for c in choices
        ]
        if state.ask == "multi":
            buttons.append(
                Button(self.flowset.messages["multi_done"].render(values, self.wording), DONE)
            )
        return Ask(text, state.ask, tuple(buttons), conv.rev, line.tag)

    def _choices(
        self, state: State, context: Mapping[str, Any], conv: Conversation | None = None
    ) -> tuple[Choice, ...]:
        if state.ask == "menu":
            role = context.get("role") or "client"
            practices = self._menus.get(role)
            if practices is None:  # the same for every client of a role: made once
                practices = self._menus[role] = tuple(
                    Choice(fid, _literal(self.flowset.flows[fid].title), fid)
                    for fid in self.flowset.menu
                    if role in self.flowset.flows[fid].audience
                )
            paused = self._resumable(conv) if conv is not None else None
            if paused is None:
                return practices
            label = self.flowset.messages["resume_practice"].render(
                {**context, "practice": self.flowset.flows[paused.flow].title}, self.wording
            )
            return (Choice(RESUME, _literal(label), RESUME),) + practices
        if state.ask == "yesno":
            return (
                Choice("yes", self.flowset.messages["yes"], "yes"),
                Choice("no", self.flowset.messages["no"], "no"),
            )
        if state.ask == "scale":
            low, high = state.range or (0, 10)
            return tuple(
                Choice(str(n), _literal(str(n)), n) for n in range(int(low), int(high) + 1)
            )
        if state.sort:
            scores = context.get(state.sort) or {}
            return tuple(sorted(state.choices, key=lambda c: -float(scores.get(c.id, 0) or 0)))
        return state.choices

    def _message(self, key: str, context: Mapping[str, Any]) -> Say:
        return Say(self.flowset.messages[key].render(context, self.wording))

    def _values(self, conv: Conversation, context: Mapping[str, Any]) -> Mapping[str, Any]:
        flow = self.flowset.flows[conv.flow]
        return _Values(
            conv.vars,
            flow.defaults,
            known.variables(conv.known),
            cast(MutableMapping[str, Any], context),  # only read: ChainMap writes to the first
            cast(MutableMapping[str, Any], _Extras(self, context)),
        )

    def _practices(self, context: Mapping[str, Any]) -> str:
        """The menu's practices with their one-line summaries, one a line: `{practices}`."""
        role = context.get("role") or "client"
        flows = [self.flowset.flows[fid] for fid in self.flowset.menu]
        words = self.flowset.messages
        return "\n".join(
            words["practice_line" if f.summary else "practice_line_short"].render(
                {**context, "practice": f.title, "summary": f.summary}, self.wording
            )
            for f in flows
            if role in f.audience
        )

    def _flow(self, flow_id: str) -> Flow:
        try:
            return self.flowset.flows[flow_id]
        except KeyError:
            raise EngineError(f"unknown flow {flow_id!r}") from None

    def _state(self, conv: Conversation) -> State:
        try:
            return self.flowset.flows[conv.flow].states[conv.state]
        except KeyError:
            raise EngineError(
                f"{conv.flow}.{conv.state} is not in flow set {self.version}"
            ) from None


def _without_held(conv: Conversation) -> Conversation:
    return conv.evolve(vars={k: v for k, v in conv.vars.items() if k != HELD})


def _arg(template: Template, values: Mapping[str, Any], words: Wording) -> Any:
    ref = template.single_ref()
    return values.get(ref.name) if ref is not None else template.render(values, words)


def _literal(text: str) -> Template:
    return Template(text, (text,))
