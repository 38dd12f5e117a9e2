"""Setting up registry state directly in the database, for tests of what comes after filing."""

from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin, Unit
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
