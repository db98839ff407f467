"""PTB's HTTP client for the bot, with one TLS context per process.

httpx builds a new TLS context for every client it makes (reading the whole certifi bundle,
some 20 ms of CPU), and PTB makes a client for every HTTPXRequest: two per Application (calls
and getUpdates), again after every restart of one. The context holds nothing of a connection
(only the trusted certificates and TLS settings, the same for every client made with httpx's
defaults), so the clients of a process share one: :func:`tls_context`.
"""

from __future__ import annotations

import functools
import ssl
from typing import Any

import httpx
from telegram.request import HTTPXRequest

__all__ = ["REQUEST_SETTINGS", "http_request", "tls_context"]

# ApplicationBuilder's settings that go to the HTTPXRequest it makes (each also as get_updates_*)
REQUEST_SETTINGS = (
    "connection_pool_size",
    "proxy",
    "socket_options",
    "connect_timeout",
    "read_timeout",
    "write_timeout",
    "pool_timeout",
    "media_write_timeout",
    "http_version",
)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS context httpx makes for a client with its defaults (certifi's certificates, or
    $SSL_CERT_FILE / $SSL_CERT_DIR), made once per process."""
    return httpx.create_ssl_context()


def http_request(*, get_updates: bool = False, **settings: Any) -> HTTPXRequest:
    """The HTTPXRequest ApplicationBuilder makes (a pool of 256 connections for calls, of one
    for getUpdates; PTB's timeouts unless given), on the shared :func:`tls_context`."""
    settings.setdefault("connection_pool_size", 1 if get_updates else 256)
    return HTTPXRequest(httpx_kwargs={"verify": tls_context()}, **settings)
