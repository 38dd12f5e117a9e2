"""What the platform is asked during a blacklisting: look a member up, remove them."""

from typing import Any

from nonebot.adapters.onebot.v11.exception import ActionFailed

from models.measures import BlacklistRequest
from tests import accounts
from tests.factories import expect_gone

THIRD_GROUP = 700300


def expect_lookup(ctx: Any, group_id: int, user_id: int, found: bool) -> None:
    data = {"group_id": group_id, "user_id": user_id, "no_cache": True}
    if found:
        ctx.should_call_api(
            "get_group_member_info", data, {"group_id": group_id, "user_id": user_id}
        )
    else:
        ctx.should_call_api(
            "get_group_member_info",
            data,
            exception=ActionFailed(retcode=1200, message=f"群({group_id})成员{user_id}不存在"),
        )


def expect_kick(ctx: Any, group_id: int, user_id: int, error: Exception | None = None) -> None:
    data = {"group_id": group_id, "user_id": user_id, "reject_add_request": True}
    ctx.should_call_api("set_group_kick", data, None, exception=error)
    if error is None:
        expect_gone(ctx, group_id, user_id)


async def requested(
    user_id: int = accounts.MEMBER,
    group_id: int = accounts.GROUP,
    unit: str = "XX社區",
    by: int = accounts.ADMIN,
    reason: str = "發廣告",
) -> BlacklistRequest:
    """A pending request, as a registered admin's /拉黑 leaves it."""
    from plugins.measures import store

    return await store.open_request(
        platform="qq", user_id=user_id, group_id=group_id, unit=unit, reason=reason, by=by
    )


async def next_request_number() -> int:
    """The number the next request will get (ids are not reused after the tables are emptied)."""
    probe = await requested(1)
    await probe.delete()
    return probe.id + 1
