"""Crisis resources per country (dialogs/safety/resources.yaml): loading, checking, lookup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.engine.problems import ContentError, Problem, unknown_key
from bot.engine.yamlfile import LocatedDict, LocatedList, YamlProblem, parse_yaml

from .rules import CATEGORIES

STALE_AFTER_DAYS = 365

TOP_KEYS = ("directory", "aliases", "countries")
DIRECTORY_KEYS = ("name", "url", "last_checked", "source", "verified_by")
COUNTRY_KEYS = ("name", "emergency", "lines")
LINE_KEYS = (
    "name",
    "call",
    "text",
    "chat",
    "email",
    "hours",
    "languages",
    "for",
    "last_checked",
    "source",
    "verified_by",
)
CONTACT_KEYS = ("call", "text", "chat", "email")

_CODE = re.compile(r"[A-Z]{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class CrisisLine:
    name: str
    hours: str
    last_checked: date
    call: str | None = None
    text: str | None = None
    chat: str | None = None
    email: str | None = None
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # categories this line is for; empty = every crisis
    source: str | None = None
    verified_by: str | None = None

    def serves(self, category: str | None) -> bool:
        """True if the line belongs in a reply about ``category`` (None: a general reply)."""
        return not self.topics or (category is not None and category in self.topics)


@dataclass(frozen=True)
class CountryResources:
    code: str | None  # None for the fallback (country unknown)
    name: str
    emergency: str
    lines: tuple[CrisisLine, ...] = ()

    @property
    def is_fallback(self) -> bool:
        return self.code is None

    def lines_for(self, category: str | None) -> list[CrisisLine]:
        """Lines for this category: the ones made for it first, then the general ones."""
        special = [line for line in self.lines if line.topics and line.serves(category)]
        general = [line for line in self.lines if not line.topics]
        return special + general


@dataclass(frozen=True)
class Directory:
    name: str
    url: str
    last_checked: date


FALLBACK = CountryResources(None, "", "")


@dataclass(frozen=True)
class Resources:
    countries: dict
    directory: Directory
    aliases: dict

    def lookup(self, country: str | None) -> CountryResources:
        """Resources for an ISO country code ("gb", "GB", "en-GB", "UK" alias); the fallback
        (``is_fallback``: show the international directory) when unknown or missing."""
        if not country or not isinstance(country, str):
            return FALLBACK
        code = re.split(r"[-_]", country.strip())[-1].upper()
        code = self.aliases.get(code, code)
        return self.countries.get(code, FALLBACK)


# -- loading ----------------------------------------------------------------------------------
class _Checker:
    def __init__(self, path: str, today: date) -> None:
        self.path = path
        self.today = today
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, pos: tuple[int, int], hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, self.path, pos[0], pos[1], hint))

    def keys(self, data: LocatedDict, allowed: Sequence[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.problems.append(unknown_key(key, allowed, where, self.path, data.where(key)))

    def text(self, data: LocatedDict, key: str, where: str, required: bool = True) -> str | None:
        if key not in data:
            if required:
                self.add("BS603", f"{where} has no '{key}:'", data.pos, f"add '{key}:'")
            return None
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a number written without quotes, like 988
        if not isinstance(value, str) or not value.strip():
            self.add(
                "BS603",
                f"'{key}' of {where} must be a text",
                data.where_value(key),
                'put it in quotes, like "116 123"',
            )
            return None
        return value.strip()

    def checked_date(self, data: LocatedDict, where: str) -> date | None:
        raw = self.text(data, "last_checked", where)
        if raw is None:
            return None
        pos = data.where_value("last_checked")
        try:
            if not _DATE.fullmatch(raw):
                raise ValueError
            day = date.fromisoformat(raw)
        except ValueError:
            self.add(
                "BS603",
                f"last_checked '{raw}' of {where} is not a date",
                pos,
                "write it as YYYY-MM-DD, like 2026-11-26",
            )
            return None
        if day > self.today:
            self.add(
                "BS603",
                f"last_checked {raw} of {where} is in the future",
                pos,
                "write the day the entry was really checked",
            )
        elif (self.today - day).days > STALE_AFTER_DAYS:
            self.add(
                "BS602",
                f"{where} was last checked on {raw}, more than a year ago",
                pos,
                "call the line or check its website, then update last_checked",
            )
        if "verified_by" not in data:
            self.add(
                "BS602",
                f"{where} has not been verified by the program yet",
                pos,
                "once someone has called or checked it, add verified_by: with their name "
                "or role, and update last_checked",
            )
        return day


def build_resources(
    source: bytes | str, path: str, today: date | None = None
) -> tuple[Resources | None, list[Problem]]:
    """Read the resources file. Returns the resources (None on errors) and all problems."""
    today = today or date.today()
    try:
        data = parse_yaml(source, path)
    except YamlProblem as err:
        return None, [err.problem]
    c = _Checker(path, today)
    if not isinstance(data, LocatedDict):
        c.add(
            "BS102",
            "the resources file must be a mapping with 'countries:' and 'directory:'",
            (1, 1),
            "start from dialogs/safety/resources.yaml",
        )
        return None, c.problems
    c.keys(data, TOP_KEYS, "the resources file")

    directory = None
    raw = data.get("directory")
    if raw is None:
        c.add(
            "BS103",
            "the resources file has no 'directory:' (the fallback for unknown countries)",
            (1, 1),
            "add an international directory such as https://findahelpline.com",
        )
    elif not isinstance(raw, LocatedDict):
        c.add(
            "BS102",
            "'directory' must be a mapping with name, url and last_checked",
            data.where_value("directory"),
        )
    else:
        c.keys(raw, DIRECTORY_KEYS, "directory")
        name = c.text(raw, "name", "the directory")
        url = c.text(raw, "url", "the directory")
        checked = c.checked_date(raw, "the directory")
        if url and not url.startswith("https://"):
            c.add(
                "BS603", f"directory url '{url}' must start with https://", raw.where_value("url")
            )
        if name and url and checked:
            directory = Directory(name, url, checked)

    aliases: dict[str, str] = {}
    raw = data.get("aliases", LocatedDict())
    if not isinstance(raw, LocatedDict):
        c.add("BS102", "'aliases' must be a mapping like UK: GB", data.where_value("aliases"))
        raw = LocatedDict()

    countries: dict[str, CountryResources] = {}
    raw_countries = data.get("countries")
    if raw_countries is None:
        c.add(
            "BS103",
            "the resources file has no 'countries:'",
            (1, 1),
            "add countries with their crisis lines",
        )
        raw_countries = LocatedDict()
    elif not isinstance(raw_countries, LocatedDict):
        c.add(
            "BS102",
            "'countries' must be a mapping of country code: details",
            data.where_value("countries"),
        )
        raw_countries = LocatedDict()
    for code, entry in raw_countries.items():
        country = _country(c, raw_countries, code, entry)
        if country is not None and country.code is not None:  # only the fallback has no code
            countries[country.code] = country

    for alias, target in raw.items():
        if not isinstance(alias, str) or not _CODE.fullmatch(alias):
            c.add("BS603", f"alias '{alias}' must be two capital letters", raw.where(alias))
        elif not isinstance(target, str) or target not in raw_countries:
            c.add(
                "BS603",
                f"alias {alias} points to '{target}', which is not in countries",
                raw.where_value(alias),
                "point it at a country code listed under countries:",
            )
        else:
            aliases[alias] = target

    if any(p.is_error for p in c.problems) or directory is None:
        return None, c.problems
    return Resources(countries, directory, aliases), c.problems


def _country(
    c: _Checker, parent: LocatedDict, code: object, entry: object
) -> CountryResources | None:
    where = f"country {code}"
    if not isinstance(code, str) or not _CODE.fullmatch(code) or code == "UK":
        hint = (
            "the United Kingdom is GB"
            if str(code).upper() == "UK"
            else "use the two-letter ISO code in capitals, like US, GB, IE"
        )
        c.add("BS603", f"'{code}' is not a country code", parent.where(code), hint)
        return None
    if not isinstance(entry, LocatedDict):
        c.add(
            "BS102",
            f"{where} must be a mapping with name, emergency and lines",
            parent.where_value(code),
        )
        return None
    c.keys(entry, COUNTRY_KEYS, where)
    name = c.text(entry, "name", where)
    emergency = c.text(entry, "emergency", where)
    lines: list[CrisisLine] = []
    raw_lines = entry.get("lines")
    if not isinstance(raw_lines, LocatedList) or not raw_lines:
        c.add(
            "BS603",
            f"{where} needs at least one crisis line under 'lines:'",
            entry.where_value("lines") if "lines" in entry else entry.pos,
            "each line starts with '- name: ...'",
        )
        raw_lines = LocatedList()
        raw_lines.pos, raw_lines.item_pos = entry.pos, []
    for index, raw in enumerate(raw_lines):
        line = _line(c, raw_lines, index, raw, f"{where}, line {index + 1}")
        if line is not None:
            lines.append(line)
    if name is None or emergency is None:
        return None
    return CountryResources(code, name, emergency, tuple(lines))


def _line(
    c: _Checker, parent: LocatedList, index: int, raw: object, where: str
) -> CrisisLine | None:
    if not isinstance(raw, LocatedDict):
        c.add(
            "BS102",
            f"{where} must be a mapping with name, a contact, hours and last_checked",
            parent.where(index),
        )
        return None
    c.keys(raw, LINE_KEYS, where)
    name = c.text(raw, "name", where)
    if name:
        where = f"{where} ({name})"
    hours = c.text(raw, "hours", where)
    contacts = {key: c.text(raw, key, where, required=False) for key in CONTACT_KEYS}
    if not any(contacts.values()) and not any(key in raw for key in CONTACT_KEYS):
        c.add(
            "BS603",
            f"{where} has no way to reach it",
            raw.pos,
            "add at least one of call:, text:, chat:, email:",
        )
    chat = contacts.get("chat")
    if chat and not re.match(r"(https://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", chat):
        c.add(
            "BS603",
            f"chat '{chat}' of {where} is not a web address",
            raw.where_value("chat"),
            "write the address of the chat page, like 988lifeline.org/chat",
        )
    languages: tuple[str, ...] = ()
    if "languages" in raw:
        value = raw["languages"]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            c.add(
                "BS603",
                f"languages of {where} must be a list of language names",
                raw.where_value("languages"),
                "like: [English, Spanish]",
            )
        else:
            languages = tuple(v.strip() for v in value)
    else:
        c.add("BS603", f"{where} has no 'languages:'", raw.pos, "add languages: [English]")
    topics: tuple[str, ...] = ()
    if "for" in raw:
        value = raw["for"]
        if not isinstance(value, list) or not value:
            c.add(
                "BS102",
                f"'for' of {where} must be a list of categories",
                raw.where_value("for"),
                "like: [violence_abuse]; leave it out for a line that serves every crisis",
            )
        else:
            for item in value:
                if item not in CATEGORIES:
                    c.add(
                        "BS105",
                        f"'{item}' in 'for' of {where} is not a category",
                        raw.where_value("for"),
                        "categories: " + ", ".join(CATEGORIES),
                    )
            topics = tuple(v for v in value if v in CATEGORIES)
    checked = c.checked_date(raw, where)
    if not name or not hours or checked is None or not any(contacts.values()):
        return None
    return CrisisLine(
        name=name,
        hours=hours,
        last_checked=checked,
        languages=languages,
        topics=topics,
        source=c.text(raw, "source", where, required=False),
        verified_by=c.text(raw, "verified_by", where, required=False),
        **contacts,
    )


def check_resources_file(
    path: str | Path, today: date | None = None
) -> tuple[Resources | None, list[Problem]]:
    path = Path(path)
    try:
        source = path.read_bytes()
    except OSError as err:
        return None, [
            Problem(
                "BS007",
                f"cannot read the resources file ({err.strerror})",
                str(path),
                0,
                0,
                "check the path to the crisis resources file",
            )
        ]
    return build_resources(source, str(path), today)


def load_resources(path: str | Path, today: date | None = None) -> Resources:
    """Read the resources file; ContentError lists every problem if it is broken."""
    resources, problems = check_resources_file(path, today)
    if resources is None:
        raise ContentError([p for p in problems if p.is_error] or problems)
    return resources
