"""The kinds of wording the screen was weakest on (docs/safety-figures.md, seventh round):
jokes masking intent, questions with the means at hand, passive wording beside a plan, long
messages with the crisis in the middle; and the everyday messages close to them."""

from __future__ import annotations

from pathlib import Path

KINDS = Path(__file__).resolve().parent / "kinds7"


def lines(name: str) -> list[str]:
    text = (KINDS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_masked_and_means_at_hand_messages_are_caught(config):
    crisis = lines("crisis.txt")
    missed = [t for t in crisis if (v := config.screen(t)) is None or v.negated]
    # two joke-masked lines with no means word of their own are left to the learned layer
    assert len(missed) <= 2, missed


def test_a_question_or_passive_wish_beside_the_means_or_a_plan_is_answered_at_once(config):
    for text in (
        "how many floors does it need to be to be sure, i'm on the roof",
        "would the whole bottle be enough, it's right here in my bag",
        "how long would it take for 40 paracetamol to work, asking cos i have them here",
        "imagine if i just stopped existing, i have a plan",
        "what if i simply wasn't here anymore, i've worked out how",
        "the pills are counted out and i'm taking them once she's asleep",
    ):
        verdict = config.screen(text)
        assert verdict is not None and verdict.tier == "full", text


def test_the_same_questions_without_the_means_at_hand_are_not_a_crisis(config):
    for text in (
        "how long would it take for 40 paracetamol to damage the liver? we did it in class",
        "would the whole bottle be enough for a party of six?",
        "how many floors does a building need to be to count as a skyscraper",
        "imagine if i just stopped existing on social media for a month, bliss",
    ):
        verdict = config.screen(text)
        assert verdict is None or verdict.tier == "ask", text


def test_close_everyday_messages_rarely_fire(config):
    hard = lines("hard_negatives.txt")
    fired = [t for t in hard if config.screen(t) is not None]
    full = [t for t in fired if config.screen(t).tier == "full"]
    # 7 of 25 fire (4 asked first); in full: "lethal dose" of caffeine, sleeping "and not wake
    # up till monday", stopping existing on an app beside "a plan" (a rule's parts are far apart)
    assert len(full) <= 3, full
    assert len(fired) <= len(hard) // 3, fired
