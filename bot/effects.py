"""The allow-listed actions a flow may ask for (bot/engine/actions.py), carried out by the host.

Most run inside the turn's transaction (``apply``); a few must wait until it has committed
(``AFTER_COMMIT``: exporting reads the committed data, a chart is drawn outside the database
lock) and run in ``carry_out``. Erasing (``ERASE``) is a durable job the turn leaves instead of
its words (``Companion._commit``): the job erases in one transaction, then the goodbye goes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot import charts, exports, goal_reminders, plans, reminders, words
from bot.engine import Conversation, Effect, Engine, Output, Say
from bot.engine.template import Template
from bot.partner import hook as practice_hook
from persistence import Store, Turn, render_export_text

AFTER_COMMIT = ("export", "export_transcript")
ERASE = "delete_data"
MAX_CAPTION = 1024  # Telegram's limit for a file's caption
PROFILE_FLAGS = ("consent", "training_notes", "keep_transcript")


@dataclass(frozen=True)
class Attachment:
    """A file for the client: ``kind`` "photo" (a chart) or "document".

    ``caption`` is at most ``MAX_CAPTION`` characters.

    Unpacks as ``name, data``. ``make``: the data is made after the commit, in a thread (a
    PDF takes a few hundred milliseconds: never inside the turn's transaction).
    """

    name: str
    data: bytes
    kind: str = "document"
    caption: str | None = None
    make: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.name, self.data))


def after_commit(effect: Effect) -> bool:
    """Whether ``effect`` waits for the commit (a chart does; history in words does not)."""
    return effect.name in AFTER_COMMIT or (
        effect.name == "show_history" and effect.args.get("format") != "words"
    )


def erases(effects: list[Effect]) -> bool:
    """Whether a turn asks for everything of the client to be erased (/delete, confirmed)."""
    return any(e.name == ERASE for e in effects)


def for_later(effect: Effect, t: Turn) -> Effect:
    """An after-commit effect carries the client's time zone (the turn is gone by then)."""
    return Effect(effect.name, {**effect.args, "timezone": t.profile.get("timezone")}, effect.at)


@dataclass
class Here:
    """Where an effect runs: the turn, the conversation, and the words of the flow set."""

    t: Turn
    effect: Effect
    conv: Conversation  # as the turn left it
    engine: Engine
    context: dict[str, Any]
    messages: Mapping[str, Template]
    files: list[Attachment]

    @property
    def args(self) -> dict[str, Any]:
        """The arguments that were given (an empty template counts as not given)."""
        return {k: v for k, v in self.effect.args.items() if v not in (None, "")}

    @property
    def said(self) -> words.Words:
        """The bot's words outside the flows, of this flow set (dialogs/words.yaml)."""
        return words.for_flowset(self.engine.flowset)

    def words(self, key: str) -> Say:
        return Say(self.messages[key].render(self.context, self.engine.wording))

    def and_the_step_again(self, words: list[Output]) -> list[Output]:
        """A command's answer is followed by the current step; a flow's `do:` is not."""
        return (
            words
            if self.effect.at is not None
            else words + self.engine.show(self.conv, self.context)
        )


async def apply(here: Here) -> list[Output]:
    """Carry out one effect inside the turn; returns what it says, if anything."""
    handler = _HANDLERS.get(here.effect.name)
    if handler is None:
        raise ValueError(f"no handler for action {here.effect.name!r}")
    return await handler(here) or []


async def _set_profile(here: Here) -> None:
    t = here.t
    changes = {k: _profile_value(k, v) for k, v in here.effect.args.items()}  # "" clears a setting
    if changes.get("keep_transcript") and t.profile.get("role") != "trainee":
        changes.pop("keep_transcript")  # transcripts are for trainees' role-plays only
    t.update_profile(**changes)


async def _set_reminders(here: Here) -> list[Output]:
    """New check-in settings into the profile; the check-in and weekly jobs follow them."""
    t = here.t
    settings = reminders.ReminderSettings.from_json(t.profile.get("reminders")).changed(
        **here.effect.args
    )
    t.update_profile(reminders=settings.to_json())
    tz = reminders.zone(t.profile.get("timezone"))
    upcoming = reminders.next_checkin(settings, tz, t.now())
    for kind, due in (
        (reminders.CHECKIN_JOB, upcoming),
        (reminders.WEEKLY_JOB, reminders.next_weekly(settings, tz, t.now())),
    ):
        if due is None:
            t.cancel(kind)
        else:
            t.schedule(kind, due)
    return [Say(reminders.describe(settings, t.profile.get("timezone"), upcoming, here.said))]


async def _schedule_safety_checkin(here: Here) -> None:
    t = here.t
    settings = reminders.ReminderSettings.from_json(t.profile.get("reminders"))
    t.schedule(
        reminders.SAFETY_JOB,
        reminders.safety_checkin_at(settings, reminders.zone(t.profile.get("timezone")), t.now()),
    )


async def _schedule_goal_review(here: Here) -> None:
    t = here.t
    settings = reminders.ReminderSettings.from_json(t.profile.get("reminders"))
    try:
        day = date.fromisoformat(str(here.args.get("on")))
    except ValueError:
        return  # no day was named: nothing to remind of
    due = goal_reminders.due_at(day, settings, t.profile.get("timezone"), t.now())
    t.schedule(goal_reminders.GOAL_JOB, due)


async def _kept_by_the_engine(here: Here) -> None:
    """`remember` is folded into the conversation by the engine (bot/engine/known.py)."""


async def _show_history(here: Here) -> list[Output]:
    """In words, inside the turn (the chart is drawn after the commit)."""
    t, days = here.t, _days(here.effect.args.get("days"))
    summary = charts.summarise(
        await t.history(days), days, reminders.zone(t.profile.get("timezone")), t.now()
    )
    return [Say(charts.words(summary, w=here.said))]


async def _export_plan(here: Here) -> list[Output]:
    t = here.t
    plan = await t.current_plan(here.effect.args.get("substance") or None)
    if plan is None:
        return [here.words("no_plan")]
    _attach_plan(here, plan)
    return []


def _attach_plan(here: Here, plan: Mapping[str, Any]) -> None:
    """The plan as a PDF to forward to a therapist, sent after the turn's words."""
    t = here.t
    tz, now = reminders.zone(t.profile.get("timezone")), t.now()
    w = plans.words(here.engine.flowset)
    here.files.append(
        Attachment(
            plans.filename(plan, w),
            b"",
            "document",
            w.caption,
            make=lambda: plans.render_pdf(plan, tz, now, w),
        )
    )


async def _save_plan(here: Here) -> None:
    args = here.args
    substance = args.pop("substance", None) or plans.words(here.engine.flowset).unnamed
    current = await here.t.current_plan(substance) or {}
    sections = {**current.get("sections", {}), args["section"]: args["text"]}
    one_sitting = plans.same_sitting(current, here.t.now())  # one version a sitting
    await here.t.save_plan(substance, sections, amend=one_sitting)


async def _log_urge(here: Here) -> None:
    args = here.args
    here.t.log_urge(intensity=args.pop("rating"), **args)


async def _log_checkin(here: Here) -> None:
    args = here.args
    here.t.log_checkin(score=args.pop("mood", None), **args)


async def _toggle_training(here: Here) -> list[Output]:
    if here.context.get("role") != "trainee":  # notes are for trainees' role-plays only
        return here.and_the_step_again([here.words("training_client")])
    on = not here.context["training"]
    here.t.update_profile(training_notes=on)
    here.context["training"] = on
    return here.and_the_step_again([here.words("training_on" if on else "training_off")])


async def _show_plan(here: Here) -> list[Output]:
    """The plan in the chat; from /plan (not a flow's step) also as a PDF to forward."""
    plan = await here.t.current_plan(here.args.get("substance"))
    if plan is None:
        return here.and_the_step_again([here.words("no_plan")])
    open_part = (here.conv.known if here.conv is not None else {}).get("plan_open")
    tz = reminders.zone(here.t.profile.get("timezone"))
    w = plans.words(here.engine.flowset)
    text = plans.render_text(plan, tz, w, unfinished=bool(open_part))
    if here.effect.at is None:
        _attach_plan(here, plan)
    return here.and_the_step_again([Say(text)])


async def _safety_followup(here: Here) -> None:
    here.t.safety_event(f"followup_{here.args['answer']}")  # a word of ours, never the client's


async def _rate_alternative(here: Here) -> None:
    t, args = here.t, here.args
    preferences = dict(t.profile.get("preferences") or {})
    ratings = dict(preferences.get("alternatives", {}))
    key = str(args["alternative"])
    ratings[key] = _running_mean(ratings.get(key), args["rating"])
    t.update_profile(preferences={**preferences, "alternatives": ratings})


async def _export_practice(here: Here) -> None:
    """The practice partner's coded transcript as a document for the trainee (bot/partner)."""
    name, text, caption = practice_hook.transcript_file(here.engine.flowset, here.effect.args)
    here.files.append(Attachment(name, text, "document", caption))


_HANDLERS = {
    "set_profile": _set_profile,
    "set_reminders": _set_reminders,
    "schedule_safety_checkin": _schedule_safety_checkin,
    "schedule_goal_review": _schedule_goal_review,
    "remember": _kept_by_the_engine,
    "show_history": _show_history,
    "export_plan": _export_plan,
    "save_plan": _save_plan,
    "log_urge": _log_urge,
    "log_checkin": _log_checkin,
    "toggle_training": _toggle_training,
    "show_plan": _show_plan,
    "safety_followup": _safety_followup,
    "rate_alternative": _rate_alternative,
    "export_practice": _export_practice,
}


async def carry_out(
    store: Store,
    user_key: str,
    later: list[Effect],
    files: list[Attachment],
    now: datetime,
    said: words.Words,
) -> list[Attachment]:
    """The effects that waited for the commit, in the bot's words ``said``; returns every file
    to send, in order."""
    files = [
        Attachment(f.name, await asyncio.to_thread(f.make), f.kind, f.caption) if f.make else f
        for f in files
    ]
    for effect in later:
        name, tz = effect.name, reminders.zone(effect.args.get("timezone"))
        if name == "export":
            data = await store.export_user(user_key) or {}
            files.append(
                Attachment(
                    said.say("file_export") + ".json",
                    json.dumps(data, indent=2, ensure_ascii=False, default=str).encode(),
                )
            )
            files.append(
                Attachment(
                    said.say("file_export") + ".txt", render_export_text(data, said).encode()
                )
            )
        elif name == "show_history":  # the chart: drawn outside the turn, in a thread
            days = _days(effect.args.get("days"))
            summary = charts.summarise(await store.history(user_key, days), days, tz, now)
            png = await asyncio.to_thread(charts.render_png, summary, "", said)
            files.append(
                Attachment(
                    said.say("file_chart", days=days),
                    png,
                    "photo",
                    charts.words(summary, w=said)[:MAX_CAPTION],
                )
            )
        elif name == "export_transcript":
            data = await store.export_user(user_key) or {}
            text = exports.render_transcript(data.get("transcript", []), tz, said)
            files.append(
                Attachment(
                    said.say("file_transcript"),
                    text.encode(),
                    "document",
                    said.say("transcript_caption"),
                )
            )
    return files


def _days(value: Any) -> int:
    try:
        return 30 if int(value) > 14 else 14
    except (TypeError, ValueError):
        return 14


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
