"""The studio as staff use it: `between studio` on a copy of the shipped flows, in a real
headless Chromium (Debian's `chromium`, driven by Playwright; no browser is downloaded).

Without chromium or Playwright the browser tests skip and say why, except under CI=true,
where they fail: CI must run them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    return None


def need_browser() -> None:
    missing = _browser_missing()
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"the studio's browser tests must run in CI: {missing}")
    pytest.skip(missing)


@dataclass
class Copy:
    """A copy of the repository's content to edit freely: flows.yaml, dialogs/ (but the crisis
    rules: see make_copy), transcripts."""

    root: Path
    db: Path

    @property
    def registry(self) -> Path:
        return self.root / "flows.yaml"

    @property
    def transcripts(self) -> Path:
        return self.root / "tests" / "transcripts"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("FLOWS_PATH", "BETWEEN_DATA_KEY")}
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{self.db}"
        return env

    def between(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "--flows", str(self.registry), *args],
                              input=stdin, capture_output=True, text=True, cwd=ROOT,
                              env=self.env(), timeout=120)


RULES = "dialogs/safety/rules.yaml"


def make_copy(folder: Path, transcripts: tuple[str, ...] = ("talk.chat",)) -> Copy:
    """The copy's crisis rules are the repository's file, named by its full path: rules are
    checked once per file (bot/safety/cache.py), and checking a copy of them afresh would cost
    every studio started on a copy 1.6 s of CPU. Not to be edited here (there is no copy)."""
    registry = (ROOT / "flows.yaml").read_text(encoding="utf-8")
    assert f"rules: {RULES}\n" in registry
    (folder / "flows.yaml").write_text(registry.replace(f"rules: {RULES}\n",
                                                        f"rules: {ROOT / RULES}\n"),
                                       encoding="utf-8")
    shutil.copytree(ROOT / "dialogs", folder / "dialogs")
    (folder / RULES).unlink()
    (folder / "tests" / "transcripts").mkdir(parents=True)
    for name in transcripts:
        shutil.copy(ROOT / "tests" / "transcripts" / name, folder / "tests" / "transcripts")
    return Copy(folder, folder / "between.db")


@dataclass
class Running:
    url: str
    process: subprocess.Popen[str]


def start_studio(copy: Copy) -> Running:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--flows", str(copy.registry), "studio", "--port", "0",
         "--transcripts", str(copy.transcripts)],
        cwd=ROOT, env=copy.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    if "http://" not in first:
        process.kill()
        raise AssertionError(f"the studio did not start: {first}{process.stdout.read()}")
    return Running(first.split()[-1], process)


def stop(running: Running) -> None:
    running.process.terminate()
    try:
        running.process.wait(10)
    except subprocess.TimeoutExpired:
        running.process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()
