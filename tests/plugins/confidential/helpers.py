"""What the duty plugins' tests share: their matchers, and the calls they expect."""

import hashlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebug.mixin.call_api import ApiContext

from tests import accounts

LOCAL = ZoneInfo("Asia/Shanghai")


def expect_mention(ctx: ApiContext, user_id: int, text: str) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


def expect_recall(ctx: ApiContext, message_id: int, **refusal: Any) -> None:
    if refusal:
        from nonebot.adapters.onebot.v11.exception import ActionFailed

        ctx.should_call_api(
            "delete_msg", {"message_id": message_id}, exception=ActionFailed(**refusal)
        )
    else:
        ctx.should_call_api("delete_msg", {"message_id": message_id}, None)


def local_time(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, LOCAL).strftime("%Y-%m-%d %H:%M:%S")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_node(text: str, user_id: int = accounts.MEMBER) -> dict[str, Any]:
    """One message of a forwarded bundle, as NapCat's get_forward_msg returns it."""
    return {
        "message": [{"type": "text", "data": {"text": text}}],
        "sender": {"user_id": user_id, "nickname": f"u{user_id}"},
        "time": 1_700_000_000,
        "message_type": "group",
    }


def forward_node(forward_id: str) -> dict[str, Any]:
    return {
        "message": [{"type": "forward", "data": {"id": forward_id}}],
        "sender": {"user_id": accounts.MEMBER, "nickname": "u"},
        "time": 1_700_000_000,
        "message_type": "group",
    }
