"""`between run` as a subprocess against the fake Bot API server (end-to-end tests and
bench/reliability_bench.py), and clients seeded as if they had been through the welcome."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from persistence import Store

from bench.drivers.telegram.fake_server import FakeBotApi

REPO = Path(__file__).resolve().parents[3]
FLOWS = REPO / "flows.yaml"
WAIT = 20.0  # seconds: generous, the bot answers in milliseconds
BETWEEN = Path(sys.executable).with_name("between")


def between_command(*args: str) -> list[str]:
    """`between ARGS` of this interpreter's environment (`python -m bot` when not installed)."""
    return [str(BETWEEN), *args] if BETWEEN.exists() else [sys.executable, "-m", "bot", *args]


def bot_environment(server: FakeBotApi, db_url: str, **env: str) -> dict[str, str]:
    """The environment of `between run` against ``server``: this one, less the settings that
    ``env`` does not give."""
    environment = {**os.environ, **server.env(), "DATABASE_URL": db_url,
                   "FLOWS_PATH": str(FLOWS), "PYTHONUNBUFFERED": "1", **env}
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "ADMIN_IDS", "BETWEEN_OUTBOX_LEASE",
                 "BETWEEN_OUTBOX_RETRY", "BETWEEN_SEND_TIMEOUT"):
        if name not in env:
            environment.pop(name, None)
    return environment


class BotProcess:
    def __init__(self, server: FakeBotApi, db_url: str, log_path: Path, **env: str):
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.proc = self.start(bot_environment(server, db_url, **env))

    def start(self, environment: dict[str, str]) -> Any:
        """The process (a subprocess.Popen, or what acts as one), its output in ``self.log``."""
        return subprocess.Popen(between_command("run"), cwd=REPO, env=environment,
                                stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout: float = WAIT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(WAIT)
        if not self.log.closed:
            self.log.close()


def consented(db_url: str, *users: int) -> None:
    """Clients who went through the welcome (consent given, country chosen) before."""

    async def seed() -> None:
        store = await Store.open(db_url)
        try:
            for user in users:
                async with store.turn(f"tg:{user}") as t:
                    t.update_profile(consent=True, country="GB")
        finally:
            await store.close()

    asyncio.run(seed())
