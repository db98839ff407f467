"""Questions put to someone else about what happened, and counsellor-style talk: context, not a
crisis ("ask, don't alarm"). A client who says it is happening to them is still answered at once.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import SafetyConfig

PARTNER_CORPUS = Path(__file__).resolve().parents[1] / "partner" / "corpus"


@pytest.mark.parametrize("text", [
    "has your brother ever od'd?",
    "So did you ring 999 when she collapsed?",
    "were you ever hit by your stepdad growing up?",
    "how many times has he had a seizure coming off the drink?",
    "what happened the time you overdosed in the squat?",
    "carrying naloxone cuts the risk of an overdose turning fatal",
    "the chemist hands out narcan for free, no questions asked",
])
def test_a_question_about_what_happened_is_never_the_full_reply(config: SafetyConfig,
                                                                 text: str) -> None:
    verdict = config.screen(text)
    assert verdict is None or verdict.tier == "ask", verdict


@pytest.mark.parametrize("text", [
    "i think i'm overdosing",
    "did you get my message? i've taken all my pills",
    "did you know my dad hits me",                      # about oneself: never only a question
    "have you ever overdosed? because my mate isn't breathing",
    "has he ever hit you? he's hitting me right now",
])
def test_a_crisis_beside_a_question_is_still_answered_at_once(config: SafetyConfig,
                                                               text: str) -> None:
    verdict = config.screen(text)
    assert verdict is not None and verdict.tier == "full", (text, verdict)


def _lines(name: str) -> list[str]:
    rows = (raw.split("\t", 1) for raw in
            (PARTNER_CORPUS / name).read_text(encoding="utf-8").splitlines()
            if raw.strip() and not raw.startswith("#"))
    return [row[1] for row in rows if len(row) == 2]


def test_ordinary_counsellor_lines_rarely_stop_the_practice(config: SafetyConfig) -> None:
    """The practice partner's held-out counsellor lines (never in the screen's training data):
    trainees type lines like these in /practise, and each one is screened. Before the
    counsellor corpus, the asked frame and the frames for overdose information, 53 of 760
    fired (7.0 %), 13 with the full reply at once; after, 13 (1.7 %), none at once."""
    lines = [line for name in ("heldout.tsv", "heldout_free.tsv", "heldout_blind.tsv")
             for line in _lines(name)]
    verdicts = [config.screen(line) for line in lines]
    fired = [v for v in verdicts if v is not None]
    full = [v for v in fired if v.tier == "full"]
    assert len(fired) <= 0.03 * len(lines), f"{len(fired)} of {len(lines)} fire"
    assert len(full) <= 0.01 * len(lines), f"{len(full)} of {len(lines)} get the full reply"
