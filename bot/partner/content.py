"""Personas and the practice's words, read from YAML and checked with file:line problems.

Where they live (docs/practice-partner.md): the registry names them (flows.yaml `words:`
`personas: dialogs/personas/*.yaml`, one persona a file, the file name its id, and `partner:
dialogs/partner/words.yaml`, everything else the trainee reads: hints, feedback, the
transcript), so they are part of the flow set and /reload picks up an edit; a registry that
does not name them gets the same paths beside it. The problems use the engine's codes
(BS001-BS007 for the file, BS101-BS105 for its shape), so `between validate` lists them with
the flows' own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine.problems import Problem
from bot.engine.template import Template, TemplateSyntaxError, parse_template
from bot.engine.wording import Wording
from bot.engine.yamlfile import LocatedDict, LocatedList, Position, YamlProblem, parse_yaml

from .coder import CODES

PERSONAS_DIR = Path("dialogs") / "personas"
WORDS_FILE = Path("dialogs") / "partner" / "words.yaml"

# What a persona says after each kind of counsellor move (bot/partner/practice.py maps codes).
AMBIVALENCE = ("change_talk", "sustain_talk")
ANSWERS = (
    "reflection_simple",
    "question_open",
    "question_closed",
    "affirmation",
    "autonomy",
    "information",
    "push_back",
    "other",
)
POOLS = AMBIVALENCE + ANSWERS
MIN_LINES = {
    "change_talk": 5,
    "sustain_talk": 4,
    "reflection_simple": 4,
    "question_open": 4,
    "question_closed": 5,
    "affirmation": 3,
    "autonomy": 3,
    "information": 3,
    "push_back": 5,
    "other": 2,
}
PERSONA_KEYS = (
    "name",
    "substance",
    "stage",
    "situation",
    "intro",
    "opening",
    "ambivalence",
    "answers",
)
GOALS = ("reflections", "change_talk", "sustain_talk")
LEVELS = ("good", "fair", "below")
MEASURES = ("ratio", "open", "complex", "adherent")


@dataclass(frozen=True)
class Line:
    say: str
    better: str | None = None  # a stronger counsellor reply to this line, for hints


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    substance: str
    stage: str
    situation: str
    intro: str
    opening: Line
    pools: dict[str, tuple[Line, ...]]


@dataclass(frozen=True)
class Words:
    """words.yaml: templates by dotted key ("feedback.ratio"), and the practice's numbers."""

    templates: dict[str, Template]
    exchanges: int
    thresholds: dict[str, tuple[float, float]]  # measure -> (fair, good)
    wording: Wording | None = None  # how filters write: the flow set's (bot/engine/wording.py)

    def say(self, key: str, **values: Any) -> str:
        return self.templates[key].render(values, self.wording)


# The keys words.yaml must have (each a template); "code." and "goal." keys are per code/goal.
WORD_KEYS = (
    (
        "client_line",
        "start",
        "hint_none",
        "hint",
        "hint_better",
        "hint_generic",
        "feedback_title",
        "feedback_ratio",
        "feedback_ratio_none",
        "feedback_open",
        "feedback_open_none",
        "feedback_complex",
        "feedback_complex_none",
        "feedback_adherent",
        "feedback_adherent_none",
        "feedback_worked",
        "feedback_worked_line",
        "feedback_worked_none",
        "feedback_redo",
        "feedback_redo_line",
        "feedback_redo_none",
        "transcript_title",
        "transcript_about",
        "transcript_client",
        "transcript_you",
        "transcript_file_caption",
        "transcript_file",
        "percent",
        "decimal_point",
    )
    + tuple(f"level.{level}" for level in LEVELS)
    + tuple(f"code.{code}" for code in CODES)
    + tuple(f"tip.{code}" for code in CODES)
    + tuple(f"goal.{goal}" for goal in GOALS)
)


