"""Composing the crisis reply. Pure functions: a verdict, a country and the loaded files in,
a list of message texts out (each one Telegram message, each under 4096 characters).

crisis_reply, in order:
  1. one line that acknowledges each category found (or, for a negated statement, one gentle
     line);
  2. when overdose_medical is among them, the overdose card (call, check, naloxone, breathing,
     stay);
  3. the helplines for the client's country, those made for each category found first, and the
     emergency number, or the international directory when the country is unknown;
  4. the plain statement that this is an automated bot that cannot send help or watch the chat,
     and the offer to go on or stop.
A negated statement gets one short message: gentle line, helplines, the automated statement.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .messages import Messages, load_messages
from .resources import CountryResources, CrisisLine, Resources
from .screen import Verdict

DEFAULT_MESSAGES = Path(__file__).resolve().parents[2] / "dialogs" / "safety" / "messages.yaml"


@lru_cache(maxsize=1)
def _default_messages() -> Messages:
    return load_messages(DEFAULT_MESSAGES)


def crisis_reply(
    verdict: Verdict, country: str | None, resources: Resources, messages: Messages | None = None
) -> list[str]:
    """The texts to send, in order, when the screen returned ``verdict``."""
    m = messages or _default_messages()
    place = resources.lookup(country)
    emergency = _emergency(place, m)
    if verdict.negated:
        return [
            _join(
                m.fill("gentle", emergency=emergency),
                _resources_block(place, resources, m, None),
                m.text("automated"),
            )
        ]
    categories = verdict.categories or (verdict.category,)
    lines = [
        m.fill(_acknowledge(verdict, category), emergency=emergency) for category in categories
    ]
    out = ["\n\n".join(_said_once(lines))]
    if "overdose_medical" in categories:
        out.append(_overdose_card(emergency, m))
    out.append(_resources_block(place, resources, m, categories))
    out.append(_join(m.text("automated"), m.text("offer")))
    return out


HARM_REDUCTION = "overdose_medical"  # the services that are for overdose and medical help


def harm_reduction(country: str | None, resources: Resources, m: Messages) -> dict[str, str]:
    """What the safer-use flows (dialogs/saferuse/) read: `harm_reduction`, the country's
    overdose and medical services (Never Use Alone, NORS, FRANK ...) one a line, worded as the
    crisis replies word them ("" when none is listed), and `emergency` ("" when unknown)."""
    place = resources.lookup(country)
    lines = [line for line in place.lines if line.topics and line.serves(HARM_REDUCTION)]
    return {
        "harm_reduction": "\n".join(_line(line, m) for line in lines),
        "emergency": place.emergency,
    }


def fine_reply(
    country: str | None, resources: Resources, messages: Messages | None = None
) -> list[str]:
    """For "I'm fine / you misunderstood": the helplines once more and an offer of a check-in.
    It never closes the path silently; the host offers the check-in (yes / no thanks)."""
    m = messages or _default_messages()
    place = resources.lookup(country)
    return [
        _join(m.text("fine.intro"), m.text("fine.again")),
        _join(_resources_block(place, resources, m, None), m.text("automated")),
        m.text("fine.checkin"),
    ]


def _said_once(lines: list[str]) -> list[str]:
    """The acknowledgements with an opening sentence an earlier one already said left out
    ("Thank you for telling me." once, when suicide and violence are answered together)."""
    said: set[str] = set()
    out = []
    for line in lines:
        opening, stop, rest = line.partition(". ")
        if stop and rest and opening in said:
            line = rest
        said.add(opening)
        out.append(line)
    return out


def _acknowledge(verdict: Verdict, category: str) -> str:
    """The first line's key: a danger ahead (using alone, a mix) is met with staying safe."""
    if verdict.risk and category == "overdose_medical":
        return "acknowledge_risk"
    return f"acknowledge.{category}"


def _emergency(place: CountryResources, m: Messages) -> str:
    return m.text("unknown_emergency") if place.is_fallback else place.emergency


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _overdose_card(emergency: str, m: Messages) -> str:
    steps = m.fill_all("overdose_card.steps", emergency=emergency)
    lines = [m.fill("overdose_card.title", emergency=emergency)]
    lines += [f"{number}. {step}" for number, step in enumerate(steps, 1)]
    lines.append(m.fill("overdose_card.warning", emergency=emergency))
    return "\n".join(lines)


def _resources_block(
    place: CountryResources, resources: Resources, m: Messages, categories: tuple[str, ...] | None
) -> str:
    if place.is_fallback:
        directory = resources.directory
        return m.fill("directory", name=directory.name, url=directory.url)
    lines = [m.fill("resources_intro", country=place.name)]
    chosen: list[CrisisLine] = []
    for category in categories or (None,):
        chosen += [line for line in place.lines_for(category) if line not in chosen]
    special = [line for line in chosen if line.topics]  # each category's own lines first
    lines += [_line(line, m) for line in special + [other for other in chosen if not other.topics]]
    return _join("\n".join(lines), m.fill("emergency", emergency=place.emergency))


def _line(line: CrisisLine, m: Messages) -> str:
    ways = []
    if line.call:
        ways.append(m.fill("contact.call", number=line.call))
    if line.text:
        ways.append(m.fill("contact.text", number=line.text))
    if line.chat:
        ways.append(m.fill("contact.chat", address=line.chat))
    if line.email:
        ways.append(m.fill("contact.email", address=line.email))
    if len(ways) > 1:
        contact = ", ".join(ways[:-1]) + f" {m.text('contact.or')} " + ways[-1]
    else:
        contact = ways[0]
    return m.fill(
        "resource_line",
        name=line.name,
        contact=contact,
        hours=line.hours,
        languages=", ".join(line.languages),
    )
