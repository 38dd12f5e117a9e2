"""Registry storage: groups, units, registered admins and duty switches. No decisions here."""

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from core import runtime
from core.org import Org
from models.registry import DutySwitch, Group, GroupStatus, GroupType, RegisteredAdmin, Unit
from plugins.registry.duties import DUTIES

# Enabled duties per (platform, group id), none for a group not filed: every message asks, so
# it is filled on first use and dropped when the group is filed or a duty switched.
_enabled: dict[tuple[str, int], frozenset[str]] = {}


def now() -> datetime:
    return datetime.now(UTC)


async def sync_units(org: Org) -> None:
    """Mirror the organisation file's units; a unit no longer listed is kept, marked inactive."""
    listed = {u.name for u in org.units}
    for unit in org.units:
        await Unit.update_or_create(name=unit.name, defaults={"kind": unit.kind, "active": True})
    await Unit.exclude(name__in=listed).update(active=False)


async def find_group(platform: str, group_id: int) -> Group | None:
    return await Group.get_or_none(platform=platform, group_id=group_id).prefetch_related("unit")


async def groups_numbered(group_id: int, platform: str | None = None) -> list[Group]:
    """The filed groups of that number: on `platform`, or on any (one each, at most)."""
    query = Group.filter(group_id=group_id)
    if platform is not None:
        query = query.filter(platform=platform)
    return await query.order_by("platform").prefetch_related("unit")


async def admin_ids(group: Group) -> list[int]:
    rows = await RegisteredAdmin.filter(group=group, until=None).order_by("since")
    return [r.user_id for r in rows]


async def file_group(
    *,
    platform: str,
    group_id: int,
    name: str,
    unit_name: str,
    group_type: GroupType,
    purpose: str,
    filer: int,
    member_count: int,
) -> Group:
    """File a new group, or re-file a rejected one; the filer becomes a registered admin."""
    status = GroupStatus.FILED if group_type == GroupType.INTERNAL else GroupStatus.PENDING
    unit = await Unit.get(name=unit_name)
    async with in_transaction():
        group, _ = await Group.update_or_create(
            platform=platform,
            group_id=group_id,
            defaults={
                "name": name,
                "unit": unit,
                "type": group_type,
                "purpose": purpose,
                "status": status,
                "status_reason": "",
                "filed_by": filer,
                "filed_at": now(),
                "decided_by": None,
                "decided_at": None,
                "member_count": member_count,
            },
        )
        if filer not in await admin_ids(group):
            await RegisteredAdmin.create(group=group, user_id=filer, added_by=filer, reason="備案")
    _enabled.pop((platform, group_id), None)
    await group.fetch_related("unit")
    return group


async def decide(group: Group, *, approve: bool, by: int, reason: str) -> None:
    group.status = GroupStatus.APPROVED if approve else GroupStatus.REJECTED
    group.status_reason = reason
    group.decided_by = by
    group.decided_at = now()
    await group.save(update_fields=["status", "status_reason", "decided_by", "decided_at"])


async def revoke(group: Group, *, by: int, reason: str) -> list[int]:
    """Undo a filing: the group is 已撤銷 and its registered admins stop being so (returned)."""
    admins = await admin_ids(group)
    async with in_transaction():
        group.status = GroupStatus.REVOKED
        group.status_reason = reason
        group.decided_by = by
        group.decided_at = now()
        await group.save(update_fields=["status", "status_reason", "decided_by", "decided_at"])
        await RegisteredAdmin.filter(group=group, until=None).update(until=now())
    _enabled.pop((group.platform, group.group_id), None)
    return admins


async def mark_finished(group: Group, reason: str) -> None:
    group.finished_at = now()
    group.finished_reason = reason
    await group.save(update_fields=["finished_at", "finished_reason"])


async def enabled_duties(platform: str, group_id: int) -> frozenset[str]:
    """The duties on in a filed group (all the rulebook binds, unless switched off); none in an
    unfiled one, or one whose filing was revoked."""
    key = (platform, group_id)
    known = _enabled.get(key)
    if known is None:
        known = frozenset()
        group = await Group.get_or_none(platform=platform, group_id=group_id)
        if group is not None and group.status != GroupStatus.REVOKED:
            switched = {s.duty: s.enabled for s in await DutySwitch.filter(group=group)}
            book = runtime.rulebook()  # a duty the rulebook leaves out is never on
            known = frozenset(
                d.key for d in DUTIES if switched.get(d.key, True) and book.binds(d.key)
            )
        _enabled[key] = known
    return known


async def switch(group: Group, duty: str, enabled: bool, by: int) -> None:
    await DutySwitch.update_or_create(
        group=group, duty=duty, defaults={"enabled": enabled, "changed_by": by}
    )
    _enabled.pop((group.platform, group.group_id), None)


def forget_cache() -> None:
    _enabled.clear()
