"""The crisis screen: one call per free-text message, before any flow logic.

Three readers:

- the rules (rules.yaml): words and phrases that name a crisis;
- the n-gram layer (model.py): word and letter pieces; it orders the categories the rules found
  and tells a framed rule match that reads as ordinary talk;
- the reader (reader.py), a small pretrained sentence encoder: it screens a message the others
  left when it reads plainly as a crisis. It never silences them: it misread clear crisis lines
  the others caught ("it's for ending things") as everyday talk.

The tier says how the bot answers: "full" (the crisis reply at once) when a rule matched in the
present tense; "ask" ("Are you safe right now?" first) when only a learned layer fired, or every
rule match was negated or in a softer frame (the past, a story or film, a question about a drug), or
only rules marked `ask:` matched plainly, or a wish is said now after a frame told in another
clause (`frames: present:`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import ModelVerdict, ScreenModel
from .reader import Reader
from .rules import CATEGORIES, Rules, load_rules

__all__ = ["CATEGORIES", "Rules", "Verdict", "load_rules", "screen", "screen_all"]

FULL, ASK = "full", "ask"


@dataclass(frozen=True)
class Verdict:
    """What the screen found. ``negated`` is True when every rule match was negated ("I'm not
    suicidal, but ..."). ``categories``: every category found, the deciding one first (the
    reply carries each one's resources). ``layer``: rules, model or both."""

    category: str
    rule: str
    negated: bool = False
    categories: tuple[str, ...] = ()
    layer: str = "rules"
    tier: str = ""
    framed: bool = False  # the rule matches were in the past, a story or a question
    risk: bool = False  # the overdose danger found is ahead (using alone, a mix), none of it now

    def __post_init__(self) -> None:
        if not self.categories:
            object.__setattr__(self, "categories", (self.category,))
        if not self.tier:
            soft = self.negated or self.framed or self.layer == "model"
            object.__setattr__(self, "tier", ASK if soft else FULL)

    def to_json(self) -> dict:
        return {
            "category": self.category,
            "rule": self.rule,
            "negated": self.negated,
            "categories": list(self.categories),
            "layer": self.layer,
            "tier": self.tier,
        }


# A rule match in a soft frame (the past, a story, the news, a question about a drug) is only
# context: when the learned layer reads the whole message as ordinary talk (a crisis score under
# this bar, far below its own threshold and below every framed crisis message measured), it is
# clearly benign and nothing fires ("i overdosed back in 2018, that was my wake up call").
CONTEXT_BAR = 0.5
# The reader alone screens a message only when the n-gram layer reads at least this much crisis
# in it: a typing slip in everyday talk ("i wat a quet life") can read as a crisis to the reader,
# whose word pieces change with a letter; the n-gram layer's letter pieces hardly do. With this
# bar, everyday lines typed with slips fire at most 1 % (tests/safety/test_typed_variants.py).
LEANING = 0.1
# A denial and nothing else ("I'm not suicidal", "I'm not going to hurt her", up to this many
# words) is asked about whatever the learned layer reads: said unasked, it is reason enough to
# check. Longer messages go on to say what is wrong instead ("... just tired from nights").
BARE_DENIAL = 6
# A mark of everyday talk beside a rule match (`frames: everyday:`: someone fine now, care going to
# plan, a film) silences the rules when the learned layer reads the message as ordinary talk
# under this bar: far under CONTEXT_BAR, because these marks stand beside crisis words more often
# than a past frame does (docs/safety-figures.md, "Everyday marks").
EVERYDAY_BAR = 0.15
# When both layers fire, a category the rules did not name joins the reply only when the model is
# this sure of it ("stopped drinking 2 days ago and took a load of xanax": withdrawal too). On
# the blind batches it never trained on, 0.7 against 0.9 named every category of 264 of 325
# several-category lines (254), and the own category of 10 more of 1,980 one-category lines
# while adding another to 9: an extra card costs less than a missing one (a fit after tramadol
# without the overdose card). Lower bars added more wrong categories than right ones.
SECOND_OPINION = 0.7


def screen(
    text: str, rules: Rules, model: ScreenModel | None = None, reader: Reader | None = None
) -> Verdict | None:
    """The verdict for one message, or None when no layer fires."""
    return screen_all([text], rules, model, reader)[0]


def screen_all(
    texts: Sequence[str],
    rules: Rules,
    model: ScreenModel | None = None,
    reader: Reader | None = None,
) -> list[Verdict | None]:
    """The verdict for each message: the reader reads together those it is asked about
    (faster in batches; a message reads the same in a batch as alone)."""
    ngram: list[ModelVerdict | None] = []
    verdicts: list[Verdict | None] = []
    for text in texts:  # one message at a time: the normaliser keeps the last text it read
        ngram.append(_assess(text, rules, model))
        verdicts.append(_screen(text, rules, model, ngram[-1]))
    if reader is None:
        return verdicts
    asked = [i for i, (v, n) in enumerate(zip(verdicts, ngram, strict=True)) if _asks(v, n)]
    for i, reading in zip(asked, reader.read_all([texts[i] for i in asked]), strict=True):
        if reading is not None and reading.score >= reader.fire:
            kinds = _model_categories(texts[i], rules, reading)
            verdicts[i] = Verdict(kinds[0], "reader", False, kinds, "model")
    return verdicts


def _asks(verdict: Verdict | None, ngram: ModelVerdict | None) -> bool:
    """Whether the reader reads a message (docs/safety.md, "The reader"): only when nothing
    else screened it and the n-gram layer leans towards a crisis (LEANING), or could not read
    it. Most everyday messages are never read (the reader costs milliseconds, the rest
    microseconds), and what the rules or the n-gram layer screened stays screened: the reader
    only adds, with the "Are you safe right now?" question first."""
    return verdict is None and (ngram is None or ngram.score >= LEANING)


def _assess(text: str, rules: Rules, model: ScreenModel | None) -> ModelVerdict | None:
    """The n-gram layer's reading of the repaired text (None: too short, or no model)."""
    return model.assess(rules.normaliser.repair(text)) if model is not None and text else None


def _screen(
    text: str, rules: Rules, model: ScreenModel | None, reading: ModelVerdict | None
) -> Verdict | None:
    """The rules' and the n-gram layer's verdict, with the n-gram layer's ``reading``."""
    if not text:
        return None
    found = screen_rules(text, rules, dict(reading.kinds) if reading is not None else None)
    fired = (
        reading
        if model is not None and reading is not None and reading.score >= model.threshold
        else None
    )
    if found is None:
        if fired is None:
            return None
        kinds = _model_categories(text, rules, fired)
        return Verdict(kinds[0], "model", False, kinds, "model")
    if found.framed and reading is not None and reading.score < CONTEXT_BAR:
        bare_denial = found.negated and len(text.split()) <= BARE_DENIAL
        if not bare_denial and not rules.lingers(text):
            return None
    if _everyday(text, rules, found, reading):
        return None
    if fired is None:
        return found
    more = tuple(c for c in fired.sure_of(SECOND_OPINION) if c not in found.categories)
    return Verdict(
        found.category,
        found.rule,
        found.negated,
        found.categories + more,
        "both",
        found.tier,
        framed=found.framed,
        risk=found.risk,
    )


def _everyday(text: str, rules: Rules, found: Verdict, reading: ModelVerdict | None) -> bool:
    """A rule match the message marks as everyday talk, which the learned layer reads as
    ordinary too. Never when only `ask:` rules matched plainly (they ask whatever a frame or
    the model says, even when a framed rule decides beside them: "I overdosed years ago, I'm
    back at work now. standing on the railway bridge"), nor a `first:` rule (intent to die: no
    everyday line that fired was one), nor the past still weighing now (`lingers:`)."""
    if reading is None or reading.score >= EVERYDAY_BAR:
        return False
    if found.rule in rules.first:
        return False
    if found.tier == ASK and not (found.framed or found.negated):
        return False  # only `ask:` rules matched plainly, whichever rule decides
    return rules.everyday_talk(rules.normaliser.normalise(text)) and not rules.lingers(text)


def _model_categories(text: str, rules: Rules, reading: ModelVerdict) -> tuple[str, ...]:
    """The categories when only the model fired: those the rules' `hints:` name in the message
    (the model's likelier first), then the model's own picks."""
    scores = dict(reading.kinds)
    hinted = sorted(
        rules.hinted(rules.normaliser.normalise(text)),
        key=lambda category: -scores.get(category, 0.0),
    )
    return tuple(dict.fromkeys([*hinted, *reading.categories]))


def screen_rules(
    text: str, rules: Rules, kinds: Mapping[str, float] | None = None
) -> Verdict | None:
    """The rules' verdict.

    When several rules match: a plain statement wins over a negated one, a rule wins over a weak
    rule or one marked `ask:` (wording that is a crisis or everyday talk: when only such rules
    match, the bot asks "Are you safe right now?" first, whatever a frame or the model says), a
    rule marked `first:` (intent to die: "od on purpose") over the others, and then the category
    the message is most about: the one the learned layer's reading of its kind (``kinds``, each
    category's own score) scores highest, or without it the category listed first in the rules
    file. Every other category with a plain match is named too, in the rules file's order, so
    that the reply carries its resources (the overdose card whenever overdose is among them).
    """
    norm = rules.normaliser.normalise(text)
    if not norm.text:
        return None
    best: tuple[bool, bool, bool, float, int, bool] | None = None
    best_in: dict[str, tuple[bool, bool, bool, float, int, bool]] = {}  # each category's best
    verdict = None
    plain: dict[str, bool] = {}  # category -> weak only
    # every plain match lies in a question put to someone else or in a framed sentence (the
    # past, a story, a question about a drug: each sentence read on its own)
    soft_only = True
    # a plain match of a rule not marked `ask:`, outside any frame: the full reply at once
    full = False
    for category, rule_id, negated, weak, soft, now in rules.matches(norm):
        asking = rule_id in rules.ask or now
        soft_only = soft_only and (negated or (soft and not asking))
        full = full or not (negated or soft or asking)
        # a danger ahead (risk:) decides only when nothing in its category says "now"
        key = (
            negated,
            weak or asking,
            rule_id not in rules.first,
            -kinds.get(category, 0.0) if kinds else 0.0,
            rules.priority[category],
            rule_id in rules.risk,
        )
        if not negated:
            plain[category] = plain.get(category, True) and weak
        if category not in best_in or key < best_in[category]:
            best_in[category] = key
        if best is None or key < best:
            best, verdict = key, (category, rule_id, negated)
    if verdict is None:
        return None
    category, rule_id, negated = verdict
    strong = [c for c, weak_only in plain.items() if not weak_only]
    others = sorted(
        (c for c in (strong or plain) if c != category), key=lambda c: rules.priority[c]
    )
    # only `ask:` rules matched plainly (beside negated or framed matches): ask first, and no
    # frame or reading of the learned layer silences it
    asking = not negated and not soft_only and not full
    named = (category, *others)
    return Verdict(
        category,
        rule_id,
        negated,
        named,
        "rules",
        ASK if asking else "",
        framed=soft_only,
        # a category's best match names a danger ahead (overdose: using alone, a mix)
        risk=any(best_in[c][-1] for c in named),
    )
