"""The words of the crisis reply (dialogs/safety/messages.yaml): loading, checking, filling."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine.problems import ContentError, Problem, suggest, unknown_key
from bot.engine.yamlfile import LocatedDict, LocatedList, Position, YamlProblem, parse_yaml

from .rules import CATEGORIES

TELEGRAM_LIMIT = 4096

_E = frozenset({"emergency"})
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ListOf:
    """A list of texts, each allowed these placeholders."""

    allowed: frozenset[str]


# What the file must contain: key -> placeholders allowed (or a nested mapping / list).
Spec = dict[str, "Spec | ListOf | frozenset[str]"]
SPEC: Spec = {
    "acknowledge": {category: _E for category in CATEGORIES},
    "acknowledge_risk": _E,
    "gentle": _E,
    "resources_intro": frozenset({"country"}),
    "resource_line": frozenset({"name", "contact", "hours", "languages"}),
    "contact": {
        "call": frozenset({"number"}),
        "text": frozenset({"number"}),
        "chat": frozenset({"address"}),
        "email": frozenset({"address"}),
        "or": _NONE,
    },
    "emergency": _E,
    "directory": frozenset({"name", "url"}),
    "unknown_emergency": _NONE,
    "automated": _NONE,
    "offer": _NONE,
    "overdose_card": {"title": _E, "steps": ListOf(_E), "warning": _E},
    "fine": {"intro": _NONE, "again": _NONE, "checkin": _NONE},
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class Messages:
    """The checked texts. ``text("fine.intro")``; ``fill("emergency", emergency="911")``."""

    def __init__(self, texts: dict[str, Any]):
        self._texts = texts  # checked against SPEC: texts, lists of texts, mappings of these

    def _lookup(self, key: str) -> Any:
        value: Any = self._texts
        for part in key.split("."):
            value = value[part]
        return value

    def text(self, key: str) -> str:
        text: str = self._lookup(key)
        return text

    def fill(self, key: str, **values: object) -> str:
        return fill(self.text(key), values)

    def fill_all(self, key: str, **values: object) -> list[str]:
        texts: list[str] = self._lookup(key)
        return [fill(item, values) for item in texts]


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace each {name} with its value (the loader has checked every name)."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def _check_template(
    problems: list[Problem], path: str, text: str, allowed: frozenset[str], pos: Position, key: str
) -> None:
    names = _PLACEHOLDER.findall(text)
    stray = _PLACEHOLDER.sub("", text)
    if "{" in stray or "}" in stray:
        problems.append(
            Problem(
                "BS304",
                f"'{key}' has a {{ or }} that does not enclose a name",
                path,
                pos[0],
                pos[1],
                "write placeholders like {emergency}",
            )
        )
    for name in names:
        if name not in allowed:
            options = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "none"
            close = suggest(name, allowed, form="{{{}}}")
            hint = (f"{close} " if close else "") + f"'{key}' may use: {options}"
            problems.append(
                Problem(
                    "BS301",
                    f"'{key}' uses {{{name}}}, which is not known here",
                    path,
                    pos[0],
                    pos[1],
                    hint,
                )
            )
    if len(text) > TELEGRAM_LIMIT:
        problems.append(
            Problem(
                "BS501",
                f"'{key}' is {len(text)} characters; Telegram's limit is {TELEGRAM_LIMIT}",
                path,
                pos[0],
                pos[1],
                "shorten it",
            )
        )


def _walk(
    problems: list[Problem], path: str, data: LocatedDict, spec: Spec, prefix: str
) -> dict[str, object]:
    out: dict[str, object] = {}
    for key in data:
        if key not in spec:
            where = f"'{prefix.rstrip('.')}'" if prefix else "the messages file"
            problems.append(unknown_key(f"{prefix}{key}", spec, where, path, data.where(key)))
    for key, rule in spec.items():
        name = f"{prefix}{key}"
        if key not in data:
            hint = f"add '{key}:' (see the comments in the shipped messages.yaml)"
            problems.append(Problem("BS103", f"'{name}' is missing", path, *data.pos, hint))
            continue
        value, pos = data[key], data.where_value(key)
        if isinstance(rule, dict):
            if not isinstance(value, LocatedDict):
                problems.append(
                    Problem(
                        "BS102",
                        f"'{name}' must be a mapping",
                        path,
                        *pos,
                        "its texts go on the lines below it, indented",
                    )
                )
                continue
            out[key] = _walk(problems, path, value, rule, name + ".")
        elif isinstance(rule, ListOf):
            if not isinstance(value, LocatedList) or not value:
                problems.append(
                    Problem(
                        "BS102",
                        f"'{name}' must be a list of texts",
                        path,
                        *pos,
                        "one text a line, each starting with '- '",
                    )
                )
                continue
            items: list[str] = []
            for index, item in enumerate(value):
                if not isinstance(item, str) or not item.strip():
                    problems.append(
                        Problem(
                            "BS102",
                            f"item {index + 1} of '{name}' must be a text",
                            path,
                            *value.where(index),
                        )
                    )
                    continue
                _check_template(problems, path, item, rule.allowed, value.where(index), name)
                items.append(item.strip())
            out[key] = items
        else:
            if not isinstance(value, str) or not value.strip():
                problems.append(
                    Problem(
                        "BS102", f"'{name}' must be a text", path, *pos, "put the text in quotes"
                    )
                )
                continue
            _check_template(problems, path, value, rule, pos, name)
            out[key] = value.strip()
    return out


def build_messages(source: bytes | str, path: str) -> tuple[Messages | None, list[Problem]]:
    try:
        data = parse_yaml(source, path)
    except YamlProblem as err:
        return None, [err.problem]
    if not isinstance(data, LocatedDict):
        return None, [
            Problem(
                "BS102",
                "the messages file must be a mapping of texts",
                path,
                1,
                1,
                "start from the shipped dialogs/safety/messages.yaml",
            )
        ]
    problems: list[Problem] = []
    texts = _walk(problems, path, data, SPEC, "")
    if any(p.is_error for p in problems):
        return None, problems
    return Messages(texts), problems


def check_messages_file(path: str | Path) -> tuple[Messages | None, list[Problem]]:
    path = Path(path)
    try:
        source = path.read_bytes()
    except OSError as err:
        return None, [
            Problem(
                "BS007",
                f"cannot read the messages file ({err.strerror})",
                str(path),
                0,
                0,
                "check the path to the safety messages file",
            )
        ]
    return build_messages(source, str(path))


def load_messages(path: str | Path) -> Messages:
    messages, problems = check_messages_file(path)
    if messages is None:
        raise ContentError([p for p in problems if p.is_error] or problems)
    return messages
