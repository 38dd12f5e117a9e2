"""Who may do what (COMMANDS.md "Who may do what"): the roles, decided once, as permissions."""

from collections.abc import Collection
from enum import StrEnum

from nonebot.adapters import Bot, Event
from nonebot.permission import Permission

from adapters.events import Sender, platform_for, sender_of
from adapters.port import Member
from adapters.port import Role as PlatformRole
from core import runtime
from core.org import Account, Org
from models.registry import GroupStatus


class Role(StrEnum):
    DEPARTMENT = "黨群工作部"
    UNIT_LEADER = "單位分管負責人"
    REGISTERED_ADMIN = "群組管理員"
    PLATFORM_ADMIN = "群主或管理員"
    MEMBER = "成員"


def roles_of(
    platform: str,
    user_id: int,
    *,
    superuser: bool,
    platform_role: PlatformRole | None,
    org: Org,
    group_unit: str | None,
    registered: Collection[int],
) -> frozenset[Role]:
    """Every role `user_id` of `platform` holds in a group (or in a private chat, where group
    facts are None). The organisation file names accounts by platform: the same number on
    another platform is someone else."""
    held = {Role.MEMBER}
    if superuser or org.is_department(platform, user_id):
        held.add(Role.DEPARTMENT)
    unit = org.unit(group_unit) if group_unit else None
    if unit is not None and unit.led_by(platform, user_id):
        held.add(Role.UNIT_LEADER)
    if user_id in registered:
        held.add(Role.REGISTERED_ADMIN)
    if platform_role in ("owner", "admin"):
        held.add(Role.PLATFORM_ADMIN)
    return frozenset(held)


async def roles_in_event(bot: Bot, event: Event) -> frozenset[Role]:
    from plugins.registry import store

    sender = sender_of(event)
    if sender is None:
        return frozenset()
    group = None
    if sender.group_id is not None:
        group = await store.find_group(sender.platform, sender.group_id)
    if group is not None and group.status == GroupStatus.REVOKED:
        group = None  # a revoked filing gives nobody a role there: not its unit's leader either
    return roles_of(
        sender.platform,
        sender.user_id,
        superuser=runtime.is_superuser(sender.platform, sender.user_id),
        platform_role=await _platform_role(bot, sender),
        org=runtime.org(),
        group_unit=group.unit.name if group else None,
        registered=await store.admin_ids(group) if group else (),
    )


async def _platform_role(bot: Bot, sender: Sender) -> PlatformRole | None:
    """The sender's role as the event says it; asked of the platform when the event does not
    say (a Telegram message carries no role, and the chat's admins are not known yet)."""
    if sender.role is not None or sender.group_id is None:
        return sender.role
    member = await platform_for(bot).member(sender.group_id, sender.user_id)
    return member.role if isinstance(member, Member) else None


def protected(
    platform: str,
    user_id: int,
    *,
    org: Org,
    superusers: Collection[Account],
    self_id: int | None = None,
) -> bool:
    """Accounts of `platform` no measure command may mute, remove or blacklist: the
    department's staff, the superusers, every unit's leaders, and the bot itself (`self_id`,
    its account on that platform)."""
    return (
        user_id == self_id
        or Account(platform, user_id) in superusers
        or org.is_department(platform, user_id)
        or bool(org.units_led_by(platform, user_id))
    )


def is_protected(platform: str, user_id: int, self_id: int | str | None = None) -> bool:
    """`protected`, for the running bot's organisation file and SUPERUSERS."""
    me = int(self_id) if self_id is not None and str(self_id).isdigit() else None
    return protected(
        platform, user_id, org=runtime.org(), superusers=runtime.superusers(), self_id=me
    )


def decides_for_unit(*, department: bool, led_units: Collection[str], unit: str) -> bool:
    """The department decides for any unit (a filing, a blacklist request or entry); a unit
    leader for the unit's own groups."""
    return department or (bool(unit) and unit in led_units)


def bans_street_wide(held: Collection[Role]) -> bool:
    """Whose /拉黑 goes straight to the street-wide blacklist: the department's, and a unit
    leader's in the unit's own groups. A registered admin's is a request that they confirm."""
    return Role.DEPARTMENT in held or Role.UNIT_LEADER in held


def holding(*wanted: Role) -> Permission:
    """A NoneBot permission: the sender holds one of `wanted` (anyone, when none is named)."""

    async def check(bot: Bot, event: Event) -> bool:
        return not wanted or bool(await roles_in_event(bot, event) & set(wanted))

    return Permission(check)


# The role sets COMMANDS.md names, most used first.
EVERYONE: tuple[Role, ...] = ()
ADMINS = (Role.REGISTERED_ADMIN, Role.UNIT_LEADER, Role.DEPARTMENT)
LEADERS = (Role.UNIT_LEADER, Role.DEPARTMENT)
FILERS = (Role.PLATFORM_ADMIN, Role.DEPARTMENT)
DEPARTMENT_ONLY = (Role.DEPARTMENT,)
