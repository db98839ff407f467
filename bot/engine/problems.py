"""Problems found in content files, each with a stable code, a place and a way to fix it.

The catalogue below is the single list of codes; the staff manual (docs/flows.md) explains
each with an example, and ``tests/invalid/`` holds a broken file for every one of them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# code -> (severity, short title). Codes are stable: never renumber, only add.
CATALOGUE: dict[str, tuple[str, str]] = {
    # the file itself
    "BS001": (ERROR, "YAML syntax error"),
    "BS002": (ERROR, "duplicate key"),
    "BS003": (ERROR, "file too large"),
    "BS004": (ERROR, "file is not UTF-8 text"),
    "BS005": (ERROR, "tab used for indentation"),
    "BS006": (ERROR, "too many or recursive YAML aliases"),
    "BS007": (ERROR, "file not found"),
    # shape of the content
    "BS101": (ERROR, "unknown key"),
    "BS102": (ERROR, "wrong type"),
    "BS103": (ERROR, "missing required key"),
    "BS104": (ERROR, "duplicate id"),
    "BS105": (ERROR, "invalid value"),
    # navigation
    "BS201": (ERROR, "unknown target state"),
    "BS202": (WARNING, "unreachable state"),
    "BS203": (ERROR, "dead end"),
    "BS204": (ERROR, "unknown flow"),
    "BS205": (ERROR, "loop with no question"),
    "BS206": (WARNING, "practice not marked as clinically reviewed"),
    # words and variables
    "BS301": (ERROR, "undefined variable"),
    "BS302": (WARNING, "variable saved but never used"),
    "BS303": (ERROR, "unknown filter"),
    "BS304": (ERROR, "template syntax error"),
    "BS305": (ERROR, "condition syntax error"),
    # actions, commands, snippets, tags
    "BS401": (ERROR, "unknown action"),
    "BS402": (ERROR, "invalid action arguments"),
    "BS403": (ERROR, "unknown command"),
    "BS404": (ERROR, "unknown snippet"),
    "BS405": (ERROR, "unknown tag"),
    # Telegram's limits
    "BS501": (ERROR, "text too long"),
    "BS502": (ERROR, "button data too long"),
    "BS503": (ERROR, "empty button label"),
    # safety rules and resources
    "BS601": (ERROR, "invalid safety rule"),
    "BS602": (WARNING, "crisis resource not checked for over a year"),
    "BS603": (ERROR, "invalid crisis resource"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file. ``line`` and ``col`` count from 1."""

    code: str
    message: str
    path: str
    line: int = 0
    col: int = 0
    hint: str | None = None

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        text = f"{where}: {self.code} {self.message}"
        if self.severity == WARNING:
            text = f"{where}: {self.code} warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "hint": self.hint,
        }


# One way to report a problem in any file staff edit (flows, dialogs, the crisis screen's rules,
# resources and messages): a catalogued code, the place, and a hint in the same words.


def suggest(word: object, options: Iterable[object], form: str = "'{}'") -> str | None:
    """The hint for a misspelt name: "did you mean 'X'?", or None when nothing is close.
    ``form`` shows the name (e.g. "{{{}}}" for a placeholder: "did you mean {name}?")."""
    names = [str(option) for option in options]
    match = difflib.get_close_matches(str(word), names, n=1, cutoff=0.6)
    return f"did you mean {form.format(match[0])}?" if match else None


def hint_for(word: object, options: Iterable[object]) -> str:
    """A name that is not one of ``options``: the closest one, or all of them."""
    names = [str(option) for option in options]
    return suggest(word, names) or "allowed here: " + ", ".join(names)


def unknown_key(
    key: object, allowed: Iterable[object], where: str, path: str, pos: tuple[int, int]
) -> Problem:
    """BS101, worded alike in every file."""
    return Problem(
        "BS101", f"unknown key '{key}' in {where}", path, pos[0], pos[1], hint_for(key, allowed)
    )


class BetweenError(Exception):
    """Root of the errors this project raises on purpose."""


class ContentError(BetweenError):
    """Content that cannot be served; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
