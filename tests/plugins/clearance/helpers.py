"""Members as the platform lists them, and the calls the clearance duty is expected to make."""

from datetime import datetime, timedelta
from typing import Any

from nonebug.mixin.call_api import ApiContext

from adapters.message import Part
from adapters.onebot import to_message
from models.clearance import ClearanceBatch
from models.registry import Group
from plugins.realname import store as realname_store
from tests import accounts
from tests.factories import expect_gone

from .people import AT, STAFF


def member(
    user_id: int,
    card: str = "",
    role: str = "member",
    *,
    spoke: datetime | None = None,
    group_id: int = accounts.GROUP,
) -> dict[str, Any]:
    """A member as get_group_member_list lists them; they last spoke 3 days before AT."""
    spoke = spoke or AT - timedelta(days=3)
    return {
        "group_id": group_id,
        "user_id": user_id,
        "nickname": f"u{user_id}",
        "card": card,
        "role": role,
        "join_time": int((AT - timedelta(days=300)).timestamp()),
        "last_sent_time": int(spoke.timestamp()),
    }


def expect_members(
    ctx: ApiContext, *members: dict[str, Any], group_id: int = accounts.GROUP
) -> None:
    ctx.should_call_api(
        "get_group_member_list", {"group_id": group_id, "no_cache": True}, list(members)
    )


def expect_group_parts(
    ctx: ApiContext, parts: tuple[Part, ...], group_id: int = accounts.GROUP
) -> None:
    ctx.should_call_api(
        "send_group_msg", {"group_id": group_id, "message": to_message(parts)}, {"message_id": 1}
    )


def expect_kick(
    ctx: ApiContext, user_id: int, group_id: int = accounts.GROUP, **answer: Any
) -> None:
    ctx.should_call_api(
        "set_group_kick",
        {"group_id": group_id, "user_id": user_id, "reject_add_request": False},
        None,
        **answer,
    )
    if "exception" not in answer:
        expect_gone(ctx, group_id, user_id)


async def with_roster() -> None:
    await realname_store.import_roster(list(STAFF), "test.csv")


_reserved = iter(range(100_000, 10**9, 1000))


async def next_batch_number(group: Group) -> int:
    """The number the next batch will get: a spent batch is stored above every earlier one."""
    spent = next(_reserved)
    await ClearanceBatch.create(
        id=spent, group=group, created_at=AT, expires_at=AT, confirmed_at=AT, confirmed_by=1
    )
    return spent + 1
