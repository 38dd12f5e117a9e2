"""Telegram at the adapter's edge: what nonebot-adapter-telegram 0.1.0b20 leaves undone.

- Its long poll asks `getUpdates` without `allowed_updates`, so Telegram keeps the default and
  never delivers `chat_member` (core.telegram.org/bots/api#getupdates). `ask_for_updates`, a
  `Bot.on_calling_api` hook, adds the types the bot needs to the adapter's own call (a second
  poll of our own would end the adapter's with 409 Conflict). Telegram remembers the setting, and
  it applies to updates from then on: nothing that happened before the first poll comes back.
- Parsing an update drops a document's file name: `Message.model_validate` (message.py) turns
  the document into a segment with its file id only, and deletes it from the dict the event's
  `telegram_model` is then made from. `keep_documents`, a `Bot.on_called_api` hook, reads the
  raw `getUpdates` result first: `Bot.call_api` (nonebot/internal/adapter/bot.py) runs the
  called hooks on the adapter's `_call_api` return, the decoded JSON, before the Telegram bot
  validates it into models. `document_name(chat_id, message_id)` answers from what it kept.
  `forward_origin` needs no keeping: events allow extra fields, and it stays on the event.

- NoneBot logs every event by `get_log_string()`, which for Telegram is the message text (or
  the whole event); above DEBUG `quiet_event_logs` makes it the event's name and ids, as
  adapters/onebot_log.py does for OneBot.

Hooks are class-wide in NoneBot (every bot of every adapter runs them): each one looks at
Telegram bots' `get_updates` only.
"""

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nonebot.adapters import Bot as BaseBot
from nonebot.adapters.telegram import Bot as TelegramBot
from nonebot.adapters.telegram import Event as TelegramEvent
from nonebot.adapters.telegram.config import AdapterConfig
from nonebot.utils import escape_tag
from pydantic import BaseModel, ValidationError

ALLOWED_UPDATES = (
    "message",
    "edited_message",
    "callback_query",
    "my_chat_member",
    "chat_member",  # joins, leaves, restrictions: only when asked for, and only where admin
    "chat_join_request",
)
"""Update types the bot asks for. Not `message_reaction` and the like: the adapter cannot parse
them (not in its event map) and would log an error for each."""

REMEMBERED = 10_000
"""Documents remembered, newest kept: enough for the file checks that follow a message at once."""

_MESSAGE_KEYS = ("message", "edited_message", "channel_post", "edited_channel_post")


@dataclass(frozen=True)
class KeptDocument:
    file_name: str | None
    mime_type: str | None
    file_size: int | None
    file_unique_id: str | None


_documents: "OrderedDict[tuple[int, int], KeptDocument]" = OrderedDict()


def with_allowed_updates(data: dict[str, Any]) -> None:
    """Name the bot's update types in a `get_updates` call's parameters, unless the caller
    named some."""
    if data.get("allowed_updates") is None:
        data["allowed_updates"] = list(ALLOWED_UPDATES)


def _raw(update: Any) -> Any:
    return (
        update.model_dump(by_alias=True, exclude_none=True)
        if isinstance(update, BaseModel)
        else update
    )


def _keep(message: Any) -> None:
    if not isinstance(message, dict):
        return
    reply = message.get("reply_to_message")
    if isinstance(reply, dict):
        _keep({**reply, "chat": reply.get("chat", message.get("chat"))})
    document, chat = message.get("document"), message.get("chat")
    if not isinstance(document, dict) or not isinstance(chat, dict):
        return
    try:
        key = (int(chat["id"]), int(message["message_id"]))
    except (KeyError, TypeError, ValueError):
        return
    _documents[key] = KeptDocument(
        document.get("file_name"),
        document.get("mime_type"),
        document.get("file_size"),
        document.get("file_unique_id"),
    )
    _documents.move_to_end(key)
    while len(_documents) > REMEMBERED:
        _documents.popitem(last=False)


def keep_raw(result: Any) -> None:
    """Keep the documents of a `getUpdates` result (decoded JSON, or models if a hook already
    made them), replies' included."""
    if not isinstance(result, list):
        return
    for update in map(_raw, result):
        if isinstance(update, dict):
            for key in _MESSAGE_KEYS:
                _keep(update.get(key))


def document(chat_id: int, message_id: int) -> KeptDocument | None:
    return _documents.get((chat_id, message_id))


def document_name(chat_id: int, message_id: int) -> str | None:
    """The file name of the document message `message_id` of `chat_id` carried, if it came
    through this process's polling (and is among the last REMEMBERED); None otherwise."""
    kept = _documents.get((chat_id, message_id))
    return kept.file_name if kept else None


def forget() -> None:
    _documents.clear()


async def ask_for_updates(bot: BaseBot, api: str, data: dict[str, Any]) -> None:
    if isinstance(bot, TelegramBot) and api == "get_updates":
        with_allowed_updates(data)


async def keep_documents(
    bot: BaseBot, exception: Exception | None, api: str, data: dict[str, Any], result: Any
) -> None:
    if isinstance(bot, TelegramBot) and api == "get_updates" and exception is None:
        keep_raw(result)


def install() -> None:
    """Register both hooks (again is harmless: NoneBot keeps them in sets)."""
    TelegramBot.on_calling_api(ask_for_updates)
    TelegramBot.on_called_api(keep_documents)


# --- the log line of an event ---------------------------------------------------------------


def _id(value: Any, *path: str) -> int | None:
    for name in path:
        value = getattr(value, name, None)
    return value if type(value) is int else None  # an id; never a text field


def log_string(event: TelegramEvent) -> str:
    """`[message.group]: chat_id=… user_id=… message_id=…`: the ids the event has (target_id:
    whose membership changed)."""
    found = {
        "chat_id": _id(event, "chat", "id"),
        "user_id": _id(event, "from_", "id"),
        "target_id": _id(event, "new_chat_member", "user", "id"),
        "message_id": _id(event, "message_id"),
    }
    ids = " ".join(f"{key}={value}" for key, value in found.items() if value is not None)
    name = f"[{event.get_event_name()}]"
    return escape_tag(f"{name}: {ids}" if ids else name)


def quiet_event_logs() -> None:
    """NoneBot logs every Telegram event by `log_string`."""
    setattr(TelegramEvent, "get_log_string", log_string)  # noqa: B010 - as adapters/onebot_log.py


# --- start-up checks ---------------------------------------------------------------------------


def bots_problem(config: Mapping[str, Any]) -> str | None:
    """What is wrong with TELEGRAM_BOTS as the adapter will read it from NoneBot's settings
    (`AdapterConfig(**config)`), in one line without the value (it holds the bots' tokens)."""
    try:
        AdapterConfig(**config)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"][1:]) or "整體"
        return f"設定 TELEGRAM_BOTS 有誤：{first['msg']}（位置：{where}）"
    return None


def unread_bots(environ: Mapping[str, str], config: Mapping[str, Any]) -> bool:
    """TELEGRAM_BOTS is set in the environment but NoneBot did not read it: it reads a setting
    that is not its own from the environment only when the .env file names it too."""
    return bool(environ.get("TELEGRAM_BOTS", "").strip()) and "telegram_bots" not in config
