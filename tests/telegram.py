"""Telegram updates in the Bot API's shape, as plain dicts, and as the adapter parses them.

Shapes follow core.telegram.org/bots/api (Update, Message, MessageEntity, ChatMemberUpdated,
ChatJoinRequest); `event` runs the real nonebot-adapter-telegram parser on one, so a test reads
exactly what the bot will read.
"""

import itertools
import time
from typing import Any

from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.config import BotConfig
from nonebot.adapters.telegram.event import Event

TOKEN = "777000111:TEST-token"
SELF = 777000111  # the bot's user id: a token's first part (Bot.get_bot_id_by_token)
USERNAME = "qungui_test_bot"
GROUP = -1001700100  # a supergroup: -100 followed by the channel id (Bot API, Chat.id)
OTHER_GROUP = -1001700200
OWNER, ADMIN, MEMBER, STRANGER = 6100001, 6100002, 6100003, 6100004
DEPARTMENT = 6100010

_updates = itertools.count(1)
_messages = itertools.count(1)


def now() -> int:
    return int(time.time())


def user(user_id: int, first_name: str = "", username: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name or "用戶"}
    if username:
        found["username"] = username
    return found


def chat(group_id: int = GROUP, title: str = "XX社區工作群") -> dict[str, Any]:
    return {"id": group_id, "type": "supergroup", "title": title}


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "用戶"}


def update(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """An Update: its id first, then one body (the adapter reads the second key as the type)."""
    return {"update_id": next(_updates), kind: body}


def text_mention(offset: int, length: int, user_id: int) -> dict[str, Any]:
    return {"type": "text_mention", "offset": offset, "length": length, "user": user(user_id)}


def group_message(
    text: str,
    user_id: int = MEMBER,
    group_id: int = GROUP,
    *,
    entities: list[dict[str, Any]] | None = None,
    message_id: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": message_id or next(_messages),
        "from": user(user_id),
        "chat": chat(group_id),
        "date": now(),
        "text": text,
        **extra,
    }
    if entities:
        body["entities"] = entities
    return update("message", body)


def command(
    text: str, user_id: int = MEMBER, group_id: int = GROUP, **extra: Any
) -> dict[str, Any]:
    """A command as Telegram delivers it: a bot_command entity only for Latin names (Bot API,
    BotCommand: 1-32 characters of a-z, 0-9 and _); `/備案` is plain text."""
    return group_message(text, user_id, group_id, **extra)


def document_message(
    file_name: str, caption: str = "", user_id: int = MEMBER, group_id: int = GROUP
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": next(_messages),
        "from": user(user_id),
        "chat": chat(group_id),
        "date": now(),
        "document": {
            "file_id": f"BQAC-{file_name}",
            "file_unique_id": f"u-{file_name}",
            "file_name": file_name,
            "mime_type": "application/octet-stream",
        },
    }
    if caption:
        body["caption"] = caption
    return update("message", body)


def private_message(text: str, user_id: int) -> dict[str, Any]:
    body = {
        "message_id": next(_messages),
        "from": user(user_id),
        "chat": private_chat(user_id),
        "date": now(),
        "text": text,
    }
    return update("message", body)


def _member(user_id: int, status: str) -> dict[str, Any]:
    found: dict[str, Any] = {"user": user(user_id), "status": status}
    if status == "administrator":
        found |= {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True}
        found |= dict.fromkeys(
            (
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_promote_members",
                "can_change_info",
                "can_invite_users",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
            ),
            True,
        )
    elif status == "creator":
        found["is_anonymous"] = False
    elif status == "kicked":
        found["until_date"] = 0
    return found


def member_update(
    user_id: int,
    old: str,
    new: str,
    group_id: int = GROUP,
    by: int | None = None,
    *,
    about_bot: bool = False,
) -> dict[str, Any]:
    """A chat_member update (my_chat_member when it is about the bot itself)."""
    body = {
        "chat": chat(group_id),
        "from": user(by or user_id),
        "date": now(),
        "old_chat_member": _member(user_id, old),
        "new_chat_member": _member(user_id, new),
    }
    return update("my_chat_member" if about_bot else "chat_member", body)


def join_request(user_id: int, group_id: int = GROUP) -> dict[str, Any]:
    body = {
        "chat": chat(group_id),
        "from": user(user_id),
        "user_chat_id": user_id,  # the private chat with the applicant (Bot API, ChatJoinRequest)
        "date": now(),
    }
    return update("chat_join_request", body)


def event(raw: dict[str, Any]) -> Event:
    """The update as the adapter parses it (adapter.py: Event.parse_event)."""
    import copy

    return Event.parse_event(copy.deepcopy(raw))


def filled(api: str, params: dict[str, Any]) -> dict[str, Any]:
    """`params` as the adapter's Bot.call_api hands them on: every parameter of the API method
    it did not get, as None (nonebot/adapters/telegram/bot.py, call_api; the adapter drops the
    Nones before the request)."""
    import inspect

    from nonebot.adapters.telegram.api import API

    method = getattr(API, api, None)
    if method is None:
        return params
    names = [p for p in inspect.signature(method).parameters if p != "self"]
    return {**dict.fromkeys(names), **params}


def expect(ctx: Any, api: str, params: dict[str, Any], result: Any = True, **kw: Any) -> None:
    """ctx.should_call_api for a Telegram call, with the parameters filled as the bot sends them."""
    ctx.should_call_api(api, filled(api, params), result, **kw)


def make_bot(ctx: Any) -> Bot:
    """A nonebug bot of the Telegram adapter's class (its calls reach `ctx.should_call_api`)."""
    return ctx.create_bot(
        base=Bot, self_id=str(SELF), config=BotConfig(token=TOKEN, api_server="http://127.0.0.1:1/")
    )
