"""Removing a blacklisted account from every managed group, kept in the database as it goes.

A sweep row lists the groups still to look at, in order. Each step takes the group at the head:
where the platform lists the account as a member, and no removal of this sweep is on record as
done there, it is removed (refusing its re-joining) through `carry_out`, paced by the port; then
the group leaves the list. Each group is worked through an account in it; with several
processes, the sweep is held under a lease while one works on it, and the groups only another
process's accounts are in wait on the list for that process. A sweep cut short (a crash, a lost
connection) is picked up by `resume` where it stopped: the group it was on is looked at again, and a removal already done is never
repeated, since the account is no longer there and the record says so. A sweep whose entry was
lifted meanwhile, or whose account is one nobody may blacklist, stops.
"""

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from nonebot.log import logger

from adapters.actions import Kick, Refused, Why
from adapters.port import Member, Platform
from core import accounts, lease
from models.measures import MeasureRecord, RecordStatus, Sweep, SweepStatus
from models.registry import Group, GroupStatus
from plugins.measures import blacklist, store
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.registry.roles import is_protected

# A lookup the platform did not answer at all (the connection failed or timed out): the sweep
# waits for the next resume instead of passing the group by.
_UNANSWERED = (Why.NO_ANSWER, Why.TIMED_OUT)
# Statuses of a filed group the bot no longer manages.
UNMANAGED = (GroupStatus.REJECTED, GroupStatus.REVOKED)

_running: set[int] = set()  # sweeps being worked on in this process
_resuming = asyncio.Lock()


@dataclass(frozen=True)
class Removal:
    group_id: int
    record: MeasureRecord

    @property
    def done(self) -> bool:
        return self.record.status == RecordStatus.DONE


def order(groups: Iterable[int], *, first: int | None = None, skip: int | None = None) -> list[int]:
    """The groups to sweep: `first` (when among them) at the head, `skip` left out."""
    listed = [g for g in dict.fromkeys(groups) if g != skip]
    return sorted(listed, key=lambda g: g != first)


async def managed_groups(platform: str) -> list[Group]:
    """Every filed group the bot manages (not rejected, not revoked), in filing order."""
    return await (
        Group.filter(platform=platform)
        .exclude(status__in=UNMANAGED)
        .order_by("id")
        .prefetch_related("unit")
    )


async def start(measure: Measure, *, first: int | None = None, skip: int | None = None) -> Sweep:
    """Write the sweep of `measure.target` through every managed group (nothing removed yet)."""
    groups = [g.group_id for g in await managed_groups(measure.platform)]
    return await store.open_sweep(measure, order(groups, first=first, skip=skip))


def _removal(sweep: Sweep, group: Group) -> Measure:
    return Measure.in_group(
        group,
        kind="kick",
        article=sweep.article,
        action=Kick(group.group_id, sweep.target, refuse_future=True),
        target=sweep.target,
        actor=sweep.actor,
        category=sweep.category,
        reason=sweep.reason,
        evidence=sweep.evidence,
        detail={**sweep.detail, "blacklisted": True, "sweep": sweep.id},
    )


class _Unanswered(Exception):
    """The platform did not answer a lookup: the sweep stops here, to be resumed."""


async def _step(platform: Platform, sweep: Sweep, group_id: int) -> Removal | None:
    group = await Group.get_or_none(platform=sweep.platform, group_id=group_id).prefetch_related(
        "unit"
    )
    if group is None or group.status in UNMANAGED:
        return None
    if await store.removed_by_sweep(sweep, group_id):
        return None  # done before a crash: never again
    found = await platform.member(group_id, sweep.target)
    if isinstance(found, Refused) and found.why in _UNANSWERED:
        raise _Unanswered(str(found))
    if not isinstance(found, Member):
        return None  # not there, or the platform will not say: nothing to remove
    return Removal(group_id, await carry_out(platform, _removal(sweep, group)))


def lease_key(sweep: Sweep) -> str:
    return f"measures.sweep:{sweep.id}"


async def run(platform: Platform, sweep: Sweep) -> list[Removal]:
    """Work through what is left of `sweep` in the groups this process has an account in; the
    removals made now. None when the sweep runs elsewhere (in this process, or in another under
    its lease). A group no account here is in stays on the list for the process that has one.
    """
    if sweep.id in _running or not await lease.claim(lease_key(sweep)):
        return []
    _running.add(sweep.id)
    try:
        await sweep.refresh_from_db()  # another process may have gone on since it was read
        return await _work(platform, sweep)
    finally:
        _running.discard(sweep.id)
        await lease.give_back(lease_key(sweep))


async def _work(platform: Platform, sweep: Sweep) -> list[Removal]:
    removals: list[Removal] = []
    for group_id in list(sweep.remaining):
        listed = await blacklist.active(sweep.platform, sweep.target) is not None
        if not listed or is_protected(sweep.platform, sweep.target, platform.self_id):
            await store.close_sweep(sweep, SweepStatus.CANCELLED)
            return removals
        port = accounts.platform_for_group(sweep.platform, group_id)
        if port is None:
            continue  # no account here is in it: left to another process
        try:
            removal = await _step(port, sweep, group_id)
        except _Unanswered as exc:
            logger.warning(f"sweep {sweep.id} waits: the platform did not answer ({exc})")
            return removals
        if removal is not None:
            removals.append(removal)
        await store.step_done(sweep, group_id)
        await lease.renew(lease_key(sweep))
    if not sweep.remaining:
        await store.close_sweep(sweep, SweepStatus.DONE)
    return removals


async def remove_everywhere(
    platform: Platform, measure: Measure, *, first: int | None = None, skip: int | None = None
) -> list[Removal]:
    """Sweep `measure.target` out of every managed group, `first` first and `skip` not at all.

    Each removal is a kick with `measure`'s article, actor, reason, category and detail.
    """
    if measure.target is None:
        return []
    return await run(platform, await start(measure, first=first, skip=skip))


async def resume(platform: Platform) -> list[int]:
    """Go on with every unfinished sweep (after a restart, or a sweep cut short); their ids."""
    async with _resuming:
        found = [s for s in await store.running_sweeps(platform.name) if s.id not in _running]
        for sweep in found:
            try:
                removals = await run(platform, sweep)
            except Exception:  # one sweep's failure must not hold up the others
                logger.exception(f"sweep {sweep.id} failed; it is tried again later")
                continue
            logger.info(f"sweep {sweep.id} resumed: {sum(r.done for r in removals)} removed")
        return [s.id for s in found]
