"""Safe templates: `{name}` and `{name|filter|filter:argument}`, nothing else.

No attribute or index access and no code: a template is a list of literal texts and
variable references, parsed once when the flow set is loaded. The words filters write (the
names of days, "and" in a list, bullets, quotation marks) are the flow set's
(bot/engine/wording.py, from dialogs/words.yaml), given to ``Template.render``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from . import dates
from .reflection import after, described, own, reflect, summary, topic, voice

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class TemplateSyntaxError(ValueError):
    def __init__(self, message: str, offset: int, hint: str):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


class FilterWords(Protocol):
    """The words filters write with (bot/engine/wording.py reads them from the words file)."""

    @property
    def reading(self) -> dates.DateWords: ...

    def join(self, items: Sequence[str], separator: str | None = None) -> str: ...
    def items(self, items: Sequence[str], word: str | None) -> str: ...
    def bullets(self, items: Iterable[str]) -> str: ...
    def quote(self, text: str) -> str: ...
    def day(self, day: date, today: date | None) -> str: ...


class _Unsaid:
    """No words given: a template that needs them says so (a host that forgot to pass them)."""

    def __getattr__(self, name: str) -> Any:
        raise LookupError(
            "this template writes dates or lists: render it with the flow set's words "
            "(bot/engine/wording.py)"
        )


_UNSAID: Any = _Unsaid()


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _text(value: Any, words: FilterWords) -> str:
    if isinstance(value, (list, tuple)):
        return words.join([str(v) for v in value])
    return "" if value is None else str(value)


def _as_date(value: Any, today: Any, words: FilterWords) -> str:
    """The day the words name, as YYYY-MM-DD ('' when they name none or `today` is unknown)."""
    try:
        base = date.fromisoformat(str(today))
    except ValueError:
        return ""
    found = dates.resolve(_text(value, words), base, words.reading)
    return found.isoformat() if found is not None and found >= base else ""


def _as_day(value: Any, today: Any, words: FilterWords) -> str:
    """A YYYY-MM-DD date as 'Friday 11 December'; other words as they are."""
    try:
        day = date.fromisoformat(_text(value, words))
    except ValueError:
        return _text(value, words)
    try:
        base = date.fromisoformat(str(today))
    except ValueError:
        base = None
    return words.day(day, base)


# name -> (value, argument, the words, the client's local date `today` from the host) -> text
Filter = Callable[[Any, str | None, FilterWords, Any], str]
FILTERS: dict[str, Filter] = {
    "reflect": lambda v, a, w, _t: reflect(_text(v, w), a),
    "voice": lambda v, a, w, _t: voice(_text(v, w), a),
    "summary": lambda v, _a, w, _t: summary(_text(v, w)),
    "after": lambda v, a, w, _t: after(_text(v, w), a or ""),
    "own": lambda v, _a, w, _t: own(_text(v, w)),
    "said": lambda v, _a, w, _t: described(_text(v, w)),
    "topic": lambda v, a, w, _t: topic(_text(v, w), a or ""),
    "lower": lambda v, _a, w, _t: _text(v, w).lower(),
    "upper": lambda v, _a, w, _t: _text(v, w).upper(),
    "capitalize": lambda v, _a, w, _t: (lambda t: t[:1].upper() + t[1:])(_text(v, w)),
    "list": lambda v, a, w, _t: w.items(_as_list(v), a),
    "join": lambda v, a, w, _t: w.join(_as_list(v), a),
    "bullets": lambda v, _a, w, _t: w.bullets(_as_list(v)),
    "default": lambda v, a, w, _t: _text(v, w) if _as_list(v) else (a or ""),
    "quote": lambda v, _a, w, _t: w.quote(_text(v, w)),
    "date": lambda v, _a, w, t: _as_date(v, t, w),
    "day": lambda v, _a, w, t: _as_day(v, t, w),
}

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
    "join": "a list joined with words.yaml's list_separator (join: / gives 'a / b')",
    "bullets": "a list, one item per line, each as words.yaml's bullet says ('• item')",
    "default": "default:TEXT shows TEXT when the variable is empty or not saved yet",
    "quote": "the value in quotation marks, as words.yaml's quote says (nothing when empty)",
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

    def render(self, values: Mapping[str, Any], words: FilterWords | None = None) -> str:
        """The text with ``values`` filled in, written with ``words`` (the flow set's: the engine
        and the host pass them; a template that writes no list or date needs none)."""
        w = words if words is not None else _UNSAID
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = values.get(part.name)
            for name, arg in part.filters:
                value = FILTERS[name](value, arg, w, values.get("today"))
            out.append(_text(value, w))
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
