"""Broadcast test helpers: a message captured as the bot sent it, and notices as groups see them."""

from typing import Any

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug.mixin.call_api import ApiContext

from tests import accounts


class Captured:
    """Stands for a message in `should_call_api` and keeps it: the preview names a number the
    database chooses, so its text is compared once the broadcast is read back."""

    def __init__(self) -> None:
        self.value: Any = None

    def __eq__(self, other: object) -> bool:
        self.value = other
        return True

    __hash__ = None  # type: ignore[assignment]

    @property
    def text(self) -> str:
        return "".join(str(s.data["text"]) for s in self.value if s.type == "text")


def expect_private_capture(ctx: ApiContext, user_id: int) -> Captured:
    captured = Captured()
    ctx.should_call_api(
        "send_private_msg", {"user_id": user_id, "message": captured}, {"message_id": 1}
    )
    return captured


def notice(text: str) -> str:
    return f"【黨群工作部通知】\n{text}"


def expect_notice(ctx: ApiContext, group_id: int, text: str) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {"group_id": group_id, "message": Message(MessageSegment.text(notice(text)))},
        {"message_id": 1},
    )


def expect_notice_refused(ctx: ApiContext, group_id: int, text: str) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {"group_id": group_id, "message": Message(MessageSegment.text(notice(text)))},
        exception=ActionFailed(retcode=1200, message="群已被禁言"),
    )


DEPARTMENT = accounts.DEPARTMENT
