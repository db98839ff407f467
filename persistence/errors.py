"""The store's exceptions: one root, each message says what happened and how to fix it."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError


def reason(e: BaseException) -> str:
    """A one-line reason for a connection problem (driver messages carry no passwords)."""
    inner = e.orig if isinstance(e, DBAPIError) and e.orig is not None else e
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else ""
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


class StoreError(Exception):
    """Root of every error the store raises on purpose."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (or stayed unreachable through the retries).

    ``transient`` is True when trying again later may succeed (connection lost, server
    restarting, database locked by another process). Nothing of the turn was written.
    """

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


class DataKeyError(StoreError):
    """The data key is missing, malformed, or not the key this database was written with."""


class SchemaError(StoreError):
    """The database schema does not match this program (run ``between db upgrade``)."""


class TurnError(StoreError):
    """A turn was used the wrong way (writes on a duplicate update, nested turns, ...)."""


class JobGone(StoreError):
    """The job a turn was handling had already been handled (by another worker): the turn
    rolled back, so the job fires once."""


class TurnConflict(StoreUnavailable):
    """Another process changed this user's data (or handled this update) between the turn's
    load and its commit: nothing of the turn was written; run it again (it is transient)."""

    def __init__(
        self,
        message: str = "another process changed this user's data during the "
        "turn; nothing was written, run the turn again",
    ) -> None:
        super().__init__(message, transient=True)
