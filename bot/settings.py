"""Settings read from the environment when the program starts (never at import)."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///between.db"
REMINDERS_PER_SECOND = 60.0  # reminder turns a second (bot/replies_first.py)


@dataclass(frozen=True)
class Settings:
    token: str | None = None
    api_base_url: str | None = None
    database_url: str = DEFAULT_DATABASE_URL
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = 8080
    webhook_listen: str = "0.0.0.0"  # all interfaces (PaaS); 127.0.0.1 behind a local proxy
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    data_key: str | None = None
    flows_path: str = "flows.yaml"
    retention_days: int | None = None
    reminders_per_second: float | None = REMINDERS_PER_SECOND  # None: unpaced
    log_level: str = "INFO"  # the bot's log (`between run`, `between db`)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        admins = frozenset(
            int(part)
            for part in (get("ADMIN_IDS") or "").replace(",", " ").split()
            if part.isdigit()
        )
        retention = get("RETENTION_DAYS")
        pace = get("REMINDERS_PER_SECOND")
        return cls(
            token=get("TELEGRAM_BOT_TOKEN"),
            api_base_url=get("TELEGRAM_API_BASE_URL"),
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            webhook_url=get("WEBHOOK_URL"),
            webhook_secret=get("WEBHOOK_SECRET"),
            port=int(get("PORT") or 8080),
            webhook_listen=get("WEBHOOK_LISTEN") or "0.0.0.0",
            admin_ids=admins,
            data_key=get("BETWEEN_DATA_KEY"),
            flows_path=get("FLOWS_PATH") or "flows.yaml",
            retention_days=int(retention) if retention and retention.isdigit() else None,
            reminders_per_second=_pace(pace),
            log_level=_level(get("LOG_LEVEL")),
        )


def _pace(value: str | None) -> float | None:
    """REMINDERS_PER_SECOND: a positive number; 0 turns pacing off.

    Unset or unreadable: the default.
    """
    try:
        pace = float(value) if value else REMINDERS_PER_SECOND
    except ValueError:
        return REMINDERS_PER_SECOND
    if not math.isfinite(pace):
        return REMINDERS_PER_SECOND
    return pace if pace > 0 else None


def _level(value: str | None) -> str:
    """LOG_LEVEL: DEBUG, INFO, WARNING or ERROR; unset or unknown: INFO."""
    name = (value or "").upper()
    return name if name in ("DEBUG", "INFO", "WARNING", "ERROR") else "INFO"
