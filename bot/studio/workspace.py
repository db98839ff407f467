"""The files the studio serves: the registry as last loaded, its problems, and what changed.

The studio watches flows.yaml and every file the registry names, the bot's words files among
them (and any new file in their folders), by polling modification times. A broken edit is
shown with its problems, while the last flow set that loaded keeps serving the diagrams and the
chat preview.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine import FlowSet, Problem, check_registry, fidelity
from bot.engine.spec import Flow
from bot.wiring import words_problems

from .diagram import Counts, Marks, dead_ends, render_svg

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """One look at the files: the flows if they loaded, and every problem found."""

    flowset: FlowSet | None
    problems: list[Problem]


@dataclass
class Workspace:
    registry: Path
    good: FlowSet | None = None  # the last flow set that loaded (serves the preview)
    draft: FlowSet | None = None  # the files as they are, errors and all (diagrams)
    problems: list[Problem] = field(default_factory=list)
    broken: bool = False  # the files as they are now do not load
    generation: int = 0  # bumped on every reload, so pages know to refresh
    covered: dict[str, frozenset[str]] | None = None  # flow -> states the transcripts visit
    # (flow, week or "all") -> state -> drop-off figures
    counts: dict[tuple[str, str], dict[str, Counts]] | None = None
    _mtimes: dict[str, int] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.registry.parent

    def load(self) -> Snapshot:
        # The flows' problems (the crisis rules are `between validate`'s: checking them all
        # takes a second, too slow for every save).
        flowset, problems = check_registry(self.registry)
        problems = [*problems, *words_problems(self.registry, flowset)]  # the preview says them
        self.draft = flowset or _draft(self.registry)
        errors = [p for p in problems if p.is_error]
        self.problems = problems
        self.broken = flowset is None or bool(errors)
        if flowset is not None and not errors:
            self.good = flowset
        self.generation += 1
        self._mtimes = self._scan()
        return Snapshot(flowset, problems)

    def _watched(self) -> list[Path]:
        folders = {self.registry.parent}
        flowset = self.good
        if flowset is not None:
            folders |= {(self.root / f).parent for f in flowset.words.values()}
            folders |= {
                (self.root / f.path).parent
                if not Path(f.path).is_absolute()
                else Path(f.path).parent
                for f in flowset.flows.values()
            }
        files = [self.registry]
        for folder in sorted(folders):
            files += sorted(folder.glob("*.yaml"))
        return files

    def _scan(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for path in self._watched():
            try:
                out[str(path)] = path.stat().st_mtime_ns
            except OSError:
                continue
        return out

    def changed(self) -> bool:
        return self._scan() != self._mtimes

    def refresh(self) -> bool:
        """Load again if a watched file changed; True if it did."""
        if not self.changed():
            return False
        self.load()
        return True

    # -- what the page shows ------------------------------------------------------------
    def rel(self, path: str) -> str:
        """A content file's name as staff know it: relative to the registry's folder."""
        full = Path(path) if Path(path).is_absolute() else Path.cwd() / path
        root = self.root if self.root.is_absolute() else Path.cwd() / self.root
        try:
            return full.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path

    def problem_json(self, problem: Problem) -> dict[str, Any]:
        return {**problem.to_json(), "path": self.rel(problem.path)}

    def summary(self) -> dict[str, Any]:
        flowset = self.draft or self.good  # the files as they are now, where they build
        flows = []
        if flowset is not None:
            for flow in flowset.flows.values():
                report = fidelity(flow)
                flows.append(
                    {
                        "id": flow.id,
                        "title": flow.title,
                        "summary": flow.summary,
                        "task": list(flow.task),
                        "path": self.rel(flow.path),
                        "states": len(flow.states),
                        "in_menu": flow.id in flowset.menu,
                        "ratio": report.ratio,
                        "complex_share": report.complex_share,
                        "reflections": report.reflections,
                        "questions": report.questions,
                        "problems": sum(1 for p in self.problems if p.path == flow.path),
                    }
                )
        return {
            "generation": self.generation,
            "broken": self.broken,
            "version": flowset.version if flowset else None,
            "problems": [self.problem_json(p) for p in self.problems],
            "flows": flows,
            "coverage_ready": self.covered is not None,
            "counts_ready": self.counts is not None,
        }

    def flow_view(self, flow_id: str, week: str = "all") -> dict[str, Any] | None:
        """A flow's diagram as its file is now (dead ends and all), else as it last loaded."""
        flowset = self.good
        if self.draft is not None and flow_id in self.draft.flows:
            flowset = self.draft
        flow = flowset.flows.get(flow_id) if flowset else None
        if flow is None:
            return None
        marks = Marks(
            dead_ends(flow, self.problems),
            None if self.covered is None else self.covered.get(flow.id, frozenset()),
            None if self.counts is None else self.counts.get((flow.id, week), {}),
        )
        return {
            "id": flow.id,
            "title": flow.title,
            "path": self.rel(flow.path),
            "start": flow.start,
            "svg": render_svg(flow, marks),
            "states": _states(flow),
            "week": week,
        }

    def source(self, rel: str) -> dict[str, Any] | None:
        """A content file's lines as they are now, with the problems that point into it."""
        path = (self.root / rel).resolve()
        if not _inside(path, self.root.resolve()) or path.suffix not in (".yaml", ".yml"):
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return {
            "path": rel,
            "lines": text.splitlines(),
            "problems": [
                self.problem_json(p)
                for p in self.problems
                if self.rel(p.path) == self.rel(str(path))
            ],
        }


def _draft(registry: Path) -> FlowSet | None:
    """The flow set built from files that have errors (a dead end, a wrong key ...), so the
    diagram can show them; None when the files cannot even be read or parsed."""
    from bot.engine.load import build_flowset, read_sources

    sources, problems = read_sources(registry)
    if problems:
        return None
    try:
        built, _problems = build_flowset(sources, registry.name, str(registry.parent))
    except Exception:  # noqa: BLE001 - a draft is a nicety; the problems are still listed
        log.exception("building the flows with errors for the diagram failed")
        return None
    return built


def _states(flow: Flow) -> list[dict[str, Any]]:
    return [{"id": s.id, "line": s.pos[0], "ask": s.ask} for s in flow.states.values()]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


# Opening a store runs its migrations, and Alembic's runner is not safe to use from two threads
# at once: the coverage run and the chat previews open their stores one at a time.
OPENING = asyncio.Lock()


async def transcript_coverage(
    registry: Path, folder: Path, loaded: tuple[Any, Any]
) -> dict[str, frozenset[str]]:
    """Which states the golden transcripts in ``folder`` visit (what `between test` reports)."""
    from bot.transcripts import (
        Coverage,
        TranscriptSyntaxError,
        find_transcripts,
        parse_transcript,
        run_script,
    )

    coverage = Coverage()
    for file in find_transcripts([str(folder)]):
        try:
            script = parse_transcript(file.read_text(encoding="utf-8"), str(file))
        except TranscriptSyntaxError:
            continue
        async with OPENING:
            await run_script(script, loaded, coverage)
        await asyncio.sleep(0)  # let the page's requests in between transcripts
    out: dict[str, set[str]] = {}
    for flow, state in coverage.states:
        out.setdefault(flow, set()).add(state)
    return {flow: frozenset(states) for flow, states in out.items()}
