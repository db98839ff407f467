"""One practice: the persona answers each coded reply; hints, feedback and the transcript.

The state is a small JSON dict kept in the conversation's variables (durable with it):
``{"persona", "goal", "client", "turns": [{"client", "line", "code", "confidence",
"better"}], "used": {pool: [index, ...]}, "asked": questions in a row}``. Everything here is
a pure function of that state, the content and the coder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .coder import ADHERENT, NON_ADHERENT, QUESTIONS, REFLECTIONS, Coder
from .content import POOLS, Line, Persona, Words

State = dict[str, Any]

# What the persona answers after each code; a third question in a row gets push-back.
POOL_OF_CODE = {
    "reflection.complex": "change_talk",
    "reflection.simple": "reflection_simple",
    "question.open": "question_open",
    "question.closed": "question_closed",
    "affirmation": "affirmation",
    "emphasizing_autonomy": "autonomy",
    "seeking_collaboration": "information",
    "giving_information": "information",
    "persuade": "push_back",
    "confront": "push_back",
    "other": "other",
}
QUESTION_RUN = 3
# When a pool has been used up: the nearest kind of answer that is left.
FALLBACK = {
    "change_talk": ("reflection_simple", "affirmation", "autonomy", "question_open"),
    "sustain_talk": ("push_back", "question_open", "reflection_simple"),
    "reflection_simple": ("question_open", "change_talk", "sustain_talk"),
    "question_open": ("reflection_simple", "sustain_talk", "change_talk"),
    "question_closed": ("other", "push_back", "sustain_talk"),
    "affirmation": ("autonomy", "change_talk", "reflection_simple"),
    "autonomy": ("affirmation", "change_talk", "information"),
    "information": ("question_open", "reflection_simple", "other"),
    "push_back": ("sustain_talk", "question_closed", "other"),
    "other": ("question_closed", "reflection_simple", "question_open"),
}
# The better move for a line, chosen to fit the goal: the order of replies that "worked".
WORKED_ORDER = (
    "reflection.complex",
    "emphasizing_autonomy",
    "affirmation",
    "reflection.simple",
    "seeking_collaboration",
    "question.open",
)
REDO_ORDER = (
    "confront",
    "persuade",
    "question.closed",
    "giving_information",
    "other",
    "question.open",
    "reflection.simple",
)


def begin(persona: Persona, goal: str) -> State:
    return {
        "persona": persona.id,
        "goal": goal,
        "client": persona.opening.say,
        "better": persona.opening.better,
        "turns": [],
        "used": {},
        "asked": 0,
    }


def pool_for(state: State, code: str) -> str:
    """Which kind of answer a reply gets (the goal shapes the answers to open questions)."""
    if code in QUESTIONS and state.get("asked", 0) + 1 >= QUESTION_RUN:
        return "push_back"
    pool = POOL_OF_CODE[code]
    if (
        pool == "question_open"
        and state.get("goal") == "sustain_talk"
        and len(state["turns"]) % 2 == 0
    ):
        return "sustain_talk"  # a client who argues for the status quo, to practise on
    return pool


def _pick(persona: Persona, used: dict[str, list[int]], pool: str) -> tuple[str, int, Line]:
    """The next line not yet said: from ``pool``, else the nearest pool, else any."""
    for name in (pool, *FALLBACK[pool], *POOLS):
        lines = persona.pools[name]
        taken = used.get(name, [])
        for index, line in enumerate(lines):
            if index not in taken:
                return name, index, line
    lines = persona.pools[pool]  # every line said (a very long practice): start over
    index = len(used.get(pool, [])) % len(lines)
    return pool, index, lines[index]


def reply(state: State, persona: Persona, line: str, coder: Coder) -> State:
    """The state after the trainee's ``line``: coded, and the persona's answer chosen."""
    coded = coder.code(line)
    pool = pool_for(state, coded.code)
    used = {k: list(v) for k, v in state.get("used", {}).items()}
    name, index, answer = _pick(persona, used, pool)
    used.setdefault(name, []).append(index)
    turn = {
        "client": state["client"],
        "better": state.get("better"),
        "line": line,
        "code": coded.code,
        "confidence": round(coded.confidence, 3),
    }
    asked = state.get("asked", 0) + 1 if coded.code in QUESTIONS else 0
    return {
        **state,
        "turns": [*state["turns"], turn],
        "used": used,
        "asked": asked,
        "client": answer.say,
        "better": answer.better,
    }


def hint(state: State, persona: Persona, words: Words) -> str:
    if not state.get("turns"):
        return words.say("hint_none", name=persona.name)
    last = state["turns"][-1]
    text = words.say(
        "hint",
        line=last["line"],
        code=words.say(f"code.{last['code']}"),
        tip=words.say(f"tip.{last['code']}"),
    )
    if last["code"] == "reflection.complex":
        return text
    better = last.get("better")
    extra = (
        words.say("hint_better", better=better)
        if better
        else words.say("hint_generic", name=persona.name)
    )
    return f"{text}\n\n{extra}"


@dataclass(frozen=True)
class Scores:
    reflections: int
    complex: int
    questions: int
    open: int
    adherent: int
    non_adherent: int

    @classmethod
    def of(cls, state: State) -> Scores:
        codes = [t["code"] for t in state.get("turns", [])]
        return cls(
            sum(c in REFLECTIONS for c in codes),
            codes.count("reflection.complex"),
            sum(c in QUESTIONS for c in codes),
            codes.count("question.open"),
            sum(c in ADHERENT for c in codes),
            sum(c in NON_ADHERENT for c in codes),
        )

    def measures(self) -> dict[str, float | None]:
        """The four figures (None where nothing was counted)."""
        return {
            "ratio": self.reflections / self.questions if self.questions else None,
            "open": self.open / self.questions if self.questions else None,
            "complex": self.complex / self.reflections if self.reflections else None,
            "adherent": (
                self.adherent / (self.adherent + self.non_adherent)
                if self.adherent + self.non_adherent
                else None
            ),
        }


def level(value: float, fair: float, good: float) -> str:
    return "good" if value >= good - 1e-9 else "fair" if value >= fair - 1e-9 else "below"


def _percent(value: float, words: Words) -> str:
    return words.say("percent", value=round(value * 100))


def _number(value: float, words: Words) -> str:
    """One decimal at most, written with the words' decimal point: 2, 1.5."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", words.say("decimal_point"))


