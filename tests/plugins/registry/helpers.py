"""Setting up registry state directly in the database, for tests of what comes after filing."""

from typing import Any

from nonebug.mixin.call_api import ApiContext

from models.registry import DutySwitch, Group, GroupStatus, GroupType, RegisteredAdmin, Unit
from tests import accounts


async def filed_group(
    group_id: int = accounts.GROUP,
    *,
    status: GroupStatus = GroupStatus.FILED,
    group_type: GroupType = GroupType.INTERNAL,
    unit: str = "XX社區",
    admins: tuple[int, ...] = (accounts.ADMIN,),
) -> Group:
    group = await Group.create(
        group_id=group_id,
        name="測試群",
        unit=await Unit.get(name=unit),
        type=group_type,
        status=status,
        filed_by=admins[0] if admins else accounts.OWNER,
        member_count=30,
    )
    for admin in admins:
        await RegisteredAdmin.create(group=group, user_id=admin, added_by=admin)
    return group


def member_info(user_id: int, *, card: str = "", nickname: str = "") -> dict[str, Any]:
    """`get_group_member_info` as NapCat answers it."""
    return {
        "group_id": accounts.GROUP,
        "user_id": user_id,
        "nickname": nickname or f"u{user_id}",
        "card": card,
        "sex": "unknown",
        "age": 0,
        "area": "",
        "level": "0",
        "qq_level": 0,
        "join_time": 1_700_000_000,
        "last_sent_time": 1_700_000_100,
        "title_expire_time": 0,
        "unfriendly": False,
        "card_changeable": True,
        "is_robot": False,
        "shut_up_timestamp": 0,
        "role": "member",
        "title": "",
    }


def expect_member_info(ctx: ApiContext, user_id: int, **answer: Any) -> None:
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": accounts.GROUP, "user_id": user_id, "no_cache": True},
        member_info(user_id, **answer),
    )


async def switch_off(duty: str) -> None:
    group = await Group.get(group_id=accounts.GROUP)
    await DutySwitch.create(group=group, duty=duty, enabled=False, changed_by=accounts.ADMIN)
