"""History in numbers, words and a picture: daily summaries of check-ins and urge logs.

``summarise`` turns ``store.history`` into per-day figures (local days of the client's time
zone); ``words`` says them in a few neutral lines (no streaks, no scores, no judgement; the
words are dialogs/words.yaml);
``render_png`` draws them with matplotlib's Agg canvas (headless, no pyplot global state, so
it is safe in a worker thread).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean
from typing import Any
from zoneinfo import ZoneInfo

from bot.words import Words, shipped

WITHIN_PLAN = ("as planned", "less", "not at all")  # check-in answers that are within the plan
CHART_SIZE = (800, 700)  # pixels (width, height) of the PNG
_DPI = 100


@dataclass
class Surf:
    day: date
    first: int
    last: int

    @property
    def drop(self) -> int:
        return self.first - self.last


@dataclass
class Day:
    day: date
    moods: list[int] = field(default_factory=list)
    urges: list[int] = field(default_factory=list)  # strongest urge answered in check-ins
    plan: list[str] = field(default_factory=list)  # "as planned", "more", ...

    @property
    def mood(self) -> float | None:
        return mean(self.moods) if self.moods else None

    @property
    def urge(self) -> int | None:
        return max(self.urges) if self.urges else None

    @property
    def within_plan(self) -> bool | None:
        answers = [p for p in self.plan if p != "no plan"]
        if not answers:
            return None
        return all(p in WITHIN_PLAN for p in answers)


@dataclass
class Summary:
    days: list[Day]
    surfs: list[Surf]
    checkins: int

    @property
    def span(self) -> int:
        return len(self.days)


def summarise(history: Mapping[str, Any], days: int, tz: ZoneInfo, now: datetime) -> Summary:
    today = now.astimezone(tz).date()
    first = today - timedelta(days=days - 1)
    by_day = {first + timedelta(days=i): Day(first + timedelta(days=i)) for i in range(days)}
    checkins = 0
    for c in history.get("checkins", []):
        day = by_day.get(c["at"].astimezone(tz).date())
        if day is None:
            continue
        checkins += 1
        details = c.get("details") or {}
        if c.get("score") is not None:
            day.moods.append(int(c["score"]))
        urge = _int(details.get("urge"))
        if urge is not None:
            day.urges.append(urge)
        if details.get("vs_plan"):
            day.plan.append(str(details["vs_plan"]).lower())
    surfs: list[Surf] = []
    current: list[tuple[date, int]] = []

    def close() -> None:
        if len(current) >= 2:
            surfs.append(Surf(current[0][0], current[0][1], current[-1][1]))
        current.clear()

    for u in history.get("urges", []):
        local = u["at"].astimezone(tz).date()
        if local not in by_day or u.get("intensity") is None:
            continue
        phase = (u.get("details") or {}).get("phase")
        if phase == "start":
            close()
        current.append((local, int(u["intensity"])))
        if phase == "end":
            close()
    close()
    return Summary(list(by_day.values()), surfs, checkins)


def _within_plan(planned: list[bool], say: Callable[..., str]) -> str:
    if len(planned) == 1:  # not "0 of the 1 days"
        answer = say("history_within_plan_yes" if planned[0] else "history_within_plan_no")
        return say("history_within_plan_one", answer=answer)
    return say("history_within_plan", within=sum(planned), days_said=len(planned))


def words(summary: Summary, heading: str | None = None, w: Words | None = None) -> str:
    """A few neutral lines: counts and how the numbers moved, under ``heading`` (by default
    "The last N days:"), in ``w`` (by default the shipped words)."""
    say = (w or shipped()).say
    lines = [heading or say("history_heading", days=summary.span)]
    checked = [d for d in summary.days if d.moods or d.urges or d.plan]
    if not checked and not summary.surfs:
        return lines[0] + "\n" + say("history_nothing")
    if checked:
        lines.append(
            say(
                "history_checkins",
                checkins=summary.checkins,
                days_logged=len(checked),
                days=summary.span,
            )
        )
        moods = [d.mood for d in summary.days if d.mood is not None]
        if moods:
            lines.append(
                say("history_mood", average=_one(mean(moods)), trend=_trend(summary, "mood", say))
            )
        urges = [d.urge for d in summary.days if d.urge is not None]
        if urges:
            lines.append(
                say("history_urge", average=_one(mean(urges)), trend=_trend(summary, "urge", say))
            )
        planned = [d.within_plan for d in summary.days if d.within_plan is not None]
        if planned:
            lines.append(_within_plan(planned, say))
    if summary.surfs:
        firsts = mean(s.first for s in summary.surfs)
        lasts = mean(s.last for s in summary.surfs)
        lines.append(
            say("history_surfs", count=len(summary.surfs), first=_one(firsts), last=_one(lasts))
        )
    return "\n".join(lines)


def _trend(summary: Summary, what: str, say: Callable[..., str]) -> str:
    half = summary.span // 2
    early = [getattr(d, what) for d in summary.days[:half] if getattr(d, what) is not None]
    late = [getattr(d, what) for d in summary.days[half:] if getattr(d, what) is not None]
    if not early or not late:
        return ""
    a, b = mean(early), mean(late)
    if abs(b - a) < 0.5:
        return say("history_trend_same")
    key = "history_trend_higher" if b > a else "history_trend_lower"
    return say(key, before=_one(a), after=_one(b))


def _one(value: float) -> str:
    """A figure with one decimal, as the words show it."""
    return f"{value:.1f}"


def render_png(summary: Summary, title: str = "", w: Words | None = None) -> bytes:
    """The chart as PNG bytes, CHART_SIZE pixels, in ``w`` (by default the shipped words)."""
    w = w or shipped()
    say = w.say
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(CHART_SIZE[0] / _DPI, CHART_SIZE[1] / _DPI), dpi=_DPI)
    FigureCanvasAgg(fig)
    top, middle, bottom = fig.subplots(3, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1, 2]})
    xs = list(range(summary.span))
    labels = [w.date("date_chart", d.day) for d in summary.days]
    mood = [d.mood for d in summary.days]
    urge = [d.urge for d in summary.days]
    top.plot(
        xs,
        [float("nan") if v is None else v for v in mood],
        "o-",
        color="#2a7ab0",
        label=say("chart_mood"),
    )
    top.plot(
        xs,
        [float("nan") if v is None else v for v in urge],
        "s--",
        color="#c4682b",
        label=say("chart_urge"),
    )
    top.set_ylim(-0.5, 10.5)
    top.set_ylabel(say("chart_scale"))
    top.legend(loc="upper left", fontsize=8, frameon=False)
    top.set_title(title or say("chart_title", days=summary.span), fontsize=11)
    colours = {True: "#5a9e6f", False: "#b9a16b", None: "#eeeeee"}
    middle.bar(xs, [1] * len(xs), color=[colours[d.within_plan] for d in summary.days], width=0.8)
    middle.set_yticks([])
    middle.set_ylabel(say("chart_plan"), fontsize=8)
    middle.text(
        0,
        1.15,
        say("chart_plan_key"),
        fontsize=7,
        transform=middle.transAxes,
    )
    index = {d.day: i for i, d in enumerate(summary.days)}
    for n, surf in enumerate(summary.surfs):
        x = index[surf.day] + ((n % 3) - 1) * 0.2
        bottom.annotate(
            "",
            xy=(x, surf.last),
            xytext=(x, surf.first),
            arrowprops={"arrowstyle": "->", "color": "#6b4ea0", "lw": 1.5},
        )
        bottom.plot([x], [surf.first], "o", color="#6b4ea0", markersize=4)
    bottom.set_ylim(-0.5, 10.5)
    bottom.set_ylabel(say("chart_surfs"), fontsize=8)
    step = max(1, summary.span // 10)
    bottom.set_xticks(xs[::step])
    bottom.set_xticklabels(labels[::step], fontsize=8)
    bottom.set_xlim(-0.7, summary.span - 0.3)
    fig.subplots_adjust(left=0.1, right=0.97, top=0.94, bottom=0.07, hspace=0.35)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