def feedback(state: State, persona: Persona, words: Words) -> str:
    scores = Scores.of(state)
    measures = scores.measures()
    th = words.thresholds
    said = lambda key: words.say(f"level.{key}")  # noqa: E731
    parts = [words.say("feedback_title", name=persona.name, count=len(state.get("turns", [])))]
    ratio = measures["ratio"]
    if ratio is None:
        parts.append(
            words.say(
                "feedback_ratio_none",
                reflections=scores.reflections,
                level=said("good" if scores.reflections else "below"),
            )
        )
    else:
        fair, good = th["ratio"]
        parts.append(
            words.say(
                "feedback_ratio",
                ratio=_number(ratio, words),
                reflections=scores.reflections,
                questions=scores.questions,
                fair=_number(fair, words),
                good=_number(good, words),
                level=said(level(ratio, fair, good)),
            )
        )
    for key, value in (("open", measures["open"]), ("complex", measures["complex"])):
        if value is None:
            parts.append(words.say(f"feedback_{key}_none"))
            continue
        fair, good = th[key]
        parts.append(
            words.say(
                f"feedback_{key}",
                share=_percent(value, words),
                fair=_percent(fair, words),
                good=_percent(good, words),
                level=said(level(value, fair, good)),
            )
        )
    share = measures["adherent"]
    if share is None:
        parts.append(words.say("feedback_adherent_none"))
    else:
        fair, good = th["adherent"]
        parts.append(
            words.say(
                "feedback_adherent",
                adherent=scores.adherent,
                non_adherent=scores.non_adherent,
                share=_percent(share, words),
                fair=_percent(fair, words),
                good=_percent(good, words),
                level=said(level(share, fair, good)),
            )
        )
    worked, redo = choose_lines(state)
    if worked:
        parts.append(
            "\n".join(
                [words.say("feedback_worked")]
                + [
                    words.say(
                        "feedback_worked_line", line=t["line"], code=words.say(f"code.{t['code']}")
                    )
                    for t in worked
                ]
            )
        )
    else:
        parts.append(words.say("feedback_worked_none"))
    if redo is not None:
        better = redo.get("better") or words.say("hint_generic", name=persona.name)
        parts.append(
            words.say("feedback_redo")
            + "\n"
            + words.say(
                "feedback_redo_line",
                line=redo["line"],
                code=words.say(f"code.{redo['code']}"),
                better=better,
            )
        )
    else:
        parts.append(words.say("feedback_redo_none"))
    return "\n\n".join(parts)


def choose_lines(state: State) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Up to two replies that worked (best kinds first, surest codes first) and one to redo."""
    turns = state.get("turns", [])
    ranked = sorted(
        (t for t in turns if t["code"] in WORKED_ORDER),
        key=lambda t: (WORKED_ORDER.index(t["code"]), -t["confidence"]),
    )
    worked = ranked[:2]
    chosen = {id(t) for t in worked}
    candidates = sorted(
        (t for t in turns if t["code"] in REDO_ORDER and id(t) not in chosen),
        key=lambda t: (REDO_ORDER.index(t["code"]), -t["confidence"]),
    )
    return worked, candidates[0] if candidates else None


def transcript(state: State, persona: Persona, words: Words) -> str:
    """The whole practice as text, each reply with its code, for supervision."""
    goal = words.say(f"goal.{state.get('goal') or 'reflections'}")
    lines = [
        words.say("transcript_title", name=persona.name),
        words.say(
            "transcript_about",
            name=persona.name,
            substance=persona.substance,
            stage=persona.stage,
            goal=goal,
        ),
        "",
    ]
    for turn in state.get("turns", []):
        lines.append(words.say("transcript_client", name=persona.name, line=turn["client"]))
        lines.append(
            words.say(
                "transcript_you",
                line=turn["line"],
                code=turn["code"],
                confidence=f"{turn['confidence']:.2f}",
            )
        )
    lines.append(words.say("transcript_client", name=persona.name, line=state.get("client", "")))
    lines += ["", feedback(state, persona, words)]
    return "\n".join(lines) + "\n"
