"""Reading a flow set: the registry (flows.yaml), its dialog files and snippets.

Every problem is collected, none raised: ``load_flowset`` returns the FlowSet (None when
any error was found) together with the full list of problems. The graph and variable
checks that need the whole flow live in ``checks.py``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .actions import ACTIONS, COMMAND_ACTIONS
from .expr import ExprSyntaxError, parse_condition
from .problems import Problem, suggest, unknown_key
from .spec import (
    ASK_KINDS,
    MAX_CALLBACK_BYTES,
    MAX_TEXT,
    MESSAGE_KEYS,
    REMINDER_KINDS,
    REV_DIGITS,
    SAFETY_FILES,
    TAGS,
    WORDS_FILES,
    Action,
    Choice,
    CommandEntry,
    Flow,
    FlowSet,
    Line,
    Reminder,
    Route,
    State,
)
from .template import FILTERS, Template, TemplateSyntaxError, parse_template
from .yamlfile import LocatedDict, LocatedList, Position, YamlProblem, parse_yaml

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_COMMAND = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?)\s*$")

REGISTRY_KEYS = (
    "home",
    "start",
    "crisis",
    "menu",
    "flows",
    "commands",
    "snippets",
    "messages",
    "context",
    "safety",
    "words",
    "reminders",
)
REMINDER_KEYS = ("flow", "late", "busy", "helplines")
FLOW_ENTRY_KEYS = ("file", "title", "summary", "task", "audience", "reviewed")
DIALOG_KEYS = ("start", "states", "vars")
STATE_KEYS = (
    "set",
    "say",
    "ask",
    "choices",
    "sort",
    "range",
    "save_as",
    "next",
    "flow",
    "after",
    "end",
    "resume",
    "do",
    "use",
)
LINE_KEYS = ("text", "tag", "note")
CHOICE_KEYS = ("label", "id", "value", "next", "flow", "other")
ROUTE_KEYS = ("if", "to", "flow")
COMMAND_KEYS = ("help", "flow", "action", "say", "staff")
AUDIENCES = ("client", "trainee")

# A snippet's name -> its mapping and the file it came from.
Snippets = dict[str, tuple[LocatedDict, str]]


def read_sources(registry: str | Path) -> tuple[dict[str, bytes], list[Problem]]:
    """The registry and every file it names, keyed by path relative to the registry's folder."""
    registry = Path(registry)
    base = registry.parent
    sources: dict[str, bytes] = {}
    problems: list[Problem] = []
    try:
        sources[registry.name] = registry.read_bytes()
    except OSError as err:
        return {}, [_unreadable(registry, err)]
    try:
        data = parse_yaml(sources[registry.name], registry.name)
    except YamlProblem:
        return sources, problems  # reported again by load_flowset
    for rel in _named_files(data):
        # a pattern (`personas: dialogs/personas/*.yaml`) names every file it matches
        names = (
            sorted(f.relative_to(base).as_posix() for f in base.glob(rel)) if "*" in rel else [rel]
        )
        for name in names:
            try:
                sources[name] = (base / name).read_bytes()
            except OSError:
                pass  # load_flowset reports BS007 with the line that names it
    return sources, problems


def _unreadable(registry: Path, err: OSError) -> Problem:
    return Problem(
        "BS007",
        f"cannot read the registry: {err.strerror}",
        str(registry),
        0,
        0,
        "point --flows or FLOWS_PATH at flows.yaml",
    )


def registry_files(registry: str | Path, section: str) -> tuple[dict[str, str], list[Problem]]:
    """The registry's `safety:` or `words:` section (kind -> path relative to the registry) and
    its problems, checked as load_flowset checks it, without reading the flows."""
    registry = Path(registry)
    try:
        sources = {registry.name: registry.read_bytes()}
    except OSError as err:
        return {}, [_unreadable(registry, err)]
    builder = _Builder(sources, registry.name, str(registry.parent))
    data = builder.parse(registry.name)
    if data is not None:
        data = builder.mapping(data, registry.name, (1, 1), "flows.yaml")
    if data is None:
        return {}, builder.problems
    for rel in _named_files({section: data.get(section)}):
        try:
            sources[rel] = (registry.parent / rel).read_bytes()
        except OSError:
            pass  # reported by files() with the line that names it
    return builder.files(data, registry.name, section), builder.problems


