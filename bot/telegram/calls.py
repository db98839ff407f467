"""Bot API calls whose answer nobody reads: the answer is kept as JSON.

PTB's methods parse every answer into telegram objects: a sent message becomes a ``Message``
with its chat, its sender and its keyboard, about 100 µs a call, two or three times a turn, and
the outbox reads none of it. These calls take the road PTB's own methods take
(``Bot._post``: ``None`` values dropped, the flood limiter, the request, Telegram's errors
raised as ``TelegramError``, ``RetryAfter``, ``Forbidden``...); only the parsing is left out.
The limiter still checks that a sending method's answer is a message (limiter.py).

A keyboard arrives as the JSON text PTB would have sent (``render.keyboard_json``).
"""

from __future__ import annotations

from typing import Any

from telegram import Bot


async def _call(bot: Bot, endpoint: str, data: dict[str, Any]) -> Any:
    # (PTB 22's one road to the request for every method; pinned below 23 in pyproject.toml)
    return await bot._post(endpoint, data)


async def send_message(
    bot: Bot, chat_id: int | str, text: str, reply_markup: str | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"chat_id": chat_id, "text": text}
    if reply_markup is not None:
        data["reply_markup"] = reply_markup
    result: dict[str, Any] = await _call(bot, "sendMessage", data)
    return result


async def answer_callback_query(bot: Bot, query_id: str, text: str | None = None) -> bool:
    data: dict[str, Any] = {"callback_query_id": query_id}
    if text is not None:
        data["text"] = text
    return bool(await _call(bot, "answerCallbackQuery", data))


async def edit_message_text(bot: Bot, chat_id: int, message_id: int, text: str) -> Any:
    return await _call(
        bot, "editMessageText", {"chat_id": chat_id, "message_id": message_id, "text": text}
    )


async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> Any:
    """``editMessageReplyMarkup`` with no markup: the message's buttons go."""
    return await _call(
        bot, "editMessageReplyMarkup", {"chat_id": chat_id, "message_id": message_id}
    )
