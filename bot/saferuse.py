"""What the safer-use flows (dialogs/saferuse/) read: the client's harm-reduction lines.

The lines are the crisis resources (dialogs/safety/resources.yaml) that are for overdose and
medical help in the client's country — Never Use Alone, NORS, FRANK ... — worded the way the
crisis replies word them, so a number is written once and checked once.
"""

from __future__ import annotations

from bot.safety import SafetyConfig
from bot.safety.response import _line as worded

HARM_REDUCTION = "overdose_medical"


def saferuse_context(safety: SafetyConfig | None, country: str | None) -> dict[str, str]:
    """`harm_reduction` (one line per service, "" when none is listed for the country) and
    `emergency` (the country's emergency number, "" when unknown)."""
    if safety is None:
        return {"harm_reduction": "", "emergency": ""}
    place = safety.resources.lookup(country)
    lines = [line for line in place.lines if line.topics and line.serves(HARM_REDUCTION)]
    return {
        "harm_reduction": "\n".join(worded(line, safety.messages) for line in lines),
        "emergency": place.emergency,
    }
