"""NapCat-shaped real-name events (join requests, member notices) and the calls they lead to."""

import time
from datetime import UTC, datetime
from typing import Any

from nonebot.adapters.onebot.v11 import (
    GroupDecreaseNoticeEvent,
    GroupIncreaseNoticeEvent,
    GroupRequestEvent,
    Message,
    MessageSegment,
    NoticeEvent,
)
from nonebug.mixin.call_api import ApiContext

from tests import accounts
from tests.factories import expect_gone

FIXED_NOW = datetime(2025, 3, 1, 1, 0, tzinfo=UTC)  # 09:00 in the street's time zone
FLAG = "flag-1"


def join_request(
    user_id: int, comment: str = "", *, sub_type: str = "add", group_id: int = accounts.GROUP
) -> GroupRequestEvent:
    return GroupRequestEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="request",
        request_type="group",
        sub_type=sub_type,
        group_id=group_id,
        user_id=user_id,
        flag=FLAG,
        comment=comment,
    )


def joined(user_id: int, group_id: int = accounts.GROUP) -> GroupIncreaseNoticeEvent:
    return GroupIncreaseNoticeEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="notice",
        notice_type="group_increase",
        sub_type="approve",
        group_id=group_id,
        user_id=user_id,
        operator_id=accounts.ADMIN,
    )


def left(user_id: int, sub_type: str = "leave") -> GroupDecreaseNoticeEvent:
    return GroupDecreaseNoticeEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="notice",
        notice_type="group_decrease",
        sub_type=sub_type,
        group_id=accounts.GROUP,
        user_id=user_id,
        operator_id=user_id,
    )


def card_notice(user_id: int, card_new: str, card_old: str = "") -> NoticeEvent:
    """NapCat's group_card notice: the adapter has no model for it, so it reads as a NoticeEvent."""
    return NoticeEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="notice",
        notice_type="group_card",
        group_id=accounts.GROUP,
        user_id=user_id,
        card_new=card_new,
        card_old=card_old,
    )  # type: ignore[call-arg]


def expect_mention(ctx: ApiContext, user_id: int, text: str) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


def expect_answer(ctx: ApiContext, approve: bool, reason: str = "") -> None:
    ctx.should_call_api(
        "set_group_add_request",
        {"flag": FLAG, "sub_type": "add", "approve": approve, "reason": reason},
        None,
    )


def expect_kick(ctx: ApiContext, user_id: int, refuse: bool = False, **answer: Any) -> None:
    ctx.should_call_api(
        "set_group_kick",
        {"group_id": accounts.GROUP, "user_id": user_id, "reject_add_request": refuse},
        None,
        **answer,
    )
    if "exception" not in answer:
        expect_gone(ctx, accounts.GROUP, user_id)
