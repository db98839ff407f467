"""python-telegram-bot adapter: updates in, outputs out, the poll loop and the webhook."""
