"""The program's log: one format, and the libraries kept from quoting what goes over the wire.

Nothing a client wrote may reach the log, at any level. Our own code logs types, ids and
counts. The libraries are another matter: at DEBUG, python-telegram-bot logs every request,
answer and update, aiosqlite every statement with its parameters, httpx every URL (with the
bot's token in it); and even at ERROR, PTB quotes an answer it could not parse. So their
loggers never go below a floor, whatever LOG_LEVEL says, and their log lines keep their
words but not their arguments (numbers excepted): "Can not load invalid JSON data: <withheld>".
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LIBRARY_FLOORS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "aiosqlite": logging.INFO,
    "sqlalchemy": logging.WARNING,
    "asyncpg": logging.INFO,
    "tornado": logging.INFO,
    "transitions": logging.WARNING,
    "asyncio": logging.INFO,
}
WITHHELD = "<withheld>"


class WithholdLibraryArguments(logging.Filter):
    """A library's log line without the arguments that could carry traffic."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and record.name.split(".", 1)[0] in LIBRARY_FLOORS:
            if isinstance(record.args, Mapping):
                record.args = {key: _kept(value) for key, value in record.args.items()}
            else:
                record.args = tuple(_kept(value) for value in record.args)
        return True


def _kept(value: object) -> object:
    return value if isinstance(value, (int, float)) else WITHHELD


def configure_logging(level: int | str) -> None:
    """Log to stderr at ``level``; the libraries at their floor or above."""
    logging.basicConfig(level=level, format=FORMAT)
    threshold = logging.getLogger().getEffectiveLevel()
    for name, floor in LIBRARY_FLOORS.items():
        logging.getLogger(name).setLevel(max(threshold, floor))
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, WithholdLibraryArguments) for f in handler.filters):
            handler.addFilter(WithholdLibraryArguments())
