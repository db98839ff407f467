"""The one place content is read and the companion is built.

Every entry point uses it: the CLI (`between run/chat/validate/test/screen`), the Telegram
transports (start-up and /reload), the golden-transcript runner, tests and benchmarks.

- :func:`load_content` reads the registry, every dialogs file it names, the crisis screen's
  files (rules, resources, messages) and the bot's own words (bot/words.py, bot/plans.py) in
  one call, and returns everything with *all* problems (errors and warnings) from all of them.
  The words files are named by the registry (`words:`), so they are part of the flow set: a
  reload that serves a new flow set serves its words, and one with a broken words file is
  refused like one with a broken flow.
- :func:`build_companion` wires content and a store into a :class:`~bot.app.Companion` with
  the settings that concern it; :func:`open_companion` also opens the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.engine import ContentError, Problem, check_registry

if TYPE_CHECKING:
    from bot.app import Companion
    from bot.engine import FlowSet
    from bot.safety import SafetyConfig
    from bot.settings import Settings
    from persistence import Store


@dataclass(frozen=True)
class Content:
    """What staff write, read and checked: flows, the crisis screen, every problem found."""

    path: str
    flowset: FlowSet | None
    safety: SafetyConfig | None = None
    flow_problems: list[Problem] = field(default_factory=list)
    safety_problems: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem in every file: the flows' first, then the crisis screen's."""
        return self.flow_problems + self.safety_problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        """Flows built and no file has an error (warnings do not stop the bot)."""
        return self.flowset is not None and not self.errors

    def require(self) -> tuple[FlowSet, SafetyConfig | None]:
        """The flow set and crisis screen, or ContentError listing every problem."""
        if self.flowset is None or self.errors:
            raise ContentError(self.errors or self.problems)
        return self.flowset, self.safety


def load_content(flows_path: str | Path, today: date | None = None) -> Content:
    """Read flows.yaml, its dialogs and its crisis screen; all problems, none raised.

    The crisis screen's files are read once the flows are sound (the registry names them).
    """
    from bot.partner.hook import problems as partner_problems

    path = str(flows_path)
    flowset, flow_problems = check_registry(path, cached=True)
    flow_problems = [*flow_problems, *partner_problems(path, flowset)]  # the personas
    flow_problems += words_problems(path, flowset)  # the bot's own words, and the plan's
    safety: SafetyConfig | None = None
    safety_problems: list[Problem] = []
    if flowset is not None and flowset.safety:
        safety, safety_problems = _load_safety(path, flowset.safety, today)
    return Content(path, flowset, safety, list(flow_problems), safety_problems)


def load_safety(
    flows_path: str | Path, today: date | None = None
) -> tuple[SafetyConfig | None, list[Problem]]:
    """Only the crisis screen the registry names (`between screen`), without the flows: the
    registry's `safety:` section and the screen's files, checked as :func:`load_content` checks
    them. None when there is an error, or no `safety:` section."""
    from bot.engine.load import registry_files

    files, problems = registry_files(flows_path, "safety")
    if not files or any(p.is_error for p in problems):
        return None, problems
    safety, more = _load_safety(str(flows_path), files, today)
    return safety, [*problems, *more]


def _load_safety(
    path: str, files: Mapping[str, str], today: date | None
) -> tuple[SafetyConfig | None, list[Problem]]:
    from bot.safety import SafetyConfig  # compiled rules: only when a registry names them

    base = Path(path).parent
    named = {k: str(base / v) for k, v in files.items()}
    try:
        safety = SafetyConfig.load(
            named["rules"], named["resources"], named["messages"], today, cached=True
        )
    except ContentError as err:
        return None, list(err.problems)
    return safety, list(safety.warnings)


def words_problems(flows_path: str | Path, flowset: FlowSet | None) -> list[Problem]:
    """Every problem in the words files of ``flowset`` (those its registry names, else the
    shipped ones). With no flow set (the registry has errors), the files of the same names
    beside the registry, when there, are checked all the same."""
    from bot import plans, words

    if flowset is not None:
        return [
            *words.parse(*_named(flowset, "bot", words.WORDS_FILE))[1],
            *plans.parse(*_named(flowset, "plan", plans.WORDS_FILE))[1],
        ]
    base = Path(flows_path).parent
    found = []
    for check, shipped in ((words.check, words.WORDS_FILE), (plans.check, plans.WORDS_FILE)):
        beside = base / "dialogs" / shipped.name
        file = beside if beside.is_file() else shipped
        found += check(file, _shown(file))
    return found


def _named(flowset: FlowSet, kind: str, shipped: Path) -> tuple[bytes, str]:
    from bot import words

    source, name = words.named(flowset, kind, shipped)
    return source, name if name != str(shipped) else _shown(shipped)


def _shown(file: Path) -> str:
    """``file`` as problems name it: from the working folder when it is inside it."""
    try:
        return str(file.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)


def build_companion(content: Content, store: Store, settings: Settings | None = None) -> Companion:
    """The companion for ``content`` on ``store`` (not yet prepared: ``await .prepare()``)."""
    from bot.app import Companion
    from bot.replies_first import RepliesFirst

    flowset, safety = content.require()
    pace = (
        None
        if settings is None
        else RepliesFirst(reminders_per_second=settings.reminders_per_second)
    )
    return Companion(flowset, store, safety, replies_first=pace)


async def open_companion(settings: Settings, flows_path: str | Path) -> Companion:
    """Content read, store opened, companion built and prepared.

    Raises ContentError (every problem) or StoreError; the caller closes ``companion.store``.
    """
    from persistence import Store

    content = load_content(flows_path)
    content.require()  # before opening the store: nothing to close on a content error
    store = await Store.open(settings.database_url, data_key=settings.data_key)
    try:
        companion = build_companion(content, store, settings)
        await companion.prepare()
    except BaseException:
        await store.close()
        raise
    return companion
