"""Safe templates: `{name}` and `{name|filter|filter:argument}`, nothing else.

No attribute or index access and no code: a template is a list of literal texts and
variable references, parsed once when the flow set is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import dates
from .reflection import after, described, own, reflect, summary, topic, voice

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class TemplateSyntaxError(ValueError):
    def __init__(self, message: str, offset: int, hint: str):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _natural_list(value: Any, arg: str | None) -> str:
    items = _as_list(value)
    last = f" {arg or 'and'} "
    if len(items) <= 2:
        return last.join(items)
    return ", ".join(items[:-1]) + "," + last + items[-1]


def _bullets(value: Any, _arg: str | None) -> str:
    return "\n".join(f"• {item}" for item in _as_list(value))


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


FILTERS: dict[str, Callable[[Any, str | None], str]] = {
    "reflect": lambda v, a: reflect(_text(v), a),
    "voice": lambda v, a: voice(_text(v), a),
    "summary": lambda v, _a: summary(_text(v)),
    "after": lambda v, a: after(_text(v), a or ""),
    "own": lambda v, _a: own(_text(v)),
    "said": lambda v, _a: described(_text(v)),
    "topic": lambda v, a: topic(_text(v), a or ""),
    "lower": lambda v, _a: _text(v).lower(),
    "upper": lambda v, _a: _text(v).upper(),
    "capitalize": lambda v, _a: (lambda t: t[:1].upper() + t[1:])(_text(v)),
    "list": _natural_list,
    "join": lambda v, a: (a if a is not None else ", ").join(_as_list(v)),
    "bullets": _bullets,
    "default": lambda v, a: _text(v) if _as_list(v) else (a or ""),
    "quote": lambda v, _a: f"“{_text(v)}”" if _text(v) else "",
    "date": lambda v, _a: "",  # read against `today`: see _DATED
    "day": lambda v, _a: "",
}


def _as_date(value: Any, today: Any) -> str:
    """The day the words name, as YYYY-MM-DD ('' when they name none or `today` is unknown)."""
    try:
        base = date.fromisoformat(str(today))
    except ValueError:
        return ""
    found = dates.resolve(_text(value), base)
    return found.isoformat() if found is not None and found >= base else ""


def _as_day(value: Any, today: Any) -> str:
    """A YYYY-MM-DD date as 'Friday 11 December'; other words as they are."""
    try:
        day = date.fromisoformat(_text(value))
    except ValueError:
        return _text(value)
    try:
        base = date.fromisoformat(str(today))
    except ValueError:
        base = None
    return dates.describe(day, base)


# Filters that read the client's local date (`today`, from the host) besides their value.
_DATED: dict[str, Callable[[Any, Any], str]] = {"date": _as_date, "day": _as_day}

FILTER_HELP = {
    "reflect": "the client's words given back: turned to 'you', fillers gone, a long message "
    "condensed; reflect:STEM starts the sentence with STEM and never says it twice, "
    "and answers a question as one",
    "voice": "a part's words in the third person (I'm → it's); voice:STEM as for reflect",
    "summary": "a summary's item: the condensed reflection, capitalised",
    "own": "the client's own words as they said them (for |quote), fillers gone, condensed",
    "after": "after:STEM gives only what follows STEM ('the urge to {x|after:having an urge to}'),"
    " nothing for a vague answer or a question",
    "said": "what kind of answer it was (a question, a vague answer, a long message ...), "
    "for trainee notes",
    "topic": "topic:KIND gives the client's own word for a theme or risk ('my liver' → 'your "
    "liver'; lexicon.yaml), nothing when they did not mention one",
    "lower": "all small letters",
    "upper": "all capital letters",
    "capitalize": "first letter capital",
    "list": "a list as 'a, b, and c' (list:or gives 'a, b, or c')",
    "join": "a list joined with ', ' (join: / gives 'a / b')",
    "bullets": "a list, one '• item' per line",
    "default": "default:TEXT shows TEXT when the variable is empty or not saved yet",
    "quote": "the value in quotation marks (nothing when it is empty)",
    "date": "the day the words name ('in a week', 'friday', '12 jan', 'next month') as "
    "YYYY-MM-DD in the client's calendar; empty when they name no day to come",
    "day": "a YYYY-MM-DD date as 'Friday 11 December'; other words as they are",
}


@dataclass(frozen=True)
class Ref:
    name: str
    filters: tuple[tuple[str, str | None], ...]
    offset: int

    @property
    def has_default(self) -> bool:
        return any(name == "default" for name, _ in self.filters)


@dataclass(frozen=True)
class Template:
    source: str
    parts: tuple[str | Ref, ...]

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(p for p in self.parts if isinstance(p, Ref))

    def render(self, values: Mapping[str, Any]) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = values.get(part.name)
            for name, arg in part.filters:
                dated = _DATED.get(name)
                value = dated(value, values.get("today")) if dated else FILTERS[name](value, arg)
            out.append(_text(value))
        return "".join(out)

    def single_ref(self) -> Ref | None:
        """The reference when the template is exactly one `{name}` (keeps the value's type)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Ref) and not self.parts[0].filters:
            return self.parts[0]
        return None


def parse_template(source: str) -> Template:
    """Parse ``source``; raises TemplateSyntaxError with the offset of the mistake."""
    parts: list[str | Ref] = []
    literal: list[str] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "{" and source.startswith("{{", i):
            literal.append("{")
            i += 2
        elif ch == "}" and source.startswith("}}", i):
            literal.append("}")
            i += 2
        elif ch == "}":
            raise TemplateSyntaxError("a lone '}'", i, "write '}}' for a literal brace")
        elif ch == "{":
            end = source.find("}", i)
            if end < 0:
                raise TemplateSyntaxError(
                    "'{' is never closed", i, "close it with '}', or write '{{' for a literal brace"
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(_parse_ref(source[i + 1 : end], i))
            i = end + 1
        else:
            literal.append(ch)
            i += 1
    if literal:
        parts.append("".join(literal))
    return Template(source, tuple(parts))


def _parse_ref(inner: str, offset: int) -> Ref:
    name, *filter_texts = [piece.strip() for piece in inner.split("|")]
    if not _NAME.match(name):
        raise TemplateSyntaxError(
            f"'{{{inner}}}' is not a variable",
            offset,
            "variables are written {name} in small letters, digits and _, with optional |filters",
        )
    filters = []
    for text in filter_texts:
        fname, sep, arg = text.partition(":")
        fname = fname.strip()
        if not _NAME.match(fname):
            raise TemplateSyntaxError(f"'{text}' is not a filter", offset, "write {name|filter}")
        filters.append((fname, arg if sep else None))
    return Ref(name, tuple(filters), offset)
