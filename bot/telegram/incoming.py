"""What a Telegram update means for the pipeline: whose it is, and which event it carries."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Chat, Message, Update

from bot.app import Notice
from bot.engine import Command, Event, Pick, Text

from .render import parse_callback

# Message contents we answer kindly without keeping them, by flows.yaml `messages:` key.
_MEDIA = (
    ("sticker", "sticker"),
    ("photo", "photo"),
    ("animation", "photo"),
    ("voice", "voice"),
    ("audio", "voice"),
    ("video_note", "video"),
    ("video", "video"),
    ("document", "document"),
    ("venue", "location"),
    ("location", "location"),
    ("contact", "contact"),
    ("poll", "poll"),
    ("dice", "sticker"),
)
STALE = -1  # the revision given to button data that cannot be read: always stale


@dataclass(frozen=True)
class Incoming:
    user_key: str
    chat_id: int
    event: Event | Notice
    first_name: str = ""


@dataclass(frozen=True)
class NotPrivate:
    """A group or channel: we answer once that the bot works in private chats, and keep nothing."""

    chat_id: int


def user_key(user_id: int) -> str:
    return f"tg:{user_id}"


def chat_of(user_key: str) -> int | None:
    """The private chat of a Telegram user key (their user id), or None for other users."""
    prefix, _, ident = user_key.partition(":")
    return int(ident) if prefix == "tg" and ident.lstrip("-").isdigit() else None


def read_update(update: Update, bot_username: str | None = None) -> Incoming | NotPrivate | None:
    """The update as the pipeline sees it; None for updates that need no answer."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return None
    if chat.type != Chat.PRIVATE:
        message = update.effective_message
        if update.channel_post is not None or update.edited_channel_post is not None:
            return None  # a channel the bot was added to: nobody to answer
        if message is None or not (message.text or message.caption) or user is None or user.is_bot:
            return None
        return NotPrivate(chat.id)
    if user is None or user.is_bot:
        return None
    key, name = user_key(user.id), user.first_name or ""
    if update.callback_query is not None:
        data = parse_callback(update.callback_query.data or "")
        pick = (
            Pick(data.choice or "", data.rev)
            if data is not None and data.choice
            else Pick("", STALE)
        )
        return Incoming(key, chat.id, pick, name)
    if update.edited_message is not None:
        return Incoming(
            key,
            chat.id,
            Notice("edited", update.edited_message.text or update.edited_message.caption or ""),
            name,
        )
    message = update.message
    if message is None:
        return None
    event = _message_event(message, bot_username)
    return Incoming(key, chat.id, event, name) if event is not None else None


def _message_event(message: Message, bot_username: str | None) -> Event | Notice | None:
    if message.forward_origin is not None:
        return Notice("forwarded", message.text or message.caption or "")
    if message.text is not None:
        command = _command(message.text, bot_username)
        return command if command is not None else Text(message.text)
    for attribute, key in _MEDIA:
        if getattr(message, attribute, None):
            return Notice(key, message.caption or "")
    return None  # service messages (pinned, members joined ...): nothing to answer


def _command(text: str, bot_username: str | None) -> Command | None:
    if not text.startswith("/") or len(text) < 2 or not text[1].isalpha():
        return None
    head, _, payload = text[1:].partition(" ")
    name, _, addressed = head.partition("@")
    if addressed and bot_username and addressed.lower() != bot_username.lower():
        return None  # meant for another bot: plain text to us
    return Command(name.lower(), payload.strip())
