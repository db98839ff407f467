"""The one place that wires engine + safety + store: a turn of the pipeline for any transport.

    event -> store.turn (dedup, per-user lock) -> safety screen (free text, before the flow)
          -> engine.step -> effects -> ONE commit: state + effects + outbox + update_id

Transports (terminal chat, Telegram) call ``Companion.handle`` and send what it returns;
they never touch SQL or the engine directly.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot import effects, goal_reminders, reminder_turns, reminders, words
from bot.dropoff import count_turn
from bot.effects import Attachment
from bot.engine import (
    Command,
    Conversation,
    Effect,
    Engine,
    Event,
    FlowSet,
    Note,
    Outcome,
    Output,
    Pick,
    Say,
    Text,
    Timer,
    Wait,
    known,
    load_flowset,
    output_from_json,
)
from bot.engine.outputs import Ask
from bot.partner import hook as practice_hook
from bot.replies_first import RepliesFirst
from persistence import ERASE_JOB, Job, OutboxItem, Store
from persistence import Turn as StoreTurn

if TYPE_CHECKING:
    from bot.safety import SafetyConfig
    from bot.safety.screen import Verdict

log = logging.getLogger(__name__)

REGISTRY_KEY = "@registry"  # names the registry file among a stored flow version's sources


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
    # the same, claimed for the caller (Companion.claim_lease)
    outbox_items: list[OutboxItem] = field(default_factory=list)
    duplicate: bool = False
    stale: bool = False
    conversation: Conversation | None = None
    trail: list[tuple[str, str, str | None]] = field(default_factory=list)
    later: list[Effect] = field(default_factory=list)  # wait for the commit (bot/effects.py)
    files: list[Attachment] = field(default_factory=list)  # made inside the turn, sent after it
    erasing: bool = False  # the turn left an erase job (its words wait in it): run it now
    farewell: int | None = None  # erase job whose erasure committed: send these words, then forget

    @property
    def after(self) -> list[str]:
        return [e.name for e in self.later]

    @property
    def timers(self) -> list[Wait]:
        return [o for o in self.outputs if isinstance(o, Wait)]

    @property
    def messages(self) -> list[Output]:
        return [o for o in self.outputs if not isinstance(o, Wait)]


def flowset_sources(flowset: FlowSet) -> dict[str, str]:
    registry = flowset.registry_path.rsplit("/", 1)[-1]
    return {REGISTRY_KEY: registry, **flowset.sources}


class _Abandon(Exception):
    """Leaves a store turn rolled back before anything was done in it: a turn whose block ends
    normally is committed, and the store has no other way out of one."""

    def __init__(self, version: str):
        super().__init__(version)
        self.version = version  # the flow set to load before the turn starts again


# A turn whose conversation is pinned to a flow set not loaded here starts again once that set
# is loaded: twice at most, unless other workers move the conversation on meanwhile.
TURN_STARTS = 4


class Companion:
    def __init__(
        self,
        flowset: FlowSet,
        store: Store,
        safety: SafetyConfig | None = None,
        *,
        replies_first: RepliesFirst | None = None,
    ):
        self.flowset = flowset
        self.engine = Engine(flowset)
        self.engines: dict[str, Engine] = {flowset.version: self.engine}
        self._gone: set[str] = set()  # flow versions no longer in the store
        self.store = store
        self.safety = safety
        # the crisis screen's one thread: off the event loop, one message at a time (its
        # readers keep the last text they read)
        self._screening = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen")
        if safety is not None and safety.reader is not None:
            self._screening.submit(safety.reader.open)  # meanwhile the first prompt goes out
        self.replies_first = replies_first or RepliesFirst()  # reminders' pace: bot/wiring.py
        # seconds a turn's messages are born leased to the transport that sends them after the
        # commit (bot/delivery.py sets it); None: they wait in the outbox to be claimed
        self.claim_lease: float | None = None

    async def prepare(self) -> None:
        """Keep this flow set in the store so conversations pinned to it survive later edits."""
        await self.store.ensure_flow_version(self.flowset.version, flowset_sources(self.flowset))

    def use(self, flowset: FlowSet) -> None:
        """Serve a newly loaded flow set to new conversations (hot reload)."""
        self.flowset = flowset
        self.engine = self.engines.setdefault(flowset.version, Engine(flowset))

    async def reload(self, flowset: FlowSet, safety: Any) -> None:
        """Kept in the store first (a failure changes nothing), then served, with its crisis
        screen, to new conversations."""
        await self.store.ensure_flow_version(flowset.version, flowset_sources(flowset))
        self.use(flowset)
        self.safety = safety

    # -- the store's side of a transport's events (no transport calls the store itself) ----
    async def set_active(self, user_key: str, active: bool) -> None:
        """The person blocked the bot (no more reminders, their queue dropped) or came back."""
        await self.store.set_active(user_key, active)

    async def update_profile(self, user_key: str, **fields: Any) -> None:
        """Profile fields set from outside a flow (a transcript's settings)."""
        async with self.store.turn(user_key) as t:
            t.update_profile(**fields)

    async def next_job_at(self) -> datetime | None:
        """When the next durable job (timed step, reminder, erasure) is due."""
        due: datetime | None = await self.store.next_job_at()
        return due

    async def stats(self) -> dict[str, Any]:
        """Counts for staff (/stats): nothing about any one person."""
        counts: dict[str, Any] = await self.store.stats()
        return counts

    async def purge_stale(self, days: float | None) -> int:
        """Forget old update ids and, with ``days``, conversations untouched that long."""
        removed: int = await self.store.purge_stale(days)
        return removed

    async def close(self) -> None:
        # a message being screened (or the reader opening) finishes first, off the event loop
        await asyncio.to_thread(self._screening.shutdown)
        await self.store.close()

    def _unloaded(self, data: Mapping[str, Any] | None) -> str | None:
        """The flow set a conversation in progress is pinned to, if not loaded here yet."""
        if not data or data.get("ended"):
            return None  # an ended conversation goes on with the newest flows
        version = str(data.get("version"))
        return None if version in self.engines or version in self._gone else version

    async def _fetch_flows(self, version: str) -> None:
        """Load the flow set ``version`` from the store (outside any turn), or note it gone."""
        stored = await self.store.load_flow_version(version)
        flowset = None
        if stored is not None:
            sources: dict[str, bytes | str] = dict(stored)
            registry = str(sources.pop(REGISTRY_KEY, "flows.yaml"))
            flowset, _problems = load_flowset(sources, registry)
        if flowset is None:
            self._gone.add(version)
        else:
            self.engines[version] = Engine(flowset)

    # -- turns ------------------------------------------------------------------------
    async def _turn(
        self,
        user_key: str,
        body: Callable[[StoreTurn, Conversation | None, Engine], Awaitable[Reply]],
        *,
        update_id: int | None = None,
        relaxed: bool = False,
    ) -> Reply:
        """``body(t, conversation, engine)`` in one store turn, with the engine of the flow set
        the conversation is pinned to; the reply carries the turn's outbox once committed.

        That flow set may not be loaded here yet (kept from before a restart, or served by
        another worker), and a turn allows no other store call: the turn is then rolled back
        before anything is done in it, the flow set read from the store, and the turn started
        again.
        """
        for _start in range(TURN_STARTS):
            try:
                async with self.store.turn(
                    user_key, update_id, relaxed=relaxed, lease=self.claim_lease
                ) as t:
                    if t.duplicate:
                        return Reply(duplicate=True)
                    version = self._unloaded(t.conversation)
                    if version is not None:
                        raise _Abandon(version)
                    conv, engine = await self._load(t)
                    reply = await body(t, conv, engine)
            except _Abandon as abandoned:
                await self._fetch_flows(abandoned.version)
                continue
            reply.outbox_ids, reply.outbox_items = t.outbox_ids, t.outbox_items
            return reply
        raise RuntimeError(f"{user_key}: the conversation's flow set kept changing")

    async def handle(
        self,
        user_key: str,
        event: Event | Notice,
        *,
        update_id: int | None = None,
        hints: Mapping[str, Any] | None = None,
        job_id: int | None = None,
    ) -> Reply:
        """Run one turn for ``user_key`` and commit it; returns what to send.

        ``job_id``: the durable job this turn handles (a timer); it fires once.
        """
        if job_id is not None:
            return await self._handle(user_key, event, update_id, hints, job_id)
        with self.replies_first.reply():  # a client is waiting: reminders give way
            return await self._handle(user_key, event, update_id, hints, job_id)

    async def _handle(
        self,
        user_key: str,
        event: Event | Notice,
        update_id: int | None,
        hints: Mapping[str, Any] | None,
        job_id: int | None,
    ) -> Reply:
        # screened before the turn's transaction begins (and once, should the turn run again)
        verdict = await self._screen(event)

        async def body(t: StoreTurn, conv: Conversation | None, engine: Engine) -> Reply:
            if job_id is not None:
                t.complete_job(job_id)
            if not isinstance(event, Timer) and t.profile.get("active") is False:
                t.update_profile(active=True)  # they wrote to us: reachable again
            context = self._context(t.profile, hints, conv)
            outputs: list[Output] = []
            if verdict is not None:
                assert self.safety is not None  # a verdict comes from the crisis screen
                t.safety_event(verdict.category)
                if verdict.tier == "full" or not self.flowset.crisis:  # "ask": the flow asks first
                    outputs += [
                        Say(line)
                        for line in self.safety.crisis_reply(verdict, t.profile.get("country"))
                    ]
            if verdict is not None and self.flowset.crisis:
                assert self.safety is not None
                context.update(self.safety.flow_context(verdict, t.profile.get("country")))
                turn = (
                    engine.interrupt(conv, self.flowset.crisis, context, held=_held(event, verdict))
                    if conv is not None
                    else engine.start(self.flowset.crisis, context)
                )
            elif isinstance(event, Notice):
                outputs.append(
                    Say(self.flowset.messages[event.key].render(context, engine.wording))
                )
                if conv is None:
                    turn = self.engine.start(self.flowset.start, context)
                elif conv.ended:
                    turn = self.engine.start(self.flowset.home, context, previous=conv)
                else:
                    turn = Outcome(conv, engine.show(conv, context))
            elif conv is None:
                turn = self._first_turn(event, context)
            else:
                turn = practice_hook.step(engine, conv, event, context)  # engine.step + partner
            keeping = t.profile.get("keep_transcript") and t.profile.get("role") == "trainee"
            pressed = None
            if keeping and isinstance(event, Pick) and conv is not None:
                pressed = _label_of(
                    engine.show(conv, context), event.choice
                )  # before the turn moves on
            reply = await self._commit(t, turn, outputs, context, engine)
            if keeping:
                _keep_transcript(t, event, reply.messages, pressed)
            return reply

        return await self._turn(user_key, body, update_id=update_id)

    async def _commit(
        self,
        t: StoreTurn,
        turn: Outcome,
        outputs: list[Output],
        context: dict[str, Any],
        engine: Engine,
        *,
        priority: int = 0,
    ) -> Reply:
        """Effects, new state and outgoing messages into the turn's transaction."""
        produced = list(turn.outputs)
        placed = []  # effects run in order; their words go where the flow put them
        later = [effects.for_later(e, t) for e in turn.effects if effects.after_commit(e)]
        erasing = effects.erases(turn.effects)
        files: list[Attachment] = []
        for effect in turn.effects:
            if effects.after_commit(effect) or effect.name == effects.ERASE:
                continue
            here = effects.Here(
                t, effect, turn.conversation, engine, context, self.flowset.messages, files
            )
            placed.append(
                (len(produced) if effect.at is None else effect.at, await effects.apply(here))
            )
        for at, lines in reversed(placed):
            produced[at:at] = lines
        outputs = outputs + produced
        conv = turn.conversation
        count_turn(t, turn.trail, engine.flowset)  # drop-off counts only (bot/dropoff.py)
        t.set_conversation(conv.to_json(), conv.flow, conv.version)
        messages = [o for o in outputs if not isinstance(o, Wait)]
        if erasing:  # the goodbye waits in the erase job: it goes only once the erasure committed
            t.schedule(ERASE_JOB, t.now(), {"goodbye": [o.to_json() for o in messages]})
            return Reply(
                [], conversation=conv, trail=turn.trail, later=later, files=files, erasing=True
            )
        if messages:  # a timed step's wait in its place: its clock starts when it is reached
            t.enqueue(outputs, priority=priority)  # to_json() there: no copy parsed again
        for wait in (o for o in outputs if isinstance(o, Wait)):  # timed steps survive restarts
            t.schedule(
                reminders.TIMER_JOB, t.now() + timedelta(seconds=wait.seconds), {"rev": wait.rev}
            )
        return Reply(
            outputs, conversation=conv, trail=turn.trail, stale=turn.stale, later=later, files=files
        )

    async def begin(
        self, user_key: str, flow_id: str, hints: Mapping[str, Any] | None = None
    ) -> Reply:
        """Start ``flow_id`` afresh for ``user_key`` (terminal chat --flow, transcripts' @flow)."""

        async def body(t: StoreTurn, previous: Conversation | None, _engine: Engine) -> Reply:
            context = self._context(t.profile, hints)
            turn = self.engine.start(flow_id, context, previous=previous)
            return await self._commit(t, turn, [], context, self.engine)

        return await self._turn(user_key, body)

    async def current(self, user_key: str, hints: Mapping[str, Any] | None = None) -> Reply:
        """The current step again, without changing anything (resuming a chat)."""

        async def body(t: StoreTurn, conv: Conversation | None, engine: Engine) -> Reply:
            if conv is None or conv.ended:
                return Reply(conversation=conv)
            return Reply(engine.show(conv, self._context(t.profile, hints)), conversation=conv)

        return await self._turn(user_key, body)

    async def after_commit(self, user_key: str, reply: Reply) -> list[Attachment]:
        """Carry out what had to wait for the commit (export, erase, a chart); returns the files
        to send, in order."""
        said = words.for_flowset(self.flowset)  # the newest words, like the newest flows
        return await effects.carry_out(
            self.store, user_key, reply.later, reply.files, self.store.now(), said
        )

    async def run_due_jobs(
        self,
        deliver: Callable[[str, Reply], Awaitable[None]],
        *,
        user_key: str | None = None,
        kind: str | None = None,
    ) -> int:
        """Handle every job that is due (of ``kind``, if given); ``deliver(user_key, reply)`` sends.

        Each job is handled in its own turn, which deletes it: with several workers, a job
        another worker handled first rolls the turn back (JobGone) and nothing is sent twice.
        An erase job is not deleted until its goodbye went (``forget``): a reply with
        ``farewell`` set must be sent directly, then passed to ``forget``.
        """
        from persistence import JobGone

        handled = 0
        await self.replies_first.give_way()  # claiming holds the store too
        # timed steps first: someone surfing an urge must not wait behind the 8 pm check-ins
        timer = reminders.TIMER_JOB
        for job in await self.store.due_jobs(
            user_key=user_key, first=timer, kind=kind, after_sent=timer
        ):
            try:
                if job.kind == ERASE_JOB:
                    reply = await self.erase(job)
                elif job.kind == reminders.TIMER_JOB:
                    reply = await self.handle(
                        job.user_key, Timer(int(job.payload.get("rev", -1))), job_id=job.id
                    )
                elif job.kind in (
                    reminders.CHECKIN_JOB,
                    reminders.WEEKLY_JOB,
                    reminders.SAFETY_JOB,
                    goal_reminders.GOAL_JOB,
                ):
                    reply = await self.remind(job)
                else:
                    continue
            except JobGone:
                continue
            await deliver(job.user_key, reply)
            handled += 1
        return handled

    async def erase(self, job: Job) -> Reply:
        """Erase everything stored about the client, as the erase job a confirmed /delete left
        asks (one transaction, Store.erase_user); the reply is the goodbye it kept."""
        await self.store.erase_user(job.user_key, job.id)
        goodbye = [output_from_json(o) for o in job.payload.get("goodbye", ())]
        return Reply(goodbye, farewell=job.id)

    async def forget(self, user_key: str, reply: Reply) -> None:
        """The goodbye of an erasure went (or can never go): the erase job and the blank user
        row go too. Until then a crash runs the job again: erased, then the goodbye."""
        if reply.farewell is not None:
            await self.store.forget_user(user_key, reply.farewell)

    async def remind(self, job: Job) -> Reply:
        """A due reminder job (check-in, weekly summary, safety check-in, a goal's day) in one
        turn that also schedules the next one; what it does is bot/reminder_turns.py.
        Everything it sends is priority 1 (interactive replies first), and its turn is paced and
        waits for the replies being worked out (bot/replies_first.py)."""
        await self.replies_first.reminder_turn()
        spec = self.flowset.reminders.get(job.kind)
        helplines = spec is not None and spec.helplines

        async def body(t: StoreTurn, conv: Conversation | None, _engine: Engine) -> Reply:
            t.complete_job(job.id)
            context = self._context(t.profile, None, conv, resources=helplines)
            decided = await reminder_turns.decide(job, t, conv, self.engine, context)
            if isinstance(decided, Outcome):
                return await self._commit(
                    t, decided, [], context, self.engine, priority=reminder_turns.PRIORITY
                )
            if decided:  # lines only: the conversation stays as it was
                t.enqueue(decided, priority=reminder_turns.PRIORITY)
            return Reply(list(decided), conversation=conv)

        # relaxed: no client words in it, and if a power cut loses it the job is still there
        return await self._turn(job.user_key, body, relaxed=True)

    def _first_turn(self, event: Event, context: dict[str, Any]) -> Outcome:
        if isinstance(event, Command) and event.name in self.flowset.commands:
            command = self.flowset.commands[event.name]
            if command.flow:
                return self.engine.start(command.flow, context, payload=event.payload)
        return self.engine.start(self.flowset.start, context)

    async def _load(self, t: StoreTurn) -> tuple[Conversation | None, Engine]:
        data = t.conversation
        if not data:
            return None, self.engine
        conv = Conversation.from_json(data)
        if "known" not in data:  # saved before conversations kept what is known: gather it once
            conv = conv.evolve(known=known.from_plan(await t.current_plan()))
        if conv.ended:
            return conv.evolve(
                version=self.engine.version
            ), self.engine  # new conversations use the newest flows
        engine = self.engines.get(conv.version)
        if engine is None:  # gone from the store (Companion._turn found it so)
            log.warning(
                "conversation pinned to a flow set that is no longer stored; starting afresh"
            )
            return None, self.engine
        return conv, engine

    def _helpline_flows(self) -> set[str | None]:
        """The crisis flow, and the flows of reminders that repeat the helplines."""
        helplines = {r.flow for r in self.flowset.reminders.values() if r.helplines}
        return {self.flowset.crisis, *helplines}

    async def _screen(self, event: Event | Notice) -> Verdict | None:
        """The safety screen, on every piece of free text a client sends. In its own thread:
        the reader's encoder (milliseconds, the GIL let go) leaves the other chats' turns going
        meanwhile."""
        if self.safety is None:
            return None
        text = event.text if isinstance(event, (Text, Notice)) else ""
        if not text.strip():
            return None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._screening, self.safety.screen, text)

    def _context(
        self,
        profile: Mapping[str, Any],
        hints: Mapping[str, Any] | None,
        conv: Conversation | None = None,
        *,
        resources: bool = False,
    ) -> dict[str, Any]:
        consent = profile.get("consent")
        ratings = (profile.get("preferences") or {}).get("alternatives", {})
        context = {
            "first_name": "",
            "training": bool(profile.get("training_notes")),
            "role": profile.get("role") or "client",
            "country": profile.get("country") or "",
            "consent": "" if consent is None else ("yes" if consent else "no"),
            "favourites": {key: mean for key, (mean, _count) in ratings.items()},
            # the client's own calendar day: goal review dates ("friday") are read against it
            "today": _local_day(self.store.now(), profile.get("timezone")),
        }
        if self.safety is not None and (
            resources or (conv is not None and conv.flow in self._helpline_flows())
        ):
            # after a crisis reply and in the safety check-in: the helplines once more
            sorry, helplines, *_offer = self.safety.fine_reply(profile.get("country"))
            context["crisis_resources"] = f"{sorry}\n\n{helplines}"  # what "I'm fine" hears
            context["helplines"] = helplines  # with "I'm an automated bot"
        # the safer-use flows (dialogs/saferuse/): the country's overdose and medical services
        context.update(
            self.safety.harm_reduction(profile.get("country"))
            if self.safety is not None
            else {"harm_reduction": "", "emergency": ""}
        )
        if hints:
            context.update({k: v for k, v in hints.items() if k in ("first_name",)})
        return context


