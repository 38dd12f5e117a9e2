"""Expecting a Telegram bot's sendMessage under nonebug, with the Message it answers."""

import itertools
from typing import Any

from tests import telegram as tg

_ids = itertools.count(90_000)


def sent(chat_id: int, text: str) -> dict[str, Any]:
    """The Message sendMessage answers with (Bot API, Message: id, date and chat required;
    the adapter parses it)."""
    where = tg.private_chat(chat_id) if chat_id > 0 else tg.chat(chat_id)
    return {"message_id": next(_ids), "date": tg.now(), "chat": where, "text": text}


def expect_send(ctx: Any, chat_id: int, text: str) -> None:
    """A sendMessage of plain `text` (no mentions) to `chat_id`: a person, or a group."""
    params = {"chat_id": chat_id, "text": text, "entities": None}
    tg.expect(ctx, "send_message", params, sent(chat_id, text))
