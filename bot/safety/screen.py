"""The crisis screen: one call per free-text message, before any flow logic."""
from __future__ import annotations

from dataclasses import dataclass

from .rules import CATEGORIES, Rules, load_rules

__all__ = ["CATEGORIES", "Rules", "Verdict", "load_rules", "screen"]


@dataclass(frozen=True)
class Verdict:
    """What the screen found. ``negated`` is True when every match was negated
    ("I'm not suicidal, but ..."): the host then shows the gentle resource line."""

    category: str
    rule: str
    negated: bool = False

    def to_json(self) -> dict:
        return {"category": self.category, "rule": self.rule, "negated": self.negated}


def screen(text: str, rules: Rules) -> Verdict | None:
    """The verdict for one message, or None when no rule matches.

    When several rules match: a plain statement wins over a negated one, a rule wins over a
    weak rule, and then the category listed first in the rules file wins (overdose first: its
    card must be seen).
    """
    if not text:
        return None
    norm = rules.normaliser.normalise(text)
    if not norm.text:
        return None
    best: tuple[bool, bool, int] | None = None
    verdict = None
    for category, rule_id, negated, weak in rules.matches(norm):
        key = (negated, weak, rules.priority[category])
        if best is None or key < best:
            best, verdict = key, Verdict(category, rule_id, negated)
            if key == (False, False, 0):
                break
    return verdict
