"""The Optimal Use Plan as a document: one version per sitting, in the plan's order, in the
client's voice, as text (/plan) and as a PDF to forward to a therapist.

The words are content (dialogs/plan_document.yaml, named by flows.yaml `words: plan:`, read
with the flow set like bot/words.py). A "sitting" is a run of saves with no gap
longer than ``SITTING``: its saves rewrite one version instead of making one each, so a plan
built in one go is version 1, and the next day's change is version 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot import words as bot_words
from bot.engine.problems import Problem, unknown_key
from bot.engine.spec import FlowSet
from bot.engine.yamlfile import LocatedDict
from bot.words import Words, check_text

WORDS_FILE = Path(__file__).resolve().parents[1] / "dialogs" / "plan_document.yaml"
SITTING = timedelta(hours=2)


@dataclass(frozen=True)
class PlanWords:
    title: str
    shown: str
    version: str
    earlier: str
    earlier_one: str
    unfinished: str
    footer: str
    caption: str
    line: str
    file: str
    unnamed: str  # the substance of a plan saved without one
    sections: dict[str, str]
    status: dict[str, str]
    dates: Words  # the bot's words (dialogs/words.yaml): month names and how dates are written


# The words' variables (filled in by str.format), and the two lists of plain names.
VARIABLES: dict[str, tuple[str, ...]] = {
    "title": ("substance",),
    "shown": ("substance", "saved"),
    "version": ("version", "saved"),
    "earlier": ("count",),
    "earlier_one": (),
    "unfinished": (),
    "footer": ("today",),
    "caption": (),
    "line": ("heading", "text"),
    "file": ("substance", "version"),
    "unnamed": (),
}
NAMES = ("sections", "status")


def parse(source: bytes, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The plan's words in ``source`` (named ``name``), or None, and every problem."""
    data, unreadable = bot_words.read_lines(source, name)
    if data is None:
        return None, unreadable
    keys = (*VARIABLES, *NAMES)
    where = "the plan's words"
    problems = [unknown_key(k, keys, where, name, data.where(k)) for k in data if k not in keys]
    for key in keys:
        if key not in data:
            problems.append(Problem("BS103", f"no words for '{key}'", name, 1, 1, None))
        elif key in VARIABLES:
            problems += check_text(key, data[key], VARIABLES[key], name, data.where_value(key))
        elif not isinstance(data[key], LocatedDict):
            hint = "one `id: words` line each, indented under it"
            problems.append(
                Problem("BS102", f"'{key}' must be a mapping", name, *data.where(key), hint)
            )
        else:
            names = data[key]
            problems += [
                p
                for k in names
                for p in check_text(f"{key}: {k}", names[k], (), name, names.where_value(k))
            ]
    if any(p.is_error for p in problems):
        return None, problems
    found: dict[str, Any] = {k: str(data[k]) for k in VARIABLES}
    found.update({k: {str(i): str(v) for i, v in data[k].items()} for k in NAMES})
    return found, problems


def check(path: Path = WORDS_FILE, shown: str | None = None) -> list[Problem]:
    """Every problem in the plan's words at ``path`` (named ``shown``), with file and line."""
    return bot_words.check_file(parse, path, shown)


_BY_VERSION: dict[str, PlanWords] = {}


def words(flowset: FlowSet | None = None) -> PlanWords:
    """The plan's words of ``flowset`` (read once per version), or the shipped ones."""
    key = "" if flowset is None else flowset.version
    found = _BY_VERSION.get(key)
    if found is None:
        if flowset is None:
            source, name, dates = WORDS_FILE.read_bytes(), str(WORDS_FILE), bot_words.shipped()
        else:
            source, name = bot_words.named(flowset, "plan", WORDS_FILE)
            dates = bot_words.for_flowset(flowset)
        data, problems = parse(source, name)
        if data is None:
            raise ValueError("; ".join(str(p) for p in problems if p.is_error))
        found = _BY_VERSION[key] = PlanWords(**data, dates=dates)
    return found


