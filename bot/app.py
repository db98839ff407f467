"""The one place that wires engine + safety + store: a turn of the pipeline for any transport.

    event -> store.turn (dedup, per-user lock) -> safety screen (free text, before the flow)
          -> engine.step -> effects -> ONE commit: state + effects + outbox + update_id

Transports (terminal chat, Telegram) call ``Companion.handle`` and send what it returns;
they never touch SQL or the engine directly.
"""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Iterator, Mapping

from bot.engine import (Command, Conversation, Effect, Engine, Event, FlowSet, Note, Output, Pick, Say, Text,
                        Timer, Wait, load_flowset)
from bot.engine import Turn as EngineTurn
from bot.engine.outputs import Ask
from bot import charts, exports, reminders
from persistence import render_export_text

log = logging.getLogger(__name__)

REGISTRY_KEY = "@registry"  # names the registry file among a stored flow version's sources
AFTER_COMMIT = ("export", "delete_data", "export_transcript")  # done once the turn has committed
TIMER_JOB = "timer"  # the durable job of a timed flow step
CHECKIN_JOB, WEEKLY_JOB, SAFETY_JOB = "checkin", "weekly", "safety_checkin"  # reminders (bot/reminders.py)
CHECKIN_FLOW, LATE_FLOW, NUDGE_FLOW, SAFETY_FLOW = "checkin", "checkin_late", "checkin_nudge", "checkin_safety"
REMINDER = 1  # outbox priority of reminders: interactive replies go first
PROFILE_FLAGS = ("consent", "training_notes", "keep_transcript")


