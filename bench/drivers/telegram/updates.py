"""JSON builders for what Telegram sends: incoming updates of every kind a user can produce, and
the objects the Bot API returns (messages the bot sent, the bot's own user).

Everything here is plain JSON (dicts), shaped like Telegram's and checked against ``api.json``
by the tests, so that ``Update.de_json(data, bot)`` gives realistic objects::

    factory = UpdateFactory()
    update = Update.de_json(factory.command("start", "trainee-42"), bot)
"""
from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "DEFAULT_USER_ID",
    "TOKEN",
    "UpdateFactory",
    "bot_user",
    "message_json",
    "private_chat",
    "user_json",
]

BOT_ID = 7000001
BOT_USERNAME = "between_sessions_test_bot"
# Looks like a real token (id:35 characters) so that PTB accepts it.
TOKEN = f"{BOT_ID}:AAH-test-token-0123456789abcdefghijk"
DEFAULT_USER_ID = 1001


def bot_user(bot_id: int = BOT_ID, username: str = BOT_USERNAME) -> dict[str, Any]:
    """The result of getMe."""
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": "Between Sessions",
        "username": username,
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def user_json(user_id: int = DEFAULT_USER_ID, first_name: str | None = None, **extra: Any) -> dict:
    data: dict[str, Any] = {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name or f"Client{user_id}",
        "language_code": "en",
    }
    data.update(extra)
    return data


def private_chat(user: Mapping[str, Any]) -> dict[str, Any]:
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    if user.get("username"):
        chat["username"] = user["username"]
    return chat


def message_json(
    message_id: int,
    chat: Mapping[str, Any],
    *,
    date: int,
    sender: Mapping[str, Any] | None = None,
    **content: Any,
) -> dict[str, Any]:
    """A Message object; ``content`` holds text/entities/reply_markup/photo/... as wanted."""
    data: dict[str, Any] = {"message_id": message_id, "date": date, "chat": dict(chat)}
    if sender is not None:
        data["from"] = dict(sender)
    data.update({k: v for k, v in content.items() if v is not None})
    return data


