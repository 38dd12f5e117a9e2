"""Expecting the Bot API calls a Telegram bot makes under nonebug (tests/telegram.py builds the
updates it receives)."""

import itertools
from typing import Any

from nonebug.mixin.call_api import ApiContext

from tests import telegram as tg

_ids = itertools.count(90_000)


class Given(dict[str, Any]):
    """A call's parameters as the bot gave them: the adapter adds every optional parameter of
    the method as None (nonebot-adapter-telegram's API methods), which these leave out."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, dict):
            return NotImplemented
        return {k: v for k, v in other.items() if v is not None or k in self} == dict(self)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None


def sent(chat_id: int, text: str) -> dict[str, Any]:
    """The Message sendMessage answers with (Bot API, Message: id, date and chat required)."""
    where = tg.private_chat(chat_id) if chat_id > 0 else tg.chat(chat_id)
    return {"message_id": next(_ids), "date": tg.now(), "chat": where, "text": text}


def expect_send(ctx: ApiContext, chat_id: int, text: str) -> None:
    """A sendMessage of plain `text` (no mentions) to `chat_id`: a person, or a group."""
    params = Given(chat_id=chat_id, text=text, entities=None)
    ctx.should_call_api("send_message", params, sent(chat_id, text))
