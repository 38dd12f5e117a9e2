"""What the Telegram adapter's parsing loses, kept from the raw updates (TELEGRAM.md).

A document's file name is dropped when the adapter turns a message into segments
(nonebot/adapters/telegram/message.py, Message.model_validate keeps only file_id). The raw
getUpdates answer still has it: `keep_raw` reads each update before it is parsed, and
`document_name` gives the name back by chat and message (ids are unique only within a chat).
"""

from collections import OrderedDict
from typing import Any

REMEMBERED = 4096

_names: OrderedDict[tuple[int, int], str] = OrderedDict()


def _message_of(update: dict[str, Any]) -> dict[str, Any] | None:
    for kind in ("message", "edited_message"):
        body = update.get(kind)
        if isinstance(body, dict):
            return body
    return None


def _keep(message: dict[str, Any]) -> None:
    chat, ident = message.get("chat"), message.get("message_id")
    document = message.get("document")
    if isinstance(chat, dict) and isinstance(ident, int) and isinstance(document, dict):
        name = document.get("file_name")
        if isinstance(name, str) and isinstance(chat.get("id"), int):
            _names[(chat["id"], ident)] = name
            _names.move_to_end((chat["id"], ident))
    reply = message.get("reply_to_message")
    if isinstance(reply, dict):
        _keep(reply)


def keep_raw(updates: list[Any]) -> None:
    """Remember the document names in a getUpdates answer (raw dicts)."""
    for update in updates:
        message = _message_of(update) if isinstance(update, dict) else None
        if message is not None:
            _keep(message)
    while len(_names) > REMEMBERED:
        _names.popitem(last=False)


def document_name(chat_id: int, message_id: int) -> str | None:
    return _names.get((chat_id, message_id))


def forget() -> None:
    _names.clear()
