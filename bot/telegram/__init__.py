"""python-telegram-bot adapter: rendering helpers (render), handlers, keyboards, update processing."""