@dataclass(frozen=True)
class Attachment:
    """A file for the client: ``kind`` "photo" (a chart) or "document"; ``caption`` ≤ 1024 characters.

    Unpacks as ``name, data`` like the (name, bytes) pairs ``after_commit`` used to return.
    """

    name: str
    data: bytes
    kind: str = "document"
    caption: str | None = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.name, self.data))


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
    later: list[Effect] = field(default_factory=list)  # the AFTER_COMMIT effects, with their arguments
    files: list[Attachment] = field(default_factory=list)  # made inside the turn, sent after it

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
            if t.profile.get("keep_transcript") and t.profile.get("role") == "trainee":
                _keep_transcript(t, event, reply.messages)
        reply.outbox_ids = t.outbox_ids
        return reply

    async def _commit(self, t, turn, outputs: list[Output], context, engine: Engine, *, priority: int = 0) -> Reply:
        """Effects, new state and outgoing messages into the turn's transaction."""
        produced = list(turn.outputs)
        placed = []  # effects run in order; their words go where the flow put them
        later = [_with_zone(e, t) for e in turn.effects if _after_commit(e)]
        files: list[Attachment] = []
        for effect in turn.effects:
            if _after_commit(effect):
                continue
            words = await self._apply(t, effect, turn.conversation, engine, context, files)
            placed.append((len(produced) if effect.at is None else effect.at, words))
        for at, words in reversed(placed):
            produced[at:at] = words
        outputs = outputs + produced
        conv = turn.conversation
        t.set_conversation(conv.to_json(), conv.flow, conv.version)
        messages = [o for o in outputs if not isinstance(o, Wait)]
        if messages:
            t.enqueue([o.to_json() for o in messages], priority=priority)
        for wait in (o for o in outputs if isinstance(o, Wait)):  # timed steps survive restarts
            t.schedule(TIMER_JOB, t.now() + timedelta(seconds=wait.seconds), {"rev": wait.rev})
        return Reply(outputs, conversation=conv, trail=turn.trail, stale=turn.stale,
                     after=[e.name for e in later], later=later, files=files)

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

    async def after_commit(self, user_key: str, reply: Reply) -> list[Attachment]:
        """Carry out what must wait for the commit; returns the files to send, in order
        (``Attachment``: name, data, kind "photo" or "document", caption)."""
        files: list[Attachment] = list(reply.files)
        for effect in reply.later or [Effect(name, {}) for name in reply.after]:
            action = effect.name
            if action == "export":
                data = await self.store.export_user(user_key) or {}
                files.append(Attachment("between-sessions-data.json",
                                        json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()))
                files.append(Attachment("between-sessions-data.txt", render_export_text(data).encode()))
            elif action == "delete_data":
                await self.store.delete_user(user_key)
            elif action == "show_history":  # the chart: drawn outside the turn, in a thread
                days = _days(effect.args.get("days"))
                tz = reminders.zone(effect.args.get("timezone"))
                summary = charts.summarise(await self.store.history(user_key, days), days, tz,
                                           self.store._now())
                png = await asyncio.to_thread(charts.render_png, summary)
                files.append(Attachment(f"history-{days}-days.png", png, "photo", charts.words(summary)[:1024]))
            elif action == "export_transcript":
                data = await self.store.export_user(user_key) or {}
                text = exports.render_transcript(data.get("transcript", []),
                                                 reminders.zone(effect.args.get("timezone")))
                files.append(Attachment("role-play-transcript.txt", text.encode(), "document",
                                        "Your role-play transcript, for supervision."))
        return files

    async def run_due_jobs(self, deliver, *, user_key: str | None = None) -> int:
        """Handle every job that is due (timed steps); ``deliver(user_key, reply)`` sends.

        Each job is handled in its own turn, which deletes it: with several workers, a job
        another worker handled first rolls the turn back (JobGone) and nothing is sent twice.
        """
        from persistence import JobGone

        handled = 0
        for job in await self.store.due_jobs(user_key=user_key):
            try:
                if job.kind == TIMER_JOB:
                    reply = await self.handle(job.user_key, Timer(int(job.payload.get("rev", -1))), job_id=job.id)
                elif job.kind in (CHECKIN_JOB, WEEKLY_JOB, SAFETY_JOB):
                    reply = await self.remind(job)
                else:
                    continue
            except JobGone:
                continue
            await deliver(job.user_key, reply)
            handled += 1
        return handled

    async def remind(self, job) -> Reply:
        """A due reminder job (check-in, weekly summary, safety check-in), in one turn that also
        schedules the next one. Never takes over a practice in progress: then only a short
        neutral line goes out. Everything it sends is priority 1 (interactive replies first)."""
        async with self.store.turn(job.user_key) as t:
            t.complete_job(job.id)
            conv, engine = await self._load(t)
            context = self._context(t.profile, None, conv, resources=job.kind == SAFETY_JOB)
            settings = reminders.ReminderSettings.from_json(t.profile.get("reminders"))
            tz = reminders.zone(t.profile.get("timezone"))
            now = t.now()
            reply = Reply(conversation=conv)
            if job.kind == CHECKIN_JOB:
                upcoming = reminders.next_checkin(settings, tz, max(now, job.due_at))
                if upcoming is not None:
                    t.schedule(CHECKIN_JOB, upcoming)
                when = reminders.lateness(job.due_at, now, tz, settings)
                if not settings.active or when == "skip":
                    log.info("check-in skipped (%s)", "settings changed" if not settings.active else "too late")
                elif self._busy(conv, t.conversation_at, now):
                    reply = self._say_only(t, self.engine.start(NUDGE_FLOW, context).outputs, conv)
                else:
                    turn = self.engine.start(CHECKIN_FLOW, context, previous=conv)
                    if when == "late":
                        turn.outputs[:0] = [o for o in self.engine.start(LATE_FLOW, context).outputs
                                            if isinstance(o, Say)]
                    reply = await self._commit(t, turn, [], context, self.engine, priority=REMINDER)
            elif job.kind == WEEKLY_JOB:
                upcoming = reminders.next_weekly(settings, tz, max(now, job.due_at))
                if upcoming is not None:
                    t.schedule(WEEKLY_JOB, upcoming)
                if settings.on and settings.weekly and reminders.lateness(job.due_at, now, tz, settings) != "skip":
                    summary = charts.summarise(await t.history(7), 7, tz, now)
                    reply = self._say_only(t, [Say(charts.words(summary).replace(
                        "The last 7 days:", "Your week, in numbers (no scores, just what you logged):"))], conv)
            elif job.kind == SAFETY_JOB:
                if self._busy(conv, t.conversation_at, now):
                    first = self.engine.start(SAFETY_FLOW, context).outputs[:1]
                    reply = self._say_only(t, first, conv)
                else:
                    turn = self.engine.start(SAFETY_FLOW, context, previous=conv)
                    reply = await self._commit(t, turn, [], context, self.engine, priority=REMINDER)
        reply.outbox_ids = t.outbox_ids
        return reply

    def _set_reminders(self, t, args: Mapping[str, Any]) -> str:
        """New check-in settings into the profile; the check-in and weekly jobs follow them."""
        settings = reminders.ReminderSettings.from_json(t.profile.get("reminders")).changed(**args)
        t.update_profile(reminders=settings.to_json())
        tz = reminders.zone(t.profile.get("timezone"))
        upcoming = reminders.next_checkin(settings, tz, t.now())
        for kind, due in ((CHECKIN_JOB, upcoming), (WEEKLY_JOB, reminders.next_weekly(settings, tz, t.now()))):
            if due is None:
                t.cancel(kind)
            else:
                t.schedule(kind, due)
        return reminders.describe(settings, t.profile.get("timezone"), upcoming)

    def _busy(self, conv: Conversation | None, changed_at: datetime | None, now: datetime) -> bool:
        """In the middle of something: a conversation that has not ended, outside the main menu,
        touched within reminders.BUSY_WINDOW."""
        if conv is None or conv.ended or conv.flow == self.flowset.home:
            return False
        return changed_at is None or now - changed_at < reminders.BUSY_WINDOW

    @staticmethod
    def _say_only(t, outputs: list[Output], conv: Conversation | None) -> Reply:
        """Lines sent as a reminder without touching the conversation."""
        lines = [o for o in outputs if isinstance(o, Say)]
        if lines:
            t.enqueue([o.to_json() for o in lines], priority=REMINDER)
        return Reply(list(lines), conversation=conv)

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
                 conv: Conversation | None = None, *, resources: bool = False) -> dict[str, Any]:
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
        if self.safety is not None and (resources or (conv is not None and conv.flow == self.flowset.crisis)):
            # "I'm fine": the helplines once more (the check-in offer waits for the scheduler)
            context["crisis_resources"] = "\n\n".join(self.safety.fine_reply(profile.get("country"))[:2])
        if hints:
            context.update({k: v for k, v in hints.items() if k in ("first_name",)})
        return context

    # -- effects ----------------------------------------------------------------------
    async def _apply(self, t, effect: Effect, conv: Conversation, engine: Engine, context: dict,
                     files: list[Attachment] | None = None) -> list[Output]:
        name = effect.name
        if name == "set_profile":  # an empty value clears the setting ("somewhere else")
            changes = {k: _profile_value(k, v) for k, v in effect.args.items()}
            if changes.get("keep_transcript") and t.profile.get("role") != "trainee":
                changes.pop("keep_transcript")  # transcripts are for trainees' role-plays only
            t.update_profile(**changes)
            return []
        if name == "set_reminders":
            return [Say(self._set_reminders(t, effect.args))]
        if name == "schedule_safety_checkin":
            settings = reminders.ReminderSettings.from_json(t.profile.get("reminders"))
            tz = reminders.zone(t.profile.get("timezone"))
            t.schedule(SAFETY_JOB, reminders.safety_checkin_at(settings, tz, t.now()))
            return []
        if name == "show_history":  # in words (the chart is drawn after the commit)
            days = _days(effect.args.get("days"))
            tz = reminders.zone(t.profile.get("timezone"))
            return [Say(charts.words(charts.summarise(await t.history(days), days, tz, t.now())))]
        if name == "export_plan":
            plan = await t.current_plan(effect.args.get("substance") or None)
            if plan is None:
                return [Say(self.flowset.messages["no_plan"].render(context))]
            tz = reminders.zone(t.profile.get("timezone"))
            text = exports.render_plan_document(plan, tz, t.now())
            if files is not None:
                files.append(Attachment(exports.plan_filename(plan), text.encode(), "document",
                                        "Your Optimal Use Plan, ready to forward to your therapist."))
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


def _after_commit(effect: Effect) -> bool:
    return effect.name in AFTER_COMMIT or (effect.name == "show_history" and effect.args.get("format") != "words")


def _with_zone(effect: Effect, t) -> Effect:
    """An after-commit effect carries the client's time zone (the turn is gone by then)."""
    return Effect(effect.name, {**effect.args, "timezone": t.profile.get("timezone")}, effect.at)


def _days(value: Any) -> int:
    try:
        return 30 if int(value) > 14 else 14
    except (TypeError, ValueError):
        return 14


def _keep_transcript(t, event: Event, outputs: list[Output]) -> None:
    """A trainee who opted in: each line of the role-play, for supervision."""
    if isinstance(event, Text):
        t.append_transcript("user", event.text)
    elif isinstance(event, Pick):
        t.append_transcript("user", f"[{event.choice}]")
    elif isinstance(event, Command):
        t.append_transcript("user", f"/{event.name}")
    for output in outputs:
        if isinstance(output, Note):
            t.append_transcript("note", output.text)
        elif isinstance(output, (Say, Ask)) and output.text:
            t.append_transcript("bot", output.text)


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
