"""Shared set-up of the handover tests: a fixed clock, pending handovers, the calls they lead to."""

from datetime import UTC, datetime, timedelta
from typing import Any

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug.mixin.call_api import ApiContext

from models.handover import Handover
from models.registry import Group
from plugins.handover import store
from tests import accounts
from tests.factories import expect_role

FIXED_NOW = datetime(2025, 3, 1, 1, 0, tzinfo=UTC)  # 09:00 in the street's time zone
DEADLINE = "2025-03-02 09:00"  # FIXED_NOW + 24 h, as the street reads it
CARD_OK = "XX社區-張三"


async def pending(
    group: Group,
    *,
    to_admin: int = accounts.MEMBER,
    from_admin: int | None = accounts.ADMIN,
    opened_by: int = accounts.ADMIN,
    reason: str = "調崗",
    hours_ago: float = 1,
) -> Handover:
    handover, _ = await store.open_handover(
        group,
        from_admin=from_admin,
        to_admin=to_admin,
        opened_by=opened_by,
        reason=reason,
        forced=False,
        at=FIXED_NOW - timedelta(hours=hours_ago),
    )
    return handover


def expect_no_member(ctx: ApiContext, user_id: int) -> None:
    """The platform does not find `user_id` in the group."""
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": accounts.GROUP, "user_id": user_id, "no_cache": True},
        exception=ActionFailed(status="failed", retcode=100, wording="群成員不存在"),
    )


def expect_members(ctx: ApiContext, *members: dict[str, Any]) -> None:
    ctx.should_call_api(
        "get_group_member_list", {"group_id": accounts.GROUP, "no_cache": True}, list(members)
    )


def expect_set_admin(ctx: ApiContext, user_id: int, enable: bool, **answer: Any) -> None:
    ctx.should_call_api(
        "set_group_admin",
        {"group_id": accounts.GROUP, "user_id": user_id, "enable": enable},
        None,
        **answer,
    )
    if "exception" not in answer:
        expect_role(ctx, accounts.GROUP, user_id, "admin" if enable else "member")


def expect_mention(ctx: ApiContext, user_id: int, text: str) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )
