"""The one place that wires engine + safety + store: a turn of the pipeline for any transport.

    event -> store.turn (dedup, per-user lock) -> safety screen (free text, before the flow)
          -> engine.step -> effects -> ONE commit: state + effects + outbox + update_id

Transports (terminal chat, Telegram) call ``Companion.handle`` and send what it returns;
they never touch SQL or the engine directly.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Mapping

from bot.engine import (Command, Conversation, Effect, Engine, Event, FlowSet, Output, Say, Text, Timer, Wait,
                        load_flowset)
from bot.engine import Turn as EngineTurn
from bot.engine.outputs import Ask
from persistence import render_export_text

log = logging.getLogger(__name__)

REGISTRY_KEY = "@registry"  # names the registry file among a stored flow version's sources
AFTER_COMMIT = ("export", "delete_data")  # done by the transport once the turn has committed
TIMER_JOB = "timer"  # the durable job of a timed flow step
PROFILE_FLAGS = ("consent", "training_notes")


@dataclass(frozen=True)
class Notice:
    """Something other than an answer (a sticker, an edit ...): a kind word, then the current step.

    ``key`` names the words in flows.yaml `messages:`; ``text`` (the words of an edit or a
    forward) still goes through the safety screen, but is never kept.
    """

    key: str
    text: str = ""


@dataclass
class Reply:
    """What one turn produced: messages to send now (already in the outbox) and timers to set."""

    outputs: list[Output] = field(default_factory=list)
    outbox_ids: list[int] = field(default_factory=list)
    duplicate: bool = False
    stale: bool = False
    after: list[str] = field(default_factory=list)  # AFTER_COMMIT actions for the transport
    conversation: Conversation | None = None
    trail: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def timers(self) -> list[Wait]:
        return [o for o in self.outputs if isinstance(o, Wait)]

    @property
    def messages(self) -> list[Output]:
        return [o for o in self.outputs if not isinstance(o, Wait)]


def flowset_sources(flowset: FlowSet) -> dict[str, str]:
    registry = flowset.registry_path.rsplit("/", 1)[-1]
    return {REGISTRY_KEY: registry, **flowset.sources}


class Companion:
    def __init__(self, flowset: FlowSet, store, safety=None):
        self.flowset = flowset
        self.engine = Engine(flowset)
        self.engines: dict[str, Engine] = {flowset.version: self.engine}
        self.store = store
        self.safety = safety

    async def prepare(self) -> None:
        """Keep this flow set in the store so conversations pinned to it survive later edits."""
        await self.store.ensure_flow_version(self.flowset.version, flowset_sources(self.flowset))

    def use(self, flowset: FlowSet) -> None:
        """Serve a newly loaded flow set to new conversations (hot reload)."""
        self.flowset = flowset
        self.engine = self.engines.setdefault(flowset.version, Engine(flowset))

    async def _engine_for(self, version: str) -> Engine | None:
        if version in self.engines:
            return self.engines[version]
        sources = await self.store.load_flow_version(version)
        if sources is None:
            return None
        sources = dict(sources)
        registry = sources.pop(REGISTRY_KEY, "flows.yaml")
        flowset, _problems = load_flowset(sources, registry)
        if flowset is None:
            return None
        engine = self.engines[version] = Engine(flowset)
        return engine

    # -- turns ------------------------------------------------------------------------
    async def handle(self, user_key: str, event: Event | Notice, *, update_id: int | None = None,
                     hints: Mapping[str, Any] | None = None, job_id: int | None = None) -> Reply:
        """Run one turn for ``user_key`` and commit it; returns what to send.

        ``job_id``: the durable job this turn handles (a timer); it fires once.
        """
        async with self.store.turn(user_key, update_id) as t:
            if t.duplicate:
                return Reply(duplicate=True)
            if job_id is not None:
                t.complete_job(job_id)
            if not isinstance(event, Timer) and t.profile.get("active") is False:
                t.update_profile(active=True)  # they wrote to us: reachable again
            conv, engine = await self._load(t)
            context = self._context(t.profile, hints, conv)
            outputs: list[Output] = []
            verdict = self._screen(event)
            if verdict is not None:
                t.safety_event(verdict.category)
                outputs += [Say(line) for line in self.safety.crisis_reply(verdict, t.profile.get("country"))]
            if verdict is not None and not verdict.negated and self.flowset.crisis:
                turn = (engine.interrupt(conv, self.flowset.crisis, context) if conv is not None
                        else engine.start(self.flowset.crisis, context))
            elif isinstance(event, Notice):
                outputs.append(Say(self.flowset.messages[event.key].render(context)))
                if conv is None:
                    turn = self.engine.start(self.flowset.start, context)
                elif conv.ended:
                    turn = self.engine.start(self.flowset.home, context, previous=conv)
                else:
                    turn = EngineTurn(conv, engine.show(conv, context))
            elif conv is None:
                turn = self._first_turn(event, context)
            else:
                turn = engine.step(conv, event, context)
            reply = await self._commit(t, turn, outputs, context, engine)
        reply.outbox_ids = t.outbox_ids
        return reply

    async def _commit(self, t, turn, outputs: list[Output], context, engine: Engine) -> Reply:
        """Effects, new state and outgoing messages into the turn's transaction."""
        produced = list(turn.outputs)
        placed = []  # effects run in order; their words go where the flow put them
        after = [e.name for e in turn.effects if e.name in AFTER_COMMIT]
        for effect in turn.effects:
            if effect.name in AFTER_COMMIT:
                continue
            words = await self._apply(t, effect, turn.conversation, engine, context)
            placed.append((len(produced) if effect.at is None else effect.at, words))
        for at, words in reversed(placed):
            produced[at:at] = words
        outputs = outputs + produced
        conv = turn.conversation
        t.set_conversation(conv.to_json(), conv.flow, conv.version)
        messages = [o for o in outputs if not isinstance(o, Wait)]
        if messages:
            t.enqueue([o.to_json() for o in messages])
        for wait in (o for o in outputs if isinstance(o, Wait)):  # timed steps survive restarts
            t.schedule(TIMER_JOB, t.now() + timedelta(seconds=wait.seconds), {"rev": wait.rev})
        return Reply(outputs, conversation=conv, trail=turn.trail, stale=turn.stale, after=after)

    async def begin(self, user_key: str, flow_id: str, hints: Mapping[str, Any] | None = None) -> Reply:
        """Start ``flow_id`` afresh for ``user_key`` (terminal chat --flow, transcripts' @flow)."""
        async with self.store.turn(user_key) as t:
            context = self._context(t.profile, hints)
            previous, _engine = await self._load(t)
            turn = self.engine.start(flow_id, context, previous=previous)
            reply = await self._commit(t, turn, [], context, self.engine)
        reply.outbox_ids = t.outbox_ids
        return reply

    async def current(self, user_key: str, hints: Mapping[str, Any] | None = None) -> Reply:
        """The current step again, without changing anything (resuming a chat)."""
        async with self.store.turn(user_key) as t:
            conv, engine = await self._load(t)
            if conv is None or conv.ended:
                return Reply(conversation=conv)
            return Reply(engine.show(conv, self._context(t.profile, hints)), conversation=conv)

    async def after_commit(self, user_key: str, reply: Reply) -> list[tuple[str, bytes]]:
        """Carry out what must wait for the commit; returns files to send (name, content)."""
        files: list[tuple[str, bytes]] = []
        for action in reply.after:
            if action == "export":
                data = await self.store.export_user(user_key) or {}
                files.append(("between-sessions-data.json",
                              json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()))
                files.append(("between-sessions-data.txt", render_export_text(data).encode()))
            elif action == "delete_data":
                await self.store.delete_user(user_key)
        return files

    async def run_due_jobs(self, deliver, *, user_key: str | None = None) -> int:
        """Handle every job that is due (timed steps); ``deliver(user_key, reply)`` sends.

        Each job is handled in its own turn, which deletes it: with several workers, a job
        another worker handled first rolls the turn back (JobGone) and nothing is sent twice.
        """
        from persistence import JobGone

        handled = 0
        for job in await self.store.due_jobs(user_key=user_key):
            if job.kind != TIMER_JOB:
                continue
            try:
                reply = await self.handle(job.user_key, Timer(int(job.payload.get("rev", -1))), job_id=job.id)
            except JobGone:
                continue
            await deliver(job.user_key, reply)
            handled += 1
        return handled

    def _first_turn(self, event: Event, context):
        if isinstance(event, Command) and event.name in self.flowset.commands:
            command = self.flowset.commands[event.name]
            if command.flow:
                return self.engine.start(command.flow, context, payload=event.payload)
        return self.engine.start(self.flowset.start, context)

    async def _load(self, t) -> tuple[Conversation | None, Engine]:
        data = t.conversation
        if not data:
            return None, self.engine
        conv = Conversation.from_json(data)
        if conv.ended:
            return conv.evolve(version=self.engine.version), self.engine  # new conversations use the newest flows
        engine = await self._engine_for(conv.version)
        if engine is None:
            log.warning("conversation pinned to a flow set that is no longer stored; starting afresh")
            return None, self.engine
        return conv, engine

    def _screen(self, event: Event | Notice):
        """The safety screen, on every piece of free text a client sends."""
        if self.safety is None:
            return None
        text = event.text if isinstance(event, (Text, Notice)) else ""
        return self.safety.screen(text) if text.strip() else None

    def _context(self, profile: Mapping[str, Any], hints: Mapping[str, Any] | None,
                 conv: Conversation | None = None) -> dict[str, Any]:
        consent = profile.get("consent")
        ratings = (profile.get("preferences") or {}).get("alternatives", {})
        context = {
            "first_name": "",
            "training": bool(profile.get("training_notes")),
            "role": profile.get("role") or "client",
            "country": profile.get("country") or "",
            "consent": "" if consent is None else ("yes" if consent else "no"),
            "favourites": {key: mean for key, (mean, _count) in ratings.items()},
        }
        if self.safety is not None and conv is not None and conv.flow == self.flowset.crisis:
            # "I'm fine": the helplines once more (the check-in offer waits for the scheduler)
            context["crisis_resources"] = "\n\n".join(self.safety.fine_reply(profile.get("country"))[:2])
        if hints:
            context.update({k: v for k, v in hints.items() if k in ("first_name",)})
        return context

    # -- effects ----------------------------------------------------------------------
    async def _apply(self, t, effect: Effect, conv: Conversation, engine: Engine, context: dict) -> list[Output]:
        name = effect.name
        if name == "set_profile":  # an empty value clears the setting ("somewhere else")
            t.update_profile(**{k: _profile_value(k, v) for k, v in effect.args.items()})
            return []
        args = {k: v for k, v in effect.args.items() if v not in (None, "")}
        if name == "save_plan":
            substance = args.pop("substance", None) or "my use"
            current = await t.current_plan(substance) or {}
            sections = dict(current.get("sections", {}))
            sections[args["section"]] = args["text"]
            await t.save_plan(substance, sections)
            return []
        if name == "log_urge":
            rating = args.pop("rating")
            t.log_urge(intensity=rating, **args)
            return []
        if name == "log_checkin":
            mood = args.pop("mood", None)
            t.log_checkin(score=mood, **args)
            return []
        if name == "toggle_training":
            on = not context["training"]
            t.update_profile(training_notes=on)
            context["training"] = on
            words = self.flowset.messages["training_on" if on else "training_off"].render(context)
            return [Say(words)] + engine.show(conv, context)
        if name == "show_plan":
            plan = await t.current_plan(args.get("substance"))
            words = [Say(render_plan(plan) if plan else self.flowset.messages["no_plan"].render(context))]
            return words if effect.at is not None else words + engine.show(conv, context)
        if name == "safety_followup":
            t.safety_event(f"followup_{args['answer']}")
            return []
        if name == "rate_alternative":
            preferences = dict(t.profile.get("preferences") or {})
            ratings = dict(preferences.get("alternatives", {}))
            ratings[str(args["alternative"])] = _running_mean(ratings.get(str(args["alternative"])), args["rating"])
            t.update_profile(preferences={**preferences, "alternatives": ratings})
            return []
        raise ValueError(f"no handler for action {name!r}")


def _running_mean(previous: list | None, rating: Any) -> list:
    """[mean, count] of the ratings given so far."""
    mean, count = previous or (0.0, 0)
    return [round((mean * count + float(rating)) / (count + 1), 2), count + 1]


def _profile_value(key: str, value: Any) -> Any:
    if key in PROFILE_FLAGS and isinstance(value, str):
        return value.strip().lower() in ("yes", "true", "on", "1")
    if value == "" and key != "role":
        return None
    return value


def render_plan(plan: Mapping[str, Any]) -> str:
    lines = [f"Your Optimal Use Plan — {plan.get('substance', '')} (version {plan.get('version', 1)})"]
    for section, text in plan.get("sections", {}).items():
        lines.append(f"• {section.replace('_', ' ').capitalize()}: {text}")
    return "\n".join(lines)


def ask_of(outputs: list[Output]) -> Ask | None:
    """The last question among ``outputs`` (the one whose buttons are live)."""
    return next((o for o in reversed(outputs) if isinstance(o, Ask)), None)
