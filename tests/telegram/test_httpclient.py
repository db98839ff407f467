"""The bot's HTTP clients are PTB's own (bot/telegram/httpclient.py), with one TLS context per
process instead of one per client: the same pools, timeouts and HTTP version as
ApplicationBuilder would make, for calls and for getUpdates, with and without a read timeout."""
from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import ApplicationBuilder

from bot.settings import Settings
from bot.telegram.httpclient import tls_context
from bot.telegram.main import build_application


def _setup(request: Any) -> dict[str, Any]:
    """What a request was made with, but for the TLS context."""
    kwargs = {key: value for key, value in request._client_kwargs.items() if key != "verify"}
    return {**kwargs, "http_version": request._http_version,
            "media_write_timeout": request._media_write_timeout}


@pytest.mark.parametrize("read_timeout", [None, 12.0])
def test_the_bots_requests_are_ptbs_own_on_one_tls_context(read_timeout):
    builder = ApplicationBuilder().token("1:x")
    if read_timeout is not None:
        builder = builder.read_timeout(read_timeout)
    theirs = builder.build().bot._request
    ours = build_application(Settings(token="1:x"), read_timeout=read_timeout).bot._request
    for mine, ptbs in zip(ours, theirs, strict=True):  # getUpdates, then every other call
        assert _setup(mine) == _setup(ptbs)
    assert ours[0]._client_kwargs["verify"] is ours[1]._client_kwargs["verify"] is tls_context()
    assert ours[1]._client_kwargs["timeout"].read == (read_timeout or 5.0)