def _named_files(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return []
    names: list[str] = []
    flows = data.get("flows")
    if isinstance(flows, dict):
        names += [
            e["file"]
            for e in flows.values()
            if isinstance(e, dict) and isinstance(e.get("file"), str)
        ]
    if isinstance(data.get("snippets"), str):
        names.append(data["snippets"])
    for section in ("safety", "words"):
        if isinstance(data.get(section), dict):
            names += [v for v in data[section].values() if isinstance(v, str)]
    return names


def _matches(sources: Mapping[str, Any], pattern: str) -> list[str]:
    """The files among ``sources`` a `words:` pattern names (none for a plain file name)."""
    return [k for k in sorted(sources) if "*" in pattern and fnmatch.fnmatchcase(k, pattern)]


def flowset_version(sources: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(sources):
        digest.update(path.encode() + b"\0" + sources[path] + b"\0")
    return digest.hexdigest()[:16]


def display_path(base: str, rel: str) -> str:
    return str(PurePosixPath(base) / rel) if base not in ("", ".") else rel


class _Builder:
    def __init__(self, sources: dict[str, bytes], registry_name: str, base: str):
        self.sources = sources
        self.registry_name = registry_name
        self.base = base
        self.problems: list[Problem] = []
        self.broken: set[str] = set()  # "flow" or "flow.state" that could not be built

    # -- reporting ------------------------------------------------------------------------
    def report(
        self,
        code: str,
        message: str,
        rel: str,
        pos: tuple[int, int] | None,
        hint: str | None = None,
    ) -> None:
        line, col = pos or (0, 0)
        self.problems.append(Problem(code, message, display_path(self.base, rel), line, col, hint))

    def parse(self, rel: str) -> Any:
        try:
            return parse_yaml(self.sources[rel], display_path(self.base, rel))
        except YamlProblem as err:
            self.problems.append(err.problem)
            return None

    def mapping(
        self, value: Any, rel: str, pos: tuple[int, int] | None, what: str
    ) -> LocatedDict | None:
        if isinstance(value, LocatedDict):
            return value
        self.report(
            "BS102",
            f"{what} must be a mapping of `key: value` lines, not {_kind(value)}",
            rel,
            pos,
            "indent the lines under it by two spaces",
        )
        return None

    def keys(self, data: LocatedDict, allowed: Iterable[str], rel: str, where: str) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                path = display_path(self.base, rel)
                self.problems.append(unknown_key(key, allowed, where, path, data.where(key)))

    def text(self, value: Any, rel: str, pos: tuple[int, int] | None, what: str) -> str | None:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        self.report(
            "BS102",
            f"{what} must be text, not {_kind(value)}",
            rel,
            pos,
            "write the words on the same line, in quotes if they contain : or #",
        )
        return None

    def template(
        self, source: Any, rel: str, pos: tuple[int, int] | None, what: str, limit: int = MAX_TEXT
    ) -> Template | None:
        text = self.text(source, rel, pos, what)
        if text is None:
            return None
        if len(text) > limit:
            self.report(
                "BS501",
                f"{what} is {len(text):,} characters; Telegram allows {limit:,}",
                rel,
                pos,
                "split it into two lines of `say:`",
            )
        try:
            template = parse_template(text)
        except TemplateSyntaxError as err:
            self.report("BS304", f"{err} in {what}", rel, pos, err.hint)
            return None
        for ref in template.refs:
            for name, _arg in ref.filters:
                if name not in FILTERS:
                    self.report(
                        "BS303",
                        f"unknown filter '{name}' in {{{ref.name}|...}}",
                        rel,
                        pos,
                        suggest(name, FILTERS) or f"filters: {', '.join(FILTERS)}",
                    )
        return template

    # -- registry -------------------------------------------------------------------------
    def build(self) -> FlowSet | None:
        rel = self.registry_name
        data = self.parse(rel)
        if data is None:
            return None
        data = self.mapping(data, rel, (1, 1), "flows.yaml")
        if data is None:
            return None
        self.keys(data, REGISTRY_KEYS, rel, "flows.yaml")
        snippets = self.snippets(data, rel)
        flows_data = (
            self.mapping(data.get("flows"), rel, data.where("flows"), "'flows'")
            if "flows" in data
            else None
        )
        if "flows" not in data:
            self.report(
                "BS103", "flows.yaml has no 'flows:'", rel, (1, 1), "list each flow under `flows:`"
            )
        flows: dict[str, Flow] = {}
        seen_files: dict[str, str] = {}
        for flow_id, entry in (flows_data or LocatedDict()).items():
            assert flows_data is not None  # the loop runs only over a mapping
            pos = flows_data.where(flow_id)
            if not _ID.match(str(flow_id)):
                self.report(
                    "BS105",
                    f"flow id '{flow_id}' must be small letters, digits and _",
                    rel,
                    pos,
                    "for example `urge_surfing`",
                )
                continue
            entry = self.mapping(entry, rel, pos, f"flow '{flow_id}'")
            if entry is None:
                continue
            self.keys(entry, FLOW_ENTRY_KEYS, rel, f"flow '{flow_id}'")
            file = entry.get("file")
            if not isinstance(file, str):
                self.report(
                    "BS103",
                    f"flow '{flow_id}' has no `file:`",
                    rel,
                    pos,
                    f"add `file: dialogs/{flow_id}.yaml`",
                )
                continue
            if file in seen_files:
                self.report(
                    "BS104",
                    f"flows '{seen_files[file]}' and '{flow_id}' use the same file {file}",
                    rel,
                    entry.where_value("file"),
                    "give each flow its own dialog file",
                )
            seen_files[file] = flow_id
            if file not in self.sources:
                self.report(
                    "BS007",
                    f"flow '{flow_id}': file {display_path(self.base, file)} not found",
                    rel,
                    entry.where_value("file"),
                    "check the path; it is relative to flows.yaml",
                )
                continue
            flow = self.flow(str(flow_id), entry, file, snippets)
            if flow is not None:
                flows[flow.id] = flow
            else:
                self.broken.add(str(flow_id))
        commands = self.commands(data, rel)
        menu = self.menu(data, rel, flows_data or {})
        messages = self.messages(data, rel)
        context = self.context(data, rel)
        safety = self.files(data, rel, "safety")
        words = self.files(data, rel, "words")
        reminders = self.reminders(data, rel, flows_data or {})
        special = {}
        for key, required in (("home", True), ("start", True), ("crisis", False)):
            value = data.get(key)
            if value is None:
                if required:
                    self.report(
                        "BS103",
                        f"flows.yaml has no '{key}:'",
                        rel,
                        (1, 1),
                        f"name the flow for {key}, e.g. `{key}: menu`",
                    )
                continue
            if flows_data is not None and value not in flows_data:
                self.report(
                    "BS204",
                    f"'{key}: {value}' names no flow",
                    rel,
                    data.where_value(key),
                    suggest(value, flows_data) or "use an id listed under flows:",
                )
            special[key] = str(value)
        for command in commands.values():
            if command.flow and flows_data is not None and command.flow not in flows_data:
                self.report(
                    "BS204",
                    f"command /{command.name} starts unknown flow '{command.flow}'",
                    rel,
                    data["commands"].where(command.name),
                    suggest(command.flow, flows_data) or "use an id listed under flows:",
                )
        # Built even when something is wrong, so that the whole-flow checks can report their
        # problems too; load_flowset never serves a set with errors.
        return FlowSet(
            version=flowset_version(self.sources),
            registry_path=display_path(self.base, rel),
            flows=flows,
            commands=commands,
            menu=menu,
            home=special.get("home", ""),
            start=special.get("start", ""),
            crisis=special.get("crisis"),
            messages=messages,
            context=context,
            safety=safety,
            words=words,
            sources={k: v.decode("utf-8", errors="replace") for k, v in self.sources.items()},
            reminders=reminders,
        )

    def snippets(self, data: LocatedDict, rel: str) -> Snippets:
        name = data.get("snippets")
        if name is None:
            return {}
        if not isinstance(name, str) or name not in self.sources:
            self.report(
                "BS007",
                f"snippets file {name} not found",
                rel,
                data.where_value("snippets"),
                "check the path; it is relative to flows.yaml",
            )
            return {}
        content = self.parse(name)
        if content is None:
            return {}
        content = self.mapping(content, name, (1, 1), "the snippets file")
        if content is None:
            return {}
        out = {}
        for key, value in content.items():
            fragment = self.mapping(value, name, content.where(key), f"snippet '{key}'")
            if fragment is not None:
                out[str(key)] = (fragment, name)
        return out

    def commands(self, data: LocatedDict, rel: str) -> dict[str, CommandEntry]:
        section = data.get("commands")
        if section is None:
            return {}
        section = self.mapping(section, rel, data.where("commands"), "'commands'")
        out: dict[str, CommandEntry] = {}
        if section is None:
            return out
        for name, entry in section.items():
            pos = section.where(name)
            if not _COMMAND.match(str(name)):
                self.report(
                    "BS403",
                    f"/{name} is not a valid command name",
                    rel,
                    pos,
                    "1-32 small letters, digits and _, starting with a letter",
                )
                continue
            entry = self.mapping(entry, rel, pos, f"command /{name}")
            if entry is None:
                continue
            self.keys(entry, COMMAND_KEYS, rel, f"command /{name}")
            action = entry.get("action")
            if action is not None and action not in COMMAND_ACTIONS:
                self.report(
                    "BS401",
                    f"command /{name}: unknown action '{action}'",
                    rel,
                    entry.where_value("action"),
                    suggest(action, COMMAND_ACTIONS) or f"actions: {', '.join(COMMAND_ACTIONS)}",
                )
            kinds = [k for k in ("flow", "action", "say") if k in entry]
            if not kinds:
                self.report(
                    "BS103",
                    f"command /{name} does nothing",
                    rel,
                    pos,
                    "give it `flow:`, `action:` or `say:`",
                )
            help_text = (
                self.text(entry.get("help", ""), rel, entry.where_value("help"), f"help of /{name}")
                or ""
            )
            if not help_text or len(help_text) > 256:
                self.report(
                    "BS105",
                    f"command /{name} needs a `help:` of 1-256 characters",
                    rel,
                    pos,
                    "it is shown in Telegram's command menu",
                )
            say = (
                self.template(entry["say"], rel, entry.where_value("say"), f"/{name} say")
                if "say" in entry
                else None
            )
            out[str(name)] = CommandEntry(
                str(name), help_text, entry.get("flow"), action, say, entry.get("staff") is True
            )
        return out

    def menu(self, data: LocatedDict, rel: str, flows_data: dict) -> tuple[str, ...]:
        items = data.get("menu")
        if items is None:
            return ()
        if not isinstance(items, LocatedList):
            self.report(
                "BS102",
                "'menu' must be a list of flow ids",
                rel,
                data.where_value("menu"),
                "write `menu: [talk, urge]`",
            )
            return ()
        seen = set()
        for index, item in enumerate(items):
            if item not in flows_data:
                self.report(
                    "BS204",
                    f"menu lists unknown flow '{item}'",
                    rel,
                    items.where(index),
                    suggest(item, flows_data) or "use an id listed under flows:",
                )
            elif item in seen:
                self.report(
                    "BS104", f"menu lists '{item}' twice", rel, items.where(index), "keep one"
                )
            elif not flows_data[item].get("reviewed"):
                self.report(
                    "BS206",
                    f"practice '{item}' is not marked as reviewed by the clinical lead",
                    rel,
                    items.where(index),
                    f'once reviewed, add `reviewed: "DATE, NAME"` under flows: {item}:',
                )
            seen.add(item)
        return tuple(str(i) for i in items)

    def messages(self, data: LocatedDict, rel: str) -> dict:
        section = data.get("messages")
        if section is None:
            self.report(
                "BS103",
                "flows.yaml has no 'messages:'",
                rel,
                (1, 1),
                f"add the engine's words: {', '.join(MESSAGE_KEYS)}",
            )
            return {}
        section = self.mapping(section, rel, data.where("messages"), "'messages'")
        if section is None:
            return {}
        self.keys(section, MESSAGE_KEYS, rel, "messages")
        for key in MESSAGE_KEYS:
            if key not in section:
                self.report(
                    "BS103",
                    f"messages has no '{key}'",
                    rel,
                    data.where("messages"),
                    "every message the engine may say needs words",
                )
        return {
            k: t
            for k in section
            if (t := self.template(section[k], rel, section.where_value(k), f"message '{k}'"))
        }

    def context(self, data: LocatedDict, rel: str) -> dict[str, str]:
        section = data.get("context", {})
        section = (
            self.mapping(section, rel, data.where_value("context"), "'context'") if section else {}
        )
        return {str(k): str(v) for k, v in (section or {}).items()}

    def files(self, data: LocatedDict, rel: str, name: str) -> dict[str, str]:
        """`safety:` or `words:`, files read by the host (kind -> path beside flows.yaml). The
        crisis screen needs all three of its files; a words file not named is the shipped one."""
        section = data.get(name)
        if section is None:
            return {}
        section = self.mapping(section, rel, data.where(name), f"'{name}'")
        if section is None:
            return {}
        kinds = SAFETY_FILES if name == "safety" else WORDS_FILES
        self.keys(section, kinds, rel, name)
        for kind in kinds if name == "safety" else ():
            if kind not in section:
                self.report(
                    "BS103",
                    f"'{name}' has no '{kind}:'",
                    rel,
                    data.where(name),
                    f"add `{kind}: dialogs/safety/{kind}.yaml` under `{name}:`",
                )
        for key, value in section.items():
            if value not in self.sources and not _matches(self.sources, str(value)):
                self.report(
                    "BS007",
                    f"{name} {key} file {value} not found",
                    rel,
                    section.where_value(key),
                    "check the path; it is relative to flows.yaml",
                )
        return {str(k): str(v) for k, v in section.items()}

    def reminders(
        self, data: LocatedDict, rel: str, flows_data: Mapping[str, Any]
    ) -> dict[str, Reminder]:
        """`reminders:` what each reminder opens; a reminder left out opens nothing."""
        section = data.get("reminders")
        if section is None:
            return {}
        section = self.mapping(section, rel, data.where("reminders"), "'reminders'")
        if section is None:
            return {}
        self.keys(section, REMINDER_KINDS, rel, "reminders")
        found: dict[str, Reminder] = {}
        for kind in (k for k in REMINDER_KINDS if k in section):
            entry = self.mapping(section[kind], rel, section.where(kind), f"reminder '{kind}'")
            if entry is None:
                continue
            self.keys(entry, REMINDER_KEYS, rel, f"reminder '{kind}'")
            if "flow" not in entry:
                self.report(
                    "BS103",
                    f"reminder '{kind}' has no `flow:`",
                    rel,
                    section.where(kind),
                    "name the flow it opens, e.g. `flow: checkin`",
                )
            flows: dict[str, str] = {}
            for key in ("flow", "late", "busy"):
                value = entry.get(key)
                if value is None:
                    continue
                if value not in flows_data:
                    self.report(
                        "BS204",
                        f"reminder '{kind}' {key}: '{value}' names no flow",
                        rel,
                        entry.where_value(key),
                        suggest(str(value), flows_data) or "use an id listed under flows:",
                    )
                    continue
                flows[key] = str(value)
            helplines = entry.get("helplines", False)
            if not isinstance(helplines, bool) and helplines not in ("yes", "no"):
                self.report(
                    "BS102",
                    f"reminder '{kind}' helplines: must be true or false",
                    rel,
                    entry.where_value("helplines"),
                    "write `helplines: true` or leave it out",
                )
            if "flow" in flows:
                found[kind] = Reminder(
                    kind,
                    flows["flow"],
                    flows.get("late"),
                    flows.get("busy"),
                    helplines in (True, "yes"),
                )
        return found

    # -- one dialog file ------------------------------------------------------------------
    def flow(self, flow_id: str, entry: LocatedDict, rel: str, snippets: Snippets) -> Flow | None:
        found = len(self.problems)
        data = self.parse(rel)
        if data is None:
            if len(self.problems) == found:  # read without a problem: nothing but comments
                self.report(
                    "BS103",
                    f"flow '{flow_id}': its file {display_path(self.base, rel)} is empty "
                    "(or only comments)",
                    self.registry_name,
                    entry.where_value("file"),
                    "write the dialog there (`start:` and `states:`), "
                    f"or take flow '{flow_id}' out of the registry",
                )
            return None
        data = self.mapping(data, rel, (1, 1), f"dialog {rel}")
        if data is None:
            return None
        self.keys(data, DIALOG_KEYS, rel, "a dialog file")
        states_data = data.get("states")
        if states_data is None:
            self.report(
                "BS103", "dialog has no 'states:'", rel, (1, 1), "list the steps under `states:`"
            )
            return None
        states_data = self.mapping(states_data, rel, data.where("states"), "'states'")
        if states_data is None:
            return None
        start = data.get("start")
        if start is None:
            self.report(
                "BS103",
                "dialog has no 'start:'",
                rel,
                (1, 1),
                f"name the first step, e.g. `start: {next(iter(states_data), 'hello')}`",
            )
        elif start not in states_data:
            self.report(
                "BS201",
                f"start '{start}' is not a state",
                rel,
                data.where_value("start"),
                suggest(start, states_data) or "name one of the states below",
            )
        defaults = data.get("vars", {})
        if defaults and not isinstance(defaults, dict):
            self.report(
                "BS102",
                "'vars' must map names to default values",
                rel,
                data.where_value("vars"),
                "for example `vars: {substance: alcohol}`",
            )
            defaults = {}
        states: dict[str, State] = {}
        for state_id, body in states_data.items():
            pos = states_data.where(state_id)
            if not _ID.match(str(state_id)):
                self.report(
                    "BS105",
                    f"state id '{state_id}' must be small letters, digits and _",
                    rel,
                    pos,
                    "for example `ask_urge`",
                )
                continue
            state = self.state(str(state_id), body, rel, pos, snippets)
            if state is not None:
                states[state.id] = state
            else:
                self.broken.add(f"{flow_id}.{state_id}")
        title = (
            self.text(entry.get("title", flow_id), rel, entry.where_value("title"), "title")
            or flow_id
        )
        task = entry.get("task", [])
        task = [task] if isinstance(task, int) else task
        if not isinstance(task, list) or any(
            not isinstance(t, int) or not 1 <= t <= 7 for t in task
        ):
            self.report(
                "BS105",
                f"flow '{flow_id}': task must be one or more of the tasks 1-7",
                self.registry_name,
                entry.where_value("task"),
                "for example `task: [3, 4]`",
            )
            task = []
        audience = entry.get("audience", list(AUDIENCES))
        if not isinstance(audience, list) or any(a not in AUDIENCES for a in audience):
            self.report(
                "BS105",
                f"flow '{flow_id}': audience must list client and/or trainee",
                self.registry_name,
                entry.where_value("audience"),
                "for example `audience: [client, trainee]`",
            )
            audience = list(AUDIENCES)
        reviewed = entry.get("reviewed")  # who reviewed it and when; absent or false: not yet
        return Flow(
            flow_id,
            display_path(self.base, rel),
            title,
            str(start),
            states,
            str(entry.get("summary", "")),
            tuple(task),
            tuple(audience),
            dict(defaults),
            "" if reviewed in (None, False) else str(reviewed),
        )

    def state(
        self, state_id: str, body: Any, rel: str, pos: Position, snippets: Snippets
    ) -> State | None:
        body = self.mapping(body, rel, pos, f"state '{state_id}'")
        if body is None:
            return None
        if "use" in body:
            body = self.merge_snippet(body, rel, snippets, state_id)
        where = f"state '{state_id}'"
        self.keys(body, STATE_KEYS, rel, where)
        sources = getattr(body, "sources", {})  # set when part of the state comes from a snippet
        src = sources.get("say", rel)
        lines = (
            self.lines(body.get("say"), src, body.where_value("say"), where)
            if "say" in body
            else ()
        )
        ask = body.get("ask")
        if ask is not None and ask not in ASK_KINDS:
            self.report(
                "BS105",
                f"{where}: unknown ask '{ask}'",
                src,
                body.where_value("ask"),
                suggest(ask, ASK_KINDS) or f"ask is one of: {', '.join(ASK_KINDS)}",
            )
            ask = None
        if ask is not None and not lines:
            self.report(
                "BS103",
                f"{where} asks something but has no `say:`",
                rel,
                pos,
                "write the question in `say:`",
            )
        choices = self.choices(body, sources.get("choices", rel), where, ask)
        value_range = self.value_range(body, src, where, ask)
        save_as = body.get("save_as")
        if save_as is not None and (not isinstance(save_as, str) or not _ID.match(save_as)):
            self.report(
                "BS105",
                f"{where}: save_as '{save_as}' must be small letters, digits and _",
                src,
                body.where_value("save_as"),
                "for example `save_as: urge_start`",
            )
            save_as = None
        if save_as is not None and ask is None:
            self.report(
                "BS105",
                f"{where}: save_as without ask",
                src,
                body.where("save_as"),
                "add `ask:` or remove `save_as:`",
            )
        routes = self.routes(body, sources.get("next", sources.get("flow", rel)), where)
        after = None
        if "after" in body:
            match = _DURATION.match(str(body["after"]))
            if not match:
                self.report(
                    "BS105",
                    f"{where}: after '{body['after']}' is not a duration",
                    src,
                    body.where_value("after"),
                    "write seconds or minutes, e.g. `after: 90s` or `after: 2m`",
                )
            else:
                after = float(match.group(1)) * (60 if match.group(2).startswith("m") else 1)
            if not routes:
                self.report(
                    "BS103",
                    f"{where}: `after:` needs a `next:` to go on to",
                    src,
                    body.where("after"),
                    "add `next:` with the step that follows the wait",
                )
        flags = {}
        for flag in ("end", "resume"):
            value = body.get(flag, False)
            if not isinstance(value, bool):
                self.report(
                    "BS102",
                    f"{where}: `{flag}:` must be true or false",
                    src,
                    body.where_value(flag),
                    f"write `{flag}: true`, or leave it out",
                )
                value = False
            flags[flag] = value
        actions = self.actions(body, sources.get("do", rel), where) if "do" in body else ()
        sets = self.sets(body, sources.get("set", rel), where) if "set" in body else ()
        sort = body.get("sort")
        if sort is not None and (ask not in ("choice", "multi") or not isinstance(sort, str)):
            self.report(
                "BS105",
                f"{where}: `sort:` orders buttons of `ask: choice` or `ask: multi`",
                src,
                body.where("sort"),
                "name a context value such as `sort: favourites`, or remove it",
            )
            sort = None
        if any(c.other for c in choices) and not routes:
            self.report(
                "BS103",
                f"{where}: a button with `other: true` needs the state's own `next:`",
                src,
                body.where("choices"),
                "typed words go on by the state's `next:`; add one",
            )
        return State(
            state_id,
            lines,
            ask,
            choices,
            value_range,
            save_as,
            routes,
            after,
            flags["end"],
            flags["resume"],
            actions,
            pos,
            display_path(self.base, rel),
            sets,
            sort,
        )

    def sets(self, body: LocatedDict, rel: str, where: str) -> tuple:
        data = self.mapping(body["set"], rel, body.where_value("set"), f"`set:` of {where}")
        out: list[tuple[str, Template]] = []
        if data is None:
            return ()
        for name, value in data.items():
            if not isinstance(name, str) or not _ID.match(name):
                self.report(
                    "BS105",
                    f"{where}: '{name}' is not a variable name",
                    rel,
                    data.where(name),
                    "small letters, digits and _",
                )
                continue
            template = self.template(
                value, rel, data.where_value(name), f"`set: {name}` of {where}"
            )
            if template is not None:
                out.append((name, template))
        return tuple(out)

    def merge_snippet(
        self, body: LocatedDict, rel: str, snippets: Snippets, state_id: str
    ) -> LocatedDict:
        name = body["use"]
        if name not in snippets:
            self.report(
                "BS404",
                f"state '{state_id}': unknown snippet '{name}'",
                rel,
                body.where_value("use"),
                suggest(name, snippets) or "define it in the snippets file",
            )
            return body
        fragment, snippet_rel = snippets[name]
        merged = LocatedDict()
        merged.pos = body.pos
        merged.key_pos, merged.value_pos = {}, {}
        for data in (fragment, body):
            for key, value in data.items():
                if key != "use":
                    merged[key] = value
                    merged.key_pos[key] = data.where(key)
                    merged.value_pos[key] = data.where_value(key)
        # read back by state(): which file each key came from
        merged.sources = {  # type: ignore[attr-defined]
            k: (rel if k in body else snippet_rel) for k in merged
        }
        if "say" in body and "say" in fragment:
            # The state's own lines come first, then the snippet's (usually its question).
            merged["say"] = self._line_list(
                body["say"], body.where_value("say"), rel
            ) + self._line_list(fragment["say"], fragment.where_value("say"), snippet_rel)
        return merged

    @staticmethod
    def _line_list(say: Any, pos: Position, rel: str) -> list[tuple[Any, Position, str]]:
        """Lines with the file each came from, for `say:` merged from a state and a snippet."""
        items = say if isinstance(say, LocatedList) else [say]
        positions = (
            [say.where(i) for i in range(len(say))] if isinstance(say, LocatedList) else [pos]
        )
        return [(item, item_pos, rel) for item, item_pos in zip(items, positions, strict=True)]

    def lines(self, say: Any, rel: str, pos: Position, where: str) -> tuple[Line, ...]:
        entries = (
            say
            if isinstance(say, list) and say and isinstance(say[0], tuple)
            else self._line_list(say, pos, rel)
        )
        out = []
        for item, item_pos, rel in entries:
            if isinstance(item, LocatedDict):
                self.keys(item, LINE_KEYS, rel, f"a line of {where}")
                if "text" not in item:
                    self.report(
                        "BS103",
                        f"a line of {where} has no `text:`",
                        rel,
                        item_pos,
                        "write the words in `text:`",
                    )
                    continue
                text = self.template(
                    item["text"], rel, item.where_value("text"), f"text of {where}"
                )
                tag = item.get("tag")
                if tag is not None and tag not in TAGS:
                    self.report(
                        "BS405",
                        f"unknown tag '{tag}'",
                        rel,
                        item.where_value("tag"),
                        suggest(tag, TAGS) or f"tags: {', '.join(TAGS)}",
                    )
                note = (
                    self.template(item["note"], rel, item.where_value("note"), f"note of {where}")
                    if "note" in item
                    else None
                )
                if text is not None:
                    out.append(
                        Line(
                            text, tag, note, item.where_value("text"), display_path(self.base, rel)
                        )
                    )
            else:
                text = self.template(item, rel, item_pos, f"text of {where}")
                if text is not None:
                    out.append(Line(text, pos=item_pos, path=display_path(self.base, rel)))
        return tuple(out)

    def choices(
        self, body: LocatedDict, rel: str, where: str, ask: str | None
    ) -> tuple[Choice, ...]:
        data = body.get("choices")
        if ask in ("choice", "multi") and data is None:
            self.report(
                "BS103",
                f"{where}: ask {ask} needs `choices:`",
                rel,
                body.where("ask"),
                "list the buttons under `choices:`",
            )
            return ()
        if data is None:
            return ()
        if ask not in ("choice", "multi"):
            self.report(
                "BS105",
                f"{where}: `choices:` only go with `ask: choice` or `ask: multi`",
                rel,
                body.where("choices"),
                "add `ask: choice`, or remove `choices:`",
            )
        if not isinstance(data, LocatedList) or not data:
            self.report(
                "BS102",
                f"{where}: `choices:` must be a list of buttons",
                rel,
                body.where_value("choices"),
                "start each button with `- label: ...`",
            )
            return ()
        out: list[Choice] = []
        seen: dict[str, Position] = {}
        for index, item in enumerate(data):
            pos = data.where(index)
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                routes: tuple[Route, ...]
                item_label, item_id, value, routes, other = (
                    str(item),
                    _slug(str(item)),
                    str(item),
                    (),
                    False,
                )
                label = self.template(item_label, rel, pos, f"a button of {where}")
            else:
                item = self.mapping(item, rel, pos, f"a button of {where}")
                if item is None:
                    continue
                self.keys(item, CHOICE_KEYS, rel, f"a button of {where}")
                raw_label = item.get("label")
                label = self.template(
                    raw_label if raw_label is not None else "",
                    rel,
                    item.where_value("label"),
                    f"a button of {where}",
                )
                item_label = str(raw_label or "")
                item_id = str(item.get("id", _slug(item_label)))
                value = item.get("value", item_label)
                routes = self.routes(item, rel, f"a button of {where}")
                other = item.get("other", False)
                if not isinstance(other, bool):
                    self.report(
                        "BS102",
                        f"{where}: `other:` must be true or false",
                        rel,
                        item.where_value("other"),
                        'write `other: true` on the "Something else" button, or leave it out',
                    )
                    other = False
                if ask == "multi" and routes:
                    self.report(
                        "BS105",
                        f"{where}: buttons of `ask: multi` cannot have their own `next:`",
                        rel,
                        pos,
                        "put `next:` on the state",
                    )
            if not item_label.strip():
                self.report(
                    "BS503",
                    f"{where}: a button has an empty label",
                    rel,
                    pos,
                    "write the words on the button in `label:`",
                )
                continue
            if len(item_id.encode()) + REV_DIGITS + 1 > MAX_CALLBACK_BYTES:
                self.report(
                    "BS502",
                    f"{where}: button id '{item_id[:20]}...' makes its data "
                    f"over {MAX_CALLBACK_BYTES} bytes",
                    rel,
                    pos,
                    f"give the button a short `id:` "
                    f"(at most {MAX_CALLBACK_BYTES - REV_DIGITS - 1} bytes)",
                )
                continue
            if not item_id:
                self.report(
                    "BS105",
                    f"{where}: button '{item_label}' needs an `id:`",
                    rel,
                    pos,
                    "use letters or digits",
                )
                continue
            if item_id in seen:
                self.report(
                    "BS104",
                    f"{where}: two buttons have the id '{item_id}' "
                    f"(first on line {seen[item_id][0]})",
                    rel,
                    pos,
                    "give one of them its own `id:`",
                )
                continue
            seen[item_id] = pos
            if label is not None:
                out.append(Choice(item_id, label, value, routes, pos, other))
        if sum(c.other for c in out) > 1:
            self.report(
                "BS105",
                f"{where}: more than one button has `other: true`",
                rel,
                body.where("choices"),
                "keep `other: true` on one button: the one whose words the client may type",
            )
        return tuple(out)

    def value_range(
        self, body: LocatedDict, rel: str, where: str, ask: str | None
    ) -> tuple[float, float] | None:
        if "range" not in body:
            return (0.0, 10.0) if ask == "scale" else None
        data = body["range"]
        if ask not in ("scale", "number"):
            self.report(
                "BS105",
                f"{where}: `range:` only goes with `ask: scale` or `ask: number`",
                rel,
                body.where("range"),
                "remove `range:` or change `ask:`",
            )
        if (
            not isinstance(data, list)
            or len(data) != 2
            or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in data)
            or data[0] >= data[1]
        ):
            self.report(
                "BS105",
                f"{where}: range must be [lowest, highest]",
                rel,
                body.where_value("range"),
                "for example `range: [0, 10]`",
            )
            return None
        if ask == "scale" and (data[1] - data[0] > 10 or any(int(v) != v for v in data)):
            self.report(
                "BS105",
                f"{where}: a scale is whole numbers, at most 11 buttons",
                rel,
                body.where_value("range"),
                "use `ask: number` for wider ranges",
            )
            return None
        return (float(data[0]), float(data[1]))

    def routes(self, body: LocatedDict, rel: str, where: str) -> tuple[Route, ...]:
        if "next" in body and "flow" in body:
            self.report(
                "BS105",
                f"{where}: use `next:` or `flow:`, not both",
                rel,
                body.where("flow"),
                "keep `flow:` to start another flow, or `next:` to stay in this one",
            )
        if "flow" in body:
            flow = self.text(body["flow"], rel, body.where_value("flow"), "flow")
            return (
                (Route(flow=flow, pos=body.where_value("flow"), path=display_path(self.base, rel)),)
                if flow
                else ()
            )
        data = body.get("next")
        if data is None:
            return ()
        if isinstance(data, str):
            return (
                Route(to=data, pos=body.where_value("next"), path=display_path(self.base, rel)),
            )
        if not isinstance(data, LocatedList) or not data:
            self.report(
                "BS102",
                f"{where}: `next:` must be a state id or a list of `- if: ... / to: ...`",
                rel,
                body.where_value("next"),
                "write `next: state_id`, or a list of `- if: ...` / `to: ...` entries",
            )
            return ()
        out = []
        for index, item in enumerate(data):
            pos = data.where(index)
            item = self.mapping(item, rel, pos, f"a `next:` entry of {where}")
            if item is None:
                continue
            self.keys(item, ROUTE_KEYS, rel, f"a `next:` entry of {where}")
            when = None
            if "if" in item:
                source = self.text(item["if"], rel, item.where_value("if"), "if")
                try:
                    when = parse_condition(source) if source is not None else None
                except ExprSyntaxError as err:
                    line, col = item.where_value("if")
                    self.report(
                        "BS305",
                        f"condition '{source}': {err}",
                        rel,
                        (line, col + err.offset),
                        "conditions look like `urge >= 7`, `choice == 'rest'`, `a and not b`",
                    )
            if ("to" in item) == ("flow" in item):
                self.report(
                    "BS103",
                    f"a `next:` entry of {where} needs exactly one of `to:` or `flow:`",
                    rel,
                    pos,
                    "for example `- if: urge >= 7` then `to: high`",
                )
                continue
            out.append(
                Route(
                    to=item.get("to"),
                    flow=item.get("flow"),
                    when=when,
                    pos=item.where_value("to" if "to" in item else "flow"),
                    path=display_path(self.base, rel),
                )
            )
        return tuple(out)

    def actions(self, body: LocatedDict, rel: str, where: str) -> tuple[Action, ...]:
        data = body["do"]
        items = data if isinstance(data, LocatedList) else [data]
        positions = (
            [data.where(i) for i in range(len(data))]
            if isinstance(data, LocatedList)
            else [body.where_value("do")]
        )
        out = []
        for item, pos in zip(items, positions, strict=True):
            if isinstance(item, str):
                name, args = item, LocatedDict()
                args.pos, args.key_pos, args.value_pos = pos, {}, {}
            elif isinstance(item, LocatedDict) and len(item) == 1:
                name, args = next(iter(item.items()))
                if args is None:
                    args = LocatedDict()
                    args.pos, args.key_pos, args.value_pos = pos, {}, {}
            else:
                self.report(
                    "BS102",
                    f"{where}: each `do:` item is an action name with its arguments",
                    rel,
                    pos,
                    "for example `- log_urge: {rating: '{urge}'}`",
                )
                continue
            spec = ACTIONS.get(name)
            if spec is None:
                self.report(
                    "BS401",
                    f"{where}: unknown action '{name}'",
                    rel,
                    pos,
                    suggest(name, ACTIONS) or f"actions: {', '.join(ACTIONS)}",
                )
                continue
            if not isinstance(args, LocatedDict):
                self.report(
                    "BS402",
                    f"{where}: arguments of {name} must be `name: value` pairs",
                    rel,
                    pos,
                    f"for example `- {name}: {{{', '.join(sorted(spec.args)[:1])}: ...}}`",
                )
                continue
            for key in args:
                if key not in spec.args:
                    self.report(
                        "BS402",
                        f"{where}: {name} takes no argument '{key}'",
                        rel,
                        args.where(key),
                        suggest(key, spec.args) or f"it takes: {', '.join(sorted(spec.args))}",
                    )
            for key in spec.required - set(args):
                self.report(
                    "BS402",
                    f"{where}: {name} needs the argument '{key}'",
                    rel,
                    pos,
                    f"add `{key}: ...` to its arguments",
                )
            templates = {}
            for key, value in args.items():
                template = self.template(
                    value, rel, args.where_value(key), f"argument {key} of {name}"
                )
                if template is not None:
                    templates[str(key)] = template
            out.append(Action(str(name), templates, pos, display_path(self.base, rel)))
        return tuple(out)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40]


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return f"the text '{str(value)[:30]}'"


def build_flowset(
    sources: Mapping[str, bytes | str], registry_name: str = "flows.yaml", base: str = ""
) -> tuple[FlowSet | None, list[Problem]]:
    """Build from in-memory sources as far as they allow, also with errors, and find every
    problem. A flow set with errors is for showing only (the studio draws it, with its
    problems); ``load_flowset`` is what serves. None when the registry cannot be read."""
    from .checks import check_flowset  # the whole-graph checks run on the built model

    raw = {k: (v.encode("utf-8") if isinstance(v, str) else v) for k, v in sources.items()}
    builder = _Builder(raw, registry_name, base)
    flowset = builder.build()
    problems = builder.problems
    if flowset is not None:
        problems += check_flowset(flowset, broken=builder.broken)
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return flowset, problems


def load_flowset(
    sources: Mapping[str, bytes | str], registry_name: str = "flows.yaml", base: str = ""
) -> tuple[FlowSet | None, list[Problem]]:
    """Build a FlowSet from sources; returns (flowset or None, every problem found)."""
    flowset, problems = build_flowset(sources, registry_name, base)
    if any(p.is_error for p in problems):
        flowset = None
    return flowset, problems
