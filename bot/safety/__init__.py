"""Crisis screen and crisis resources. Pure: standard library, PyYAML and two engine modules.

    config = SafetyConfig.load(rules_path, resources_path, messages_path)   # once, at start-up
    verdict = config.screen(text)                   # every free-text message, before the flow
    if verdict:
        texts = config.crisis_reply(verdict, country)   # send these, pause the flow
    ...
    texts = config.fine_reply(country)               # after "I'm fine / you misunderstood"

Only ``verdict.category`` and the time may be stored; never the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from bot.engine.problems import ContentError, Problem

from .messages import TELEGRAM_LIMIT, Messages, check_messages_file
from .model import MODEL_NAME, ScreenModel
from .reader import READER_NAME, Reader
from .resources import Resources, check_resources_file
from .response import crisis_reply, fine_reply, harm_reduction
from .rules import CATEGORIES, Rules, check_rules_file
from .screen import ASK, FULL, Verdict, screen, screen_all

__all__ = [
    "CATEGORIES",
    "DEFAULT_PATHS",
    "SafetyConfig",
    "SafetyPaths",
    "Verdict",
    "crisis_reply",
    "fine_reply",
    "screen",
]

SAFETY_DIR = Path(__file__).resolve().parents[2] / "dialogs" / "safety"


@dataclass(frozen=True)
class SafetyPaths:
    rules: Path
    resources: Path
    messages: Path

    @classmethod
    def in_folder(cls, folder: str | Path) -> SafetyPaths:
        folder = Path(folder)
        return cls(folder / "rules.yaml", folder / "resources.yaml", folder / "messages.yaml")

    @classmethod
    def of(cls, paths: PathsLike) -> SafetyPaths:
        """Accepts SafetyPaths, (rules, resources, messages), a mapping with those keys, or a
        folder holding rules.yaml, resources.yaml and messages.yaml."""
        if isinstance(paths, SafetyPaths):
            return paths
        if isinstance(paths, (str, Path)):
            return cls.in_folder(paths)
        if isinstance(paths, Mapping):
            return cls(Path(paths["rules"]), Path(paths["resources"]), Path(paths["messages"]))
        if isinstance(paths, Sequence) and len(paths) == 3:
            return cls(*(Path(p) for p in paths))
        raise TypeError(
            "paths must be SafetyPaths, a folder, a mapping or (rules, resources, messages)"
        )


_HARM_KEPT = 512  # countries whose harm_reduction a config keeps

# What SafetyPaths.of accepts.
PathsLike = SafetyPaths | str | Path | Mapping[str, str | Path] | Sequence[str | Path]

DEFAULT_PATHS = SafetyPaths.in_folder(SAFETY_DIR)


@dataclass(frozen=True)
class SafetyConfig:
    """The loaded, checked safety files. Build once; share between turns (it is read-only)."""

    rules: Rules
    resources: Resources
    messages: Messages
    warnings: tuple[Problem, ...] = field(default=())
    model: ScreenModel | None = None  # the n-gram layer (screen_model.bin beside the rules)
    reader: Reader | None = None  # the reader (screen_reader.onnx beside the rules)
    # harm_reduction per country as the profile says it: built once, as this config never
    # changes (/reload loads a new config, with an empty table)
    _harm: dict[str | None, Mapping[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def load(
        cls,
        rules_path: str | Path,
        resources_path: str | Path,
        messages_path: str | Path,
        today: date | None = None,
        *,
        cached: bool = False,
    ) -> SafetyConfig:
        """Load and check the three files. Raises ContentError listing every problem found
        (errors and warnings) when any of them has an error; warnings alone are kept in
        ``warnings``. ``cached``: rules checked before in exactly this version come from the
        start-up cache (cache.py), their regexes compiled when first needed."""
        paths = SafetyPaths(Path(rules_path), Path(resources_path), Path(messages_path))
        loaded, problems = _check(paths, today or date.today(), cached)
        if loaded is None:
            raise ContentError(problems)
        rules, resources, messages, model, reader = loaded
        return cls(rules, resources, messages, tuple(problems), model, reader)

    @classmethod
    def load_default(cls, today: date | None = None) -> SafetyConfig:
        """The shipped files in dialogs/safety/."""
        return cls.load(DEFAULT_PATHS.rules, DEFAULT_PATHS.resources, DEFAULT_PATHS.messages, today)

    @staticmethod
    def check(paths: PathsLike, today: date | None = None) -> list[Problem]:
        """Every problem in the three files (for `between validate`): errors and warnings.
        ``paths``: SafetyPaths, (rules, resources, messages), a mapping, or a folder."""
        _, problems = _check(SafetyPaths.of(paths), today or date.today())
        return problems

    def screen(self, text: str) -> Verdict | None:
        return screen(text, self.rules, self.model, self.reader)

    def screen_all(self, texts: Sequence[str]) -> list[Verdict | None]:
        """Each message's verdict, the reader reading them together (tests, the bench)."""
        return screen_all(texts, self.rules, self.model, self.reader)

    def crisis_reply(self, verdict: Verdict, country: str | None) -> list[str]:
        return crisis_reply(verdict, country, self.resources, self.messages)

    def fine_reply(self, country: str | None) -> list[str]:
        return fine_reply(country, self.resources, self.messages)

    def harm_reduction(self, country: str | None) -> Mapping[str, str]:
        """`harm_reduction` and `emergency` for the safer-use flows (dialogs/saferuse/), read
        into every turn's context: built once per country."""
        found = self._harm.get(country)
        if found is None:
            found = MappingProxyType(harm_reduction(country, self.resources, self.messages))
            if len(self._harm) < _HARM_KEPT:  # profiles hold country codes: a short table
                self._harm[country] = found
        return found

    def flow_context(self, verdict: Verdict, country: str | None) -> dict[str, str]:
        """What the crisis flow (dialogs/crisis.yaml) reads when the screen fired: the tier, and
        for "ask", the full reply it sends if the client is not safe or not sure."""
        if verdict.tier != ASK:
            return {"crisis_tier": verdict.tier, "crisis_full": ""}
        full = replace(verdict, negated=False, tier=FULL)
        return {"crisis_tier": ASK, "crisis_full": "\n\n".join(self.crisis_reply(full, country))}


