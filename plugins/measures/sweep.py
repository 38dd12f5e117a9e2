"""Removing a blacklisted account from every managed group where the platform finds it.

Every filed group that was not rejected is looked at; where the platform lists the account as a
member, it is removed (refusing its re-joining), paced by the port, each removal recorded.
"""

from dataclasses import dataclass, replace

from adapters.actions import Kick
from adapters.port import Member, Platform
from models.measures import MeasureRecord, RecordStatus
from models.registry import Group, GroupStatus
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out


@dataclass(frozen=True)
class Removal:
    group_id: int
    record: MeasureRecord

    @property
    def done(self) -> bool:
        return self.record.status == RecordStatus.DONE


async def managed_groups(platform: str, first: int | None = None) -> list[Group]:
    """Every filed, not rejected group; `first` (if managed) at the head of the list."""
    groups = await (
        Group.filter(platform=platform)
        .exclude(status=GroupStatus.REJECTED)
        .order_by("id")
        .prefetch_related("unit")
    )
    return sorted(groups, key=lambda g: g.group_id != first)


async def remove_everywhere(
    platform: Platform, measure: Measure, *, first: int | None = None, skip: int | None = None
) -> list[Removal]:
    """Remove `measure.target` wherever found, `first` first and `skip` not at all.

    Each removal is `measure` made a kick in that group (its article, actor, reason and detail).
    """
    user_id = measure.target
    if user_id is None:
        return []
    removals: list[Removal] = []
    for group in await managed_groups(platform.name, first):
        if group.group_id == skip:
            continue
        if not isinstance(await platform.member(group.group_id, user_id), Member):
            continue  # not there, or the platform cannot say: nothing to remove
        kick = replace(
            measure,
            kind="kick",
            action=Kick(group.group_id, user_id, refuse_future=True),
            group_id=group.group_id,
            unit=group.unit.name,
            detail={**measure.detail, "blacklisted": True},
        )
        removals.append(Removal(group.group_id, await carry_out(platform, kick)))
    return removals