def same_sitting(plan: Mapping[str, Any] | None, now: datetime) -> bool:
    """Whether a save now belongs to the same version as ``plan``, the newest one."""
    saved = (plan or {}).get("created_at")
    return isinstance(saved, datetime) and now - saved < SITTING


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


def sections(plan: Mapping[str, Any], w: PlanWords | None = None) -> list[Section]:
    """The plan's parts in its own order (the goal first, the review date last), headed in
    the client's voice; parts the words don't name follow, under their id."""
    w = w or words()
    saved = dict(plan.get("sections") or {})
    order = [k for k in w.sections if k in saved] + [k for k in saved if k not in w.sections]
    out = []
    for key in order:
        text = str(saved[key]).strip()
        if key == "goal_status":
            text = w.status.get(text, text)
        if text:
            out.append(Section(w.sections.get(key, key.replace("_", " ").capitalize()), text))
    return out


def _saved(plan: Mapping[str, Any], tz: ZoneInfo, w: PlanWords) -> str:
    at = plan.get("created_at")
    return w.dates.date("date_plan", at.astimezone(tz)) if isinstance(at, datetime) else ""


def _fill(template: str, **values: Any) -> str:
    return template.format(**{k: "" if v is None else v for k, v in values.items()})


def _earlier(plan: Mapping[str, Any], w: PlanWords) -> str:
    count = int(plan.get("version") or 1) - 1
    if count <= 0:
        return ""
    return w.earlier_one if count == 1 else _fill(w.earlier, count=count)


def render_text(
    plan: Mapping[str, Any], tz: ZoneInfo, w: PlanWords | None = None, *, unfinished: bool = False
) -> str:
    """The plan as one chat message (/plan, "Look at my plan"), in ``w`` (by default the
    shipped words)."""
    w = w or words()
    lines = [_fill(w.shown, substance=plan.get("substance") or "", saved=_saved(plan, tz, w))]
    lines += [_fill(w.line, heading=s.heading, text=s.text) for s in sections(plan, w)]
    extra = [x for x in (w.unfinished if unfinished else "", _earlier(plan, w)) if x]
    return "\n".join(lines + ([""] + extra if extra else []))


def filename(plan: Mapping[str, Any], w: PlanWords | None = None) -> str:
    """The PDF's name: the words' `file`, with the substance made safe for a file name."""
    name = str(plan.get("substance") or "plan").lower()
    substance = "".join(c if c.isalnum() else "-" for c in name).strip("-") or "plan"
    return _fill((w or words()).file, substance=substance, version=plan.get("version", 1))


def render_pdf(
    plan: Mapping[str, Any], tz: ZoneInfo, now: datetime, w: PlanWords | None = None
) -> bytes:
    """The plan as a one- or two-page PDF (A4) a client can forward; text stays text, so it
    can be searched, copied and read aloud. In ``w`` (by default the shipped words)."""
    w = w or words()
    from fpdf import FPDF  # imported here: only a plan file needs it

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("Body", "", str(_font("DejaVuSans.ttf")))
    pdf.add_font("Body", "B", str(_font("DejaVuSans-Bold.ttf")))
    title = _fill(w.title, substance=plan.get("substance") or "")
    pdf.set_title(title)
    pdf.set_creator("Between Sessions")
    pdf.add_page()
    pdf.set_font("Body", "B", 17)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 10)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(
        0,
        6,
        _fill(w.version, version=plan.get("version", 1), saved=_saved(plan, tz, w)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    for section in sections(plan, w):
        pdf.set_font("Body", "B", 12)
        pdf.multi_cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Body", "", 11)
        pdf.multi_cell(0, 6, section.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.ln(4)
    pdf.set_font("Body", "", 9)
    pdf.set_text_color(90, 90, 90)
    today = w.dates.date("date_plan", now.astimezone(tz))
    notes = [_earlier(plan, w), _fill(w.footer, today=today)]
    for line in filter(None, notes):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _font(name: str) -> Path:
    """DejaVu (wide Unicode coverage), from matplotlib, which the bot already needs for charts."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