class _Reader:
    """Collects every problem of one file instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(
        self, code: str, message: str, pos: Position | tuple[int, int], hint: str | None = None
    ) -> None:
        self.problems.append(Problem(code, message, self.path, pos[0], pos[1], hint))

    def parse(self, source: bytes) -> LocatedDict | None:
        try:
            data = parse_yaml(source, self.path)
        except YamlProblem as err:
            self.problems.append(err.problem)
            return None
        if not isinstance(data, LocatedDict):
            self.report(
                "BS102",
                "the file must be a set of `key: value` lines",
                (1, 1),
                "start with `name: ...`",
            )
            return None
        return data

    def text(self, data: LocatedDict, key: str, where: str) -> str | None:
        if key not in data:
            self.report("BS103", f"{where} has no `{key}:`", data.pos, f"add `{key}: ...`")
            return None
        value = data[key]
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value):
            self.report(
                "BS102",
                f"{where}: `{key}:` must be words",
                data.where_value(key),
                "put the words in quotes",
            )
            return None
        return str(value)

    def template(self, data: LocatedDict, key: str, where: str) -> Template | None:
        text = self.text(data, key, where)
        if text is None:
            return None
        try:
            return parse_template(text)
        except TemplateSyntaxError as err:
            self.report("BS304", f"{where}: {err}", data.where_value(key), err.hint)
            return None

    def unknown_keys(self, data: LocatedDict, allowed: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in allowed:
                near = [k for k in allowed if k.startswith(str(key)[:3])]
                self.report(
                    "BS101",
                    f"unknown key '{key}' in {where}",
                    data.where(key),
                    f"did you mean '{near[0]}'?" if near else "keys here: " + ", ".join(allowed),
                )

    def line(self, item: Any, pos: Position, where: str) -> Line | None:
        if isinstance(item, str) and item.strip():
            return Line(item)
        if not isinstance(item, LocatedDict):
            self.report(
                "BS102",
                f"{where}: a line is `say: ...` (and optional `better: ...`)",
                pos,
                'write `- say: "..."`',
            )
            return None
        self.unknown_keys(item, ("say", "better"), where)
        say = self.text(item, "say", where)
        better = self.text(item, "better", where) if "better" in item else None
        return Line(say, better) if say else None


def read_persona(persona_id: str, source: bytes, path: str) -> tuple[Persona | None, list[Problem]]:
    """One persona file: the persona, or None, and every problem found."""
    reader = _Reader(path)
    data = reader.parse(source)
    if data is None:
        return None, reader.problems
    reader.unknown_keys(data, PERSONA_KEYS, "a persona")
    texts = {key: reader.text(data, key, "the persona") for key in PERSONA_KEYS[:5]}
    opening = None
    if "opening" not in data:
        reader.report(
            "BS103",
            "the persona has no `opening:`",
            data.pos,
            "add `opening:` with `say:` (the first thing the client says)",
        )
    else:
        opening = reader.line(data["opening"], data.where_value("opening"), "`opening:`")
    pools: dict[str, tuple[Line, ...]] = {}
    for section, names in (("ambivalence", AMBIVALENCE), ("answers", ANSWERS)):
        block = data.get(section)
        if not isinstance(block, LocatedDict):
            reader.report(
                "BS103" if block is None else "BS102",
                f"the persona needs `{section}:` with " + ", ".join(names),
                data.where_value(section) if section in data else data.pos,
                f"add `{section}:` and under it `{names[0]}:` with a list of lines",
            )
            continue
        reader.unknown_keys(block, names, f"`{section}:`")
        for name in names:
            items = block.get(name)
            if not isinstance(items, LocatedList):
                reader.report(
                    "BS103" if items is None else "BS102",
                    f"`{section}:` needs `{name}:`, a list of lines",
                    block.where_value(name) if name in block else block.pos,
                    f"add `{name}:` with at least {MIN_LINES[name]} lines",
                )
                continue
            lines = [
                reader.line(item, items.where(i), f"`{name}:`") for i, item in enumerate(items)
            ]
            kept = tuple(line for line in lines if line is not None)
            if len(items) < MIN_LINES[name]:
                reader.report(
                    "BS105",
                    f"`{name}:` has {len(items)} lines; a practice of up to "
                    f"15 replies needs at least {MIN_LINES[name]} so it does not repeat",
                    block.where(name),
                    "write a few more, in different words",
                )
            said = [line.say for line in kept]
            for i, line in enumerate(kept):
                if said.index(line.say) != i:
                    reader.report(
                        "BS104",
                        f"`{name}:` has the same line twice: {line.say[:40]}",
                        items.where(i),
                        "make each line different",
                    )
            pools[name] = kept
    if reader.problems or opening is None or None in texts.values():
        return None, reader.problems
    return Persona(
        persona_id,
        texts["name"] or "",
        texts["substance"] or "",
        texts["stage"] or "",
        texts["situation"] or "",
        texts["intro"] or "",
        opening,
        pools,
    ), reader.problems


def read_words(source: bytes, path: str) -> tuple[Words | None, list[Problem]]:
    reader = _Reader(path)
    data = reader.parse(source)
    if data is None:
        return None, reader.problems
    flat: dict[str, tuple[LocatedDict, str]] = {}
    for key in data:
        if key in ("exchanges", "thresholds"):
            continue
        value = data[key]
        if isinstance(value, LocatedDict):
            for inner in value:
                flat[f"{key}.{inner}"] = (value, str(inner))
        else:
            flat[str(key)] = (data, str(key))
    templates: dict[str, Template] = {}
    for key in WORD_KEYS:
        if key not in flat:
            parent = key.split(".", 1)
            reader.report(
                "BS103",
                f"words.yaml has no `{key}`",
                data.pos,
                f"add `{parent[0]}:` with `{parent[1]}: ...`"
                if len(parent) > 1
                else f"add `{key}: ...`",
            )
            continue
        block, inner = flat[key]
        template = reader.template(block, inner, f"`{key}`")
        if template is not None:
            templates[key] = template
    for key in flat:
        if key not in WORD_KEYS:
            block, inner = flat[key]
            reader.report(
                "BS101",
                f"unknown key '{key}' in words.yaml",
                block.where(inner),
                "the keys are listed in docs/practice-partner.md",
            )
    exchanges = data.get("exchanges")
    if not isinstance(exchanges, int) or isinstance(exchanges, bool) or not 10 <= exchanges <= 15:
        reader.report(
            "BS105",
            "`exchanges:` must be a whole number from 10 to 15",
            data.where_value("exchanges") if "exchanges" in data else data.pos,
            "write `exchanges: 12`",
        )
        exchanges = 12
    thresholds: dict[str, tuple[float, float]] = {}
    limits = data.get("thresholds")
    if not isinstance(limits, LocatedDict):
        reader.report(
            "BS103",
            "words.yaml needs `thresholds:` (fair and good per measure)",
            data.pos,
            "add `thresholds:` with " + ", ".join(MEASURES),
        )
    else:
        for measure in MEASURES:
            pair = limits.get(measure)
            if not (
                isinstance(pair, LocatedDict)
                and all(isinstance(pair.get(k), (int, float)) for k in ("fair", "good"))
            ):
                reader.report(
                    "BS102",
                    f"`thresholds: {measure}:` needs numbers `fair:` and `good:`",
                    limits.where(measure) if measure in limits else limits.pos,
                    "for example `{fair: 1, good: 2}`",
                )
                continue
            thresholds[measure] = (float(pair["fair"]), float(pair["good"]))
    if reader.problems:
        return None, reader.problems
    return Words(templates, exchanges, thresholds), reader.problems


@dataclass(frozen=True)
class PartnerContent:
    personas: dict[str, Persona]
    words: Words


def load(base: Path) -> tuple[PartnerContent | None, list[Problem]]:
    """The personas and words found beside the registry in ``base`` by the folder convention
    (a registry that does not name them in `words:`); problems for each file."""
    folder = base / PERSONAS_DIR
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    personas = [((PERSONAS_DIR / f.name).as_posix(), f.read_bytes()) for f in files]
    try:
        words: bytes | None = (base / WORDS_FILE).read_bytes()
    except OSError:
        words = None
    return read(personas, (WORDS_FILE.as_posix(), words), PERSONAS_DIR.as_posix() + "/")


def read(
    personas: list[tuple[str, bytes]], words: tuple[str, bytes | None], where: str
) -> tuple[PartnerContent | None, list[Problem]]:
    """The personas (each a file's name and text; the file name is the id) and the words file;
    None and every problem when one has an error. ``where`` names the personas' folder."""
    problems: list[Problem] = []
    found: dict[str, Persona] = {}
    if not personas:
        problems.append(
            Problem(
                "BS007",
                f"no personas in {where}",
                where,
                0,
                0,
                "add one YAML file per persona (docs/practice-partner.md)",
            )
        )
    for shown, source in personas:
        persona, more = read_persona(Path(shown).stem, source, shown)
        problems += more
        if persona is not None:
            found[persona.id] = persona
    said: Words | None = None
    name, text = words
    if text is None:
        problems.append(
            Problem("BS007", f"{name} not found", name, 0, 0, "the practice's words go there")
        )
    else:
        said, more = read_words(text, name)
        problems += more
    if said is None or not found or any(p.is_error for p in problems):
        return None, problems
    return PartnerContent(found, said), problems