class UpdateFactory:
    """Builds incoming updates (as JSON dicts) with increasing update ids and message ids.

    Each method takes the user's id (``user_id``) or a whole ``user`` dict, and returns the
    update dict. Message ids are counted per chat, as in a private chat on Telegram, unless
    ``next_message_id`` is given (the fake server shares its counter with the bot's messages).
    Thread-safe.
    """

    def __init__(
        self,
        *,
        bot: Mapping[str, Any] | None = None,
        first_update_id: int = 100_000,
        next_message_id: Callable[[int], int] | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.bot = dict(bot or bot_user())
        self._update_ids = itertools.count(first_update_id)
        self._lock = threading.Lock()
        self._message_ids: dict[int, itertools.count] = {}
        self._next_message_id = next_message_id
        self._clock = clock
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)

    # -- counters ------------------------------------------------------------------------------

    def next_update_id(self) -> int:
        with self._lock:
            return next(self._update_ids)

    def message_id(self, chat_id: int) -> int:
        if self._next_message_id is not None:
            return self._next_message_id(chat_id)
        with self._lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            return next(counter)

    def now(self) -> int:
        return int(self._clock())

    def _file(self, prefix: str) -> dict[str, str]:
        with self._lock:
            n = next(self._file_ids)
        return {"file_id": f"{prefix}-file-{n}", "file_unique_id": f"{prefix}{n}"}

    def _user(self, user_id: int | None, user: Mapping[str, Any] | None) -> dict[str, Any]:
        if user is not None:
            return dict(user)
        return user_json(user_id if user_id is not None else DEFAULT_USER_ID)

    def _message(
        self,
        user_id: int | None,
        user: Mapping[str, Any] | None,
        chat: Mapping[str, Any] | None = None,
        key: str = "message",
        **content: Any,
    ) -> dict[str, Any]:
        sender = self._user(user_id, user)
        chat = dict(chat) if chat is not None else private_chat(sender)
        message = message_json(
            self.message_id(chat["id"]), chat, date=self.now(), sender=sender, **content
        )
        return {"update_id": self.next_update_id(), key: message}

    # -- what a user can send ------------------------------------------------------------------

    def text(self, text: str, user_id: int | None = None, *, user: Mapping | None = None,
             chat: Mapping | None = None) -> dict[str, Any]:
        """A plain text message (in the private chat unless ``chat`` is given)."""
        return self._message(user_id, user, chat, text=text)

    def command(self, command: str, args: str = "", user_id: int | None = None, *,
                user: Mapping | None = None, chat: Mapping | None = None) -> dict[str, Any]:
        """``/command args`` with its bot_command entity (``/start payload`` for deep links)."""
        head = "/" + command.lstrip("/")
        text = f"{head} {args}" if args else head
        entities = [{"type": "bot_command", "offset": 0, "length": len(head)}]
        return self._message(user_id, user, chat, text=text, entities=entities)

    def callback(
        self,
        data: str,
        message: Mapping[str, Any] | None = None,
        user_id: int | None = None,
        *,
        user: Mapping | None = None,
        message_id: int | None = None,
        text: str = "Choose one",
        reply_markup: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A press on an inline button. ``message`` is the bot message the button was on; without
        it a bot message (``message_id``, ``text``, ``reply_markup``) is made up."""
        sender = self._user(user_id, user)
        if message is None:
            chat = private_chat(sender)
            if reply_markup is None:
                reply_markup = {"inline_keyboard": [[{"text": data, "callback_data": data}]]}
            message = message_json(
                message_id if message_id is not None else self.message_id(chat["id"]),
                chat,
                date=self.now(),
                sender=self.bot,
                text=text,
                reply_markup=reply_markup,
            )
        with self._lock:
            query_id = f"{sender['id']}{next(self._query_ids):08d}"
        query = {
            "id": query_id,
            "from": sender,
            "message": dict(message),
            "chat_instance": f"ci{message['chat']['id']}",
            "data": data,
        }
        return {"update_id": self.next_update_id(), "callback_query": query}

    def edited_message(self, text: str, message_id: int, user_id: int | None = None, *,
                       user: Mapping | None = None) -> dict[str, Any]:
        """The user edited one of their earlier messages."""
        sender = self._user(user_id, user)
        message = message_json(
            message_id,
            private_chat(sender),
            date=self.now() - 60,
            sender=sender,
            text=text,
            edit_date=self.now(),
        )
        return {"update_id": self.next_update_id(), "edited_message": message}

    def sticker(self, user_id: int | None = None, *, user: Mapping | None = None,
                emoji: str = "\U0001f44d") -> dict[str, Any]:
        sticker = {
            **self._file("sticker"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "TestStickers",
        }
        return self._message(user_id, user, sticker=sticker)

    def photo(self, user_id: int | None = None, *, user: Mapping | None = None,
              caption: str | None = None) -> dict[str, Any]:
        base = self._file("photo")
        sizes = [
            {"file_id": f"{base['file_id']}-{w}", "file_unique_id": f"{base['file_unique_id']}{w}",
             "width": w, "height": w * 3 // 4, "file_size": w * 40}
            for w in (90, 320, 800)
        ]
        return self._message(user_id, user, photo=sizes, caption=caption)

    def voice(self, user_id: int | None = None, *, user: Mapping | None = None,
              duration: int = 4) -> dict[str, Any]:
        voice = {**self._file("voice"), "duration": duration, "mime_type": "audio/ogg",
                 "file_size": 9000}
        return self._message(user_id, user, voice=voice)

    def video(self, user_id: int | None = None, *, user: Mapping | None = None) -> dict[str, Any]:
        video = {**self._file("video"), "width": 640, "height": 360, "duration": 12,
                 "mime_type": "video/mp4", "file_size": 800_000}
        return self._message(user_id, user, video=video)

    def document(self, user_id: int | None = None, *, user: Mapping | None = None,
                 file_name: str = "notes.pdf", mime_type: str = "application/pdf") -> dict:
        document = {**self._file("doc"), "file_name": file_name, "mime_type": mime_type,
                    "file_size": 12_345}
        return self._message(user_id, user, document=document)

    def location(self, user_id: int | None = None, *, user: Mapping | None = None,
                 latitude: float = 51.5072, longitude: float = -0.1276) -> dict[str, Any]:
        return self._message(user_id, user, location={"latitude": latitude, "longitude": longitude})

    def contact(self, user_id: int | None = None, *, user: Mapping | None = None,
                phone_number: str = "+441234567890", first_name: str = "Sam") -> dict[str, Any]:
        contact = {"phone_number": phone_number, "first_name": first_name}
        return self._message(user_id, user, contact=contact)

    def poll(self, user_id: int | None = None, *, user: Mapping | None = None,
             question: str = "Tea or coffee?", options: tuple[str, ...] = ("Tea", "Coffee")) -> dict:
        with self._lock:
            poll_id = f"poll{next(self._query_ids)}"
        poll = {
            "id": poll_id,
            "question": question,
            "options": [
                {"persistent_id": f"{poll_id}-{i}", "text": option, "voter_count": 0}
                for i, option in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": True,
            "members_only": False,
        }
        return self._message(user_id, user, poll=poll)

    def forwarded(self, text: str, user_id: int | None = None, *, user: Mapping | None = None,
                  origin_user_id: int = 5555) -> dict[str, Any]:
        """A message the user forwarded from someone else."""
        origin = {
            "type": "user",
            "date": self.now() - 3600,
            "sender_user": user_json(origin_user_id, "Someone"),
        }
        return self._message(user_id, user, text=text, forward_origin=origin)

    def group_text(self, text: str, user_id: int | None = None, *, user: Mapping | None = None,
                   chat_id: int = -100200300, title: str = "Support group") -> dict[str, Any]:
        """A message in a group the bot was added to."""
        chat = {"id": chat_id, "type": "group", "title": title}
        return self._message(user_id, user, chat, text=text)

    def channel_post(self, text: str, *, chat_id: int = -1001234567890,
                     title: str = "Some channel") -> dict[str, Any]:
        """A post in a channel where the bot is an administrator (no ``from``)."""
        chat = {"id": chat_id, "type": "channel", "title": title}
        message = message_json(
            self.message_id(chat_id), chat, date=self.now(), text=text, sender_chat=chat
        )
        return {"update_id": self.next_update_id(), "channel_post": message}

    def every_kind(self, user_id: int | None = None) -> dict[str, dict[str, Any]]:
        """One update of each kind above, by name (for "no kind of update is an error" tests)."""
        return {
            "text": self.text("hello", user_id),
            "command": self.command("start", "trainee-42", user_id),
            "callback": self.callback("0:yes", user_id=user_id),
            "edited_message": self.edited_message("edited words", 1, user_id),
            "sticker": self.sticker(user_id),
            "photo": self.photo(user_id, caption="look"),
            "voice": self.voice(user_id),
            "video": self.video(user_id),
            "document": self.document(user_id),
            "location": self.location(user_id),
            "contact": self.contact(user_id),
            "poll": self.poll(user_id),
            "forwarded": self.forwarded("from a friend", user_id),
            "group": self.group_text("hi bot", user_id),
            "channel_post": self.channel_post("news"),
        }