_Loaded = tuple[Rules, Resources, Messages, ScreenModel | None, Reader | None]


def _check(
    paths: SafetyPaths, today: date, cached: bool = False
) -> tuple[_Loaded | None, list[Problem]]:
    if cached:
        from .cache import load_rules_cached

        rules, problems = load_rules_cached(paths.rules)
    else:
        rules, problems = check_rules_file(paths.rules)
    resources, more = check_resources_file(paths.resources, today)
    problems += more
    messages, more = check_messages_file(paths.messages)
    problems += more
    if resources is not None and messages is not None:
        problems += _check_replies(resources, messages, str(paths.messages))
    model = _load_model(paths.rules.parent / MODEL_NAME, problems)
    reader = _load_reader(paths.rules.parent / READER_NAME, problems, cached)
    if rules is None or resources is None or messages is None or any(p.is_error for p in problems):
        return None, problems
    return (rules, resources, messages, model, reader), problems


def _load_model(path: Path, problems: list[Problem]) -> ScreenModel | None:
    """The learned layer beside the rules file; a folder without one screens by rules alone."""
    if not path.exists():
        return None
    try:
        return ScreenModel.load(path)
    except (OSError, ValueError, KeyError) as err:
        problems.append(
            Problem(
                "BS601",
                f"the screen's model file cannot be read ({err})",
                str(path),
                0,
                0,
                "run make train-screen to write it again",
            )
        )
        return None


def _load_reader(path: Path, problems: list[Problem], cached: bool) -> Reader | None:
    """The reader beside the rules file (and its tokenizer); a folder without one screens
    without it. ``cached``: a reader opened before in exactly this version opens when first
    needed (cache.py)."""
    if not path.exists():
        return None
    try:
        if cached:
            from .cache import load_reader_cached

            return load_reader_cached(path)
        return Reader.load(path)
    except Exception as err:  # onnxruntime raises its own kinds for a damaged file
        problems.append(
            Problem(
                "BS601",
                f"the screen's reader cannot be read ({type(err).__name__})",
                str(path),
                0,
                0,
                "run make train-reader to write it again",
            )
        )
        return None


def _check_replies(resources: Resources, messages: Messages, path: str) -> list[Problem]:
    """Build every reply for every country and category; each text must fit one message."""
    problems = []
    countries = list(resources.countries) + [None]
    for country in countries:
        name = country or "an unknown country"
        replies = [("fine reply", fine_reply(country, resources, messages))]
        for category in CATEGORIES:
            for negated in (False, True):
                verdict = Verdict(category, "check", negated)
                label = f"{'gentle ' if negated else ''}{category} reply"
                replies.append((label, crisis_reply(verdict, country, resources, messages)))
        replies.append(
            (
                "reply to using alone",
                crisis_reply(
                    Verdict("overdose_medical", "check", risk=True), country, resources, messages
                ),
            )
        )
        # every category at once, as one text (the reply after "Are you safe right now?")
        every = Verdict(CATEGORIES[0], "check", categories=CATEGORIES)
        replies.append(
            (
                "reply naming every category",
                ["\n\n".join(crisis_reply(every, country, resources, messages))],
            )
        )
        for label, texts in replies:
            for text in texts:
                if len(text) > TELEGRAM_LIMIT:
                    problems.append(
                        Problem(
                            "BS501",
                            f"the {label} for {name} has a text of {len(text)} characters; "
                            f"Telegram's limit is {TELEGRAM_LIMIT}",
                            path,
                            0,
                            0,
                            "shorten the texts in messages.yaml "
                            "or list fewer lines for that country",
                        )
                    )
    return problems
