"""Telegram adapter tests and their helpers: the Bot API request checker, a recording
BaseRequest, a fake Bot API server."""
