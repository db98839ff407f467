"""`between run` in a process forked from the tests' fork server (tests/forks.py), which has
imported the bot once: python-telegram-bot, the store and its database drivers, the crisis
screen. A new Python process spends most of a second of CPU on those imports alone.

The child is the bot's own process all the same: it runs ``bot.cli.main(["run"])``, the
console script's function, with the environment and working folder given, its output and log
in the log file, its own signal handlers (SIGTERM stops it, SIGHUP reloads) and its own exit
status. ``ForkedProcess`` is used like the subprocess.Popen of bench/drivers/telegram/
bot_process.py. The start-up of the console script itself (`between run` as a new process) is
tested by test_polling_a_client_completes_a_flow_with_buttons_and_text and tests/app/test_cli.py.
"""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiosqlite  # noqa: F401  (imported by the store when it opens a database)
import asyncpg  # noqa: F401

import bot.telegram.main  # noqa: F401  (python-telegram-bot, the transports, the companion)
import persistence  # noqa: F401
from bench.drivers.telegram.bot_process import REPO, BotProcess
from bot.cli import main
from bot.safety.model import ScreenModel
from bot.telegram.httpclient import tls_context

tls_context()  # made once here (the certificates read), as the imports are, not in each child
ScreenModel.load()  # read once here too: each child's load finds it by the file's hash
gc.freeze()  # as the bot does before serving (settle_memory): a child's collections skip it all


def run(argv: list[str], environment: dict[str, str], log_path: str) -> None:
    """In the forked child: `between ARGV` with ``environment``, output to ``log_path``."""
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(REPO)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    for fd in (1, 2):
        os.dup2(log, fd)
    os.close(log)
    sys.stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", buffering=1, closefd=False)
    sys.argv = ["between", *argv]
    sys.exit(main(argv))


class ForkedProcess:
    """A forked `between` process, with what the tests use of subprocess.Popen."""

    def __init__(self, forks: Any, argv: list[str], environment: dict[str, str], log: Path):
        self._process = forks.Process(target=run, args=(argv, environment, str(log)),
                                      daemon=True)
        self._process.start()
        self.pid: int = self._process.pid

    @property
    def returncode(self) -> int | None:
        code: int | None = self._process.exitcode
        return code

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired("between run", timeout or 0)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkedBot(BotProcess):
    """A BotProcess whose process is forked (see above) instead of started anew."""

    def __init__(self, forks: Any, *args: Any, **env: str):
        self.forks = forks
        super().__init__(*args, **env)

    def start(self, environment: dict[str, str]) -> ForkedProcess:
        self.log.flush()
        return ForkedProcess(self.forks, ["run"], environment, self.log_path)