def _local_day(now: datetime, timezone: str | None) -> str:
    """The client's own calendar day (YYYY-MM-DD) at ``now``."""
    return now.astimezone(reminders.zone(timezone)).date().isoformat()


def _label_of(outputs: list[Output], choice: str) -> str | None:
    ask = ask_of(outputs)
    return next((b.label for b in ask.buttons if b.data == choice), None) if ask else None


def _keep_transcript(
    t: StoreTurn, event: Event | Notice, outputs: list[Output], pressed: str | None = None
) -> None:
    """A trainee who opted in: each line of the role-play, for supervision (a button pressed
    as the words on it)."""
    if isinstance(event, Text):
        t.append_transcript("user", event.text)
    elif isinstance(event, Pick):
        t.append_transcript("user", f"[{pressed or event.choice}]")
    elif isinstance(event, Command):
        t.append_transcript("user", f"/{event.name}")
    for output in outputs:
        if isinstance(output, Note):
            t.append_transcript("note", output.text)
        elif isinstance(output, (Say, Ask)) and output.text:
            t.append_transcript("bot", output.text)


def ask_of(outputs: list[Output]) -> Ask | None:
    """The last question among ``outputs`` (the one whose buttons are live)."""
    return next((o for o in reversed(outputs) if isinstance(o, Ask)), None)


def _held(event: Event | Notice, verdict: Verdict) -> str:
    """The words the crisis flow holds while it asks "Are you safe right now?": typed words
    only, and only when the screen asks first (a full reply never hands them on)."""
    return event.text if isinstance(event, Text) and verdict.tier == "ask" else ""
